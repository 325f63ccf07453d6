package export

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestDatesComeOutAsWritten: a day is a date cell that reads as it was
// written, and a day before 1900, which Excel cannot hold as a date, is
// its text, not a timestamp.
func TestDatesComeOutAsWritten(t *testing.T) {
	days := []string{"1850-05-01", "1899-12-31", "1900-01-01", "2027-03-14", "9999-12-31"}
	var b bytes.Buffer
	err := XLSX(&b, "Antworten", []Cell{Text("Gegründet")}, func(yield func([]string) error) error { return yield(days) },
		func(out []Cell, d string) []Cell { return append(out[:0], Date(d)) }, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range days {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		got, err := f.GetCellValue("Antworten", cell)
		if err != nil || got != d {
			t.Errorf("%s: %q (%v), want %q", cell, got, err, d)
		}
	}
}
