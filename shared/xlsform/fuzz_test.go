package xlsform

import (
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
)

// FuzzSheetXML: whatever a worksheet's or the shared strings' XML holds,
// reading it ends with rows or an error of the contract, never a panic.
func FuzzSheetXML(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>a&amp;b</t></r><rPh><t>x</t></rPh></is></c></row>` +
			`<row r="3"><c r="C3" t="str"><f>1+1</f><v>2</v></c><c r="D3"><f>X</f></c><c r="E3" t="b"><v>1</v></c><c r="F3"/></row></sheetData></worksheet>`,
		`<x:worksheet xmlns:x="s"><x:sheetData><x:row><x:c><x:v>&#x41;&#66;</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
		`<sst><si><t xml:space="preserve"> a </t></si><si><r><t>b</t></r><r><t><![CDATA[<c>]]></t></r></si><si/></sst>`,
		`<!-- c --><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		wb := &workbook{strings: []string{"eins"}}
		rows, err := wb.rowsIn("survey", []byte(s))
		if err != nil && apperr.As(err) == nil {
			t.Fatalf("error %v", err)
		}
		for _, r := range rows {
			if r.n < 1 || r.n > maxRow || len(r.cells) > maxCol {
				t.Fatalf("row %d, %d cells", r.n, len(r.cells))
			}
		}
		if err := wb.stringsIn([]byte(s)); err != nil && apperr.As(err) == nil {
			t.Fatalf("strings error %v", err)
		}
		attr([]byte(s), "r")
	})
}

// TestSheetXML: what the XML reader makes of the seeds.
func TestSheetXML(t *testing.T) {
	wb := &workbook{strings: []string{"eins"}}
	rows, err := wb.rowsIn("survey", []byte(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>a&amp;b</t></r><rPh><t>x</t></rPh></is></c></row>`+
		`<row r="3"><c r="C3" t="str"><f>1+1</f><v>2</v></c><c r="D3"><f>X</f></c><c r="E3" t="b"><v>1</v></c><c r="F3"/><c><v>a&#13;&#10;b&#x263A;</v></c></row></sheetData></worksheet>`))
	if err != nil || len(rows) != 2 || strings.Join(rows[0].cells, "|") != "eins|a&b" || strings.Join(rows[1].cells, "|") != "||2||1||a\r\nb☺" ||
		len(rows[1].formulas) != 1 || rows[1].formulas[0] != 3 {
		t.Fatalf("%v %+v", err, rows)
	}
	if err := wb.stringsIn([]byte(`<sst><si><t xml:space="preserve"> a </t></si><si><r><t>b</t></r><r><t><![CDATA[<c>]]></t></r></si><si/></sst>`)); err != nil ||
		strings.Join(wb.strings, "|") != "eins| a |b<c>|" {
		t.Fatalf("%v %q", err, wb.strings)
	}
	for _, bad := range []string{`<!DOCTYPE x [<!ENTITY a "b">]><row>`, `<row r="2"/><row r="1">`, `<row><c r="A1" t="s"><v>7</v></c></row>`, `<row><c><v>&bogus;</v></c></row>`, "<row><c><v>\xff</v></c></row>", `<c/>`} {
		if _, err := wb.rowsIn("survey", []byte(bad)); err == nil {
			t.Errorf("%s: read", bad)
		}
	}
}
