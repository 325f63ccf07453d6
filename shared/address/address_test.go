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
