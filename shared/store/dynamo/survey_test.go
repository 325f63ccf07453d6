package dynamo_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
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

// TestSurveySavedInBetweenIsAConflict: a definition is replaced only
// over the version it was read at: a save in between (a publish, an
// edit in another tab) is a conflict and stays, so that an edit read
// before a publish never turns the survey back into a draft; another
// office's survey is not found.
func TestSurveySavedInBetweenIsAConflict(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 123456789, time.UTC)
	d := seed.DemoSurvey()
	d.ID, d.Stage, d.UpdatedAt = "saved-in-between", survey.StageDraft, t0
	if err := env.Store.CreateSurvey(ctx, d); err != nil {
		t.Fatal(err)
	}
	read, err := env.Store.Survey(ctx, d.ID) // as the editor reads it
	if err != nil {
		t.Fatal(err)
	}
	pub := *read
	pub.Stage, pub.UpdatedAt = survey.StagePublished, t0.Add(time.Minute)
	if err := env.Store.PublishSurvey(ctx, &pub, read.UpdatedAt, "coordinator:test", pub.UpdatedAt); err != nil {
		t.Fatalf("publish: %v", err)
	}
	edit := *read // read before the publish: still a draft
	edit.UpdatedAt = t0.Add(2 * time.Minute)
	if err := env.Store.UpdateSurvey(ctx, &edit, read.UpdatedAt); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("an edit over a version saved since: %v, want a conflict", err)
	}
	if got, _ := env.Store.Survey(ctx, d.ID); got == nil || got.Draft() {
		t.Fatalf("the published survey became a draft again: %+v", got)
	}
	now, err := env.Store.Survey(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	edit = *now
	edit.UpdatedAt = t0.Add(3 * time.Minute)
	if err := env.Store.UpdateSurvey(ctx, &edit, now.UpdatedAt); err != nil {
		t.Fatalf("an edit over the current version: %v", err)
	}
	other := edit
	other.Office = "elsewhere"
	if err := env.Store.UpdateSurvey(ctx, &other, edit.UpdatedAt); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("another office's survey: %v, want not found", err)
	}
}

// TestAnswersReadInBothStoredForms: answers are written as one JSON
// string; an answer written before that, as a map attribute, reads back
// the same, and text in any script comes back exactly as it went in.
func TestAnswersReadInBothStoredForms(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	now := time.Now()
	text := "Räume für 30 Personen – مساحة للاجتماعات – Кіра 👍 <b>&amp;</b>\u2028ß"
	r := &survey.Response{ID: "01JNEWFORM000000000000000A", SurveyID: seed.SurveyID, Office: seed.Office, SubmittedAt: now, Language: "ar",
		Answers:   map[string]any{"org_name": text, "fields_of_activity": []string{"culture", "youth"}, "volunteers": 12.5, "own_rooms": false},
		ExpiresAt: now.Add(time.Hour)}
	if _, err := env.Store.SaveResponse(ctx, r, nil, nil); err != nil {
		t.Fatal(err)
	}
	old, err := attributevalue.MarshalMap(map[string]any{"pk": "SURVEY#" + seed.SurveyID, "sk": "RESP#01JOLDFORM000000000000000", "type": "response",
		"id": "01JOLDFORM000000000000000", "surveyId": seed.SurveyID, "office": seed.Office, "submittedAt": now.UTC().Format(time.RFC3339Nano),
		"language": "ar", "answers": r.Answers, "expiresAt": now.Add(time.Hour).Unix()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: &env.Table, Item: old}); err != nil {
		t.Fatal(err)
	}
	var got []*survey.Response
	if err := env.Store.EachResponse(ctx, seed.SurveyID, func(rs []*survey.Response) error { got = append(got, rs...); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d answers read, want 2", len(got))
	}
	for _, g := range got {
		if !reflect.DeepEqual(g.Answers, r.Answers) {
			t.Errorf("%s: answers read back as %#v, want %#v", g.ID, g.Answers, r.Answers)
		}
	}
	raw, err := env.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: &env.Table, Key: map[string]types.AttributeValue{
		"pk": &types.AttributeValueMemberS{Value: "SURVEY#" + seed.SurveyID}, "sk": &types.AttributeValueMemberS{Value: "RESP#" + r.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	// <, > and & are kept as they are, not as six-byte escapes.
	if s, ok := raw.Item["answers"].(*types.AttributeValueMemberS); !ok || !strings.Contains(s.Value, "<b>&amp;</b>") {
		t.Errorf("the new answer's item keeps its answers as %#v, want one JSON string with <b>&amp;</b> as typed", raw.Item["answers"])
	}
}
