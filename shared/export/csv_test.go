package export

import (
	"bytes"
	"encoding/csv"
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

func TestDialects(t *testing.T) {
	for _, tt := range []struct {
		d    Dialect
		want string
	}{
		{Excel, "\ufeffa;b\r\n\"x;y\";Ölçü\r\n"},
		{RFC4180, "a,b\r\nx;y,Ölçü\r\n"},
	} {
		var buf bytes.Buffer
		w, _ := NewWriter(&buf, tt.d)
		_ = w.Write([]string{"a", "b"})
		_ = w.Write([]string{"x;y", "Ölçü"})
		_ = w.Flush()
		if buf.String() != tt.want {
			t.Errorf("%s: %q, want %q", tt.d.Name, buf.String(), tt.want)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff"))))
		r.Comma = tt.d.Comma
		rows, err := r.ReadAll()
		if err != nil || len(rows) != 2 || rows[1][1] != "Ölçü" {
			t.Errorf("%s: reread %v %v", tt.d.Name, rows, err)
		}
	}
	if _, err := DialectOf("tsv"); err == nil {
		t.Error("unknown dialect accepted")
	}
}
