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

// Spliced is a page rendered once with marks where each response puts
// its own values (a form's stamp; a registration's link and the person's
// name): the HTML between the marks, and each part compressed once (at
// httpapi.GzipLevel: the first render is on a cold start's path). A
// response then only fills in its values and, for gzip, frames the
// compressed parts around them in stored blocks: one valid gzip stream
// (each part ends on a byte boundary; a part refers to nothing before
// it), a few microseconds instead of a render and a compression.
type Spliced struct {
	z     [][]byte // deflate: each part ends with a sync flush, the last is final
	crc   []uint32 // of each part
	n     []int    // each part's length
	slots []uint8  // slots[i]: the value that follows part i
	// parts unpacked: at once from NewSpliced, from a copy at the first
	// Body (unpack).
	parts  []string
	unpack sync.Once
	packed bool // read from a copy: parts still to unpack
}

// maxMarks bounds the values of a Spliced.
const maxMarks = 8

// NewSpliced splits body at mark, which must occur exactly once.
func NewSpliced(body, mark string) (*Spliced, bool) {
	if strings.Count(body, mark) != 1 {
		return nil, false
	}
	return NewSplicedAt(body, mark)
}

// NewSplicedAt splits body at every occurrence of each of marks (value i
// goes where marks[i] was), each of which must occur at least once and
// none inside another. With no marks, the page is one part: a page kept
// whole, compressed once.
func NewSplicedAt(body string, marks ...string) (*Spliced, bool) {
	if len(marks) > maxMarks {
		return nil, false
	}
	s := &Spliced{}
	for rest := body; ; {
		at, which := -1, 0
		for i, m := range marks {
			if m == "" {
				return nil, false
			}
			if j := strings.Index(rest, m); j >= 0 && (at < 0 || j < at) {
				at, which = j, i
			}
		}
		if at < 0 {
			s.parts = append(s.parts, rest)
			break
		}
		s.parts = append(s.parts, rest[:at])
		s.slots = append(s.slots, uint8(which))
		rest = rest[at+len(marks[which]):]
	}
	if len(s.parts) > 0xff {
		return nil, false // its number of parts is kept in a byte
	}
	for i := range marks {
		if !bytes.Contains(s.slots, []byte{uint8(i)}) {
			return nil, false
		}
	}
	var b bytes.Buffer
	w := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(w)
	for i, p := range s.parts {
		b.Reset()
		w.Reset(&b)
		_, _ = w.Write([]byte(p))
		if i < len(s.parts)-1 {
			_ = w.Flush() // not final, byte-aligned
		} else {
			_ = w.Close()
		}
		s.z = append(s.z, bytes.Clone(b.Bytes()))
		s.crc = append(s.crc, crc32.ChecksumIEEE([]byte(p)))
		s.n = append(s.n, len(p))
	}
	return s, true
}

// flateWriters keep their compressors (a few hundred KB each, made at the
// first use: Prewarm makes one ahead).
var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, httpapi.GzipLevel)
	return w
}}

// value is the i-th of vs ("" when there are fewer).
func value(vs []string, i uint8) string {
	if int(i) < len(vs) {
		return vs[i]
	}
	return ""
}

// Body is the page with vs in place of the marks.
func (s *Spliced) Body(vs ...string) string {
	s.unpack.Do(s.unpacked)
	if len(s.parts) != len(s.slots)+1 {
		return strings.Join(vs, "") // a damaged copy: nothing of the page
	}
	var b strings.Builder
	for i, p := range s.parts {
		b.WriteString(p)
		if i < len(s.slots) {
			b.WriteString(value(vs, s.slots[i]))
		}
	}
	return b.String()
}

// gzipHeader is a gzip member's header: deflate, no name, no time, OS unknown.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// Gzip is the page with vs in place of the marks, as one gzip stream.
func (s *Spliced) Gzip(vs ...string) []byte {
	size := len(gzipHeader) + 8
	for i, z := range s.z {
		size += len(z)
		if i < len(s.slots) {
			v := value(vs, s.slots[i])
			size += len(v) + 5*(len(v)/0xffff+1)
		}
	}
	out := make([]byte, 0, size)
	out = append(out, gzipHeader...)
	var crc uint32
	total := 0
	for i, z := range s.z {
		out = append(out, z...)
		crc, total = crc32Combine(crc, s.crc[i], s.n[i]), total+s.n[i]
		if i == len(s.slots) {
			break
		}
		v := value(vs, s.slots[i])
		crc, total = crc32.Update(crc, crc32.IEEETable, []byte(v)), total+len(v)
		for first := true; first || v != ""; first = false {
			// Stored blocks, not final: header bits 000 padded to the
			// byte, then LEN and its complement, then the bytes.
			n := min(len(v), 0xffff)
			out = append(out, 0, byte(n), byte(n>>8), ^byte(n), ^byte(n>>8))
			out, v = append(out, v[:n]...), v[n:]
		}
	}
	out = binary.LittleEndian.AppendUint32(out, crc)
	return binary.LittleEndian.AppendUint32(out, uint32(total))
}

// splicedVersion is the first byte of a Spliced's MarshalBinary.
const splicedVersion = 2

// MarshalBinary is the page in compressed parts, as UnmarshalSpliced
// reads it back: to keep a copy of a rendered page in the table. The
// version, the number of parts, the slots, then per part its CRC, its
// length and the length of its compressed bytes, then those bytes.
func (s *Spliced) MarshalBinary() ([]byte, error) {
	out := []byte{splicedVersion, byte(len(s.z))}
	out = append(out, s.slots...)
	for i, z := range s.z {
		out = binary.LittleEndian.AppendUint32(out, s.crc[i])
		out = binary.LittleEndian.AppendUint32(out, uint32(s.n[i]))
		out = binary.LittleEndian.AppendUint32(out, uint32(len(z)))
	}
	for _, z := range s.z {
		out = append(out, z...)
	}
	return out, nil
}

// UnmarshalSpliced reads a MarshalBinary; false when b is not one. The
// parts are unpacked only when Body asks for them (a client that takes
// no gzip), and checked then against their lengths and checksums.
func UnmarshalSpliced(b []byte) (*Spliced, bool) {
	if len(b) < 2 || b[0] != splicedVersion || b[1] == 0 {
		return nil, false
	}
	parts := int(b[1])
	head := 2 + parts - 1 + 12*parts
	if len(b) < head {
		return nil, false
	}
	s := &Spliced{slots: b[2 : 2+parts-1], packed: true}
	for _, v := range s.slots {
		if v >= maxMarks {
			return nil, false
		}
	}
	at, rest := 2+parts-1, b[head:]
	for range parts {
		u := func(i int) int { return int(binary.LittleEndian.Uint32(b[at+4*i:])) }
		n := u(2)
		if n > len(rest) {
			return nil, false
		}
		s.crc, s.n, s.z = append(s.crc, uint32(u(0))), append(s.n, u(1)), append(s.z, rest[:n])
		rest, at = rest[n:], at+12
	}
	if len(rest) != 0 {
		return nil, false
	}
	return s, true
}

// unpacked sets the parts from the compressed parts of a copy, unless
// they do not match their lengths and checksums (a damaged copy: nothing
// rather than part of a page).
func (s *Spliced) unpacked() {
	if !s.packed {
		return // made by NewSplicedAt
	}
	total := 0
	readers := make([]io.Reader, len(s.z))
	for i, z := range s.z {
		total += s.n[i]
		readers[i] = bytes.NewReader(z)
	}
	all, err := io.ReadAll(io.LimitReader(flate.NewReader(io.MultiReader(readers...)), int64(total)+1))
	if err != nil || len(all) != total {
		return
	}
	parts := make([]string, len(s.z))
	for i := range s.z {
		if crc32.ChecksumIEEE(all[:s.n[i]]) != s.crc[i] {
			return
		}
		parts[i], all = string(all[:s.n[i]]), all[s.n[i]:]
	}
	s.parts = parts
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
