// Package address handles email addresses the way mail servers see them.
package address

import (
	"strings"

	"golang.org/x/net/idna"
)

// ASCII returns an email address with its domain in punycode (the form
// SES and mail servers take: "info@bücher.example" → "info@xn--bcher-kva.example"),
// or false if it has no "@" or the domain is not a valid internationalised name.
// The local part is returned as written.
func ASCII(addr string) (string, bool) {
	i := strings.LastIndexByte(addr, '@')
	if i < 1 {
		return "", false
	}
	domain, err := idna.Lookup.ToASCII(addr[i+1:])
	if err != nil {
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
