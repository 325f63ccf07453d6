// Package assets holds the pages' static files (the KERN stylesheet,
// purged by scripts/purge-css, and site.css) as their compressed bodies,
// made at build time: <file>.gz (gzip at the best compression) and
// <file>.br (brotli at quality 11), by `go generate` (which
// scripts/purge-css runs; a test checks that they match the files). No function
// compresses an asset at request time. In AWS, CloudFront serves
// /assets/* from the stack's bucket (infra/stack); the functions serve
// them for the dev server and for direct calls of the API.
package assets

//go:generate go run ../../../scripts/compress-assets

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// files are the compressed bodies only: a function embeds a seventh of
// the stylesheets' size, and unpacks one for the rare client that takes
// no compression (Body). The sources beside them are what
// `go generate` compresses (a test checks that the two match).
//
//go:embed *.gz *.br
var files embed.FS

// File is one asset.
type File struct {
	Name        string // as in this folder: kern.min.css
	Hashed      string // fingerprinted: kern.min.0123456789ab.css
	ContentType string
	// Gzip and Brotli are the file compressed at build time.
	Gzip, Brotli []byte
	body         func() []byte
}

// Body is the file itself, unpacked from Gzip at its first use.
func (f File) Body() []byte { return f.body() }

// Path is the file's URL path, /assets/<hashed name>.
func (f File) Path() string { return "/assets/" + f.Hashed }

// CacheControl is every asset's: a new file has a new name.
const CacheControl = "public, max-age=31536000, immutable"

// Types are the content types of the assets by extension.
var Types = map[string]string{".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2"}

// Compressed lists the extensions whose files have compressed bodies
// (the only ones this package holds: another kind needs its own embed).
var Compressed = []string{".css", ".svg"}

// All returns the assets by fingerprinted name: the name and a hash of
// the gzip body, which changes with the file.
var All = sync.OnceValue(func() map[string]File {
	out := map[string]File{}
	entries, _ := fs.ReadDir(files, ".")
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".gz")
		if !ok {
			continue
		}
		ext := path.Ext(name)
		typ, ok := Types[ext]
		if !ok {
			continue
		}
		f := File{Name: name, ContentType: typ}
		f.Gzip, _ = files.ReadFile(name + ".gz")
		f.Brotli, _ = files.ReadFile(name + ".br")
		sum := sha256.Sum256(f.Gzip)
		f.Hashed = strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
		gz := f.Gzip
		f.body = sync.OnceValue(func() []byte {
			r, err := gzip.NewReader(bytes.NewReader(gz))
			if err != nil {
				panic("assets: " + name + ".gz: " + err.Error()) // ours, embedded and tested: a bug
			}
			b, err := io.ReadAll(r)
			if err != nil {
				panic("assets: " + name + ".gz: " + err.Error())
			}
			return b
		})
		out[f.Hashed] = f
	}
	return out
})

// ByName returns the asset whose unhashed name is name.
func ByName(name string) (File, bool) {
	for _, f := range All() {
		if f.Name == name {
			return f, true
		}
	}
	return File{}, false
}
