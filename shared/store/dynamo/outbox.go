package dynamo

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

const stepOutboxClaim = "outbox claim"

// openPK is the gsi1 partition of the outbox items that are not done yet
// (pending, sending, held back); their gsi1sk starts with the time the
// sweep looks at them: OutboxStuckAfter after they were written, or when a
// held mail's time comes.
const openPK = "OUTBOX#OPEN"

// OutboxStuckAfter is how long an outbox item may stay pending or sending
// before the sweep takes it up: the stream delivers in seconds and its
// retries end within minutes.
const OutboxStuckAfter = 15 * time.Minute

// dueKey is the gsi1sk of an open item: its due time, fixed width (so that
// the strings sort as the times), then its pk.
func dueKey(t time.Time, pk string) string { return dueTime(t) + "#" + pk }

func dueTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// The outbox's attribute names in expressions.
func init() {
	attrNames["#holder"] = "holder"
	attrNames["#sending"] = "sendingAt"
	attrNames["#unknown"] = "unknownSends"
	attrNames["#heldUntil"] = "heldUntil"
}

// ClaimOutbox implements the mailer's store with one conditional update:
// pending, sending with an expired lease, or held back with its time come
// becomes sending until leaseUntil, under a new holder token. Otherwise it
// says why not, from the item as it was: done (sent, failed, resent or
// held until later), or held by another sender until when. When the item
// carries the mark of a send whose result was never recorded, the claim
// counts it (unknownSends) and clears the mark.
func (s Outbox) ClaimOutbox(ctx context.Context, id string, now, leaseUntil time.Time) (outbox.Claim, error) {
	holder := newHolder()
	out, err := s.single(ctx, step{stepOutboxClaim, s.update(key(id, outboxSK),
		"SET #st = :sending, #lease = :until, #holder = :h ADD #att :one",
		"#st = :pending OR (#st = :sending AND #lease < :now) OR (#st = :held AND #heldUntil <= :now)", map[string]types.AttributeValue{
			":sending": str(outboxSending), ":pending": str(outboxPending), ":held": str(outboxHeld), ":one": num(1), ":h": str(holder),
			":until": num(leaseUntil.UnixMilli()), ":now": num(now.UnixMilli()),
		})}, types.ReturnValueAllNew)
	var f *StepsFailed
	if errors.As(err, &f) {
		old := f.Old[stepOutboxClaim]
		switch st := strAttr(old, "status"); {
		case old == nil:
			return outbox.Claim{}, fmt.Errorf("claim outbox %s: no such item", id)
		case st == outboxSent, st == outboxFailed, st == outboxResent, st == outboxHeld:
			// Done: sent, failed for good (a coordinator may send it
			// again, as a new item), sent again as a new item, or held
			// back until its time.
			return outbox.Claim{Done: true}, nil
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
	if it.SendingAt != "" {
		// An earlier holder asked SES and ended before it recorded the
		// answer: the mail may have gone out.
		if _, err := s.single(ctx, step{stepOutboxClaim, s.update(key(id, outboxSK), "ADD #unknown :one REMOVE #sending", "#holder = :h",
			map[string]types.AttributeValue{":one": num(1), ":h": str(holder)})}, types.ReturnValueNone); err != nil {
			return outbox.Claim{}, fmt.Errorf("claim outbox %s: count the unknown send: %w", id, err)
		}
		it.UnknownSends++
	}
	return outbox.Claim{Item: it.entry()}, nil
}

// newHolder is a claim's token.
func newHolder() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// heldBy is the condition of every write of a claimed item: still sending,
// still under this claim.
const heldBy = "#st = :sending AND #holder = :h"

// claimed runs one write of a claimed item; a taken-over claim is
// outbox.ErrLost.
func (s *Table) claimed(ctx context.Context, what string, it *outbox.Item, upd string, vals map[string]types.AttributeValue) error {
	vals[":sending"], vals[":h"] = str(outboxSending), str(it.Holder)
	_, err := s.single(ctx, step{stepOutboxClaim, s.update(key(it.ID, outboxSK), upd, heldBy, vals)}, types.ReturnValueNone)
	var f *StepsFailed
	if errors.As(err, &f) {
		return fmt.Errorf("%s outbox %s: %w", what, it.ID, outbox.ErrLost)
	}
	if err != nil {
		return fmt.Errorf("%s outbox %s: %w", what, it.ID, err)
	}
	return nil
}

// BeginSend implements the mailer's store: it marks that a send of the
// claimed item is about to ask SES (sendingAt) and renews the lease to
// leaseUntil. A holder that ends before it records SES's answer leaves the
// mark, and the next claim counts the send as one whose result is
// unknown.
func (s Outbox) BeginSend(ctx context.Context, it *outbox.Item, now, leaseUntil time.Time) error {
	return s.claimed(ctx, "begin send", it, "SET #sending = :now, #lease = :until", map[string]types.AttributeValue{
		":now": str(now.UTC().Format(time.RFC3339Nano)), ":until": num(leaseUntil.UnixMilli())})
}

// CompleteOutbox implements the mailer's store: the claimed item is sent,
// with SES's message id (empty: not sent, its event was superseded or the
// address is suppressed), and leaves the sweep's index. A mail sent after a
// send whose result is unknown joins its office's list instead: it may
// have arrived twice.
func (s Outbox) CompleteOutbox(ctx context.Context, it *outbox.Item, messageID string, now time.Time) error {
	at := now.UTC().Format(time.RFC3339Nano)
	vals := map[string]types.AttributeValue{":sent": str(outboxSent), ":now": str(at), ":mid": str(messageID)}
	upd := "SET #st = :sent, #at = :now, #mid = :mid REMOVE #lease, #holder, #sending, #g1pk, #g1sk"
	if it.UnknownSends > 0 && messageID != "" {
		upd = "SET #st = :sent, #at = :now, #mid = :mid, #failedAt = :now, #g1pk = :fpk, #g1sk = :fsk REMOVE #lease, #holder, #sending"
		vals[":fpk"], vals[":fsk"] = str(failedPK(it.Office)), str(at+"#"+it.ID)
	}
	return s.claimed(ctx, "complete", it, upd, vals)
}

// ReleaseOutbox implements the mailer's store: the claimed item is pending
// again after a send that failed. known: SES answered (or was never
// reached), so the mail did not go out; otherwise the send's mark stays
// and the next claim counts it as unknown.
func (s Outbox) ReleaseOutbox(ctx context.Context, it *outbox.Item, known bool) error {
	upd := "SET #st = :pending REMOVE #lease, #holder"
	if known {
		upd += ", #sending"
	}
	return s.claimed(ctx, "release", it, upd, map[string]types.AttributeValue{":pending": str(outboxPending)})
}

// HoldOutbox implements the mailer's store: the claimed item is held back
// for reason until until, when the sweep takes it up again (or a
// coordinator sends it now).
func (s Outbox) HoldOutbox(ctx context.Context, it *outbox.Item, reason string, until, now time.Time) error {
	return s.claimed(ctx, "hold", it, "SET #st = :held, #err = :reason, #failedAt = :now, #heldUntil = :until, #g1pk = :open, #g1sk = :due REMOVE #lease, #holder, #sending",
		map[string]types.AttributeValue{":held": str(outboxHeld), ":reason": str(reason), ":now": str(now.UTC().Format(time.RFC3339Nano)),
			":until": num(until.UnixMilli()), ":open": str(openPK), ":due": str(dueKey(until, it.ID))})
}

// DueOutbox lists up to limit outbox items that the sweep takes up at now,
// oldest first: pending or sending for longer than OutboxStuckAfter, and
// held ones whose time has come.
func (s Outbox) DueOutbox(ctx context.Context, now time.Time, limit int) ([]outbox.Due, error) {
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{TableName: &s.table, IndexName: aws.String(IndexGSI1),
		KeyConditionExpression:    aws.String("#pk = :pk AND #sk < :upto"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrGSI1PK, "#sk": AttrGSI1SK, "#st": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(openPK), ":upto": str(dueTime(now) + "$")},
		ProjectionExpression:      aws.String("pk, #st"), Limit: aws.Int32(int32(limit))})
	if err != nil {
		return nil, fmt.Errorf("due outbox: %w", err)
	}
	list := make([]outbox.Due, 0, len(out.Items))
	for _, it := range out.Items {
		list = append(list, outbox.Due{ID: strAttr(it, AttrPK), Status: strAttr(it, "status")})
	}
	return list, nil
}
