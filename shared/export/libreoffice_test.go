package export

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// LibreOffice Calc opens each file as its own dialect (its separator,
// UTF-8, '"' as the quote) and converts it to a workbook: every line break
// in a cell, CR, LF or CRLF, stays inside that cell (Calc writes each as
// LF), every row stays one row, and the other cells come back as written.
// Skipped without LibreOffice (Debian's libreoffice-calc; make test does
// not install it).
func TestLibreOfficeKeepsLineBreaksInTheirCells(t *testing.T) {
	soffice := ""
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		t.Skip("LibreOffice not installed (apt-get install libreoffice-calc)")
	}
	texts := append(append([]string{}, lineBreaks...), `"quoted"`, "Ağrı; Köln, Zürich", "علي, حسن", "Київ;Харків", "x;y,z")
	asCalc := strings.NewReplacer("\r\n", "\n", "\r", "\n")
	dir := t.TempDir()
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "profile")) // a profile of its own: no clash with a running LibreOffice
	for _, d := range []Dialect{Excel, RFC4180} {
		rows := [][]Cell{texts3("before", "text", "after")}
		for _, s := range texts {
			rows = append(rows, texts3("before", s, "after"))
		}
		in := filepath.Join(dir, d.Name+".csv")
		if err := os.WriteFile(in, []byte(write(t, d, rows...)), 0o644); err != nil {
			t.Fatal(err)
		}
		// CSV import options: separator, quote (34), UTF-8 (76), from line 1.
		cmd := exec.Command(soffice, "--headless", "-env:UserInstallation="+profile,
			fmt.Sprintf("--infilter=CSV:%d,34,76,1", d.Comma), "--convert-to", "xlsx", "--outdir", dir, in)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: soffice: %v\n%s", d.Name, err, out)
		}
		f, err := excelize.OpenFile(strings.TrimSuffix(in, ".csv") + ".xlsx")
		if err != nil {
			t.Fatalf("%s: no workbook: %v", d.Name, err)
		}
		got, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
		_ = f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(rows) {
			t.Fatalf("%s: %d rows in Calc, want %d: %q", d.Name, len(got), len(rows), got)
		}
		for i, s := range texts {
			if g := got[i+1]; len(g) != 3 || g[0] != "before" || g[1] != asCalc.Replace(Neutralise(s)) || g[2] != "after" {
				t.Errorf("%s: %q came back from Calc as %q", d.Name, s, g)
			}
		}
	}
}

func texts3(a, b, c string) []Cell { return []Cell{Text(a), Text(b), Text(c)} }
