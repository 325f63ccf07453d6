package dynamo

import (
	"errors"
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
