// Package assets holds the pages' static files (the KERN stylesheet,
// purged by scripts/purge-css, and site.css) with their compressed
// bodies, made at build time: <file>.gz (gzip at the best compression)
// and <file>.br (brotli at quality 11), by `go generate` (which
// scripts/purge-css runs; a test checks that they match). No function
// compresses an asset at request time. In AWS, CloudFront serves
// /assets/* from the stack's bucket (infra/stack); the functions serve
// them for the dev server and for direct calls of the API.
package assets

//go:generate go run ../../../scripts/compress-assets

import (
	"crypto/sha256"
	"embed"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"io/fs"
	"path"
	"strings"
	"sync"
)

//go:embed *.css *.gz *.br
var files embed.FS

// File is one asset.
type File struct {
	Name        string // as in this folder: kern.min.css
	Hashed      string // fingerprinted: kern.min.0123456789ab.css
	ContentType string
	Body        []byte
	// Gzip and Brotli are Body compressed, or nil when the committed
	// compressed file is not Body's (a test fails then too).
	Gzip, Brotli []byte
}

// Path is the file's URL path, /assets/<hashed name>.
func (f File) Path() string { return "/assets/" + f.Hashed }

// CacheControl is every asset's: a new file has a new name.
const CacheControl = "public, max-age=31536000, immutable"

// Types are the content types of the assets by extension.
var Types = map[string]string{".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2"}

// Compressed lists the extensions whose files have compressed bodies.
var Compressed = []string{".css", ".svg"}

// All returns the assets by fingerprinted name.
var All = sync.OnceValue(func() map[string]File {
	out := map[string]File{}
	entries, _ := fs.ReadDir(files, ".")
	for _, e := range entries {
		name := e.Name()
		ext := path.Ext(name)
		typ, ok := Types[ext]
		if !ok {
			continue // the compressed bodies, this package's own files
		}
		f := File{Name: name, ContentType: typ}
		f.Body, _ = files.ReadFile(name)
		sum := sha256.Sum256(f.Body)
		f.Hashed = strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
		// gzip's trailer holds the CRC-32 and length of what it compressed:
		// a compressed body made from an older file is left out.
		if gz, err := files.ReadFile(name + ".gz"); err == nil && Matches(gz, f.Body) {
			f.Gzip = gz
			// The two are made together from the same file.
			f.Brotli, _ = files.ReadFile(name + ".br")
		}
		out[f.Hashed] = f
	}
	return out
})

// Matches reports whether gz's trailer is that of body (CRC-32, size).
func Matches(gz, body []byte) bool {
	n := len(gz)
	return n >= 18 && binary.LittleEndian.Uint32(gz[n-8:]) == crc32.ChecksumIEEE(body) &&
		binary.LittleEndian.Uint32(gz[n-4:]) == uint32(len(body))
}

// ByName returns the asset whose unhashed name is name.
func ByName(name string) (File, bool) {
	for _, f := range All() {
		if f.Name == name {
			return f, true
		}
	}
	return File{}, false
}
