package validation

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Clean trims a name and collapses every run of white space inside it to
// one space, so that a name of only spaces is missing and "Anna   Nowak"
// is "Anna Nowak". A name that is clean already is returned as it is.
func Clean(s string) string {
	clean, prevSpace := true, true // a leading space is not clean
	for _, r := range s {
		space := unicode.IsSpace(r)
		if space && (prevSpace || r != ' ') {
			clean = false
			break
		}
		prevSpace = space
	}
	if clean && !prevSpace || s == "" {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// Plain reports whether s is fit to stand in the greeting of a mail sent
// from an office's domain: no control characters, no invisible format
// characters (bidi overrides and isolates, zero-width spaces and joiners,
// soft hyphens) and nothing that reads as a link. The zero-width non-joiner
// between two letters is allowed: Persian writes it inside words.
func Plain(s string) bool {
	prev := rune(0)
	for i, r := range s {
		if unicode.IsControl(r) {
			return false
		}
		if unicode.Is(unicode.Cf, r) {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if r != '\u200c' || !unicode.IsLetter(prev) || !unicode.IsLetter(next) {
				return false
			}
		}
		prev = r
	}
	return !link(s)
}

// link reports whether s reads as a link: a scheme ("https://"), "www."
// or a domain name anywhere in it. s is read in NFKC first, so fullwidth
// letters and dots ("ｓｐａｍ．ｃｏｍ") are letters and dots; an ideographic
// full stop is a dot too (browsers take it as one). A domain name is any
// ending, not a list of them: a label of letters, digits or hyphens, a
// dot, and a label of two or more letters ("verein.de", "buy.co.uk",
// "x.online", "win.prize"). Abbreviations are not: a one-letter part is no
// ending ("e.V.", "z.B."), a dot before a space joins nothing ("St. Georg",
// "Dr. med."), a one-digit label before the dot is a number ("1.FC"), and
// an initial before a name ("A.Nowak", "И.Петров") is a name.
func link(s string) bool {
	if norm.NFKC.QuickSpanString(s) < len(s) {
		s = norm.NFKC.String(s)
	}
	if strings.Contains(s, "://") || containsFold(s, "www.") {
		return true
	}
	var prev, cur domainLabel // the label before the last dot, and the one being read
	for _, r := range s {
		switch {
		case r == '.' || r == '\u3002':
			prev, cur = cur, domainLabel{}
			prev.dotted = prev.n > 0
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '-' || r == '\u200c':
			cur.add(r)
			if cur.ends(prev) {
				return true
			}
		default:
			prev, cur = domainLabel{}, domainLabel{}
		}
	}
	return false
}

// domainLabel is what link knows of one label of a name read as a domain.
type domainLabel struct {
	n       int  // runes
	letters bool // letters only (marks and the zero-width non-joiner count with them)
	digits  bool // digits only
	title   bool // an upper-case letter, then lower-case ones only
	dotted  bool // a dot followed it
}

func (l *domainLabel) add(r rune) {
	letter := unicode.IsLetter(r) || unicode.IsMark(r) || r == '\u200c'
	if l.n == 0 {
		l.letters, l.digits, l.title = letter, unicode.IsDigit(r), unicode.IsUpper(r)
	} else {
		l.letters = l.letters && letter
		l.digits = l.digits && unicode.IsDigit(r)
		l.title = l.title && !unicode.IsUpper(r) && letter
	}
	l.n++
}

// ends reports whether l, as read so far, makes prev and l a domain name:
// prev a label followed by a dot, l two or more letters.
func (l *domainLabel) ends(prev domainLabel) bool {
	switch {
	case !prev.dotted || l.n < 2 || !l.letters:
		return false
	case prev.n == 1 && prev.digits: // "1.FC": a number
		return false
	case prev.n == 1 && prev.title && l.title: // "A.Nowak": an initial
		return false
	}
	return true
}

// containsFold is strings.Contains without regard to ASCII case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}
