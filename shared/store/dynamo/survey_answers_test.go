package dynamo_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestAnswersStoredAsAMapBeforeStillRead: a response stored before the
// answers became one JSON string (a map attribute) is read as before, in
// the same shape, beside one stored now: the export, the console's list
// and a personal link's earlier answer do not fail on old items.
func TestAnswersStoredAsAMapBeforeStillRead(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	old := map[string]types.AttributeValue{
		"pk": s("SURVEY#" + seed.SurveyID), "sk": s("RESP#01OLD0000000000000000000"), "type": s("response"),
		"expiresAt": &types.AttributeValueMemberN{Value: "4102444800"}, "id": s("01OLD0000000000000000000"),
		"surveyId": s(seed.SurveyID), "office": s("demo"), "submittedAt": s("2026-01-02T03:04:05Z"), "language": s("ar"),
		"answers": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"org_name":            s("جمعية <&> 😀"),
			"fields_of_activity":  &types.AttributeValueMemberL{Value: []types.AttributeValue{s("culture"), s("youth")}},
			"year_founded":        &types.AttributeValueMemberN{Value: "1987"},
			"partnerships_abroad": &types.AttributeValueMemberBOOL{Value: true},
		}},
		"consent": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"privacy": &types.AttributeValueMemberBOOL{Value: true}}},
	}
	if _, err := env.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: &env.Table, Item: old}); err != nil {
		t.Fatal(err)
	}
	answers := map[string]any{"org_name": "Neu e.V.", "fields_of_activity": []string{"women"}, "year_founded": 2001.0}
	if _, err := env.Store.SaveResponse(ctx, &survey.Response{ID: "01NEW0000000000000000000", SurveyID: seed.SurveyID, Office: "demo",
		SubmittedAt: time.Now(), Language: "de", Answers: answers, Consent: survey.Consent{Privacy: new(true)}, ExpiresAt: time.Now().Add(time.Hour)}, nil, nil); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]any{
		"01OLD0000000000000000000": {"org_name": "جمعية <&> 😀", "fields_of_activity": []string{"culture", "youth"}, "year_founded": 1987.0, "partnerships_abroad": true},
		"01NEW0000000000000000000": answers,
	}
	check := func(how string, rs []*survey.Response) {
		t.Helper()
		if len(rs) != 2 {
			t.Fatalf("%s: %d responses", how, len(rs))
		}
		for _, r := range rs {
			if !reflect.DeepEqual(r.Answers, want[r.ID]) {
				t.Errorf("%s: %s answers %#v, want %#v", how, r.ID, r.Answers, want[r.ID])
			}
		}
	}
	var all []*survey.Response
	if err := env.Store.EachResponse(ctx, seed.SurveyID, func(rs []*survey.Response) error { all = append(all, rs...); return nil }); err != nil {
		t.Fatalf("EachResponse with an old item: %v", err)
	}
	check("EachResponse", all)
	page, _, err := env.Store.ResponsesPage(ctx, seed.SurveyID, "", 10)
	if err != nil {
		t.Fatalf("ResponsesPage with an old item: %v", err)
	}
	check("ResponsesPage", page)
}
