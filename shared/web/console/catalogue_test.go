package console

import (
	"encoding/json"
	"regexp"
	"slices"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// TestCatalogueComplete: every console text exists in every language,
// with the German text's placeholders.
func TestCatalogueComplete(t *testing.T) {
	read := func(lang string) map[string]string {
		b, err := catalogueFS.ReadFile("catalogue/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	ph := regexp.MustCompile(`\{\d\}`)
	places := func(s string) []string { p := ph.FindAllString(s, -1); slices.Sort(p); return p }
	de := read("de")
	for _, lang := range i18n.Supported {
		c := read(lang)
		for k, v := range de {
			if c[k] == "" {
				t.Errorf("%s: missing %s", lang, k)
			} else if !slices.Equal(places(c[k]), places(v)) {
				t.Errorf("%s %s: placeholders differ from German", lang, k)
			}
		}
		if len(c) != len(de) {
			t.Errorf("%s: %d texts, German has %d", lang, len(c), len(de))
		}
	}
	if got := i18n.T("ar", "console.sign_out"); got != "تسجيل الخروج" {
		t.Errorf("the console's texts are not in the catalogue: %q", got)
	}
}
