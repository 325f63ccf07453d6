package mail

import (
	"slices"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// TestOwnTexts: placeholders are found as written (unknown ones each
// once), the catalogue's default holds the link, and a rendered own text
// has every placeholder filled in, the link a link, in a right-to-left
// language too.
func TestOwnTexts(t *testing.T) {
	for _, c := range []struct {
		text    string
		unknown []string
		link    bool
	}{
		{"Hallo {organisation}: {link}", nil, true},
		{"{Name} und {name} und {name}, {}", []string{"{Name}", "{name}", "{}"}, false},
		{"Klammer { offen\n} und {link}", nil, true},
		{"JSON {\"a\":1} {link}", []string{"{\"a\":1}"}, true},
		{"Hallo {{organisation}}: {{link}}", []string{"{{organisation}}", "{{link}}"}, false},
		{"{{link}} und {link}", []string{"{{link}}"}, true},
	} {
		unknown, link := CheckText(c.text)
		if !slices.Equal(unknown, c.unknown) || link != c.link {
			t.Errorf("%q: %v %v, want %v %v", c.text, unknown, link, c.unknown, c.link)
		}
	}
	for _, l := range i18n.Supported {
		for _, k := range []outbox.Kind{outbox.Invitation, outbox.Reminder} {
			if u, link := CheckText(DefaultText(k, false, l, true)); len(u) > 0 || !link {
				t.Errorf("%s %s default: unknown %v, link %v", l, k, u, link)
			}
		}
	}
	r, err := RenderInvitation(Invitation{Kind: outbox.Reminder, Language: "ar", Organisation: "نادي", Title: i18n.Text{"de": "Umfrage"},
		URL: "https://x.example/s/a?invitation=t", Text: "مرحبًا {organisation}،\n\n{title} – {deadline}: {link}\n{contact}"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.Text, "{") || !strings.Contains(r.Text, "https://x.example/s/a?invitation=t") || !strings.Contains(r.Text, "نادي") {
		t.Errorf("text part:\n%s", r.Text)
	}
	if !strings.Contains(r.HTML, `<a href="https://x.example/s/a?invitation=t"`) || !strings.Contains(r.HTML, `dir="rtl"`) {
		t.Errorf("HTML part:\n%s", r.HTML)
	}
}
