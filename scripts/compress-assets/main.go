// Command compress-assets writes the compressed bodies of the pages'
// assets (shared/web/assets): <file>.gz, gzip at the best compression,
// and <file>.br, brotli at quality 11, both deterministic (no name, no
// time). `go generate ./shared/web/assets` and scripts/purge-css run it;
// the assets' test checks that the committed files match. With the
// argument "catalogues" it writes the message catalogues as the functions
// embed them (catalogues.go).
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/andybalholm/brotli"
)

// compressed are the extensions whose files get compressed bodies, as
// assets.Compressed (which this command cannot import: the package
// embeds what it writes).
var compressed = []string{".css", ".svg"}

func main() {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if dir == "catalogues" {
		catalogues()
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		fail(err)
	}
	for _, e := range entries {
		name := e.Name()
		if !slices.Contains(compressed, filepath.Ext(name)) {
			continue
		}
		body, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			fail(err)
		}
		gz, br := Gzip(body), Brotli(body)
		for ext, b := range map[string][]byte{".gz": gz, ".br": br} {
			if err := os.WriteFile(filepath.Join(dir, name+ext), b, 0o644); err != nil {
				fail(err)
			}
		}
		fmt.Printf("%s: %d bytes, gzip %d, brotli %d\n", name, len(body), len(gz), len(br))
	}
}

// Gzip is body at gzip's best compression.
func Gzip(body []byte) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	_, _ = w.Write(body)
	_ = w.Close()
	return b.Bytes()
}

// Brotli is body at brotli's best compression (quality 11, a 4 MB
// window: larger than any of our files).
func Brotli(body []byte) []byte {
	var b bytes.Buffer
	w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 22})
	_, _ = w.Write(body)
	_ = w.Close()
	return b.Bytes()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compress-assets:", err)
	os.Exit(1)
}
