package dynamo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
)

// Table is the handle on the one table: the client's calls, the table's
// name, and the helpers every area builds on (the named-step transaction
// writer write and single, the idempotency claim and its replay, the
// retry of conflicts and 5xx). Its methods are unexported: the areas'
// types (areas.go) are what services hold.
type Table struct {
	db    calls
	table string
	// PurgeCancelled is how long a cancelled registration is kept
	// (DefaultPurgeCancelled unless the deployment sets it).
	PurgeCancelled time.Duration
}

// calls are the client's operations the store makes, held as method
// values rather than the *dynamodb.Client itself: the store is used through
// interfaces, and a type used through an interface drags along every
// method of every type it holds once a library that calls methods by a
// name known only at run time is linked (the standard library's
// html/template was, before the templates' copy, third_party/README.md;
// the admin function's libraries are). Holding the client would then keep
// all ~60 DynamoDB operations; this keeps the seven it calls (1.5 MB less
// when measured).
// A new call needs a field here and a line in New.
type calls struct {
	GetItem            func(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem            func(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem         func(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	DeleteItem         func(context.Context, *dynamodb.DeleteItemInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query              queryFunc
	TransactWriteItems func(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
	BatchGetItem       func(context.Context, *dynamodb.BatchGetItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
}

// queryFunc is Query as a dynamodb.QueryAPIClient, for the paginators.
type queryFunc func(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)

// Query calls f.
func (f queryFunc) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	return f(ctx, in, opts...)
}

// NewTable returns the handle on table. Build db once per container.
func NewTable(db *dynamodb.Client, table string) *Table {
	return &Table{table: table, PurgeCancelled: DefaultPurgeCancelled, db: calls{
		GetItem: db.GetItem, PutItem: db.PutItem, UpdateItem: db.UpdateItem, DeleteItem: db.DeleteItem,
		Query: db.Query, TransactWriteItems: db.TransactWriteItems, BatchGetItem: db.BatchGetItem,
	}}
}

func num(n int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(n, 10)}
}

func key(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{AttrPK: str(pk), AttrSK: str(sk)}
}

// condNew makes a put fail when the item exists.
var condNew = aws.String("attribute_not_exists(" + AttrPK + ")")

// attrNames are the attribute names behind the #placeholders that
// expressions use (many are DynamoDB reserved words).
var attrNames = map[string]string{
	"#pk": AttrPK, "#ttl": AttrTTL, "#n": "n", "#ids": "ids",
	"#name": "name", "#email": "email", "#reason": "reason", "#err": "error", "#failedAt": "failedAt", "#role": "role", "#needs": "needs", "#topics": "topics", "#erased": "erasedAt", "#g1pk": AttrGSI1PK, "#g1sk": AttrGSI1SK, "#type": "type", "#frame": attrFrame,
	"#def": attrDefinition, "#conf": attrConfirmed, "#wait": attrWaiting, "#line": attrLine, "#cap": "capacity",
	"#closes": "closesAt", "#office": "office", "#ver": attrVersion, "#resched": attrRescheduled, "#seq": "sequence",
	"#st": "status", "#up": "updatedAt", "#live": "live", "#lease": "leaseUntil", "#att": "attempts",
	"#at": "sentAt", "#mid": "messageId", "#state": "state", "#body": "body",
	"#org": "organisation", "#lang": "language", "#last": "lastMailAt", "#rem": "reminders", "#resp": "respondedAt",
}

// exprAttrs returns the names and the values of vals that exprs use:
// DynamoDB rejects unused ones, so each expression gets exactly its own.
func exprAttrs(vals map[string]types.AttributeValue, exprs ...*string) (map[string]string, map[string]types.AttributeValue) {
	names, used := map[string]string{}, map[string]types.AttributeValue{}
	for _, e := range exprs {
		if e == nil {
			continue
		}
		s := *e
		for i := 0; i < len(s); i++ {
			if s[i] != '#' && s[i] != ':' {
				continue
			}
			j := i + 1
			for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			p := s[i:j]
			if s[i] == '#' {
				n, ok := attrNames[p]
				if !ok {
					panic("dynamo: no attribute name for " + p)
				}
				names[p] = n
			} else if v, ok := vals[p]; ok {
				used[p] = v
			} else {
				panic("dynamo: no value for " + p)
			}
			i = j - 1
		}
	}
	if len(names) == 0 {
		names = nil
	}
	if len(used) == 0 {
		used = nil
	}
	return names, used
}

// update is an UpdateItem of the table's item at k, as a transaction item.
func (s *Table) update(k Item, upd, cond string, vals map[string]types.AttributeValue) types.TransactWriteItem {
	u, c := aws.String(upd), aws.String(cond)
	if cond == "" {
		c = nil
	}
	names, values := exprAttrs(vals, u, c)
	return types.TransactWriteItem{Update: &types.Update{
		TableName: &s.table, Key: k, UpdateExpression: u, ConditionExpression: c,
		ExpressionAttributeNames: names, ExpressionAttributeValues: values,
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	}}
}

// put is a PutItem as a transaction item, failing if the item exists
// when isNew.
func (s *Table) put(it Item, isNew bool) types.TransactWriteItem {
	p := &types.Put{TableName: &s.table, Item: it, ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}
	if isNew {
		p.ConditionExpression = condNew
	}
	return types.TransactWriteItem{Put: p}
}

// step is one named item of a transaction. Names are how callers read a
// failure: "which condition failed" is asked by name, never by position.
type step struct {
	name string
	item types.TransactWriteItem
}

// ErrContention is a transaction that concurrent writers of the same items
// kept cancelling through every attempt: the caller may try again.
var ErrContention = errors.New("transaction conflict")

// stepClaim is the name of the idempotency claim's step.
const stepClaim = "idempotency claim"

// StepsFailed is a transaction cancelled because conditions of named steps
// failed; Old has each such item as it was (nil if it did not exist).
type StepsFailed struct {
	Old map[string]Item
	err error
}

func (e *StepsFailed) Error() string {
	names := make([]string, 0, len(e.Old))
	for n := range e.Old {
		names = append(names, n)
	}
	slices.Sort(names)
	return "condition failed: " + strings.Join(names, ", ")
}

func (e *StepsFailed) Unwrap() error { return e.err }

// Failed reports whether the named step's condition failed.
func (e *StepsFailed) Failed(name string) bool {
	_, ok := e.Old[name]
	return ok
}

// write writes steps in one transaction (one PutItem when it is a single
// put), preceded by the idempotency claim if there is one. When the
// claim's key is taken, nothing is written and the earlier result is
// returned. Concurrent retries race on the claim's condition: exactly one
// wins. Failed conditions come back as *StepsFailed; transaction conflicts
// with concurrent writers are retried here.
func (s *Table) write(ctx context.Context, claim *idempotency.Claim, steps ...step) (*idempotency.Replay, error) {
	if claim != nil {
		steps = append([]step{{stepClaim, s.put(claimItem(claim, true), true)}}, steps...)
	}
	if len(steps) == 1 && steps[0].item.ConditionCheck == nil {
		_, err := s.single(ctx, steps[0], types.ReturnValueNone)
		return nil, err
	}
	items := make([]types.TransactWriteItem, len(steps))
	for i, st := range steps {
		items[i] = st.item
	}
	const attempts = 10
	for attempt := 0; ; attempt++ {
		_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
		if err == nil {
			return nil, nil
		}
		var tce *types.TransactionCanceledException
		conflict := serverError(err)
		if !conflict && !errors.As(err, &tce) {
			return nil, err
		}
		failed := &StepsFailed{Old: map[string]Item{}, err: err}
		var reasons []types.CancellationReason
		if tce != nil {
			reasons = tce.CancellationReasons
		}
		for i, r := range reasons {
			switch aws.ToString(r.Code) {
			case "None", "":
			case "ConditionalCheckFailed":
				if i < len(steps) {
					failed.Old[steps[i].name] = r.Item
				}
			case "TransactionConflict":
				conflict = true
			default:
				return nil, err
			}
		}
		if failed.Failed(stepClaim) {
			if r := replayFrom(failed.Old[stepClaim]); r != nil {
				return r, nil
			}
			return s.readClaim(ctx, claim)
		}
		if len(failed.Old) > 0 {
			return nil, failed
		}
		if !conflict {
			return nil, fmt.Errorf("transaction cancelled: %w", err)
		}
		if attempt == attempts-1 {
			return nil, fmt.Errorf("%w after %d attempts: %w", ErrContention, attempt+1, err)
		}
		// A concurrent transaction touched the same items: try again
		// shortly (jittered, doubling up to a quarter second); the claim's
		// condition keeps retries from duplicating.
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(5+rand.IntN(min(20<<attempt, 250))) * time.Millisecond):
		}
	}
}

// serverError reports whether err is DynamoDB's own failure (HTTP 5xx)
// that outlasted the SDK's retries: a transaction on items that many
// write at once may meet it (DynamoDB Local answers 500 when its lock
// wait runs out), and it is tried again like a conflict, as the SDK's
// own retries try it.
func serverError(err error) bool {
	var re *awshttp.ResponseError
	return errors.As(err, &re) && re.HTTPStatusCode() >= 500
}

// singleAttempts bounds the tries of a single write that DynamoDB refuses
// because a transaction is on its item at that moment
// (TransactionConflictException, which the SDK does not retry): a
// coordinator's save of a survey while a page writes the office's frame
// into it, a frame's removal beside a page's copy.
const singleAttempts = 5

// single writes one step as a plain PutItem, UpdateItem or DeleteItem (half
// the cost of a transaction), returning the attributes ret asks for. A
// failed condition comes back as *StepsFailed, as from write. A write
// that meets a transaction on its item is tried again (singleAttempts,
// 10 to 80 ms apart).
func (s *Table) single(ctx context.Context, st step, ret types.ReturnValue) (Item, error) {
	for attempt := 0; ; attempt++ {
		out, err := s.singleOnce(ctx, st, ret)
		if tc := (*types.TransactionConflictException)(nil); !errors.As(err, &tc) || attempt == singleAttempts-1 {
			return out, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(10<<attempt) * time.Millisecond):
		}
	}
}

func (s *Table) singleOnce(ctx context.Context, st step, ret types.ReturnValue) (Item, error) {
	var (
		out Item
		err error
	)
	switch w := st.item; {
	case w.Put != nil:
		p := w.Put
		_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: p.TableName, Item: p.Item, ConditionExpression: p.ConditionExpression,
			ExpressionAttributeNames: p.ExpressionAttributeNames, ExpressionAttributeValues: p.ExpressionAttributeValues,
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld})
	case w.Update != nil:
		u := w.Update
		var o *dynamodb.UpdateItemOutput
		o, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: u.TableName, Key: u.Key,
			UpdateExpression: u.UpdateExpression, ConditionExpression: u.ConditionExpression,
			ExpressionAttributeNames: u.ExpressionAttributeNames, ExpressionAttributeValues: u.ExpressionAttributeValues,
			ReturnValues: ret, ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld})
		if o != nil {
			out = o.Attributes
		}
	case w.Delete != nil:
		d := w.Delete
		_, err = s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: d.TableName, Key: d.Key, ConditionExpression: d.ConditionExpression,
			ExpressionAttributeNames: d.ExpressionAttributeNames, ExpressionAttributeValues: d.ExpressionAttributeValues,
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld})
	default:
		return nil, errors.New("dynamo: a single step must put, update or delete")
	}
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return nil, &StepsFailed{Old: map[string]Item{st.name: ccf.Item}, err: err}
	}
	return out, err
}

func (s *Table) readClaim(ctx context.Context, claim *idempotency.Claim) (*idempotency.Replay, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: &s.table, Key: key(idemPK(claim.KeyHash), idemSK), ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return nil, fmt.Errorf("read idempotency claim: %w", err)
	}
	if r := replayFrom(out.Item); r != nil {
		return r, nil
	}
	return nil, errors.New("idempotency claim vanished after conflict")
}

// replayFrom reads a claim item: the stored result when done, a replay
// without status while pending, nil when there is no claim.
func replayFrom(it Item) *idempotency.Replay {
	if it == nil {
		return nil
	}
	var c idemItem
	if err := attributevalue.UnmarshalMap(it, &c); err != nil || c.RequestHash == "" {
		return nil
	}
	if c.State == "pending" {
		return &idempotency.Replay{RequestHash: c.RequestHash, Pending: true}
	}
	return &idempotency.Replay{RequestHash: c.RequestHash, Status: c.Status, Body: []byte(c.Body)}
}

// claimItem is a claim's item: done, with the result to replay, or
// pending while a coordinator's multi-step request runs.
func claimItem(c *idempotency.Claim, done bool) Item {
	it := idemItem{head: head{idemPK(c.KeyHash), idemSK, "idempotency", c.ExpiresAt.Unix()}, RequestHash: c.RequestHash,
		State: "pending"}
	if done {
		it.State, it.Status, it.Body = "done", c.Status, string(c.Body)
	}
	return item(it)
}

// ClaimKey reserves an Idempotency-Key for a request that writes in more
// than one step (the coordinators' creates and uploads): a conditional put
// of a pending claim. When the key is taken it returns the stored claim:
// done (with its result) or still pending.
func (s Keys) ClaimKey(ctx context.Context, claim *idempotency.Claim) (*idempotency.Replay, error) {
	_, err := s.write(ctx, nil, step{stepClaim, s.put(claimItem(claim, false), true)})
	var f *StepsFailed
	if errors.As(err, &f) {
		if r := replayFrom(f.Old[stepClaim]); r != nil {
			if !r.Pending {
				// A large result (a survey definition) is kept
				// compressed (CompleteKey).
				if r.Body, err = doc(f.Old[stepClaim], "body"); err != nil {
					return nil, fmt.Errorf("read idempotency claim: %w", err)
				}
			}
			return r, nil
		}
		return nil, errors.New("idempotency claim without request hash")
	}
	return nil, err
}

// CompleteKey stores the result of a claimed request.
// A large result (a survey definition of up to 1 MiB) is kept compressed
// (putDoc); one too large even so is not kept: a retry does the work
// again, as without a key.
func (s Keys) CompleteKey(ctx context.Context, claim *idempotency.Claim) error {
	it := claimItem(claim, true)
	delete(it, "body")
	if err := putDoc(it, "body", claim.Body); err != nil {
		return s.ReleaseKey(ctx, claim)
	}
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: it})
	if err != nil {
		return fmt.Errorf("complete idempotency claim: %w", err)
	}
	return nil
}

// ReleaseKey forgets a claim whose request failed, so a retry may run.
func (s Keys) ReleaseKey(ctx context.Context, claim *idempotency.Claim) error {
	_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: key(idemPK(claim.KeyHash), idemSK)})
	if err != nil {
		return fmt.Errorf("release idempotency claim: %w", err)
	}
	return nil
}
