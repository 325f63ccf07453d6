package dynamo

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/audit"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
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
func (s *Store) auditStep(office string, e *meeting.Erasure, kind, id string, now time.Time) step {
	at := now.UTC().Format(time.RFC3339Nano)
	return step{stepAudit, s.put(item(auditItem{head: head{auditPK(office), at + "#" + id, "audit", now.Add(AuditRetention).Unix()},
		Action: "erase", Kind: kind, ID: id, Actor: e.Actor, At: at}), true)}
}

// Audit lists office's audit trail, newest first (at most limit entries).
func (s *Store) Audit(ctx context.Context, office string, limit int) ([]audit.Entry, error) {
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{TableName: &s.table, KeyConditionExpression: aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrPK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(auditPK(office))},
		ScanIndexForward:          aws.Bool(false), Limit: aws.Int32(int32(limit))})
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	entries := make([]audit.Entry, 0, len(out.Items))
	for _, it := range out.Items {
		var a auditItem
		if err := attributevalue.UnmarshalMap(it, &a); err != nil {
			return nil, fmt.Errorf("decode audit: %w", err)
		}
		at, _ := time.Parse(time.RFC3339Nano, a.At)
		entries = append(entries, audit.Entry{At: at, Action: a.Action, Kind: a.Kind, ID: a.ID, Actor: a.Actor})
	}
	return entries, nil
}
