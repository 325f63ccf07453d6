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
// "=1+1"), so XLSX needs no neutralising.
func XLSX[T any](w io.Writer, name string, head []Cell, each func(func([]T) error) error, row func([]Cell, T) []Cell, more ...Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head = uniqueHeader(head)
	for i, h := range head {
		width := float64(min(max(utf8.RuneCountInString(h.Value)+2, minWidth), maxWidth))
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	n := 1
	if err := sw.SetRow("A1", st.values(nil, head, st.header)); err != nil {
		return err
	}
	var cells []Cell
	var values []any
	err = each(func(page []T) error {
		for _, v := range page {
			cells = row(cells, v)
			values = st.values(values, cells, 0)
			n++
			cell, _ := excelize.CoordinatesToCellName(1, n)
			if err := sw.SetRow(cell, values); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(max(len(head), 1), max(n, 2))
	stripes := false
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: "Daten", StyleName: "TableStyleLight1", ShowRowStripes: &stripes}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	for _, s := range more {
		if err := writeSheet(f, st, s); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
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

func writeSheet(f *excelize.File, st styles, s Sheet) error {
	if _, err := f.NewSheet(s.Name); err != nil {
		return err
	}
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
