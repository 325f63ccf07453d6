package console_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	gomail "github.com/emersion/go-message/mail"

	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// recorder sends through the local SES server and keeps each raw mail
// by recipient (the calendar part is read from it).
type recorder struct {
	inner mailer.Sender
	mu    sync.Mutex
	raw   map[string][][]byte
}

func newRecorder(t *testing.T) *recorder {
	return &recorder{inner: sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), ""), raw: map[string][][]byte{}}
}

func (r *recorder) SendRaw(ctx context.Context, from, to string, raw []byte) (string, error) {
	r.mu.Lock()
	r.raw[to] = append(r.raw[to], raw)
	r.mu.Unlock()
	return r.inner.SendRaw(ctx, from, to, raw)
}

// mails are the recorded mails to an address whose subject has want.
func (r *recorder) mails(t *testing.T, to, want string) []recorded {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []recorded
	for _, raw := range r.raw[to] {
		if m := parseMail(t, raw); strings.Contains(m.Subject, want) {
			out = append(out, m)
		}
	}
	return out
}

type recorded struct{ Subject, Text, Calendar string }

func parseMail(t *testing.T, raw []byte) recorded {
	t.Helper()
	mr, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var m recorded
	m.Subject, _ = mr.Header.Subject()
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return m
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p.Body)
		switch ct := p.Header.Get("Content-Type"); {
		case strings.HasPrefix(ct, "text/calendar"):
			m.Calendar = string(b)
		case strings.HasPrefix(ct, "text/plain"):
			m.Text = string(b)
		}
	}
}

var sequence = regexp.MustCompile(`SEQUENCE:(\d+)`)

func seqOf(t *testing.T, cal string) int {
	t.Helper()
	m := sequence.FindStringSubmatch(cal)
	if m == nil {
		t.Fatalf("no SEQUENCE in %s", cal)
	}
	var n int
	fmt.Sscan(m[1], &n)
	return n
}

func uidOf(cal string) string {
	_, rest, _ := strings.Cut(cal, "UID:")
	uid, _, _ := strings.Cut(rest, "\r\n")
	return uid
}

// register registers name (email at domain, in lang) for the demo
// meeting through the JSON route, as the client at ip; it returns the
// registration's id.
func register(t *testing.T, a *testenv.Functions, ip, name, email, lang, org string, photos bool) string {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"name": name, "email": email, "organisation": org, "language": lang,
		"needs": map[string]string{"dietary": "vegan"}, "consent": map[string]bool{"privacy": true, "photos": photos}})
	resp, err := a.Meeting(context.Background(), testenv.From(ip, "/meetings/{meetingId}/registrations", "meetingId", seed.MeetingID, string(b), lang))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("register %s: %v %d %s", name, err, resp.StatusCode, resp.Body)
	}
	var res struct{ RegistrationID string }
	_ = json.Unmarshal([]byte(resp.Body), &res)
	return res.RegistrationID
}

// TestConsoleCancelMeeting: the confirm page names how many people are
// told; the cancellation posted twice at once with its stamp and once
// more from another tab mails each live registrant and each person on
// the waitlist once, in their language, with a calendar CANCEL of the
// confirmation's UID and a higher SEQUENCE; the public page says it is
// cancelled and takes no registration (page and JSON), and the
// registrations' pages say it too. DynamoDB Local and local SES.
func TestConsoleCancelMeeting(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	a.PutDemoMeeting(t, 2)
	domain := fmt.Sprintf("cancel-%d.example", time.Now().UnixNano())
	people := []struct{ name, lang string }{{"Amal Haddad", "ar"}, {"Berta Brandt", "de"}, {"Cem Yılmaz", "tr"}}
	ids := map[string]string{}
	for i, p := range people {
		ids[p.lang] = register(t, a, fmt.Sprintf("127.0.3.%d", i+1), p.name, p.lang+"@"+domain, p.lang, "Verein "+p.lang, false)
	}
	rec := newRecorder(t)
	a.Deliver(t, rec, mailer.Config{})
	confirmation := rec.mails(t, "ar@"+domain, "")
	if len(confirmation) != 1 || confirmation[0].Calendar == "" {
		t.Fatalf("the confirmation: %+v", confirmation)
	}

	p := map[string]string{"meetingId": seed.MeetingID}
	ask := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}/cancel"}, "demo", ""))
	if ask.StatusCode != 200 || !strings.Contains(ask.Body, "3 (mit Platz: 2, auf der Warteliste: 1)") {
		t.Fatalf("the confirm page does not name the people told: %d %.3000s", ask.StatusCode, ask.Body)
	}
	stamp := lastStamp(t, ask.Body)
	post := func(stamp string) (int, string) {
		c := s.Request(routes.Route{Method: "POST", Path: "/console/meetings/{meetingId}/cancel"}, "demo", "")
		v, _ := url.ParseQuery(c.Body)
		v.Set("form.stamp", stamp)
		c.Body = v.Encode()
		r := a.Do(t, h, c)
		return r.StatusCode, r.Headers["location"]
	}
	var wg sync.WaitGroup
	codes, locs := make([]int, 2), make([]string, 2)
	for i := range codes {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i], locs[i] = post(stamp) }()
	}
	wg.Wait()
	if codes[0] != 303 || codes[1] != 303 || locs[0] != locs[1] || !strings.Contains(locs[0], "cancelled=3") {
		t.Fatalf("cancel posted twice at once: %v %q", codes, locs)
	}
	// Another tab's post: nothing new.
	if code, _ := post(testenv.Stamp("/console/meetings/" + seed.MeetingID + "/cancel")); code != 303 {
		t.Fatalf("cancel again: %d", code)
	}
	a.Deliver(t, rec, mailer.Config{})
	a.Deliver(t, rec, mailer.Config{})

	subjects := map[string]string{"ar": "أُلغيت الفعالية", "de": "Veranstaltung abgesagt", "tr": "Etkinlik iptal edildi"}
	for lang, want := range subjects {
		got := rec.mails(t, lang+"@"+domain, want)
		if len(got) != 1 {
			t.Errorf("%s: %d cancellation mails, want 1", lang, len(got))
			continue
		}
		if !strings.Contains(got[0].Calendar, "METHOD:CANCEL") || !strings.Contains(got[0].Calendar, "STATUS:CANCELLED") {
			t.Errorf("%s: no calendar CANCEL: %s", lang, got[0].Calendar)
		}
	}
	inbox := 0
	for _, m := range testenv.Inbox(t, domain) {
		for _, want := range subjects {
			if strings.Contains(m.Subject, want) {
				inbox++
			}
		}
	}
	if inbox != 3 {
		t.Errorf("the local SES inbox has %d cancellation mails, want 3", inbox)
	}
	if c := rec.mails(t, "ar@"+domain, subjects["ar"]); len(c) == 1 {
		if uidOf(c[0].Calendar) != uidOf(confirmation[0].Calendar) || seqOf(t, c[0].Calendar) <= seqOf(t, confirmation[0].Calendar) {
			t.Errorf("the CANCEL does not replace the confirmation's entry:\n%s\n%s", c[0].Calendar, confirmation[0].Calendar)
		}
	}

	// The public page says so and takes no registration.
	page := testenv.Page(t, a.Meeting, "GET", "/m/{meetingId}", "/m/"+seed.MeetingID, p, "", nil, nil)
	if page.StatusCode != 200 || !strings.Contains(page.Body, "Diese Veranstaltung ist abgesagt") || strings.Contains(page.Body, `id="register-form"`) {
		t.Errorf("the public page: %d %.2000s", page.StatusCode, page.Body)
	}
	before := len(a.Query(t, "MEETING#"+seed.MeetingID, "REG#"))
	resp, _ := a.Meeting(context.Background(), testenv.From("127.0.3.9", "/meetings/{meetingId}/registrations", "meetingId", seed.MeetingID,
		testenv.RegistrationBody("Spät", "late@"+domain), "de"))
	if resp.StatusCode != 409 || !strings.Contains(resp.Body, `"closed"`) {
		t.Errorf("registering for a cancelled meeting: %d %s", resp.StatusCode, resp.Body)
	}
	form := url.Values{"name": {"Spät"}, "email": {"late2@" + domain}, "consent.privacy": {"true"}, "form.stamp": {testenv.Stamp("/m/" + seed.MeetingID)}}
	if r := testenv.Page(t, a.Meeting, "POST", "/m/{meetingId}", "/m/"+seed.MeetingID, p, "", form, nil); r.StatusCode != 409 {
		t.Errorf("the page's form for a cancelled meeting: %d", r.StatusCode)
	}
	if n := len(a.Query(t, "MEETING#"+seed.MeetingID, "REG#")); n != before {
		t.Errorf("registrations after the cancellation: %d, want %d", n, before)
	}
	// The registrations' pages say it, and offer no cancel of their own.
	tok := a.Tokens.Token(meeting.TokenKind, ids["de"])
	mine := testenv.Page(t, a.Meeting, "GET", "/r/{token}", "/r/"+tok, map[string]string{"token": tok}, "", nil, nil)
	if !strings.Contains(mine.Body, "Die Veranstaltung ist abgesagt") || strings.Contains(mine.Body, "/cancel?lang=de\"") {
		t.Errorf("the registration's page: %.2000s", mine.Body)
	}
	// The console's page says it and offers no second cancellation.
	con := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}"}, "demo", ""))
	if !strings.Contains(con.Body, "Diese Veranstaltung ist abgesagt") || strings.Contains(con.Body, "/cancel\"") {
		t.Errorf("the console's meeting page: %.2000s", con.Body)
	}
}
