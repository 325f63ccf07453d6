package dynamo

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// attrGerman holds an answer's machine translations into German
// (question id → text) in the answer's own item: erasing the answer
// (its DeleteItem) erases them, and a new answer through the same
// personal link (a PutItem of the whole item) drops them with the texts
// they translated. Only the admin function reads or writes it.
const attrGerman = "machineDE"

// translated is a response with its machine translations.
type translated struct {
	r  *survey.Response
	de map[string]string
}

func decodeTranslated(it Item) (translated, error) {
	r, err := decodeResponse(it)
	if err != nil {
		return translated{}, err
	}
	de, err := decodeTranslatedAttr(it)
	return translated{r, de}, err
}

// EachResponseTranslated streams a survey's responses page by page, each
// with its machine translations (nil: none).
func (s SurveyAdmin) EachResponseTranslated(ctx context.Context, surveyID string, fn func([]*survey.Response, []map[string]string) error) error {
	return eachOf(ctx, s.Table, surveyPK(surveyID), responseSKPref, decodeTranslated, func(page []translated) error {
		rs, de := make([]*survey.Response, len(page)), make([]map[string]string, len(page))
		for i, t := range page {
			rs[i], de[i] = t.r, t.de
		}
		return fn(rs, de)
	})
}

func decodeTranslatedAttr(it Item) (map[string]string, error) {
	m, ok := it[attrGerman].(*types.AttributeValueMemberM)
	if !ok {
		return nil, nil
	}
	de := make(map[string]string, len(m.Value))
	for q, v := range m.Value {
		if t, ok := v.(*types.AttributeValueMemberS); ok {
			de[q] = t.Value
		}
	}
	return de, nil
}

// SetTranslations stores an answer's machine translations (all of them:
// those it had and the new ones), if it is still the answer r (not
// erased, not answered anew): else NotFound.
func (s SurveyAdmin) SetTranslations(ctx context.Context, r *survey.Response, german map[string]string) error {
	m := make(map[string]types.AttributeValue, len(german))
	for q, t := range german {
		m[q] = str(t)
	}
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &s.table, Key: key(surveyPK(r.SurveyID), responseSK(r)),
		UpdateExpression:          aws.String("SET #de = :m"),
		ConditionExpression:       aws.String("attribute_exists(#pk) AND #id = :id"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrPK, "#id": "id", "#de": attrGerman},
		ExpressionAttributeValues: map[string]types.AttributeValue{":id": str(r.ID), ":m": &types.AttributeValueMemberM{Value: m}}})
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return apperr.New(apperr.NotFound, "response_not_found")
	}
	if err != nil {
		return fmt.Errorf("store translations of %s: %w", r.ID, err)
	}
	return nil
}
