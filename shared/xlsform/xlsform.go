// Package xlsform reads and writes a survey definition as a workbook in
// the XLSForm subset of AUTHORING.md (docs/xlsform.md): sheets survey,
// choices and settings, texts per language in label::<lang> columns.
// Writing and reading again gives the same definition. It is linked
// into the admin function only (excelize is large).
package xlsform

import (
	"embed"
	"io"
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

//go:embed catalogue/*.json.gz
var catalogueFS embed.FS

// The workbook's problems, in the admin function only.
func init() {
	sub, _ := fs.Sub(catalogueFS, "catalogue")
	i18n.Extend(sub)
}

// ContentType is the media type of a workbook.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Write writes d as a workbook to w: sheets survey, choices and settings.
// A section is a group (begin_group … end_group; a section whose questions
// are not together is opened again under the same name); a condition is
// written in the relevant grammar, or as JSON in show_if where that
// grammar cannot say exactly the same.
func Write(w io.Writer, d *survey.Definition) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetSurvey); err != nil {
		return err
	}
	for _, name := range []string{sheetChoices, sheetSettings} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	for _, s := range []struct {
		name string
		rows [][]string
	}{{sheetSurvey, surveyRows(d)}, {sheetChoices, choiceRows(d)}, {sheetSettings, settingsRows(d)}} {
		if err := writeSheet(f, s.name, s.rows); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// writeSheet writes rows (the first the header, frozen) as text cells
// (inline strings, streamed; an empty one is no cell).
func writeSheet(f *excelize.File, name string, rows [][]string) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if len(rows) > 0 {
		for j, h := range rows[0] {
			width := 16.0
			switch {
			case h == "type" || h == "name" || h == "list_name":
				width = 24
			case strings.Contains(h, "::"):
				width = 40
			case h == "relevant" || h == "show_if" || h == "constraint" || h == "extra":
				width = 32
			}
			if err := sw.SetColWidth(j+1, j+1, width); err != nil {
				return err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	vals := []any{}
	for i, r := range rows {
		vals = vals[:0]
		for j, v := range r {
			if utf16Len(v) > maxCellChars {
				// Spreadsheets cut such a text; a download must not.
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				return apperr.New(apperr.Conflict, "xlsform.cell_too_long", name, cell, maxCellChars)
			}
			if v == "" {
				vals = append(vals, nil) // no cell: a smaller sheet, read faster
			} else {
				vals = append(vals, v)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// maxCellChars is the most a cell holds (Excel's limit, in UTF-16
// units).
const maxCellChars = 32767

func utf16Len(s string) int {
	if len(s) <= maxCellChars/2 {
		return len(s) // fewer bytes than half the limit: fewer units too
	}
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// langs are the languages of texts, the system's in its order, then any
// other (a definition that failed its checks) sorted.
func langs(texts ...survey.Text) []string {
	seen := map[string]bool{}
	for _, t := range texts {
		for l, v := range t {
			if v != "" {
				seen[l] = true
			}
		}
	}
	var out, other []string
	for _, l := range i18n.Supported {
		if seen[l] {
			out = append(out, l)
			delete(seen, l)
		}
	}
	for l := range seen {
		other = append(other, l)
	}
	sort.Strings(other)
	return append(out, other...)
}

// withDefault puts German first whether or not any text has it: the
// column a coordinator fills first.
func withDefault(l []string) []string {
	if slices.Contains(l, i18n.Default) {
		return l
	}
	return append([]string{i18n.Default}, l...)
}

// listNames names each choice question's list: its id (another name when
// two questions share an id, which the checks refuse anyway).
func listNames(d *survey.Definition) map[int]string {
	names := map[int]string{}
	used := map[string]bool{}
	for i, q := range d.Questions {
		if !q.Kind().Options && len(q.Options) == 0 {
			continue
		}
		name := q.ID
		if name == "" || used[name] || containsSpace(name) {
			name = "list" + strconv.Itoa(i+1)
		}
		used[name] = true
		names[i] = name
	}
	return names
}

func containsSpace(s string) bool { return strings.ContainsAny(s, " \t\n") }

func surveyRows(d *survey.Definition) [][]string {
	var labels, hints []survey.Text
	var needShowIf, needConstraint, needParameters, needHandles, needProfile, needRetired, needExtra bool
	section := map[string]int{}
	for i, s := range d.Sections {
		if _, ok := section[s.ID]; !ok {
			section[s.ID] = i
		}
		labels = append(labels, s.Title)
		if _, js := formatRelevant(s.ShowIf); js != "" {
			needShowIf = true
		}
		needExtra = needExtra || extraOf(s, sectionCols, nil) != ""
	}
	// A question of a section the definition no longer has (a retired
	// one) stands outside the groups; its section goes in extra.
	sectionOf := func(q *survey.Question) (string, map[string]any) {
		if _, ok := section[q.Section]; ok || q.Section == "" {
			return q.Section, nil
		}
		return "", map[string]any{"section": q.Section}
	}
	for i := range d.Questions {
		q := &d.Questions[i]
		labels, hints = append(labels, q.Label), append(hints, q.Help)
		if _, js := formatRelevant(q.ShowIf); js != "" {
			needShowIf = true
		}
		_, add := sectionOf(q)
		needExtra = needExtra || extraOf(q, questionCols, add) != ""
		needConstraint = needConstraint || questionConstraint(q) != ""
		needParameters = needParameters || q.Kind().WholeBounds
		needHandles = needHandles || q.Handles
		needProfile = needProfile || q.Profile != ""
		needRetired = needRetired || q.Retired
	}
	labelLangs, hintLangs := withDefault(langs(labels...)), langs(hints...)
	head := []string{"type", "name"}
	for _, l := range labelLangs {
		head = append(head, "label::"+l)
	}
	for _, l := range hintLangs {
		head = append(head, "hint::"+l)
	}
	head = append(head, "required", "relevant")
	optional := []struct {
		need bool
		name string
	}{{needShowIf, "show_if"}, {needConstraint, "constraint"}, {needParameters, "parameters"}, {needHandles, "handles"}, {needProfile, "profile"}, {needRetired, "retired"}, {needExtra, "extra"}}
	for _, o := range optional {
		if o.need {
			head = append(head, o.name)
		}
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	rows := [][]string{head}
	newRow := func() []string { return make([]string, len(head)) }
	setTexts := func(r []string, base string, t survey.Text) {
		for l, v := range t {
			if i, ok := col[base+"::"+l]; ok {
				r[i] = v
			}
		}
	}
	setCond := func(r []string, s *survey.ShowIf) {
		rel, js := formatRelevant(s)
		r[col["relevant"]] = rel
		if js != "" {
			r[col["show_if"]] = js
		}
	}
	setExtra := func(r []string, v any, cols []string, add map[string]any) {
		if e := extraOf(v, cols, add); e != "" {
			r[col["extra"]] = e
		}
	}
	opened := map[string]bool{}
	next := 0 // sections before next have been opened once
	begin := func(i int) {
		s := d.Sections[i]
		r := newRow()
		r[col["type"]], r[col["name"]] = "begin_group", s.ID
		setTexts(r, "label", s.Title)
		setCond(r, s.ShowIf)
		setExtra(r, s, sectionCols, nil)
		rows = append(rows, r)
		opened[s.ID] = true
	}
	end := func() {
		r := newRow()
		r[col["type"]] = "end_group"
		rows = append(rows, r)
	}
	// openUpTo opens, empty, the sections before i not yet opened: the
	// sections' order is their first group's.
	openUpTo := func(i int) {
		for ; next < i; next++ {
			if !opened[d.Sections[next].ID] {
				begin(next)
				end()
			}
		}
	}
	lists := listNames(d)
	current := ""
	for i := range d.Questions {
		q := &d.Questions[i]
		sec, add := sectionOf(q)
		if sec != current {
			if current != "" {
				end()
			}
			current = sec
			if current != "" {
				si := section[current]
				openUpTo(si)
				begin(si)
				next = max(next, si+1)
			}
		}
		r := newRow()
		r[col["type"]] = questionType(q, lists[i])
		r[col["name"]] = q.ID
		setTexts(r, "label", q.Label)
		setTexts(r, "hint", q.Help)
		if q.Required {
			r[col["required"]] = "yes"
		}
		setCond(r, q.ShowIf)
		if c := questionConstraint(q); c != "" {
			r[col["constraint"]] = c
		}
		if q.Kind().WholeBounds {
			r[col["parameters"]] = formatParameters(q)
		}
		if q.Handles {
			r[col["handles"]] = "yes"
		}
		if q.Profile != "" {
			r[col["profile"]] = string(q.Profile)
		}
		if q.Retired {
			r[col["retired"]] = "yes"
		}
		setExtra(r, q, questionCols, add)
		rows = append(rows, r)
	}
	if current != "" {
		end()
	}
	openUpTo(len(d.Sections))
	return rows
}

// questionType is the survey sheet's type of q: its name in the table of
// question types, the whole-number name of a question that takes whole
// numbers, a choice's list after the name (a type the table lacks, in a
// definition that failed its checks: as it is).
func questionType(q *survey.Question, list string) string {
	k, ok := survey.KindOf(q.Type)
	switch {
	case !ok || k.XLSForm == "":
		return string(q.Type)
	case k.Options:
		return k.XLSForm + " " + list
	case q.Integer && k.XLSFormWhole != "":
		return k.XLSFormWhole
	}
	return k.XLSForm
}

// questionConstraint is q's constraint: its bounds, but a scale's (those
// are its parameters), and its maximum length.
func questionConstraint(q *survey.Question) string {
	if q.Kind().WholeBounds {
		r := *q
		r.Min, r.Max = nil, nil
		return formatConstraint(&r)
	}
	return formatConstraint(q)
}

func choiceRows(d *survey.Definition) [][]string {
	var labels []survey.Text
	needRetired, needExtra := false, false
	for _, q := range d.Questions {
		for _, o := range q.Options {
			labels = append(labels, o.Label)
			needRetired = needRetired || o.Retired
			needExtra = needExtra || extraOf(o, optionCols, nil) != ""
		}
	}
	ls := withDefault(langs(labels...))
	head := []string{"list_name", "name"}
	for _, l := range ls {
		head = append(head, "label::"+l)
	}
	if needRetired {
		head = append(head, "retired")
	}
	if needExtra {
		head = append(head, "extra")
	}
	rows := [][]string{head}
	lists := listNames(d)
	for i, q := range d.Questions {
		for _, o := range q.Options {
			r := []string{lists[i], o.Code}
			for _, l := range ls {
				r = append(r, o.Label[l])
			}
			if needRetired {
				r = append(r, map[bool]string{true: "yes"}[o.Retired])
			}
			if needExtra {
				r = append(r, extraOf(o, optionCols, nil))
			}
			rows = append(rows, r)
		}
	}
	return rows
}

func settingsRows(d *survey.Definition) [][]string {
	tl, dl := withDefault(langs(d.Title)), withDefault(langs(d.Description))
	head := []string{"form_id"}
	r := []string{d.ID}
	for _, l := range tl {
		head, r = append(head, "title::"+l), append(r, d.Title[l])
	}
	for _, l := range dl {
		head, r = append(head, "description::"+l), append(r, d.Description[l])
	}
	timeText := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format(time.RFC3339Nano)
	}
	var url, version, retention, remind string
	if d.PrivacyNotice != nil {
		url, version = d.PrivacyNotice.URL, d.PrivacyNotice.Version
	}
	if d.RetentionDays != 0 {
		retention = strconv.Itoa(d.RetentionDays)
	}
	for i, n := range d.RemindAfterDays {
		if i > 0 {
			remind += ","
		}
		remind += strconv.Itoa(n)
	}
	head = append(head, "opens_at", "closes_at", "privacy_notice_url", "privacy_notice_version", "retention_days", "remind_after_days")
	r = append(r, timeText(d.OpensAt), timeText(d.ClosesAt), url, version, retention, remind)
	if e := extraOf(d.Settings, settingCols, nil); e != "" {
		head, r = append(head, "extra"), append(r, e)
	}
	return [][]string{head, r}
}
