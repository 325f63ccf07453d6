// Package export writes CSV for coordinators: by default for German Excel
// (UTF-8 with BOM, ';', CRLF), or RFC 4180 (',', no BOM). Every cell that
// a spreadsheet would read as a formula is neutralised.
package export

import (
	"encoding/csv"
	"io"
	"strings"

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

// Writer is the one CSV writer of the project.
type Writer struct {
	csv *csv.Writer
	row []string
}

// NewWriter starts a CSV document on w.
func NewWriter(w io.Writer, d Dialect) (*Writer, error) {
	if d.BOM {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return nil, err
		}
	}
	c := csv.NewWriter(w)
	c.Comma = d.Comma
	c.UseCRLF = true
	return &Writer{csv: c}, nil
}

// Write writes one row, neutralising every cell.
func (w *Writer) Write(cells []string) error {
	w.row = w.row[:0]
	for _, c := range cells {
		w.row = append(w.row, Neutralise(c))
	}
	return w.csv.Write(w.row)
}

// Flush writes buffered rows to the underlying writer.
func (w *Writer) Flush() error {
	w.csv.Flush()
	return w.csv.Error()
}

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
