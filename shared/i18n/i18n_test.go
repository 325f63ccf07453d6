package i18n

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestNegotiate(t *testing.T) {
	tests := []struct{ query, accept, want string }{
		{"", "", "de"},
		{"en", "", "en"},
		{"en", "de-DE", "en"},
		{"", "en-GB,en;q=0.9", "en"},
		{"ar", "", "ar"},
		{"", "tr-TR,tr;q=0.9,de;q=0.8", "tr"},
		{"", "uk", "uk"},
		{"fa-IR", "", "fa"},
		{"", "fr-FR, en;q=0.5", "en"},
		{"", "de-AT", "de"},
		{"", "zz", "de"},
		{"xx", "en", "en"},
		{"", "garbage;;q=", "de"},
	}
	for _, tt := range tests {
		if got := Negotiate(tt.query, tt.accept); got != tt.want {
			t.Errorf("Negotiate(%q, %q) = %q, want %q", tt.query, tt.accept, got, tt.want)
		}
	}
}

// TestCataloguesComplete: every language has exactly German's keys, with
// the same placeholders and plural forms its CLDR rules need; every file
// is written with its keys sorted (reviewable diffs).
func TestCataloguesComplete(t *testing.T) {
	de := Load(Default)
	if len(de) < 100 {
		t.Fatalf("German catalogue has %d keys", len(de))
	}
	for _, lang := range Supported {
		c := Load(lang)
		if c == nil {
			t.Fatalf("no catalogue for %s", lang)
		}
		for key := range de {
			if _, ok := c[key]; !ok {
				t.Errorf("%s: missing %q", lang, key)
				continue
			}
			want := placeholders(de.Texts(key))
			for _, text := range c.Texts(key) {
				if text == "" {
					t.Errorf("%s %s: empty", lang, key)
				}
				if got := placeholders([]string{text}); got != want {
					t.Errorf("%s %s: placeholders %s, German has %s", lang, key, got, want)
				}
			}
			if c[key].forms != nil && c[key].forms["other"] == "" {
				t.Errorf("%s %s: no plural form other", lang, key)
			}
		}
		for key := range c {
			if _, ok := de[key]; !ok {
				t.Errorf("%s: %q is not in German", lang, key)
			}
		}
		b, err := os.ReadFile("catalogue/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		dec := json.NewDecoder(bytes.NewReader(b))
		_, _ = dec.Token()
		for dec.More() {
			k, _ := dec.Token()
			keys = append(keys, k.(string))
			var skip json.RawMessage
			_ = dec.Decode(&skip)
		}
		if !sort.StringsAreSorted(keys) {
			t.Errorf("catalogue/%s.json: keys not sorted", lang)
		}
	}
}

var placeholder = regexp.MustCompile(`\{[0-9]\}`)

// placeholders is the set of {n} in texts, as one comparable string.
func placeholders(texts []string) string {
	set := map[string]bool{}
	for _, t := range texts {
		for _, p := range placeholder.FindAllString(t, -1) {
			set[p] = true
		}
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return strings.Join(out, "")
}

func TestPluralsAndDates(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	day := time.Date(2027, 3, 18, 17, 0, 0, 0, berlin)
	for lang, want := range map[string]string{
		"de": "Donnerstag, 18. März 2027", "en": "Thursday, 18 March 2027", "tr": "18 Mart 2027 Perşembe",
		"ar": "الخميس، 18 مارس 2027", "ru": "четверг, 18 марта 2027 г.", "uk": "четвер, 18 березня 2027 р.",
	} {
		if got := Date(lang, day); got != want {
			t.Errorf("Date(%s) = %q, want %q", lang, got, want)
		}
	}
	if Clock("de", day) != "17:00" || Dir("ar") != "rtl" || Dir("fa") != "rtl" || Dir("tr") != "ltr" {
		t.Error("clock or direction")
	}
	if got := plural("ru", 21) + plural("ru", 3) + plural("ru", 5) + plural("ar", 2); got != "onefewmanytwo" {
		t.Errorf("plurals: %s", got)
	}
	if Isolate("ar", "a@b.example") != "\u2068a@b.example\u2069" || Isolate("de", "x") != "x" {
		t.Error("isolation")
	}
}

// TestNamesMatchTheCatalogues: the language switch's table of names is
// each catalogue's page.language_name, for every supported language.
func TestNamesMatchTheCatalogues(t *testing.T) {
	if len(names) != len(Supported) {
		t.Errorf("%d names for %d languages", len(names), len(Supported))
	}
	for _, l := range Supported {
		if got, want := Name(l), T(l, "page.language_name"); got != want {
			t.Errorf("Name(%s) = %q, the catalogue says %q", l, got, want)
		}
	}
	if Name("fr") != "fr" {
		t.Errorf("Name of an unsupported language: %q", Name("fr"))
	}
}

// TestPluralForms: counts take each language's CLDR plural category —
// German one/other, Arabic zero/one/two/few/many/other, Russian and
// Ukrainian one/few/many — and a message with forms picks its form.
func TestPluralForms(t *testing.T) {
	for _, c := range []struct {
		lang string
		want map[int]string
	}{
		{"de", map[int]string{0: "other", 1: "one", 2: "other", 3: "other", 11: "other", 100: "other"}},
		{"en", map[int]string{0: "other", 1: "one", 2: "other"}},
		{"tr", map[int]string{1: "one", 2: "other"}},
		{"ar", map[int]string{0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many", 100: "other", 102: "other", 103: "few"}},
		{"ru", map[int]string{0: "many", 1: "one", 2: "few", 3: "few", 5: "many", 11: "many", 21: "one", 22: "few", 100: "many"}},
		{"uk", map[int]string{0: "many", 1: "one", 2: "few", 4: "few", 5: "many", 11: "many", 21: "one", 100: "many"}},
		{"fa", map[int]string{0: "one", 1: "one", 2: "other"}},
	} {
		for n, want := range c.want {
			if got := Plural(c.lang, n); got != want {
				t.Errorf("Plural(%s, %d) = %s, want %s", c.lang, n, got, want)
			}
		}
	}
	if got := Count("de", "page.seats_left", 1) + " " + Count("de", "page.seats_left", 2); got != "Noch 1 Platz frei. Noch 2 Plätze frei." {
		t.Errorf("German seats: %q", got)
	}
}

// TestNumber: numbers as each language writes them; a year keeps its four
// digits together.
func TestNumber(t *testing.T) {
	for _, c := range []struct {
		lang string
		f    float64
		want string
	}{
		{"de", 2001.5, "2001,5"}, {"de", 2001, "2001"}, {"de", -3.25, "-3,25"}, {"de", 1234567.5, "1.234.567,5"},
		{"en", 2001.5, "2001.5"}, {"en", 12345, "12,345"}, {"tr", 0.5, "0,5"},
		{"ru", 2001.5, "2001,5"}, {"ru", 12345, "12\u00a0345"}, {"uk", 3.5, "3,5"},
		{"ar", 2001.5, "2001٫5"}, {"ar", 12345, "12٬345"},
		{"fa", 42, "42"},
	} {
		if got := Number(c.lang, c.f); got != c.want {
			t.Errorf("Number(%s, %v) = %q, want %q", c.lang, c.f, got, c.want)
		}
	}
}
