package validation

import (
	"strings"
	"unicode"
	"unicode/utf8"
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

// linkTLDs are the endings that make a word read as a web address.
var linkTLDs = []string{"com", "net", "org", "de", "eu", "info", "io", "ru", "tr", "ir", "ua", "biz", "xyz", "top",
	"site", "online", "link", "click", "me", "co", "ly", "app", "shop", "live"}

// link reports a scheme ("https://"), "www." or a word ending in a common
// top-level domain ("example.com", "example.com/x"). Abbreviations such as
// "e.V." or "gGmbH" are not links.
func link(s string) bool {
	if strings.Contains(s, "://") || containsFold(s, "www.") {
		return true
	}
	for len(s) > 0 {
		// One word: up to a space, parenthesis or comma.
		end := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == ')' || r == ',' })
		if end < 0 {
			end = len(s)
		}
		host, _, _ := strings.Cut(s[:end], "/")
		host = strings.TrimRight(host, ".")
		if dot := strings.LastIndexByte(host, '.'); dot > 0 {
			for _, tld := range linkTLDs {
				if strings.EqualFold(host[dot+1:], tld) {
					return true
				}
			}
		}
		if end == len(s) {
			break
		}
		_, size := utf8.DecodeRuneInString(s[end:])
		s = s[end+size:]
	}
	return false
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
