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
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

func failedPK(office string) string { return "OFFICE#" + office + "#FAILED" }

// FailOutbox marks a claimed mail as failed for good with SES's error code:
// it leaves the sweep's index and stays in the table, in its office's list
// of failed mails, until a coordinator sends it again or it expires.
func (s Outbox) FailOutbox(ctx context.Context, it *outbox.Item, code string, now time.Time) error {
	at := now.UTC().Format(time.RFC3339Nano)
	return s.claimed(ctx, "fail", it, "SET #st = :failed, #err = :code, #failedAt = :at, #g1pk = :fpk, #g1sk = :fsk REMOVE #lease, #holder, #sending",
		map[string]types.AttributeValue{":failed": str(outboxFailed), ":code": str(code), ":at": str(at),
			":fpk": str(failedPK(it.Office)), ":fsk": str(at + "#" + it.ID)})
}

// FailedMails lists an office's mails that need a look, newest first: those
// that failed for good and those sent after a send whose result is unknown
// (the office's list), then those held back (from the sweep's index), each
// with its recipient as the registration or invitation names them today.
func (s MailAdmin) FailedMails(ctx context.Context, office string, limit int) ([]outbox.Failed, error) {
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{TableName: &s.table, IndexName: aws.String(IndexGSI1),
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrGSI1PK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(failedPK(office))},
		ScanIndexForward:          aws.Bool(false), Limit: aws.Int32(int32(limit))})
	if err != nil {
		return nil, fmt.Errorf("failed mails: %w", err)
	}
	items := out.Items
	if len(items) < limit {
		// Held mails are few (the public's over the cap) and wait in the
		// sweep's index, which holds only mails not yet done.
		held, err := s.db.Query(ctx, &dynamodb.QueryInput{TableName: &s.table, IndexName: aws.String(IndexGSI1),
			KeyConditionExpression:    aws.String("#pk = :pk"),
			FilterExpression:          aws.String("#st = :held AND #office = :office"),
			ExpressionAttributeNames:  map[string]string{"#pk": AttrGSI1PK, "#st": "status", "#office": "office"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(openPK), ":held": str(outboxHeld), ":office": str(office)}})
		if err != nil {
			return nil, fmt.Errorf("held mails: %w", err)
		}
		items = append(items, held.Items[:min(len(held.Items), limit-len(items))]...)
	}
	list := make([]outbox.Failed, 0, len(items))
	for _, raw := range items {
		var o outboxItem
		if err := attributevalue.UnmarshalMap(raw, &o); err != nil {
			return nil, fmt.Errorf("decode outbox: %w", err)
		}
		at, _ := time.Parse(time.RFC3339Nano, o.FailedAt)
		f := outbox.Failed{ID: strings.TrimPrefix(o.PK, "OUTBOX#"), Kind: string(o.Kind), State: outbox.StateFailed, Error: o.Error, FailedAt: at,
			UnknownSends: o.UnknownSends, Attempts: o.Attempts, MeetingID: o.MeetingID, RegistrationID: o.RegistrationID, TargetKind: o.TargetKind,
			TargetID: o.TargetID, InvitationID: o.InvitationID}
		switch o.Status {
		case outboxHeld:
			f.State = outbox.StateHeld
			until := time.UnixMilli(o.HeldUntil)
			f.HeldUntil = &until
		case outboxSent:
			f.State = outbox.StateUnknown
		}
		if err := s.recipient(ctx, &f); err != nil {
			return nil, err
		}
		list = append(list, f)
	}
	return list, nil
}

// recipient fills in who a listed mail goes to: the registrant's name or
// the invited organisation, and the address (none once erased or gone).
func (s *Table) recipient(ctx context.Context, f *outbox.Failed) error {
	switch {
	case f.InvitationID != "":
		v, err := Invitations{s}.Invitation(ctx, invitation.Kind(f.TargetKind), f.TargetID, f.InvitationID)
		if apperr.CodeOf(err) == apperr.NotFound {
			return nil
		}
		if err != nil {
			return err
		}
		f.Recipient, f.Email = v.Organisation, v.Email
	case f.RegistrationID != "":
		r, err := Registrations{s}.Registration(ctx, f.MeetingID, f.RegistrationID)
		if apperr.CodeOf(err) == apperr.NotFound {
			return nil
		}
		if err != nil {
			return err
		}
		f.Recipient, f.Email = r.Name, r.Email
	}
	return nil
}

// ResendMail sends a mail of office again that failed for good or is held
// back: in one transaction the item leaves the lists (resent) and a new
// outbox item for the same mail is written, which the stream hands to the
// mailer; a coordinator asked for it, so no daily cap holds it back.
// Another office's, an unknown mail or one in another state is NotFound.
func (s MailAdmin) ResendMail(ctx context.Context, office, id string, now time.Time) error {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(outboxPK(id), outboxSK), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return fmt.Errorf("resend: %w", err)
	}
	var o outboxItem
	if out.Item == nil || attributevalue.UnmarshalMap(out.Item, &o) != nil || o.Office != office || (o.Status != outboxFailed && o.Status != outboxHeld) {
		return apperr.New(apperr.NotFound, "mail_not_found")
	}
	again := newOutbox(ulid.Make().String(), o.Kind, now)
	again.MeetingID, again.RegistrationID, again.TargetKind, again.TargetID, again.InvitationID, again.Office =
		o.MeetingID, o.RegistrationID, o.TargetKind, o.TargetID, o.InvitationID, o.Office
	again.ByOffice = true
	_, err = s.write(ctx, nil,
		step{stepOutboxClaim, s.update(key(o.PK, outboxSK), "SET #st = :resent REMOVE #g1pk, #g1sk", "#st = :was",
			map[string]types.AttributeValue{":resent": str(outboxResent), ":was": str(o.Status)})},
		step{stepOutbox, s.put(item(again), true)})
	var f *StepsFailed
	if errors.As(err, &f) {
		return apperr.New(apperr.NotFound, "mail_not_found") // resent (or taken up by the sweep) meanwhile
	}
	return err
}
