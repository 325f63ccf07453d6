package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
)

// stepLimit is the name of a per-client limit's step.
const stepLimit = "client limit"

// limitSK is the sort key of a limit counter; its partition key is
// "LIMIT#" and the use's key (rule, keyed client hash, window).
const limitSK = "COUNT"

// limitSteps counts u up within its maximum, as one step of the write it
// limits (none when u is nil). The counter expires with its window.
func (s *Table) limitSteps(u *ratelimit.Use) []step { return s.limitStepsOf([]*ratelimit.Use{u}) }

// limitStepsOf counts each of uses (nil ones are none) as limitSteps does,
// each in a step of its own.
func (s *Table) limitStepsOf(uses []*ratelimit.Use) []step {
	var steps []step
	for i, u := range uses {
		if u == nil {
			continue
		}
		steps = append(steps, step{limitStepName(i), s.update(key("LIMIT#"+u.Key, limitSK), "ADD #n :one SET #type = :limit, #ttl = :ends",
			"attribute_not_exists(#n) OR #n < :max", map[string]types.AttributeValue{
				":one": num(1), ":max": num(int64(u.Max)), ":limit": str("limit"), ":ends": num(u.Ends.Unix()),
			})})
	}
	return steps
}

// limitStepName names the step of the i-th use.
func limitStepName(i int) string {
	if i == 0 {
		return stepLimit
	}
	return fmt.Sprintf("%s %d", stepLimit, i+1)
}

// limited turns a failed limit step into rate_limited; other errors pass.
func limited(err error, u *ratelimit.Use, now time.Time) error {
	return limitedBy(err, []*ratelimit.Use{u}, now)
}

// limitedBy turns the failed step of one of uses (limitStepsOf) into
// rate_limited, with that use's message; other errors pass.
func limitedBy(err error, uses []*ratelimit.Use, now time.Time) error {
	var f *StepsFailed
	if !errors.As(err, &f) {
		return err
	}
	for i, u := range uses {
		if u != nil && f.Failed(limitStepName(i)) {
			e := apperr.Limited(u.RetryAfter(now))
			if u.Message != "" {
				e.Key = u.Message
			}
			return e
		}
	}
	return err
}

// RefusedDailyCap is AdmitMail's answer for a person who had the day's
// mails already.
const RefusedDailyCap = outbox.ReasonDailyCap

// stepSuppression is the name of the suppression check's step.
const stepSuppression = "suppression"

// AdmitMail implements the mailer's store, in one round trip: mail id
// must not go to a suppressed person (the answer is the reason: bounce or
// complaint), nor past max mails in the person's window capKey, which
// ends at ends (RefusedDailyCap); otherwise it is counted and the answer
// is "". Counting the same mail again (a redelivery) is harmless: the
// counter is the set of the mails' outbox ids. max 0: no cap (the
// suppression alone is read).
func (s Outbox) AdmitMail(ctx context.Context, personKey, capKey, id string, max int, ends time.Time) (string, error) {
	if max <= 0 {
		out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: keyOfSuppression(personKey),
			ProjectionExpression: aws.String("#reason"), ExpressionAttributeNames: map[string]string{"#reason": "reason"}})
		if err != nil {
			return "", fmt.Errorf("admit mail: %w", err)
		}
		return strAttr(out.Item, "reason"), nil
	}
	_, err := s.write(ctx, nil,
		step{stepSuppression, types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{TableName: &s.table, Key: keyOfSuppression(personKey),
			ConditionExpression: aws.String("attribute_not_exists(#pk)"), ExpressionAttributeNames: map[string]string{"#pk": AttrPK},
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}}},
		step{stepLimit, s.update(key("MAILTO#"+capKey, limitSK), "ADD #ids :ids SET #type = :limit, #ttl = :ends",
			"attribute_not_exists(#ids) OR size(#ids) < :max OR contains(#ids, :id)", map[string]types.AttributeValue{
				":ids": &types.AttributeValueMemberSS{Value: []string{id}}, ":id": str(id), ":max": num(int64(max)),
				":limit": str("limit"), ":ends": num(ends.Unix()),
			})})
	var f *StepsFailed
	switch {
	case errors.As(err, &f) && f.Failed(stepSuppression):
		return strAttr(f.Old[stepSuppression], "reason"), nil
	case errors.As(err, &f) && f.Failed(stepLimit):
		return RefusedDailyCap, nil
	case err != nil:
		return "", fmt.Errorf("admit mail: %w", err)
	}
	return "", nil
}
