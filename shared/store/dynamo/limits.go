package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
)

// stepLimit is the name of a per-client limit's step.
const stepLimit = "client limit"

// limitSK is the sort key of a limit counter; its partition key is
// "LIMIT#" and the use's key (rule, keyed client hash, window).
const limitSK = "COUNT"

// limitSteps counts u up within its maximum, as one step of the write it
// limits (none when u is nil). The counter expires with its window.
func (s *Store) limitSteps(u *ratelimit.Use) []step {
	if u == nil {
		return nil
	}
	return []step{{stepLimit, s.update(key("LIMIT#"+u.Key, limitSK), "ADD #n :one SET #type = :limit, #ttl = :ends",
		"attribute_not_exists(#n) OR #n < :max", map[string]types.AttributeValue{
			":one": num(1), ":max": num(int64(u.Max)), ":limit": str("limit"), ":ends": num(u.Ends.Unix()),
		})}}
}

// limited turns a failed limit step into rate_limited; other errors pass.
func limited(err error, u *ratelimit.Use, now time.Time) error {
	var f *StepsFailed
	if u != nil && errors.As(err, &f) && f.Failed(stepLimit) {
		return apperr.Limited(u.RetryAfter(now))
	}
	return err
}

// CountMail implements the mailer's store: it counts mail id in the
// recipient's window (key: a keyed hash of the person and the window's
// start) and reports false, counting nothing, when the window holds max
// other mails already. Counting the same mail again (a redelivery) is
// harmless: the counter is the set of the mails' outbox ids.
func (s *Store) CountMail(ctx context.Context, mailKey, id string, max int, ends time.Time) (bool, error) {
	_, err := s.single(ctx, step{stepLimit, s.update(key("MAILTO#"+mailKey, limitSK), "ADD #ids :ids SET #type = :limit, #ttl = :ends",
		"attribute_not_exists(#ids) OR size(#ids) < :max OR contains(#ids, :id)", map[string]types.AttributeValue{
			":ids": &types.AttributeValueMemberSS{Value: []string{id}}, ":id": str(id), ":max": num(int64(max)),
			":limit": str("limit"), ":ends": num(ends.Unix()),
		})}, types.ReturnValueNone)
	var f *StepsFailed
	if errors.As(err, &f) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("count mail: %w", err)
	}
	return true, nil
}
