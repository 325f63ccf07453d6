package validation

import "testing"

func TestPlainNames(t *testing.T) {
	for _, ok := range []string{"Anna Nowak", "Ayşe Yılmaz", "Müller-Lüdenscheidt", "Jörg O'Brien", "محمد الأحمد",
		"انجمن\u200cهای فرهنگی", "Олена Коваленко", "Interkultureller Verein e.V.", "Verein 1990 e.V. (Ulm)", "St. Georg gGmbH",
		"Dr. med. A. Nowak", "Café Global"} {
		if !Plain(ok) {
			t.Errorf("%q refused", ok)
		}
	}
	for _, bad := range []string{"Anna\u202eNowak", "Anna\u2066x\u2069", "An\u200bna", "Anna\u200d", "Anna\u00adNowak",
		"Anna\x07", "Anna\nNowak", "\u200cAnna", "Gewinn auf https://evil.example", "Gewinn: www.evil",
		"Klick evil.com", "evil.de/win", "Preis (evil.ru)", "info.xyz."} {
		if Plain(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{"  Anna   Nowak ": "Anna Nowak", "   ": "", "\u00a0Anna\tNowak\u3000": "Anna Nowak"} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkNames(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range []string{"Anna Nowak", "Deutsch-Türkischer Kulturverein e.V.", "Mitglied"} {
			if !Plain(Clean(s)) {
				b.Fatal(s)
			}
		}
	}
}
