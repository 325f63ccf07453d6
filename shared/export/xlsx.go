package export

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sheet is a further sheet of a workbook, after the table: rows of cells,
// the first one a header.
type Sheet struct {
	Name string
	Rows [][]Cell
}

// Twin is a table's second sheet: the same rows in other columns (the
// codes beside the words), written in the same pass.
type Twin[T any] struct {
	Name string
	Head []Cell
	Row  func([]Cell, T) []Cell
}

// XLSX column widths, in characters.
const (
	minWidth = 17 // a date and time
	maxWidth = 40
)

// XLSX writes a workbook to w: the sheet name holds the table (head, then
// the rows each yields, page by page, through excelize's StreamWriter),
// its header row frozen and filterable (an Excel table), columns as wide
// as their header; the sheets of more follow. Cells are typed: numbers as
// numbers, times as dates in the zone they carry, everything else as a
// string. No cell is ever a formula (strings are inline strings, even
// "=1+1"), so XLSX needs no neutralising. A twin (nil: none) is the
// second sheet, its rows made from the same values in the same pass.
func XLSX[T any](w io.Writer, name string, head []Cell, each func(func([]T) error) error, row func([]Cell, T) []Cell, twin *Twin[T], more ...Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	// Every sheet exists, and the first is the active one, before any is
	// streamed: SetActiveSheet reads each worksheet, and a streamed one
	// still in the stream writer's buffer (under excelize's 16 MB chunk)
	// would be parsed whole into memory (400 MB for 10,000 answers).
	if twin != nil {
		if _, err := f.NewSheet(twin.Name); err != nil {
			return err
		}
	}
	for _, s := range more {
		if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	main, err := newTable(f, st, name, "Daten", head)
	if err != nil {
		return err
	}
	var second *table
	if twin != nil {
		if second, err = newTable(f, st, twin.Name, "Codes", twin.Head); err != nil {
			return err
		}
	}
	var cells, cells2 []Cell
	err = each(func(page []T) error {
		for _, v := range page {
			cells = row(cells, v)
			if err := main.add(cells); err != nil {
				return err
			}
			if second != nil {
				cells2 = twin.Row(cells2, v)
				if err := second.add(cells2); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := main.close(); err != nil {
		return err
	}
	if second != nil {
		if err := second.close(); err != nil {
			return err
		}
	}
	for _, s := range more {
		if err := writeSheet(f, st, s); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// table is a sheet streamed row by row: a header frozen and filterable
// (an Excel table named tableName), columns as wide as their header.
type table struct {
	sw      *excelize.StreamWriter
	st      styles
	name    string
	cols, n int
	values  []any
}

func newTable(f *excelize.File, st styles, sheet, name string, head []Cell) (*table, error) {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	head = uniqueHeader(head)
	for i, h := range head {
		width := float64(min(max(utf8.RuneCountInString(h.Value)+2, minWidth), maxWidth))
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetRow("A1", st.values(nil, head, st.header)); err != nil {
		return nil, err
	}
	return &table{sw: sw, st: st, name: name, cols: len(head), n: 1}, nil
}

func (t *table) add(cells []Cell) error {
	t.values = t.st.values(t.values, cells, 0)
	t.n++
	cell, _ := excelize.CoordinatesToCellName(1, t.n)
	return t.sw.SetRow(cell, t.values)
}

func (t *table) close() error {
	last, _ := excelize.CoordinatesToCellName(max(t.cols, 1), max(t.n, 2))
	stripes := false
	if err := t.sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: t.name, StyleName: "TableStyleLight1", ShowRowStripes: &stripes}); err != nil {
		return err
	}
	return t.sw.Flush()
}

type styles struct{ header, time, day int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return s, err
	}
	format := "yyyy-mm-dd hh:mm"
	if s.time, err = f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
		return s, err
	}
	day := "yyyy-mm-dd"
	s.day, err = f.NewStyle(&excelize.Style{CustomNumFmt: &day})
	return s, err
}

// values turns cells into the stream writer's typed values, reusing out.
func (st styles) values(out []any, cells []Cell, style int) []any {
	out = out[:0]
	for _, c := range cells {
		switch {
		case c.Day:
			out = append(out, excelize.Cell{StyleID: st.day, Value: c.Time})
		case !c.Time.IsZero():
			out = append(out, excelize.Cell{StyleID: st.time, Value: c.Time})
		case c.Number:
			out = append(out, excelize.Cell{StyleID: style, Value: c.Float})
		case c.Value == "":
			out = append(out, nil)
		default:
			out = append(out, excelize.Cell{StyleID: style, Value: c.Value})
		}
	}
	return out
}

// uniqueHeader makes header texts unique (an Excel table needs that):
// a repeated label gets " (2)", " (3)", …
func uniqueHeader(head []Cell) []Cell {
	seen := map[string]int{}
	out := make([]Cell, len(head))
	for i, h := range head {
		v := strings.TrimSpace(h.Value)
		if v == "" {
			v = fmt.Sprintf("%d", i+1)
		}
		seen[strings.ToLower(v)]++
		if k := seen[strings.ToLower(v)]; k > 1 {
			v = fmt.Sprintf("%s (%d)", v, k)
		}
		out[i] = Text(v)
	}
	return out
}

// writeSheet streams s into its sheet (made already, by XLSX).
func writeSheet(f *excelize.File, st styles, s Sheet) error {
	sw, err := f.NewStreamWriter(s.Name)
	if err != nil {
		return err
	}
	if len(s.Rows) > 0 {
		for i, h := range s.Rows[0] {
			width := float64(min(max(utf8.RuneCountInString(h.Value)+2, minWidth+6), maxWidth+20))
			if err := sw.SetColWidth(i+1, i+1, width); err != nil {
				return err
			}
		}
	}
	var values []any
	for i, r := range s.Rows {
		style := 0
		if i == 0 {
			style = st.header
		}
		values = st.values(values, r, style)
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, values); err != nil {
			return err
		}
	}
	return sw.Flush()
}
