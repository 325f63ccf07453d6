package xlsform

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// TestReadKoboToolbox: a workbook as KoboToolbox's form builder exports
// it (languages as "Name (code)", "begin group", TRUE() and true,
// metadata rows, its own $kuid and appearance columns, a yes/no list,
// selected() of a single choice, plain label in the default language,
// form_title) is read.
func TestReadKoboToolbox(t *testing.T) {
	s := sheets{
		{"survey", [][]string{
			{"type", "name", "label::Deutsch (de)", "label::English (en)", "hint::Deutsch (de)", "required", "relevant", "appearance", "constraint", "constraint_message::English (en)", "$kuid"},
			{"start", "start", "", "", "", "", "", "", "", "", "k1"},
			{"end", "end", "", "", "", "", "", "", "", "", "k2"},
			{"begin group", "org", "Organisation", "Organisation", "", "", "", "field-list", "", "", "k3"},
			{"text", "org_name", "Name", "Name", "Wie heißt sie?", "TRUE()", "", "", "", "", "k4"},
			{"select_one yes_no", "has_rooms", "Eigene Räume?", "Own rooms?", "", "true", "", "", "", "", "k5"},
			{"select_multiple needs", "needs", "Bedarfe", "Needs", "", "false", "", "minimal", "", "", "k6"},
			{"integer", "members", "Mitglieder", "Members", "", "", "", "", ". >= 0 and . <= 100000", "At least 0", "k7"},
			{"end group", "", "", "", "", "", "", "", "", "", "k8"},
			{"begin_group", "more", "Mehr", "More", "", "", "selected(${has_rooms}, 'no') or selected(${needs}, 'rooms') or ${members} >= 20", "", "", "", "k9"},
			{"text", "rooms_wish", "Welche Räume?", "Which rooms?", "", "", "", "multiline", "", "", "k10"},
			{"date", "founded", "Gegründet", "Founded", "", "", "${org_name} != ''", "", ". <= today()", "", "k11"},
			{"end_group", "", "", "", "", "", "", "", "", "", "k12"},
		}},
		{"choices", [][]string{
			{"list_name", "name", "label::Deutsch (de)", "label::English (en)", "$kuid"},
			{"yes_no", "yes", "Ja", "Yes", "c1"},
			{"yes_no", "no", "Nein", "No", "c2"},
			{"needs", "rooms", "Räume", "Rooms", "c3"},
			{"needs", "money", "Geld", "Money", "c4"},
		}},
		{"settings", [][]string{
			{"form_title", "form_id", "version", "default_language", "style"},
			{"Bedarfe 2027", "needs_2027", "1 (2027-01-10 10:00:00)", "Deutsch (de)", "pages"},
		}},
	}
	_, err := Read(book(t, s), "en")
	// ". <= today()" is no constraint of ours: said at its cell.
	f := fieldsOf(t, err)
	if len(f) != 1 || f[0].Field != "survey!I12" {
		t.Fatalf("%+v", f)
	}
	s[0].rows[11][8] = ". <= date('2027-01-01')"
	got, err := Read(book(t, s), "en")
	if err != nil {
		t.Fatalf("%v %+v", err, apperr.As(err))
	}
	b, _ := json.Marshal(got)
	want := `{"id":"needs-2027","title":{"de":"Bedarfe 2027"},"sections":[` +
		`{"id":"org","title":{"de":"Organisation","en":"Organisation"}},` +
		`{"id":"more","title":{"de":"Mehr","en":"More"},"showIf":{"any":[{"question":"has_rooms","in":["no"]},{"question":"needs","includes":["rooms"]},{"question":"members","gte":20}]}}],` +
		`"questions":[` +
		`{"id":"org_name","type":"text","section":"org","label":{"de":"Name","en":"Name"},"help":{"de":"Wie heißt sie?"},"required":true},` +
		`{"id":"has_rooms","type":"single_choice","section":"org","label":{"de":"Eigene Räume?","en":"Own rooms?"},"required":true,"options":[{"code":"yes","label":{"de":"Ja","en":"Yes"}},{"code":"no","label":{"de":"Nein","en":"No"}}]},` +
		`{"id":"needs","type":"multiple_choice","section":"org","label":{"de":"Bedarfe","en":"Needs"},"required":false,"options":[{"code":"rooms","label":{"de":"Räume","en":"Rooms"}},{"code":"money","label":{"de":"Geld","en":"Money"}}]},` +
		`{"id":"members","type":"number","section":"org","label":{"de":"Mitglieder","en":"Members"},"required":false,"min":0,"max":100000,"integer":true},` +
		`{"id":"rooms_wish","type":"long_text","section":"more","label":{"de":"Welche Räume?","en":"Which rooms?"},"required":false},` +
		`{"id":"founded","type":"date","section":"more","label":{"de":"Gegründet","en":"Founded"},"required":false,"max":"2027-01-01","showIf":{"all":[{"question":"org_name","answered":true}]}}]}`
	if string(b) != want {
		t.Errorf("read\n%s\nwant\n%s", b, want)
	}
}

// TestReadOlderSpellings: pyxform's older spellings and plain label
// columns in the default language.
func TestReadOlderSpellings(t *testing.T) {
	s := sheets{
		{"survey", [][]string{
			{"type", "name", "label", "label::English", "required"},
			{"select one colours", "colour", "Farbe", "Colour", "yes"},
			{"select all that apply colours", "colours", "Farben", "Colours", "FALSE"},
			{"select one from colours", "colour2", "Farbe", "Colour", ""},
			{"int", "n", "Zahl", "Number", "1"},
		}},
		{"choices", [][]string{{"list name", "name", "label", "label::English"}, {"colours", "red", "Rot", "Red"}}},
		{"settings", [][]string{{"form_id", "form_title"}, {"old", "Alt"}}},
	}
	got, err := Read(book(t, s), "en")
	if err != nil {
		t.Fatalf("%v %+v", err, apperr.As(err))
	}
	if got.Questions[0].Type != "single_choice" || got.Questions[1].Type != "multiple_choice" || !got.Questions[3].Integer ||
		got.Questions[2].Type != "single_choice" || got.Questions[2].Options[0].Code != "red" ||
		got.Questions[1].Required || !got.Questions[3].Required || got.Questions[0].Label["en"] != "Colour" || got.Questions[0].Options[0].Label["de"] != "Rot" ||
		got.Title["de"] != "Alt" {
		b, _ := json.Marshal(got)
		t.Errorf("%s", b)
	}
}

// TestCatalogueComplete: every workbook text in every language, with the
// German text's placeholders.
func TestCatalogueComplete(t *testing.T) {
	read := func(lang string) map[string]string {
		b, err := os.ReadFile("catalogue/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	ph := regexp.MustCompile(`\{\d\}`)
	places := func(s string) []string { p := ph.FindAllString(s, -1); slices.Sort(p); return p }
	de := read("de")
	for _, lang := range i18n.Supported {
		c := read(lang)
		for k, v := range de {
			if c[k] == "" {
				t.Errorf("%s: missing %s", lang, k)
			} else if !slices.Equal(places(c[k]), places(v)) {
				t.Errorf("%s %s: placeholders differ from German", lang, k)
			} else if lang != "de" && lang != "en" && c[k] == read("en")[k] && ph.ReplaceAllString(c[k], "") != "" {
				t.Errorf("%s %s: the English text", lang, k)
			}
		}
		if len(c) != len(de) {
			t.Errorf("%s: %d texts, German has %d", lang, len(c), len(de))
		}
	}
	if got := i18n.T("tr", "xlsform.group_open"); got != "Bu grup end_group ile kapatılmamış." {
		t.Errorf("the workbook's texts are not in the catalogue: %q", got)
	}
}
