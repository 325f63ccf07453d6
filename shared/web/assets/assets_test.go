package assets_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/integration-offices/netzwerk-backend/shared/web/assets"
)

// TestCompressedBodiesAreTheFiles: every stylesheet has a gzip and a
// brotli body made at build time, and each decompresses to the file.
// When this fails, a file changed without its compressed bodies: run
// `go generate ./shared/web/assets` (scripts/purge-css does).
func TestCompressedBodiesAreTheFiles(t *testing.T) {
	all := assets.All()
	if len(all) < 2 {
		t.Fatalf("%d assets", len(all))
	}
	for hashed, f := range all {
		if !strings.HasPrefix(hashed, strings.TrimSuffix(f.Name, path.Ext(f.Name))+".") || f.Path() != "/assets/"+hashed {
			t.Errorf("%s: path %s", f.Name, f.Path())
		}
		if !slices.Contains(assets.Compressed, path.Ext(f.Name)) {
			continue
		}
		if f.Gzip == nil || f.Brotli == nil {
			t.Errorf("%s: no compressed bodies that match it (gzip %d bytes, brotli %d): run go generate ./shared/web/assets", f.Name, len(f.Gzip), len(f.Brotli))
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(f.Gzip))
		if err != nil {
			t.Fatal(err)
		}
		gz, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(gz, f.Body) {
			t.Errorf("%s.gz is not %s (%v): run go generate ./shared/web/assets", f.Name, f.Name, err)
		}
		br, err := io.ReadAll(brotli.NewReader(bytes.NewReader(f.Brotli)))
		if err != nil || !bytes.Equal(br, f.Body) {
			t.Errorf("%s.br is not %s (%v): run go generate ./shared/web/assets", f.Name, f.Name, err)
		}
		if len(f.Brotli) >= len(f.Gzip) || len(f.Gzip) >= len(f.Body)/2 {
			t.Errorf("%s: %d bytes, gzip %d, brotli %d", f.Name, len(f.Body), len(f.Gzip), len(f.Brotli))
		}
	}
}

// TestStaleGzipIsLeftOut: a compressed body made from another file is not
// served (gzip's trailer names what it compressed).
func TestStaleGzipIsLeftOut(t *testing.T) {
	f, ok := assets.ByName("site.css")
	if !ok || f.Gzip == nil {
		t.Fatal("no site.css with its gzip")
	}
	if !assets.Matches(f.Gzip, f.Body) || assets.Matches(f.Gzip, append(slices.Clone(f.Body), ' ')) || assets.Matches(nil, f.Body) {
		t.Error("Matches does not tell the file from another")
	}
}
