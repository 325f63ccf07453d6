// Package pages serves the pages people open from the links in our mails:
// the survey, the meeting with its registration form, and the manage page
// of a registration. Handlers are thin: the form becomes the request type
// of the JSON API, the same service decides, the page renders.
package pages

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/notice"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	template "github.com/integration-offices/netzwerk-backend/third_party/htmltemplate"
)

// Survey returns the survey function's page handlers, by route key,
// keeping no drafts (SurveyWith).
func Survey(log *slog.Logger, svc *survey.Service, tokens *linktoken.Minter, now func() time.Time) map[string]httpapi.HandlerFunc {
	return SurveyWith(log, svc, nil, tokens, now)
}

// SurveyWith is Survey that keeps what was entered through a personal
// link between visits in drafts (nil: none).
func SurveyWith(log *slog.Logger, svc *survey.Service, drafts *survey.Drafts, tokens *linktoken.Minter, now func() time.Time) map[string]httpapi.HandlerFunc {
	h := &surveyPages{svc: svc, drafts: drafts, tokens: tokens, now: now, log: log, build: web.BuildID, copies: newCopies(survey.CacheTTL)}
	return map[string]httpapi.HandlerFunc{
		"GET /s/{surveyId}":        copied(log, h.form),
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
	drafts *survey.Drafts
	tokens *linktoken.Minter
	now    func() time.Time
	cache  pageCache
	log    *slog.Logger
	// build is the function's build (web.BuildID, asked once the page's
	// item is read) and copies the copies of public pages it read
	// (page_copy.go); nil (or ""): none are read or kept.
	build  func() string
	copies copies
	// preview: the console's preview (preview.go), which stores nothing.
	preview *Preview
	// uncached renders every page of a survey with sections (a test's
	// measure of the cache).
	uncached bool
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
	Privacy, Publish          web.Input
	// Consent: the consents are on this page (the whole form, the check
	// page).
	Consent bool
	// A survey with sections, one per page (steps.go): the page's
	// page.step, its place among the pages shown, the values of the other
	// pages, and on the check page every answer by section.
	Stepped, First, Checking bool
	Step, Progress           string
	// Carry are the hidden fields of the values of the other pages (and
	// the console's CSRF token), written in Go (carryHTML).
	Carry   template.HTML
	carried []carried
	// Check is the check page's answers by section, written in Go
	// (checkHTML).
	Check template.HTML
	// onPage are the questions on a page of a survey with sections (in
	// d.Questions), whose controls fillControls adds.
	onPage []int
	// Banner says that this is the console's preview.
	Banner string
}

type sectionView struct {
	Title, TitleLang string
	Questions        []web.Input
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

// answerField is the field of a question's answer: the path the service
// names its errors by, whose element is the question's first control
// (web.FieldID: answers.q1 is q-q1).
func answerField(q string) string { return "answers." + q }

// surveyFields are the survey form's fields in their order on the page:
// the questions, then the consent.
func surveyFields(d *survey.Definition) []string {
	out := make([]string, 0, len(d.Questions)+1)
	for _, q := range d.Questions {
		out = append(out, answerField(q.ID))
	}
	return append(out, "consent.privacy")
}

func (h *surveyPages) form(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id, token := req.PathParameters["surveyId"], httpapi.Query(req, "invitation")
	public := token == "" && h.preview == nil // the same page for everyone: page_cache.go
	personal := token != "" && h.preview == nil && h.build != nil && h.drafts != nil
	var (
		f      *survey.Form
		digest string
		err    error
	)
	if !public && !personal || h.build == nil {
		httpapi.WillRender(ctx)
	} else if public { // a copy of the page, if one is current (page_copy.go)
		if k := h.copies.get(id, lang, h.now()); k != nil {
			return k.respond(req, web.Stamp(h.tokens, "/s/"+id, h.now())), nil
		}
		go h.build() // read while the survey is on its way (at a cold start)
		var cp []byte
		if cp, f, digest, err = h.svc.FormOrCopy(ctx, id, lang, h.build); err != nil {
			return httpapi.Response{}, err
		}
		if k := h.copies.read(id, lang, cp, h.now()); k != nil {
			return k.respond(req, web.Stamp(h.tokens, "/s/"+id, h.now())), nil
		}
	}
	// Where a personal link's organisation stopped: read beside the
	// survey and its invitation (the draft's key is the link's), used
	// only when the link is the survey's.
	var (
		draft  *survey.Draft
		drafts = token != "" && h.drafts != nil && h.preview == nil
	)
	if f == nil {
		if personal { // the first view's page copy, if one is current
			go h.build()
			var p survey.Personal
			if p, err = h.svc.PersonalOrCopy(ctx, id, token, lang, h.build, h.drafts); err != nil {
				return httpapi.Response{}, err
			}
			if k, ok := decodeCopy(p.Copy); ok && k.valid(h.now()) && spliceableLink(token) && spliceable(p.Organisation) {
				return k.respond(req, web.Stamp(h.tokens, "/s/"+id, h.now()), token, p.Organisation), nil
			}
			f, digest, draft = p.Form, p.Digest, p.Draft
			if f == nil { // a copy this link cannot take: as it is now
				f, err = h.svc.Form(ctx, id, token)
			}
		} else if drafts {
			p, perr := h.svc.PersonalOrCopy(ctx, id, token, lang, nil, h.drafts)
			f, draft, err = p.Form, p.Draft, perr
		} else {
			f, err = h.svc.Form(ctx, id, token)
		}
		if err != nil {
			return httpapi.Response{}, err
		}
	}
	if public && f.Status == survey.StatusOpen {
		if c := h.cache.form(h, f, id, lang); c != nil {
			if digest != "" {
				var until time.Time
				if f.Def.ClosesAt != nil {
					until = *f.Def.ClosesAt
				}
				keep(ctx, h.log, c, until, func(b []byte) error { return h.svc.PutCopy(ctx, id, lang, digest, b) })
			}
			return c.respond(req, web.Stamp(h.tokens, "/s/"+id, h.now())), nil
		}
	}
	values, at := url.Values{}, 0
	if f.Earlier != nil {
		values = formOf(f.Def, f.Earlier)
	} else if q := f.Def.Bound(survey.ProfileName); f.Invitation != nil && q != nil {
		values.Set(q.ID, f.Invitation.Organisation)
	}
	if draft != nil && f.Invitation != nil { // where the organisation stopped, with what it entered
		values, at = url.Values(draft.Values), indexOf(stepsOf(f.Def), draft.Step)
	}
	if personal && digest != "" && draft == nil && f.Earlier == nil && f.Status == survey.StatusOpen && f.Invitation != nil &&
		!f.Invitation.Answered && spliceableLink(token) && spliceable(f.Invitation.Organisation) {
		if c := h.personalCopy(f, id, lang); c != nil {
			var until time.Time
			if f.Def.ClosesAt != nil {
				until = *f.Def.ClosesAt
			}
			keep(ctx, h.log, c, until, func(b []byte) error { return h.svc.PutCopy(ctx, id, lang+survey.PersonalCopy, digest, b) })
			return c.respond(req, web.Stamp(h.tokens, "/s/"+id, h.now()), token, f.Invitation.Organisation), nil
		}
	}
	return h.render(http.StatusOK, f, id, token, web.NewForm(lang, values), "", at)
}

// marks are the marks of the personal pages' copies (the link, the
// organisation): text that html/template, a URL's query and the
// catalogue keep as it is, made once per process with 128 random bits,
// so that no survey, meeting or office text can hold one (a mark in a
// coordinator's text would take a person's value there).
var marks = sync.OnceValue(func() struct{ link, org string } {
	r := strings.ToLower(rand.Text())
	return struct{ link, org string }{"link-mark-" + r, "org-mark-" + r}
})

// spliceable says whether s goes into a page copy's marks as it is: it
// is not empty and holds nothing that HTML, a URL's query or a mark
// writes otherwise (an organisation "Eltern & Kinder e.V." is rendered).
func spliceable(s string) bool {
	if s == "" || strings.Contains(s, "mark-") {
		return false
	}
	for _, r := range s {
		switch {
		case r == '"' || r == '&' || r == '\'' || r == '<' || r == '>' || r == '+' || r < ' ' || r == 0x7f || r == utf8.RuneError:
			return false
		}
	}
	return true
}

// spliceableLink says whether a link's token goes into a page copy's
// mark as it is: spliceable, and only of the characters a URL's query
// keeps (a minted link is an invitation's id, a dot and base64url, a
// manage link base64url around a dot; anything else is rendered).
func spliceableLink(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' || r == '~') {
			return false
		}
	}
	return spliceable(s)
}

// personalCopy is the page of survey f's personal links in lang as an
// invitation not yet answered first shows it, split where the stamp, the
// link and the organisation go; nil when it cannot be split so.
func (h *surveyPages) personalCopy(f *survey.Form, id, lang string) *cachedPage {
	g := *f
	m := marks()
	g.Invitation = &survey.Prefill{Organisation: m.org}
	values := url.Values{}
	if q := f.Def.Bound(survey.ProfileName); q != nil {
		values.Set(q.ID, m.org)
	}
	resp, err := h.render(http.StatusOK, &g, id, m.link, web.NewForm(lang, values), stampMark, 0)
	if err != nil || resp.IsBase64Encoded || resp.StatusCode != http.StatusOK {
		return nil
	}
	sp, ok := web.NewSplicedAt(resp.Body, stampMark, m.link, m.org)
	if !ok {
		return nil
	}
	return &cachedPage{status: resp.StatusCode, headers: resp.Headers, page: sp}
}

// render shows the survey's form, filled in and with its errors, in the
// form's language; stamp is the form's stamp ("": a new one); at is the
// page of a survey with sections (steps.go), or whole.
func (h *surveyPages) render(status int, f *survey.Form, id, token string, form *web.Form, stamp string, at int) (httpapi.Response, error) {
	return h.renderAsked(status, f, id, token, form, stamp, at, nil)
}

// renderAsked is render with the questions asked given the form's values
// when the caller knows them (asked, on values it already dropped the
// others from), nil to work them out.
func (h *surveyPages) renderAsked(status int, f *survey.Form, id, token string, form *web.Form, stamp string, at int, a map[string]bool) (httpapi.Response, error) {
	d, lang := f.Def, form.Lang
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
	layout.Form = "survey-form"
	if stamp == "" && h.preview == nil {
		stamp = web.Stamp(h.tokens, "/s/"+id, h.now())
	}
	action := "/s/" + id + "?lang=" + lang
	if h.preview != nil {
		action = h.preview.Action + "?lang=" + lang
	}
	v := surveyView{Layout: layout, Heading: title, TitleLang: titleLang, Action: action,
		Stamp: stamp, Invitation: token,
		Privacy: form.Input(web.Input{Name: "consent.privacy", Type: "checkbox", Label: i18n.T(lang, "page.consent_privacy"), Required: true}),
		Publish: form.Input(web.Input{Name: "consent.publishProfile", ID: "consent-publish", Type: "checkbox", Label: i18n.T(lang, "page.consent_publish")})}
	v.Description, v.DescriptionLang = text(d.Description, lang)
	v.Notice = f.Office.Notice(d.PrivacyNotice)
	if f.Invitation != nil {
		v.Organisation, v.Answered = f.Invitation.Organisation, f.Invitation.Answered
		if f.Earlier != nil {
			v.EraseAction = "/s/" + id + "/erase?lang=" + lang
		}
	}
	if h.preview != nil {
		v.Banner = i18n.T(lang, h.preview.BannerKey)
		v.carried = []carried{{"csrf", h.preview.CSRF}}
	}
	if steps := stepsOf(d); at != whole && len(steps) > 1 {
		fields := stepView(&v, d, steps, at, form, a)
		v.Errors = form.Summary(fields, formWide)
		v.Carry = carryHTML(v.carried)
		if status == http.StatusOK && token == "" && h.preview == nil && !h.uncached && len(v.Errors) == 0 && unanswered(form, fields) {
			// A page as every public visitor first sees it: page_cache.go.
			return h.cache.step(f, id, v, func(v *surveyView) { fillControls(v, d, form) })
		}
		fillControls(&v, d, form)
		return web.Render(status, "survey.html", lang, token != "", v)
	}
	v.Carry = carryHTML(v.carried)
	v.Consent = true
	v.Errors = form.Summary(surveyFields(d), formWide)
	// A hidden question's value is not sent again; one that a condition
	// may hide is marked required only while it is asked.
	if a == nil {
		a = asked(d, form.Values, lang)
	}
	sections := map[string]int{}
	v.Sections = append(v.Sections, sectionView{})
	for _, s := range d.Sections {
		sections[s.ID] = len(v.Sections)
		t, tl := text(s.Title, lang)
		v.Sections = append(v.Sections, sectionView{Title: t, TitleLang: tl})
	}
	for _, q := range d.Questions {
		i := sections[q.Section]
		in := controlOf(q, form)
		in.Required = in.Required && a[q.ID]
		v.Sections[i].Questions = append(v.Sections[i].Questions, in)
	}
	if len(v.Sections[0].Questions) == 0 {
		v.Sections = v.Sections[1:]
	}
	return web.Render(status, "survey.html", lang, token != "", v)
}

// controlOf is a question's form control (the input partial's), filled
// in from the form, with its answer's error.
func controlOf(q survey.Question, form *web.Form) web.Input {
	lang, k := form.Lang, q.Kind()
	in := web.Input{Name: q.ID, ID: web.FieldID(answerField(q.ID)), Required: q.Required}
	in.Label, in.LabelLang = text(q.Label, lang)
	in.Hint, in.HintLang = text(q.Help, lang)
	if h := k.Hint; h != "" {
		in.Format = i18n.T(lang, h)
	}
	switch k.Control {
	case survey.ControlInput:
		in.Type, in.InputMode = k.InputType, k.InputMode
		if q.Handles {
			in.Type, in.Verbatim = "text", true // @verein is no url: a phone's url keyboard hides the @
		} else {
			in.Autocomplete = q.Autocomplete()
		}
		if k.MaxLength > 0 {
			in.MaxLength = q.MaxLen()
		}
		if in.InputMode != "" && q.Integer {
			in.InputMode = "numeric"
		}
		if k.Bounds == survey.BoundsDate {
			if q.Min != nil {
				in.Min = q.Min.Date
			}
			if q.Max != nil {
				in.Max = q.Max.Date
			}
		}
		if k.LTR {
			in.Dir = "ltr" // addresses, numbers and dates are written left to right, in Arabic too
		}
	case survey.ControlTextarea:
		in.Rows, in.MaxLength = 5, q.MaxLen()
	case survey.ControlRadios, survey.ControlChecks:
		in.Type = "radio"
		cs := q.Choices(lang)
		if k.Control == survey.ControlChecks {
			in.Type = "checkbox"
		} else if k.Options && len(cs) > selectAbove {
			in.Type, in.Choose = "", i18n.T(lang, "page.choose")
		}
		for _, c := range cs {
			in.Options = append(in.Options, web.Option{Code: c.Code, Label: c.Label, Lang: c.Lang})
		}
	}
	in = form.Input(in)
	in.Err = form.Err(answerField(q.ID))
	return in
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
// is none) is left out and recorded as its answer's error, so that the
// service still checks everything else. A hidden question's value is
// not sent (asked).
func submission(d *survey.Definition, form *web.Form) (*survey.Submission, error) {
	return submissionAsked(d, form, nil)
}

// submissionAsked is submission with the questions asked when the caller
// knows them (renderAsked), nil to work them out.
func submissionAsked(d *survey.Definition, form *web.Form, a map[string]bool) (*survey.Submission, error) {
	answers := map[string]any{}
	if a == nil {
		a = asked(d, form.Values, form.Lang)
	}
	for _, q := range d.Questions {
		vals := form.Values[q.ID]
		if !a[q.ID] || blank(&q, vals) {
			continue
		}
		if v, msg, ok := q.FormValue(vals, form.Lang); ok {
			answers[q.ID] = v
		} else {
			form.Fail(answerField(q.ID), msg)
		}
	}
	raw, err := json.Marshal(answers)
	if err != nil {
		return nil, err
	}
	privacy := form.Bool("consent.privacy")
	return &survey.Submission{Language: form.Lang, Invitation: form.Get("invitation"), Answers: raw,
		Consent: &survey.Consent{Privacy: &privacy, PublishProfile: form.Bool("consent.publishProfile")}}, nil
}

func (h *surveyPages) submit(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	form, err := web.ReadForm(req, lang)
	if err != nil {
		return httpapi.Response{}, err
	}
	return h.post(ctx, req, req.PathParameters["surveyId"], form)
}

// post serves a posted survey form: the language switch, a page of a
// survey with sections (steps.go), or the whole form.
func (h *surveyPages) post(ctx context.Context, req *httpapi.Request, id string, form *web.Form) (httpapi.Response, error) {
	lang := form.Lang
	token := form.Get("invitation")
	if h.preview != nil {
		token = ""
	}
	f, err := h.svc.Form(ctx, id, token)
	if err != nil {
		return httpapi.Response{}, err
	}
	steps, at := stepsOf(f.Def), whole
	if len(steps) > 1 && form.Has(stepField) {
		at = indexOf(steps, form.Get(stepField))
	}
	if to, ok := web.SwitchTo(form.Values, lang); ok {
		// The language switch: the same form in another language with what
		// was typed, its stamp kept; nothing checked, stored or counted.
		form.Lang = to
		return h.render(http.StatusOK, f, id, token, form, h.keepStamp(form, id), at)
	}
	if at != whole {
		return h.step(ctx, req, id, token, f, steps, form)
	}
	if h.preview == nil {
		if err := web.CheckGuard(h.tokens, form.Values, "/s/"+id, h.now()); err != nil {
			form.Fail("main", i18n.T(lang, "page.try_again"))
			return h.render(http.StatusUnprocessableEntity, f, id, token, form, "", whole)
		}
	}
	sub, err := submission(f.Def, form)
	if err != nil {
		return httpapi.Response{}, err
	}
	fields := surveyFields(f.Def)
	if form.Failed() || h.preview != nil {
		if err := h.svc.Check(ctx, id, sub, lang); !form.Merge(err, fields) && err != nil {
			return httpapi.Response{}, err
		}
		if form.Failed() {
			return h.render(http.StatusUnprocessableEntity, f, id, token, form, "", whole)
		}
		return h.previewDone(f, lang)
	}
	// The same form sent twice with the same values (a double click)
	// stores one answer (web.FormClaim).
	claim, err := web.FormClaim(req, "/s/"+id, form.Values)
	if err != nil {
		return httpapi.Response{}, err
	}
	if _, err := h.svc.Submit(ctx, id, sub, lang, claim); err != nil {
		if form.Merge(err, fields) {
			return h.render(http.StatusUnprocessableEntity, f, id, token, form, "", whole)
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
	form, err := web.ReadForm(req, lang)
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
	if h.drafts != nil { // what was entered since goes with it
		if err := h.drafts.Delete(ctx, id, token); err != nil {
			return httpapi.Response{}, err
		}
	}
	layout.Title = i18n.T(lang, "page.answer_erased")
	return web.Render(http.StatusOK, "message.html", lang, true, struct {
		web.Layout
		Text string
	}{layout, i18n.T(lang, "page.answer_erased")})
}
