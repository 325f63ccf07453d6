package dynamo_test

import (
	"context"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestSurveysStoredBeforeBindingsKeepTheOrganisationsName: a definition
// stored when the question "org_name" was the organisation's name by its
// id reads back with that question bound to the name; one that binds
// questions itself is read as stored.
func TestSurveysStoredBeforeBindingsKeepTheOrganisationsName(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	old := seed.DemoSurvey()
	for i := range old.Questions {
		old.Questions[i].Profile = ""
	}
	old.ID = "stored-before-bindings"
	if err := env.Store.PutSurvey(ctx, old); err != nil {
		t.Fatal(err)
	}
	d, err := env.Store.Survey(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if q := d.Bound(survey.ProfileName); q == nil || q.ID != "org_name" {
		t.Fatalf("stored before bindings: bound to the name %+v, want org_name", q)
	}
	if got := d.OrganisationOf(map[string]any{"org_name": " Verein Köln "}); got != "Verein Köln" {
		t.Errorf("organisation of an answer: %q", got)
	}

	own := seed.DemoSurvey()
	own.ID = "binds-itself"
	for i := range own.Questions {
		own.Questions[i].Profile = ""
	}
	own.Questions = append(own.Questions, survey.Question{ID: "verein", Type: survey.TypeText, Label: survey.Text{"de": "Verein"}, Profile: survey.ProfileName})
	if err := env.Store.PutSurvey(ctx, own); err != nil {
		t.Fatal(err)
	}
	if d, err = env.Store.Survey(ctx, own.ID); err != nil {
		t.Fatal(err)
	}
	if q := d.Bound(survey.ProfileName); q == nil || q.ID != "verein" {
		t.Fatalf("a definition with its own binding: bound %+v, want verein", q)
	}
}
