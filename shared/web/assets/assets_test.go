package assets_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/integration-offices/netzwerk-backend/shared/web/assets"
)

// TestCompressedBodiesAreTheFiles: every stylesheet has a gzip and a
// brotli body made at build time, and each decompresses to the file
// beside it (its source, which no function embeds). When this fails, a
// file changed without its compressed bodies: run
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
		source, err := os.ReadFile(f.Name)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if f.Gzip == nil || f.Brotli == nil {
			t.Errorf("%s: gzip %d bytes, brotli %d: run go generate ./shared/web/assets", f.Name, len(f.Gzip), len(f.Brotli))
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(f.Gzip))
		if err != nil {
			t.Fatal(err)
		}
		gz, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(gz, source) || !bytes.Equal(f.Body(), source) {
			t.Errorf("%s.gz is not %s (%v): run go generate ./shared/web/assets", f.Name, f.Name, err)
		}
		br, err := io.ReadAll(brotli.NewReader(bytes.NewReader(f.Brotli)))
		if err != nil || !bytes.Equal(br, source) {
			t.Errorf("%s.br is not %s (%v): run go generate ./shared/web/assets", f.Name, f.Name, err)
		}
		if len(f.Brotli) >= len(f.Gzip) || len(f.Gzip) >= len(source)/2 {
			t.Errorf("%s: %d bytes, gzip %d, brotli %d", f.Name, len(source), len(f.Gzip), len(f.Brotli))
		}
	}
	// Every file of a compressed kind is served.
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if slices.Contains(assets.Compressed, path.Ext(e.Name())) {
			if _, ok := assets.ByName(e.Name()); !ok {
				t.Errorf("%s has no compressed bodies: run go generate ./shared/web/assets", e.Name())
			}
		}
	}
}
