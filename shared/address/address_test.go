package address

import "testing"

func TestASCIIAndKey(t *testing.T) {
	for in, want := range map[string]string{
		"info@bücher.example": "info@xn--bcher-kva.example",
		"a@example.org":       "a@example.org",
		"Ali@ÇAY.example":     "Ali@xn--ay-3ia.example",
	} {
		if got, ok := ASCII(in); !ok || got != want {
			t.Errorf("ASCII(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "no-at", "@x.example", "a@-bad-.example\x00"} {
		if _, ok := ASCII(bad); ok {
			t.Errorf("ASCII(%q) accepted", bad)
		}
	}
	if Key(" Info@BÜCHER.example ") != Key("info@xn--bcher-kva.example") {
		t.Error("the same mailbox gives two keys")
	}
}

func TestPerson(t *testing.T) {
	for in, want := range map[string]string{
		"Opfer@Verein.example":     "opfer@verein.example",
		"opfer+1@verein.example":   "opfer@verein.example",
		"opfer+a+b@verein.example": "opfer@verein.example",
		"o.pfer@verein.example":    "o.pfer@verein.example", // another mailbox
		"O.Pfer+x@googlemail.com":  "opfer@gmail.com",
		"o.p.f.e.r@gmail.com":      "opfer@gmail.com",
		"+tag@verein.example":      "+tag@verein.example", // no local part left: as is
		"info@bücher.example":      "info@xn--bcher-kva.example",
		"kein-at":                  "kein-at",
	} {
		if got := Person(in); got != want {
			t.Errorf("Person(%q) = %q, want %q", in, got, want)
		}
	}
}
