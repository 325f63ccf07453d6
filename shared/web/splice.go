package web

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"strings"
	"sync"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
)

// Spliced is a page rendered once with a mark where each response puts
// its own value (a form's stamp): the HTML before and after the mark, and
// each part compressed once (at httpapi.GzipLevel: the first render is on
// a cold start's path). A response then only
// fills in its value and, for gzip, frames the compressed parts around it
// in a stored block: one valid gzip stream (each part ends on a byte
// boundary; the part after the value refers to nothing before it), a few
// microseconds instead of a render and a compression.
type Spliced struct {
	pre, post   string
	zpre, zpost []byte // deflate: pre ends with a sync flush, post is final
	crcPre      uint32
}

// NewSpliced splits body at mark, which must occur exactly once.
func NewSpliced(body, mark string) (*Spliced, bool) {
	pre, post, ok := strings.Cut(body, mark)
	if !ok || strings.Contains(post, mark) {
		return nil, false
	}
	s := &Spliced{pre: pre, post: post, crcPre: crc32.ChecksumIEEE([]byte(pre))}
	var b bytes.Buffer
	w := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(w)
	w.Reset(&b)
	_, _ = w.Write([]byte(pre))
	_ = w.Flush() // not final, byte-aligned
	s.zpre = bytes.Clone(b.Bytes())
	b.Reset()
	w.Reset(&b)
	_, _ = w.Write([]byte(post))
	_ = w.Close()
	s.zpost = bytes.Clone(b.Bytes())
	return s, true
}

// flateWriters keep their compressors (a few hundred KB each, made at the
// first use: Prewarm makes one ahead).
var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, httpapi.GzipLevel)
	return w
}}

// Body is the page with v in place of the mark.
func (s *Spliced) Body(v string) string { return s.pre + v + s.post }

// gzipHeader is a gzip member's header: deflate, no name, no time, OS unknown.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// Gzip is the page with v in place of the mark, as one gzip stream.
func (s *Spliced) Gzip(v string) []byte {
	n := len(v)
	if n > 0xffff {
		n = 0xffff // a stamp is short; a stored block holds at most 64 KiB
		v = v[:n]
	}
	out := make([]byte, 0, len(gzipHeader)+len(s.zpre)+5+n+len(s.zpost)+8)
	out = append(out, gzipHeader...)
	out = append(out, s.zpre...)
	// A stored block, not final: header bits 000 padded to the byte, then
	// LEN and its complement, then the bytes.
	out = append(out, 0, byte(n), byte(n>>8), ^byte(n), ^byte(n>>8))
	out = append(out, v...)
	out = append(out, s.zpost...)
	crc := crc32.Update(crc32.Update(s.crcPre, crc32.IEEETable, []byte(v)), crc32.IEEETable, []byte(s.post))
	out = binary.LittleEndian.AppendUint32(out, crc)
	return binary.LittleEndian.AppendUint32(out, uint32(len(s.pre)+n+len(s.post)))
}
