package directory_test

import (
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/directory"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/org"
)

// Every text of the directory's catalogue in all seven languages, every
// code of the vocabulary labelled in each; an unknown code shows as it
// is.
func TestCatalogueAndVocabularyComplete(t *testing.T) {
	de := i18n.Load("de")
	for _, lang := range i18n.Supported {
		c := i18n.Load(lang)
		for _, key := range de.Keys() {
			if _, ok := c[key]; !ok {
				t.Errorf("%s: %s missing", lang, key)
			}
		}
		for _, kind := range []string{directory.KindField, directory.KindOffer} {
			for _, code := range directory.Codes(kind, lang) {
				if l, ll := directory.Label(kind, code, lang); l == code || ll != "" {
					t.Errorf("%s: %s %s unlabelled (%q %q)", lang, kind, code, l, ll)
				}
			}
		}
		if got := i18n.Count(lang, "dir.count", 3); got == "dir.count" {
			t.Errorf("%s: dir.count", lang)
		}
	}
	if l, ll := directory.Label(directory.KindOffer, "kayak", "de"); l != "kayak" || ll != "" {
		t.Errorf("unknown code: %q %q", l, ll)
	}
	f := directory.Filter{Offer: "rooms", Municipality: "ludwigsburg"}
	if !f.Match(&org.Entry{Offers: []string{"rooms"}, Municipality: "Ludwigsburg"}) || f.Match(&org.Entry{Offers: []string{"rooms"}}) {
		t.Error("filter")
	}
}
