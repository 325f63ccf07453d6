package web

import (
	"html"
	"strings"

	template "github.com/integration-offices/netzwerk-backend/third_party/htmltemplate"
)

// Attrs builds the attributes of one tag in Go, each value escaped, for
// the parts of a page that repeat most (every control and every option of
// a survey): one template action instead of one per attribute keeps a
// 32-question page under a millisecond (BenchmarkSurveyRendered). Names
// are constants of our code, never input.
type Attrs struct{ b strings.Builder }

// Set adds name="value"; an empty value leaves the attribute out.
func (a *Attrs) Set(name, value string) *Attrs {
	if value != "" {
		a.b.WriteByte(' ')
		a.b.WriteString(name)
		a.b.WriteString(`="`)
		a.b.WriteString(html.EscapeString(value))
		a.b.WriteByte('"')
	}
	return a
}

// Flag adds the boolean attribute name when on.
func (a *Attrs) Flag(name string, on bool) *Attrs {
	if on {
		a.b.WriteByte(' ')
		a.b.WriteString(name)
	}
	return a
}

// Lang adds lang and dir="ltr" for a text that fell back to another
// language than the page's (lang is "" when it did not).
func (a *Attrs) Lang(lang string) *Attrs {
	if lang != "" {
		a.Set("lang", lang).Set("dir", "ltr")
	}
	return a
}

// HTML is the attributes for a tag: <input{{.Attrs}}>.
func (a *Attrs) HTML() template.HTMLAttr { return template.HTMLAttr(a.b.String()) }
