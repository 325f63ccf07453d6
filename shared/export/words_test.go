package export

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// The export's words live in the console's catalogue (the admin function
// links both).
func init() { i18n.Extend(os.DirFS("../web/console/catalogue")) }

// TestRowsInWordsAndCodes: one response in words (German, Turkish) and in
// codes: a choice's label, yes and no, "not asked" for a question whose
// condition did not hold, empty for one asked and not answered; retired
// questions and options come after the others, with the answers given
// before they were retired.
func TestRowsInWordsAndCodes(t *testing.T) {
	yes := []string{"yes"}
	d := &survey.Definition{Settings: survey.Settings{
		Sections: []survey.Section{{ID: "a"}, {ID: "b"}},
		Questions: []survey.Question{
			{ID: "old", Type: survey.TypeText, Section: "a", Retired: true, Label: i18n.Text{"de": "Alt"}},
			{ID: "abroad", Type: survey.TypeYesNo, Section: "a", Label: i18n.Text{"de": "Ausland"}},
			{ID: "size", Type: survey.TypeSingleChoice, Section: "a", Label: i18n.Text{"de": "Größe"}, Options: []survey.Option{
				{Code: "big", Label: i18n.Text{"de": "groß", "tr": "büyük"}, Retired: true}, {Code: "small", Label: i18n.Text{"de": "klein", "tr": "küçük"}}}},
			{ID: "where", Type: survey.TypeMultipleChoice, Section: "b", ShowIf: &survey.ShowIf{All: []survey.Condition{{Question: "abroad", In: yes}}},
				Label: i18n.Text{"de": "Wo"}, Options: []survey.Option{{Code: "tr", Label: i18n.Text{"de": "Türkei"}}, {Code: "ua", Label: i18n.Text{"de": "Україна"}}}},
			{ID: "note", Type: survey.TypeText, Section: "b", ShowIf: &survey.ShowIf{All: []survey.Condition{{Question: "abroad", In: yes}}}, Label: i18n.Text{"de": "Notiz"}},
		},
	}}
	priv := true
	row := func(answers map[string]any, o Options) []string {
		o.Zone = time.UTC
		r := &survey.Response{ID: "r1", Language: "tr", Answers: answers, Consent: survey.Consent{Privacy: &priv}}
		var out []string
		for _, c := range ResponseRow(nil, d, r, o) {
			out = append(out, c.Value)
		}
		return out[4:] // after id, time, language, invitation
	}
	head := func(o Options) string {
		var out []string
		for _, c := range ResponseHeader(d, o) {
			out = append(out, c.Value)
		}
		return strings.Join(out[4:], "|")
	}
	if got := head(Options{}); !strings.HasPrefix(got, "abroad|size|where.tr|where.ua|note|old|consent.privacy") {
		t.Errorf("columns: %s", got)
	}
	for _, c := range []struct {
		name    string
		answers map[string]any
		o       Options
		want    string
	}{
		{"abroad, words", map[string]any{"abroad": true, "size": "small", "where": []string{"ua"}, "note": "Straße ğ", "old": "früher"},
			Options{Words: true, Lang: "de"}, "Ja|klein|Nein|Ja|Straße ğ|früher|Ja"},
		{"abroad, Turkish", map[string]any{"abroad": true, "size": "big"}, Options{Words: true, Lang: "tr"}, "Evet|büyük|||||Evet"},
		{"at home, words", map[string]any{"abroad": false, "size": "small"}, Options{Words: true, Lang: "de"}, "Nein|klein|nicht gefragt|nicht gefragt|nicht gefragt||Ja"},
		{"at home, codes", map[string]any{"abroad": false, "size": "small"}, Options{}, "0|small|not_asked|not_asked|not_asked||1"},
		{"unanswered, codes", map[string]any{}, Options{}, "||not_asked|not_asked|not_asked||1"},
		{"abroad, codes", map[string]any{"abroad": true, "where": []string{"tr", "ua"}}, Options{}, "1||1|1|||1"},
	} {
		if got := strings.Join(row(c.answers, c.o), "|"); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s: %s, want %s…", c.name, got, c.want)
		}
	}
	// The question sheet explains the marker.
	sheet := QuestionSheet(d, Options{Lang: "de"})
	if last := sheet.Rows[len(sheet.Rows)-1]; last[0].Value != NotAsked || !strings.Contains(last[1].Value, "nicht gestellt") {
		t.Errorf("question sheet's last row: %v", last)
	}
}
