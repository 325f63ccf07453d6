package mail

import (
	"slices"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/mailtext"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// Texts are an office's own invitation and reminder texts (shared/mailtext,
// where the store keeps them).
type Texts = mailtext.Texts

// The placeholders a text may hold, each in braces: {link} is the
// personal link and must be in every text.
const (
	PhOrganisation = "organisation" // the invited organisation's name
	PhTitle        = "title"        // the survey's or meeting's title
	PhDeadline     = "deadline"     // until when to answer or register ("–" without one)
	PhLink         = "link"         // the personal link
	PhContact      = "contact"      // the office's name, email and phone
)

// Placeholders are the names a text may use, in the order the console
// explains them.
var Placeholders = []string{PhOrganisation, PhTitle, PhDeadline, PhLink, PhContact}

// MaxText is the longest text (characters).
const MaxText = 5000

// braces calls fn with each placeholder of text ("{name}": no braces or
// line break inside, at most 40 bytes) and its start; a scanner, not a
// regexp compiled at start: this package is in every function.
func braces(text string, fn func(at int, m string)) {
	for i := 0; i < len(text); i++ {
		if text[i] != '{' {
			continue
		}
		j := strings.IndexAny(text[i+1:], "{}\n")
		if j < 0 {
			return
		}
		if text[i+1+j] == '}' && j <= 40 {
			fn(i, text[i:i+j+2])
			i += j + 1
		}
	}
}

// CheckText returns the placeholders of text that are not ours (each once,
// in braces, as written) and whether it holds the link. A placeholder in
// double braces ("{{link}}", as other tools write them) is not ours: it
// would be filled in with its outer braces left standing around it.
func CheckText(text string) (unknown []string, link bool) {
	braces(text, func(at int, m string) {
		if end := at + len(m); at > 0 && text[at-1] == '{' && end < len(text) && text[end] == '}' {
			if m = "{" + m + "}"; !slices.Contains(unknown, m) {
				unknown = append(unknown, m)
			}
			return
		}
		switch name := m[1 : len(m)-1]; {
		case name == PhLink:
			link = true
		case slices.Contains(Placeholders, name):
		case !slices.Contains(unknown, m):
			unknown = append(unknown, m)
		}
	})
	return unknown, link
}

// DefaultText is the catalogue's text of an invitation or reminder
// (kind) for a survey or a meeting in lang, written with placeholders:
// what a coordinator starts from, and what a language without an own
// text gets. deadline: the survey or meeting has one.
func DefaultText(kind outbox.Kind, meeting bool, lang string, deadline bool) string {
	target, action := "survey", "mail.take_survey"
	if meeting {
		target, action = "meeting", "mail.register"
	}
	k := "mail." + string(kind) + "." + target
	parts := []string{i18n.T(lang, k+".lead"), i18n.T(lang, k+".extra")}
	if deadline {
		parts = append(parts, i18n.T(lang, "mail.deadline."+target, "{"+PhDeadline+"}"))
	}
	parts = append(parts, i18n.T(lang, action)+":\n{"+PhLink+"}")
	return strings.Join(parts, "\n\n")
}

// fill replaces the known placeholders of text by their values.
func fill(text string, vals map[string]string) string {
	var b strings.Builder
	last := 0
	braces(text, func(at int, m string) {
		if v, ok := vals[m[1:len(m)-1]]; ok {
			b.WriteString(text[last:at])
			b.WriteString(v)
			last = at + len(m)
		}
	})
	b.WriteString(text[last:])
	return b.String()
}

// segment is a piece of a paragraph of an own text: words, or the link.
type segment struct{ Text, URL string }

// body fills in an own text's placeholders: paragraphs (split at blank
// lines) of words and links, the values in the text's direction.
func body(text string, vals map[string]string, link string) [][]segment {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	var out [][]segment
	for _, para := range strings.Split(text, "\n\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		var p []segment
		for i, piece := range strings.Split(para, "{"+PhLink+"}") {
			if i > 0 {
				p = append(p, segment{URL: link})
			}
			piece = fill(piece, vals)
			if piece != "" {
				p = append(p, segment{Text: piece})
			}
		}
		out = append(out, p)
	}
	return out
}
