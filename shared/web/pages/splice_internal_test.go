package pages

import (
	"strings"
	"testing"

	template "github.com/integration-offices/netzwerk-backend/third_party/htmltemplate"
)

// TestSpliceable: a value goes into a copy's mark as it is only when
// html/template writes it as it is, in text and in a quoted attribute;
// a link's token only with the characters a URL's query keeps.
func TestSpliceable(t *testing.T) {
	tpl := template.Must(template.New("t").Parse(`<p>{{.}}</p><input value="{{.}}">`))
	for _, s := range []string{"Kulturbrücke Ünye e.V.", "جمعية الجسر – Світанок", "Eltern & Kinder", `"Regenbogen"`, "a+b", "<b>", "it's",
		"tab\there", "", "org-mark-abc", "Bookmark-Verein", "x\x00y", "\xff"} {
		var b strings.Builder
		if err := tpl.Execute(&b, s); err != nil {
			t.Fatal(err)
		}
		same := b.String() == "<p>"+s+`</p><input value="`+s+`">`
		if spliceable(s) && !same {
			t.Errorf("%q: spliceable, but the template writes %q", s, b.String())
		}
	}
	for s, want := range map[string]bool{"1uvXOOH0_emx6NYWmrJwbTJsFoL9QTwP1__5dvLJIY8": true, "ZGVtbw.G9EjC8hTt8R6": true,
		"a b": false, "a%20b": false, "a/b": false, "a?b=c": false, "ä": false, "": false, "link-mark-x": false} {
		if spliceableLink(s) != want {
			t.Errorf("spliceableLink(%q) = %v, want %v", s, !want, want)
		}
	}
}
