package validation

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean trims a name and collapses every run of white space inside it to
// one space, so that a name of only spaces is missing and "Anna   Nowak"
// is "Anna Nowak".
func Clean(s string) string { return strings.Join(strings.Fields(s), " ") }

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

// linkTLDs are the endings that make a word read as a web address.
var linkTLDs = []string{"com", "net", "org", "de", "eu", "info", "io", "ru", "tr", "ir", "ua", "biz", "xyz", "top",
	"site", "online", "link", "click", "me", "co", "ly", "app", "shop", "live"}

// link reports a scheme ("https://"), "www." or a word ending in a common
// top-level domain ("example.com", "example.com/x"). Abbreviations such as
// "e.V." or "gGmbH" are not links.
func link(s string) bool {
	s = strings.ToLower(s)
	if strings.Contains(s, "://") || strings.Contains(s, "www.") {
		return true
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == ')' || r == ',' }) {
		host, _, _ := strings.Cut(w, "/")
		host = strings.TrimRight(host, ".")
		dot := strings.LastIndexByte(host, '.')
		if dot < 1 {
			continue
		}
		for _, tld := range linkTLDs {
			if host[dot+1:] == tld {
				return true
			}
		}
	}
	return false
}
