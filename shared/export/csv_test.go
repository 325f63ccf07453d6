package export

import (
	"bytes"
	"encoding/csv"
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

// Defect 11: no cell may become a formula when the file is read with the
// other dialect's separator; text survives exactly, CR and all; NUL never
// goes out raw; numbers stay numbers.
func TestSafeAcrossDialectsAndLossless(t *testing.T) {
	attacks := []string{"Max;=cmd|' /C calc'!A0", "x,=4+5", "a;+1,b", "x,@SUM(1)", "p;-2+3", "q, =1"}
	texts := []string{"line1\rline2", "line1\nline2", "line1\r\nline2", "\"quoted\"", "Ağrı; Köln, Zürich", "علي, حسن", " lead", "trail "}
	for _, d := range []Dialect{Excel, RFC4180} {
		var row []Cell
		for _, s := range append(append([]string{}, attacks...), texts...) {
			row = append(row, Text(s))
		}
		file := write(t, d, row)
		for _, sep := range []rune{';', ','} {
			for _, rec := range read(t, file, sep) {
				for _, cell := range rec {
					if c := strings.TrimLeft(cell, " "); c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
						t.Errorf("%s read with %q: cell %q would run as a formula\n%q", d.Name, sep, cell, file)
					}
				}
			}
		}
		rows := read(t, file, d.Comma)
		if len(rows) != 1 {
			t.Fatalf("%s: %d rows: %q", d.Name, len(rows), rows)
		}
		got := rows[0][len(attacks):]
		for i, want := range texts {
			// encoding/csv's reader (not the file) turns CRLF in a cell into LF.
			if strings.Contains(want, "\r\n") && got[i] == strings.ReplaceAll(want, "\r\n", "\n") && strings.Contains(file, `"`+want+`"`) {
				continue
			}
			if got[i] != want {
				t.Errorf("%s: text %q came back as %q", d.Name, want, got[i])
			}
		}
		if nul := write(t, d, texts2("a\x00b")); strings.ContainsRune(nul, 0) {
			t.Errorf("%s: NUL written raw: %q", d.Name, nul)
		}
		num := write(t, d, []Cell{Number("-5", -5), Number("12,5", 12.5), Text("-5")})
		rows = read(t, num, d.Comma)
		if rows[0][0] != "-5" || rows[0][2] != "'-5" {
			t.Errorf("%s: number -5 → %q, text -5 → %q; want the number as is, the text guarded", d.Name, rows[0][0], rows[0][2])
		}
	}
}

func texts2(s ...string) []Cell { return texts(s...) }
