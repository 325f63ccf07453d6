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

// --- sections ---

var sectionFields = []string{"title.de", "id"}

type sectionPage struct {
	editorData
	Action string
	New    bool
	Titles web.LangGroup
	ID     web.Input
	// Moves says where a removed section's questions go.
	Section string
}

func (c *Console) editSection(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	id := httpapi.Query(req, "id")
	v := url.Values{}
	if id != "" {
		i := sectionIndex(d, id)
		if i < 0 {
			return Response{}, apperr.New(apperr.NotFound, "not_found")
		}
		v.Set("section", id)
		for l, t := range d.Sections[i].Title {
			v.Set("title."+l, t)
		}
	}
	return c.renderSection(http.StatusOK, s, req, d, n, newForm(lang, v))
}

func (c *Console) renderSection(status int, s *Session, req *Request, d *survey.Definition, answers int, form *Form) (Response, error) {
	lang := form.Lang
	p := sectionPage{Section: form.Get("section")}
	p.New = p.Section == ""
	key := "console.editor_section_edit"
	if p.New {
		key = "console.editor_section_new"
	}
	p.editorData = c.editorBase(s, req, lang, key, editPath(d.ID)+"/section", d, answers)
	p.Action = editPath(d.ID) + "/section"
	p.Stamp = c.stamp(form, p.Action)
	p.Errors = form.Summary(sectionFields, nil)
	p.Titles = form.Langs("title", i18n.T(lang, "console.editor_section_titles"), i18n.T(lang, "console.editor_langs_hint"), web.Input{Type: "text", MaxLength: 200, Required: true})
	return pages.Render(status, "editor_section.html", lang, true, p)
}

// saveSection adds a section (its id made from its German title) or
// changes one's titles.
func (c *Console) saveSection(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	id, titles := form.Get("section"), form.Texts("title")
	i := sectionIndex(d, id)
	switch {
	case id == "":
		taken := map[string]bool{}
		for _, sec := range d.Sections {
			taken[sec.ID] = true
		}
		id = suggestID(titles[i18n.Default], "section", taken)
		d.Sections = append(d.Sections, survey.Section{ID: id, Title: titles})
		i = len(d.Sections) - 1
	case i < 0:
		return Response{}, apperr.New(apperr.NotFound, "not_found")
	default:
		d.Sections[i].Title = titles
	}
	if err := c.save(ctx, s, d, lang); err != nil {
		if !mergeScoped(form, err, d, fmt.Sprintf("sections[%d].", i), sectionFields, lang) {
			return Response{}, err
		}
		return c.renderSection(http.StatusUnprocessableEntity, s, req, d, n, form)
	}
	return back(req, lang, d.ID, "s-"+id, "saved", 1), nil
}

// --- questions ---

type questionPage struct {
	editorData
	Action string
	// Choosing: a new question's first step, its type.
	Choosing bool
	Type     web.Input
	New      bool
	Kind     *survey.Kind
	In       map[string]web.Input
	Labels   web.LangGroup
	Helps    web.LangGroup
	Options  []optionRow2
	// NewOption is the empty row that adds an option.
	NewOption  optionRow2
	Question   string // the id of the question as stored ("" for a new one)
	Hidden     []hiddenField
	ChooseURL  string
	HasSection bool
}

type optionRow2 struct {
	N           int
	Code, Label web.Input
	First, Last bool
	Name        string
}

type hiddenField struct{ Name, Value string }

// questionFields are the question form's fields in their order.
var questionFields = []string{"type", "label.de", "help.de", "id", "section", "required", "min", "max", "options"}

func (c *Console) editQuestion(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	q := func(name string) string { return httpapi.Query(req, name) }
	v := url.Values{"section": {q("section")}}
	if id := q("id"); id != "" {
		qu := questionByID(d, id)
		if qu == nil {
			return Response{}, apperr.New(apperr.NotFound, "not_found")
		}
		v = questionValues(qu)
	} else if t := q("type"); t != "" {
		v.Set("type", t)
	}
	return c.renderQuestion(http.StatusOK, s, req, d, n, newForm(lang, v))
}

// questionValues is the question form filled in from q.
func questionValues(q *survey.Question) url.Values {
	v := url.Values{"question": {q.ID}, "id": {q.ID}, "type": {string(q.Type)}, "section": {q.Section}}
	if q.Required {
		v.Set("required", "true")
	}
	for l, t := range q.Label {
		v.Set("label."+l, t)
	}
	for l, t := range q.Help {
		v.Set("help."+l, t)
	}
	if q.Min != nil {
		v.Set("min", q.Min.String())
	}
	if q.Max != nil {
		v.Set("max", q.Max.String())
	}
	j := 0
	for _, o := range q.Options {
		if o.Retired {
			continue // left out, the admin service keeps it retired
		}
		p := "options[" + strconv.Itoa(j) + "]"
		j++
		v.Set(p+".code", o.Code)
		v.Set(p+".was", o.Code)
		for l, t := range o.Label {
			v.Set(p+".label."+l, t)
		}
	}
	return v
}

func (c *Console) renderQuestion(status int, s *Session, req *Request, d *survey.Definition, answers int, form *Form) (Response, error) {
	lang := form.Lang
	p := questionPage{New: form.Get("question") == "", Question: form.Get("question")}
	key := "console.editor_question_edit"
	if p.New {
		key = "console.editor_question_new"
	}
	p.editorData = c.editorBase(s, req, lang, key, editPath(d.ID)+"/question", d, answers)
	p.Action = editPath(d.ID) + "/question"
	p.Stamp = c.stamp(form, p.Action)
	p.Errors = form.Summary(questionFieldsOf(form), map[string]string{"type": "type", "options": "options-new-code"})
	k, ok := survey.KindOf(survey.QuestionType(form.Get("type")))
	typ := web.Input{Name: "type", ID: "type", Label: i18n.T(lang, "console.editor_type"), Required: true}
	for _, kd := range survey.Kinds() {
		typ.Options = append(typ.Options, web.Option{Code: string(kd.Type), Label: typeName(lang, kd.Type), ID: "type-" + string(kd.Type)})
	}
	if !ok && p.New {
		// The first step: which type (one thing per page).
		p.Choosing = true
		typ.Type, typ.Hint = "radio", i18n.T(lang, "console.editor_type_hint")
		typ.Options[0].ID = "type"
		p.Type = form.Input(typ)
		p.Hidden = []hiddenField{{"section", form.Get("section")}}
		return pages.Render(status, "editor_question.html", lang, true, p)
	}
	if !ok {
		k, _ = survey.KindOf(survey.TypeText)
	}
	p.Kind = k
	typ.Hint = i18n.T(lang, "console.editor_type_change_hint")
	p.Type = form.Input(typ)
	p.Labels = form.Langs("label", i18n.T(lang, "console.editor_label"), i18n.T(lang, "console.editor_langs_hint"), web.Input{Type: "text", MaxLength: 500, Required: true})
	p.Helps = form.Langs("help", i18n.T(lang, "console.editor_help"), i18n.T(lang, "console.editor_help_hint"), web.Input{Type: "text", MaxLength: 1000})
	p.In = map[string]web.Input{}
	id := field(lang, "id", "text", "console.editor_id", "console.editor_id_hint", false)
	id.Dir, id.Verbatim, id.MaxLength = "ltr", true, 64
	required := field(lang, "required", "checkbox", "console.editor_required", "", false)
	sec := field(lang, "section", "", "console.editor_section", "console.editor_section_hint", false)
	sec.Options = []web.Option{{Code: "", Label: i18n.T(lang, "console.editor_no_section")}}
	for i, x := range d.Sections {
		sec.Options = append(sec.Options, web.Option{Code: x.ID, Label: strconv.Itoa(i+1) + ". " + x.Title.In(lang)})
	}
	p.HasSection = len(d.Sections) > 0
	for _, in := range []web.Input{id, required, sec} {
		p.In[in.Name] = form.Input(in)
	}
	if k.Bounds != survey.BoundsNone {
		bt, hint := "text", "console.editor_bounds_hint"
		if k.Bounds == survey.BoundsDate {
			bt, hint = "date", "console.editor_bounds_date_hint"
		}
		if k.WholeBounds {
			hint = "console.editor_bounds_scale_hint"
		}
		for _, b := range []string{"min", "max"} {
			in := field(lang, b, bt, "console.editor_"+b, hint, k.WholeBounds)
			in.Dir = "ltr"
			if bt == "text" {
				in.InputMode = "decimal"
			}
			p.In[b] = form.Input(in)
		}
	}
	if k.Options {
		rows := optionCount(form)
		for j := 0; j < rows; j++ {
			p.Options = append(p.Options, c.optionRow(form, j, j == 0, j == rows-1, answers > 0 && form.Get(optName(j, "was")) != ""))
		}
		p.NewOption = c.optionRow(form, -1, false, false, false)
		for j := 0; j < rows; j++ {
			for _, l := range i18n.Supported {
				if l != i18n.Default {
					if v := form.Get(optName(j, "label."+l)); v != "" {
						p.Hidden = append(p.Hidden, hiddenField{optName(j, "label."+l), v})
					}
				}
			}
			if w := form.Get(optName(j, "was")); w != "" {
				p.Hidden = append(p.Hidden, hiddenField{optName(j, "was"), w})
			}
		}
	}
	p.ChooseURL = editPath(d.ID) + "/question?" + url.Values{"section": {form.Get("section")}, "lang": {lang}}.Encode()
	return pages.Render(status, "editor_question.html", lang, true, p)
}

func optName(j int, part string) string { return "options[" + strconv.Itoa(j) + "]." + part }

// optionCount is how many option rows the form has.
func optionCount(form *Form) int {
	n := 0
	for form.Has(optName(n, "code")) {
		n++
	}
	return n
}

// optionRow is option j's code and German label (j < 0: the new row);
// locked: the survey has answers and the code was stored.
func (c *Console) optionRow(form *Form, j int, first, last, locked bool) optionRow2 {
	lang := form.Lang
	name := "options[" + strconv.Itoa(j) + "]"
	id := "options-" + strconv.Itoa(j)
	if j < 0 {
		name, id = "options.new", "options-new"
	}
	code := web.Input{Name: name + ".code", ID: id + "-code", Type: "text", Label: i18n.T(lang, "console.editor_option_code"), Dir: "ltr", Verbatim: true, MaxLength: 64}
	label := web.Input{Name: name + ".label.de", ID: id + "-label-de", Type: "text", Label: i18n.T(lang, "console.editor_option_label"), FieldLang: "de", Dir: "auto", MaxLength: 500}
	if j < 0 {
		code.Hint = i18n.T(lang, "console.editor_option_new_hint")
	} else if locked {
		code.Hint = i18n.T(lang, "console.editor_locked")
	}
	r := optionRow2{N: j, Code: form.Input(code), Label: form.Input(label), First: first, Last: last, Name: form.Get(name + ".label.de")}
	if r.Name == "" {
		r.Name = strconv.Itoa(j + 1)
	}
	return r
}

// postedOptions reads the form's option rows, the new row last when it
// has something.
func postedOptions(form *Form) []survey.Option {
	var out []survey.Option
	for j := 0; j < optionCount(form); j++ {
		out = append(out, survey.Option{Code: form.Text(optName(j, "code")), Label: form.Texts("options[" + strconv.Itoa(j) + "].label")})
	}
	if code, label := form.Text("options.new.code"), form.Text("options.new.label.de"); code != "" || label != "" {
		out = append(out, survey.Option{Code: code, Label: i18n.Text{i18n.Default: label}})
	}
	return out
}

// setOptions writes opts into the form's option rows (after a move, an
// addition or a removal), with where each came from (was).
func setOptions(form *Form, opts []survey.Option, was []string) {
	for k := range form.Values {
		if strings.HasPrefix(k, "options[") || strings.HasPrefix(k, "options.new") {
			form.Del(k)
		}
	}
	for j, o := range opts {
		form.Set(optName(j, "code"), o.Code)
		if was[j] != "" {
			form.Set(optName(j, "was"), was[j])
		}
		for l, t := range o.Label {
			form.Set(optName(j, "label."+l), t)
		}
	}
}

// saveQuestion adds or changes a question. The option rows' buttons
// (add, move, remove) and the type's "apply" change the form only and
// show it again; "save" stores it.
func (c *Console) saveQuestion(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	opts := postedOptions(form)
	was := make([]string, len(opts))
	for j := range opts {
		was[j] = form.Get(optName(j, "was"))
	}
	if action := form.Get("action"); action != "" && action != "save" {
		verb, arg, _ := strings.Cut(action, ":")
		j, _ := strconv.Atoi(arg)
		switch {
		case verb == "up" && j > 0 && j < len(opts):
			opts[j-1], opts[j] = opts[j], opts[j-1]
			was[j-1], was[j] = was[j], was[j-1]
		case verb == "down" && j >= 0 && j+1 < len(opts):
			opts[j+1], opts[j] = opts[j], opts[j+1]
			was[j+1], was[j] = was[j], was[j+1]
		case verb == "remove" && j >= 0 && j < len(opts) && !(n > 0 && was[j] != ""):
			opts, was = slices.Delete(opts, j, j+1), slices.Delete(was, j, j+1)
		}
		setOptions(form, opts, was)
		return c.renderQuestion(http.StatusOK, s, req, d, n, form)
	}
	old := form.Get("question")
	i := -1
	if old != "" {
		if i = slices.IndexFunc(d.Questions, func(q survey.Question) bool { return q.ID == old }); i < 0 {
			return Response{}, apperr.New(apperr.NotFound, "not_found")
		}
	}
	q := survey.Question{}
	if i >= 0 {
		q = d.Questions[i] // keeps what the form does not show (showIf, rules, profile)
	}
	q.Type = survey.QuestionType(form.Get("type"))
	q.Label, q.Help, q.Required = form.Texts("label"), form.Texts("help"), form.Bool("required")
	q.Section = form.Get("section")
	if q.Section != "" && sectionIndex(d, q.Section) < 0 {
		q.Section = ""
	}
	q.ID = form.Text("id")
	if q.ID == "" && i < 0 {
		taken := map[string]bool{}
		for _, x := range d.Questions {
			taken[x.ID] = true
		}
		// Not written into the form: saved again after an error, the id
		// follows the label as it is then.
		q.ID = suggestID(q.Label[i18n.Default], "question", taken)
	}
	k, ok := survey.KindOf(q.Type)
	q.Min, q.Max, q.Options = nil, nil, nil
	if ok && k.Bounds != survey.BoundsNone {
		q.Min, q.Max = readBound(form, "min", k), readBound(form, "max", k)
	}
	if ok && k.Options {
		q.Options = opts
	}
	if !ok || !k.Integer {
		q.Integer = false
	}
	if !ok || !k.Handles {
		q.Handles = false
	}
	if n > 0 && i >= 0 {
		// Answers exist: ids, types and option codes stay.
		stored := d.Questions[i]
		if q.ID != stored.ID || q.Type != stored.Type {
			form.Fail("id", i18n.T(lang, "console.editor_locked"))
			q.ID, q.Type = stored.ID, stored.Type
		}
		for j := range q.Options {
			if was[j] != "" && was[j] != q.Options[j].Code {
				form.Fail(optName(j, "code"), i18n.T(lang, "console.editor_locked"))
			}
		}
	}
	if i >= 0 && q.ID != old {
		renameReferences(d, old, q.ID)
	}
	if i >= 0 {
		if q.Section != d.Questions[i].Section {
			// Moved to another section: it goes last there.
			d.Questions = slices.Delete(d.Questions, i, i+1)
			i = insertAt(d, q.Section)
			d.Questions = slices.Insert(d.Questions, i, q)
		} else {
			d.Questions[i] = q
		}
	} else {
		i = insertAt(d, q.Section)
		d.Questions = slices.Insert(d.Questions, i, q)
	}
	if !form.Failed() {
		if err = c.save(ctx, s, d, lang); err == nil {
			return back(req, lang, d.ID, "q-"+q.ID, "saved", 1), nil
		}
		// The new row is the last option now: its errors go beside it.
		setOptions(form, q.Options, append(was, make([]string, len(q.Options))...))
		if !mergeScoped(form, err, d, fmt.Sprintf("questions[%d].", i), questionFieldsOf(form), lang) {
			return Response{}, err
		}
	}
	return c.renderQuestion(http.StatusUnprocessableEntity, s, req, d, n, form)
}

// questionFieldsOf are the question form's fields in their order, its
// option rows' among them.
func questionFieldsOf(form *Form) []string {
	out := slices.Clone(questionFields[:len(questionFields)-1])
	for j := 0; j < optionCount(form); j++ {
		out = append(out, optName(j, "code"), optName(j, "label.de"))
	}
	return append(out, "options")
}

// insertAt is where a question added to section goes: after its last
// question, else after the questions of the sections before it.
func insertAt(d *survey.Definition, section string) int {
	if idx := questionsOf(d, section); len(idx) > 0 {
		return idx[len(idx)-1] + 1
	}
	at := sectionIndex(d, section)
	pos := 0
	for i, q := range d.Questions {
		if q.Section == "" || sectionIndex(d, q.Section) < at {
			pos = i + 1
		}
	}
	return pos
}

// readBound reads a min or max of a question of kind k.
func readBound(form *Form, name string, k *survey.Kind) *survey.Bound {
	v := form.Text(name)
	if v == "" {
		return nil
	}
	if k.Bounds == survey.BoundsDate {
		if _, ok := survey.ParseDate(v); !ok {
			form.Fail(name, i18n.T(form.Lang, "console.editor_bad_date"))
			return nil
		}
		return survey.DateBound(v)
	}
	f := form.Decimal(name)
	if f == nil {
		return nil
	}
	return survey.NumberBound(*f)
}

// renameReferences follows a question's new id in the conditions that
// name it.
func renameReferences(d *survey.Definition, from, to string) {
	each := func(s *survey.ShowIf) {
		if s == nil {
			return
		}
		for _, l := range [][]survey.Condition{s.All, s.Any} {
			for k := range l {
				if l[k].Question == from {
					l[k].Question = to
				}
			}
		}
	}
	for i := range d.Questions {
		each(d.Questions[i].ShowIf)
	}
	for i := range d.Sections {
		each(d.Sections[i].ShowIf)
	}
}

// suggestID makes an id from a label: lower case, umlauts spelt out,
// anything else an underscore, at most 40 characters, not one of taken.
func suggestID(label, fallback string, taken map[string]bool) string {
	r := strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "Ä", "ae", "Ö", "oe", "Ü", "ue")
	var b strings.Builder
	for _, ch := range r.Replace(strings.ToLower(label)) {
		switch {
		case ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9':
			b.WriteRune(ch)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
		if b.Len() >= 40 {
			break
		}
	}
	id := strings.Trim(b.String(), "_")
	if id == "" {
		id = fallback
	}
	base := id
	for n := 2; taken[id] || id == "invitation" || id == "lang"; n++ {
		id = base + "_" + strconv.Itoa(n)
	}
	return id
}

// --- move and remove ---

// moveItem moves a section or a question one place up or down (a
// question within its section).
func (c *Console) moveItem(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	id, up := form.Get("id"), form.Get("dir") == "up"
	anchor := ""
	switch form.Get("what") {
	case "section":
		i := sectionIndex(d, id)
		if i < 0 {
			return Response{}, apperr.New(apperr.NotFound, "not_found")
		}
		j := i + 1
		if up {
			j = i - 1
		}
		if j >= 0 && j < len(d.Sections) {
			d.Sections[i], d.Sections[j] = d.Sections[j], d.Sections[i]
		}
		anchor = "s-" + id
	default:
		q := questionByID(d, id)
		if q == nil {
			return Response{}, apperr.New(apperr.NotFound, "not_found")
		}
		idx := questionsOf(d, q.Section)
		at := slices.IndexFunc(idx, func(i int) bool { return d.Questions[i].ID == id })
		to := at + 1
		if up {
			to = at - 1
		}
		if to >= 0 && to < len(idx) {
			a, b := idx[at], idx[to]
			d.Questions[a], d.Questions[b] = d.Questions[b], d.Questions[a]
		}
		anchor = "q-" + id
	}
	if err := c.save(ctx, s, d, lang); err != nil {
		return c.editorError(ctx, s, req, lang, d, n, err)
	}
	return back(req, lang, d.ID, anchor, "moved", 1), nil
}

// removeItem removes a question or a section after a confirm page. A
// removed section's questions go to the section before it (the first
// section's to the next; the only section's lose their section): nothing
// is lost with a section. A question that a condition names stays until
// the condition is changed.
func (c *Console) removeItem(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	id, what := form.Get("id"), form.Get("what")
	var text string
	switch what {
	case "section":
		i := sectionIndex(d, id)
		if i < 0 {
			return Response{}, apperr.New(apperr.NotFound, "not_found")
		}
		to := ""
		switch {
		case i > 0:
			to = d.Sections[i-1].ID
		case len(d.Sections) > 1:
			to = d.Sections[1].ID
		}
		moved := len(questionsOf(d, id))
		target := i18n.T(lang, "console.editor_no_section")
		if to != "" {
			target = d.Sections[sectionIndex(d, to)].Title.In(lang)
		}
		text = i18n.T(lang, "console.editor_remove_section_text", d.Sections[i].Title.In(lang), moved, target)
		if moved == 0 {
			text = i18n.T(lang, "console.editor_remove_section_empty", d.Sections[i].Title.In(lang))
		}
		if form.Get("confirm") == "yes" {
			qs := questionsOf(d, id)
			for _, qi := range qs {
				d.Questions[qi].Section = to
			}
			// They go last in their new section, in their order.
			var movedQ []survey.Question
			for _, qi := range slices.Backward(qs) {
				movedQ = append([]survey.Question{d.Questions[qi]}, movedQ...)
				d.Questions = slices.Delete(d.Questions, qi, qi+1)
			}
			d.Sections = slices.Delete(d.Sections, i, i+1)
			at := insertAt(d, to)
			d.Questions = slices.Insert(d.Questions, at, movedQ...)
		}
	default:
		i := slices.IndexFunc(d.Questions, func(q survey.Question) bool { return q.ID == id })
		if i < 0 {
			return Response{}, apperr.New(apperr.NotFound, "not_found")
		}
		text = i18n.T(lang, "console.editor_remove_question_text", d.Questions[i].Label.In(lang))
		if n > 0 {
			text += " " + i18n.T(lang, "console.editor_remove_answers")
		}
		if form.Get("confirm") == "yes" {
			if by := namedBy(d, id, lang); by != "" {
				return c.editorError(ctx, s, req, lang, d, n, fail(fmt.Sprintf("questions[%d]", i), i18n.T(lang, "console.editor_still_named", by)))
			}
			d.Questions = slices.Delete(d.Questions, i, i+1)
		}
	}
	if form.Get("confirm") != "yes" {
		action := editPath(d.ID) + "/remove"
		b := withLang(c.base(s, lang, "console.editor_remove_title", action), req)
		b.Stamp = b.StampFor(action)
		return pages.Render(http.StatusOK, "editor_remove.html", lang, true, struct {
			base
			Text, Action, Back, What, ID string
		}{base: b, Text: text, Action: action + b.Q, Back: editPath(d.ID) + b.Q, What: what, ID: id})
	}
	if err := c.save(ctx, s, d, lang); err != nil {
		return c.editorError(ctx, s, req, lang, d, n, err)
	}
	return back(req, lang, d.ID, "", "removed", 1), nil
}

// namedBy names the first question or section whose condition names
// question id ("" when none does).
func namedBy(d *survey.Definition, id, lang string) string {
	names := func(s *survey.ShowIf) bool {
		if s == nil {
			return false
		}
		return slices.ContainsFunc(append(slices.Clone(s.All), s.Any...), func(c survey.Condition) bool { return c.Question == id })
	}
	for i := range d.Sections {
		if names(d.Sections[i].ShowIf) {
			return d.Sections[i].Title.In(lang)
		}
	}
	for i := range d.Questions {
		if names(d.Questions[i].ShowIf) {
			return d.Questions[i].Label.In(lang)
		}
	}
	return ""
}
