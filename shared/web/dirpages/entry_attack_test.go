package dirpages_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
)

// The check of an entry refuses what is no text to publish: control and
// invisible characters (a bidi override turns a name around), bytes that
// are no UTF-8 (percent-encoded), a new name that reads as a link,
// option codes that are no codes (they would show as they are), a
// website that is no https address: the form again (422), nothing
// written. A name the record already has keeps working, so that a
// withdrawal always goes through.
func TestEntryCheckRefusesHiddenCharacters(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	base := func() url.Values {
		return url.Values{"name": {w.pub.Name}, "municipality": {"Ludwigsburg"}, "publish": {"true"}}
	}
	cases := map[string][2]string{
		"bidi override in the name": {"name", "Kulturverein \u202eetiS"},
		"bell in the name":          {"name", "Kulturverein\a"},
		"zero width space":          {"municipality", "Ludwig\u200bsburg"},
		"invalid UTF-8":             {"name", "Kulturverein \xff\xfe"},
		"invalid UTF-8 in a text":   {"offersText", "Räume \xc3"},
		"NUL in a text":             {"seeksText", "Hilfe\x00"},
		"new name as a link":        {"name", "Billig kaufen auf www.spam.example"},
		"code as free text":         {"offers", "spam.example/kaufen"},
		"javascript website":        {"website", "javascript:alert(1)"},
	}
	for name, c := range cases {
		before := w.Count(t)
		form := base()
		form.Set(c[0], c[1])
		st, body, _ := w.post(t, w.token, form, "lang=de")
		if !utf8.ValidString(c[1]) {
			// Bytes that are no UTF-8 are refused as every form's are
			// (shared/web: 400, invalid_utf8), before any field is read.
			if st != 400 || !strings.Contains(body, "UTF-8") {
				t.Errorf("%s: %d\n%s", name, st, body)
			}
		} else if st != 422 || !strings.Contains(body, "error-summary") {
			t.Errorf("%s: %d\n%s", name, st, body)
		}
		if w.Count(t) != before {
			t.Errorf("%s: written", name)
		}
	}
	// Persian's zero-width non-joiner inside a word and line breaks in a
	// text are text.
	form := base()
	form.Set("municipality", "می\u200cخواهم")
	form.Set("offersText", "Räume\nDolmetschen")
	if st, body, _ := w.post(t, w.token, form, "lang=fa"); st != 303 {
		t.Fatalf("plain text refused: %d\n%s", st, body)
	}
	// A name the record has, though it reads as a link, keeps working.
	if _, err := w.Store.UpdateOrganisation(ctx, seed.Office, w.pub.ID, func(r *org.Record) ([]org.Event, error) {
		r.Rename("Treffpunkt.online")
		return nil, nil
	}); err != nil {
		t.Fatal(err)
	}
	if st, body, _ := w.post(t, w.token, url.Values{"name": {"Treffpunkt.online"}}, "lang=de"); st != 303 {
		t.Fatalf("withdrawal under the record's own name: %d\n%s", st, body)
	}
	if r, _ := w.Store.Organisation(ctx, seed.Office, w.pub.ID); r.Published() {
		t.Error("not withdrawn")
	}
}
