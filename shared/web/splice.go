package web

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"io"
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
	zpre, zpost     []byte // deflate: pre ends with a sync flush, post is final
	crcPre, crcPost uint32
	lenPre, lenPost int
	// pre and post unpacked: at once from NewSpliced, from a copy at the
	// first Body (unpack).
	pre, post string
	unpack    sync.Once
	packed    bool // read from a copy: pre and post still to unpack
}

// NewSpliced splits body at mark, which must occur exactly once.
func NewSpliced(body, mark string) (*Spliced, bool) {
	pre, post, ok := strings.Cut(body, mark)
	if !ok || strings.Contains(post, mark) {
		return nil, false
	}
	s := &Spliced{
		crcPre: crc32.ChecksumIEEE([]byte(pre)), crcPost: crc32.ChecksumIEEE([]byte(post)),
		lenPre: len(pre), lenPost: len(post),
		pre: pre, post: post,
	}
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
func (s *Spliced) Body(v string) string {
	s.unpack.Do(s.unpacked)
	return s.pre + v + s.post
}

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
	crc := crc32Combine(crc32.Update(s.crcPre, crc32.IEEETable, []byte(v)), s.crcPost, s.lenPost)
	out = binary.LittleEndian.AppendUint32(out, crc)
	return binary.LittleEndian.AppendUint32(out, uint32(s.lenPre+n+s.lenPost))
}

// splicedVersion is the first byte of a Spliced's MarshalBinary.
const splicedVersion = 1

// MarshalBinary is the page in compressed parts, as UnmarshalSpliced
// reads it back: to keep a copy of a rendered page in the table.
func (s *Spliced) MarshalBinary() ([]byte, error) {
	out := make([]byte, 0, 21+len(s.zpre)+len(s.zpost))
	out = append(out, splicedVersion)
	for _, n := range []uint32{s.crcPre, s.crcPost, uint32(s.lenPre), uint32(s.lenPost), uint32(len(s.zpre))} {
		out = binary.LittleEndian.AppendUint32(out, n)
	}
	out = append(out, s.zpre...)
	return append(out, s.zpost...), nil
}

// UnmarshalSpliced reads a MarshalBinary; false when b is not one. The
// parts are unpacked only when Body asks for them (a client that takes
// no gzip), and checked then against their lengths and checksums.
func UnmarshalSpliced(b []byte) (*Spliced, bool) {
	if len(b) < 21 || b[0] != splicedVersion {
		return nil, false
	}
	u := func(i int) uint32 { return binary.LittleEndian.Uint32(b[1+4*i:]) }
	n := int(u(4))
	if n > len(b)-21 {
		return nil, false
	}
	s := &Spliced{
		crcPre: u(0), crcPost: u(1), lenPre: int(u(2)), lenPost: int(u(3)),
		zpre: b[21 : 21+n], zpost: b[21+n:], packed: true,
	}
	return s, true
}

// unpacked sets pre and post from the compressed parts of a copy, unless
// they do not match their lengths and checksums (a damaged copy: nothing
// rather than part of a page).
func (s *Spliced) unpacked() {
	if !s.packed {
		return // made by NewSpliced
	}
	all, err := io.ReadAll(io.LimitReader(flate.NewReader(io.MultiReader(bytes.NewReader(s.zpre), bytes.NewReader(s.zpost))), int64(s.lenPre+s.lenPost)+1))
	if err != nil || len(all) != s.lenPre+s.lenPost ||
		crc32.ChecksumIEEE(all[:s.lenPre]) != s.crcPre || crc32.ChecksumIEEE(all[s.lenPre:]) != s.crcPost {
		return
	}
	s.pre, s.post = string(all[:s.lenPre]), string(all[s.lenPre:])
}

// crc32Combine is the CRC-32 (IEEE) of a‖b from crcA and crcB = the CRC
// of b, which is lenB bytes long (zlib's crc32_combine: the CRC of a
// shifted past lenB zero bytes, by repeated squaring of the operator
// that shifts by one bit, then xored with crcB).
func crc32Combine(crcA, crcB uint32, lenB int) uint32 {
	if lenB <= 0 {
		return crcA // the CRC of nothing is 0
	}
	var even, odd [32]uint32
	odd[0] = crc32.IEEE // the operator for one zero bit
	for n, row := 1, uint32(1); n < 32; n, row = n+1, row<<1 {
		odd[n] = row
	}
	square(&even, &odd) // two zero bits
	square(&odd, &even) // four
	for {               // then eight, sixteen, … zero bits, applied where lenB has a one
		square(&even, &odd)
		if lenB&1 != 0 {
			crcA = times(&even, crcA)
		}
		if lenB >>= 1; lenB == 0 {
			break
		}
		square(&odd, &even)
		if lenB&1 != 0 {
			crcA = times(&odd, crcA)
		}
		if lenB >>= 1; lenB == 0 {
			break
		}
	}
	return crcA ^ crcB
}

// times applies the GF(2) matrix m to v.
func times(m *[32]uint32, v uint32) uint32 {
	var sum uint32
	for i := 0; v != 0; i, v = i+1, v>>1 {
		if v&1 != 0 {
			sum ^= m[i]
		}
	}
	return sum
}

// square sets sq to m × m.
func square(sq, m *[32]uint32) {
	for n := range 32 {
		sq[n] = times(m, m[n])
	}
}
