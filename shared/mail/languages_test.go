package mail_test

import (
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	imail "github.com/integration-offices/netzwerk-backend/shared/mail"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// germanSentences are the German catalogue's texts long enough to be a
// sentence of their own: none may appear in a mail in another language.
func germanSentences() []string {
	de := i18n.Load(i18n.Default)
	var out []string
	for _, k := range de.Keys() {
		for _, t := range de.Texts(k) {
			for _, part := range strings.Split(t, "\n") {
				if len([]rune(part)) >= 12 && !strings.Contains(part, "{") {
					out = append(out, part)
				}
			}
		}
	}
	return out
}

// TestEveryMailInEveryLanguage renders every kind of mail in every
// language: the subject and both parts in that language, with no German
// sentence; right to left for Arabic and Farsi.
func TestEveryMailInEveryLanguage(t *testing.T) {
	german := germanSentences()
	for _, lang := range i18n.Supported {
		var rendered []*imail.Rendered
		for _, kind := range []outbox.Kind{outbox.Confirmed, outbox.Waitlisted, outbox.Promoted, outbox.Cancelled, outbox.Updated} {
			for _, st := range []meeting.RegStatus{meeting.Confirmed, meeting.Waitlisted} {
				d := data(kind, lang, "Ayşe")
				d.Registration.Status = st
				r, err := imail.Render(d)
				if err != nil {
					t.Fatalf("%s %s: %v", lang, kind, err)
				}
				rendered = append(rendered, r)
			}
		}
		for _, kind := range []outbox.Kind{outbox.Invitation, outbox.Reminder} {
			for _, m := range []*meeting.Meeting{nil, data(kind, lang, "").Meeting} {
				r, err := imail.RenderInvitation(imail.Invitation{Kind: kind, Language: lang, Organisation: "Kulturbrücke e.V.",
					Title: i18n.Text{"de": "Bedarfsbefragung"}, Meeting: m, URL: "https://integration.example/x"})
				if err != nil {
					t.Fatalf("%s %s: %v", lang, kind, err)
				}
				rendered = append(rendered, r)
			}
		}
		for _, r := range rendered {
			if r.Lang != lang {
				t.Errorf("%s: mail in %s", lang, r.Lang)
			}
			wantDir := `dir="` + i18n.Dir(lang) + `"`
			if !strings.Contains(r.HTML, `<html lang="`+lang+`" `+wantDir) {
				t.Errorf("%s: HTML part without lang and %s", lang, wantDir)
			}
			if lang == i18n.Default {
				continue
			}
			for _, s := range german {
				if strings.Contains(r.Text, s) || strings.Contains(r.HTML, s) || strings.Contains(r.Subject, s) {
					t.Errorf("%s mail %q holds the German %q", lang, r.Subject, s)
				}
			}
		}
	}
	// Right to left: the name, times and address keep their direction.
	r, _ := imail.Render(data(outbox.Confirmed, "ar", "Ayşe Yılmaz"))
	for _, s := range []string{"\u2068Ayşe Yılmaz\u2069", "\u20685:00 م\u2069", "\u2068Bahnhofstraße 1, Musterstadt\u2069"} {
		if !strings.Contains(r.Text, s) {
			t.Errorf("Arabic text part does not isolate %q:\n%s", s, r.Text)
		}
	}
}
