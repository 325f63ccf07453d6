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

// Links are found by the shape of a domain name, not by a list of
// endings: after NFKC (fullwidth letters and dots are letters and dots),
// labels joined by dots that end in a part of two or more letters. Names
// with abbreviations and initials are not links.
func TestNamesRuleFindsAnyDomain(t *testing.T) {
	for _, ok := range []string{"Dr. Ayşe Yılmaz", "St. Georg e.V.", "A. B. Çelik", "A.B. Çelik", "A.Nowak", "И.Петров",
		"О. Коваленко", "Deutsch-Türkischer Kulturverein e.V.", "Verein 1990 e.V. (Ulm)", "z.B. Jugendarbeit",
		"u.a. Beratung", "1.FC Musterstadt", "Version 2.0", "Ev.-luth. Kirchengemeinde", "محمد الأحمد",
		"انجمن\u200cهای فرهنگی", "مهدی\u200cزاده", "Kulturverein e. V.", "Frauen-Café i.G.", "Nr. 12"} {
		if !Plain(ok) {
			t.Errorf("%q refused", ok)
		}
	}
	for _, bad := range []string{"verein.de", "ｓｐａｍ．ｃｏｍ", "buy.co.uk", "x.online", "win.prize", "Preis auf gewinn.shop!",
		"anna@verein.de", "VEREIN.DE", "klick.hier/jetzt", "spam。com", "spam\uff0ecom", "пример.рф", "sub.domain.example",
		"123.com", "gewinn.xyz.", "(x.io)"} {
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
