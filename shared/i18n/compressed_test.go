package i18n

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/i18n/records"
)

// catalogueDirs are the folders of catalogues, from this package's
// (scripts/compress-assets/catalogues.go names them from the root).
var catalogueDirs = []string{"catalogue", "../web/console/catalogue", "../directory/catalogue", "../xlsform/catalogue"}

// TestCompiledCataloguesMatchTheirSources: the functions embed the
// catalogues as records (this package's, <lang>.cat) or compressed (the
// others, <lang>.json.gz); each is its JSON source beside it, and each
// source has one.
func TestCompiledCataloguesMatchTheirSources(t *testing.T) {
	for i, dir := range catalogueDirs {
		made := ".json.gz"
		if i == 0 {
			made = ".cat"
		}
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
				src, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				var got, want []byte
				if made == ".cat" {
					got, err = os.ReadFile(filepath.Join(dir, strings.TrimSuffix(name, ".json")+made))
					if err == nil {
						want, err = compile(src)
					}
				} else {
					got, err = ReadCatalogue(os.DirFS(dir), name)
					want = src
				}
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s/%s's %s is not its source (%v): run go generate ./shared/i18n", dir, name, made, err)
				}
			case strings.HasSuffix(name, ".json.gz"), strings.HasSuffix(name, ".cat"):
				source := strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".cat")
				if !strings.HasSuffix(source, ".json") {
					source += ".json"
				}
				if _, err := os.Stat(filepath.Join(dir, source)); err != nil || !strings.HasSuffix(name, made) {
					t.Errorf("%s/%s has no source, or is not what this folder embeds (%s): run go generate ./shared/i18n", dir, name, made)
				}
			}
		}
		if sources != len(Supported) {
			t.Errorf("%s: %d catalogues, want one per language (%d)", dir, sources, len(Supported))
		}
	}
}

// compile is a JSON source as its .cat.
func compile(src []byte) ([]byte, error) {
	m, err := records.FromJSON(src)
	if err != nil {
		return nil, err
	}
	return records.Encode(m)
}

// TestCataloguesReadAsTheirSources: every language's catalogue as a
// function reads it (Load) has the entries of its JSON source, texts
// and plural forms, and no other.
func TestCataloguesReadAsTheirSources(t *testing.T) {
	for _, lang := range Supported {
		src, err := os.ReadFile("catalogue/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		c := Catalogue{}
		if err := c.decode(src); err != nil {
			t.Fatal(err)
		}
		if got := read(lang); !reflect.DeepEqual(got, c) {
			t.Errorf("%s: the embedded catalogue (%d entries) is not its source (%d)", lang, len(got), len(c))
		}
	}
}

// BenchmarkCatalogue reads German as the functions do (records, "cat")
// and as they did before (gzip-compressed JSON, "json.gz").
func BenchmarkCatalogue(b *testing.B) {
	src, err := os.ReadFile("catalogue/de.json")
	if err != nil {
		b.Fatal(err)
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	_, _ = w.Write(src)
	_ = w.Close()
	b.Run("cat", func(b *testing.B) {
		for b.Loop() {
			_ = read("de")
		}
	})
	b.Run("json.gz", func(b *testing.B) {
		for b.Loop() {
			r, _ := gzip.NewReader(bytes.NewReader(gz.Bytes()))
			body, _ := io.ReadAll(r)
			_ = Catalogue{}.decode(body)
		}
	})
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
