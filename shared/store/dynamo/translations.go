package dynamo

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
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

// Translations reads the machine translations stored with r (nil: none).
func (s SurveyAdmin) Translations(ctx context.Context, r *survey.Response) (map[string]string, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, ConsistentRead: aws.Bool(true),
		Key: key(surveyPK(r.SurveyID), responseSK(r)), ProjectionExpression: aws.String("#id, #de"),
		ExpressionAttributeNames: map[string]string{"#id": "id", "#de": attrGerman}})
	if err != nil {
		return nil, fmt.Errorf("get translations of %s: %w", r.ID, err)
	}
	if out.Item == nil || strAttr(out.Item, "id") != r.ID {
		return nil, apperr.New(apperr.NotFound, "response_not_found")
	}
	return decodeTranslatedAttr(out.Item)
}

func decodeTranslatedAttr(it Item) (map[string]string, error) {
	var de map[string]string
	if v, ok := it[attrGerman]; ok {
		if err := attributevalue.Unmarshal(v, &de); err != nil {
			return nil, fmt.Errorf("decode translations: %w", err)
		}
	}
	return de, nil
}

// SetTranslations adds machine translations to the answer r, if it is
// still the answer r (not erased, not answered anew): else NotFound.
func (s SurveyAdmin) SetTranslations(ctx context.Context, r *survey.Response, german map[string]string) error {
	if len(german) == 0 {
		return nil
	}
	names := map[string]string{"#pk": AttrPK, "#id": "id", "#de": attrGerman}
	vals := map[string]types.AttributeValue{":id": str(r.ID)}
	var sets []string
	i := 0
	for qid, t := range german {
		n := "#q" + strconv.Itoa(i)
		names[n], vals[":t"+strconv.Itoa(i)] = qid, str(t)
		sets = append(sets, "#de."+n+" = :t"+strconv.Itoa(i))
		i++
	}
	// Into the map when the answer has one; else the map, new.
	in := &dynamodb.UpdateItemInput{TableName: &s.table, Key: key(surveyPK(r.SurveyID), responseSK(r)),
		UpdateExpression:         aws.String("SET " + strings.Join(sets, ", ")),
		ConditionExpression:      aws.String("attribute_exists(#pk) AND #id = :id AND attribute_exists(#de)"),
		ExpressionAttributeNames: names, ExpressionAttributeValues: vals}
	_, err := s.db.UpdateItem(ctx, in)
	var failed *types.ConditionalCheckFailedException
	if !errors.As(err, &failed) {
		if err != nil {
			return fmt.Errorf("store translations of %s: %w", r.ID, err)
		}
		return nil
	}
	m, err := attributevalue.Marshal(german)
	if err != nil {
		return fmt.Errorf("encode translations of %s: %w", r.ID, err)
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &s.table, Key: key(surveyPK(r.SurveyID), responseSK(r)),
		UpdateExpression:          aws.String("SET #de = :m"),
		ConditionExpression:       aws.String("attribute_exists(#pk) AND #id = :id AND attribute_not_exists(#de)"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrPK, "#id": "id", "#de": attrGerman},
		ExpressionAttributeValues: map[string]types.AttributeValue{":id": str(r.ID), ":m": m}})
	if errors.As(err, &failed) {
		// Gone, answered anew, or another request made the map just now
		// (then the texts are translated again next time).
		return apperr.New(apperr.NotFound, "response_not_found")
	}
	if err != nil {
		return fmt.Errorf("store translations of %s: %w", r.ID, err)
	}
	return nil
}
