package dynamo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Survey steps.
const (
	stepSurvey   = "survey definition"
	stepResponse = "response"
)

// Survey reads a survey definition.
func (s Responses) Survey(ctx context.Context, id string) (*survey.Definition, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(surveyPK(id), defSK)})
	if err != nil {
		return nil, fmt.Errorf("get survey %s: %w", id, err)
	}
	if out.Item == nil {
		return nil, apperr.New(apperr.NotFound, "survey_not_found")
	}
	return decodeSurvey(out.Item)
}

// decodeSurvey reads a definition item. What was stored was validated
// by the service that stored it.
func decodeSurvey(it Item) (*survey.Definition, error) {
	b, err := doc(it, attrDefinition)
	if err != nil {
		return nil, fmt.Errorf("read survey %s: %w", strAttr(it, AttrPK), err)
	}
	var d survey.Definition
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("decode survey %s: %w", strAttr(it, AttrPK), err)
	}
	d.BindLegacyName()
	return &d, nil
}

// PutSurvey stores a definition without conditions (the demo seed),
// replacing an earlier version. The definition is kept as one JSON
// document: it is always read whole, and its shape is the domain's, not
// the table's.
func (s SurveyAdmin) PutSurvey(ctx context.Context, d *survey.Definition) error {
	return s.writeSurvey(ctx, d, "", nil, nil)
}

// surveyItem is a definition's item; a large definition is stored
// compressed (putDoc), one that does not fit even so is TooLarge.
func surveyItem(d *survey.Definition, def []byte) (Item, error) {
	// A Go struct would say no more than this: the item is the document.
	it := Item{
		AttrPK: str(surveyPK(d.ID)), AttrSK: str(defSK),
		AttrGSI1PK: str("OFFICE#" + d.Office + "#SURVEYS"), AttrGSI1SK: str(d.ID),
		"type": str("survey"), "office": str(d.Office),
		"updatedAt": str(d.UpdatedAt.UTC().Format(time.RFC3339Nano)),
	}
	if err := putDoc(it, attrDefinition, def); err != nil {
		if errors.Is(err, ErrDocTooLarge) {
			return nil, apperr.New(apperr.TooLarge, "survey_too_large")
		}
		return nil, fmt.Errorf("encode survey %s: %w", d.ID, err)
	}
	return it, nil
}

// responseItem is the stored shape of a survey response.
type responseItem struct {
	head
	ID          string `dynamodbav:"id"`
	SurveyID    string `dynamodbav:"surveyId"`
	Office      string `dynamodbav:"office"`
	SubmittedAt string `dynamodbav:"submittedAt"`
	Language    string `dynamodbav:"language"`
	// Answers is the answers' JSON in one string attribute: reading
	// 1,000 of them is a third cheaper for DynamoDB than a map attribute
	// of 30-odd values each (BenchmarkEachResponse1000).
	// (Answers stored before as a map are read as well: storedAnswers.)
	Answers storedAnswers  `dynamodbav:"answers"`
	Consent survey.Consent `dynamodbav:"consent"`
	// NoticeVersion: the privacy notice's version the consent was given to.
	NoticeVersion string `dynamodbav:"noticeVersion,omitempty"`
	Invitation    string `dynamodbav:"invitationId,omitempty"`
}

// responseSK keys a response: by its ULID (time order), or for an answer
// through a personal invitation by the invitation, so that a second answer
// through the same link replaces the first.
func responseSK(r *survey.Response) string {
	if r.InvitationID != "" {
		return responseSKPref + "I" + r.InvitationID
	}
	return responseSKPref + r.ID
}

// answersJSON is the answers' JSON as stored: <, > and & as they are
// (escaped they take six bytes each, and a page's 64 KB of them would
// near DynamoDB's 400 KB item limit).
func answersJSON(a map[string]any) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(a); err != nil {
		return "", fmt.Errorf("encode answers: %w", err)
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// storedAnswers are a response's answers as stored: one JSON string, or,
// written before that, a map attribute.
type storedAnswers struct {
	json string
	m    map[string]any
}

func (a storedAnswers) MarshalDynamoDBAttributeValue() (types.AttributeValue, error) {
	return &types.AttributeValueMemberS{Value: a.json}, nil
}

func (a *storedAnswers) UnmarshalDynamoDBAttributeValue(av types.AttributeValue) error {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		a.json = v.Value
		return nil
	case *types.AttributeValueMemberM:
		return attributevalue.UnmarshalMap(v.Value, &a.m)
	}
	return fmt.Errorf("answers stored as %T", av)
}

func (it responseItem) response() (*survey.Response, error) {
	at, _ := time.Parse(time.RFC3339Nano, it.SubmittedAt)
	answers := it.Answers.m
	if answers == nil && it.Answers.json != "" {
		if err := json.Unmarshal([]byte(it.Answers.json), &answers); err != nil {
			return nil, fmt.Errorf("decode answers: %w", err)
		}
	}
	return &survey.Response{ID: it.ID, SurveyID: it.SurveyID, Office: it.Office, SubmittedAt: at,
		Language: it.Language, Answers: answersShape(answers), Consent: it.Consent, NoticeVersion: it.NoticeVersion, InvitationID: it.Invitation,
		ExpiresAt: time.Unix(it.ExpiresAt, 0)}, nil
}

// answersShape gives decoded answers the one shape of survey.Response:
// DynamoDB lists come back as []any, multiple choices are []string.
func answersShape(a map[string]any) map[string]any {
	for k, v := range a {
		if list, ok := v.([]any); ok {
			codes := make([]string, 0, len(list))
			for _, e := range list {
				if s, ok := e.(string); ok {
					codes = append(codes, s)
				}
			}
			a[k] = codes
		}
	}
	return a
}

// SaveResponse stores a response; with a claim, both in one transaction.
// Without a claim this is a single PutItem: one round trip either way.
func (s Responses) SaveResponse(ctx context.Context, r *survey.Response, claim *idempotency.Claim, use *ratelimit.Use) (*idempotency.Replay, error) {
	answers, err := answersJSON(r.Answers)
	if err != nil {
		return nil, err
	}
	put := s.put(item(responseItem{
		head: head{surveyPK(r.SurveyID), responseSK(r), "response", r.ExpiresAt.Unix()}, Invitation: r.InvitationID,
		ID: r.ID, SurveyID: r.SurveyID, Office: r.Office,
		SubmittedAt: r.SubmittedAt.UTC().Format(time.RFC3339Nano), Language: r.Language,
		Answers: storedAnswers{json: answers}, Consent: r.Consent, NoticeVersion: r.NoticeVersion,
	}), r.InvitationID == "")
	steps := []step{{stepResponse, put}}
	if r.InvitationID != "" {
		// Through a personal link: replace an earlier answer and mark the
		// invitation answered, in one step.
		steps = append(steps, step{stepInvitation, s.markInvitation(surveyPK(r.SurveyID), r.InvitationID, "answered", r.SubmittedAt)},
			s.registerStep("survey", r.SurveyID, r.InvitationID, r.Office, r.ID, r.SubmittedAt))
	}
	replay, err := s.write(ctx, claim, append(steps, s.limitSteps(use)...)...)
	if err = limited(err, use, r.SubmittedAt); apperr.As(err) != nil {
		return nil, err
	}
	var f *StepsFailed
	if errors.As(err, &f) && f.Failed(stepInvitation) {
		return nil, apperr.New(apperr.NotFound, "invitation_unknown")
	}
	if err != nil {
		return nil, fmt.Errorf("put response %s: %w", r.ID, err)
	}
	return replay, nil
}

// CreateSurvey stores a new definition; an existing id is a conflict.
func (s SurveyAdmin) CreateSurvey(ctx context.Context, d *survey.Definition) error {
	return s.writeSurvey(ctx, d, "attribute_not_exists(#pk)", nil, apperr.New(apperr.Conflict, "survey_exists"))
}

// UpdateSurvey replaces a definition of office that is still the one
// saved at prev (optimistic locking: a save in between, such as a
// publish or an edit in another tab, is a conflict, never overwritten);
// another office's or a missing survey is not found.
func (s SurveyAdmin) UpdateSurvey(ctx context.Context, d *survey.Definition, prev time.Time) error {
	return s.writeSurvey(ctx, d, "#office = :office AND #up = :prev", map[string]types.AttributeValue{
		":office": str(d.Office), ":prev": str(prev.UTC().Format(time.RFC3339Nano))}, nil)
}

func (s *Table) writeSurvey(ctx context.Context, d *survey.Definition, cond string, vals map[string]types.AttributeValue, failed error, also ...step) error {
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("encode survey %s: %w", d.ID, err)
	}
	it, err := surveyItem(d, b)
	if err != nil {
		return err
	}
	p := s.put(it, false)
	if cond != "" {
		p.Put.ConditionExpression = aws.String(cond)
		p.Put.ExpressionAttributeNames, p.Put.ExpressionAttributeValues = exprAttrs(vals, p.Put.ConditionExpression)
	}
	_, err = s.write(ctx, nil, append([]step{{stepSurvey, p}}, also...)...)
	var f *StepsFailed
	if errors.As(err, &f) {
		if failed == nil { // UpdateSurvey, PublishSurvey: the survey, or a save in between
			if old := f.Old[stepSurvey]; old == nil || strAttr(old, "office") != d.Office {
				return apperr.New(apperr.NotFound, "survey_not_found")
			}
			return apperr.New(apperr.Conflict, "survey_changed")
		}
		return failed
	}
	if err != nil {
		return fmt.Errorf("put survey %s: %w", d.ID, err)
	}
	return nil
}

// PublishSurvey writes a definition of office that was published by
// actor, with the entry in office's audit trail, in one step; another
// office's or a missing survey is not found.
func (s SurveyAdmin) PublishSurvey(ctx context.Context, d *survey.Definition, prev time.Time, actor string, now time.Time) error {
	entry := s.auditStep(d.Office, actor, "survey", d.ID, now)
	entry.item.Put.Item["action"] = str("publish") // not an erasure: built apart, so the public functions' erasures stay as small as they are
	return s.writeSurvey(ctx, d, "#office = :office AND #up = :prev", map[string]types.AttributeValue{
		":office": str(d.Office), ":prev": str(prev.UTC().Format(time.RFC3339Nano))}, nil, entry)
}

// HasResponses reports whether a survey has any answer (the lock on its
// ids, types and codes: admin.UpdateSurvey).
func (s SurveyAdmin) HasResponses(ctx context.Context, surveyID string) (bool, error) {
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{TableName: &s.table, ConsistentRead: aws.Bool(true),
		KeyConditionExpression: aws.String("#pk = :pk AND begins_with(#sk, :resp)"), Limit: aws.Int32(1),
		ProjectionExpression:      aws.String("#pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrPK, "#sk": AttrSK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(surveyPK(surveyID)), ":resp": str(responseSKPref)}})
	if err != nil {
		return false, fmt.Errorf("any response to %s: %w", surveyID, err)
	}
	return len(out.Items) > 0, nil
}

// Surveys lists the definitions of an office.
func (s SurveyAdmin) Surveys(ctx context.Context, office string) ([]*survey.Definition, error) {
	items, err := s.queryIndex(ctx, "OFFICE#"+office+"#SURVEYS")
	if err != nil {
		return nil, err
	}
	out := make([]*survey.Definition, 0, len(items))
	for _, it := range items {
		d, err := decodeSurvey(it)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// ResponsesPage returns a page of a survey's responses.
func (s SurveyAdmin) ResponsesPage(ctx context.Context, surveyID, cursor string, limit int) ([]*survey.Response, string, error) {
	return pageOf(ctx, s.Table, surveyPK(surveyID), responseSKPref, cursor, limit, decodeResponse)
}

// EachResponse streams a survey's responses page by page.
func (s SurveyAdmin) EachResponse(ctx context.Context, surveyID string, fn func([]*survey.Response) error) error {
	return eachOf(ctx, s.Table, surveyPK(surveyID), responseSKPref, decodeResponse, fn)
}

func decodeResponse(it Item) (*survey.Response, error) {
	var ri responseItem
	if err := attributevalue.UnmarshalMap(it, &ri); err != nil {
		return nil, fmt.Errorf("decode response: %w", err)
	}
	return ri.response()
}

// ResponseByInvitation returns the answer given through an invitation, or
// NotFound.
func (s Responses) ResponseByInvitation(ctx context.Context, surveyID, invitationID string) (*survey.Response, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, ConsistentRead: aws.Bool(true),
		Key: key(surveyPK(surveyID), responseSK(&survey.Response{InvitationID: invitationID}))})
	if err != nil {
		return nil, fmt.Errorf("get response: %w", err)
	}
	if out.Item == nil {
		return nil, apperr.New(apperr.NotFound, "not_found")
	}
	r, err := decodeResponse(out.Item)
	if err != nil {
		return nil, err
	}
	return r, nil
}
