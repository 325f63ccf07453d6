package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// draftItem is what an organisation entered through its personal link in
// a survey answered section by section, kept between visits (survey.Draft):
// in the survey's partition, keyed by the link token's hash; its TTL is
// the survey's close (else its retention), and sending the answer deletes
// it.
type draftItem struct {
	head
	Step    string              `dynamodbav:"step"`
	Values  map[string][]string `dynamodbav:"values"`
	SavedAt string              `dynamodbav:"savedAt"`
}

const draftSKPrefix = "DRAFT#"

// Draft returns the draft of a personal link, nil when there is none (or
// it expired and TTL has not removed it yet).
func (s Drafts) Draft(ctx context.Context, surveyID, tokenHash string) (*survey.Draft, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(surveyPK(surveyID), draftSKPrefix+tokenHash),
		ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, fmt.Errorf("get draft: %w", err)
	}
	return decodeDraft(out.Item, surveyID, tokenHash)
}

// decodeDraft is the draft of item (nil: none, or expired).
func decodeDraft(item Item, surveyID, tokenHash string) (*survey.Draft, error) {
	if item == nil {
		return nil, nil
	}
	var it draftItem
	if err := attributevalue.UnmarshalMap(item, &it); err != nil {
		return nil, fmt.Errorf("decode draft: %w", err)
	}
	expires := time.Unix(it.ExpiresAt, 0)
	if !time.Now().Before(expires) {
		return nil, nil
	}
	saved, _ := time.Parse(time.RFC3339Nano, it.SavedAt)
	return &survey.Draft{SurveyID: surveyID, TokenHash: tokenHash, Step: it.Step, Values: it.Values, SavedAt: saved, ExpiresAt: expires}, nil
}

// PutDraft keeps a draft, replacing the link's earlier one.
func (s Drafts) PutDraft(ctx context.Context, d *survey.Draft) error {
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: item(draftItem{
		head: head{surveyPK(d.SurveyID), draftSKPrefix + d.TokenHash, "draft", d.ExpiresAt.Unix()},
		Step: d.Step, Values: d.Values, SavedAt: d.SavedAt.UTC().Format(time.RFC3339Nano)})})
	if err != nil {
		return fmt.Errorf("put draft: %w", err)
	}
	return nil
}

// DeleteDraft deletes a link's draft (no error when there is none).
func (s Drafts) DeleteDraft(ctx context.Context, surveyID, tokenHash string) error {
	if _, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: key(surveyPK(surveyID), draftSKPrefix+tokenHash)}); err != nil {
		return fmt.Errorf("delete draft: %w", err)
	}
	return nil
}

// ExtendDrafts moves the expiry of a survey's drafts that expire before
// until to until (a survey extended: what was entered is kept until it
// closes). A draft deleted meanwhile stays deleted.
func (s SurveyAdmin) ExtendDrafts(ctx context.Context, surveyID string, until time.Time) error {
	in := &dynamodb.QueryInput{TableName: &s.table, KeyConditionExpression: aws.String("#pk = :pk AND begins_with(#sk, :draft)"),
		ProjectionExpression:      aws.String("#pk, #sk"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrPK, "#sk": AttrSK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(surveyPK(surveyID)), ":draft": str(draftSKPrefix)}}
	for {
		out, err := s.db.Query(ctx, in)
		if err != nil {
			return fmt.Errorf("drafts of %s: %w", surveyID, err)
		}
		for _, it := range out.Items {
			_, err := s.single(ctx, step{"draft", s.update(Item{AttrPK: it[AttrPK], AttrSK: it[AttrSK]}, "SET #ttl = :until",
				"attribute_exists(#pk) AND #ttl < :until", map[string]types.AttributeValue{":until": num(until.Unix())})}, types.ReturnValueNone)
			var f *StepsFailed
			if err != nil && !errors.As(err, &f) {
				return fmt.Errorf("extend draft of %s: %w", surveyID, err)
			}
		}
		if len(out.LastEvaluatedKey) == 0 {
			return nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}
