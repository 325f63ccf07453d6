package survey_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// conditionalDef is a survey with a question without a section, and two
// sections: org (every type a test fits) and rooms.
const conditionalDef = `{"id": "s1", "office": "demo", "title": {"de": "T"},
 "sections": [{"id": "org", "title": {"de": "O"}}, {"id": "rooms", "title": {"de": "R"}}],
 "questions": [
  {"id": "intro", "type": "text", "label": {"de": "x"}},
  {"id": "has_rooms", "type": "yes_no", "section": "org", "label": {"de": "x"}},
  {"id": "kind", "type": "single_choice", "section": "org", "label": {"de": "x"}, "options": [{"code": "club", "label": {"de": "V"}}, {"code": "group", "label": {"de": "G"}}]},
  {"id": "needs", "type": "multiple_choice", "section": "org", "label": {"de": "x"}, "options": [{"code": "rooms", "label": {"de": "R"}}]},
  {"id": "members", "type": "number", "section": "org", "label": {"de": "x"}},
  {"id": "mood", "type": "scale", "section": "org", "label": {"de": "x"}, "min": 1, "max": 5},
  {"id": "founded", "type": "date", "section": "org", "label": {"de": "x"}},
  {"id": "site", "type": "url", "section": "org", "label": {"de": "x"}},
  {"id": "room_size", "type": "number", "section": "rooms", "label": {"de": "x"}},
  {"id": "other", "type": "text", "section": "rooms", "label": {"de": "x"}}
 ]}`

func TestShowIfValidation(t *testing.T) {
	// Each case sets the showIf of a question (by index) or of a section
	// ("s" and the index) and names the field path of the one error
	// wanted with its English and German message (a part of each), or
	// "" for a valid one.
	tests := []struct {
		name, on, showIf, path, en, de string
	}{
		{"in on a single choice", "8", `{"any": [{"question": "kind", "in": ["club"]}]}`, "", "", ""},
		{"in on yes/no", "8", `{"all": [{"question": "has_rooms", "in": ["no"]}]}`, "", "", ""},
		{"notIn on a scale", "8", `{"all": [{"question": "mood", "notIn": ["1", "5"]}]}`, "", "", ""},
		{"includes on a multiple choice", "s1", `{"any": [{"question": "needs", "includes": ["rooms"]}, {"question": "has_rooms", "in": ["no"]}]}`, "", "", ""},
		{"answered on any type", "9", `{"all": [{"question": "site", "answered": true}, {"question": "intro", "answered": false}]}`, "", "", ""},
		{"gte and lte on numbers, scales and dates", "9", `{"all": [{"question": "members", "gte": 20}, {"question": "mood", "lte": 3}, {"question": "founded", "lte": "2000-12-31"}]}`, "", "", ""},
		{"a section's question names a question without a section", "1", `{"all": [{"question": "intro", "answered": true}]}`, "", "", ""},

		{"both all and any", "8", `{"all": [{"question": "kind", "in": ["club"]}], "any": [{"question": "kind", "in": ["group"]}]}`,
			"questions[8].showIf", "either all or any", "entweder all oder any"},
		{"empty", "8", `{}`, "questions[8].showIf", "either all or any", "entweder all oder any"},
		{"an empty list", "s1", `{"any": []}`, "sections[1].showIf", "either all or any", "entweder all oder any"},
		{"no test", "8", `{"all": [{"question": "kind"}]}`, "questions[8].showIf.all[0]", "exactly one test", "genau einen Test"},
		{"two tests", "8", `{"any": [{"question": "kind", "in": ["club"], "answered": true}]}`, "questions[8].showIf.any[0]", "exactly one test", "genau einen Test"},
		{"unknown question", "8", `{"any": [{"question": "kind", "in": ["club"]}, {"question": "nope", "in": ["x"]}]}`,
			"questions[8].showIf.any[1].question", "Unknown question: nope", "Unbekannte Frage: nope"},
		{"unknown option code", "8", `{"any": [{"question": "kind", "in": ["club", "party"]}]}`,
			"questions[8].showIf.any[0].in[1]", "Not an answer of this question: party", "Keine Antwort dieser Frage: party"},
		{"yes/no takes yes and no", "8", `{"any": [{"question": "has_rooms", "in": ["true"]}]}`,
			"questions[8].showIf.any[0].in[0]", "Not an answer", "Keine Antwort"},
		{"a scale value outside the scale", "8", `{"all": [{"question": "mood", "notIn": ["6"]}]}`,
			"questions[8].showIf.all[0].notIn[0]", "Not an answer", "Keine Antwort"},
		{"an unknown code in includes", "8", `{"all": [{"question": "needs", "includes": ["money"]}]}`,
			"questions[8].showIf.all[0].includes[0]", "Not an answer", "Keine Antwort"},
		{"no codes", "8", `{"all": [{"question": "kind", "in": []}]}`, "questions[8].showIf.all[0].in", "at least one answer", "Mindestens eine Antwort"},
		{"in on a multiple choice", "8", `{"all": [{"question": "needs", "in": ["rooms"]}]}`,
			"questions[8].showIf.all[0].in", "does not fit", "passt nicht"},
		{"includes on a single choice", "8", `{"all": [{"question": "kind", "includes": ["club"]}]}`,
			"questions[8].showIf.all[0].includes", "does not fit", "passt nicht"},
		{"gte on a text", "8", `{"all": [{"question": "site", "gte": 3}]}`, "questions[8].showIf.all[0].gte", "does not fit", "passt nicht"},
		{"a date bound for a number", "8", `{"all": [{"question": "members", "gte": "2020-01-01"}]}`,
			"questions[8].showIf.all[0].gte", "are numbers", "sind Zahlen"},
		{"a number bound for a date", "8", `{"all": [{"question": "founded", "lte": 2000}]}`,
			"questions[8].showIf.all[0].lte", "2027-03-14", "2027-03-14"},
		{"no day as a date bound", "8", `{"all": [{"question": "founded", "lte": "2000-02-30"}]}`,
			"questions[8].showIf.all[0].lte", "2027-03-14", "2027-03-14"},
		{"the same section", "8", `{"all": [{"question": "other", "answered": true}]}`,
			"questions[8].showIf.all[0].question", "earlier section", "früheren Abschnitts"},
		{"a later section", "4", `{"all": [{"question": "room_size", "gte": 2}]}`,
			"questions[4].showIf.all[0].question", "earlier section", "früheren Abschnitts"},
		{"a section naming its own question", "s1", `{"all": [{"question": "other", "answered": true}]}`,
			"sections[1].showIf.all[0].question", "earlier section", "früheren Abschnitts"},
		{"a question without a section can name nothing", "0", `{"all": [{"question": "has_rooms", "in": ["yes"]}]}`,
			"questions[0].showIf.all[0].question", "earlier section", "früheren Abschnitts"},
		{"a scale value not written as a whole number", "8", `{"all": [{"question": "mood", "in": ["03"]}]}`,
			"questions[8].showIf.all[0].in[0]", "Not an answer", "Keine Antwort"},
		{"not even another without a section", "s0", `{"all": [{"question": "intro", "answered": true}]}`, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, lang := range []string{"en", "de"} {
				var d survey.Definition
				if err := json.Unmarshal([]byte(conditionalDef), &d); err != nil {
					t.Fatal(err)
				}
				var s survey.ShowIf
				if err := json.Unmarshal([]byte(tt.showIf), &s); err != nil {
					t.Fatal(err)
				}
				if i, ok := strings.CutPrefix(tt.on, "s"); ok {
					d.Sections[atoi(i)].ShowIf = &s
				} else {
					d.Questions[atoi(tt.on)].ShowIf = &s
				}
				err := survey.ValidateDefinition(&d, lang)
				if tt.path == "" {
					if err != nil {
						t.Fatalf("%s: want valid, got %v", lang, apperr.As(err).Fields)
					}
					continue
				}
				e := apperr.As(err)
				if e == nil || len(e.Fields) != 1 {
					t.Fatalf("%s: want one error at %s, got %v", lang, tt.path, err)
				}
				want := tt.en
				if lang == "de" {
					want = tt.de
				}
				if fe := e.Fields[0]; fe.Field != tt.path || !strings.Contains(fe.Message, want) {
					t.Fatalf("%s: got %s %q, want %s %q", lang, fe.Field, fe.Message, tt.path, want)
				}
			}
		})
	}
}

// A condition on a scale whose own bounds are broken neither panics nor
// lists a billion steps: the scale's error is reported, and the code
// is judged against what bounds there are.
func TestConditionOnABrokenScale(t *testing.T) {
	for _, bounds := range []string{``, `, "min": 0, "max": 1000000000`} {
		def := strings.Replace(conditionalDef, `"min": 1, "max": 5`, strings.TrimPrefix(bounds, ", "), 1)
		if bounds == "" {
			def = strings.Replace(conditionalDef, `, "min": 1, "max": 5`, "", 1)
		}
		var d survey.Definition
		if err := json.Unmarshal([]byte(def), &d); err != nil {
			t.Fatal(err)
		}
		d.Questions[8].ShowIf = &survey.ShowIf{All: []survey.Condition{{Question: "mood", In: []string{"3"}}}}
		e := apperr.As(survey.ValidateDefinition(&d, "en"))
		if e == nil || e.Fields[0].Field != "questions[5].max" {
			t.Fatalf("bounds %q: %v", bounds, e)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// A retired question is never asked, may sit in a removed section, and
// no condition may name it; a question whose options are all retired has
// none.
func TestRetiredInDefinitions(t *testing.T) {
	var d survey.Definition
	if err := json.Unmarshal([]byte(conditionalDef), &d); err != nil {
		t.Fatal(err)
	}
	d.Questions[1].Retired = true
	d.Questions[1].Section = "gone"
	if err := survey.ValidateDefinition(&d, "en"); err != nil {
		t.Fatalf("retired in a removed section: %v", apperr.As(err).Fields)
	}
	if d.Asked(map[string]any{"has_rooms": true})["has_rooms"] {
		t.Error("a retired question is asked")
	}
	d.Questions[8].ShowIf = &survey.ShowIf{All: []survey.Condition{{Question: "has_rooms", In: []string{"no"}}}}
	err := survey.ValidateDefinition(&d, "en")
	if e := apperr.As(err); e == nil || e.Fields[0].Field != "questions[8].showIf.all[0].question" {
		t.Fatalf("a condition on a retired question: %v", err)
	}
	d.Questions[8].ShowIf = nil
	for i := range d.Questions[2].Options {
		d.Questions[2].Options[i].Retired = true
	}
	err = survey.ValidateDefinition(&d, "en")
	if e := apperr.As(err); e == nil || e.Fields[0].Field != "questions[2].options" {
		t.Fatalf("every option retired: %v", err)
	}
	if c := d.Questions[2].Choices("de"); len(c) != 0 {
		t.Fatalf("retired options offered: %v", c)
	}
}
