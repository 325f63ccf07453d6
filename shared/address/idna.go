package address

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file does what idna.Lookup.ToASCII (golang.org/x/net/idna: UTS #46
// non-transitional, STD3 rules, CheckHyphens, CheckJoiners, Bidi Rule, no
// DNS length check) does to a domain, without that package: the standard
// library vendors its own copy for net/http, and importing ours linked a
// second one (idna, bidi and their tables) into every bootstrap.
//
// The UTS #46 table is approximated by NFKC and lower case (the table is
// derived from NFKC_Casefold); where that approximation or the missing
// Bidi and joining-type tables could give another answer, the domain is
// refused instead. TestASCIIAgreesWithIDNA, TestASCIIAgreesWithIDNARunes
// and FuzzASCIIAgreesWithIDNA check the rule: the same result whenever
// ours succeeds, failure whenever idna fails. Refused here though
// idna.Lookup accepts them:
//   - runes other than letters, marks and digits that UTS #46 calls valid
//     (symbols, U+00B7 MIDDLE DOT) or maps to such ("½" to "1⁄2"), the
//     ignored runes not in ignored (U+2060, U+FEFF), unassigned runes and
//     invalid UTF-8 (idna writes U+FFFD), the few letters in excluded;
//   - ZERO WIDTH (NON-)JOINER, whose context rule needs joining types;
//   - Cherokee, whose case folding goes to capitals;
//   - in a domain with a right-to-left rune, labels with letters other
//     than Latin, Greek, Cyrillic, Arabic and Hebrew, or marks other than
//     theirs and the common combining ones (Bidi class not known here);
//   - "xn--" labels with non-ASCII or nothing after the prefix.

// domainASCII is idna.Lookup.ToASCII(d) where it agrees, false otherwise.
func domainASCII(d string) (string, bool) {
	if !utf8.ValidString(d) {
		return "", false
	}
	var b strings.Builder
	rtl := false
	for _, r := range d {
		switch {
		case r == '.' || r == '\u3002' || r == '\uff0e' || r == '\uff61':
			b.WriteByte('.')
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			if !ldh(r) {
				return "", false
			}
			b.WriteRune(r)
		case unicode.Is(ignored, r):
		default:
			rtl = rtl || rtlZone(r)
			m, ok := mapRune(r)
			if !ok {
				return "", false
			}
			b.WriteString(m)
		}
	}
	labels := strings.Split(norm.NFC.String(b.String()), ".")
	for i, l := range labels {
		if strings.HasPrefix(l, "xn--") {
			u, ok := punyDecode(l[4:])
			if !ok || !fixed(u) {
				return "", false
			}
			labels[i], l = u, u
		}
		if !validLabel(l) {
			return "", false
		}
		for _, r := range l {
			rtl = rtl || rtlZone(r)
		}
	}
	for i, l := range labels {
		if rtl && !bidiRule(l) {
			return "", false
		}
		if !ascii(l) {
			labels[i] = "xn--" + punyEncode(l)
		}
	}
	return strings.Join(labels, "."), true
}

// ldh: the ASCII that STD3 allows in a label once upper case is mapped.
func ldh(r rune) bool {
	return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-'
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// mapRune maps a non-ASCII rune as UTS #46 does (NFKC, then lower case),
// false where the result is not made of runes valid in a label.
func mapRune(r rune) (string, bool) {
	switch r {
	case 'ẞ': // the table maps it to "ss", lower case to "ß"
		return "ss", true
	case 'İ': // lower case would drop the dot the table keeps
		return "i\u0307", true
	}
	if unicode.Is(excluded, r) {
		return "", false
	}
	s := string(r)
	if !norm.NFKC.IsNormalString(s) {
		s = norm.NFKC.String(s)
	}
	var b strings.Builder
	for _, c := range s {
		c = unicode.ToLower(c)
		if !(c < utf8.RuneSelf && ldh(c) || validRune(c)) {
			return "", false
		}
		b.WriteRune(c)
	}
	return b.String(), true
}

// fixed reports whether a decoded "xn--" label is made of runes that
// UTS #46 leaves as they are, already in NFC: the label is checked, not
// mapped. Pure ASCII is refused: it should not have been encoded.
func fixed(u string) bool {
	if ascii(u) || !norm.NFC.IsNormalString(u) {
		return false
	}
	for _, r := range u {
		if !(r < utf8.RuneSelf && ldh(r) || validRune(r)) {
			return false
		}
	}
	return true
}

// validRune reports whether a non-ASCII rune stands for itself in a label:
// a letter, mark or digit that NFKC and lower case leave alone, not one of
// the exceptions below.
func validRune(r rune) bool {
	if r < utf8.RuneSelf || !unicode.In(r, unicode.Ll, unicode.Lo, unicode.Lm, unicode.Mn, unicode.Mc, unicode.Nd) {
		return false
	}
	if unicode.ToLower(r) != r || unicode.Is(unicode.Cherokee, r) || unicode.Is(excluded, r) {
		return false
	}
	return norm.NFKC.IsNormalString(string(r))
}

// ignored are runes UTS #46 drops: soft hyphen, zero width space,
// combining grapheme joiner, variation selectors.
var ignored = &unicode.RangeTable{
	R16: []unicode.Range16{
		{0x00ad, 0x00ad, 1},
		{0x034f, 0x034f, 1},
		{0x180b, 0x180d, 1},
		{0x180f, 0x180f, 1},
		{0x200b, 0x200b, 1},
		{0xfe00, 0xfe0f, 1},
	},
	R32: []unicode.Range32{
		{0xe0100, 0xe01ef, 1},
	},
}

// excluded are letters, marks and digits that UTS #46 maps otherwise than
// NFKC and lower case, or disallows (found by TestASCIIAgreesWithIDNARunes).
var excluded = &unicode.RangeTable{
	R16: []unicode.Range16{
		{0x0345, 0x0345, 1}, // COMBINING GREEK YPOGEGRAMMENI: mapped to ι
		{0x03f2, 0x03f2, 1}, // GREEK LUNATE SIGMA: mapped to σ
		{0x04c0, 0x04c0, 1}, // CYRILLIC PALOCHKA: disallowed
		{0x10a0, 0x10c5, 1}, // Georgian capitals: disallowed
		{0x115f, 0x1160, 1}, // Hangul fillers: disallowed
		{0x17b4, 0x17b5, 1}, // Khmer inherent vowels: disallowed
		{0x1c80, 0x1c88, 1}, // Cyrillic letter variants: mapped by case folding
		{0x1f80, 0x1faf, 1}, // Greek with ypogegrammeni: folded to "…ι"
		{0x1fb2, 0x1fb4, 1},
		{0x1fb7, 0x1fb7, 1},
		{0x1fbc, 0x1fbc, 1},
		{0x1fc2, 0x1fc4, 1},
		{0x1fc7, 0x1fc7, 1},
		{0x1fcc, 0x1fcc, 1},
		{0x1ff2, 0x1ff4, 1},
		{0x1ff7, 0x1ff7, 1},
		{0x1ffc, 0x1ffc, 1},
		{0x2132, 0x2132, 1}, // TURNED CAPITAL F: disallowed
		{0x2183, 0x2183, 1}, // ROMAN NUMERAL REVERSED ONE HUNDRED: disallowed
		{0x3164, 0x3164, 1}, // HANGUL FILLER: disallowed
		{0xa67f, 0xa67f, 1}, // CYRILLIC PAYEROK: disallowed
		{0xffa0, 0xffa0, 1}, // HALFWIDTH HANGUL FILLER: disallowed
	},
	R32: []unicode.Range32{
		{0x1d6d3, 0x1d7bb, 0x3a}, // mathematical final sigmas: mapped to σ
		{0x2f868, 0x2f868, 1},    // CJK compatibility ideographs: disallowed
		{0x2f874, 0x2f874, 1},
		{0x2f91f, 0x2f91f, 1},
		{0x2f95f, 0x2f95f, 1},
		{0x2f9bf, 0x2f9bf, 1},
	},
}

// validLabel checks what UTS #46 checks of a mapped label: no "--" in
// positions 3 and 4, no hyphen first or last, no combining mark first,
// no joiners.
func validLabel(l string) bool {
	if l == "" {
		return true
	}
	if len(l) > 4 && l[2] == '-' && l[3] == '-' || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	first, _ := utf8.DecodeRuneInString(l)
	if unicode.Is(unicode.M, first) {
		return false
	}
	return !strings.ContainsAny(l, "\u200c\u200d")
}

// rtlZone reports whether r lies in a block of right-to-left scripts: a
// domain with such a rune must pass the Bidi Rule in every label.
func rtlZone(r rune) bool {
	return 0x0590 <= r && r <= 0x08ff || 0xfb1d <= r && r <= 0xfdff || 0xfe70 <= r && r <= 0xfeff ||
		0x10800 <= r && r <= 0x10fff || 0x1e800 <= r && r <= 0x1efff
}

// Bidi classes, only those of the runes bidiClass knows.
const (
	bidiUnknown = iota
	bidiL
	bidiR // R and AL
	bidiEN
	bidiAN
	bidiES
	bidiNSM
)

func bidiClass(r rune) int {
	switch {
	case 'a' <= r && r <= 'z':
		return bidiL
	case '0' <= r && r <= '9', 0x06f0 <= r && r <= 0x06f9:
		return bidiEN
	case 0x0660 <= r && r <= 0x0669:
		return bidiAN
	case r == '-':
		return bidiES
	case unicode.Is(unicode.Mn, r) && unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Inherited):
		return bidiNSM
	case !unicode.IsLetter(r):
		return bidiUnknown
	case unicode.In(r, unicode.Arabic, unicode.Hebrew):
		return bidiR
	case unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic):
		return bidiL
	}
	return bidiUnknown
}

// bidiRule is RFC 5893 section 2 for one label, as
// golang.org/x/text/secure/bidirule applies it.
func bidiRule(l string) bool {
	const (
		initial = iota
		ltr
		ltrFinal
		rtl
		rtlFinal
	)
	state := initial
	en, an := false, false
	for _, r := range l {
		c := bidiClass(r)
		en, an = en || c == bidiEN, an || c == bidiAN
		if c == bidiUnknown || en && an {
			return false
		}
		switch {
		case state == initial && c == bidiL:
			state = ltrFinal
		case state == initial && c == bidiR:
			state = rtlFinal
		case (state == ltr || state == ltrFinal) && (c == bidiL || c == bidiEN):
			state = ltrFinal
		case state == ltrFinal && c == bidiNSM:
		case (state == ltr || state == ltrFinal) && (c == bidiES || c == bidiNSM):
			state = ltr
		case (state == rtl || state == rtlFinal) && (c == bidiR || c == bidiEN || c == bidiAN):
			state = rtlFinal
		case state == rtlFinal && c == bidiNSM:
		case (state == rtl || state == rtlFinal) && (c == bidiES || c == bidiNSM):
			state = rtl
		default:
			return false
		}
	}
	return state == initial || state == ltrFinal || state == rtlFinal
}

// Punycode, RFC 3492, with its parameters from section 5.
const (
	pBase        = 36
	pTMin        = 1
	pTMax        = 26
	pSkew        = 38
	pDamp        = 700
	pInitialBias = 72
	pInitialN    = 128
	pMaxInt      = 1<<31 - 1 // overflow bound, as in the RFC's 32-bit code
)

func punyAdapt(delta, points int, first bool) int {
	if first {
		delta /= pDamp
	} else {
		delta /= 2
	}
	delta += delta / points
	k := 0
	for delta > (pBase-pTMin)*pTMax/2 {
		delta /= pBase - pTMin
		k += pBase
	}
	return k + (pBase-pTMin+1)*delta/(delta+pSkew)
}

func punyThreshold(k, bias int) int {
	switch {
	case k <= bias:
		return pTMin
	case k >= bias+pTMax:
		return pTMax
	}
	return k - bias
}

// punyEncode encodes a label (section 6.3). Labels are short and their
// runes at most U+10FFFF, so delta stays far below overflow.
func punyEncode(s string) string {
	in := []rune(s)
	out := make([]byte, 0, 2*len(s))
	for _, r := range in {
		if r < utf8.RuneSelf {
			out = append(out, byte(r))
		}
	}
	b := len(out)
	h := b
	if b > 0 {
		out = append(out, '-')
	}
	n, delta, bias := pInitialN, 0, pInitialBias
	for h < len(in) {
		m := int(utf8.MaxRune) + 1
		for _, r := range in {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		delta += (m - n) * (h + 1)
		n = m
		for _, r := range in {
			if int(r) < n {
				delta++
			}
			if int(r) != n {
				continue
			}
			q := delta
			for k := pBase; ; k += pBase {
				t := punyThreshold(k, bias)
				if q < t {
					break
				}
				out = append(out, punyDigit(t+(q-t)%(pBase-t)))
				q = (q - t) / (pBase - t)
			}
			out = append(out, punyDigit(q))
			bias = punyAdapt(delta, h+1, h == b)
			delta = 0
			h++
		}
		delta++
		n++
	}
	return string(out)
}

func punyDigit(d int) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}

// punyDecode decodes the part after "xn--" (section 6.2), false for
// anything malformed, overflowing, non-ASCII or empty.
func punyDecode(s string) (string, bool) {
	if s == "" || !ascii(s) {
		return "", false
	}
	var out []rune
	pos := 0
	if d := strings.LastIndexByte(s, '-'); d >= 0 {
		if d == 0 {
			return "", false
		}
		for _, c := range s[:d] {
			out = append(out, c)
		}
		pos = d + 1
	}
	n, i, bias := pInitialN, 0, pInitialBias
	for pos < len(s) {
		oldI, w := i, 1
		for k := pBase; ; k += pBase {
			if pos == len(s) {
				return "", false
			}
			digit := -1
			switch c := s[pos]; {
			case 'a' <= c && c <= 'z':
				digit = int(c - 'a')
			case 'A' <= c && c <= 'Z':
				digit = int(c - 'A')
			case '0' <= c && c <= '9':
				digit = int(c-'0') + 26
			}
			if digit < 0 {
				return "", false
			}
			pos++
			if digit*w > pMaxInt-i {
				return "", false
			}
			i += digit * w
			t := punyThreshold(k, bias)
			if digit < t {
				break
			}
			if w*(pBase-t) > pMaxInt {
				return "", false
			}
			w *= pBase - t
		}
		if len(out) >= 1024 {
			return "", false
		}
		x := len(out) + 1
		bias = punyAdapt(i-oldI, x, oldI == 0)
		n += i / x
		i %= x
		if n > utf8.MaxRune || 0xd800 <= n && n <= 0xdfff {
			return "", false
		}
		out = append(out, 0)
		copy(out[i+1:], out[i:])
		out[i] = rune(n)
		i++
	}
	return string(out), true
}
