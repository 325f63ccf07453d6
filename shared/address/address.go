// Package address handles email addresses the way mail servers see them.
package address

import "strings"

// ASCII returns an email address with its domain in punycode (the form
// SES and mail servers take: "info@bücher.example" → "info@xn--bcher-kva.example"),
// or false if it has no "@" or the domain is not a valid internationalised name.
// The local part is returned as written. The domain is converted as
// idna.Lookup.ToASCII (golang.org/x/net/idna) converts it, or refused
// (see domainASCII).
func ASCII(addr string) (string, bool) {
	i := strings.LastIndexByte(addr, '@')
	if i < 1 {
		return "", false
	}
	domain, ok := domainASCII(addr[i+1:])
	if !ok {
		return "", false
	}
	return addr[:i+1] + domain, true
}

// Key is the form in which two addresses count as the same: trimmed, the
// domain in punycode, all lower case.
func Key(addr string) string {
	addr = strings.TrimSpace(addr)
	if a, ok := ASCII(addr); ok {
		addr = a
	}
	return strings.ToLower(addr)
}

// Person is the form in which two addresses reach the same person, for
// the one-registration-per-person rule only (mail goes to the address as
// typed): Key, with a "+tag" cut from the local part ("opfer+1@" is
// "opfer@"), and for Gmail, which ignores dots and has two domains, the
// dots removed and one domain ("o.pfer@googlemail.com" is
// "opfer@gmail.com"). Other providers' dots are kept: "o.pfer@web.de" is
// another mailbox than "opfer@web.de".
func Person(addr string) string {
	k := Key(addr)
	i := strings.LastIndexByte(k, '@')
	if i < 1 {
		return k
	}
	local, domain := k[:i], k[i+1:]
	if tag := strings.IndexByte(local, '+'); tag > 0 {
		local = local[:tag]
	}
	if domain == "gmail.com" || domain == "googlemail.com" {
		local, domain = strings.ReplaceAll(local, ".", ""), "gmail.com"
	}
	return local + "@" + domain
}
