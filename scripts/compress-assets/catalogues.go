package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/localaws"
)

// With the argument "catalogues" (`go generate ./shared/i18n`), this
// command writes <lang>.json.gz, gzip at the best compression and
// deterministic (no name, no time), beside every message catalogue
// <lang>.json: the functions embed only the compressed files (a quarter
// of the size; the admin function's console texts alone are 460 KB of
// JSON), and i18n unpacks a language when it is first used. The JSON
// files are the source, edited by hand or script; i18n's test
// TestCompressedCataloguesMatchTheirSources fails until they are
// compressed again.

// Dirs are the catalogue folders, from the repository's root.
var Dirs = []string{"shared/i18n/catalogue", "shared/web/console/catalogue", "shared/directory/catalogue", "shared/xlsform/catalogue"}

// catalogues writes <lang>.json.gz beside every message catalogue.
func catalogues() {
	root, err := localaws.FindRoot()
	if err != nil {
		fail(err)
	}
	for _, rel := range Dirs {
		dir := filepath.Join(root, rel)
		entries, err := os.ReadDir(dir)
		if err != nil {
			fail(err)
		}
		in, out := 0, 0
		for _, e := range entries {
			name := e.Name()
			if strings.HasSuffix(name, ".json.gz") {
				if _, err := os.Stat(filepath.Join(dir, strings.TrimSuffix(name, ".gz"))); os.IsNotExist(err) {
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
			gz := Gzip(body)
			if err := os.WriteFile(filepath.Join(dir, name+".gz"), gz, 0o644); err != nil {
				fail(err)
			}
			in, out = in+len(body), out+len(gz)
		}
		fmt.Printf("%s: %d bytes of JSON, %d gzip\n", rel, in, out)
	}
}
