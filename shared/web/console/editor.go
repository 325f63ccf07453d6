package console

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/notice"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// The survey editor (AUTHORING.md, "Console"): a summary page of the
// whole survey with change links, and one small form per thing (the
// settings, a section, a question, a condition, the texts of one
// language). Every save reads the stored definition, changes the one
// thing, and stores it through the admin service, which validates the
// whole definition (survey.ValidateDefinition): an error shows the form
// again with the error summary, and nothing is saved.

// editPath is the editor's page of survey id.
func editPath(id string) string { return "/console/surveys/" + url.PathEscape(id) + "/edit" }

// editorData is what every editor page shows around its form.
type editorData struct {
	base
	ID, SurveyTitle string
	Draft           bool
	// Answers: the survey has answers, so its ids, types and option
	// codes stay as they are.
	Answers bool
	Back    string
	Flash   string // what the last post did
}

func (c *Console) editorBase(s *Session, req *Request, lang, titleKey, path string, d *survey.Definition, answers int) editorData {
	title := d.Title.In(lang)
	e := editorData{base: withLang(c.base(s, lang, titleKey, path, title), req), ID: d.ID, SurveyTitle: title,
		Draft: d.Draft(), Answers: answers > 0, Back: editPath(d.ID)}
	if flashInt(req, "saved") > 0 {
		e.Flash = i18n.T(lang, "console.editor_saved")
	}
	return e
}

// load reads one of the office's surveys and how many answers it has.
func (c *Console) load(ctx context.Context, s *Session, req *Request) (*survey.Definition, int, error) {
	id := req.PathParameters["surveyId"]
	d, err := c.svc.Survey(ctx, s.Coordinator, id)
	if err != nil {
		return nil, 0, err
	}
	n, err := c.svc.CountResponses(ctx, s.Coordinator, id)
	return d, n, err
}

// save stores the changed definition through the admin service (its
// validation, its office check).
func (c *Console) save(ctx context.Context, s *Session, d *survey.Definition, lang string) error {
	if err := checkConditions(d, lang); err != nil {
		return err
	}
	_, err := c.svc.UpdateSurvey(ctx, s.Coordinator, d.ID, d.Settings, lang)
	return err
}

// back is the 303 to the editor after a save, at anchor, with a flash.
func back(req *Request, lang, id, anchor string, kv ...any) Response {
	loc := editPath(id) + strings.TrimSuffix(flash(req, kv...), "?")
	if anchor != "" {
		loc += "#" + anchor
	}
	return web.Redirect(loc, lang, true)
}

// --- the summary page ---

type fact struct {
	Label, Value, Lang string
	Missing            bool
}

type langState struct {
	Code, Name, URL string
	Missing         int
}

type sectionItem struct {
	ID, Title, TitleLang, Anchor string
	Index                        int
	First, Last, Conditional     bool
	Condition                    string
	Questions                    []questionItem
	// AddURL adds a question to the section.
	AddURL, EditURL, ConditionURL string
	Shown                         bool // a real section (not the questions without one)
}

type questionItem struct {
	ID, Label, LabelLang, Type, Anchor string
	Required, First, Last              bool
	Condition                          string
	Options                            []string
	EditURL, ConditionURL              string
	CanCondition                       bool
}

type editorPage struct {
	editorData
	Facts       []fact
	SettingsURL string
	Langs       []langState
	Sections    []sectionItem
	Stamp       string
	SheetInput  web.Input
	Preview     string
	NewSection  string
}

func (c *Console) editor(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	return c.renderEditor(http.StatusOK, s, req, lang, d, n, nil)
}

func (c *Console) renderEditor(status int, s *Session, req *Request, lang string, d *survey.Definition, answers int, errs []web.FieldError) (Response, error) {
	p := editorPage{editorData: c.editorBase(s, req, lang, "console.editor_title", editPath(d.ID), d, answers)}
	p.Errors = errs
	p.Back = "/console/surveys/" + url.PathEscape(d.ID)
	p.Preview = "/console/surveys/" + url.PathEscape(d.ID) + "/preview"
	p.SettingsURL = editPath(d.ID) + "/settings" + p.Q
	p.NewSection = editPath(d.ID) + "/section" + p.Q
	p.SheetInput = sheetInput(lang)
	for _, k := range []string{"saved", "published", "removed", "moved"} {
		if flashInt(req, k) > 0 {
			p.Flash = i18n.T(lang, "console.editor_"+k)
		}
	}
	text := func(t i18n.Text) (string, string, bool) {
		v, l := t.Lang(lang)
		if l == lang {
			l = ""
		}
		return v, l, v == ""
	}
	add := func(key string, t i18n.Text) {
		v, l, missing := text(t)
		p.Facts = append(p.Facts, fact{Label: i18n.T(lang, key), Value: v, Lang: l, Missing: missing})
	}
	add("console.editor_survey_title", d.Title)
	add("console.editor_description", d.Description)
	p.Facts = append(p.Facts, fact{Label: i18n.T(lang, "console.editor_opens"), Value: when(lang, deref(d.OpensAt), c.svc.Zone), Missing: d.OpensAt == nil},
		fact{Label: i18n.T(lang, "console.editor_closes"), Value: when(lang, deref(d.ClosesAt), c.svc.Zone), Missing: d.ClosesAt == nil})
	if n := d.PrivacyNotice; n != nil {
		p.Facts = append(p.Facts, fact{Label: i18n.T(lang, "console.editor_notice"), Value: n.URL + " (" + n.Version + ")", Lang: "ltr"})
	} else {
		p.Facts = append(p.Facts, fact{Label: i18n.T(lang, "console.editor_notice"), Value: i18n.T(lang, "console.editor_notice_office")})
	}
	missing := missingTexts(d)
	for _, l := range i18n.Supported {
		if l == i18n.Default {
			continue
		}
		p.Langs = append(p.Langs, langState{Code: l, Name: i18n.Name(l), Missing: missing[l],
			URL: editPath(d.ID) + "/texts?" + url.Values{"to": {l}, "lang": {lang}}.Encode()})
	}
	groups := []sectionItem{{Anchor: "no-section"}}
	for i, sec := range d.Sections {
		t, tl, _ := text(sec.Title)
		groups = append(groups, sectionItem{ID: sec.ID, Title: t, TitleLang: tl, Index: i + 1, Anchor: "s-" + sec.ID, Shown: true,
			First: i == 0, Last: i == len(d.Sections)-1, Conditional: sec.ShowIf != nil, Condition: describeShowIf(d, sec.ShowIf, lang),
			EditURL:      editPath(d.ID) + "/section?" + url.Values{"id": {sec.ID}, "lang": {lang}}.Encode(),
			ConditionURL: editPath(d.ID) + "/condition?" + url.Values{"section": {sec.ID}, "lang": {lang}}.Encode(),
			AddURL:       editPath(d.ID) + "/question?" + url.Values{"section": {sec.ID}, "lang": {lang}}.Encode()})
	}
	groups[0].AddURL = editPath(d.ID) + "/question?" + url.Values{"lang": {lang}}.Encode()
	for gi := range groups {
		g := &groups[gi]
		idx := questionsOf(d, g.ID)
		for n, qi := range idx {
			q := &d.Questions[qi]
			l, ll, _ := text(q.Label)
			it := questionItem{ID: q.ID, Label: l, LabelLang: ll, Type: typeName(lang, q.Type), Anchor: "q-" + q.ID,
				Required: q.Required, First: n == 0, Last: n == len(idx)-1, Condition: describeShowIf(d, q.ShowIf, lang),
				EditURL:      editPath(d.ID) + "/question?" + url.Values{"id": {q.ID}, "lang": {lang}}.Encode(),
				ConditionURL: editPath(d.ID) + "/condition?" + url.Values{"question": {q.ID}, "lang": {lang}}.Encode(),
				CanCondition: len(earlierQuestions(d, g.ID)) > 0 || q.ShowIf != nil}
			for _, o := range q.Options {
				if !o.Retired {
					it.Options = append(it.Options, o.Label.In(lang))
				}
			}
			g.Questions = append(g.Questions, it)
		}
	}
	if len(groups[0].Questions) == 0 && len(d.Sections) > 0 {
		groups = groups[1:]
	}
	p.Sections = groups
	if p.Draft {
		p.Stamp = p.StampFor(editPath(d.ID) + "/publish")
	}
	return pages.Render(status, "editor.html", lang, true, p)
}

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// questionsOf are the indexes of the questions of section (""): those
// without one), in their order; not the retired ones (removed after
// answers came: the admin service keeps them for the exports).
func questionsOf(d *survey.Definition, section string) []int {
	var out []int
	for i := range d.Questions {
		if d.Questions[i].Section == section && !d.Questions[i].Retired {
			out = append(out, i)
		}
	}
	return out
}

// sectionIndex is the position of section in the survey; -1 for "" (the
// questions without a section come before all sections).
func sectionIndex(d *survey.Definition, section string) int {
	return slices.IndexFunc(d.Sections, func(s survey.Section) bool { return s.ID == section })
}

// typeName is a question type in lang.
func typeName(lang string, t survey.QuestionType) string {
	return i18n.T(lang, "console.type_"+string(t))
}

// missingTexts counts, per language, the texts of d that have a German
// text but none in that language.
func missingTexts(d *survey.Definition) map[string]int {
	out := map[string]int{}
	for _, e := range textEntries(d) {
		if e.Text[i18n.Default] == "" {
			continue
		}
		for _, l := range i18n.Supported {
			if e.Text[l] == "" {
				out[l]++
			}
		}
	}
	return out
}

// --- settings ---

var settingsFields = []string{"title.de", "description.de", "opensAt", "closesAt", "privacyNotice.url", "privacyNotice.version"}

type settingsPage struct {
	editorData
	Action               string
	Titles, Descriptions web.LangGroup
	In                   map[string]web.Input
}

func (c *Console) editSettings(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	v := url.Values{}
	for l, t := range d.Title {
		v.Set("title."+l, t)
	}
	for l, t := range d.Description {
		v.Set("description."+l, t)
	}
	if d.OpensAt != nil {
		v.Set("opensAt", d.OpensAt.In(c.svc.Zone).Format(web.LocalTime))
	}
	if d.ClosesAt != nil {
		v.Set("closesAt", d.ClosesAt.In(c.svc.Zone).Format(web.LocalTime))
	}
	if p := d.PrivacyNotice; p != nil {
		v.Set("privacyNotice.url", p.URL)
		v.Set("privacyNotice.version", p.Version)
	}
	return c.renderSettings(http.StatusOK, s, req, d, n, newForm(lang, v))
}

func (c *Console) renderSettings(status int, s *Session, req *Request, d *survey.Definition, answers int, form *Form) (Response, error) {
	lang := form.Lang
	p := settingsPage{editorData: c.editorBase(s, req, lang, "console.editor_settings_title", editPath(d.ID)+"/settings", d, answers)}
	p.Action = editPath(d.ID) + "/settings"
	p.Stamp = c.stamp(form, p.Action)
	p.Errors = form.Summary(settingsFields, nil)
	p.Titles = form.Langs("title", i18n.T(lang, "console.editor_survey_title"), i18n.T(lang, "console.editor_langs_hint"), web.Input{Type: "text", MaxLength: 200, Required: true})
	p.Descriptions = form.Langs("description", i18n.T(lang, "console.editor_description"), "", web.Input{Rows: 3})
	p.In = map[string]web.Input{}
	for _, in := range []web.Input{
		field(lang, "opensAt", "datetime-local", "console.editor_opens", "console.editor_opens_hint", false),
		field(lang, "closesAt", "datetime-local", "console.editor_closes", "console.editor_closes_hint", false),
		field(lang, "privacyNotice.url", "url", "console.editor_notice_url", "console.editor_notice_hint", false),
		field(lang, "privacyNotice.version", "text", "console.editor_notice_version", "", false),
	} {
		p.In[in.Name] = form.Input(in)
	}
	return pages.Render(status, "editor_settings.html", lang, true, p)
}

func (c *Console) saveSettings(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	d.Title, d.Description = form.Texts("title"), form.Texts("description")
	d.OpensAt, d.ClosesAt = optTime(form.Time("opensAt", c.svc.Zone)), optTime(form.Time("closesAt", c.svc.Zone))
	d.PrivacyNotice = nil
	if u, v := form.Text("privacyNotice.url"), form.Text("privacyNotice.version"); u != "" || v != "" {
		d.PrivacyNotice = &notice.Notice{URL: u, Version: v}
	}
	if !form.Failed() {
		if err = c.save(ctx, s, d, lang); err == nil {
			return back(req, lang, d.ID, "settings", "saved", 1), nil
		}
		if !mergeScoped(form, err, d, "", settingsFields, lang) {
			return Response{}, err
		}
	}
	return c.renderSettings(http.StatusUnprocessableEntity, s, req, d, n, form)
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// --- errors: definition paths to the page's fields ---

var itemPath = regexp.MustCompile(`^(questions|sections)\[(\d+)\]`)

// mergeScoped records the field errors of a validation error on form:
// those under prefix (the page's item: "questions[3]." or "" for the
// whole) on the field their path names there (FieldOf fields), the
// others with the item they belong to named, on the page's first field.
// It reports whether err was a validation error.
func mergeScoped(form *Form, err error, d *survey.Definition, prefix string, fields []string, lang string) bool {
	e := apperr.As(err)
	if e == nil || e.Code != apperr.ValidationFailed {
		return false
	}
	for _, fe := range e.Fields {
		if local, ok := strings.CutPrefix(fe.Field, prefix); ok && (prefix != "" || !itemPath.MatchString(fe.Field)) {
			form.Fail(web.FieldOf(local, fields), fe.Message)
			continue
		}
		form.Fail(fe.Field, where(d, fe.Field, lang)+fe.Message)
	}
	return true
}

// where names the item a definition path belongs to, for a message
// shown away from it ("Frage 3 „Name“: ").
func where(d *survey.Definition, path, lang string) string {
	m := itemPath.FindStringSubmatch(path)
	if m == nil {
		return i18n.T(lang, "console.editor_where_settings") + ": "
	}
	i, _ := strconv.Atoi(m[2])
	switch {
	case m[1] == "questions" && i < len(d.Questions):
		return i18n.T(lang, "console.editor_where_question", i+1, d.Questions[i].Label.In(lang)) + ": "
	case m[1] == "sections" && i < len(d.Sections):
		return i18n.T(lang, "console.editor_where_section", i+1, d.Sections[i].Title.In(lang)) + ": "
	}
	return ""
}

// fail is a validation error of one field (the editor's own checks, in
// the service's shape).
func fail(field, message string) error {
	return &apperr.Error{Code: apperr.ValidationFailed, Key: "validation_failed",
		Fields: []apperr.FieldError{{Field: field, Code: "invalid", Message: message}}}
}

// editorError shows an action's error (a move, a removal that breaks a
// condition) on the summary page, with nothing saved.
func (c *Console) editorError(ctx context.Context, s *Session, req *Request, lang string, d *survey.Definition, answers int, err error) (Response, error) {
	e := apperr.As(err)
	if e == nil || e.Code != apperr.ValidationFailed {
		return Response{}, err
	}
	stored, err2 := c.svc.Survey(ctx, s.Coordinator, d.ID)
	if err2 != nil {
		return Response{}, err2
	}
	var errs []web.FieldError
	for _, fe := range e.Fields {
		anchor := "sections"
		if m := itemPath.FindStringSubmatch(fe.Field); m != nil {
			i, _ := strconv.Atoi(m[2])
			if m[1] == "questions" && i < len(d.Questions) && slices.ContainsFunc(stored.Questions, func(q survey.Question) bool { return q.ID == d.Questions[i].ID }) {
				anchor = "q-" + d.Questions[i].ID
			}
			if m[1] == "sections" && i < len(d.Sections) && sectionIndex(stored, d.Sections[i].ID) >= 0 {
				anchor = "s-" + d.Sections[i].ID
			}
		}
		errs = append(errs, web.FieldError{Field: anchor, Message: where(d, fe.Field, lang) + fe.Message})
	}
	return c.renderEditor(http.StatusUnprocessableEntity, s, req, lang, stored, answers, errs)
}

// --- publish ---

func (c *Console) publishSurvey(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	if form.Get("confirm") != "yes" {
		b := withLang(c.base(s, lang, "console.editor_publish_title", editPath(d.ID)+"/publish"), req)
		b.Stamp = b.StampFor(editPath(d.ID) + "/publish")
		return pages.Render(http.StatusOK, "confirm.html", lang, true, struct {
			base
			TitleKey, TextKey, YesKey, Text string
			Action, Back, Invitation        string
		}{base: b, YesKey: "console.editor_publish", Text: i18n.T(lang, "console.editor_publish_text", i18n.Isolate(lang, "/s/"+d.ID)),
			Action: editPath(d.ID) + "/publish" + b.Q, Back: editPath(d.ID) + b.Q})
	}
	if err := c.publish(ctx, s, d, lang); err != nil {
		return c.editorError(ctx, s, req, lang, d, n, err)
	}
	return back(req, lang, d.ID, "", "published", 1), nil
}

// --- start: empty, as a copy ---

type startPage struct {
	base
	Titles                web.LangGroup
	From, Sheet           web.Input
	CopyStamp, SheetStamp string
}

var startFields = []string{"title.de", "from"}

func (c *Console) newSurvey(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	return c.renderStart(ctx, http.StatusOK, s, req, newForm(lang, nil))
}

// renderStart shows the start page with the form's errors, and a
// spreadsheet's problems (sheetErrs, each naming its cell).
func (c *Console) renderStart(ctx context.Context, status int, s *Session, req *Request, form *Form, sheetErrs ...web.FieldError) (Response, error) {
	lang := form.Lang
	list, err := c.svc.Surveys(ctx, s.Coordinator, lang)
	if err != nil {
		return Response{}, err
	}
	p := startPage{base: withLang(c.base(s, lang, "console.editor_new_title", "/console/surveys/new"), req)}
	p.Stamp = c.stamp(form, "/console/surveys/new")
	p.CopyStamp = p.StampFor("/console/surveys/new")
	p.Errors = append(form.Summary(startFields, map[string]string{"from": "from"}), sheetErrs...)
	p.SheetStamp = p.StampFor("/console/surveys/new")
	p.Sheet = sheetInput(lang)
	if len(sheetErrs) > 0 {
		p.Sheet.Err = i18n.T(lang, "console.sheet_failed")
	}
	p.Titles = form.Langs("title", i18n.T(lang, "console.editor_survey_title"), i18n.T(lang, "console.editor_langs_hint"), web.Input{Type: "text", MaxLength: 200, Required: true})
	from := web.Input{Name: "from", ID: "from", Type: "radio", Label: i18n.T(lang, "console.editor_copy_from"), Hint: i18n.T(lang, "console.editor_copy_hint"), Required: true}
	slices.SortStableFunc(list, func(a, b admin.SurveySummary) int { return b.UpdatedAt.Compare(a.UpdatedAt) })
	for i, sv := range list {
		o := web.Option{Code: sv.ID, Label: sv.Title + " (" + i18n.Isolate(lang, sv.ID) + ")"}
		if i == 0 {
			o.ID = "from"
		} else {
			o.ID = "from-" + strconv.Itoa(i)
		}
		from.Options = append(from.Options, o)
	}
	p.From = form.Input(from)
	return pages.Render(status, "editor_new.html", lang, true, p)
}

// createSurvey starts a survey: empty (a title and a first question to
// change) or as a copy of an earlier one (next year's round: a new id, a
// draft, its dates cleared, copiedFrom naming the earlier one).
func (c *Console) createSurvey(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	var set survey.Settings
	switch form.Get("start") {
	case "sheet":
		return c.startFromSheet(ctx, s, req, lang, form)
	case "copy":
		from := form.Text("from")
		if from == "" {
			form.Fail("from", i18n.T(lang, "console.editor_copy_choose"))
			return c.renderStart(ctx, http.StatusUnprocessableEntity, s, req, form)
		}
		old, err := c.svc.Survey(ctx, s.Coordinator, from)
		if err != nil {
			return Response{}, err
		}
		set = old.Settings
		set.ID, set.OpensAt, set.ClosesAt, set.CopiedFrom = "", nil, nil, old.ID
	default:
		set = survey.Settings{Title: form.Texts("title"), Questions: []survey.Question{starter()}}
	}
	d, err := c.createDraft(ctx, s, set, lang)
	if err != nil {
		if !form.Merge(err, startFields) {
			return Response{}, err
		}
		return c.renderStart(ctx, http.StatusUnprocessableEntity, s, req, form)
	}
	return back(req, lang, d.ID, ""), nil
}

// starter is an empty survey's first question: every survey asks who
// answers; the coordinator changes or replaces it.
func starter() survey.Question {
	q := survey.Question{ID: "organisation", Type: survey.TypeText, Label: i18n.Text{}, Rules: survey.Rules{Required: true}}
	for _, l := range i18n.Supported {
		q.Label[l] = i18n.T(l, "console.editor_starter")
	}
	return q
}

// describeShowIf says a condition in words ("" without one).
func describeShowIf(d *survey.Definition, s *survey.ShowIf, lang string) string {
	if s == nil {
		return ""
	}
	list, key := s.All, "console.cond_all"
	if len(s.Any) > 0 {
		list, key = s.Any, "console.cond_any"
	}
	parts := make([]string, len(list))
	for i := range list {
		parts[i] = describeCondition(d, &list[i], lang)
	}
	if len(parts) == 1 {
		return i18n.T(lang, "console.cond_one", parts[0])
	}
	return i18n.T(lang, key, strings.Join(parts, "; "))
}

func describeCondition(d *survey.Definition, c *survey.Condition, lang string) string {
	q := questionByID(d, c.Question)
	label := c.Question
	if q != nil {
		label = q.Label.In(lang)
	}
	label = "„" + label + "“"
	if lang != "de" {
		label = "“" + strings.Trim(label, "„“") + "”"
	}
	names := func(codes []string) string {
		out := make([]string, len(codes))
		for i, code := range codes {
			out[i] = code
			if q != nil {
				for _, ch := range q.Choices(lang) {
					if ch.Code == code {
						out[i] = ch.Label
					}
				}
			}
		}
		return strings.Join(out, ", ")
	}
	switch {
	case c.Answered != nil && *c.Answered:
		return i18n.T(lang, "console.cond_answered", label)
	case c.Answered != nil:
		return i18n.T(lang, "console.cond_unanswered", label)
	case c.In != nil:
		return i18n.T(lang, "console.cond_in", label, names(c.In))
	case c.NotIn != nil:
		return i18n.T(lang, "console.cond_not_in", label, names(c.NotIn))
	case c.Includes != nil:
		return i18n.T(lang, "console.cond_includes", label, names(c.Includes))
	case c.Gte != nil:
		return i18n.T(lang, "console.cond_gte", label, i18n.Isolate(lang, c.Gte.String()))
	case c.Lte != nil:
		return i18n.T(lang, "console.cond_lte", label, i18n.Isolate(lang, c.Lte.String()))
	}
	return fmt.Sprint(label)
}

func questionByID(d *survey.Definition, id string) *survey.Question {
	for i := range d.Questions {
		if d.Questions[i].ID == id {
			return &d.Questions[i]
		}
	}
	return nil
}
