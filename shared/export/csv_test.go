package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+49 7121": "'+49 7121", "-5": "'-5", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "  =cmd|' /C calc'!A0": "'  =cmd|' /C calc'!A0",
		"Verein e.V.": "Verein e.V.", "": "", "  ": "  ", "Straße": "Straße", "علي": "علي", "a=b": "a=b",
	} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func write(t *testing.T, d Dialect, rows ...[]Cell) string {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func texts(s ...string) []Cell {
	out := make([]Cell, len(s))
	for i, v := range s {
		out[i] = Text(v)
	}
	return out
}

// read parses a file with sep (whatever dialect wrote it), as a
// spreadsheet with that list separator would.
func read(t *testing.T, file string, sep rune) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(file, "\ufeff")))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, true
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read with %q: %v\n%q", sep, err, file)
	}
	return rows
}

func TestDialects(t *testing.T) {
	for _, tt := range []struct {
		d    Dialect
		want string
	}{
		{Excel, "\ufeffa;b\r\n\"x;y\";Ölçü\r\n"},
		{RFC4180, "a,b\r\n\"x;y\",Ölçü\r\n"},
	} {
		got := write(t, tt.d, texts("a", "b"), texts("x;y", "Ölçü"))
		if got != tt.want {
			t.Errorf("%s: %q, want %q", tt.d.Name, got, tt.want)
		}
		if rows := read(t, got, tt.d.Comma); len(rows) != 2 || rows[1][1] != "Ölçü" || rows[1][0] != "x;y" {
			t.Errorf("%s: reread %q", tt.d.Name, rows)
		}
	}
	if _, err := DialectOf("tsv"); err == nil {
		t.Error("unknown dialect accepted")
	}
}

// readExact reads file as its own dialect d: the BOM (only Excel's)
// off, d's separator, encoding/csv finding where every row and cell
// begins and ends. encoding/csv drops the CR of a CRLF inside a quoted cell
// (its documented behaviour, not the file's), so each cell's text is taken
// from the file's own bytes between those boundaries, unquoted, and must
// equal what encoding/csv returns but for that CR. Every row ends with
// CRLF.
func readExact(t *testing.T, file string, d Dialect) [][]string {
	t.Helper()
	body, bom := strings.CutPrefix(file, "\ufeff")
	if bom != d.BOM {
		t.Fatalf("%s: BOM %v, want %v", d.Name, bom, d.BOM)
	}
	lineStart := []int{0}
	for i := 0; i < len(body); i++ {
		if body[i] == '\n' {
			lineStart = append(lineStart, i+1)
		}
	}
	r := csv.NewReader(strings.NewReader(body))
	r.Comma, r.FieldsPerRecord = d.Comma, -1
	var out [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v\n%q", d.Name, err, file)
		}
		end := int(r.InputOffset())
		if !strings.HasSuffix(body[:end], "\r\n") {
			t.Fatalf("%s: row %d does not end with CRLF: %q", d.Name, len(out)+1, body[:end])
		}
		at := func(i int) int {
			line, col := r.FieldPos(i)
			return lineStart[line-1] + col - 1
		}
		cells := make([]string, len(rec))
		for i := range rec {
			to := end - len("\r\n")
			if i+1 < len(rec) {
				to = at(i+1) - 1 // the separator before the next cell
			}
			raw := body[at(i):to]
			// encoding/csv ends a row only at LF; spreadsheets at a bare CR
			// too: a line break of any kind is inside quotes.
			if strings.ContainsAny(raw, "\r\n") && !strings.HasPrefix(raw, `"`) {
				t.Fatalf("%s: a line break outside quotes: %q", d.Name, raw)
			}
			if q, ok := strings.CutPrefix(raw, `"`); ok {
				if !strings.HasSuffix(q, `"`) {
					t.Fatalf("%s: cell %q opens a quote it does not close", d.Name, raw)
				}
				raw = strings.ReplaceAll(strings.TrimSuffix(q, `"`), `""`, `"`)
			}
			if strings.ReplaceAll(raw, "\r\n", "\n") != rec[i] {
				t.Fatalf("%s: the file holds %q where encoding/csv read %q", d.Name, raw, rec[i])
			}
			cells[i] = raw
		}
		out = append(out, cells)
	}
}

// Line breaks: CR, LF and CRLF, alone, doubled, at either end.
var lineBreaks = []string{"line1\rline2", "line1\nline2", "line1\r\nline2", "a\r\rb", "a\n\nb", "a\r\n\r\nb", "\nlead", "trail\r\n", "\r"}

// Read as its own dialect, every cell comes back exactly, line breaks,
// quotes, both separators, spaces and every script included; text that a
// spreadsheet would run as a formula comes back guarded; NUL never goes
// out raw; numbers stay numbers.
func TestEachDialectReadsBackExactly(t *testing.T) {
	other := []string{"\"quoted\"", `a""b`, "\"", "Ağrı; Köln, Zürich", "علي, حسن", "Київ;Харків", " lead", "trail ", "", "x;y,z",
		"Max;=cmd|' /C calc'!A0", "=1+1", "+49 7121", "-5", "@SUM(A1)", "\tx", " =1", "a\x00b"}
	all := append(append([]string{}, lineBreaks...), other...)
	for _, d := range []Dialect{Excel, RFC4180} {
		// Each text in a row of its own, between two plain cells, and all of
		// them in one row.
		var rows [][]Cell
		for _, s := range all {
			rows = append(rows, []Cell{Text("before"), Text(s), Text("after")})
		}
		rows = append(rows, texts(all...), []Cell{Number("-5", -5), Number("12,5", 12.5), Text("-5")})
		got := readExact(t, write(t, d, rows...), d)
		if len(got) != len(rows) {
			t.Fatalf("%s: %d rows back, want %d", d.Name, len(got), len(rows))
		}
		want := func(s string) string { return strings.ReplaceAll(Neutralise(s), "\x00", "\uFFFD") }
		for i, s := range all {
			if g := got[i]; len(g) != 3 || g[0] != "before" || g[1] != want(s) || g[2] != "after" {
				t.Errorf("%s: %q came back as %q", d.Name, s, g)
			}
			if g := got[len(all)]; i < len(g) && g[i] != want(s) {
				t.Errorf("%s: %q in the long row came back as %q", d.Name, s, g[i])
			}
		}
		if n := len(got[len(all)]); n != len(all) {
			t.Errorf("%s: the long row has %d cells, want %d", d.Name, n, len(all))
		}
		if g := got[len(all)+1]; g[0] != "-5" || g[1] != "12,5" || g[2] != "'-5" {
			t.Errorf("%s: number -5, number 12,5, text -5 → %q; want the numbers as given, the text guarded", d.Name, g)
		}
		for _, s := range []string{"=1+1", "+49 7121", "-5", "@SUM(A1)", "\tx", " =1"} {
			if !strings.HasPrefix(want(s), "'") {
				t.Errorf("%s: %q not guarded", d.Name, s)
			}
		}
		if nul := write(t, d, texts("a\x00b")); strings.ContainsRune(nul, 0) {
			t.Errorf("%s: NUL written raw: %q", d.Name, nul)
		}
	}
}

// What the package does not promise: read with the other dialect's
// separator, a quoted cell that holds that separator splits (the quote
// is no longer at a cell's start), and a part can start with =. Quoting
// cannot prevent this; coordinators take each file as its own dialect,
// or the XLSX.
func TestTheOtherSeparatorCanSplitCells(t *testing.T) {
	file := write(t, Excel, texts("x", "y,=1+1"))
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(file, "\ufeff")))
	r.Comma, r.LazyQuotes = ',', true
	rec, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(rec) != 2 || !strings.HasPrefix(rec[1], "=") {
		t.Fatalf("read with ',': %q; the comment in csv.go describes a split that no longer happens", rec)
	}
}

func texts2(s ...string) []Cell { return texts(s...) }
