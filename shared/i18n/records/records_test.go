package records

import (
	"maps"
	"strings"
	"testing"
)

// TestRoundTrip: texts in every script, empty texts and plural forms
// come back as they went in, in any order of the source.
func TestRoundTrip(t *testing.T) {
	src := `{"b.text":"Größe: {0} – Ölçü, حجم, Размер","a.empty":"",
	"c.count":{"one":"{0} Antwort","other":"{0} Antworten","few":"{0} відповіді"},"d.new\nline":"zwei\nZeilen"}`
	in, err := FromJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	if Count(string(b)) != len(in) {
		t.Errorf("Count = %d, want %d", Count(string(b)), len(in))
	}
	out := map[string]Entry{}
	var order []string
	if err := Each(string(b), func(k string, e Entry) { out[k] = e; order = append(order, k) }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(order, ",") != "a.empty,b.text,c.count,d.new\nline" {
		t.Errorf("order %q, want sorted keys", order)
	}
	for k, e := range in {
		if out[k].Text != e.Text || !maps.Equal(out[k].Forms, e.Forms) || (out[k].Forms == nil) != (e.Forms == nil) {
			t.Errorf("%q: %+v, want %+v", k, out[k], e)
		}
	}
	again, _ := Encode(out)
	if string(again) != string(b) {
		t.Error("not deterministic")
	}
}

// TestEncodeRefusesItsSeparators: a key, form or text with one of the
// format's bytes is an error that names the entry, not a broken file.
func TestEncodeRefusesItsSeparators(t *testing.T) {
	for _, in := range []map[string]Entry{
		{"a\x00": {Text: "x"}},
		{"a": {Text: "x\x01"}},
		{"a": {Forms: map[string]string{"one\x02": "x"}}},
		{"a": {Forms: map[string]string{"one": "x\x00"}}},
	} {
		if _, err := Encode(in); err == nil || !strings.HasPrefix(err.Error(), "a") {
			t.Errorf("%q: %v, want an error naming the entry", in, err)
		}
	}
	if _, err := FromJSON([]byte(`{"a":1}`)); err == nil {
		t.Error("a number taken for a text")
	}
	if _, err := FromJSON([]byte(`{"a":{"one":1}}`)); err == nil {
		t.Error("a number taken for a plural form")
	}
}

// TestEachRefusesABrokenFile: a file cut inside an entry, or a plural
// form without its name, is an error.
func TestEachRefusesABrokenFile(t *testing.T) {
	for _, s := range []string{"key", "key\x00text", "key\x00\x01one\x00"} {
		if err := Each(s, func(string, Entry) {}); err == nil {
			t.Errorf("%q: read without an error", s)
		}
	}
}
