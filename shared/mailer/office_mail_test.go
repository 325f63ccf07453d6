package mailer_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	gomail "github.com/emersion/go-message/mail"

	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestMailsCarryTheOffice: with a profile, a registration's mail comes
// from the office's sender name (RFC 2047 in the header, read back intact
// by the local SES), is signed with the office's name in the mail's
// language and its contact, links the office's privacy notice,
// accessibility statement, feedback form, Leichte Sprache page and
// imprint in its footer, and its calendar entry names the office as
// organiser; in German and in Arabic, Umlauts and Arabic intact.
func TestMailsCarryTheOffice(t *testing.T) {
	f := newFixture(t, 10)
	ctx := context.Background()
	prof := seed.DemoOffice()
	if err := f.store.PutOffice(ctx, prof, time.Now()); err != nil {
		t.Fatal(err)
	}
	priv := true
	people := map[string]string{"de": "Jürgen Weiß", "ar": "علي حسن"}
	for lang, name := range people {
		if _, err := f.svc.Register(ctx, seed.MeetingID, &meeting.Request{Name: name, Email: "office-" + lang + "@" + f.domain,
			Language: lang, Consent: &meeting.Consent{Privacy: &priv}}, lang, (*idempotency.Claim)(nil)); err != nil {
			t.Fatal(err)
		}
	}
	rec := &recorder{inner: sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), "")}
	if resp, err := f.mailer(t, rec).Handle(ctx, f.batch(t)); err != nil || len(resp.BatchItemFailures) > 0 {
		t.Fatalf("handle: %v %v", resp, err)
	}
	inbox := storedFrom(t, f.domain)
	for lang := range people {
		to := "office-" + lang + "@" + f.domain
		raws := rec.raw[to]
		if len(raws) != 1 {
			t.Fatalf("%s: %d mails", lang, len(raws))
		}
		raw := raws[0]
		head := string(raw[:bytes.Index(raw, []byte("\r\n\r\n"))])
		if strings.Contains(head, "für") {
			t.Errorf("%s: the From name is not encoded: %s", lang, head)
		}
		mr, err := gomail.CreateReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		from, err := mr.Header.AddressList("From")
		if err != nil || len(from) != 1 || from[0].Name != prof.SenderName || from[0].Address != f.cfg.From {
			t.Errorf("%s: From %v %v", lang, from, err)
		}
		if got := inbox[to]; !strings.Contains(got, prof.SenderName) {
			t.Errorf("%s: the local SES read From as %q", lang, got)
		}
		text, html := parts(t, mr)
		name := prof.Name[lang]
		for _, want := range []string{name, "Bahnhofstraße 1, 12345 Musterstadt", prof.Email, prof.Phone, prof.Website,
			"https://integration.example/p/demo/privacy?lang=" + lang, "https://integration.example/p/demo/accessibility?lang=" + lang,
			"https://integration.example/p/demo/feedback?lang=" + lang, "https://integration.example/p/demo/easy?lang=" + lang,
			prof.ImprintURL} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the text lacks %q:\n%s", lang, want, text)
			}
			if !strings.Contains(html, strings.ReplaceAll(want, "&", "&amp;")) {
				t.Errorf("%s: the HTML lacks %q", lang, want)
			}
		}
		if strings.Contains(text, "Ihre Stabsstelle für Integration") {
			t.Errorf("%s: still signed by the generic closing", lang)
		}
		cal := calendar(t, raw)
		if !strings.Contains(unfold(cal), `ORGANIZER;CN="`+name+`":mailto:`+f.cfg.From) {
			t.Errorf("%s: organiser:\n%s", lang, cal)
		}
	}
	// The Arabic mail is in Arabic, signed in Arabic, its links labelled
	// in Arabic; the German one has its Umlauts.
	if text, _ := partsOf(t, rec.raw["office-ar@"+f.domain][0]); !strings.Contains(text, "مع أطيب التحيات") || !strings.Contains(text, "إشعار الخصوصية") {
		t.Errorf("Arabic signature or links:\n%s", text)
	}
	if text, _ := partsOf(t, rec.raw["office-de@"+f.domain][0]); !strings.Contains(text, "Viele Grüße") || !strings.Contains(text, "Datenschutzhinweise: https://") || !strings.Contains(text, "Hallo Jürgen Weiß,") {
		t.Errorf("German signature or links:\n%s", text)
	}
}

// storedFrom is the From of each mail of the local SES inbox to domain,
// as the SES server parsed it, by recipient.
func storedFrom(t *testing.T, domain string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range testenv.Inbox(t, domain) {
		to := m.Destination.To[0] // the name and <address>, as the header has them
		if i := strings.LastIndexByte(to, '<'); i >= 0 {
			to = strings.Trim(to[i:], "<>")
		}
		if strings.HasSuffix(to, "@"+domain) {
			out[to] = m.From
		}
	}
	return out
}

func partsOf(t *testing.T, raw []byte) (text, html string) {
	mr, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return parts(t, mr)
}

// parts are the decoded text and HTML of a message.
func parts(t *testing.T, mr *gomail.Reader) (text, html string) {
	t.Helper()
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return text, html
		}
		if err != nil {
			t.Fatal(err)
		}
		ct := p.Header.Get("Content-Type")
		b, _ := io.ReadAll(p.Body)
		switch {
		case strings.HasPrefix(ct, "text/plain"):
			text = string(b)
		case strings.HasPrefix(ct, "text/html"):
			html = string(b)
		}
	}
}

// unfold joins an iCalendar's folded lines.
func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }
