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
			m.Text = strings.ReplaceAll(string(b), "\r\n", "\n")
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
	if cal := testenv.Page(t, a.Meeting, "GET", "/r/{token}/calendar.ics", "/r/"+tok+"/calendar.ics", map[string]string{"token": tok}, "", nil, nil); cal.StatusCode != 404 {
		t.Errorf("the calendar entry of a cancelled meeting: %d", cal.StatusCode)
	}
	// The console's page says it and offers no second cancellation.
	con := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}"}, "demo", ""))
	if !strings.Contains(con.Body, "Diese Veranstaltung ist abgesagt") || strings.Contains(con.Body, "/cancel\"") {
		t.Errorf("the console's meeting page: %.2000s", con.Body)
	}
	// An edit form opened from an old link goes to the meeting's page,
	// which says why: no form whose save is refused.
	edit := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}/edit"}, "demo", ""))
	if edit.StatusCode != 303 || strings.TrimSuffix(edit.Headers["location"], "?") != "/console/meetings/"+seed.MeetingID {
		t.Errorf("the edit form of a cancelled meeting: %d %q", edit.StatusCode, edit.Headers["location"])
	}
}

// post sends a console form to route (the demo meeting's) with values,
// the session's CSRF token and stamp.
func post(t *testing.T, a *testenv.Functions, s *testenv.Sessions, h func(testing.TB, testenv.Request) (int, string, string), path string, v url.Values, stamp string) (int, string, string) {
	t.Helper()
	c := s.Request(routes.Route{Method: "POST", Path: path}, "demo", "")
	v.Set("csrf", s.CSRF(s.TokenFor("demo")))
	v.Set("form.stamp", stamp)
	c.Body = v.Encode()
	return h(t, c)
}

// TestConsoleMessageToWaitlist: a message to the waitlist is checked
// (German subject and text required), shown as a preview that sends
// nothing, and sent with confirm=yes to the waitlist only, once per
// person (posted twice), in each person's language with German where
// the message has none; the meeting's page lists it. DynamoDB Local and
// local SES.
func TestConsoleMessageToWaitlist(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	a.PutDemoMeeting(t, 1)
	domain := fmt.Sprintf("message-%d.example", time.Now().UnixNano())
	register(t, a, "127.0.4.1", "Sitz Inhaber", "seat@"+domain, "de", "Verein A", false)
	register(t, a, "127.0.4.2", "Wait English", "en@"+domain, "en", "Verein B", false)
	register(t, a, "127.0.4.3", "Bekleyen Türk", "tr@"+domain, "tr", "Verein C", false)
	do := func(t testing.TB, r testenv.Request) (int, string, string) {
		resp := a.Do(t, h, r)
		return resp.StatusCode, resp.Headers["location"], resp.Body
	}
	path := "/console/meetings/{meetingId}/message"
	form := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: path}, "demo", ""))
	if form.StatusCode != 200 || !strings.Contains(form.Body, "Nur die Warteliste (2)") || !strings.Contains(form.Body, "Alle mit Platz (1)") {
		t.Fatalf("the message form: %d %.3000s", form.StatusCode, form.Body)
	}
	stamp := lastStamp(t, form.Body)

	// German missing: the form again with the error beside the field.
	code, _, body := post(t, a, s, do, path, url.Values{"recipients": {"waitlisted"}, "subject.en": {"Only English"}}, stamp)
	if code != 422 || !strings.Contains(body, `id="subject-de-error"`) || !strings.Contains(body, `id="text-de-error"`) || !strings.Contains(body, "error-summary") ||
		!strings.Contains(body, `href="#subject-de">Betreff: Der deutsche Text`) || !strings.Contains(body, `href="#text-de">Text: Der deutsche Text`) {
		t.Fatalf("a message without German: %d %.3000s", code, body)
	}
	// Another language's mistake (a forged subject with a line break) is
	// said at the subject, as one line wanted.
	code, _, body = post(t, a, s, do, path, url.Values{"recipients": {"waitlisted"}, "subject.de": {"Raum"}, "text.de": {"Saal 2"},
		"subject.ar": {"قاعة\r\nBcc: x@example.org"}, "text.ar": {"قاعة 2"}}, stamp)
	if code != 422 || !strings.Contains(body, `href="#subject-de">Betreff: Bitte eine Zeile`) {
		t.Fatalf("an Arabic subject with a line break: %d %.3000s", code, body)
	}
	msg := url.Values{"recipients": {"waitlisted"}, "subject.de": {"Neuer Raum"}, "text.de": {"Wir treffen uns im Saal 2.\n\nBis bald!"},
		"subject.en": {"New room"}, "text.en": {"We meet in hall 2.\n\nSee you soon!"}}
	code, _, body = post(t, a, s, do, path, msg, stamp)
	if code != 200 || !strings.Contains(body, "Wir treffen uns im Saal 2.") || !strings.Contains(body, "Hallo Vorname Nachname") || !strings.Contains(body, `value="yes"`) {
		t.Fatalf("the preview: %d %.3000s", code, body)
	}
	if n := len(a.Query(t, "MEETING#"+seed.MeetingID, "MSG#")); n != 0 {
		t.Fatalf("the preview stored %d messages", n)
	}
	msg.Set("confirm", "yes")
	code, loc, _ := post(t, a, s, do, path, msg, stamp)
	code2, loc2, _ := post(t, a, s, do, path, msg, stamp)
	if code != 303 || code2 != 303 || loc != loc2 || !strings.Contains(loc, "sent=2") {
		t.Fatalf("send twice: %d %q, %d %q", code, loc, code2, loc2)
	}
	rec := newRecorder(t)
	a.Deliver(t, rec, mailer.Config{})
	if got := rec.mails(t, "en@"+domain, "New room"); len(got) != 1 || !strings.Contains(got[0].Text, "We meet in hall 2.") {
		t.Errorf("the English waitlisted person: %+v", got)
	}
	if got := rec.mails(t, "tr@"+domain, "Neuer Raum"); len(got) != 1 || !strings.Contains(got[0].Text, "Wir treffen uns im Saal 2.") {
		t.Errorf("the Turkish waitlisted person (German, their language has no text): %+v", got)
	}
	if got := rec.mails(t, "seat@"+domain, "Raum"); len(got) != 0 {
		t.Errorf("the person with a seat got the waitlist's message: %d", len(got))
	}
	n := 0
	for _, m := range testenv.Inbox(t, domain) {
		if strings.Contains(m.Subject, "Raum") || strings.Contains(m.Subject, "room") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("the local SES inbox has %d messages, want 2", n)
	}
	page := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}"}, "demo", ""))
	_, list, _ := strings.Cut(page.Body, `id="messages"`)
	if !strings.Contains(list, "Neuer Raum") || !strings.Contains(list, "Nur die Warteliste (2)") {
		t.Errorf("the meeting page does not list the message: %.2000s", list)
	}
}

// meetingForm is the demo meeting's form as stored, changed by edit.
func meetingForm(m *meeting.Meeting, edit func(url.Values)) url.Values {
	z := m.Zone()
	v := url.Values{"title.de": {m.Title["de"]}, "startsAt": {m.StartsAt.In(z).Format("2006-01-02T15:04")}, "endsAt": {m.EndsAt.In(z).Format("2006-01-02T15:04")},
		"timeZone": {m.TimeZone}, "location.address": {m.Location.Address}, "location.name": {m.Location.Name},
		"capacity": {fmt.Sprint(m.Capacity)}, "registrationClosesAt": {m.RegistrationClosesAt.In(z).Format("2006-01-02T15:04")}}
	if edit != nil {
		edit(v)
	}
	return v
}

// TestConsoleMoveMeeting: a new time for a meeting with registrations
// first asks, naming how many people get a mail and what changes, and
// stores nothing; confirmed, it saves and each person gets a mail that
// says before → now with an updated calendar entry (same UID, higher
// SEQUENCE). DynamoDB Local and local SES.
func TestConsoleMoveMeeting(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	m := a.PutDemoMeeting(t, 1)
	domain := fmt.Sprintf("move-%d.example", time.Now().UnixNano())
	register(t, a, "127.0.5.1", "Sitz Inhaber", "seat@"+domain, "de", "Verein A", false)
	register(t, a, "127.0.5.2", "Warte Liste", "wait@"+domain, "de", "Verein B", false)
	rec := newRecorder(t)
	a.Deliver(t, rec, mailer.Config{})
	do := func(t testing.TB, r testenv.Request) (int, string, string) {
		resp := a.Do(t, h, r)
		return resp.StatusCode, resp.Headers["location"], resp.Body
	}
	z := m.Zone()
	later := m.StartsAt.Add(24 * time.Hour).In(z)
	v := meetingForm(m, func(v url.Values) {
		v.Set("startsAt", later.Format("2006-01-02T15:04"))
		v.Set("endsAt", m.EndsAt.Add(24*time.Hour).In(z).Format("2006-01-02T15:04"))
		v.Set("location.address", "Neue Straße 5")
	})
	stamp := testenv.Stamp("/console/meetings/" + seed.MeetingID)
	code, _, body := post(t, a, s, do, "/console/meetings/{meetingId}", v, stamp)
	if code != 200 || !strings.Contains(body, "2 (mit Platz: 1, auf der Warteliste: 1)") || !strings.Contains(body, "Neue Straße 5") || !strings.Contains(body, "bisher") {
		t.Fatalf("the move's confirm step: %d %.3000s", code, body)
	}
	if stored, _, _ := a.Store.Meeting(context.Background(), seed.MeetingID); !stored.StartsAt.Equal(m.StartsAt) {
		t.Fatalf("the confirm step stored the move")
	}
	v.Set("confirm", "yes")
	if code, loc, body := post(t, a, s, do, "/console/meetings/{meetingId}", v, stamp); code != 303 || !strings.Contains(loc, "saved=1") {
		t.Fatalf("the confirmed move: %d %q %.2000s", code, loc, body)
	}
	a.Deliver(t, rec, mailer.Config{})
	confirmation := rec.mails(t, "seat@"+domain, "Anmeldung bestätigt")
	moved := rec.mails(t, "seat@"+domain, "Geändert")
	if len(confirmation) != 1 || len(moved) != 1 {
		t.Fatalf("mails to the seat holder: %d confirmations, %d moves", len(confirmation), len(moved))
	}
	day := func(t time.Time) string { return fmt.Sprintf("%d.", t.Day()) }
	text := moved[0].Text
	if !strings.Contains(text, "Das hat sich geändert:") || !strings.Contains(text, "bisher") || !strings.Contains(text, "→ jetzt") ||
		!strings.Contains(text, "Neue Straße 5") || !strings.Contains(text, m.Location.Address) || !strings.Contains(text, day(later)) {
		t.Errorf("the move's mail does not say before → now:\n%s", text)
	}
	if uidOf(moved[0].Calendar) != uidOf(confirmation[0].Calendar) || seqOf(t, moved[0].Calendar) <= seqOf(t, confirmation[0].Calendar) ||
		!strings.Contains(moved[0].Calendar, "METHOD:REQUEST") {
		t.Errorf("the move's calendar entry does not update the confirmation's:\n%s", moved[0].Calendar)
	}
	if got := rec.mails(t, "wait@"+domain, "Geändert"); len(got) != 1 || !strings.Contains(got[0].Text, "→ jetzt") {
		t.Errorf("the waitlisted person's move mail: %+v", got)
	}
}

// TestConsoleMeetingTimeZoneSelect: the form offers the zones as a
// select, Europe/Berlin first and chosen for a new meeting; a zone not
// in the list is an error beside the field, in KERN's error style and in
// plain words (no "IANA").
func TestConsoleMeetingTimeZoneSelect(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	page := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/new"}, "demo", ""))
	i := strings.Index(page.Body, `<select class="kern-form-input__select" id="timeZone" name="timeZone"`)
	if i < 0 {
		t.Fatalf("no time zone select: %.3000s", page.Body)
	}
	sel := page.Body[i : i+strings.Index(page.Body[i:], "</select>")]
	want := []string{"Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "Europe/Luxembourg", "Europe/Brussels", "Europe/Istanbul", "UTC"}
	at := 0
	for _, z := range want {
		j := strings.Index(sel, `value="`+z+`"`)
		if j < at {
			t.Errorf("%s is not after the zones before it: %s", z, sel)
		}
		at = j
	}
	if !strings.Contains(sel, `<option value="Europe/Berlin" selected>Deutschland (Europe/Berlin)</option>`) {
		t.Errorf("Europe/Berlin is not chosen: %s", sel)
	}
	m := seed.DemoMeeting(time.Now())
	do := func(t testing.TB, r testenv.Request) (int, string, string) {
		resp := a.Do(t, h, r)
		return resp.StatusCode, resp.Headers["location"], resp.Body
	}
	code, _, body := post(t, a, s, do, "/console/meetings", meetingForm(m, func(v url.Values) { v.Set("timeZone", "Mars/Olympus"); v.Set("capacity", "-1") }),
		testenv.Stamp("/console/meetings"))
	if code != 422 || !strings.Contains(body, "Bitte wählen Sie eine Zeitzone aus der Liste") || !strings.Contains(body, `id="timeZone-error"`) ||
		!strings.Contains(body, "kern-form-input__select--error") || !strings.Contains(body, `href="#timeZone"`) || strings.Contains(body, "IANA") {
		t.Errorf("a zone not in the list: %d %.4000s", code, body)
	}
	if !strings.Contains(body, `id="capacity-error"`) {
		t.Errorf("the form's other mistakes are not said with the zone's")
	}
}

// TestConsoleAttendanceList: the attendance list has those with a seat,
// sorted by name as German sorts (Ö with O) or by organisation, with
// their needs and photo consent, and blank rows (5, or as asked) for
// people who come unannounced.
func TestConsoleAttendanceList(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	a.PutDemoMeeting(t, 10)
	domain := fmt.Sprintf("attend-%d.example", time.Now().UnixNano())
	register(t, a, "127.0.6.1", "Zoe Zander", "z@"+domain, "de", "Alpha e.V.", true)
	register(t, a, "127.0.6.2", "Ömer Öztürk", "o@"+domain, "tr", "Zeta e.V.", false)
	register(t, a, "127.0.6.3", "Anna Arndt", "a@"+domain, "de", "Mitte e.V.", false)
	list := func(query string) string {
		r := s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}/attendance"}, "demo", "")
		r.Query = query
		resp := a.Do(t, h, r)
		if resp.StatusCode != 200 {
			t.Fatalf("attendance %s: %d %.2000s", query, resp.StatusCode, resp.Body)
		}
		return resp.Body
	}
	order := func(body string, names ...string) bool {
		at := -1
		for _, n := range names {
			i := strings.Index(body, ">"+n+"<")
			if i < at {
				return false
			}
			at = i
		}
		return true
	}
	body := list("")
	if !order(body, "Anna Arndt", "Ömer Öztürk", "Zoe Zander") {
		t.Errorf("not sorted by name: %.4000s", body)
	}
	if n := strings.Count(body, "blank-row"); n != 5 {
		t.Errorf("%d blank rows, want 5", n)
	}
	_, zoe, _ := strings.Cut(body, ">Zoe Zander<")
	zoe, _, _ = strings.Cut(zoe, "</tr>")
	if !strings.Contains(zoe, "Essen: vegan") && !strings.Contains(zoe, "vegan") || !strings.Contains(zoe, ">ja<") {
		t.Errorf("Zoe's row lacks needs or photo consent: %s", zoe)
	}
	body = list("sort=organisation&blank=2")
	if !order(body, "Zoe Zander", "Anna Arndt", "Ömer Öztürk") {
		t.Errorf("not sorted by organisation: %.4000s", body)
	}
	if n := strings.Count(body, "blank-row"); n != 2 {
		t.Errorf("%d blank rows, want 2", n)
	}
}

// TestConsoleMeetingDescription: the meeting form takes a description
// per language; the public page shows it in the page's language (German
// where it has none) with its line breaks kept.
func TestConsoleMeetingDescription(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	m := seed.DemoMeeting(time.Now())
	do := func(t testing.TB, r testenv.Request) (int, string, string) {
		resp := a.Do(t, h, r)
		return resp.StatusCode, resp.Headers["location"], resp.Body
	}
	v := meetingForm(m, func(v url.Values) {
		v.Set("description.de", "Ablauf:\n18 Uhr Begrüßung")
		v.Set("description.en", "Agenda:\n6 pm welcome")
	})
	if code, loc, body := post(t, a, s, do, "/console/meetings/{meetingId}", v, testenv.Stamp("/console/meetings/"+seed.MeetingID)); code != 303 {
		t.Fatalf("save: %d %q %.3000s", code, loc, body)
	}
	stored, _, _ := a.Store.Meeting(context.Background(), seed.MeetingID)
	if stored.Description["de"] != "Ablauf:\n18 Uhr Begrüßung" || stored.Description["en"] != "Agenda:\n6 pm welcome" {
		t.Fatalf("stored description: %v", stored.Description)
	}
	edit := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}/edit"}, "demo", ""))
	if !strings.Contains(edit.Body, `name="description.en"`) || !strings.Contains(edit.Body, "Agenda:\n6 pm welcome</textarea>") {
		t.Errorf("the edit form does not show the description: %.3000s", edit.Body)
	}
	p := map[string]string{"meetingId": seed.MeetingID}
	en := testenv.Page(t, a.Meeting, "GET", "/m/{meetingId}", "/m/"+seed.MeetingID, p, "lang=en", nil, nil)
	if !strings.Contains(en.Body, `<p class="kern-body text-block">Agenda:`+"\n6 pm welcome</p>") {
		t.Errorf("the public page (en): %.3000s", en.Body)
	}
	tr := testenv.Page(t, a.Meeting, "GET", "/m/{meetingId}", "/m/"+seed.MeetingID, p, "lang=tr", nil, nil)
	if !strings.Contains(tr.Body, `lang="de" dir="ltr">Ablauf:`) {
		t.Errorf("the public page (tr) does not show the German marked: %.3000s", tr.Body)
	}
	// The confirmation mail carries it in the person's language.
	domain := fmt.Sprintf("desc-%d.example", time.Now().UnixNano())
	register(t, a, "127.0.7.1", "Eve English", "eve@"+domain, "en", "Club", false)
	rec := newRecorder(t)
	a.Deliver(t, rec, mailer.Config{})
	if got := rec.mails(t, "eve@"+domain, ""); len(got) != 1 || !strings.Contains(got[0].Text, "Agenda:\n6 pm welcome") {
		t.Errorf("the confirmation mail lacks the description: %+v", got)
	}
}
