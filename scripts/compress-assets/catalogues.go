package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/i18n/records"
	"github.com/integration-offices/netzwerk-backend/shared/localaws"
)

// With the argument "catalogues" (`go generate ./shared/i18n`), this
// command writes beside every message catalogue <lang>.json the file the
// functions embed: in i18n's own folder (the texts of every function and
// page) <lang>.cat, the catalogue as package records writes it, read on
// a cold start without a decompressor or a JSON decoder; in the others
// (the console's, the directory's, the spreadsheets': texts of one
// function each) <lang>.json.gz, gzip at the best compression and
// deterministic (no name, no time): a quarter of the size, the admin
// function's console texts alone are 460 KB of JSON. The JSON files are
// the source, edited by hand or script; i18n's test
// TestCompiledCataloguesMatchTheirSources fails until they are written
// again.

// Dirs are the catalogue folders, from the repository's root.
var Dirs = []string{"shared/i18n/catalogue", "shared/web/console/catalogue", "shared/directory/catalogue", "shared/xlsform/catalogue"}

// catalogues writes <lang>.cat or <lang>.json.gz beside every message
// catalogue, and removes those whose source is gone.
func catalogues() {
	root, err := localaws.FindRoot()
	if err != nil {
		fail(err)
	}
	for i, rel := range Dirs {
		dir := filepath.Join(root, rel)
		ext := ".json.gz"
		if i == 0 {
			ext = ".cat"
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			fail(err)
		}
		in, out := 0, 0
		for _, e := range entries {
			name := e.Name()
			if strings.HasSuffix(name, ".json.gz") || strings.HasSuffix(name, ".cat") {
				source := strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".cat")
				if name == source+".cat" {
					source += ".json"
				}
				if _, err := os.Stat(filepath.Join(dir, source)); os.IsNotExist(err) || !strings.HasSuffix(name, ext) {
					// A catalogue removed: its compressed copy goes too.
					if err := os.Remove(filepath.Join(dir, name)); err != nil {
						fail(err)
					}
				}
				continue
			}
			if filepath.Ext(name) != ".json" {
				continue
			}
			body, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				fail(err)
			}
			to, made := strings.TrimSuffix(name, ".json")+ext, []byte(nil)
			if ext == ".cat" {
				entries, err := records.FromJSON(body)
				if err == nil {
					made, err = records.Encode(entries)
				}
				if err != nil {
					fail(fmt.Errorf("%s/%s: %w", rel, name, err))
				}
			} else {
				to, made = name+".gz", Gzip(body)
			}
			if err := os.WriteFile(filepath.Join(dir, to), made, 0o644); err != nil {
				fail(err)
			}
			in, out = in+len(body), out+len(made)
		}
		fmt.Printf("%s: %d bytes of JSON, %d bytes of %s\n", rel, in, out, ext)
	}
}
