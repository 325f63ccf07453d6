package dynamo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

func failedPK(office string) string { return "OFFICE#" + office + "#FAILED" }

// FailOutbox marks a claimed mail as failed for good with SES's error code:
// it stays in the table, in its office's list of failed mails, until a
// coordinator sends it again or it expires.
func (s *Store) FailOutbox(ctx context.Context, it *outbox.Item, code string, now time.Time) error {
	at := now.UTC().Format(time.RFC3339Nano)
	_, err := s.single(ctx, step{stepOutboxClaim, s.update(key(it.ID, outboxSK),
		"SET #st = :failed, #err = :code, #failedAt = :at, #g1pk = :fpk, #g1sk = :fsk REMOVE #lease", "#st = :sending",
		map[string]types.AttributeValue{":failed": str(outboxFailed), ":sending": str(outboxSending), ":code": str(code), ":at": str(at),
			":fpk": str(failedPK(it.Office)), ":fsk": str(at + "#" + it.ID)})}, types.ReturnValueNone)
	if err != nil {
		return fmt.Errorf("fail outbox %s: %w", it.ID, err)
	}
	return nil
}

// FailedMails lists an office's mails that failed for good, newest first.
func (s *Store) FailedMails(ctx context.Context, office string, limit int) ([]outbox.Failed, error) {
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{TableName: &s.table, IndexName: aws.String(IndexGSI1),
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrGSI1PK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(failedPK(office))},
		ScanIndexForward:          aws.Bool(false), Limit: aws.Int32(int32(limit))})
	if err != nil {
		return nil, fmt.Errorf("failed mails: %w", err)
	}
	list := make([]outbox.Failed, 0, len(out.Items))
	for _, raw := range out.Items {
		var o outboxItem
		if err := attributevalue.UnmarshalMap(raw, &o); err != nil {
			return nil, fmt.Errorf("decode outbox: %w", err)
		}
		at, _ := time.Parse(time.RFC3339Nano, o.FailedAt)
		list = append(list, outbox.Failed{ID: strings.TrimPrefix(o.PK, "OUTBOX#"), Kind: string(o.Kind), Error: o.Error, FailedAt: at,
			Attempts: o.Attempts, MeetingID: o.MeetingID, RegistrationID: o.RegistrationID, TargetKind: o.TargetKind,
			TargetID: o.TargetID, InvitationID: o.InvitationID})
	}
	return list, nil
}

// ResendMail sends a failed mail of office again: in one transaction the
// failed item leaves the list (resent) and a new outbox item for the same
// mail is written, which the stream hands to the mailer. Another office's,
// an unknown or a mail that has not failed is NotFound.
func (s *Store) ResendMail(ctx context.Context, office, id string, now time.Time) error {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(outboxPK(id), outboxSK), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return fmt.Errorf("resend: %w", err)
	}
	var o outboxItem
	if out.Item == nil || attributevalue.UnmarshalMap(out.Item, &o) != nil || o.Office != office || o.Status != outboxFailed {
		return apperr.New(apperr.NotFound, "mail_not_found")
	}
	again := newOutbox(ulid.Make().String(), o.Kind, now)
	again.MeetingID, again.RegistrationID, again.TargetKind, again.TargetID, again.InvitationID, again.Office =
		o.MeetingID, o.RegistrationID, o.TargetKind, o.TargetID, o.InvitationID, o.Office
	_, err = s.write(ctx, nil,
		step{stepOutboxClaim, s.update(key(o.PK, outboxSK), "SET #st = :resent REMOVE #g1pk, #g1sk", "#st = :failed",
			map[string]types.AttributeValue{":resent": str(outboxResent), ":failed": str(outboxFailed)})},
		step{stepOutbox, s.put(item(again), true)})
	var f *StepsFailed
	if errors.As(err, &f) {
		return apperr.New(apperr.NotFound, "mail_not_found") // resent meanwhile
	}
	return err
}
