package web

import (
	"bytes"
	"compress/gzip"
	"hash/crc32"
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
		want := strings.Replace(body, "MARK-7f3e", v, 1) // a long value in several stored blocks, whole
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

// TestSplicedKept: a spliced page read back from its MarshalBinary gives
// the same gzip and body for any value; a damaged or foreign copy is
// refused or unpacks to nothing, never to part of a page.
func TestSplicedKept(t *testing.T) {
	body := strings.Repeat("<p>Straße, İstanbul, مرحبا, Привіт</p>", 300) + "MARK" + strings.Repeat("<li>ğüşöç</li>", 200)
	s, _ := NewSpliced(body, "MARK")
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	k, ok := UnmarshalSpliced(b)
	if !ok {
		t.Fatal("not read back")
	}
	for _, v := range []string{"", "stamp.1234.abcd"} {
		if !bytes.Equal(k.Gzip(v), s.Gzip(v)) {
			t.Errorf("gzip with %q differs", v)
		}
		if k.Body(v) != s.Body(v) {
			t.Errorf("body with %q differs", v)
		}
	}
	for _, bad := range [][]byte{nil, b[:20], append([]byte{9}, b[1:]...), b[:len(b)-1]} {
		if k, ok := UnmarshalSpliced(bad); ok && k.Body("x") != "x" {
			t.Errorf("a damaged copy (%d bytes) unpacked to part of a page", len(bad))
		}
	}
	flipped := bytes.Clone(b)
	flipped[len(flipped)-30] ^= 0x40
	if k, ok := UnmarshalSpliced(flipped); ok && k.Body("x") != "x" {
		t.Error("a flipped bit unpacked to part of a page")
	}
}

// TestSplicedAt: a page with several marks, each one or more times,
// gets each value at each of its mark's places, in gzip and as it is,
// fresh and read back from its copy; a mark that is missing, or marks
// that are empty, split nothing.
func TestSplicedAt(t *testing.T) {
	body := "<a href=\"/r/TOK?lang=de\">de</a><a href=\"/r/TOK?lang=ar\">ar</a><bdi>NAME</bdi>" +
		strings.Repeat("<p>Größe – مرحبا – Привіт</p>", 100) + "<bdi>MAIL</bdi><form action=\"/r/TOK/cancel\"></form>"
	s, ok := NewSplicedAt(body, "TOK", "NAME", "MAIL")
	if !ok {
		t.Fatal("not split")
	}
	b, _ := s.MarshalBinary()
	kept, ok := UnmarshalSpliced(b)
	if !ok {
		t.Fatal("not read back")
	}
	for _, vs := range [][]string{{"a1.b2.c3", "Ayşe &lt;Öztürk&gt;", "a&#43;b@example.org"}, {"", "", ""}, {"t", strings.Repeat("ß", 40000), "m"}} {
		want := strings.NewReplacer("TOK", vs[0], "NAME", vs[1], "MAIL", vs[2]).Replace(body)
		for name, sp := range map[string]*Spliced{"fresh": s, "kept": kept} {
			if got := sp.Body(vs...); got != want {
				t.Errorf("%s: body with %.12q differs", name, vs)
			}
			zr, err := gzip.NewReader(bytes.NewReader(sp.Gzip(vs...)))
			if err != nil {
				t.Fatal(err)
			}
			zr.Multistream(false)
			if got, err := io.ReadAll(zr); err != nil || string(got) != want {
				t.Errorf("%s: gzip with %.12q: %v", name, vs, err)
			}
		}
	}
	whole, ok := NewSplicedAt(body)
	if zr, err := gzip.NewReader(bytes.NewReader(whole.Gzip())); !ok || err != nil {
		t.Fatal("a page with no marks not kept whole")
	} else if got, err := io.ReadAll(zr); err != nil || string(got) != body || whole.Body() != body {
		t.Errorf("a page with no marks: %v", err)
	}
	for _, marks := range [][]string{{"TOK", "NONE"}, {"TOK", ""}} {
		if _, ok := NewSplicedAt(body, marks...); ok {
			t.Errorf("split at %q", marks)
		}
	}
}

// TestCRC32Combine: the CRC of two parts put together is the CRC of the whole.
func TestCRC32Combine(t *testing.T) {
	whole := []byte(strings.Repeat("Ünye ٣ Київ ", 999))
	for _, cut := range []int{0, 1, 7, 8, 100, 4096, len(whole) - 1, len(whole)} {
		a, b := whole[:cut], whole[cut:]
		if got, want := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), len(b)), crc32.ChecksumIEEE(whole); got != want {
			t.Errorf("cut at %d: %08x, want %08x", cut, got, want)
		}
	}
}
