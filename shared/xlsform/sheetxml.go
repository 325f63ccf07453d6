package xlsform

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
)

// Reading a workbook: its parts straight from the zip with a scanner of
// our own (xmlscan.go), not excelize's rows, which walk every row up to
// the last one a sheet names (LibreOffice writes empty rows down to row
// 1048576: 0.7 s for a small form), decode every cell by reflection, and
// cannot tell a formula without a value from an empty cell.

// maxRow and maxCol are a worksheet's largest row and column (XFD).
const (
	maxRow = 1 << 20
	maxCol = 16384
)

var errNotWorkbook = errors.New("not a workbook")

// workbook is an opened workbook: its parts, its sheets in order (name
// and part), its shared strings.
type workbook struct {
	parts   map[string]*zip.File
	sheets  [][2]string
	strings []string
}

func notWorkbook() error { return apperr.New(apperr.BadRequest, "xlsform.not_workbook") }

// openWorkbook opens a workbook within the limits: the zip's parts are
// counted and their unpacked sizes summed before anything is unpacked
// (the zip reader then refuses a part larger than it claims).
func openWorkbook(body []byte) (*workbook, error) {
	if !bytes.HasPrefix(body, []byte("PK\x03\x04")) {
		return nil, notWorkbook()
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return nil, notWorkbook()
	}
	if len(zr.File) > maxParts {
		return nil, apperr.New(apperr.TooLarge, "xlsform.unzipped_too_large", maxUnzipped>>20)
	}
	wb := &workbook{parts: map[string]*zip.File{}}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > maxUnzipped {
			return nil, apperr.New(apperr.TooLarge, "xlsform.unzipped_too_large", maxUnzipped>>20)
		}
		wb.parts[strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/")] = f
	}
	main := "xl/workbook.xml"
	if rels, err := wb.rels("_rels/.rels", ""); err == nil {
		if t := rels["officeDocument"]; len(t) > 0 {
			main = t[0][1]
		}
	}
	b, err := wb.part(main)
	if err != nil {
		return nil, notWorkbook()
	}
	dir := path.Dir(main)
	rels, err := wb.rels(path.Join(dir, "_rels", path.Base(main)+".rels"), dir)
	if err != nil {
		return nil, notWorkbook()
	}
	targets := map[string]string{}
	for _, kind := range []string{"worksheet", "sharedStrings"} {
		for _, r := range rels[kind] {
			targets[r[0]] = r[1]
		}
	}
	// The sheets: <sheet name="…" r:id="…"/> in workbook.xml.
	err = eachElement(b, func(name, attrs []byte) {
		if string(name) != "sheet" {
			return
		}
		n, _ := attr(attrs, "name")
		id, _ := attr(attrs, "id")
		if t, ok := targets[id]; ok {
			wb.sheets = append(wb.sheets, [2]string{n, t})
		}
	})
	if err != nil {
		return nil, notWorkbook()
	}
	for _, r := range rels["sharedStrings"] {
		if err := wb.readStrings(r[1]); err != nil {
			return nil, err
		}
	}
	return wb, nil
}

// part is a part's bytes ("" for a missing one: an error).
func (wb *workbook) part(name string) ([]byte, error) {
	f, ok := wb.parts[name]
	if !ok {
		return nil, errNotWorkbook
	}
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, maxUnzipped))
}

// rels reads a relationships part: by kind (the last word of its Type:
// "worksheet", "sharedStrings", "officeDocument"), each relationship's id
// and target part (relative targets are of dir).
func (wb *workbook) rels(name, dir string) (map[string][][2]string, error) {
	b, err := wb.part(name)
	if err != nil {
		return nil, err
	}
	out := map[string][][2]string{}
	err = eachElement(b, func(name, attrs []byte) {
		if string(name) != "Relationship" {
			return
		}
		id, _ := attr(attrs, "Id")
		target, _ := attr(attrs, "Target")
		kind, _ := attr(attrs, "Type")
		kind = kind[strings.LastIndexByte(kind, '/')+1:]
		if strings.HasPrefix(target, "/") {
			target = target[1:]
		} else {
			target = path.Join(dir, target)
		}
		out[kind] = append(out[kind], [2]string{id, target})
	})
	return out, err
}

// eachElement calls fn with every start tag of an XML part (its local
// name and raw attributes).
func eachElement(b []byte, fn func(name, attrs []byte)) error {
	sc := xscan{b: b}
	for {
		t, err := sc.next()
		if err != nil {
			return err
		}
		switch t.kind {
		case 0:
			return nil
		case 's':
			fn(t.name, t.attrs)
		}
	}
}

// readStrings reads the shared strings: each <si>'s text (its <t>, or
// its runs' <t>, but not the phonetic <rPh> guides).
func (wb *workbook) readStrings(name string) error {
	b, err := wb.part(name)
	if err != nil {
		return nil // a workbook without shared strings
	}
	return wb.stringsIn(b)
}

// stringsIn reads the shared strings of XML b (readStrings).
func (wb *workbook) stringsIn(b []byte) error {
	sc := xscan{b: b}
	var text strings.Builder
	inT, phonetic := false, 0
	for {
		t, err := sc.next()
		if err != nil {
			return notWorkbook()
		}
		switch t.kind {
		case 0:
			return nil
		case 's':
			switch string(t.name) {
			case "si":
				text.Reset()
			case "t":
				inT = phonetic == 0 && !t.self
			case "rPh":
				if !t.self {
					phonetic++
				}
			}
			if string(t.name) == "si" && t.self {
				if len(wb.strings) >= maxCells {
					return apperr.New(apperr.TooLarge, "xlsform.too_many_cells", "sharedStrings", maxCells)
				}
				wb.strings = append(wb.strings, "")
			}
		case 'e':
			switch string(t.name) {
			case "si":
				if len(wb.strings) >= maxCells {
					return apperr.New(apperr.TooLarge, "xlsform.too_many_cells", "sharedStrings", maxCells)
				}
				wb.strings = append(wb.strings, text.String())
			case "t":
				inT = false
			case "rPh":
				phonetic--
			}
		case 't':
			if inT {
				if writeText(&text, t) != nil {
					return notWorkbook()
				}
			}
		}
	}
}

// cellRef reads a cell reference's column ("C12" → 3; 0 when it has none).
func cellRef(ref string) int {
	col := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a') + 1
		default:
			return col
		}
		if col > maxCol {
			return maxCol + 1
		}
	}
	return col
}

// rawRow is a row as stored: its number, its cells by column (0-based),
// and the columns whose formula has no value.
type rawRow struct {
	n        int
	cells    []string
	formulas []int
}

// readRows reads a worksheet's rows that have cells, each cell as text as
// stored: a number as written, a boolean 1 or 0, a shared or inline
// string, a formula's cached value. It stops with a 413 beyond MaxRows
// filled rows or maxCells cells.
func (wb *workbook) readRows(sheetName, part string) ([]rawRow, error) {
	b, err := wb.part(part)
	if err != nil {
		return nil, notWorkbook()
	}
	return wb.rowsIn(sheetName, b)
}

// rowsIn reads the rows of a worksheet's XML b (readRows).
func (wb *workbook) rowsIn(sheetName string, b []byte) ([]rawRow, error) {
	sc := xscan{b: b}
	var (
		rows                []rawRow
		cur                 rawRow
		inRow               bool
		col, cells          int
		typ                 string
		value, inline       strings.Builder
		inV, inIs, inT      bool
		hasV, hasF, hasCell bool
		phonetic            int
	)
	endCell := func() error {
		if !hasCell {
			return nil
		}
		hasCell = false
		if !inRow || col < 1 {
			return errXML // a cell outside a row (<row> inside a <c>)
		}
		v := value.String()
		switch typ {
		case "s":
			i, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || i < 0 || i >= len(wb.strings) {
				return errXML
			}
			v = wb.strings[i]
		case "inlineStr":
			v = inline.String()
		}
		if hasF && !hasV {
			cur.formulas = append(cur.formulas, col-1)
		}
		if v == "" {
			return nil
		}
		for len(cur.cells) < col {
			cur.cells = append(cur.cells, "")
		}
		cur.cells[col-1] = v
		return nil
	}
	endRow := func() error {
		inRow = false
		if len(cur.cells) == 0 && len(cur.formulas) == 0 {
			return nil
		}
		if len(rows) >= MaxRows+1 { // the header and MaxRows rows
			return apperr.New(apperr.TooLarge, "xlsform.too_many_rows", sheetName, MaxRows)
		}
		rows = append(rows, cur)
		return nil
	}
	fail := func(err error) ([]rawRow, error) {
		if apperr.As(err) != nil {
			return nil, err
		}
		return nil, notWorkbook()
	}
	for {
		t, err := sc.next()
		if err != nil {
			return fail(err)
		}
		switch t.kind {
		case 0:
			return rows, nil
		case 's':
			switch string(t.name) {
			case "row":
				n := cur.n + 1
				if v, ok := attr(t.attrs, "r"); ok {
					if r, err := strconv.Atoi(v); err == nil {
						n = r
					}
				}
				if n < 1 || n > maxRow || n <= cur.n { // rows come in order
					return fail(errXML)
				}
				cur, inRow, col = rawRow{n: n}, true, 0
				if t.self {
					inRow = false
				}
			case "c":
				if !inRow {
					return fail(errXML)
				}
				if cells++; cells > maxCells {
					return nil, apperr.New(apperr.TooLarge, "xlsform.too_many_cells", sheetName, maxCells)
				}
				next := col + 1
				if ref, ok := attr(t.attrs, "r"); ok {
					if c := cellRef(ref); c > 0 {
						next = c
					}
				}
				if next > maxCol {
					return fail(errXML)
				}
				typ, _ = attr(t.attrs, "t")
				col, hasCell = next, true
				value.Reset()
				inline.Reset()
				hasV, hasF = false, false
				if t.self {
					if err := endCell(); err != nil {
						return fail(err)
					}
				}
			case "v":
				inV, hasV = !t.self, true
			case "f":
				hasF = true
			case "is":
				inIs = !t.self
			case "t":
				inT = inIs && phonetic == 0 && !t.self
			case "rPh":
				if !t.self {
					phonetic++
				}
			}
		case 'e':
			switch string(t.name) {
			case "v":
				inV = false
			case "is":
				inIs = false
			case "t":
				inT = false
			case "rPh":
				phonetic--
			case "c":
				if err := endCell(); err != nil {
					return fail(err)
				}
			case "row":
				if err := endRow(); err != nil {
					return fail(err)
				}
			}
		case 't':
			var err error
			switch {
			case inV:
				err = writeText(&value, t)
			case inT:
				err = writeText(&inline, t)
			}
			if err != nil {
				return fail(err)
			}
		}
	}
}
