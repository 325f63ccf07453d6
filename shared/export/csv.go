// Package export writes CSV for coordinators: by default for German Excel
// (UTF-8 with BOM, ';', CRLF), or RFC 4180 (',', no BOM). Every text cell
// that a spreadsheet would read as a formula is neutralised. Read as its
// own dialect (its separator), a file gives back every cell exactly, line
// breaks included. Read with the other dialect's separator, cells can
// split, and a part of a cell can then start with =: quoting cannot
// prevent that; the XLSX export has typed cells and no such reading.
package export

import (
	"bufio"
	"io"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
)

// Dialect is a CSV flavour.
type Dialect struct {
	Name  string
	Comma rune
	BOM   bool
	// DecimalComma writes 12,5 instead of 12.5 (German spreadsheets).
	DecimalComma bool
}

var (
	Excel   = Dialect{Name: "excel", Comma: ';', BOM: true, DecimalComma: true}
	RFC4180 = Dialect{Name: "rfc4180", Comma: ','}
)

// DialectOf reads ?dialect=: empty or "excel" for German Excel, "rfc4180".
func DialectOf(q string) (Dialect, error) {
	switch q {
	case "", "excel":
		return Excel, nil
	case "rfc4180":
		return RFC4180, nil
	}
	return Dialect{}, apperr.New(apperr.BadRequest, "bad_dialect")
}

// Cell is one cell of a row: text, a number or a time. Value is what CSV
// writes (a number already formatted for the dialect, a time in the
// office's zone); XLSX writes Float and Time as typed cells. Only text can
// become a formula, so only text is guarded.
type Cell struct {
	Value  string
	Number bool
	Float  float64
	Time   time.Time
	// Day: Time is a day (a date answer), without a time of day.
	Day bool
}

// Text is a text cell.
func Text(s string) Cell { return Cell{Value: s} }

// Date is a date answer's cell: in CSV as written (YYYY-MM-DD), in
// XLSX a date cell (sorted and filtered as dates); anything that is no
// day stays text.
func Date(s string) Cell {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) || t.Year() < 1900 {
		// Excel counts days from 1900: an earlier day (an association's
		// founding in 1850) is written as the text it is.
		return Text(s)
	}
	return Cell{Value: s, Time: t, Day: true}
}

// Number is a number cell: f, written s in CSV (formatted for the dialect).
func Number(s string, f float64) Cell { return Cell{Value: s, Number: true, Float: f} }

// Writer is the one CSV writer of the project. It writes every byte of a
// text as given (CR included, which encoding/csv drops with CRLF line ends),
// and quotes every cell that holds either dialect's separator, a quote, a
// line break (CR, LF or CRLF) or a space at either end: read as its own
// dialect, every cell comes back exactly (encoding/csv; LibreOffice Calc
// keeps each line break inside its cell, as LF).
type Writer struct {
	w   *bufio.Writer
	sep byte
}

// NewWriter starts a CSV document on w.
func NewWriter(w io.Writer, d Dialect) (*Writer, error) {
	bw := bufio.NewWriterSize(w, 32<<10)
	if d.BOM {
		if _, err := bw.WriteString("\ufeff"); err != nil {
			return nil, err
		}
	}
	return &Writer{w: bw, sep: byte(d.Comma)}, nil
}

// Write writes one row, neutralising text cells.
func (w *Writer) Write(cells []Cell) error {
	for i, c := range cells {
		if i > 0 {
			w.w.WriteByte(w.sep)
		}
		v := c.Value
		if !c.Number {
			v = Neutralise(v)
		}
		// NUL ends strings in some readers: it never goes out raw.
		v = strings.ReplaceAll(v, "\x00", "\uFFFD")
		if strings.ContainsAny(v, "\";,\r\n") || strings.HasPrefix(v, " ") || strings.HasSuffix(v, " ") {
			w.w.WriteByte('"')
			w.w.WriteString(strings.ReplaceAll(v, `"`, `""`))
			w.w.WriteByte('"')
		} else {
			w.w.WriteString(v)
		}
	}
	_, err := w.w.WriteString("\r\n")
	return err
}

// Flush writes buffered rows to the underlying writer.
func (w *Writer) Flush() error { return w.w.Flush() }

// Neutralise makes a cell that starts — also after leading spaces — with
// =, +, -, @, tab or carriage return read as text in spreadsheets, by
// prefixing an apostrophe (OWASP's advice against CSV injection). Other
// cells pass unchanged, in every script.
func Neutralise(s string) string {
	t := strings.TrimLeft(s, " ")
	if t == "" {
		return s
	}
	switch t[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
