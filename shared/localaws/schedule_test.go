package localaws

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// The schedule hands its event to the handler again and again, each time
// with a Lambda's deadline, and stops with its context.
func TestScheduleInvokesWithTheEventAndADeadline(t *testing.T) {
	var mu sync.Mutex
	var calls []string
	ctx, cancel := context.WithCancel(context.Background())
	s := &Schedule{Interval: 5 * time.Millisecond, Timeout: time.Minute, Log: slog.New(slog.NewJSONHandler(io.Discard, nil)),
		Event: events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{{EventSource: "netzwerk:sweep"}}},
		Handler: func(ctx context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
			d, ok := ctx.Deadline()
			mu.Lock()
			defer mu.Unlock()
			if ok && time.Until(d) > 50*time.Second && len(ev.Records) == 1 {
				calls = append(calls, ev.Records[0].EventSource)
			}
			return events.DynamoDBEventResponse{}, nil
		}}
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		n := len(calls)
		mu.Unlock()
		if n >= 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d calls with the event and a deadline in 5 s", n)
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	if calls[0] != "netzwerk:sweep" {
		t.Fatalf("event source %q", calls[0])
	}
}
