package pages

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	template "github.com/integration-offices/netzwerk-backend/third_party/htmltemplate"
)

// A survey with sections is answered one section per page (AUTHORING.md,
// "Pages"): every page's form posts to /s/{id} with the values of the
// other pages in hidden fields, the page it shows in page.step, and a
// button that says where to go (next, back, a section to change, send).
// Nothing is kept on the server between pages, but through a personal
// link (a draft, survey.Drafts); answers never go into a URL. The page
// fields carry a dot, as the form kit's own do, so that they never share
// a name with a question (whose ids have none).
const (
	stepField   = "page.step"
	nextField   = "page.next"
	backField   = "page.back"
	gotoField   = "page.goto"
	submitField = "page.submit"
	// checkStep is the page.step of the page that shows every answer
	// before it is sent; looseStep that of the questions without a
	// section. Neither can be a section's id (which starts with a letter
	// or digit).
	checkStep = "_check"
	looseStep = "_"
)

// whole is the survey on one page (a survey without sections, and the
// whole form posted at once: a page rendered before sections had pages,
// or any client that sends everything).
const whole = -1

// step is one page: a section's questions, or those without a section.
type step struct {
	id        string
	title     i18n.Text
	questions []int // in d.Questions
}

// stepsOf are the pages of d in their order: the questions without a
// section first (when there are any), then each section. Those of the
// last definition asked for are kept (a definition read is not changed:
// the page cache's versions rely on that too); they are not to be
// changed.
func stepsOf(d *survey.Definition) []step {
	if e := lastSteps.Load(); e != nil && e.def == d {
		return e.steps
	}
	steps := makeSteps(d)
	lastSteps.Store(&stepsEntry{d, steps})
	return steps
}

type stepsEntry struct {
	def   *survey.Definition
	steps []step
}

var lastSteps atomic.Pointer[stepsEntry]

func makeSteps(d *survey.Definition) []step {
	out := make([]step, 1, len(d.Sections)+1)
	out[0].id = looseStep
	at := make(map[string]int, len(d.Sections))
	for _, s := range d.Sections {
		at[s.ID] = len(out)
		out = append(out, step{id: s.ID, title: s.Title})
	}
	for i := range d.Questions {
		n := at[d.Questions[i].Section]
		out[n].questions = append(out[n].questions, i)
	}
	if len(out[0].questions) == 0 {
		out = out[1:]
	}
	return out
}

// indexOf is the page of a page.step value: len(steps) for the check
// page, 0 for one it does not know.
func indexOf(steps []step, id string) int {
	if id == checkStep {
		return len(steps)
	}
	for i := range steps {
		if steps[i].id == id {
			return i
		}
	}
	return 0
}

// stepID is the page.step value of page at.
func stepID(steps []step, at int) string {
	if at >= len(steps) {
		return checkStep
	}
	return steps[at].id
}

// blank reports whether a question's posted values are no answer.
func blank(q *survey.Question, vals []string) bool {
	return len(vals) == 0 || (len(vals) == 1 && strings.TrimSpace(vals[0]) == "" && q.Kind().Value != survey.ShapeCodes)
}

// answersOf are the values as answers in their types, for the
// conditions (survey.Definition.Asked); what cannot be read is left out.
func answersOf(d *survey.Definition, values url.Values, lang string) map[string]any {
	out := make(map[string]any, len(values))
	for i := range d.Questions {
		q := &d.Questions[i]
		if vals := values[q.ID]; !blank(q, vals) {
			if v, _, ok := q.FormValue(vals, lang); ok {
				out[q.ID] = v
			}
		}
	}
	return out
}

// asked returns the questions asked given values, and drops the values
// of those that are not: a hidden question is not asked, and what was
// entered for it before a condition changed is not kept.
func asked(d *survey.Definition, values url.Values, lang string) map[string]bool {
	a := d.Asked(answersOf(d, values, lang))
	for i := range d.Questions {
		if id := d.Questions[i].ID; !a[id] {
			delete(values, id)
		}
	}
	return a
}

// shownSteps are the pages with a question asked; the others are skipped.
func shownSteps(d *survey.Definition, steps []step, asked map[string]bool) []int {
	var out []int
	for i := range steps {
		if slices.ContainsFunc(steps[i].questions, func(q int) bool { return asked[d.Questions[q].ID] }) {
			out = append(out, i)
		}
	}
	return out
}

// settle is the page to show for at: at when shown, else the next shown
// one, else the check page.
func settle(at int, shown []int, n int) int {
	for _, s := range shown {
		if s >= at {
			return s
		}
	}
	return n
}

// stepFields are the form fields of page at, in their order.
func stepFields(d *survey.Definition, s step, asked map[string]bool) []string {
	var out []string
	for _, qi := range s.questions {
		if id := d.Questions[qi].ID; asked[id] {
			out = append(out, answerField(id))
		}
	}
	return out
}

// checkFields are the check page's fields: the consents, and the errors
// of the form as a whole.
var checkFields = []string{"consent.privacy", "consent.publishProfile", "invitation", "main"}

// kept are the values a page carries and a draft keeps: the answers and
// the consents, nothing else that was posted.
func kept(d *survey.Definition, values url.Values) map[string][]string {
	out := map[string][]string{}
	add := func(name string) {
		if vals := values[name]; len(vals) > 0 && !(len(vals) == 1 && vals[0] == "") {
			out[name] = vals
		}
	}
	for i := range d.Questions {
		add(d.Questions[i].ID)
	}
	add("consent.privacy")
	add("consent.publishProfile")
	return out
}

// carried is a hidden field of a page.
type carried struct{ Name, Value string }

// carry are the hidden fields of page at: the values of every other page.
func carry(d *survey.Definition, values url.Values, on map[string]bool, consents bool) []carried {
	var out []carried
	add := func(name string) {
		for _, v := range values[name] {
			out = append(out, carried{name, v})
		}
	}
	for i := range d.Questions {
		if id := d.Questions[i].ID; !on[id] {
			add(id)
		}
	}
	if !consents {
		add("consent.privacy")
		add("consent.publishProfile")
	}
	return out
}

// carryHTML writes the hidden fields: one action of the template instead
// of a range over them.
func carryHTML(cs []carried) template.HTML {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(`<input type="hidden" name="`)
		b.WriteString(html.EscapeString(c.Name))
		b.WriteString(`" value="`)
		b.WriteString(html.EscapeString(c.Value))
		b.WriteString("\">\n")
	}
	return template.HTML(b.String())
}

// unanswered reports whether none of the fields has a value.
func unanswered(form *web.Form, fields []string) bool {
	for _, name := range fields {
		if vals := form.Values[strings.TrimPrefix(name, "answers.")]; len(vals) > 0 && !(len(vals) == 1 && vals[0] == "") {
			return false
		}
	}
	return true
}

// textEscaper escapes text as html/template does in text and quoted
// attributes (its htmlEscaper: NUL and + too), so that what checkHTML
// writes is byte for byte what the template wrote.
var textEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// checkHTML writes the check page's answers by section: one action of
// the template instead of ranges over them (its largest part).
func checkHTML(d *survey.Definition, steps []step, shown []int, a map[string]bool, values url.Values, lang string) template.HTML {
	var b strings.Builder
	b.Grow(256 * len(shown))
	w := func(s string) { _, _ = textEscaper.WriteString(&b, s) }
	langAttr := func(l string) {
		if l != "" {
			b.WriteString(` lang="`)
			w(l)
			b.WriteString(`" dir="ltr"`)
		}
	}
	notAnswered, change := i18n.T(lang, "page.not_answered"), i18n.T(lang, "page.change")
	for _, s := range shown {
		title, titleLang := text(steps[s].title, lang)
		b.WriteString("<div class=\"check-section\">\n")
		if title != "" {
			b.WriteString(`<h3 class="kern-heading-small"`)
			langAttr(titleLang)
			b.WriteString(">")
			w(title)
			b.WriteString("</h3>")
		}
		b.WriteString("\n<dl class=\"facts\">")
		for _, qi := range steps[s].questions {
			q := &d.Questions[qi]
			if !a[q.ID] {
				continue
			}
			label, labelLang := text(q.Label, lang)
			b.WriteString("\n<dt")
			langAttr(labelLang)
			b.WriteString(">")
			w(label)
			b.WriteString("</dt>\n<dd>")
			if v := answerText(q, values[q.ID], lang); v != "" {
				b.WriteString("<bdi>")
				w(v)
				b.WriteString("</bdi>")
			} else {
				b.WriteString(`<span class="not-answered">`)
				w(notAnswered)
				b.WriteString("</span>")
			}
			b.WriteString("</dd>")
		}
		b.WriteString("\n</dl>\n<button class=\"kern-link change\" type=\"submit\" name=\"page.goto\" value=\"")
		w(steps[s].id)
		b.WriteString("\">")
		w(change)
		if title != "" {
			b.WriteString(`<span class="sr">: `)
			w(title)
			b.WriteString("</span>")
		}
		b.WriteString("</button>\n</div>\n")
	}
	return template.HTML(b.String())
}

// answerText is an answer as the check page shows it: the labels of the
// options chosen, else what was entered.
func answerText(q *survey.Question, vals []string, lang string) string {
	if blank(q, vals) {
		return ""
	}
	cs := q.Choices(lang)
	if len(cs) == 0 {
		return strings.Join(vals, ", ")
	}
	var labels []string
	for _, v := range vals {
		for _, c := range cs {
			if c.Code == v {
				labels = append(labels, c.Label)
			}
		}
	}
	return strings.Join(labels, ", ")
}

// step serves a post of a page of a survey with sections: where its
// button leads, after checking the page when it is left forward.
func (h *surveyPages) step(ctx context.Context, req *httpapi.Request, id, token string, f *survey.Form, steps []step, form *web.Form) (httpapi.Response, error) {
	d, lang := f.Def, form.Lang
	cur := indexOf(steps, form.Get(stepField))
	a := asked(d, form.Values, lang)
	shown := shownSteps(d, steps, a)
	stamp := h.keepStamp(form, id)
	to := cur
	switch {
	case form.Has(backField):
		to = len(steps)
		for _, s := range shown {
			if s < cur {
				to = s
			}
		}
		if to == len(steps) && cur != len(steps) {
			to = cur // nothing before: the first page again
		}
	case form.Get(gotoField) != "":
		to = indexOf(steps, form.Get(gotoField))
	case cur == len(steps):
		return h.finish(ctx, req, id, token, f, steps, shown, a, form)
	default:
		if cur < len(steps) && slices.Contains(shown, cur) {
			failed, err := h.checkStep(ctx, id, d, stepFields(d, steps[cur], a), a, form)
			if err != nil {
				return httpapi.Response{}, err
			}
			if failed {
				return h.renderAsked(http.StatusUnprocessableEntity, f, id, token, form, stamp, cur, a)
			}
		}
		to = settle(cur+1, shown, len(steps))
	}
	to = settle(to, shown, len(steps))
	if err := h.keep(ctx, f, token, stepID(steps, to), form); err != nil {
		return httpapi.Response{}, err
	}
	return h.renderAsked(http.StatusOK, f, id, token, form, stamp, to, a)
}

// checkStep checks the answers of a page's fields as the service checks
// a submission (survey.Service.CheckPage: the one path for the rules), and
// records their errors on form; the other pages' answers are checked
// when they are left, and all again when the answer is sent.
func (h *surveyPages) checkStep(ctx context.Context, id string, d *survey.Definition, fields []string, a map[string]bool, form *web.Form) (bool, error) {
	if len(fields) == 0 {
		return false, nil
	}
	scratch := web.NewForm(form.Lang, form.Values)
	sub, err := submissionAsked(d, scratch, a)
	if err != nil {
		return false, err
	}
	for _, name := range fields {
		if m := scratch.Err(name); m != "" {
			form.Fail(name, m)
		}
	}
	ids := make([]string, len(fields))
	for i, name := range fields {
		ids[i] = strings.TrimPrefix(name, "answers.")
	}
	if err := h.svc.CheckPage(ctx, id, sub, form.Lang, ids); err != nil {
		e := apperr.As(err)
		if e == nil || e.Code != apperr.ValidationFailed {
			return false, err
		}
		for _, fe := range e.Fields {
			if slices.Contains(fields, fe.Field) {
				form.Fail(fe.Field, fe.Message)
			}
		}
	}
	return form.Failed(), nil
}

// finish sends the answers from the check page, through the same
// service as the JSON API. A mistake shows the first page with one (the
// consent's: the check page), with that page's errors.
func (h *surveyPages) finish(ctx context.Context, req *httpapi.Request, id, token string, f *survey.Form, steps []step, shown []int, a map[string]bool, form *web.Form) (httpapi.Response, error) {
	d, lang := f.Def, form.Lang
	if h.preview == nil {
		if err := web.CheckGuard(h.tokens, form.Values, "/s/"+id, h.now()); err != nil {
			form.Fail("main", i18n.T(lang, "page.try_again"))
			return h.render(http.StatusUnprocessableEntity, f, id, token, form, "", len(steps))
		}
	}
	sub, err := submissionAsked(d, form, a)
	if err != nil {
		return httpapi.Response{}, err
	}
	fields := surveyFields(d)
	if form.Failed() || h.preview != nil {
		if err := h.svc.Check(ctx, id, sub, lang); !form.Merge(err, fields) && err != nil {
			return httpapi.Response{}, err
		}
		if form.Failed() {
			return h.failed(f, id, token, steps, shown, a, form)
		}
		return h.previewDone(f, lang)
	}
	claim, err := web.FormClaim(req, "/s/"+id, form.Values)
	if err != nil {
		return httpapi.Response{}, err
	}
	if _, err := h.svc.Submit(ctx, id, sub, lang, claim); err != nil {
		if form.Merge(err, fields) {
			return h.failed(f, id, token, steps, shown, a, form)
		}
		return httpapi.Response{}, err
	}
	if h.drafts != nil && token != "" && f.Invitation != nil {
		if err := h.drafts.Delete(ctx, id, token); err != nil {
			return httpapi.Response{}, err
		}
	}
	q := url.Values{"lang": {lang}}
	if token != "" {
		q.Set("invitation", token)
	}
	return web.Redirect("/s/"+id+"/thanks?"+q.Encode(), lang, token != ""), nil
}

// failed shows the first page with an error, with its errors only.
func (h *surveyPages) failed(f *survey.Form, id, token string, steps []step, shown []int, a map[string]bool, form *web.Form) (httpapi.Response, error) {
	at, fields := len(steps), checkFields
	for _, s := range shown {
		if fs := stepFields(f.Def, steps[s], a); slices.ContainsFunc(fs, func(name string) bool { return form.Err(name) != "" }) {
			at, fields = s, fs
			break
		}
	}
	only := web.NewForm(form.Lang, form.Values)
	for _, name := range fields {
		if m := form.Err(name); m != "" {
			only.Fail(name, m)
		}
	}
	if !only.Failed() { // an error of no field on any page: said on the check page
		only.Fail("main", i18n.T(form.Lang, "page.try_again"))
	}
	return h.render(http.StatusUnprocessableEntity, f, id, token, only, h.keepStamp(form, id), at)
}

// keep saves what was entered through a personal link, and the page it
// leads to, so that the organisation can continue there from its mail.
func (h *surveyPages) keep(ctx context.Context, f *survey.Form, token, step string, form *web.Form) error {
	if h.drafts == nil || h.preview != nil || token == "" || f.Invitation == nil {
		return nil
	}
	return h.drafts.Save(ctx, f.Def, token, step, kept(f.Def, form.Values))
}

// keepStamp is the stamp of the next page: the form's own, so that the
// fill time goes on from its first page (none in the preview).
func (h *surveyPages) keepStamp(form *web.Form, id string) string {
	if h.preview != nil {
		return ""
	}
	return web.KeepStamp(h.tokens, form.Values, "/s/"+id, h.now())
}

// stepView fills in v for page at of a survey with sections and returns
// the fields of the page, in their order (for the error summary).
func stepView(v *surveyView, d *survey.Definition, steps []step, at int, form *web.Form, a map[string]bool) []string {
	lang := form.Lang
	if a == nil {
		a = asked(d, form.Values, lang)
	}
	shown := shownSteps(d, steps, a)
	at = settle(at, shown, len(steps))
	v.Stepped, v.Step = true, stepID(steps, at)
	on := map[string]bool{}
	var fields []string
	if at == len(steps) {
		v.Checking, v.Consent, fields = true, true, checkFields
		v.Title = i18n.T(lang, "page.check_title") + " – " + v.Title
		v.Check = checkHTML(d, steps, shown, a, form.Values, lang)
		v.First = len(shown) == 0
		v.Description = ""
	} else {
		s := steps[at]
		pos := slices.Index(shown, at)
		v.Progress = i18n.T(lang, "page.step_of", pos+1, len(shown))
		v.First = pos == 0
		if !v.First {
			v.Description = ""
		}
		sec := sectionView{}
		sec.Title, sec.TitleLang = text(s.title, lang)
		for _, qi := range s.questions {
			if id := d.Questions[qi].ID; a[id] {
				v.onPage = append(v.onPage, qi)
				on[id] = true
				fields = append(fields, answerField(id))
			}
		}
		v.Sections = []sectionView{sec}
		if sec.Title != "" {
			v.Title = sec.Title + " – " + v.Title
		}
	}
	v.carried = append(v.carried, carry(d, form.Values, on, v.Consent)...)
	return fields
}

// fillControls adds the controls of the questions on page v (stepView):
// only when the page is rendered, not when it comes from the cache.
func fillControls(v *surveyView, d *survey.Definition, form *web.Form) {
	if len(v.onPage) == 0 {
		return
	}
	qs := make([]web.Input, 0, len(v.onPage))
	for _, qi := range v.onPage {
		qs = append(qs, controlOf(d.Questions[qi], form))
	}
	v.Sections[0].Questions = qs
}
