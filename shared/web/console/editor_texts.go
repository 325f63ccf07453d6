package console

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// The texts of one language beside the German ones: every title, label,
// help and option of the survey, the missing ones marked, for a
// translator who works through a list.

// textEntry is one text of the survey and its path in the definition.
type textEntry struct {
	Path string
	Text i18n.Text
	// what and n name it on the page (catalogue key, number).
	what string
	args []any
	set  func(i18n.Text)
}

// textEntries are the survey's texts in page order.
func textEntries(d *survey.Definition) []textEntry {
	out := []textEntry{
		{Path: "title", Text: d.Title, what: "console.editor_survey_title", set: func(t i18n.Text) { d.Title = t }},
		{Path: "description", Text: d.Description, what: "console.editor_description", set: func(t i18n.Text) { d.Description = t }},
	}
	for i := range d.Sections {
		sec := &d.Sections[i]
		out = append(out, textEntry{Path: fmt.Sprintf("sections[%d].title", i), Text: sec.Title, what: "console.texts_section", args: []any{i + 1},
			set: func(t i18n.Text) { sec.Title = t }})
	}
	for i := range d.Questions {
		q := &d.Questions[i]
		if q.Retired {
			continue
		}
		out = append(out, textEntry{Path: fmt.Sprintf("questions[%d].label", i), Text: q.Label, what: "console.texts_label", args: []any{i + 1},
			set: func(t i18n.Text) { q.Label = t }})
		if q.Help[i18n.Default] != "" {
			out = append(out, textEntry{Path: fmt.Sprintf("questions[%d].help", i), Text: q.Help, what: "console.texts_help", args: []any{i + 1},
				set: func(t i18n.Text) { q.Help = t }})
		}
		for j := range q.Options {
			o := &q.Options[j]
			if o.Retired {
				continue
			}
			out = append(out, textEntry{Path: fmt.Sprintf("questions[%d].options[%d].label", i, j), Text: o.Label, what: "console.texts_option", args: []any{i + 1, o.Code},
				set: func(t i18n.Text) { o.Label = t }})
		}
	}
	return out
}

type textsPage struct {
	editorData
	Action, To, ToName string
	Missing            int
	Langs              []langState
	Rows               []web.Input
}

// target language of the texts page: one of the others than German.
func textsTo(v string) (string, bool) {
	return v, v != i18n.Default && slices.Contains(i18n.Supported, v)
}

func (c *Console) editTexts(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	to := httpapi.Query(req, "to")
	if to == "" {
		to = "en"
		if lang != i18n.Default {
			to = lang
		}
	}
	if _, ok := textsTo(to); !ok {
		return Response{}, apperr.New(apperr.NotFound, "not_found")
	}
	v := url.Values{"to": {to}}
	for _, e := range textEntries(d) {
		v.Set(e.Path+"."+to, e.Text[to])
	}
	return c.renderTexts(http.StatusOK, s, req, d, n, newForm(lang, v))
}

func (c *Console) renderTexts(status int, s *Session, req *Request, d *survey.Definition, answers int, form *Form) (Response, error) {
	lang, to := form.Lang, form.Get("to")
	p := textsPage{editorData: c.editorBase(s, req, lang, "console.texts_title", editPath(d.ID)+"/texts", d, answers),
		Action: editPath(d.ID) + "/texts", To: to, ToName: i18n.Name(to)}
	p.Stamp = c.stamp(form, p.Action)
	var fields []string
	missing := missingTexts(d)
	for _, l := range i18n.Supported {
		if l != i18n.Default {
			p.Langs = append(p.Langs, langState{Code: l, Name: i18n.Name(l), Missing: missing[l],
				URL: editPath(d.ID) + "/texts?" + url.Values{"to": {l}, "lang": {lang}}.Encode()})
		}
	}
	for _, e := range textEntries(d) {
		name := e.Path + "." + to
		de := e.Text[i18n.Default]
		if de == "" && e.Text[to] == "" {
			continue // nothing to translate (an empty description)
		}
		fields = append(fields, name)
		in := web.Input{Name: name, Type: "text", Label: i18n.T(lang, e.what, e.args...), FieldLang: to, Dir: "auto", MaxLength: 4000}
		if de != "" {
			in.Hint, in.HintLang = de, "de"
			if lang == "de" {
				in.HintLang = ""
			}
		}
		if len([]rune(de)) > 80 {
			in.Rows = 3
		}
		in = form.Input(in)
		if in.Value == "" && de != "" {
			in.Label += " – " + i18n.T(lang, "console.texts_missing")
			p.Missing++
		}
		p.Rows = append(p.Rows, in)
	}
	p.Errors = form.Summary(fields, nil)
	return pages.Render(status, "editor_texts.html", lang, true, p)
}

func (c *Console) saveTexts(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	to, ok := textsTo(form.Get("to"))
	if !ok {
		return Response{}, apperr.New(apperr.BadRequest, "bad_request")
	}
	for _, e := range textEntries(d) {
		t := i18n.Text{}
		for l, v := range e.Text {
			t[l] = v
		}
		if v := form.Multiline(e.Path + "." + to); v != "" {
			t[to] = v
		} else {
			delete(t, to)
		}
		if len(t) == 0 {
			t = nil
		}
		e.set(t)
	}
	if err := c.save(ctx, s, d, lang); err != nil {
		if !form.Merge(err, nil) {
			return Response{}, err
		}
		return c.renderTexts(http.StatusUnprocessableEntity, s, req, d, n, form)
	}
	return web.Redirect(editPath(d.ID)+"/texts?"+url.Values{"to": {to}, "lang": {lang}, "saved": {"1"}}.Encode(), lang, true), nil
}
