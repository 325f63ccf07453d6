package xlsform

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/notice"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// roundTrip writes d and reads it back.
func roundTrip(t *testing.T, d *survey.Definition) *survey.Settings {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	got, err := Read(buf.Bytes(), "en")
	if err != nil {
		if e := apperr.As(err); e != nil {
			t.Fatalf("read back: %v %v", err, e.Fields)
		}
		t.Fatal(err)
	}
	return got
}

func sameSettings(t *testing.T, want survey.Settings, got *survey.Settings) {
	t.Helper()
	w, _ := json.MarshalIndent(want, "", " ")
	g, _ := json.MarshalIndent(got, "", " ")
	if !bytes.Equal(w, g) {
		t.Errorf("read back another definition:\nwant %s\n got %s", w, g)
	}
}

// TestRoundTripDemo: the demo survey, written and read back, is the same
// definition.
func TestRoundTripDemo(t *testing.T) {
	d := seed.DemoSurvey()
	sameSettings(t, d.Settings, roundTrip(t, d))
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

func text(de, en string) survey.Text { return survey.Text{"de": de, "en": en} }

// synthetic is a definition with every question type, every condition
// test, sections (one whose questions are not together, one empty, one
// after a question without section), and every setting.
func synthetic() *survey.Definition {
	opens := time.Date(2027, 3, 1, 9, 30, 0, 0, time.FixedZone("", 3600))
	closes := time.Date(2027, 6, 30, 18, 0, 0, 0, time.UTC)
	opts := []survey.Option{{Code: "a", Label: text("A", "A")}, {Code: "b-2", Label: survey.Text{"de": "B", "ar": "ب"}}, {Code: "c_3", Label: text("C", "C")}}
	s := survey.Settings{
		ID: "synthetic", Title: survey.Text{"de": "Titel", "en": "Title", "uk": "Назва"}, Description: text("Beschreibung", "Description"),
		OpensAt: &opens, ClosesAt: &closes, RetentionDays: 365, PrivacyNotice: &notice.Notice{URL: "https://example.org/privacy", Version: "3"},
		RemindAfterDays: []int{7, 14},
		Sections: []survey.Section{
			{ID: "first", Title: text("Erstens", "First")},
			{ID: "second", Title: text("Zweitens", "Second"), ShowIf: &survey.ShowIf{All: []survey.Condition{{Question: "choice", In: []string{"a"}}}}},
			{ID: "empty", Title: survey.Text{"de": "Leer"}},
			{ID: "third", Title: text("Drittens", "Third"), ShowIf: &survey.ShowIf{Any: []survey.Condition{
				{Question: "choice", In: []string{"a", "b-2"}}, {Question: "many", Includes: []string{"a", "c_3"}}}}},
		},
		Questions: []survey.Question{
			{ID: "loose", Type: survey.TypeText, Label: text("Ohne Abschnitt", "Without section")},
			{ID: "name", Type: survey.TypeText, Section: "first", Label: text("Name", "Name"), Help: survey.Text{"de": "Hilfe", "fa": "کمک"},
				Rules: survey.Rules{Required: true, MaxLength: 120}, Profile: survey.ProfileName},
			{ID: "story", Type: survey.TypeLongText, Section: "first", Label: text("Geschichte", "Story")},
			{ID: "mail", Type: survey.TypeEmail, Section: "first", Label: text("E-Mail", "Email"), Profile: "email"},
			// Texts a spreadsheet could take for something else: a
			// formula, spaces at the ends, a line break, a number.
			{ID: "phone", Type: survey.TypePhone, Section: "first", Label: text("Telefon", "Phone"),
				Help: survey.Text{"de": "=1+1", "en": " spaced \n second line ", "tr": "0049", "ar": "@handle"}},
			{ID: "site", Type: survey.TypeURL, Section: "first", Label: text("Website", "Website"), Rules: survey.Rules{Handles: true}},
			{ID: "count", Type: survey.TypeNumber, Section: "first", Label: text("Anzahl", "Count"),
				Rules: survey.Rules{Integer: true, Min: survey.NumberBound(0), Max: survey.NumberBound(1000)}},
			{ID: "share", Type: survey.TypeNumber, Section: "first", Label: text("Anteil", "Share"), Rules: survey.Rules{Min: survey.NumberBound(-1.5)}},
			{ID: "choice", Type: survey.TypeSingleChoice, Section: "first", Label: text("Wahl", "Choice"), Options: opts, Rules: survey.Rules{Required: true}},
			{ID: "many", Type: survey.TypeMultipleChoice, Section: "first", Label: text("Mehrere", "Several"), Options: opts},
			{ID: "ok", Type: survey.TypeYesNo, Section: "first", Label: text("Ja?", "Yes?")},
			{ID: "rate", Type: survey.TypeScale, Section: "first", Label: text("Note", "Rating"), Rules: survey.Rules{Min: survey.NumberBound(1), Max: survey.NumberBound(5)}},
			{ID: "when", Type: survey.TypeDate, Section: "first", Label: text("Wann", "When"),
				Rules: survey.Rules{Min: survey.DateBound("2020-01-01"), Max: survey.DateBound("2030-12-31")}},
			{ID: "s1", Type: survey.TypeText, Section: "second", Label: survey.Text{"de": "Nein gewählt"},
				ShowIf: &survey.ShowIf{All: []survey.Condition{{Question: "ok", In: []string{"no"}}}}},
			{ID: "s2", Type: survey.TypeText, Section: "second", Label: survey.Text{"de": "Nicht a, nicht b"},
				ShowIf: &survey.ShowIf{All: []survey.Condition{{Question: "choice", NotIn: []string{"a", "b-2"}}, {Question: "rate", NotIn: []string{"3"}}}}},
			{ID: "t1", Type: survey.TypeText, Section: "third", Label: survey.Text{"de": "Viele"},
				ShowIf: &survey.ShowIf{All: []survey.Condition{{Question: "count", Gte: survey.NumberBound(20)}, {Question: "count", Lte: survey.NumberBound(99.5)}}}},
			{ID: "t2", Type: survey.TypeText, Section: "third", Label: survey.Text{"de": "Beantwortet"},
				ShowIf: &survey.ShowIf{Any: []survey.Condition{{Question: "site", Answered: yes()}, {Question: "mail", Answered: no()}}}},
			{ID: "t3", Type: survey.TypeText, Section: "third", Label: survey.Text{"de": "Datum"},
				ShowIf: &survey.ShowIf{All: []survey.Condition{{Question: "when", Gte: survey.DateBound("2025-01-01")}, {Question: "when", Lte: survey.DateBound("2026-01-01")}, {Question: "rate", In: []string{"4"}}}}},
			// Not in the relevant grammar: an "any" of one, an "all" with
			// a list that needs "or": written as show_if's JSON.
			{ID: "t4", Type: survey.TypeText, Section: "third", Label: survey.Text{"de": "Eins von einem"},
				ShowIf: &survey.ShowIf{Any: []survey.Condition{{Question: "ok", In: []string{"yes"}}}}},
			{ID: "t5", Type: survey.TypeText, Section: "third", Label: survey.Text{"de": "Und mit oder"},
				ShowIf: &survey.ShowIf{All: []survey.Condition{{Question: "choice", In: []string{"a", "c_3"}}, {Question: "ok", In: []string{"yes"}}}}},
			// The first section again, after others: its group is opened again.
			{ID: "back", Type: survey.TypeText, Section: "first", Label: survey.Text{"de": "Zurück"}},
			// Retired: a question, an option, a question of a section
			// removed since.
			{ID: "gone", Type: survey.TypeSingleChoice, Section: "first", Label: survey.Text{"de": "Weg"}, Retired: true,
				Options: []survey.Option{{Code: "x", Label: survey.Text{"de": "X"}}, {Code: "y", Label: survey.Text{"de": "Y"}, Retired: true}}},
			{ID: "orphan", Type: survey.TypeText, Section: "removed", Label: survey.Text{"de": "Verwaist"}, Retired: true},
		},
	}
	return &survey.Definition{Settings: s, Office: "demo"}
}

// TestRoundTripEveryType: every type, condition test, section shape and
// setting survives writing and reading.
func TestRoundTripEveryType(t *testing.T) {
	d := synthetic()
	if err := survey.ValidateDefinition(d, "en"); err != nil {
		t.Fatalf("the synthetic definition is invalid: %v %v", err, apperr.As(err).Fields)
	}
	seen := map[survey.QuestionType]bool{}
	for _, q := range d.Questions {
		seen[q.Type] = true
	}
	for _, k := range survey.Kinds() {
		if !seen[k.Type] {
			t.Errorf("the synthetic definition lacks type %s", k.Type)
		}
		if k.XLSForm == "" {
			t.Errorf("type %s has no name in spreadsheets (Kind.XLSForm)", k.Type)
		}
	}
	sameSettings(t, d.Settings, roundTrip(t, d))
}

// TestRelevantGrammar: AUTHORING.md's forms, each read and written back.
func TestRelevantGrammar(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`${q} = 'x'`, `{"all":[{"question":"q","in":["x"]}]}`},
		{`${q} != 'x'`, `{"all":[{"question":"q","notIn":["x"]}]}`},
		{`selected(${q}, 'x')`, `{"all":[{"question":"q","includes":["x"]}]}`},
		{`${q} >= 20`, `{"all":[{"question":"q","gte":20}]}`},
		{`${q} <= 2.5`, `{"all":[{"question":"q","lte":2.5}]}`},
		{`${q} >= date('2027-01-01')`, `{"all":[{"question":"q","gte":"2027-01-01"}]}`},
		{`${q} <= '2027-01-01'`, `{"all":[{"question":"q","lte":"2027-01-01"}]}`},
		{`${q} != ''`, `{"all":[{"question":"q","answered":true}]}`},
		{`${q} = ""`, `{"all":[{"question":"q","answered":false}]}`},
		{`${a} = 'x' or ${a} = 'y' or selected(${b},"z")`, `{"any":[{"question":"a","in":["x","y"]},{"question":"b","includes":["z"]}]}`},
		{`${a}!='x' and ${a}!='y' and ${c}>=3`, `{"all":[{"question":"a","notIn":["x","y"]},{"question":"c","gte":3}]}`},
		{`${q} = 3`, `{"all":[{"question":"q","in":["3"]}]}`},
	} {
		got, ok := parseRelevant(c.in)
		if !ok {
			t.Errorf("%s: not read", c.in)
			continue
		}
		if b, _ := json.Marshal(got); string(b) != c.want {
			t.Errorf("%s: %s, want %s", c.in, b, c.want)
		}
	}
	for _, bad := range []string{
		`${a} = 'x' and ${b} = 'y' or ${c} = 'z'`, `(${a} = 'x')`, `${a} > 3`, `not(selected(${a}, 'x'))`,
		`${a} = 'x' and`, `count-selected(${a}) >= 2`, `${a} = 'x`, `${a}`, `. = 'x'`, `${a} >= 'abc'`, `${a} = date('2027-01-01')`,
	} {
		if _, ok := parseRelevant(bad); ok {
			t.Errorf("%s: read, want a problem", bad)
		}
	}
}

// TestWriteRemovedSection: a question of a section the definition no
// longer has (kept, retired, after the section was removed) stands
// outside the groups, its section in extra, and reads back with it.
func TestWriteRemovedSection(t *testing.T) {
	d := synthetic()
	d.Questions = append(d.Questions, survey.Question{ID: "old", Type: survey.TypeText, Section: "gone", Label: survey.Text{"de": "Alt"}, Retired: true})
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	form, err := Parse(buf.Bytes(), "de")
	if err != nil || form == nil || len(form.Settings.Sections) != len(d.Sections) || form.Settings.Questions[len(d.Questions)-1].Section != "gone" {
		t.Fatalf("%v %+v", err, form)
	}
}

// TestWriteTooLong: a text longer than a cell holds is refused (409),
// not cut.
func TestWriteTooLong(t *testing.T) {
	d := synthetic()
	d.Description["de"] = strings.Repeat("ä", maxCellChars+1)
	err := Write(&bytes.Buffer{}, d)
	if e := apperr.As(err); e == nil || e.Code != apperr.Conflict || i18n.T("en", e.Key, e.Args...) !=
		"A text is longer than a cell holds (32767 characters): sheet settings, cell E2. Shorten it in the editor or through the JSON API." {
		t.Fatalf("%v", err)
	}
}
