// Package notice is the privacy notice that people consent to on a form:
// where it is and which version. Consent is stored with the version it was
// given to (DSGVO Art. 7 (1): the office must be able to show what was
// agreed to).
package notice

import (
	"net/url"
	"unicode"

	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// Notice is a survey's or a meeting's privacy notice.
type Notice struct {
	URL     string `json:"url"`
	Version string `json:"version"` // e.g. "2026-11" or "3"
}

// MaxVersion is the longest version accepted.
const MaxVersion = 40

// Check adds field errors at path (e.g. "privacyNotice") for a notice that
// is not an https address with a version of printable characters.
func Check(n *Notice, f *validation.Fields, path string) {
	if n == nil {
		return
	}
	if u, err := url.Parse(n.URL); err != nil || u.Scheme != "https" || u.Host == "" || len(n.URL) > 500 {
		f.Add(path+".url", "http_url", "def_notice_url")
	}
	ok := n.Version != "" && len(n.Version) <= MaxVersion
	for _, r := range n.Version {
		ok = ok && unicode.IsPrint(r)
	}
	if !ok {
		f.Add(path+".version", "version", "def_notice_version", MaxVersion)
	}
}

// VersionOf is n's version, "" without a notice.
func VersionOf(n *Notice) string {
	if n == nil {
		return ""
	}
	return n.Version
}
