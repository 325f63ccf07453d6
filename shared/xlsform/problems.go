package xlsform

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// A problem names its place in the field of its field error:
//
//	survey!E12   sheet survey, row 12, column E (a cell)
//	survey!12    sheet survey, row 12 (the row; the column it needs is missing)
//	survey       the sheet as a whole (missing, or a column missing)
//
// and in its message, in the caller's language: "Tabelle survey, Zeile 12,
// Spalte relevant: …" (the column by its header as written).

// place is where a problem is: a sheet, and a row and column in it (0:
// none).
type place struct {
	sheet string
	row   int
	col   int    // 1-based; 0: the row as a whole
	head  string // the column's header as written, or the name of a missing column
}

func (p place) field() string {
	switch {
	case p.row == 0:
		return p.sheet
	case p.col == 0:
		return p.sheet + "!" + strconv.Itoa(p.row)
	}
	name, _ := excelize.ColumnNumberToName(p.col)
	return p.sheet + "!" + name + strconv.Itoa(p.row)
}

// problems collects a workbook's problems in one language.
type problems struct {
	lang string
	list []apperr.FieldError
	rows map[string]bool // sheet!row that have a problem already
}

func newProblems(lang string) *problems {
	return &problems{lang: lang, rows: map[string]bool{}}
}

// add records a problem at p: code names the rule, key and args the
// catalogue message.
func (ps *problems) add(p place, code, key string, args ...any) {
	ps.addText(p, code, i18n.T(ps.lang, key, ps.isolate(args)...))
}

// addText records a problem at p whose message is already worded.
func (ps *problems) addText(p place, code, msg string) {
	l := ps.lang
	var text string
	switch {
	case p.row == 0 && p.head == "":
		text = i18n.T(l, "xlsform.at_sheet", i18n.Isolate(l, p.sheet), msg)
	case p.row == 0:
		text = i18n.T(l, "xlsform.at_column", i18n.Isolate(l, p.sheet), i18n.Isolate(l, p.head), msg)
	case p.head == "":
		text = i18n.T(l, "xlsform.at_row", i18n.Isolate(l, p.sheet), p.row, msg)
	default:
		text = i18n.T(l, "xlsform.at_cell", i18n.Isolate(l, p.sheet), p.row, i18n.Isolate(l, p.head), msg)
	}
	ps.list = append(ps.list, apperr.FieldError{Field: p.field(), Code: code, Message: text})
	ps.rows[p.sheet+"!"+strconv.Itoa(p.row)] = true
}

// isolate keeps cell contents (codes, expressions) in their own direction
// inside Arabic and Persian messages.
func (ps *problems) isolate(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if s, ok := a.(string); ok {
			out[i] = i18n.Isolate(ps.lang, s)
		} else {
			out[i] = a
		}
	}
	return out
}

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return apperr.Validation(ps.list)
}

// clip keeps cell contents short in messages.
func clip(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > 80 {
		return string(r[:77]) + "…"
	}
	return s
}

// pathPart splits a definition's field path: "questions[3].options[1].code"
// → ("questions", 3, "options[1].code").
var pathPart = regexp.MustCompile(`^([a-zA-Z]+)(?:\[(\d+)\])?\.?(.*)$`)

func splitPath(path string) (name string, index int, rest string) {
	m := pathPart.FindStringSubmatch(path)
	if m == nil {
		return path, -1, ""
	}
	index = -1
	if m[2] != "" {
		index, _ = strconv.Atoi(m[2])
	}
	return m[1], index, m[3]
}
