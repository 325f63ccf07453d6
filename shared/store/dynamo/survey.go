package dynamo

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

var _ survey.Store = (*Store)(nil)

func surveyPK(id string) string { return "SURVEY#" + id }

const (
	surveyDefSK    = "DEF"
	responseSKPref = "RESP#"
)

// Survey reads a survey definition.
func (s *Store) Survey(ctx context.Context, id string) (*survey.Definition, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(surveyPK(id), surveyDefSK)})
	if err != nil {
		return nil, fmt.Errorf("get survey %s: %w", id, err)
	}
	if out.Item == nil {
		return nil, apperr.New(apperr.NotFound, "survey_not_found")
	}
	def, ok := out.Item["definition"].(*types.AttributeValueMemberS)
	if !ok {
		return nil, fmt.Errorf("survey %s: item without definition", id)
	}
	d, err := survey.ParseDefinition([]byte(def.Value))
	if err != nil {
		return nil, fmt.Errorf("survey %s: %w", id, err)
	}
	return d, nil
}

// PutSurvey stores a definition (validated first), replacing an earlier
// version. The definition is kept as one JSON document: it is always read
// whole, and its shape is the domain's, not the table's.
func (s *Store) PutSurvey(ctx context.Context, d *survey.Definition) error {
	if err := d.Validate(); err != nil {
		return err
	}
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("encode survey %s: %w", d.ID, err)
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: map[string]types.AttributeValue{
		AttrPK: str(surveyPK(d.ID)), AttrSK: str(surveyDefSK),
		AttrGSI1PK: str("OFFICE#" + d.Office + "#SURVEYS"), AttrGSI1SK: str(d.ID),
		"type": str("survey"), "office": str(d.Office), "definition": str(string(b)),
		"updatedAt": str(d.UpdatedAt.UTC().Format(time.RFC3339Nano)),
	}})
	if err != nil {
		return fmt.Errorf("put survey %s: %w", d.ID, err)
	}
	return nil
}

// responseItem is the stored shape of a survey response.
type responseItem struct {
	PK          string         `dynamodbav:"pk"`
	SK          string         `dynamodbav:"sk"`
	Type        string         `dynamodbav:"type"`
	ID          string         `dynamodbav:"id"`
	SurveyID    string         `dynamodbav:"surveyId"`
	Office      string         `dynamodbav:"office"`
	SubmittedAt string         `dynamodbav:"submittedAt"`
	Language    string         `dynamodbav:"language"`
	Answers     map[string]any `dynamodbav:"answers"`
	Consent     survey.Consent `dynamodbav:"consent"`
	ExpiresAt   int64          `dynamodbav:"expiresAt"`
}

// SaveResponse stores a response; with a claim, both in one transaction.
// Without a claim this is a single PutItem: one round trip either way.
func (s *Store) SaveResponse(ctx context.Context, r *survey.Response, claim *idempotency.Claim) (*idempotency.Replay, error) {
	item, err := attributevalue.MarshalMap(responseItem{
		PK: surveyPK(r.SurveyID), SK: responseSKPref + r.ID, Type: "response",
		ID: r.ID, SurveyID: r.SurveyID, Office: r.Office,
		SubmittedAt: r.SubmittedAt.UTC().Format(time.RFC3339Nano), Language: r.Language,
		Answers: r.Answers, Consent: r.Consent, ExpiresAt: r.ExpiresAt.Unix(),
	})
	if err != nil {
		return nil, fmt.Errorf("encode response %s: %w", r.ID, err)
	}
	replay, err := s.transactWithClaim(ctx, claim, types.TransactWriteItem{Put: &types.Put{
		TableName: &s.table, Item: item, ConditionExpression: condNew,
	}})
	if err != nil {
		return nil, fmt.Errorf("put response %s: %w", r.ID, err)
	}
	return replay, nil
}
