package console_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// badLuck is an SES that refuses mail to one address for good and, once,
// takes a mail to another and then loses the answer (a broken connection):
// a send whose result is unknown.
type badLuck struct {
	inner          mailer.Sender
	refuse, unsure string
	mu             sync.Mutex
	lost           bool
}

type refusal struct{}

func (refusal) Error() string   { return "ses send: MessageRejected" }
func (refusal) Permanent() bool { return true }
func (refusal) Code() string    { return "MessageRejected" }

func (b *badLuck) SendRaw(ctx context.Context, from, to string, raw []byte) (string, error) {
	if to == b.refuse {
		return "", refusal{}
	}
	id, err := b.inner.SendRaw(ctx, from, to, raw)
	b.mu.Lock()
	defer b.mu.Unlock()
	if err == nil && to == b.unsure && !b.lost {
		b.lost = true
		return "", errors.New("read tcp: connection reset by peer")
	}
	return id, err
}

// TestConsoleListsMailsThatNeedALook: the console's failed mails page
// lists, with recipient and state in words, a mail SES refused for good, a
// mail held back by the public's daily cap, and a mail sent after a send
// whose result was never known; the first two can be sent again (once),
// in every language.
func TestConsoleListsMailsThatNeedALook(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	ctx := context.Background()
	register := func(name, email string) string {
		resp, err := a.Meeting(ctx, testenv.From("127.0.0.21", "/meetings/{meetingId}/registrations", "meetingId", seed.MeetingID, testenv.RegistrationBody(name, email), "de"))
		if err != nil || resp.StatusCode != 201 {
			t.Fatalf("register: %v %d %s", err, resp.StatusCode, resp.Body)
		}
		var res struct{ RegistrationID string }
		_ = json.Unmarshal([]byte(resp.Body), &res)
		return res.RegistrationID
	}
	register("Fatma Yıldız", "fatma@console-mails.example")
	register("Ulla Unruh", "ulla@console-mails.example")
	hasan := register("Hasan Kaya", "hasan@console-mails.example")
	ses := &badLuck{inner: sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), ""), refuse: "fatma@console-mails.example", unsure: "ulla@console-mails.example"}
	a.Deliver(t, ses, mailer.Config{MailsPerAddressPerDay: 1})
	// Hasan cancels: his second mail today is over the cap of 1.
	if err := meeting.NewService(a.Store, a.Tokens, time.Now).Cancel(ctx, a.Tokens.Token(meeting.TokenKind, hasan), nil); err != nil {
		t.Fatal(err)
	}
	a.Deliver(t, ses, mailer.Config{MailsPerAddressPerDay: 1})
	a.Deliver(t, ses, mailer.Config{MailsPerAddressPerDay: 1}) // Ulla's mail again: its first send's answer was lost

	list := routes.Route{Method: "GET", Path: "/console/mails/failed"}
	page := a.Do(t, h, s.Request(list, "demo", ""))
	if page.StatusCode != 200 {
		t.Fatalf("list: %d %s", page.StatusCode, page.Body)
	}
	for _, want := range []string{
		"Fatma Yıldız", "fatma@console-mails.example", "Endgültig fehlgeschlagen", "MessageRejected",
		"SES hat die E-Mail abgelehnt", // the reason in words, beside SES's code
		"Hasan Kaya", "hasan@console-mails.example", "Zurückgehalten", "Abmeldebestätigung",
		"Ulla Unruh", "ulla@console-mails.example", "vielleicht doppelt", "Anmeldebestätigung",
	} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := strings.Count(page.Body, `/resend"`); n != 2 {
		t.Errorf("%d resend buttons, want 2 (failed and held, not the one sent)", n)
	}
	arabic := s.Request(list, "demo", "")
	arabic.Headers = map[string]string{"accept-language": "ar"}
	if ar := a.Do(t, h, arabic); !strings.Contains(ar.Body, `dir="rtl"`) || !strings.Contains(ar.Body, "MessageRejected") ||
		!strings.Contains(ar.Body, "رفضت SES الرسالة") ||
		!strings.Contains(ar.Body, "مؤجَّلة") {
		t.Errorf("in Arabic: %d", ar.StatusCode)
	}

	// Send Fatma's again: once; a second try is 404 in the page's language.
	var fatmaID string
	for _, f := range mailsListed(t, a) {
		if f.Email == "fatma@console-mails.example" {
			fatmaID = f.ID
		}
	}
	resend := routes.Route{Method: "POST", Path: "/console/mails/{mailId}/resend"}
	// Another office's coordinator: 404, and the mail stays listed.
	other := s.Request(resend, "other", "")
	other.Params["mailId"] = fatmaID
	if r := a.Do(t, h, other); r.StatusCode != 404 {
		t.Fatalf("another office's resend: %d", r.StatusCode)
	}
	c := s.Request(resend, "demo", "")
	c.Params["mailId"] = fatmaID
	// The form's stamp: a double click sends once and answers the same.
	path := "/console/mails/" + fatmaID + "/resend"
	c.Body += "&" + url.Values{web.StampField: {testenv.Stamp(path)}}.Encode()
	first := a.Do(t, h, c)
	if first.StatusCode != 303 || !strings.HasPrefix(first.Headers["location"], "/console/mails/failed?") {
		t.Fatalf("resend: %d %v %s", first.StatusCode, first.Headers["location"], first.Body)
	}
	if again := a.Do(t, h, c); again.StatusCode != 303 || again.Headers["location"] != first.Headers["location"] {
		t.Fatalf("the same form again: %d %v", again.StatusCode, again.Headers["location"])
	}
	if n := resends(t, a); n != 1 {
		t.Errorf("%d new outbox items for the resent mail, want 1", n)
	}
	c = s.Request(resend, "demo", "")
	c.Params["mailId"] = fatmaID
	if r := a.Do(t, h, c); r.StatusCode != 404 || !strings.Contains(r.Body, "gibt es nicht") {
		t.Fatalf("resend twice: %d", r.StatusCode)
	}
	if body := a.Do(t, h, s.Request(list, "demo", "")).Body; strings.Contains(body, "Fatma") || !strings.Contains(body, "Hasan") {
		t.Error("after the resend the list still shows Fatma, or lost Hasan")
	}
}

type listedMail struct{ ID, Email, State string }

func mailsListed(t *testing.T, a *testenv.Functions) []listedMail {
	t.Helper()
	r := a.AdminCall(t, "demo", "GET", "/admin/mails/failed", nil, "", "")
	var out struct{ Items []listedMail }
	if err := json.Unmarshal([]byte(r.Body), &out); err != nil || r.StatusCode != 200 {
		t.Fatalf("admin list: %d %v", r.StatusCode, err)
	}
	return out.Items
}

// resends counts the outbox items a coordinator's resend wrote.
func resends(t *testing.T, a *testenv.Functions) int {
	t.Helper()
	n := 0
	for _, it := range a.Items(t)["outbox"] {
		if it["byOffice"] == true {
			n++
		}
	}
	return n
}
