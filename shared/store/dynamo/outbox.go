package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

const stepOutboxClaim = "outbox claim"

// ClaimOutbox implements the mailer's store with one conditional update:
// pending, or sending with an expired lease, becomes sending until
// leaseUntil. Otherwise it says why not, from the item as it was: sent
// already, or held by another sender until when.
func (s *Store) ClaimOutbox(ctx context.Context, id string, now, leaseUntil time.Time) (outbox.Claim, error) {
	out, err := s.single(ctx, step{stepOutboxClaim, s.update(key(id, outboxSK),
		"SET #st = :sending, #lease = :until ADD #att :one",
		"#st = :pending OR (#st = :sending AND #lease < :now)", map[string]types.AttributeValue{
			":sending": str(outboxSending), ":pending": str(outboxPending), ":one": num(1),
			":until": num(leaseUntil.UnixMilli()), ":now": num(now.UnixMilli()),
		})}, types.ReturnValueAllNew)
	var f *StepsFailed
	if errors.As(err, &f) {
		old := f.Old[stepOutboxClaim]
		switch {
		case old == nil:
			return outbox.Claim{}, fmt.Errorf("claim outbox %s: no such item", id)
		case strAttr(old, "status") == outboxSent, strAttr(old, "status") == outboxFailed, strAttr(old, "status") == outboxResent:
			// Done: sent, failed for good (a coordinator may send it
			// again, as a new item) or sent again as a new item.
			return outbox.Claim{Sent: true}, nil
		}
		return outbox.Claim{HeldUntil: time.UnixMilli(int64(intAttr(old, "leaseUntil")))}, nil
	}
	if err != nil {
		return outbox.Claim{}, fmt.Errorf("claim outbox %s: %w", id, err)
	}
	var it outboxItem
	if err := attributevalue.UnmarshalMap(out, &it); err != nil {
		return outbox.Claim{}, fmt.Errorf("decode outbox %s: %w", id, err)
	}
	return outbox.Claim{Item: it.entry()}, nil
}

// CompleteOutbox implements the mailer's store. messageID is empty for a
// mail that was not sent because its event was superseded.
func (s *Store) CompleteOutbox(ctx context.Context, id, messageID string, now time.Time) error {
	_, err := s.single(ctx, step{stepOutboxClaim, s.update(key(id, outboxSK),
		"SET #st = :sent, #at = :now, #mid = :mid REMOVE #lease", "#st = :sending", map[string]types.AttributeValue{
			":sent": str(outboxSent), ":sending": str(outboxSending), ":now": str(now.UTC().Format(time.RFC3339Nano)), ":mid": str(messageID),
		})}, types.ReturnValueNone)
	if err != nil {
		return fmt.Errorf("complete outbox %s: %w", id, err)
	}
	return nil
}

// ReleaseOutbox implements the mailer's store.
func (s *Store) ReleaseOutbox(ctx context.Context, id string) error {
	_, err := s.single(ctx, step{stepOutboxClaim, s.update(key(id, outboxSK), "SET #st = :pending REMOVE #lease", "#st = :sending",
		map[string]types.AttributeValue{":pending": str(outboxPending), ":sending": str(outboxSending)})}, types.ReturnValueNone)
	if err != nil {
		return fmt.Errorf("release outbox %s: %w", id, err)
	}
	return nil
}
