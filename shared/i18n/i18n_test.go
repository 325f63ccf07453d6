package i18n

import "testing"

func TestNegotiate(t *testing.T) {
	tests := []struct{ query, accept, want string }{
		{"", "", "de"},
		{"en", "", "en"},
		{"en", "de-DE", "en"},
		{"", "en-GB,en;q=0.9", "en"},
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

func TestCatalogueComplete(t *testing.T) {
	for _, lang := range Supported {
		if catalogue[lang] == nil {
			t.Fatalf("no catalogue for %s", lang)
		}
		for key := range catalogue[Default] {
			if catalogue[lang][key] == "" {
				t.Errorf("%s: missing %q", lang, key)
			}
		}
		if len(catalogue[lang]) != len(catalogue[Default]) {
			t.Errorf("%s has %d keys, de has %d", lang, len(catalogue[lang]), len(catalogue[Default]))
		}
	}
}
