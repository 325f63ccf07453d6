package xlsform

import (
	"archive/zip"
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

func codeOf(err error) apperr.Code { return apperr.CodeOf(err) }

// TestReadLimits: a body over the limit, a zip bomb, too many rows, a
// cell far down and a file that is no workbook are refused before much is
// read, naming the limit.
func TestReadLimits(t *testing.T) {
	many := base()
	for i := 0; i < MaxRows+5; i++ {
		many[0].rows = append(many[0].rows, []string{"text", fmt.Sprintf("q%d", i), "Frage"})
	}

	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zeros := make([]byte, 1<<20)
	for i := 0; i < 20; i++ {
		_, _ = w.Write(zeros)
	}
	_ = zw.Close()

	for _, c := range []struct {
		name string
		body []byte
		code apperr.Code
		msg  string // in English
	}{
		{"body", append([]byte("PK\x03\x04"), make([]byte, MaxBody)...), apperr.TooLarge, "1024 KiB"},
		{"zip bomb", bomb.Bytes(), apperr.TooLarge, "larger than 16 MiB"},
		{"rows", book(t, many), apperr.TooLarge, "The sheet survey has more than 2000 rows."},
		{"no workbook", []byte("type;name;label\ntext;a;A\n"), apperr.BadRequest, "not an Excel workbook"},
		{"broken zip", []byte("PK\x03\x04 and then nothing"), apperr.BadRequest, "not an Excel workbook"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if len(c.body) > MaxBody+10 {
				t.Logf("body %d bytes", len(c.body))
			}
			_, err := Read(c.body, "en")
			if codeOf(err) != c.code {
				t.Fatalf("error %v, want %s", err, c.code)
			}
			if c.msg != "" && !strings.Contains(messageOf(err, "en"), c.msg) {
				t.Errorf("message %q, want %q", messageOf(err, "en"), c.msg)
			}
		})
	}
	if len(bomb.Bytes()) > 200<<10 {
		t.Errorf("the bomb is %d bytes packed", bomb.Len())
	}
}

// TestReadFormulas: a formula cell reads as its cached value; one
// without a value is a problem at its cell.
func TestReadFormulas(t *testing.T) {
	body := book(t, base())
	// The German label of row 2 as a formula with its value, the English
	// one as a formula without.
	cached := rewriteSheet(t, body, "xl/worksheets/sheet1.xml", func(x string) string {
		x = replaceCell(t, x, "C2", `<c r="C2" t="str"><f>"Na"&amp;"me"</f><v>Name</v></c>`)
		return x
	})
	s, err := Read(cached, "en")
	if err != nil || s.Questions[0].Label["de"] != "Name" {
		t.Fatalf("cached value: %v %+v", err, apperr.As(err))
	}
	uncached := rewriteSheet(t, body, "xl/worksheets/sheet1.xml", func(x string) string {
		return replaceCell(t, x, "D2", `<c r="D2"><f>"Na"&amp;"me"</f></c>`)
	})
	_, err = Read(uncached, "de")
	f := fieldsOf(t, err)
	if len(f) != 1 || f[0].Field != "survey!D2" || !strings.Contains(f[0].Message, "Eine Formel ohne gespeicherten Wert") {
		t.Errorf("%+v", f)
	}
}

// replaceCell puts xml in the place of cell ref in a sheet's XML.
func replaceCell(t *testing.T, sheet, ref, xml string) string {
	t.Helper()
	re := regexp.MustCompile(`<c r="` + ref + `"[^>]*?(/>|>.*?</c>)`)
	if !re.MatchString(sheet) {
		t.Fatalf("no cell %s in %s", ref, sheet)
	}
	return re.ReplaceAllLiteralString(sheet, xml)
}

// rewriteSheet changes one part of a workbook.
func rewriteSheet(t *testing.T, body []byte, part string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		_, _ = b.ReadFrom(r)
		r.Close()
		data := b.Bytes()
		if f.Name == part {
			data = []byte(edit(string(data)))
		}
		w, _ := zw.Create(f.Name)
		_, _ = w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func messageOf(err error, lang string) string {
	e := apperr.As(err)
	if e == nil {
		return ""
	}
	return i18n.T(lang, e.Key, e.Args...)
}

// TestReadFarRow: a row at the sheet's end (LibreOffice writes empty rows
// down to row 1048576) is read like any other, without walking the rows
// between.
func TestReadFarRow(t *testing.T) {
	body := rewriteSheet(t, book(t, base()), "xl/worksheets/sheet2.xml", func(x string) string {
		var empty strings.Builder
		for r := 1048000; r < 1048576; r++ { // as LibreOffice writes them
			fmt.Fprintf(&empty, `<row r="%d" customFormat="false" ht="12.8"></row>`, r)
		}
		return strings.Replace(x, "</sheetData>", empty.String()+`<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>colours</t></is></c>`+
			`<c r="B1048576" t="inlineStr"><is><t>green</t></is></c><c r="C1048576" t="inlineStr"><is><r><t>Gr</t></r><r><t>ün</t></r></is></c></row></sheetData>`, 1)
	})
	s, err := Read(body, "en")
	if err != nil || len(s.Questions[1].Options) != 3 || s.Questions[1].Options[2].Code != "green" || s.Questions[1].Options[2].Label["de"] != "Grün" {
		t.Fatalf("%v %+v", err, s)
	}
}
