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

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/audit"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// stepAudit is the name of an audit item's step.
const stepAudit = "audit"

// AuditRetention is how long audit items are kept: they hold no personal
// data (who by role and id, when, which item), and an office answers for
// its erasures for three years.
const AuditRetention = 3 * 365 * 24 * time.Hour

type auditItem struct {
	head
	Action string `dynamodbav:"action"`
	Kind   string `dynamodbav:"kind"`
	ID     string `dynamodbav:"id"`
	Actor  string `dynamodbav:"actor"`
	At     string `dynamodbav:"at"`
}

func auditPK(office string) string { return "OFFICE#" + office + "#AUDIT" }

// auditStep records an erasure of item kind id in office's audit trail.
func (s *Table) auditStep(office, actor, kind, id string, now time.Time) step {
	at := now.UTC().Format(time.RFC3339Nano)
	return step{stepAudit, s.put(item(auditItem{head: head{auditPK(office), at + "#" + id, "audit", now.Add(AuditRetention).Unix()},
		Action: "erase", Kind: kind, ID: id, Actor: actor, At: at}), true)}
}

// AuditPage lists a page of office's audit trail, newest first: at most
// limit entries that f lets through, after cursor (the last one of the
// page before), and the cursor of the next page ("" at the end). The time
// range is the sort key's (the time comes first in it); the kind is
// filtered, reading on until the page is full.
func (s AuditLog) AuditPage(ctx context.Context, office string, f audit.Filter, cursor string, limit int) ([]audit.Entry, string, error) {
	pk := auditPK(office)
	lo, hi := "0", "9"
	if !f.From.IsZero() {
		lo = f.From.UTC().Format("2006-01-02T15:04:05")
	}
	if !f.To.IsZero() {
		hi = f.To.UTC().Format("2006-01-02T15:04:05") // before any entry of that second
	}
	in := &dynamodb.QueryInput{TableName: &s.table, KeyConditionExpression: aws.String("#pk = :pk AND #sk BETWEEN :lo AND :hi"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrPK, "#sk": AttrSK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(pk), ":lo": str(lo), ":hi": str(hi)},
		ScanIndexForward:          aws.Bool(false), Limit: aws.Int32(int32(limit))}
	if f.Kind != "" {
		in.FilterExpression = aws.String("#kind = :kind")
		in.ExpressionAttributeNames["#kind"] = "kind"
		in.ExpressionAttributeValues[":kind"] = str(f.Kind)
	}
	if cursor != "" {
		sk, err := decodeCursor(cursor, "")
		if err != nil || sk < lo || sk > hi {
			return nil, "", apperr.New(apperr.BadRequest, "bad_cursor")
		}
		in.ExclusiveStartKey = key(pk, sk)
	}
	var entries []audit.Entry
	var last Item
	for {
		out, err := s.db.Query(ctx, in)
		if err != nil {
			return nil, "", fmt.Errorf("audit page: %w", err)
		}
		for i, it := range out.Items {
			var a auditItem
			if err := attributevalue.UnmarshalMap(it, &a); err != nil {
				return nil, "", fmt.Errorf("decode audit: %w", err)
			}
			at, _ := time.Parse(time.RFC3339Nano, a.At)
			entries, last = append(entries, audit.Entry{At: at, Action: a.Action, Kind: a.Kind, ID: a.ID, Actor: a.Actor}), it
			if len(entries) == limit {
				if i < len(out.Items)-1 || out.LastEvaluatedKey != nil {
					return entries, encodeCursor(last), nil
				}
				return entries, "", nil
			}
		}
		if out.LastEvaluatedKey == nil {
			return entries, "", nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
		in.Limit = aws.Int32(int32(limit - len(entries)))
	}
}

// EraseResponse deletes a survey's answer and records it in office's
// audit trail, in one step; an answer through a personal link marks its
// invitation erased (no reminders). An answer that is not there is
// NotFound.
func (s Responses) EraseResponse(ctx context.Context, office, actor string, r *survey.Response, now time.Time) error {
	steps := []step{
		{stepResponse, types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: key(surveyPK(r.SurveyID), responseSK(r)),
			ConditionExpression: aws.String("attribute_exists(#pk)"), ExpressionAttributeNames: map[string]string{"#pk": AttrPK},
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}}},
		s.auditStep(office, actor, "response", r.ID, now),
	}
	if r.InvitationID != "" {
		steps = append(steps, step{stepInvitation, s.markInvitation(surveyPK(r.SurveyID), r.InvitationID, string(invitation.Erased), now)})
	}
	_, err := s.write(ctx, nil, steps...)
	var f *StepsFailed
	if errors.As(err, &f) && f.Failed(stepResponse) {
		return apperr.New(apperr.NotFound, "response_not_found")
	}
	if err != nil {
		return fmt.Errorf("erase response %s: %w", r.ID, err)
	}
	return nil
}

// Response reads one answer of a survey by its id, or NotFound. An answer
// given through a personal link is keyed by its invitation, so it is
// looked for among the survey's answers: a read of them all, for the rare
// erasure a coordinator makes.
func (s SurveyAdmin) Response(ctx context.Context, surveyID, id string) (*survey.Response, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, ConsistentRead: aws.Bool(true),
		Key: key(surveyPK(surveyID), responseSKPref+id)})
	if err != nil {
		return nil, fmt.Errorf("get response: %w", err)
	}
	if out.Item != nil {
		return decodeResponse(out.Item)
	}
	p := dynamodb.NewQueryPaginator(s.db.Query, &dynamodb.QueryInput{TableName: &s.table, ConsistentRead: aws.Bool(true),
		KeyConditionExpression: aws.String("#pk = :pk AND begins_with(#sk, :resp)"), FilterExpression: aws.String("#id = :id"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrPK, "#sk": AttrSK, "#id": "id"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(surveyPK(surveyID)), ":resp": str(responseSKPref + "I"), ":id": str(id)}})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("find response: %w", err)
		}
		if len(page.Items) > 0 {
			return decodeResponse(page.Items[0])
		}
	}
	return nil, apperr.New(apperr.NotFound, "response_not_found")
}
