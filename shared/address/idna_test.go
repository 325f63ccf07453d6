package address

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// compare runs domainASCII and idna.Lookup.ToASCII on d: an error if ours
// succeeds where idna fails or gives another result; stricter if idna
// succeeds where ours refuses.
func compare(d string) (stricter bool, err error) {
	want, werr := idna.Lookup.ToASCII(d)
	got, ok := domainASCII(d)
	switch {
	case ok && werr != nil:
		return false, fmt.Errorf("%q: ours %q, idna fails (%v)", d, got, werr)
	case ok && got != want:
		return false, fmt.Errorf("%q: ours %q, idna %q", d, got, want)
	}
	return !ok && werr == nil, nil
}

// domains are real and malformed domains: on each, ours must agree with
// idna.Lookup or refuse; wantStricter are those ours refuses though idna
// accepts them (the exotic classes named in idna.go): 9 of 121.
var domains = []string{
	// German, Turkish, mixed case, full width, ideographic full stops
	"bücher.example", "BÜCHER.Example", "straße.de", "STRASSE.de", "müller-märz.de",
	"ğış.com.tr", "ĞIŞ.com.tr", "İstanbul.tr", "çay.example", "ｂüｃｈｅｒ．ｅｘａｍｐｌｅ",
	"bücher。example", "bücher｡example", "Ｍüller.de", "ẞ.de", "ǅ.example",
	"u\u0308ber.de", // combining diaeresis: NFC makes ü
	// Arabic, Farsi, Russian, Ukrainian, Greek, Hebrew, Han, Japanese, Korean, Devanagari, Thai
	"مثال.إختبار", "موقع.example", "example.موقع", "مثال١٢٣.com", "مثال۱۲۳.com", "١٢٣مثال.com",
	"مثال١۲.com", "شرکت.ایران", "ایران.ir", "بانک-ملی.ir", "پست.ir",
	"пример.рф", "ПРИМЕР.РФ", "україна.укр", "їжак.укр", "єдність.укр", "ґанок.укр", "ЇЖАК.УКР",
	"παράδειγμα.δοκιμή", "ΣΊΣΥΦΟΣ.gr", "ς.gr", "דוגמה.טעסט", "אתר.co.il", "例子.测试", "例え.テスト",
	"실례.테스트", "उदाहरण.परीक्षा", "ตัวอย่าง.ไทย", "ελληνικά.ευ",
	"مثال.рф", "مثال.example1", "مثال.1example", "abc.مثال-", "مثال.a-b",
	// ASCII rules: hyphens, underscores, digits, dots, lengths
	"example.com", "EXAMPLE.COM", "example.com.", "example..com", ".example.com", "..", ".", "",
	"-example.com", "example-.com", "ex--ample.com", "ab--c.com", "a--b.com", "a-b-c.com",
	"under_score.com", "_dmarc.example.com", "123.example", "1a.example", "a1.example",
	"sp ace.com", "tab\t.com", "a/b.com", "a@b.com", "a+b.com", "a!b.com",
	strings.Repeat("a", 63) + ".com", strings.Repeat("a", 64) + ".com",
	strings.Repeat("ä", 60) + ".com", strings.Repeat("a.", 130) + "com",
	// already encoded, and broken encodings
	"xn--bcher-kva.example", "XN--BCHER-KVA.EXAMPLE", "xn--strae-oqa.de", "xn--e1afmkfd.xn--p1ai",
	"xn--mgbh0fb.xn--kgbechtv", "xn--.com", "xn--a.com", "xn--abc-.com", "xn---abc.com",
	"xn--zz.com", "xn--99999999999.com", "xn--bcher-kva-.example", "xn--ss-.de", "xn--bücher.de",
	"xn--bcher-kva.xn--bcher-kva", "xn--nxasmq6b.com", "xn--nxasmm1c.com",
	// runes UTS #46 maps, ignores or disallows
	"soft\u00adhyphen.de", "zw\u200bsp.de", "zwj\u200d.de", "क्\u200dष.in", "a\ufe0f.de",
	"\u0301a.de", "a\u0345.gr", "ⓐ.com", "①.com", "⒈.com", "½.com", "a\u2024b.com",
	"\u00b7.com", "l\u00b7l.cat", "ꭰ.com", "Ꭰ.com", "a\ufffd.com", "a\U000e0001.com", "\x80.com",
	"a\u0640b.com", "™.com", "ℌ.com", "ﬁ.com", "ㄱ.kr", "\u3164.kr",
}

var wantStricter = map[string]bool{
	"xn--.com":     true, // idna: the empty label, ".com"
	"क्\u200dष.in": true, // joiner
	"a\u0345.gr":   true, // mapped to ι, excluded here
	"½.com":        true, // idna: "1⁄2", a symbol in the result
	"\u00b7.com":   true, // middle dot, valid in UTS #46 but no letter
	"l\u00b7l.cat": true,
	"ꭰ.com":        true, // Cherokee
	"Ꭰ.com":        true,
	"\x80.com":     true, // not UTF-8; idna encodes U+FFFD
}

func TestASCIIAgreesWithIDNA(t *testing.T) {
	agree, stricter := 0, []string{}
	for _, d := range domains {
		s, err := compare(d)
		if err != nil {
			t.Error(err)
			continue
		}
		if s {
			stricter = append(stricter, d)
		} else {
			agree++
		}
	}
	t.Logf("%d domains: %d agree with idna.Lookup, ours stricter on %d: %q", len(domains), agree, len(stricter), stricter)
	for _, d := range stricter {
		if !wantStricter[d] {
			t.Errorf("%q: refused, idna.Lookup accepts it", d)
		}
	}
}

// TestASCIIAgreesWithIDNARunes puts every rune up to plane 3 and in
// plane 14 (the rest is unassigned or private use) into a label in
// several places, among them right-to-left labels and a domain whose other
// label fails the Bidi Rule (to see which runes make idna check it).
// Ours is stricter on 8,483 runes in "a%ca" (Unicode 15): symbols (So
// 5,740, Sm 920, Sc 54), number forms (No 435, Nl 201), punctuation,
// Cherokee, the Greek letters with ypogegrammeni, ignorable format runes,
// Catalan ŀ (mapped to "l·": the middle dot is refused, so is "l·l"). In
// the right-to-left contexts it is stricter on most runes outside Arabic,
// Hebrew, Latin, Greek and Cyrillic (no Bidi classes here).
func TestASCIIAgreesWithIDNARunes(t *testing.T) {
	if testing.Short() {
		t.Skip("1.8 million conversions")
	}
	contexts := []string{"%c", "a%ca", "a%c", "a%ca.1a", "ب%cب", "ב%c", "ب.a%ca", "%c.ب"}
	stricter, bad := map[string]int{}, []rune{}
	for r := rune(0x80); r <= 0xe0fff; r++ {
		if r == 0x40000 {
			r = 0xe0000
		}
		if !utf8.ValidRune(r) {
			continue
		}
		wrong := false
		for _, c := range contexts {
			s, err := compare(fmt.Sprintf(c, r))
			if err != nil && !wrong {
				wrong = true
				if bad = append(bad, r); len(bad) <= 20 {
					t.Errorf("U+%04X: %v", r, err)
				}
			}
			if s {
				stricter[c]++
			}
		}
	}
	if len(bad) > 0 {
		t.Errorf("%d runes disagree: %s", len(bad), runeRanges(bad))
	}
	t.Logf("runes U+0080–U+3FFFF, U+E0000–U+E0FFF: ours stricter in %v", stricter)
}

func FuzzASCIIAgreesWithIDNA(f *testing.F) {
	for _, d := range domains {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, d string) {
		if _, err := compare(d); err != nil {
			t.Error(err)
		}
	})
}

func runeRanges(rs []rune) string {
	var b strings.Builder
	for i := 0; i < len(rs); {
		j := i
		for j+1 < len(rs) && rs[j+1] == rs[j]+1 {
			j++
		}
		if j > i {
			fmt.Fprintf(&b, "%04X-%04X ", rs[i], rs[j])
		} else {
			fmt.Fprintf(&b, "%04X ", rs[i])
		}
		i = j + 1
	}
	return b.String()
}
