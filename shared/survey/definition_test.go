package survey_test

import (
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

func f(v float64) *float64 { return &v }

func validDef() *survey.Definition {
	return &survey.Definition{
		ID: "s1", Office: "demo", Title: survey.Text{"de": "Umfrage", "en": "Survey"},
		Questions: []survey.Question{
			{ID: "name", Type: survey.TypeText, Label: survey.Text{"de": "Name"}, Required: true},
			{ID: "kind", Type: survey.TypeSingleChoice, Label: survey.Text{"de": "Art"},
				Options: []survey.Option{{Code: "a", Label: survey.Text{"de": "A"}}}},
		},
	}
}

func TestDefinitionValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *survey.Definition)
		want   string // substring of the error; empty: valid
	}{
		{"valid", func(d *survey.Definition) {}, ""},
		{"duplicate question id", func(d *survey.Definition) { d.Questions[1].ID = "name" }, "duplicate question id"},
		{"empty options", func(d *survey.Definition) { d.Questions[1].Options = nil }, "no options"},
		{"missing German label", func(d *survey.Definition) { d.Questions[0].Label = survey.Text{"en": "Name"} }, "missing German (de) text"},
		{"missing German option label", func(d *survey.Definition) { d.Questions[1].Options[0].Label = survey.Text{"en": "A"} }, "option a: missing German"},
		{"missing German title", func(d *survey.Definition) { d.Title = survey.Text{"en": "x"} }, "title: missing German"},
		{"duplicate option", func(d *survey.Definition) {
			d.Questions[1].Options = append(d.Questions[1].Options, d.Questions[1].Options[0])
		}, "duplicate option code"},
		{"bad option code", func(d *survey.Definition) { d.Questions[1].Options[0].Code = "A B" }, "option code"},
		{"unknown type", func(d *survey.Definition) { d.Questions[0].Type = "essay" }, "unknown type"},
		{"bad id", func(d *survey.Definition) { d.ID = "Bad Id" }, "survey id"},
		{"no questions", func(d *survey.Definition) { d.Questions = nil }, "no questions"},
		{"scale without bounds", func(d *survey.Definition) {
			d.Questions = append(d.Questions, survey.Question{ID: "sc", Type: survey.TypeScale, Label: survey.Text{"de": "S"}})
		}, "scale needs"},
		{"number min over max", func(d *survey.Definition) {
			d.Questions = append(d.Questions, survey.Question{ID: "n", Type: survey.TypeNumber, Label: survey.Text{"de": "N"}, Min: f(5), Max: f(1)})
		}, "min greater than max"},
		{"window reversed", func(d *survey.Definition) {
			a, b := time.Now(), time.Now().Add(-time.Hour)
			d.OpensAt, d.ClosesAt = &a, &b
		}, "opensAt must be before closesAt"},
		{"options on text", func(d *survey.Definition) { d.Questions[0].Options = d.Questions[1].Options }, "options only on choice"},
		{"unknown language", func(d *survey.Definition) { d.Questions[0].Label["xx"] = "?" }, "unknown language"},
		{"unknown section", func(d *survey.Definition) { d.Questions[0].Section = "nope" }, "unknown section"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validDef()
			tt.change(d)
			err := d.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("want valid, got %v", err)
			case tt.want != "" && err == nil:
				t.Fatalf("want error containing %q, got none", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Fatalf("want error containing %q, got %v", tt.want, err)
			}
		})
	}
}

func TestParseDefinitionReportsAllProblems(t *testing.T) {
	_, err := survey.ParseDefinition([]byte(`{"id":"s1","office":"demo","title":{"de":"T"},
		"questions":[{"id":"a","type":"text","label":{"en":"A"}},{"id":"a","type":"single_choice","label":{"de":"B"}}]}`))
	if err == nil {
		t.Fatal("want error")
	}
	for _, want := range []string{"missing German", "duplicate question id", "no options"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if _, err := survey.ParseDefinition([]byte(`{"id": 5}`)); err == nil {
		t.Error("want decode error")
	}
}

func TestDemoSurveyIsTheNeedsSurvey(t *testing.T) {
	d := seed.DemoSurvey()
	if d.ID != "demo-needs-survey" || d.Office != "demo" {
		t.Fatalf("demo survey ids: %s/%s", d.ID, d.Office)
	}
	if d.StatusAt(time.Now()) != survey.StatusOpen {
		t.Fatal("demo survey must be open")
	}
	types := map[survey.QuestionType]int{}
	for _, q := range d.Questions {
		types[q.Type]++
		if q.Label["en"] == "" {
			t.Errorf("question %s has no English label", q.ID)
		}
	}
	for _, typ := range []survey.QuestionType{survey.TypeText, survey.TypeLongText, survey.TypeEmail, survey.TypePhone,
		survey.TypeURL, survey.TypeNumber, survey.TypeSingleChoice, survey.TypeMultipleChoice, survey.TypeYesNo, survey.TypeScale} {
		if types[typ] == 0 {
			t.Errorf("demo survey has no %s question", typ)
		}
	}
}

func TestStatusAt(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	before, after := now.Add(-time.Hour), now.Add(time.Hour)
	tests := []struct {
		opens, closes *time.Time
		want          survey.Status
	}{
		{nil, nil, survey.StatusOpen},
		{&before, &after, survey.StatusOpen},
		{&after, nil, survey.StatusScheduled},
		{nil, &before, survey.StatusClosed},
		{nil, &now, survey.StatusClosed},
	}
	for i, tt := range tests {
		d := validDef()
		d.OpensAt, d.ClosesAt = tt.opens, tt.closes
		if got := d.StatusAt(now); got != tt.want {
			t.Errorf("%d: got %s, want %s", i, got, tt.want)
		}
	}
}
