package office_test

import (
	"reflect"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/office"
)

// TestBlocks: a heading is its own line, the text under it may follow on
// the next line; lists are lines starting with "- "; blank lines end
// paragraphs.
func TestBlocks(t *testing.T) {
	got := office.Blocks("## Wer ist verantwortlich?\nLandratsamt Musterkreis,\nBahnhofstraße 1.\n\n## Welche Angaben\n- Name\n- E-Mail\r\n\r\n### Fristen\nEin Jahr.\n- danach gelöscht\n\nEnde.")
	want := []office.Block{
		{Kind: "h2", Lines: []string{"Wer ist verantwortlich?"}},
		{Kind: "p", Lines: []string{"Landratsamt Musterkreis,", "Bahnhofstraße 1."}},
		{Kind: "h2", Lines: []string{"Welche Angaben"}},
		{Kind: "ul", Lines: []string{"Name", "E-Mail"}},
		{Kind: "h3", Lines: []string{"Fristen"}},
		{Kind: "p", Lines: []string{"Ein Jahr."}},
		{Kind: "ul", Lines: []string{"danach gelöscht"}},
		{Kind: "p", Lines: []string{"Ende."}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocks:\n got %q\nwant %q", got, want)
	}
}
