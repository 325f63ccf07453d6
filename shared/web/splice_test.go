package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

// TestSpliced: a spliced gzip body is one gzip stream that decompresses
// to the page with the value in place of the mark, for any value.
func TestSpliced(t *testing.T) {
	page := strings.Repeat(`<p class="kern-text">Bitte füllen Sie das Formular aus.</p>`, 400)
	body := page + `<input type="hidden" name="form.stamp" value="MARK-7f3e">` + page + "</html>"
	s, ok := NewSpliced(body, "MARK-7f3e")
	if !ok {
		t.Fatal("not split")
	}
	for _, v := range []string{"m2x1k.AbCdEfGhIjKlMnOpQrStUvWxYz.sig-nature_0123", "", strings.Repeat("x", 70000)} {
		want := strings.Replace(body, "MARK-7f3e", v, 1)
		if len(v) > 0xffff {
			want = strings.Replace(body, "MARK-7f3e", v[:0xffff], 1)
		}
		if s.Body(v) != strings.Replace(body, "MARK-7f3e", v, 1) {
			t.Errorf("body with %.10q", v)
		}
		zr, err := gzip.NewReader(bytes.NewReader(s.Gzip(v)))
		if err != nil {
			t.Fatal(err)
		}
		zr.Multistream(false)
		got, err := io.ReadAll(zr) // checks the CRC and the size
		if err != nil || string(got) != want {
			t.Errorf("gzip with %.10q: %v, %d bytes, want %d", v, err, len(got), len(want))
		}
	}
	if len(s.Gzip("x")) > len(body)/10 {
		t.Errorf("gzip %d bytes of %d", len(s.Gzip("x")), len(body))
	}
	for _, b := range []string{"no mark", "MARK-7f3e twice MARK-7f3e"} {
		if _, ok := NewSpliced(b, "MARK-7f3e"); ok {
			t.Errorf("split %q", b)
		}
	}
}
