package dynamo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
)

const invSKPref = "INV#"

// TargetPK is the partition of what an invitation is for.
func TargetPK(kind invitation.Kind, id string) string {
	if kind == invitation.Meeting {
		return meetingPK(id)
	}
	return surveyPK(id)
}

type invItem struct {
	PK           string `dynamodbav:"pk"`
	SK           string `dynamodbav:"sk"`
	Type         string `dynamodbav:"type"`
	ID           string `dynamodbav:"id"`
	Kind         string `dynamodbav:"kind"`
	TargetID     string `dynamodbav:"targetId"`
	Office       string `dynamodbav:"office"`
	Organisation string `dynamodbav:"organisation"`
	Email        string `dynamodbav:"email"`
	Language     string `dynamodbav:"language"`
	Status       string `dynamodbav:"status"`
	TokenHash    string `dynamodbav:"tokenHash"`
	InvitedAt    int64  `dynamodbav:"invitedAt"`
	LastMailAt   int64  `dynamodbav:"lastMailAt"`
	Reminders    int    `dynamodbav:"reminders"`
	RespondedAt  int64  `dynamodbav:"respondedAt,omitempty"`
	ExpiresAt    int64  `dynamodbav:"expiresAt"`
}

func toInvItem(v *invitation.Invitation) invItem {
	it := invItem{PK: TargetPK(v.Kind, v.TargetID), SK: invSKPref + v.ID, Type: "invitation", ID: v.ID,
		Kind: string(v.Kind), TargetID: v.TargetID, Office: v.Office, Organisation: v.Organisation, Email: v.Email,
		Language: v.Language, Status: string(v.Status), TokenHash: v.TokenHash, InvitedAt: v.InvitedAt.Unix(),
		LastMailAt: v.LastMailAt.Unix(), Reminders: v.Reminders, ExpiresAt: v.ExpiresAt.Unix()}
	if !v.RespondedAt.IsZero() {
		it.RespondedAt = v.RespondedAt.Unix()
	}
	return it
}

func fromInvItem(it invItem) *invitation.Invitation {
	v := &invitation.Invitation{ID: it.ID, Kind: invitation.Kind(it.Kind), TargetID: it.TargetID, Office: it.Office,
		Organisation: it.Organisation, Email: it.Email, Language: it.Language, Status: invitation.Status(it.Status),
		TokenHash: it.TokenHash, InvitedAt: time.Unix(it.InvitedAt, 0), LastMailAt: time.Unix(it.LastMailAt, 0),
		Reminders: it.Reminders, ExpiresAt: time.Unix(it.ExpiresAt, 0)}
	if it.RespondedAt != 0 {
		v.RespondedAt = time.Unix(it.RespondedAt, 0)
	}
	return v
}

func invOutbox(kind string, v *invitation.Invitation, now time.Time) Item {
	return Item{
		AttrPK: str("OUTBOX#" + ulid.Make().String()), AttrSK: str("OUTBOX"), "type": str("outbox"),
		"kind": str(kind), "targetKind": str(string(v.Kind)), "targetId": str(v.TargetID), "invitationId": str(v.ID),
		"status": str("pending"), "createdAt": str(now.UTC().Format(time.RFC3339Nano)), AttrTTL: num(now.Add(OutboxRetention).Unix()),
	}
}

// InvitedEmails returns the lower-cased addresses already invited to a
// target (so that a second upload adds only new ones).
func (s *Store) InvitedEmails(ctx context.Context, kind invitation.Kind, targetID string) (map[string]bool, error) {
	out := map[string]bool{}
	err := s.queryEach(ctx, TargetPK(kind, targetID), invSKPref, func(items []Item) error {
		for _, it := range items {
			if e, ok := it["email"].(*types.AttributeValueMemberS); ok {
				out[strings.ToLower(e.Value)] = true
			}
		}
		return nil
	})
	return out, err
}

// PutInvitations writes invitations with their token lookups and invitation
// mails in batches of 25 (BatchWriteItem), retrying unprocessed items with
// backoff. It returns the number of round trips.
func (s *Store) PutInvitations(ctx context.Context, invs []*invitation.Invitation, now time.Time) (int, error) {
	reqs := make([]types.WriteRequest, 0, 3*len(invs))
	for _, v := range invs {
		item, err := attributevalue.MarshalMap(toInvItem(v))
		if err != nil {
			return 0, fmt.Errorf("encode invitation: %w", err)
		}
		reqs = append(reqs,
			types.WriteRequest{PutRequest: &types.PutRequest{Item: item}},
			types.WriteRequest{PutRequest: &types.PutRequest{Item: Item{
				AttrPK: str("TOKEN#" + v.TokenHash), AttrSK: str("TOKEN"), "type": str("token"), "kind": str(invitation.TokenKind),
				"targetKind": str(string(v.Kind)), "targetId": str(v.TargetID), "invitationId": str(v.ID), AttrTTL: num(v.ExpiresAt.Unix()),
			}}},
			types.WriteRequest{PutRequest: &types.PutRequest{Item: invOutbox("invitation", v, now)}},
		)
	}
	return s.batchWrite(ctx, reqs)
}

// batchWriters is how many batches are in flight at once.
const batchWriters = 4

func (s *Store) batchWrite(ctx context.Context, reqs []types.WriteRequest) (int, error) {
	var batches [][]types.WriteRequest
	for len(reqs) > 0 {
		n := min(25, len(reqs))
		batches, reqs = append(batches, reqs[:n]), reqs[n:]
	}
	var (
		mu    sync.Mutex
		trips int
		first error
		wg    sync.WaitGroup
	)
	work := make(chan []types.WriteRequest)
	for w := 0; w < batchWriters; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				n, err := s.writeBatch(ctx, b)
				mu.Lock()
				trips += n
				if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	for _, b := range batches {
		mu.Lock()
		failed := first != nil
		mu.Unlock()
		if failed {
			break
		}
		work <- b
	}
	close(work)
	wg.Wait()
	return trips, first
}

// writeBatch writes one batch, retrying unprocessed items with backoff.
func (s *Store) writeBatch(ctx context.Context, batch []types.WriteRequest) (int, error) {
	trips := 0
	for attempt := 0; len(batch) > 0; attempt++ {
		if attempt > 0 {
			if attempt > 8 {
				return trips, errors.New("batch write: unprocessed items after 8 retries")
			}
			select {
			case <-ctx.Done():
				return trips, ctx.Err()
			case <-time.After(time.Duration(rand.IntN(25<<attempt)) * time.Millisecond):
			}
		}
		out, err := s.db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{s.table: batch}})
		trips++
		if err != nil {
			return trips, fmt.Errorf("batch write: %w", err)
		}
		batch = out.UnprocessedItems[s.table]
	}
	return trips, nil
}

// InvitationsPage returns a page of a target's invitations.
func (s *Store) InvitationsPage(ctx context.Context, kind invitation.Kind, targetID, cursor string, limit int) ([]*invitation.Invitation, string, error) {
	items, next, err := s.queryPage(ctx, TargetPK(kind, targetID), invSKPref, cursor, limit)
	if err != nil {
		return nil, "", err
	}
	out := make([]*invitation.Invitation, len(items))
	for i, it := range items {
		var ii invItem
		if err := attributevalue.UnmarshalMap(it, &ii); err != nil {
			return nil, "", fmt.Errorf("decode invitation: %w", err)
		}
		out[i] = fromInvItem(ii)
	}
	return out, next, nil
}

// EachInvitation streams a target's invitations.
func (s *Store) EachInvitation(ctx context.Context, kind invitation.Kind, targetID string, fn func(*invitation.Invitation) error) error {
	return s.queryEach(ctx, TargetPK(kind, targetID), invSKPref, func(items []Item) error {
		for _, it := range items {
			var ii invItem
			if err := attributevalue.UnmarshalMap(it, &ii); err != nil {
				return fmt.Errorf("decode invitation: %w", err)
			}
			if err := fn(fromInvItem(ii)); err != nil {
				return err
			}
		}
		return nil
	})
}

// Invitation reads one invitation.
func (s *Store) Invitation(ctx context.Context, kind invitation.Kind, targetID, id string) (*invitation.Invitation, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(TargetPK(kind, targetID), invSKPref+id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, fmt.Errorf("get invitation: %w", err)
	}
	if out.Item == nil {
		return nil, apperr.New(apperr.NotFound, "invitation_unknown")
	}
	var ii invItem
	if err := attributevalue.UnmarshalMap(out.Item, &ii); err != nil {
		return nil, fmt.Errorf("decode invitation: %w", err)
	}
	return fromInvItem(ii), nil
}

// InvitationByToken resolves an invitation link (NotFound if unknown).
func (s *Store) InvitationByToken(ctx context.Context, tokenHash string) (*invitation.Invitation, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key("TOKEN#"+tokenHash, "TOKEN")})
	if err != nil {
		return nil, fmt.Errorf("get token: %w", err)
	}
	var t struct {
		Kind         string `dynamodbav:"kind"`
		TargetKind   string `dynamodbav:"targetKind"`
		TargetID     string `dynamodbav:"targetId"`
		InvitationID string `dynamodbav:"invitationId"`
	}
	if out.Item != nil {
		if err := attributevalue.UnmarshalMap(out.Item, &t); err != nil {
			return nil, fmt.Errorf("decode token: %w", err)
		}
	}
	if t.Kind != invitation.TokenKind {
		return nil, apperr.New(apperr.NotFound, "invitation_unknown")
	}
	return s.Invitation(ctx, invitation.Kind(t.TargetKind), t.TargetID, t.InvitationID)
}

// Remind queues a reminder unless the invitee has answered or was mailed
// within invitation.ReminderGap; the check and the mail are one
// transaction, so concurrent reminder runs send at most one.
func (s *Store) Remind(ctx context.Context, v *invitation.Invitation, now time.Time) (bool, error) {
	_, err := s.transactWithClaim(ctx, nil,
		types.TransactWriteItem{Update: &types.Update{
			TableName: &s.table, Key: key(TargetPK(v.Kind, v.TargetID), invSKPref+v.ID),
			UpdateExpression:         aws.String("SET #last = :now ADD #rem :one"),
			ConditionExpression:      aws.String("#st = :invited AND #last <= :cutoff"),
			ExpressionAttributeNames: map[string]string{"#last": "lastMailAt", "#rem": "reminders", "#st": "status"},
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":now": num(now.Unix()), ":one": num(1), ":invited": str(string(invitation.Invited)),
				":cutoff": num(now.Add(-invitation.ReminderGap).Unix()),
			},
		}},
		types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: invOutbox("reminder", v, now)}},
	)
	var c *Canceled
	if errors.As(err, &c) && c.Failed(0) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("remind %s: %w", v.ID, err)
	}
	return true, nil
}

// markInvitation records that an invitee answered or registered.
func (s *Store) markInvitation(pk, id, status string, at time.Time) types.TransactWriteItem {
	return types.TransactWriteItem{Update: &types.Update{
		TableName: &s.table, Key: key(pk, invSKPref+id),
		UpdateExpression:          aws.String("SET #st = :st, #at = :at"),
		ConditionExpression:       aws.String("attribute_exists(pk)"),
		ExpressionAttributeNames:  map[string]string{"#st": "status", "#at": "respondedAt"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":st": str(status), ":at": num(at.Unix())},
	}}
}
