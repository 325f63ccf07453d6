package localaws

import (
	"context"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// Schedule stands in for an EventBridge rule that invokes a function with
// a fixed event (the mailer's sweep): it hands Event to Handler every
// Interval until ctx ends, each call with a deadline of Timeout as the
// Lambda's would have.
type Schedule struct {
	Handler  func(context.Context, events.DynamoDBEvent) (events.DynamoDBEventResponse, error)
	Event    events.DynamoDBEvent
	Interval time.Duration
	Timeout  time.Duration
	Log      *slog.Logger
}

// Run calls the handler every interval until ctx ends.
func (s *Schedule) Run(ctx context.Context) {
	tick := time.NewTicker(s.Interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		call, cancel := context.WithTimeout(ctx, s.Timeout)
		if _, err := s.Handler(call, s.Event); err != nil && ctx.Err() == nil {
			s.Log.Error("scheduled invocation failed", "error", err)
		}
		cancel()
	}
}
