package dynamo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
)

// Store is the DynamoDB implementation of the domain stores.
type Store struct {
	db    *dynamodb.Client
	table string
}

// New returns a store on table. Build db once per container.
func New(db *dynamodb.Client, table string) *Store {
	return &Store{db: db, table: table}
}

func str(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }

func num(n int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(n, 10)}
}

func key(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{AttrPK: str(pk), AttrSK: str(sk)}
}

// condNew makes a put fail when the item exists.
var condNew = aws.String("attribute_not_exists(" + AttrPK + ")")

// transactWithClaim writes items in one transaction, preceded by the
// idempotency claim if there is one. When the claim's key is already
// taken, nothing is written and the earlier result is returned. Concurrent
// retries race on the claim's condition: exactly one transaction wins.
func (s *Store) transactWithClaim(ctx context.Context, claim *idempotency.Claim, items ...types.TransactWriteItem) (*idempotency.Replay, error) {
	if claim != nil {
		items = append([]types.TransactWriteItem{{Put: &types.Put{
			TableName: &s.table,
			Item: map[string]types.AttributeValue{
				AttrPK: str("IDEM#" + claim.KeyHash), AttrSK: str("IDEM"),
				"type": str("idempotency"), "requestHash": str(claim.RequestHash),
				"status": num(int64(claim.Status)), "body": str(string(claim.Body)),
				AttrTTL: num(claim.ExpiresAt.Unix()),
			},
			ConditionExpression:                 condNew,
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
		}}}, items...)
	}
	if len(items) == 1 && items[0].Put != nil {
		p := items[0].Put
		_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: p.TableName, Item: p.Item, ConditionExpression: p.ConditionExpression,
			ExpressionAttributeNames: p.ExpressionAttributeNames, ExpressionAttributeValues: p.ExpressionAttributeValues})
		return nil, err
	}
	const attempts = 6
	for attempt := 0; ; attempt++ {
		_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
		if err == nil {
			return nil, nil
		}
		var tce *types.TransactionCanceledException
		if !errors.As(err, &tce) {
			return nil, err
		}
		reasons := tce.CancellationReasons
		if claim != nil && len(reasons) > 0 && aws.ToString(reasons[0].Code) == "ConditionalCheckFailed" {
			if r := replayFrom(reasons[0].Item); r != nil {
				return r, nil
			}
			return s.readClaim(ctx, claim)
		}
		if !conflictOnly(reasons) {
			return nil, &Canceled{Reasons: reasons, err: err}
		}
		// A concurrent transaction touched the same items: try again
		// shortly; the claim condition keeps retries from duplicating.
		if attempt == attempts-1 {
			return nil, fmt.Errorf("transaction conflict after %d attempts: %w", attempts, err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(5+rand.IntN(20<<attempt)) * time.Millisecond):
		}
	}
}

// Canceled is a transaction cancelled by a failed condition other than the
// idempotency claim; callers inspect Reasons by item position.
type Canceled struct {
	Reasons []types.CancellationReason
	err     error
}

func (c *Canceled) Error() string { return "transaction canceled: " + c.err.Error() }
func (c *Canceled) Unwrap() error { return c.err }

// Failed reports whether the item at position i failed its condition.
func (c *Canceled) Failed(i int) bool {
	return i < len(c.Reasons) && aws.ToString(c.Reasons[i].Code) == "ConditionalCheckFailed"
}

func conflictOnly(reasons []types.CancellationReason) bool {
	conflict := false
	for _, r := range reasons {
		switch aws.ToString(r.Code) {
		case "None", "":
		case "TransactionConflict":
			conflict = true
		default:
			return false
		}
	}
	return conflict
}

func (s *Store) readClaim(ctx context.Context, claim *idempotency.Claim) (*idempotency.Replay, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: &s.table, Key: key("IDEM#"+claim.KeyHash, "IDEM"), ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return nil, fmt.Errorf("read idempotency claim: %w", err)
	}
	if r := replayFrom(out.Item); r != nil {
		return r, nil
	}
	return nil, errors.New("idempotency claim vanished after conflict")
}

func replayFrom(item map[string]types.AttributeValue) *idempotency.Replay {
	if item == nil {
		return nil
	}
	hash, _ := item["requestHash"].(*types.AttributeValueMemberS)
	body, _ := item["body"].(*types.AttributeValueMemberS)
	status, _ := item["status"].(*types.AttributeValueMemberN)
	if hash == nil || body == nil || status == nil {
		return nil
	}
	code, _ := strconv.Atoi(status.Value)
	return &idempotency.Replay{RequestHash: hash.Value, Status: code, Body: []byte(body.Value)}
}

// ClaimKey reserves an idempotency key for a request that writes in more
// than one step (admin creates, uploads): a conditional put of a pending
// claim. When the key is taken it returns the stored claim instead: done
// (with its result) or still pending.
func (s *Store) ClaimKey(ctx context.Context, claim *idempotency.Claim) (replay *idempotency.Replay, pending bool, err error) {
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: &s.table,
		Item: map[string]types.AttributeValue{
			AttrPK: str("IDEM#" + claim.KeyHash), AttrSK: str("IDEM"), "type": str("idempotency"),
			"requestHash": str(claim.RequestHash), "state": str("pending"), AttrTTL: num(claim.ExpiresAt.Unix()),
		},
		ConditionExpression:                 condNew,
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	})
	var ccf *types.ConditionalCheckFailedException
	if !errors.As(err, &ccf) {
		return nil, false, err
	}
	old := ccf.Item
	if r := replayFrom(old); r != nil {
		return r, false, nil
	}
	hash, _ := old["requestHash"].(*types.AttributeValueMemberS)
	if hash == nil {
		return nil, false, errors.New("idempotency claim without request hash")
	}
	return &idempotency.Replay{RequestHash: hash.Value}, true, nil
}

// CompleteKey stores the result of a claimed request.
func (s *Store) CompleteKey(ctx context.Context, claim *idempotency.Claim) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: key("IDEM#"+claim.KeyHash, "IDEM"),
		UpdateExpression:         aws.String("SET #st = :st, #body = :body, #state = :done"),
		ExpressionAttributeNames: map[string]string{"#st": "status", "#body": "body", "#state": "state"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":st": num(int64(claim.Status)), ":body": str(string(claim.Body)), ":done": str("done"),
		},
	})
	if err != nil {
		return fmt.Errorf("complete idempotency claim: %w", err)
	}
	return nil
}

// ReleaseKey forgets a claim whose request failed, so a retry may run.
func (s *Store) ReleaseKey(ctx context.Context, claim *idempotency.Claim) error {
	_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: key("IDEM#"+claim.KeyHash, "IDEM")})
	if err != nil {
		return fmt.Errorf("release idempotency claim: %w", err)
	}
	return nil
}
