package web

import (
	"bytes"
	"encoding/binary"
	"sync"
)

// BuildID is the Go build ID of the running executable (the note that
// `go tool buildid` prints), "" where it cannot be read (not an ELF
// file, as on a Mac). It changes with any change to the code, the
// templates or the texts compiled in, so a copy of a page rendered by
// one build (a page copy) is never shown by another.
var BuildID = sync.OnceValue(readBuildID)

// goBuildID finds the ELF note of the Go build ID in the start of an
// executable: name size 4, description size, type 4, "Go\0\0", the ID.
func goBuildID(head []byte) string {
	if !bytes.HasPrefix(head, []byte("\x7fELF")) {
		return ""
	}
	for i := 0; ; i++ {
		j := bytes.Index(head[i:], []byte("Go\x00\x00"))
		if j < 0 {
			return ""
		}
		i += j
		if i < 12 {
			continue
		}
		le := binary.LittleEndian
		nameSize, descSize, typ := le.Uint32(head[i-12:]), le.Uint32(head[i-8:]), le.Uint32(head[i-4:])
		if nameSize == 4 && typ == 4 && descSize > 0 && descSize < 256 && i+4+int(descSize) <= len(head) {
			return string(head[i+4 : i+4+int(descSize)])
		}
	}
}
