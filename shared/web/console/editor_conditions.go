package console

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// Conditions (showIf) are chosen, never typed: the question from a select
// of the earlier sections' questions, then a test that fits its type and
// its values from its own choices. One level of all or any.

// Tests the form offers, by the name of their radio.
const (
	testIn         = "in"
	testNotIn      = "notIn"
	testIncludes   = "includes"
	testGte        = "gte"
	testLte        = "lte"
	testAnswered   = "answered"
	testUnanswered = "unanswered"
)

// testsFor are the tests that fit a question of type t.
func testsFor(t survey.QuestionType) []string {
	var out []string
	switch t {
	case survey.TypeSingleChoice, survey.TypeYesNo:
		out = []string{testIn, testNotIn}
	case survey.TypeScale:
		out = []string{testIn, testNotIn, testGte, testLte}
	case survey.TypeMultipleChoice:
		out = []string{testIncludes}
	case survey.TypeNumber, survey.TypeDate:
		out = []string{testGte, testLte}
	}
	return append(out, testAnswered, testUnanswered)
}

// earlierQuestions are the questions a condition of a question in
// section (or of section itself) may name: those of the sections before
// it and those without a section (asked first).
func earlierQuestions(d *survey.Definition, section string) []*survey.Question {
	at := sectionIndex(d, section)
	if section == "" {
		return nil
	}
	var out []*survey.Question
	for i := range d.Questions {
		q := &d.Questions[i]
		if q.Retired {
			continue
		}
		if q.Section == "" || sectionIndex(d, q.Section) < at && sectionIndex(d, q.Section) >= 0 {
			out = append(out, q)
		}
	}
	return out
}

// checkConditions refuses a definition whose conditions name a question
// that is not asked before (an unknown one, one of the same or a later
// section): the editor's own check, so that a move or a removal never
// leaves a condition that cannot be decided.
func checkConditions(d *survey.Definition, lang string) error {
	check := func(path, section string, s *survey.ShowIf) error {
		if s == nil {
			return nil
		}
		earlier := earlierQuestions(d, section)
		for _, c := range append(slices.Clone(s.All), s.Any...) {
			if !slices.ContainsFunc(earlier, func(q *survey.Question) bool { return q.ID == c.Question }) {
				return fail(path+".showIf", i18n.T(lang, "console.cond_not_earlier", c.Question))
			}
		}
		return nil
	}
	for i := range d.Sections {
		if err := check(fmt.Sprintf("sections[%d]", i), d.Sections[i].ID, d.Sections[i].ShowIf); err != nil {
			return err
		}
	}
	for i := range d.Questions {
		if d.Questions[i].Retired {
			continue
		}
		if err := check(fmt.Sprintf("questions[%d]", i), d.Questions[i].Section, d.Questions[i].ShowIf); err != nil {
			return err
		}
	}
	return nil
}

type conditionRow struct {
	N    int
	Text string
}

type conditionPage struct {
	editorData
	Action, Target, TargetID, Name string
	Rows                           []conditionRow
	Mode                           web.Input
	// The form that adds one: the question (step 1), then its test and
	// values (step 2).
	On                 web.Input
	OnID               string
	OnLabel            string
	Test               web.Input
	Codes              web.Input
	Bound              web.Input
	HasCodes, HasBound bool
	NoneEarlier        bool
	ModeStamp          string
	Step2              bool
}

var conditionFields = []string{"on", "test", "codes", "bound", "mode"}

// target is the question or section whose condition a request is about:
// its showIf, its section (where earlier questions end), its name and
// its path in the definition.
func conditionTarget(d *survey.Definition, kind, id, lang string) (**survey.ShowIf, string, string, string, bool) {
	if kind == "section" {
		i := sectionIndex(d, id)
		if i < 0 {
			return nil, "", "", "", false
		}
		return &d.Sections[i].ShowIf, id, i18n.T(lang, "console.editor_where_section", i+1, d.Sections[i].Title.In(lang)), fmt.Sprintf("sections[%d].", i), true
	}
	i := slices.IndexFunc(d.Questions, func(q survey.Question) bool { return q.ID == id })
	if i < 0 {
		return nil, "", "", "", false
	}
	return &d.Questions[i].ShowIf, d.Questions[i].Section, i18n.T(lang, "console.editor_where_question", i+1, d.Questions[i].Label.In(lang)), fmt.Sprintf("questions[%d].", i), true
}

func (c *Console) editCondition(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	q := func(name string) string { return httpapi.Query(req, name) }
	v := url.Values{"target": {"question"}, "id": {q("question")}, "on": {q("on")}}
	if q("section") != "" {
		v.Set("target", "section")
		v.Set("id", q("section"))
	}
	return c.renderCondition(http.StatusOK, s, req, d, n, newForm(lang, v))
}

func (c *Console) renderCondition(status int, s *Session, req *Request, d *survey.Definition, answers int, form *Form) (Response, error) {
	lang := form.Lang
	show, section, name, _, ok := conditionTarget(d, form.Get("target"), form.Get("id"), lang)
	if !ok {
		return Response{}, apperr.New(apperr.NotFound, "not_found")
	}
	p := conditionPage{editorData: c.editorBase(s, req, lang, "console.cond_title", editPath(d.ID)+"/condition", d, answers),
		Action: editPath(d.ID) + "/condition", Target: form.Get("target"), TargetID: form.Get("id"), Name: name}
	p.Stamp = c.stamp(form, p.Action)
	p.ModeStamp = p.StampFor(p.Action)
	p.Errors = form.Summary(conditionFields, map[string]string{"test": "test", "codes": "codes", "mode": "mode"})
	if sh := *show; sh != nil {
		list := sh.All
		if len(sh.Any) > 0 {
			list = sh.Any
		}
		for k := range list {
			p.Rows = append(p.Rows, conditionRow{N: k, Text: describeCondition(d, &list[k], lang)})
		}
		mode := web.Input{Name: "mode", ID: "mode", Type: "radio", Label: i18n.T(lang, "console.cond_mode"), Inline: false,
			Options: []web.Option{{Code: "all", Label: i18n.T(lang, "console.cond_mode_all"), ID: "mode"}, {Code: "any", Label: i18n.T(lang, "console.cond_mode_any"), ID: "mode-any"}}}
		m := "all"
		if len(sh.Any) > 0 {
			m = "any"
		}
		mode = newForm(lang, url.Values{"mode": {m}}).Input(mode)
		p.Mode = mode
	}
	earlier := earlierQuestions(d, section)
	p.NoneEarlier = len(earlier) == 0
	on := web.Input{Name: "on", ID: "on", Label: i18n.T(lang, "console.cond_on"), Hint: i18n.T(lang, "console.cond_on_hint"), Required: true, Choose: i18n.T(lang, "console.cond_choose")}
	for _, q := range earlier {
		label := q.Label.In(lang)
		if i := sectionIndex(d, q.Section); i >= 0 {
			label = d.Sections[i].Title.In(lang) + " · " + label
		}
		on.Options = append(on.Options, web.Option{Code: q.ID, Label: label})
	}
	p.On = form.Input(on)
	if q := questionByID(d, form.Get("on")); q != nil && slices.ContainsFunc(earlier, func(e *survey.Question) bool { return e.ID == q.ID }) {
		p.Step2, p.OnID, p.OnLabel = true, q.ID, q.Label.In(lang)
		test := web.Input{Name: "test", ID: "test", Type: "radio", Label: i18n.T(lang, "console.cond_test"), Required: true}
		for i, t := range testsFor(q.Type) {
			o := web.Option{Code: t, Label: i18n.T(lang, "console.cond_test_"+t), ID: "test-" + t}
			if i == 0 {
				o.ID = "test"
			}
			test.Options = append(test.Options, o)
		}
		p.Test = form.Input(test)
		if ch := q.Choices(lang); len(ch) > 0 {
			codes := web.Input{Name: "codes", ID: "codes", Type: "checkbox", Label: i18n.T(lang, "console.cond_codes"), Hint: i18n.T(lang, "console.cond_codes_hint")}
			for _, x := range ch {
				codes.Options = append(codes.Options, web.Option{Code: x.Code, Label: x.Label, Lang: x.Lang})
			}
			p.Codes, p.HasCodes = form.Input(codes), true
		}
		if k := q.Kind(); k.Bounds != survey.BoundsNone {
			bt := "text"
			if k.Bounds == survey.BoundsDate {
				bt = "date"
			}
			b := field(lang, "bound", bt, "console.cond_bound", "console.cond_bound_hint", false)
			b.Dir = "ltr"
			p.Bound, p.HasBound = form.Input(b), true
		}
	}
	return pages.Render(status, "editor_condition.html", lang, true, p)
}

// saveCondition adds a condition, removes one (action remove:N), or sets
// all or any (action mode).
func (c *Console) saveCondition(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	show, section, _, path, ok := conditionTarget(d, form.Get("target"), form.Get("id"), lang)
	if !ok {
		return Response{}, apperr.New(apperr.NotFound, "not_found")
	}
	sh := *show
	if sh == nil {
		sh = &survey.ShowIf{}
	}
	anyOf := len(sh.Any) > 0
	list := sh.All
	if anyOf {
		list = sh.Any
	}
	action := form.Get("action")
	switch {
	case action == "mode":
		anyOf = form.Get("mode") == "any"
	case strings.HasPrefix(action, "remove:"):
		k, err := strconv.Atoi(strings.TrimPrefix(action, "remove:"))
		if err != nil || k < 0 || k >= len(list) {
			return Response{}, apperr.New(apperr.BadRequest, "bad_request")
		}
		list = slices.Delete(slices.Clone(list), k, k+1)
	default:
		cond, ok := readCondition(form, d, section)
		if !ok {
			return c.renderCondition(http.StatusUnprocessableEntity, s, req, d, n, form)
		}
		list = append(slices.Clone(list), cond)
	}
	switch {
	case len(list) == 0:
		*show = nil
	case anyOf:
		*show = &survey.ShowIf{Any: list}
	default:
		*show = &survey.ShowIf{All: list}
	}
	if err := c.save(ctx, s, d, lang); err != nil {
		if !mergeScoped(form, err, d, path+"showIf", conditionFields, lang) {
			return Response{}, err
		}
		stored, err2 := c.svc.Survey(ctx, s.Coordinator, d.ID)
		if err2 != nil {
			return Response{}, err2
		}
		return c.renderCondition(http.StatusUnprocessableEntity, s, req, stored, n, form)
	}
	loc := editPath(d.ID) + "/condition?" + url.Values{form.Get("target"): {form.Get("id")}, "lang": {lang}, "saved": {"1"}}.Encode()
	if form.Get("target") != "section" {
		loc = editPath(d.ID) + "/condition?" + url.Values{"question": {form.Get("id")}, "lang": {lang}, "saved": {"1"}}.Encode()
	}
	return web.Redirect(loc, lang, true), nil
}

// readCondition reads the condition the form adds: the question among
// the earlier ones, a test that fits it, its codes or its bound.
func readCondition(form *Form, d *survey.Definition, section string) (survey.Condition, bool) {
	lang := form.Lang
	q := questionByID(d, form.Get("on"))
	if q == nil || !slices.ContainsFunc(earlierQuestions(d, section), func(e *survey.Question) bool { return e.ID == q.ID }) {
		form.Fail("on", i18n.T(lang, "console.cond_choose_question"))
		return survey.Condition{}, false
	}
	c := survey.Condition{Question: q.ID}
	test := form.Get("test")
	if !slices.Contains(testsFor(q.Type), test) {
		form.Fail("test", i18n.T(lang, "console.cond_choose_test"))
		return c, false
	}
	codes := form.Values["codes"]
	valid := map[string]bool{}
	for _, ch := range q.Choices(lang) {
		valid[ch.Code] = true
	}
	for _, code := range codes {
		if !valid[code] {
			form.Fail("codes", i18n.T(lang, "console.cond_choose_codes"))
			return c, false
		}
	}
	switch test {
	case testIn, testNotIn, testIncludes:
		if len(codes) == 0 {
			form.Fail("codes", i18n.T(lang, "console.cond_choose_codes"))
			return c, false
		}
		switch test {
		case testIn:
			c.In = codes
		case testNotIn:
			c.NotIn = codes
		default:
			c.Includes = codes
		}
	case testGte, testLte:
		b := readBound(form, "bound", q.Kind())
		if b == nil {
			form.Fail("bound", i18n.T(lang, "console.cond_bound_missing"))
			return c, false
		}
		if test == testGte {
			c.Gte = b
		} else {
			c.Lte = b
		}
	case testAnswered, testUnanswered:
		yes := test == testAnswered
		c.Answered = &yes
	}
	return c, true
}
