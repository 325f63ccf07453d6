package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// ClaimOutbox implements the mailer's store with one conditional update: pending,
// or sending with an expired lease, becomes sending.
func (s *Store) ClaimOutbox(ctx context.Context, id string, now time.Time, lease time.Duration) (*outbox.Item, bool, error) {
	out, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: key(id, "OUTBOX"),
		UpdateExpression:         aws.String("SET #st = :sending, #lease = :until ADD #att :one"),
		ConditionExpression:      aws.String("#st = :pending OR (#st = :sending AND #lease < :now)"),
		ExpressionAttributeNames: map[string]string{"#st": "status", "#lease": "leaseUntil", "#att": "attempts"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":sending": str("sending"), ":pending": str("pending"), ":one": num(1),
			":until": num(now.Add(lease).UnixMilli()), ":now": num(now.UnixMilli()),
		},
		ReturnValues: types.ReturnValueAllNew,
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("claim outbox %s: %w", id, err)
	}
	a := out.Attributes
	get := func(k string) string {
		if v, ok := a[k].(*types.AttributeValueMemberS); ok {
			return v.Value
		}
		return ""
	}
	return &outbox.Item{ID: id, Kind: get("kind"), MeetingID: get("meetingId"), RegistrationID: get("registrationId"),
		TargetKind: get("targetKind"), TargetID: get("targetId"), InvitationID: get("invitationId")}, true, nil
}

// CompleteOutbox implements the mailer's store.
func (s *Store) CompleteOutbox(ctx context.Context, id, messageID string, now time.Time) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: key(id, "OUTBOX"),
		UpdateExpression:         aws.String("SET #st = :sent, #at = :now, #mid = :mid REMOVE #lease"),
		ConditionExpression:      aws.String("#st = :sending"),
		ExpressionAttributeNames: map[string]string{"#st": "status", "#at": "sentAt", "#mid": "messageId", "#lease": "leaseUntil"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":sent": str("sent"), ":sending": str("sending"), ":now": str(now.UTC().Format(time.RFC3339Nano)), ":mid": str(messageID),
		},
	})
	if err != nil {
		return fmt.Errorf("complete outbox %s: %w", id, err)
	}
	return nil
}

// ReleaseOutbox implements the mailer's store.
func (s *Store) ReleaseOutbox(ctx context.Context, id string) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: key(id, "OUTBOX"),
		UpdateExpression:          aws.String("SET #st = :pending REMOVE #lease"),
		ConditionExpression:       aws.String("#st = :sending"),
		ExpressionAttributeNames:  map[string]string{"#st": "status", "#lease": "leaseUntil"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pending": str("pending"), ":sending": str("sending")},
	})
	if err != nil {
		return fmt.Errorf("release outbox %s: %w", id, err)
	}
	return nil
}
