package i18n

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// catalogueDirs are the folders of catalogues, from this package's
// (scripts/compress-assets/catalogues.go names them from the root).
var catalogueDirs = []string{"catalogue", "../web/console/catalogue", "../directory/catalogue", "../xlsform/catalogue"}

// TestCompressedCataloguesMatchTheirSources: the functions embed the
// compressed catalogues; each is its JSON source beside it, and each
// source has one.
func TestCompressedCataloguesMatchTheirSources(t *testing.T) {
	for _, dir := range catalogueDirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		sources := 0
		for _, e := range entries {
			name := e.Name()
			switch {
			case strings.HasSuffix(name, ".json"):
				sources++
				want, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				got, err := ReadCatalogue(os.DirFS(dir), name)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s/%s.gz is not its source (%v): run go generate ./shared/i18n", dir, name, err)
				}
			case strings.HasSuffix(name, ".json.gz"):
				if _, err := os.Stat(filepath.Join(dir, strings.TrimSuffix(name, ".gz"))); err != nil {
					t.Errorf("%s/%s has no source: run go generate ./shared/i18n", dir, name)
				}
			}
		}
		if sources != len(Supported) {
			t.Errorf("%s: %d catalogues, want one per language (%d)", dir, sources, len(Supported))
		}
	}
}

// TestLoadReadsOnce: a catalogue asked for by many at once (a page
// beside the prewarm) is read once, and all get the same one.
func TestLoadReadsOnce(t *testing.T) {
	got := make(chan Catalogue, 8)
	for range cap(got) {
		go func() { got <- Load("uk") }()
	}
	first := <-got
	for range cap(got) - 1 {
		if c := <-got; reflect.ValueOf(c).UnsafePointer() != reflect.ValueOf(first).UnsafePointer() {
			t.Fatal("two copies of one catalogue")
		}
	}
	if first == nil || T("uk", "page.consent_privacy") == "" || Load("xx") != nil {
		t.Fatal("no catalogue, or one for a language there is none of")
	}
}
