package survey_test

import (
	"slices"

	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

func f(v float64) *survey.Bound { return survey.NumberBound(v) }

func validDef() *survey.Definition {
	return &survey.Definition{Office: "demo", Settings: survey.Settings{
		ID: "s1", Title: survey.Text{"de": "Umfrage", "en": "Survey"},
		Questions: []survey.Question{
			{ID: "name", Type: survey.TypeText, Label: survey.Text{"de": "Name"}, Rules: survey.Rules{Required: true}},
			{ID: "kind", Type: survey.TypeSingleChoice, Label: survey.Text{"de": "Art"},
				Options: []survey.Option{{Code: "a", Label: survey.Text{"de": "A"}}}},
		},
	}}
}

func TestDefinitionValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *survey.Definition)
		want   string // the path of a field error; empty: valid
	}{
		{"valid", func(d *survey.Definition) {}, ""},
		{"a date between dates, the name bound", func(d *survey.Definition) {
			d.Questions[0].Profile = survey.ProfileName
			d.Questions = append(d.Questions, survey.Question{ID: "d", Type: survey.TypeDate, Label: survey.Text{"de": "D"},
				Rules: survey.Rules{Min: survey.DateBound("2027-03-14"), Max: survey.DateBound("2027-03-14")}})
		}, ""},
		{"questions[1].id", func(d *survey.Definition) { d.Questions[1].ID = "name" }, "questions[1].id"},
		{"empty options", func(d *survey.Definition) { d.Questions[1].Options = nil }, "questions[1].options"},
		{"missing German label", func(d *survey.Definition) { d.Questions[0].Label = survey.Text{"en": "Name"} }, "questions[0].label.de"},
		{"missing German option label", func(d *survey.Definition) { d.Questions[1].Options[0].Label = survey.Text{"en": "A"} }, "questions[1].options[0].label.de"},
		{"missing German title", func(d *survey.Definition) { d.Title = survey.Text{"en": "x"} }, "title.de"},
		{"duplicate option", func(d *survey.Definition) {
			d.Questions[1].Options = append(d.Questions[1].Options, d.Questions[1].Options[0])
		}, "questions[1].options[1].code"},
		{"bad option code", func(d *survey.Definition) { d.Questions[1].Options[0].Code = "A B" }, "questions[1].options[0].code"},
		{"unknown type", func(d *survey.Definition) { d.Questions[0].Type = "essay" }, "questions[0].type"},
		{"bad id", func(d *survey.Definition) { d.ID = "Bad Id" }, "id"},
		{"no questions", func(d *survey.Definition) { d.Questions = nil }, "questions"},
		{"scale without bounds", func(d *survey.Definition) {
			d.Questions = append(d.Questions, survey.Question{ID: "sc", Type: survey.TypeScale, Label: survey.Text{"de": "S"}})
		}, "questions[2].max"},
		{"scale of a thousand steps", func(d *survey.Definition) {
			d.Questions = append(d.Questions, survey.Question{ID: "sc", Type: survey.TypeScale, Label: survey.Text{"de": "S"}, Rules: survey.Rules{Min: f(0), Max: f(1000)}})
		}, "questions[2].max"},
		{"number min over max", func(d *survey.Definition) {
			d.Questions = append(d.Questions, survey.Question{ID: "n", Type: survey.TypeNumber, Label: survey.Text{"de": "N"}, Rules: survey.Rules{Min: f(5), Max: f(1)}})
		}, "questions[2].min"},
		{"date bound on a number", func(d *survey.Definition) {
			d.Questions = append(d.Questions, survey.Question{ID: "n", Type: survey.TypeNumber, Label: survey.Text{"de": "N"}, Rules: survey.Rules{Max: survey.DateBound("2027-03-14")}})
		}, "questions[2].max"},
		{"number bound on a date", func(d *survey.Definition) {
			d.Questions = append(d.Questions, survey.Question{ID: "d", Type: survey.TypeDate, Label: survey.Text{"de": "D"}, Rules: survey.Rules{Min: f(2027)}})
		}, "questions[2].min"},
		{"no day as a date bound", func(d *survey.Definition) {
			d.Questions = append(d.Questions, survey.Question{ID: "d", Type: survey.TypeDate, Label: survey.Text{"de": "D"}, Rules: survey.Rules{Max: survey.DateBound("2027-02-30")}})
		}, "questions[2].max"},
		{"date min after max", func(d *survey.Definition) {
			d.Questions = append(d.Questions, survey.Question{ID: "d", Type: survey.TypeDate, Label: survey.Text{"de": "D"},
				Rules: survey.Rules{Min: survey.DateBound("2027-03-14"), Max: survey.DateBound("2026-12-31")}})
		}, "questions[2].min"},
		{"unknown binding", func(d *survey.Definition) { d.Questions[0].Profile = "shoe_size" }, "questions[0].profile"},
		{"binding of a misfit type", func(d *survey.Definition) { d.Questions[1].Profile = survey.ProfileName }, "questions[1].profile"},
		{"two questions bound to one field", func(d *survey.Definition) {
			d.Questions[0].Profile = survey.ProfileName
			d.Questions = append(d.Questions, survey.Question{ID: "n2", Type: survey.TypeText, Label: survey.Text{"de": "N"}, Profile: survey.ProfileName})
		}, "questions[2].profile"},
		{"window reversed", func(d *survey.Definition) {
			a, b := time.Now(), time.Now().Add(-time.Hour)
			d.OpensAt, d.ClosesAt = &a, &b
		}, "closesAt"},
		{"options on text", func(d *survey.Definition) { d.Questions[0].Options = d.Questions[1].Options }, "questions[0].options"},
		{"unknown language", func(d *survey.Definition) { d.Questions[0].Label["xx"] = "?" }, "questions[0].label.xx"},
		{"unknown section", func(d *survey.Definition) { d.Questions[0].Section = "nope" }, "questions[0].section"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validDef()
			tt.change(d)
			err := survey.ValidateDefinition(d, "en")
			var paths []string
			if e := apperr.As(err); e != nil {
				for _, fe := range e.Fields {
					paths = append(paths, fe.Field)
					if fe.Message == "" || strings.Contains(fe.Message, "def_") {
						t.Errorf("%s: no message in English", fe.Field)
					}
				}
			}
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("want valid, got %v", paths)
			case tt.want != "" && !slices.Contains(paths, tt.want):
				t.Fatalf("want a field error at %q, got %v (%v)", tt.want, paths, err)
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
	for _, want := range []string{"questions[0].label.de", "questions[1].id", "questions[1].options"} {
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

// The survey page's form has fields of its own beside the questions:
// "invitation" (the personal link) and "lang" are refused as question ids when a
// definition is saved; the others (the bot guard, the language switch,
// the consents) have a dot, which no id can have. Names that only look
// like ours are questions like any other.
func TestQuestionIDsOfThePageFormAreRefused(t *testing.T) {
	errAt := func(id string) *apperr.FieldError {
		d := validDef()
		d.Questions[0].ID = id
		if e := apperr.As(survey.ValidateDefinition(d, "de")); e != nil {
			for _, fe := range e.Fields {
				if fe.Field == "questions[0].id" {
					return &fe
				}
			}
		}
		return nil
	}
	for _, id := range []string{"invitation", "lang"} {
		fe := errAt(id)
		if fe == nil || fe.Code != "reserved" || !strings.Contains(fe.Message, id) {
			t.Errorf("question id %q: %+v, want a field error that it is reserved", id, fe)
		}
	}
	for _, id := range []string{"form.website", "form.stamp", "form.lang", "consent.privacy", "consent.publishProfile", "_website", ".x"} {
		if fe := errAt(id); fe == nil || fe.Code != "code" {
			t.Errorf("question id %q: %+v, want no code", id, fe)
		}
	}
	for _, id := range []string{"website", "form_stamp", "form-stamp", "stamp", "honeypot", "hp", "form", "consent",
		"consent_privacy", "privacy", "language", "invitation_token", "invitations", "lang-de", "languages", "submit"} {
		if fe := errAt(id); fe != nil {
			t.Errorf("question id %q refused: %s", id, fe.Message)
		}
	}
}
