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

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
)

// Reasons an address is suppressed.
const (
	SuppressBounce    = "bounce"
	SuppressComplaint = "complaint"
)

// How long a suppression lasts: a mailbox that did not exist may exist
// again one day; a person who complained is not mailed again (ten years
// is the item's TTL, no sooner).
const (
	BounceSuppression    = 365 * 24 * time.Hour
	ComplaintSuppression = 10 * 365 * 24 * time.Hour
)

// suppressionItem is an address SES reported as bouncing for good or as
// complaining; the key is a keyed hash of the person behind the address.
type suppressionItem struct {
	head
	Reason string `dynamodbav:"reason"`
	At     string `dynamodbav:"at"`
}

// Suppress records that mail to the person of key must not be sent: a
// complaint always, a bounce unless a complaint is recorded already.
func (s Suppressions) Suppress(ctx context.Context, personKey, reason string, now time.Time) error {
	ttl := now.Add(BounceSuppression)
	if reason == SuppressComplaint {
		ttl = now.Add(ComplaintSuppression)
	}
	p := s.put(item(suppressionItem{head: head{"SUPPRESS#" + personKey, "SUPPRESS", "suppression", ttl.Unix()},
		Reason: reason, At: now.UTC().Format(time.RFC3339Nano)}), false)
	if reason != SuppressComplaint {
		p.Put.ConditionExpression = aws.String("attribute_not_exists(#pk) OR #reason <> :complaint")
		p.Put.ExpressionAttributeNames, p.Put.ExpressionAttributeValues = exprAttrs(
			map[string]types.AttributeValue{":complaint": str(SuppressComplaint)}, p.Put.ConditionExpression)
	}
	_, err := s.single(ctx, step{"suppression", p}, types.ReturnValueNone)
	var f *StepsFailed
	if errors.As(err, &f) {
		return nil // a complaint stays a complaint
	}
	if err != nil {
		return fmt.Errorf("suppress: %w", err)
	}
	return nil
}

// MarkFeedback marks the invitation an outbox mail was sent for as bounced
// or complained (status invitation.Bounced or invitation.Complained); a
// registration mail or an unknown outbox id changes nothing. It returns
// the office the mail was sent for and the organisation's record its
// invitation names ("" when unknown), whose contact may be the address.
func (s Suppressions) MarkFeedback(ctx context.Context, outboxID string, status invitation.Status, now time.Time) (office, orgID string, err error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(outboxID, outboxSK)})
	if err != nil {
		return "", "", fmt.Errorf("feedback: read outbox: %w", err)
	}
	var o outboxItem
	if out.Item == nil || attributevalue.UnmarshalMap(out.Item, &o) != nil {
		return "", "", nil
	}
	if o.InvitationID == "" {
		return o.Office, "", nil
	}
	old, err := s.single(ctx, step{stepInvitation, s.markInvitation(TargetPK(invitation.Kind(o.TargetKind), o.TargetID), o.InvitationID, string(status), now)},
		types.ReturnValueAllNew)
	var f *StepsFailed
	if errors.As(err, &f) {
		return o.Office, "", nil // the invitation is gone
	}
	return o.Office, strAttr(old, "orgId"), err
}

func keyOfSuppression(k string) Item { return key("SUPPRESS#"+k, "SUPPRESS") }
