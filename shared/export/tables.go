package export

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Options shape an export.
type Options struct {
	Dialect Dialect
	Labels  bool // header row with human labels instead of stable codes
	// Words writes answers in words in Lang: an option's label, yes and
	// no, a registration's status, a language's name, "not asked". Without
	// it, answers are their codes (0/1 for yes and no).
	Words bool
	Lang  string // language of labels and words
	Zone  *time.Location
	// XLSX writes a workbook instead of CSV (Dialect is then unused).
	XLSX bool
}

// NotAsked is the cell, with codes, of a question that a response was not
// asked (its conditions did not hold): an empty cell is a question asked
// and not answered. With words it is the catalogue's export.not_asked.
const NotAsked = "not_asked"

// ValuesOf reads ?values=: "labels" (answers in words), "codes", or empty
// for the export's default (words: XLSX and the Excel CSV; codes: the
// RFC 4180 CSV).
func ValuesOf(q string, words bool) (bool, error) {
	switch q {
	case "":
		return words, nil
	case "labels":
		return true, nil
	case "codes":
		return false, nil
	}
	return false, apperr.New(apperr.BadRequest, "bad_values")
}

// Table writes a header and rows as o asks: CSV in o's dialect, or an
// XLSX workbook whose first sheet is named sheet, with more sheets after.
// A workbook in words gets, as its second sheet, the same rows in codes
// (stable columns for formulas and scripts).
func Table[T any](w io.Writer, o Options, sheet string, head func(Options) []Cell, each func(func([]T) error) error, row func([]Cell, T, Options) []Cell, more ...Sheet) error {
	rows := func(o Options) func([]Cell, T) []Cell {
		return func(cells []Cell, v T) []Cell { return row(cells, v, o) }
	}
	if !o.XLSX {
		return CSV(w, o.Dialect, head(o), each, rows(o))
	}
	var twin *Twin[T]
	if o.Words {
		c := o
		c.Words, c.Labels = false, false
		twin = &Twin[T]{Name: i18n.T(o.Lang, "export.sheet_codes"), Head: head(c), Row: rows(c)}
	}
	return XLSX(w, sheet, head(o), each, rows(o), twin, more...)
}

// QuestionSheet lists a survey's questions and their options, with the
// column codes of the answers' sheet: what the codes mean.
func QuestionSheet(d *survey.Definition, o Options) Sheet {
	rows := [][]Cell{header([]string{i18n.T(o.Lang, "export.column"), i18n.T(o.Lang, "export.question"),
		i18n.T(o.Lang, "export.type"), i18n.T(o.Lang, "export.option")})}
	for _, q := range exportOrder(d) {
		rows = append(rows, []Cell{Text(q.ID), Text(q.Label.In(o.Lang)), Text(string(q.Type)), Text("")})
		for _, opt := range q.Options {
			rows = append(rows, []Cell{Text(q.ID + "." + opt.Code), Text(q.Label.In(o.Lang)), Text(string(q.Type)), Text(opt.Label.In(o.Lang))})
		}
	}
	rows = append(rows, []Cell{Text(NotAsked), Text(i18n.T(o.Lang, "export.not_asked_hint")), Text(""), Text("")})
	return Sheet{Name: i18n.T(o.Lang, "export.sheet_questions"), Rows: rows}
}

func (o Options) label(code string) string {
	if !o.Labels {
		return code
	}
	return i18n.T(o.Lang, "export."+code)
}

func (o Options) time(t time.Time) Cell {
	if t.IsZero() {
		return Text("")
	}
	t = t.In(o.Zone)
	return Cell{Value: t.Format("2006-01-02 15:04:05"), Time: t}
}

// bool is yes or no: the words in Lang, or 1 and 0.
func (o Options) bool(b bool) Cell {
	if o.Words {
		if b {
			return Text(i18n.T(o.Lang, "page.yes"))
		}
		return Text(i18n.T(o.Lang, "page.no"))
	}
	if b {
		return Number("1", 1)
	}
	return Number("0", 0)
}

// notAsked is the cell of a question not asked.
func (o Options) notAsked() Cell {
	if o.Words {
		return Text(i18n.T(o.Lang, "export.not_asked"))
	}
	return Text(NotAsked)
}

// language is a language's code, or its name in words.
func (o Options) language(code string) Cell {
	if o.Words && code != "" {
		return Text(i18n.Name(code))
	}
	return Text(code)
}

// number writes an answer's number; anything else (unanswered) is empty.
func (o Options) number(v any) Cell {
	n, ok := v.(float64)
	if !ok {
		return Text("")
	}
	s := strconv.FormatFloat(n, 'f', -1, 64)
	if o.Dialect.DecimalComma {
		s = strings.Replace(s, ".", ",", 1)
	}
	return Number(s, n)
}

func header(labels []string) []Cell {
	h := make([]Cell, len(labels))
	for i, l := range labels {
		h[i] = Text(l)
	}
	return h
}

var responseFixed = []string{"responseId", "submittedAt", "language", "invitationId"}
var responseConsent = []string{"consent.privacy", "consent.publishProfile", "consent.contactForMeetings", "consent.notice"}

// ResponseHeader is the header row of a responses export: fixed columns,
// one column per question, one 0/1 column per option of a multiple-choice
// question (`<question>.<option>`), then the consents.
func ResponseHeader(d *survey.Definition, o Options) []Cell {
	var h []string
	for _, c := range responseFixed {
		h = append(h, o.label(c))
	}
	for _, q := range exportOrder(d) {
		if q.Kind().Value == survey.ShapeCodes {
			for _, opt := range q.Options {
				if o.Labels {
					h = append(h, q.Label.In(o.Lang)+": "+opt.Label.In(o.Lang))
				} else {
					h = append(h, q.ID+"."+opt.Code)
				}
			}
			continue
		}
		if o.Labels {
			h = append(h, q.Label.In(o.Lang))
		} else {
			h = append(h, q.ID)
		}
	}
	for _, c := range responseConsent {
		h = append(h, o.label(c))
	}
	return header(h)
}

// ResponseRow is one response in the columns of ResponseHeader, appended
// to row (reused between rows). Answers have the shapes survey.Response
// documents: string, float64, bool or []string; each in the cell of its
// shape (survey.Kind.Value). A question the response was not asked (its
// conditions did not hold) is NotAsked in each of its cells; one asked
// and not answered is empty (a multiple choice's options too: no answer
// is not "none chosen").
func ResponseRow(row []Cell, d *survey.Definition, r *survey.Response, o Options) []Cell {
	row = append(row[:0], Text(r.ID), o.time(r.SubmittedAt), o.language(r.Language), Text(r.InvitationID))
	asked := d.Asked(r.Answers)
	for _, q := range exportOrder(d) {
		v := r.Answers[q.ID]
		k := q.Kind()
		// A retired question is asked no more: the answers given before
		// it was retired are kept, without one its cells stay empty (who
		// was asked it then is not known).
		if !asked[q.ID] && !q.Retired {
			n := 1
			if k.Value == survey.ShapeCodes {
				n = len(q.Options)
			}
			for range n {
				row = append(row, o.notAsked())
			}
			continue
		}
		switch k.Value {
		case survey.ShapeCodes:
			chosen, answered := v.([]string)
			for _, opt := range q.Options {
				if answered {
					row = append(row, o.bool(slices.Contains(chosen, opt.Code)))
				} else {
					row = append(row, Text(""))
				}
			}
		case survey.ShapeNumber:
			row = append(row, o.number(v))
		case survey.ShapeYesNo:
			if b, ok := v.(bool); ok {
				row = append(row, o.bool(b))
			} else {
				row = append(row, Text(""))
			}
		case survey.ShapeDate:
			s, _ := v.(string)
			row = append(row, Date(s))
		default: // text, and a single choice's code
			s, _ := v.(string)
			if o.Words && k.Options && s != "" {
				s = optionLabel(&q, s, o.Lang)
			}
			row = append(row, Text(s))
		}
	}
	privacy := r.Consent.Privacy != nil && *r.Consent.Privacy
	return append(row, o.bool(privacy), o.bool(r.Consent.PublishProfile), o.bool(r.Consent.ContactForMeetings), Text(r.NoticeVersion))
}

// exportOrder is the order of a survey's columns: its questions, then
// the retired ones (removed after answers came: kept in exports); within
// a question its options, then its retired ones.
func exportOrder(d *survey.Definition) []survey.Question {
	if !slices.ContainsFunc(d.Questions, func(q survey.Question) bool {
		return q.Retired || slices.ContainsFunc(q.Options, func(o survey.Option) bool { return o.Retired })
	}) {
		return d.Questions
	}
	out := make([]survey.Question, 0, len(d.Questions))
	for _, retired := range []bool{false, true} {
		for _, q := range d.Questions {
			if q.Retired != retired {
				continue
			}
			opts := make([]survey.Option, 0, len(q.Options))
			for _, r := range []bool{false, true} {
				for _, o := range q.Options {
					if o.Retired == r {
						opts = append(opts, o)
					}
				}
			}
			q.Options = opts
			out = append(out, q)
		}
	}
	return out
}

// optionLabel is the label in lang of a choice's code (the code itself
// when the definition no longer has it).
func optionLabel(q *survey.Question, code, lang string) string {
	for _, opt := range q.Options {
		if opt.Code == code {
			return opt.Label.In(lang)
		}
	}
	return code
}

var registrationColumns = []string{"registrationId", "createdAt", "status", "waitlistPosition", "name", "email",
	"organisation", "role", "language", "needs.accessibility", "needs.interpretation", "needs.dietary",
	"consent.photos", "consent.notice", "invitationId", "topics"}

// RegistrationHeader is the header row of a registrations export: what a
// sign-in sheet and the catering need.
func RegistrationHeader(o Options) []Cell {
	h := make([]string, len(registrationColumns))
	for i, c := range registrationColumns {
		h[i] = o.label(c)
	}
	return header(h)
}

// RegistrationRow is one registration of m; position is its current
// waitlist place (0 when not waitlisted). Its topics are one cell: their
// labels in words, else their codes, separated by "; ".
func RegistrationRow(row []Cell, m *meeting.Meeting, r *meeting.Registration, position int, o Options) []Cell {
	pos := Text("")
	if position > 0 {
		pos = Number(strconv.Itoa(position), float64(position))
	}
	status, topics := string(r.Status), r.Topics
	if o.Words {
		status = i18n.T(o.Lang, "export.status_"+status)
		topics = meeting.TopicLabels(m, topics, o.Lang)
	}
	return append(row[:0], Text(r.ID), o.time(r.CreatedAt), Text(status), pos, Text(r.Name),
		Text(r.Email), Text(r.Organisation), Text(r.Role), o.language(r.Language), Text(r.Needs.Accessibility),
		Text(r.Needs.Interpretation), Text(r.Needs.Dietary), o.bool(r.Consent.Photos), Text(r.NoticeVersion), Text(r.InvitationID),
		Text(strings.Join(topics, "; ")))
}

// CSV writes a header and the rows that each yields, page by page, flushing
// after every page so that memory holds one page at a time.
func CSV[T any](w io.Writer, d Dialect, head []Cell, each func(func([]T) error) error, row func([]Cell, T) []Cell) error {
	cw, err := NewWriter(w, d)
	if err != nil {
		return err
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	var cells []Cell
	err = each(func(page []T) error {
		for _, v := range page {
			cells = row(cells, v)
			if err := cw.Write(cells); err != nil {
				return err
			}
		}
		return cw.Flush()
	})
	if err != nil {
		return err
	}
	return cw.Flush()
}
