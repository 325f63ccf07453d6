package xlsform

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/notice"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Limits of a workbook. A definition of 200 questions in seven languages
// is a workbook of about 100 KB.
const (
	// MaxBody is the largest workbook accepted (413 beyond): the admin
	// routes' upload limit.
	MaxBody = 1 << 20
	// maxUnzipped bounds the workbook's parts unpacked, all together (a
	// zip bomb: 413).
	maxUnzipped = 16 << 20
	// maxParts bounds the number of files in the zip.
	maxParts = 500
	// MaxRows bounds the filled rows of each sheet (413 beyond).
	MaxRows = 2000
	// maxCells bounds the cells read from each sheet, empty ones too.
	maxCells = 200_000
)

// Sheet names, as XLSForm has them (matched without regard to case).
const (
	sheetSurvey   = "survey"
	sheetChoices  = "choices"
	sheetSettings = "settings"
)

// head is one column's header: its base name ("label") and language
// ("de"; "" for none), as read from "label::de" or "label::Deutsch (de)".
type head struct {
	text, base, lang string
}

// sheet is a sheet's filled rows under its header row.
type sheet struct {
	name  string // as the workbook spells it
	heads []head // by column, 0-based
	// headRow is the header's row number (1-based).
	headRow int
	cols    map[string]int
	rows    []row
}

type row struct {
	n     int // 1-based row number
	cells []string
}

// col is the 0-based column of base::lang, or -1.
func (s *sheet) col(base, lang string) int {
	if s == nil {
		return -1
	}
	if i, ok := s.cols[base+"::"+lang]; ok {
		return i
	}
	return -1
}

// get is the cell of r in column base::lang ("" when there is none).
func (s *sheet) get(r row, base, lang string) string {
	if i := s.col(base, lang); i >= 0 && i < len(r.cells) {
		return r.cells[i]
	}
	return ""
}

// at is the place of r's cell in column base::lang.
func (s *sheet) at(r int, base, lang string) place {
	if i := s.col(base, lang); i >= 0 {
		return place{sheet: s.name, row: r, col: i + 1, head: s.heads[i].text}
	}
	h := base
	if lang != "" {
		h += "::" + lang
	}
	return place{sheet: s.name, row: r, head: h}
}

// texts are the cells of r in the columns base::<lang>, by language
// (nil when all are empty).
func (s *sheet) texts(r row, base string) survey.Text {
	var t survey.Text
	for i, h := range s.heads {
		if h.base == base && h.lang != "" && i < len(r.cells) && r.cells[i] != "" {
			if t == nil {
				t = survey.Text{}
			}
			t[h.lang] = r.cells[i]
		}
	}
	return t
}

// Form is a survey read from a workbook, with where each of its parts
// stands there: Locate maps a definition's field errors back to cells.
type Form struct {
	Settings survey.Settings
	// rows of the survey sheet: each section's first begin_group, each
	// question; rows of the choices sheet: each question's options.
	sectionRows  []int
	questionRows []int
	optionRows   [][]int
	// sectionShowIf and questionShowIf: whether each one's condition came
	// from show_if rather than relevant.
	sectionShowIf, questionShowIf []bool
	survey, choices, settings     *sheet
	settingsRow                   int
	// lang is the language of columns without one (default_language).
	lang string
}

// Read reads a survey definition from a workbook (XLSForm: AUTHORING.md,
// docs/xlsform.md). Its problems come all at once as one validation error
// (422) whose fields name sheet, row and column, in lang; then the
// definition's own checks (survey.ValidateDefinition), mapped back to the
// cells. A workbook too large is a 413 naming the limit; a file that is no
// workbook, 400.
func Read(body []byte, lang string) (*survey.Settings, error) {
	f, err := Parse(body, lang)
	if err != nil {
		return nil, err
	}
	return &f.Settings, nil
}

// Parse is Read, keeping where things stand for Locate: a caller that
// checks more (the admin service's lock of an answered survey) maps its
// field errors to cells with it. On a problem it returns the Form read so
// far (nil when the file could not be read at all) with the error.
func Parse(body []byte, lang string) (*Form, error) {
	if len(body) > MaxBody {
		return nil, apperr.New(apperr.TooLarge, "too_large", MaxBody>>10)
	}
	wb, err := openWorkbook(body)
	if err != nil {
		return nil, err
	}
	ps := newProblems(lang)
	form := &Form{}
	sheets := map[string]*sheet{}
	for _, sh := range wb.sheets {
		key := strings.ToLower(strings.TrimSpace(sh[0]))
		if key != sheetSurvey && key != sheetChoices && key != sheetSettings || sheets[key] != nil {
			continue
		}
		s, err := readSheet(wb, key, sh[1], ps)
		if err != nil {
			return nil, err
		}
		sheets[key] = s
	}
	form.survey, form.choices, form.settings = sheets[sheetSurvey], sheets[sheetChoices], sheets[sheetSettings]
	if form.survey == nil {
		ps.add(place{sheet: sheetSurvey}, "required", "xlsform.no_sheet", sheetSurvey)
		return nil, ps.err()
	}
	form.lang = form.readSettings(ps)
	form.readHeads(ps, form.lang)
	form.readSettingsRow(ps)
	lists := form.readChoices(ps)
	form.readSurvey(ps, lists)
	form.check(ps)
	return form, ps.err()
}

// readSheet reads a sheet's filled rows as text (readRows); a formula
// without a cached value in a column with a header is a problem: nothing
// here calculates. The first filled row is the header.
func readSheet(wb *workbook, name, part string, ps *problems) (*sheet, error) {
	raw, err := wb.readRows(name, part)
	if err != nil {
		return nil, err
	}
	s := &sheet{name: name, cols: map[string]int{}}
	var all []row
	for _, r := range raw {
		if !blank(r.cells) {
			all = append(all, row{n: r.n, cells: r.cells})
		}
	}
	if len(all) == 0 {
		return s, nil
	}
	s.heads = make([]head, len(all[0].cells))
	for i, text := range all[0].cells {
		s.heads[i] = parseHead(text)
	}
	s.headRow, s.rows = all[0].n, all[1:]
	for _, r := range raw {
		for _, c := range r.formulas {
			if c < len(s.heads) && s.heads[c].text != "" {
				ps.add(place{sheet: s.name, row: r.n, col: c + 1, head: s.heads[c].text}, "formula", "xlsform.formula")
			}
		}
	}
	return s, nil
}

func blank(cols []string) bool {
	for _, c := range cols {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// parseHead reads a header: "label::de", "label::Deutsch (de)", "label",
// "list name" (= list_name).
func parseHead(text string) head {
	h := head{text: strings.TrimSpace(text)}
	base, lang, _ := strings.Cut(h.text, "::")
	h.base = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(base)), " ", "_")
	h.lang = langCode(lang)
	return h
}

// langCode reads a language as XLSForm columns name it: "de",
// "Deutsch (de)", "English (en-GB)" → "en"... the code in parentheses, else
// the text itself, lower case; "" for none.
func langCode(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '('); i >= 0 && strings.HasSuffix(s, ")") {
		s = s[i+1 : len(s)-1]
	}
	s = strings.ToLower(strings.TrimSpace(s))
	if code, _, ok := strings.Cut(s, "-"); ok && i18n.IsContentLanguage(code) {
		return code
	}
	if code, ok := languageNames[s]; ok {
		return code
	}
	return s
}

// languageNames are the names older XLSForms write instead of codes
// ("label::English"), in English and in each language itself.
var languageNames = map[string]string{
	"german": "de", "deutsch": "de", "english": "en", "turkish": "tr", "türkçe": "tr", "arabic": "ar", "العربية": "ar",
	"persian": "fa", "farsi": "fa", "فارسی": "fa", "russian": "ru", "русский": "ru", "ukrainian": "uk", "українська": "uk",
}

// Known columns per sheet; others are ignored (appearance,
// constraint_message, media, …). Those with languages take "::<lang>".
var (
	surveyCols   = []string{"type", "name", "label", "hint", "required", "relevant", "show_if", "constraint", "parameters", "handles", "profile", "retired", "appearance", "extra"}
	choicesCols  = []string{"list_name", "name", "label", "retired", "extra"}
	settingsCols = []string{"form_id", "title", "description", "opens_at", "closes_at", "privacy_notice_url", "privacy_notice_version", "retention_days", "remind_after_days", "form_title", "default_language", "extra"}
	textCols     = map[string]bool{"label": true, "hint": true, "title": true, "description": true}
)

// readHeads indexes the known columns of each sheet: a language column
// in a language the system does not carry, or a column twice, is a
// problem; a text column without language ("label") is in the default
// language (settings' default_language, else German).
func (form *Form) readHeads(ps *problems, def string) {
	for _, s := range []*sheet{form.survey, form.choices, form.settings} {
		if s == nil {
			continue
		}
		known := surveyCols
		switch s {
		case form.choices:
			known = choicesCols
		case form.settings:
			known = settingsCols
		}
		headRow := s.headRow
		for i := range s.heads {
			h := &s.heads[i]
			if !slices.Contains(known, h.base) {
				h.base = "" // ignored
				continue
			}
			if textCols[h.base] {
				if h.lang == "" {
					h.lang = def
				}
				if !i18n.IsContentLanguage(h.lang) {
					ps.add(place{sheet: s.name, row: headRow, col: i + 1, head: h.text}, "language", "xlsform.language", clip(h.text), strings.Join(i18n.ContentLanguages, ", "))
					h.base = ""
					continue
				}
			} else {
				h.lang = ""
			}
			key := h.base + "::" + h.lang
			if _, dup := s.cols[key]; dup {
				ps.add(place{sheet: s.name, row: headRow, col: i + 1, head: h.text}, "duplicate", "xlsform.duplicate_column", clip(h.text))
				h.base = ""
				continue
			}
			s.cols[key] = i
		}
	}
}

// readSettings reads the settings sheet's first row (before the other
// sheets' headers: its default_language names their plain columns) and
// returns the default language.
func (form *Form) readSettings(ps *problems) string {
	s := form.settings
	def := i18n.Default
	if s == nil || len(s.rows) == 0 {
		return def
	}
	// The headers are not indexed yet: look for default_language itself.
	for i, h := range s.heads {
		if h.base == "default_language" {
			if r := s.rows[0]; i < len(r.cells) && strings.TrimSpace(r.cells[i]) != "" {
				code := langCode(r.cells[i])
				if i18n.IsContentLanguage(code) {
					def = code
				} else {
					ps.add(place{sheet: s.name, row: r.n, col: i + 1, head: h.text}, "language", "xlsform.language", clip(r.cells[i]), strings.Join(i18n.ContentLanguages, ", "))
				}
			}
		}
	}
	return def
}

// readSettingsRow fills the settings from the settings sheet's first row.
func (form *Form) readSettingsRow(ps *problems) {
	s := form.settings
	if s == nil || len(s.rows) == 0 {
		return
	}
	r := s.rows[0]
	form.settingsRow = r.n
	set := &form.Settings
	// KoboToolbox's and ODK's form ids have capitals and underscores,
	// ours neither: the same id in our letters (ours stay as they are).
	set.ID = strings.NewReplacer("_", "-", " ", "-", ".", "-").Replace(strings.ToLower(strings.TrimSpace(s.get(r, "form_id", ""))))
	set.Title = s.texts(r, "title")
	// XLSForm's form_title: the title in the default language, unless a
	// title::<lang> column gives that.
	if t := s.get(r, "form_title", ""); t != "" && set.Title[form.lang] == "" {
		if set.Title == nil {
			set.Title = survey.Text{}
		}
		set.Title[form.lang] = t
	}
	set.Description = s.texts(r, "description")
	for _, c := range []struct {
		col string
		dst **time.Time
	}{{"opens_at", &set.OpensAt}, {"closes_at", &set.ClosesAt}} {
		v := strings.TrimSpace(s.get(r, c.col, ""))
		if v == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			ps.add(s.at(r.n, c.col, ""), "time", "xlsform.time", clip(v))
			continue
		}
		*c.dst = &t
	}
	url, version := strings.TrimSpace(s.get(r, "privacy_notice_url", "")), strings.TrimSpace(s.get(r, "privacy_notice_version", ""))
	if url != "" || version != "" {
		set.PrivacyNotice = &notice.Notice{URL: url, Version: version}
	}
	if v := strings.TrimSpace(s.get(r, "retention_days", "")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			ps.add(s.at(r.n, "retention_days", ""), "number", "xlsform.whole", clip(v))
		}
		set.RetentionDays = n
	}
	extraCell(ps, s, r, set, settingCols)
	if v := strings.TrimSpace(s.get(r, "remind_after_days", "")); v != "" {
		for _, part := range strings.FieldsFunc(v, func(c rune) bool { return c == ',' || c == ';' || c == ' ' }) {
			n, err := strconv.Atoi(part)
			if err != nil {
				ps.add(s.at(r.n, "remind_after_days", ""), "number", "xlsform.whole", clip(part))
				break
			}
			set.RemindAfterDays = append(set.RemindAfterDays, n)
		}
	}
}

// list is one list of the choices sheet: its options and their rows.
type list struct {
	options []survey.Option
	rows    []int
}

func (form *Form) readChoices(ps *problems) map[string]*list {
	lists := map[string]*list{}
	s := form.choices
	if s == nil {
		return lists
	}
	if s.col("list_name", "") < 0 && len(s.rows) > 0 {
		ps.add(place{sheet: s.name, head: "list_name"}, "required", "xlsform.no_column", "list_name")
		return lists
	}
	for _, r := range s.rows {
		name := strings.TrimSpace(s.get(r, "list_name", ""))
		if name == "" {
			ps.add(s.at(r.n, "list_name", ""), "required", "xlsform.list_name_missing")
			continue
		}
		l := lists[name]
		if l == nil {
			l = &list{}
			lists[name] = l
		}
		o := survey.Option{Code: strings.TrimSpace(s.get(r, "name", "")), Label: s.texts(r, "label"), Retired: form.flag(ps, s, r, "retired")}
		extraCell(ps, s, r, &o, optionCols)
		l.options = append(l.options, o)
		l.rows = append(l.rows, r.n)
	}
	return lists
}

// xlsType is a question type as the survey sheet names it: its entry
// in the table of question types, and whether the name says whole numbers
// (integer).
type xlsType struct {
	kind  *survey.Kind
	whole bool
}

// xlsTypes are the survey sheet's question types by name, from the table
// of question types (Kind.XLSForm…); those with options take a list
// after the name.
func xlsTypes() map[string]xlsType {
	out := map[string]xlsType{}
	for _, k := range survey.Kinds() {
		k := k
		if k.XLSForm == "" {
			continue
		}
		out[k.XLSForm] = xlsType{kind: &k}
		if k.XLSFormWhole != "" {
			out[k.XLSFormWhole] = xlsType{kind: &k, whole: true}
		}
		for _, n := range k.XLSFormAlso {
			out[n] = xlsType{kind: &k}
		}
	}
	return out
}

// supportedTypes is the list that problems name: the table's spelling,
// in its order, then the groups.
func supportedTypes() string {
	var names []string
	for _, k := range survey.Kinds() {
		switch {
		case k.XLSForm == "":
		case k.Options:
			names = append(names, k.XLSForm+" <list>")
		case k.XLSFormWhole != "":
			names = append(names, k.XLSFormWhole, k.XLSForm)
		default:
			names = append(names, k.XLSForm)
		}
	}
	return strings.Join(append(names, "begin_group", "end_group"), ", ")
}

// multiline is the type of XLSForm's text with appearance multiline: the
// table's type asked with a text area.
func multiline() survey.QuestionType {
	for _, k := range survey.Kinds() {
		if k.Control == survey.ControlTextarea && k.XLSForm != "" {
			return k.Type
		}
	}
	return ""
}

// metadata are XLSForm's types that record the device or the time of
// filling in (KoboToolbox puts start and end in every new form): they
// ask nothing, and a survey page has nothing of theirs to record. Skipped.
var metadata = map[string]bool{
	"start": true, "end": true, "today": true, "deviceid": true, "subscriberid": true, "simserial": true,
	"phonenumber": true, "username": true, "audit": true, "start-geopoint": true, "background-audio": true,
}

func (form *Form) readSurvey(ps *problems, lists map[string]*list) {
	s := form.survey
	set := &form.Settings
	if s.col("type", "") < 0 {
		ps.add(place{sheet: s.name, head: "type"}, "required", "xlsform.no_column", "type")
		return
	}
	if s.col("name", "") < 0 {
		ps.add(place{sheet: s.name, head: "name"}, "required", "xlsform.no_column", "name")
		return
	}
	xtypes, supported := xlsTypes(), supportedTypes()
	group, groupRow := -1, 0 // the open group's section, and its row
	sectionOf := map[string]int{}
	for _, r := range s.rows {
		typ := typeName(s.get(r, "type", ""))
		name := strings.TrimSpace(s.get(r, "name", ""))
		showIf, fromJSON := form.condition(ps, s, r)
		switch typ {
		case "begin_group", "begin group":
			if group >= 0 {
				ps.add(s.at(r.n, "type", ""), "nested", "xlsform.group_nested", groupRow)
				continue
			}
			if i, ok := sectionOf[name]; ok && name != "" {
				group = i // the section goes on (Write splits one that questions interleave)
			} else {
				sectionOf[name] = len(set.Sections)
				group = len(set.Sections)
				sec := survey.Section{ID: name, Title: s.texts(r, "label"), ShowIf: showIf}
				extraCell(ps, s, r, &sec, sectionCols)
				set.Sections = append(set.Sections, sec)
				form.sectionRows = append(form.sectionRows, r.n)
				form.sectionShowIf = append(form.sectionShowIf, fromJSON)
			}
			groupRow = r.n
			continue
		case "end_group", "end group":
			if group < 0 {
				ps.add(s.at(r.n, "type", ""), "group", "xlsform.group_end")
			}
			group = -1
			continue
		case "":
			ps.add(s.at(r.n, "type", ""), "required", "xlsform.type_missing", supported)
			continue
		}
		if metadata[typ] {
			continue
		}
		q := survey.Question{ID: name, Label: s.texts(r, "label"), Help: s.texts(r, "hint"), ShowIf: showIf}
		if group >= 0 {
			q.Section = set.Sections[group].ID
		}
		base, listName, _ := strings.Cut(typ, " ")
		t, known := xtypes[base]
		var l *list
		switch {
		case known && t.kind.Options:
			q.Type = t.kind.Type
			switch {
			case listName == "":
				ps.add(s.at(r.n, "type", ""), "list", "xlsform.list_missing")
			case strings.Contains(listName, " "):
				ps.add(s.at(r.n, "type", ""), "type", "xlsform.type_unsupported", clip(typ), supported)
			case lists[listName] == nil:
				ps.add(s.at(r.n, "type", ""), "list", "xlsform.list_unknown", clip(listName))
			default:
				l = lists[listName]
				q.Options = slices.Clone(l.options)
			}
		case known && listName == "":
			q.Type, q.Integer = t.kind.Type, t.whole
			if typ == "text" && strings.Contains(strings.ToLower(s.get(r, "appearance", "")), "multiline") {
				q.Type = multiline() // KoboToolbox's and ODK's long text
			}
		default:
			ps.add(s.at(r.n, "type", ""), "type", "xlsform.type_unsupported", clip(typ), supported)
			continue
		}
		q.Required = form.flag(ps, s, r, "required")
		q.Handles = form.flag(ps, s, r, "handles")
		q.Profile = survey.Profile(strings.TrimSpace(s.get(r, "profile", "")))
		q.Retired = form.flag(ps, s, r, "retired")
		if v := strings.TrimSpace(s.get(r, "constraint", "")); v != "" {
			if rs, ok := parseConstraint(v); ok {
				q.Min, q.Max, q.MaxLength = rs.min, rs.max, rs.maxLength
			} else {
				ps.add(s.at(r.n, "constraint", ""), "constraint", "xlsform.constraint", clip(v))
			}
		}
		if v := strings.TrimSpace(s.get(r, "parameters", "")); v != "" && q.Kind().WholeBounds {
			if rs, ok := parseParameters(v); ok {
				if rs.min != nil {
					q.Min = rs.min
				}
				if rs.max != nil {
					q.Max = rs.max
				}
			} else {
				ps.add(s.at(r.n, "parameters", ""), "parameters", "xlsform.parameters", clip(v))
			}
		}
		extraCell(ps, s, r, &q, questionCols, "section")
		set.Questions = append(set.Questions, q)
		form.questionRows = append(form.questionRows, r.n)
		form.questionShowIf = append(form.questionShowIf, fromJSON)
		var optRows []int
		if l != nil {
			optRows = l.rows
		}
		form.optionRows = append(form.optionRows, optRows)
	}
	if group >= 0 {
		ps.add(s.at(groupRow, "type", ""), "group", "xlsform.group_open")
	}
	// XLSForm asks selected() of a question of one answer (a single
	// choice, yes or no) too: that is "in" here.
	one := map[string]bool{}
	for i := range set.Questions {
		q := &set.Questions[i]
		one[q.ID] = q.Kind().Value != survey.ShapeCodes
	}
	fix := func(s *survey.ShowIf) {
		if s == nil {
			return
		}
		for _, cs := range [][]survey.Condition{s.All, s.Any} {
			for i := range cs {
				if cs[i].Includes != nil && one[cs[i].Question] {
					cs[i].In, cs[i].Includes = cs[i].Includes, nil
				}
			}
		}
	}
	for i := range set.Sections {
		fix(set.Sections[i].ShowIf)
	}
	for i := range set.Questions {
		fix(set.Questions[i].ShowIf)
	}
}

// typeName reads a type cell: lower case, single spaces, and pyxform's
// older spellings ("select one", "select all that apply", "int") as
// today's.
func typeName(cell string) string {
	typ := strings.Join(strings.Fields(strings.ToLower(cell)), " ")
	for old, now := range map[string]string{"select one ": "select_one ", "select multiple ": "select_multiple ", "select all that apply ": "select_multiple "} {
		if rest, ok := strings.CutPrefix(typ, old); ok {
			typ = now + rest
			break
		}
	}
	for _, sel := range []string{"select_one ", "select_multiple "} {
		if rest, ok := strings.CutPrefix(typ, sel+"from "); ok && !strings.Contains(rest, " ") {
			return sel + rest // "select_one from yes_no", pyxform's oldest spelling
		}
	}
	if typ == "int" {
		return "integer"
	}
	return typ
}

// condition reads a row's relevant (or, written where the grammar cannot
// say it, show_if: JSON); fromJSON tells which.
func (form *Form) condition(ps *problems, s *sheet, r row) (c *survey.ShowIf, fromJSON bool) {
	rel, js := strings.TrimSpace(s.get(r, "relevant", "")), strings.TrimSpace(s.get(r, "show_if", ""))
	switch {
	case rel != "" && js != "":
		ps.add(s.at(r.n, "show_if", ""), "relevant", "xlsform.relevant_twice")
	case rel != "":
		c, ok := parseRelevant(rel)
		if !ok {
			ps.add(s.at(r.n, "relevant", ""), "relevant", "xlsform.relevant", clip(rel))
		}
		return c, false
	case js != "":
		c = &survey.ShowIf{}
		if err := strictJSON(js, c); err != nil {
			ps.add(s.at(r.n, "show_if", ""), "show_if", "xlsform.show_if")
			return nil, true
		}
		return c, true
	}
	return nil, false
}

// flag reads a yes/no column: yes, no, true, false, TRUE(), FALSE(), 1,
// 0 (a boolean cell), empty (no).
func (form *Form) flag(ps *problems, s *sheet, r row, col string) bool {
	v := strings.ToLower(strings.TrimSpace(s.get(r, col, "")))
	switch v {
	case "yes", "true", "true()", "1":
		return true
	case "", "no", "false", "false()", "0":
		return false
	}
	ps.add(s.at(r.n, col, ""), "boolean", "xlsform.boolean", clip(v))
	return false
}
