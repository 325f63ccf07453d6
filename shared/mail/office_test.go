package mail_test

import (
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	imail "github.com/integration-offices/netzwerk-backend/shared/mail"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
)

// TestEveryMailCarriesTheOffice: invitations, reminders and the office's
// feedback mail are signed by and link the office as registration mails
// are (TestMailsCarryTheOffice sends those); a mail of an office without a
// profile keeps the generic closing and has no footer.
func TestEveryMailCarriesTheOffice(t *testing.T) {
	o := imail.Office{Profile: seed.DemoOffice(), BaseURL: "https://integration.example/"}
	links := []string{"https://integration.example/p/demo/privacy?lang=", "https://integration.example/p/demo/accessibility?lang=",
		"https://integration.example/p/demo/feedback?lang=", "https://integration.example/p/demo/easy?lang=", "https://www.landkreis.example/impressum"}
	for _, kind := range []outbox.Kind{outbox.Invitation, outbox.Reminder} {
		for _, lang := range []string{"de", "ar", "uk"} {
			r, err := imail.RenderInvitation(imail.Invitation{Kind: kind, Language: lang, Organisation: "Kulturbrücke e.V.",
				Title: i18n.Text{"de": "Bedarfsbefragung"}, URL: "https://integration.example/s/x?invitation=T", Office: o})
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range append(links, o.Profile.Name[lang], "Bahnhofstraße 1", i18n.T(lang, "mail.regards"), i18n.T(lang, "page.legal_imprint")) {
				if !strings.Contains(r.Text, want) || !strings.Contains(r.HTML, want) {
					t.Errorf("%s/%s lacks %q:\n%s", kind, lang, want, r.Text)
				}
			}
		}
	}
	fb, err := imail.RenderFeedback(imail.Feedback{Office: "Landratsamt", Message: "Kontrast zu schwach", At: time.Now(), From: o})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fb.Text, links[0]+"de") || strings.Contains(fb.Text, "Telefon: ") {
		t.Errorf("feedback mail: links, no contact:\n%s", fb.Text)
	}
	bare, err := imail.RenderInvitation(imail.Invitation{Kind: outbox.Invitation, Language: "de", Organisation: "X",
		Title: i18n.Text{"de": "Befragung"}, URL: "https://integration.example/s/x"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(bare.Text, "Ihre Stabsstelle für Integration") || strings.Contains(bare.Text, "/p/") || strings.Contains(bare.HTML, "<hr") {
		t.Errorf("without a profile:\n%s", bare.Text)
	}
	if got := o.SenderName("Integration"); got != o.Profile.SenderName {
		t.Errorf("sender name %q", got)
	}
	if got := (imail.Office{}).SenderName("Integration"); got != "Integration" {
		t.Errorf("fallback sender name %q", got)
	}
}
