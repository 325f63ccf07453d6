// Package pages serves the pages people open from the links in our mails:
// the survey, the meeting with its registration form, and the manage page
// of a registration. Handlers are thin: the form becomes the request type
// of the JSON API, the same service decides, the page renders.
package pages

import (
	"context"
	"encoding/json"
	"html"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/notice"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// page turns a page handler's error into an error page: a page route
// never answers JSON.
func page(log *slog.Logger, fn httpapi.HandlerFunc) httpapi.HandlerFunc {
	return func(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
		resp, err := fn(ctx, req, lang)
		if err != nil {
			return web.Error(ctx, log, lang, err), nil
		}
		return resp, nil
	}
}

// Survey returns the survey function's page handlers, by route key.
func Survey(log *slog.Logger, svc *survey.Service, tokens *linktoken.Minter, now func() time.Time) map[string]httpapi.HandlerFunc {
	h := &surveyPages{svc: svc, tokens: tokens, now: now}
	return map[string]httpapi.HandlerFunc{
		"GET /s/{surveyId}":        page(log, h.form),
		"POST /s/{surveyId}":       page(log, h.submit),
		"GET /s/{surveyId}/thanks": page(log, h.thanks),
		"POST /s/{surveyId}/erase": page(log, h.erase),
		"GET /assets/{file}": func(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
			if resp, ok := web.Asset(req.PathParameters["file"], req.Headers["accept-encoding"]); ok {
				return resp, nil
			}
			return web.Message(ctx, log, http.StatusNotFound, lang, "page.not_found_title", "route_not_found"), nil
		},
	}
}

type surveyPages struct {
	svc    *survey.Service
	tokens *linktoken.Minter
	now    func() time.Time
	cache  pageCache
}

// surveyView is the survey page's data.
type surveyView struct {
	web.Layout
	Heading, TitleLang           string
	Description, DescriptionLang string
	Organisation                 string
	Answered                     bool
	// EraseAction: the form that erases an earlier answer (personal link).
	EraseAction string
	// Notice is the privacy notice the consent refers to (a link).
	Notice                    *notice.Notice
	Action, Stamp, Invitation string
	Sections                  []sectionView
	Privacy, Publish          bool
	PrivacyError              string
	PrivacyErr                *errView
}

type sectionView struct {
	Title, TitleLang string
	Questions        []questionView
}

// questionView is one question's control. Its repeating attributes are
// built here (web.Attrs) rather than one template action each: that keeps
// the 32-question page's render under a millisecond.
type questionView struct {
	ID           string
	Choice       bool   // radios or checkboxes in a fieldset
	Textarea     bool   // long text
	Select       bool   // a long single choice
	Label, Help  string // in the page's language or the fallback
	Format       string // how to write the answer (a date), in the page's language
	LabelAttrs   template.HTMLAttr
	HelpAttrs    template.HTMLAttr
	RequiredNote string            // "(required)" in the page's language, when required
	Value        string            // of a textarea
	Control      template.HTMLAttr // the input's, textarea's or select's attributes; a choice's fieldset's
	Choose       string            // a select's empty first option
	Options      template.HTML     // the radios, checkboxes or select options, built by choices
	Err          *errView
}

type errView struct{ ID, Message string }

func errOf(id, msg string) *errView {
	if msg == "" {
		return nil
	}
	return &errView{ID: id, Message: msg}
}

// text returns a definition's text in lang and, when it falls back to
// German, "de" for its lang attribute.
func text(t i18n.Text, lang string) (string, string) {
	s, l := t.Lang(lang)
	if l == lang {
		return s, ""
	}
	return s, l
}

// selectAbove is the number of options from which a single choice is a
// select instead of radios.
const selectAbove = 8

// controlID is the id of a question's first control (what the error
// summary links to).
func controlID(q string) string { return "q-" + q }

func (h *surveyPages) form(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id, token := req.PathParameters["surveyId"], httpapi.Query(req, "invitation")
	f, err := h.svc.Form(ctx, id, token)
	if err != nil {
		return httpapi.Response{}, err
	}
	if token == "" && f.Status == survey.StatusOpen { // the same page for everyone: page_cache.go
		if c := h.cache.form(h, f, id, lang); c != nil {
			return c.respond(req, web.Stamp(h.tokens, "/s/"+id, h.now())), nil
		}
	}
	values := url.Values{}
	if f.Earlier != nil {
		values = formOf(f.Def, f.Earlier)
	} else if q := f.Def.Bound(survey.ProfileName); f.Invitation != nil && q != nil {
		values.Set(q.ID, f.Invitation.Organisation)
	}
	return h.render(http.StatusOK, f, id, token, lang, values, nil, "")
}

// render shows the survey's form with values and errs; stamp is the
// form's stamp ("": a new one).
func (h *surveyPages) render(status int, f *survey.Form, id, token, lang string, values url.Values, errs []web.FieldError, stamp string) (httpapi.Response, error) {
	d := f.Def
	title, titleLang := text(d.Title, lang)
	query := url.Values{}
	if token != "" {
		query.Set("invitation", token)
	}
	layout := web.NewLayout(lang, title, d.Office, "/s/"+id, query)
	layout.SetOffice(f.Office)
	switch f.Status {
	case survey.StatusClosed:
		return web.Render(http.StatusConflict, "message.html", lang, token != "", struct {
			web.Layout
			Text string
		}{layout, i18n.T(lang, "page.survey_closed", i18n.Date(lang, *d.ClosesAt))})
	case survey.StatusScheduled:
		return web.Render(http.StatusConflict, "message.html", lang, token != "", struct {
			web.Layout
			Text string
		}{layout, i18n.T(lang, "page.survey_not_open", i18n.Date(lang, *d.OpensAt))})
	}
	layout.Errors = errs
	layout.Form = "survey-form"
	if stamp == "" {
		stamp = web.Stamp(h.tokens, "/s/"+id, h.now())
	}
	v := surveyView{Layout: layout, Heading: title, TitleLang: titleLang, Action: "/s/" + id + "?lang=" + lang,
		Stamp: stamp, Invitation: token,
		Privacy: values.Get("consent.privacy") == "true", Publish: values.Get("consent.publishProfile") == "true"}
	v.Description, v.DescriptionLang = text(d.Description, lang)
	v.Notice = f.Office.Notice(d.PrivacyNotice)
	if f.Invitation != nil {
		v.Organisation, v.Answered = f.Invitation.Organisation, f.Invitation.Answered
		if f.Earlier != nil {
			v.EraseAction = "/s/" + id + "/erase?lang=" + lang
		}
	}
	v.PrivacyError = web.ErrorFor(errs, "consent-privacy")
	v.PrivacyErr = errOf("consent-privacy", v.PrivacyError)
	sections := map[string]int{}
	v.Sections = append(v.Sections, sectionView{})
	for _, s := range d.Sections {
		sections[s.ID] = len(v.Sections)
		t, tl := text(s.Title, lang)
		v.Sections = append(v.Sections, sectionView{Title: t, TitleLang: tl})
	}
	for _, q := range d.Questions {
		qv := controlOf(q, lang, values, web.ErrorFor(errs, controlID(q.ID)))
		i := sections[q.Section]
		v.Sections[i].Questions = append(v.Sections[i].Questions, qv)
	}
	if len(v.Sections[0].Questions) == 0 {
		v.Sections = v.Sections[1:]
	}
	return web.Render(status, "survey.html", lang, token != "", v)
}

// checkClass is KERN's class of a radio or a checkbox.
var checkClass = map[string]string{"radio": "kern-form-check__radio", "checkbox": "kern-form-check__checkbox"}

// controlOf makes a question's form control, filled with values, with
// its error message (or "").
func controlOf(q survey.Question, lang string, values url.Values, errMsg string) questionView {
	id := controlID(q.ID)
	v := questionView{ID: id, Err: errOf(id, errMsg)}
	label, labelLang := text(q.Label, lang)
	help, helpLang := text(q.Help, lang)
	v.Label, v.Help = label, help
	if h := q.Kind().Hint; h != "" {
		v.Format = i18n.T(lang, h)
	}
	v.LabelAttrs = new(web.Attrs).Lang(labelLang).HTML()
	v.HelpAttrs = new(web.Attrs).Lang(helpLang).HTML()
	if q.Required {
		v.RequiredNote = "(" + i18n.T(lang, "page.required") + ")"
	}
	bad := errMsg != ""
	describedBy := func() string {
		var ids []string
		if help != "" {
			ids = append(ids, id+"-hint")
		}
		if v.Format != "" {
			ids = append(ids, id+"-format")
		}
		if bad {
			ids = append(ids, id+"-error")
		}
		return strings.Join(ids, " ")
	}
	// control starts the attributes of an input, textarea or select with
	// its class. Classes are written out whole: the CSS purge
	// (scripts/purge-css) finds them in this file.
	control := func(class, errorClass string) *web.Attrs {
		if bad {
			class += " " + errorClass
		}
		return new(web.Attrs).Set("class", class)
	}
	described := func(a *web.Attrs) template.HTMLAttr {
		return a.Flag(`aria-required="true"`, q.Required).Flag(`aria-invalid="true"`, bad).Set("aria-describedby", describedBy()).HTML()
	}
	value := values.Get(q.ID)
	chosen := map[string]bool{}
	for _, x := range values[q.ID] {
		chosen[x] = true
	}
	k := q.Kind()
	var inputType string
	var opts choices
	option := func(n int, c survey.Choice) {
		if v.Select {
			opts.option(c.Code, c.Label, c.Lang, chosen[c.Code])
			return
		}
		oid := id
		if n > 0 {
			oid += "-" + strconv.Itoa(n)
		}
		opts.check(inputType, oid, q.ID, c.Code, c.Label, c.Lang, chosen[c.Code], bad)
	}
	switch k.Control {
	case survey.ControlInput:
		typ := k.InputType
		if q.Handles {
			typ = "text" // @verein is no url: a phone's url keyboard hides the @
		}
		a := control("kern-form-input__input", "kern-form-input__input--error").Set("type", typ).Set("id", id).Set("name", q.ID).Set("value", value)
		if k.MaxLength > 0 {
			a.Set("maxlength", strconv.Itoa(q.MaxLen()))
		}
		if mode := k.InputMode; mode != "" {
			if q.Integer {
				mode = "numeric"
			}
			a.Set("inputmode", mode)
		}
		if q.Min != nil && k.Bounds == survey.BoundsDate {
			a.Set("min", q.Min.Date)
		}
		if q.Max != nil && k.Bounds == survey.BoundsDate {
			a.Set("max", q.Max.Date)
		}
		if q.Handles {
			a.Set("autocapitalize", "none").Set("spellcheck", "false")
		} else if ac := q.Autocomplete(); ac != "" {
			a.Set("autocomplete", ac)
		}
		if k.LTR {
			a.Set("dir", "ltr") // addresses, numbers and dates are written left to right, in Arabic too
		}
		v.Control = described(a)
	case survey.ControlTextarea:
		v.Textarea, v.Value = true, value
		a := control("kern-form-input__input", "kern-form-input__input--error").Set("id", id).Set("name", q.ID).Set("rows", "5")
		if n := q.MaxLen(); n > 0 {
			a.Set("maxlength", strconv.Itoa(n))
		}
		v.Control = described(a)
	case survey.ControlRadios, survey.ControlChecks:
		inputType = "radio"
		cs := q.Choices(lang)
		if k.Control == survey.ControlChecks {
			inputType = "checkbox"
		} else if k.Options && len(cs) > selectAbove {
			v.Select, v.Choose = true, i18n.T(lang, "page.choose")
			v.Control = described(control("kern-form-input__select", "kern-form-input__select--error").Set("id", id).Set("name", q.ID))
		}
		for n, c := range cs {
			option(n, c)
		}
	}
	if inputType != "" && !v.Select {
		v.Choice = true
		// The fieldset carries the group's description.
		v.Control = new(web.Attrs).Set("aria-describedby", describedBy()).HTML()
	}
	v.Options = template.HTML(opts.String())
	return v
}

// choices writes a question's radios, checkboxes or select options: the
// part of the survey page that repeats most (85 in the demo survey), so
// it is written here, every value escaped, instead of a dozen template
// actions for each.
type choices struct{ strings.Builder }

// check writes one radio or checkbox with its label.
func (c *choices) check(typ, id, name, code, label, labelLang string, checked, bad bool) {
	wrap := "kern-form-check"
	if bad {
		wrap += " kern-form-check--error"
	}
	c.WriteString("\n" + `<div class="` + wrap + `">` + "\n<input")
	c.WriteString(string(new(web.Attrs).Set("class", checkClass[typ]).Set("type", typ).Set("id", id).Set("name", name).
		Set("value", code).Flag("checked", checked).Flag(`aria-invalid="true"`, bad).HTML()))
	c.WriteString(">\n<label")
	c.WriteString(string(new(web.Attrs).Set("class", "kern-label").Set("for", id).Lang(labelLang).HTML()))
	c.WriteString(">" + html.EscapeString(label) + "</label>\n</div>")
}

// option writes one option of a select.
func (c *choices) option(code, label, labelLang string, selected bool) {
	c.WriteString("\n<option")
	c.WriteString(string(new(web.Attrs).Set("value", code).Flag("selected", selected).Lang(labelLang).HTML()))
	c.WriteString(">" + html.EscapeString(label) + "</option>")
}

// formOf is an earlier answer as form values.
func formOf(d *survey.Definition, r *survey.Response) url.Values {
	v := url.Values{}
	for _, q := range d.Questions {
		if a := survey.AnswerValues(r.Answers[q.ID]); a != nil {
			v[q.ID] = a
		}
	}
	if r.Consent.Privacy != nil && *r.Consent.Privacy {
		v.Set("consent.privacy", "true")
	}
	if r.Consent.PublishProfile {
		v.Set("consent.publishProfile", "true")
	}
	return v
}

// submission turns the posted form into the JSON API's request: answers
// in the definition's types. A value its type cannot read (a number that
// is none) is left out and reported in bad, so that the service still
// checks everything else.
func submission(d *survey.Definition, form url.Values, lang string) (sub *survey.Submission, bad []web.FieldError, err error) {
	answers := map[string]any{}
	for _, q := range d.Questions {
		vals := form[q.ID]
		if len(vals) == 0 || (len(vals) == 1 && strings.TrimSpace(vals[0]) == "" && q.Kind().Value != survey.ShapeCodes) {
			continue
		}
		if v, msg, ok := q.FormValue(vals, lang); ok {
			answers[q.ID] = v
		} else {
			bad = append(bad, web.FieldError{Field: controlID(q.ID), Message: msg})
		}
	}
	raw, err := json.Marshal(answers)
	if err != nil {
		return nil, nil, err
	}
	privacy := form.Get("consent.privacy") == "true"
	sub = &survey.Submission{Language: lang, Invitation: form.Get("invitation"), Answers: raw,
		Consent: &survey.Consent{Privacy: &privacy, PublishProfile: form.Get("consent.publishProfile") == "true"}}
	return sub, bad, nil
}

// inFormOrder sorts errors as their controls stand in the form: the
// questions in order, then the consents.
func inFormOrder(d *survey.Definition, errs []web.FieldError) []web.FieldError {
	pos := map[string]int{}
	for i, q := range d.Questions {
		pos[controlID(q.ID)] = i + 1
	}
	rank := func(e web.FieldError) int {
		if p, ok := pos[e.Field]; ok {
			return p
		}
		return len(d.Questions) + 1
	}
	sort.SliceStable(errs, func(i, j int) bool { return rank(errs[i]) < rank(errs[j]) })
	return errs
}

// fieldID maps the service's field paths to the page's control ids.
func fieldID(path string) string {
	if q, ok := strings.CutPrefix(path, "answers."); ok {
		return controlID(q)
	}
	return strings.ReplaceAll(path, ".", "-")
}

func (h *surveyPages) submit(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id := req.PathParameters["surveyId"]
	form, err := web.ParseForm(req)
	if err != nil {
		return httpapi.Response{}, err
	}
	token := form.Get("invitation")
	f, err := h.svc.Form(ctx, id, token)
	if err != nil {
		return httpapi.Response{}, err
	}
	if to, ok := web.SwitchTo(form, lang); ok {
		// The language switch: the same form in another language with what
		// was typed, its stamp kept; nothing checked, stored or counted.
		return h.render(http.StatusOK, f, id, token, to, form, nil, web.KeepStamp(h.tokens, form, "/s/"+id, h.now()))
	}
	if err := web.CheckGuard(h.tokens, form, "/s/"+id, h.now()); err != nil {
		return h.render(http.StatusUnprocessableEntity, f, id, token, lang, form,
			[]web.FieldError{{Field: "main", Message: i18n.T(lang, "page.try_again")}}, "")
	}
	sub, bad, err := submission(f.Def, form, lang)
	if err != nil {
		return httpapi.Response{}, err
	}
	if len(bad) > 0 {
		errs := append(bad, web.Fields(h.svc.Check(ctx, id, sub, lang), fieldID)...)
		return h.render(http.StatusUnprocessableEntity, f, id, token, lang, form, inFormOrder(f.Def, errs), "")
	}
	// The same form sent twice with the same values (a double click)
	// stores one answer (web.FormClaim).
	claim, err := web.FormClaim(req, "/s/"+id, form)
	if err != nil {
		return httpapi.Response{}, err
	}
	if _, err := h.svc.Submit(ctx, id, sub, lang, claim); err != nil {
		if errs := web.Fields(err, fieldID); errs != nil {
			return h.render(http.StatusUnprocessableEntity, f, id, token, lang, form, inFormOrder(f.Def, errs), "")
		}
		return httpapi.Response{}, err
	}
	q := url.Values{"lang": {lang}}
	if token != "" {
		q.Set("invitation", token)
	}
	return web.Redirect("/s/"+id+"/thanks?"+q.Encode(), lang, token != ""), nil
}

func (h *surveyPages) thanks(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id, token := req.PathParameters["surveyId"], httpapi.Query(req, "invitation")
	f, err := h.svc.Form(ctx, id, "")
	if err != nil {
		return httpapi.Response{}, err
	}
	title, _ := text(f.Def.Title, lang)
	query := url.Values{}
	if token != "" {
		query.Set("invitation", token)
	}
	// What happens next; through a personal link, the way back to the
	// answers and until when they can be changed.
	var change, back string
	if token != "" {
		change = i18n.T(lang, "page.thanks_change")
		if c := f.Def.ClosesAt; c != nil {
			t := c.In(meeting.OfficeLocation())
			change = i18n.T(lang, "page.thanks_change_until", i18n.Isolate(lang, i18n.T(lang, "mail.date_time", i18n.Date(lang, t), i18n.Clock(lang, t))))
		}
		back = "/s/" + id + "?" + url.Values{"invitation": {token}, "lang": {lang}}.Encode()
	}
	layout := web.NewLayout(lang, i18n.T(lang, "page.thanks_title")+" – "+title, "", "/s/"+id+"/thanks", query)
	layout.SetOffice(f.Office)
	return web.Render(http.StatusOK, "thanks.html", lang, token != "", struct {
		web.Layout
		Change, Back string
	}{layout, change, back})
}

// erase erases the answer given through a personal link, at the
// organisation's request, after one confirm step.
func (h *surveyPages) erase(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	form, err := web.ParseForm(req)
	if err != nil {
		return httpapi.Response{}, err
	}
	id, token := req.PathParameters["surveyId"], form.Get("invitation")
	back := url.Values{"lang": {lang}, "invitation": {token}}
	layout := web.NewLayout(lang, i18n.T(lang, "page.erase_answer_confirm_title"), "", "/s/"+id, url.Values{"invitation": {token}})
	if form.Get("confirm") != "yes" {
		// One confirm step: nothing changes until it is confirmed.
		f, err := h.svc.Form(ctx, id, token)
		if err != nil {
			return httpapi.Response{}, err
		}
		if f.Earlier == nil {
			return httpapi.Response{}, apperr.New(apperr.NotFound, "response_not_found")
		}
		return web.Render(http.StatusOK, "confirm.html", lang, true, confirmView{Layout: layout,
			TitleKey: "page.erase_answer_confirm_title", TextKey: "page.erase_answer_confirm_text", YesKey: "page.erase_yes",
			Action: "/s/" + id + "/erase?lang=" + lang, Back: "/s/" + id + "?" + back.Encode(), Invitation: token})
	}
	if err := h.svc.EraseByInvitation(ctx, id, token); err != nil {
		return httpapi.Response{}, err
	}
	layout.Title = i18n.T(lang, "page.answer_erased")
	return web.Render(http.StatusOK, "message.html", lang, true, struct {
		web.Layout
		Text string
	}{layout, i18n.T(lang, "page.answer_erased")})
}
