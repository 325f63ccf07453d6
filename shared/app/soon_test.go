package app

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// TestSoon: the work waits for the first event (not during the start),
// or runs after a short idle wait when no event comes.
func TestSoon(t *testing.T) {
	d := Deps{started: make(chan struct{})}
	var ran atomic.Bool
	done := make(chan struct{})
	d.Soon(func() { ran.Store(true); close(done) })
	if ran.Load() {
		t.Fatal("ran before the first event")
	}
	h := startedBy(func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		return events.APIGatewayV2HTTPResponse{StatusCode: 200}, nil
	}, d.started)
	for range 2 { // a second event closes nothing twice
		if _, err := h(context.Background(), events.APIGatewayV2HTTPRequest{}); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("did not run at the first event")
	}
	idle := make(chan struct{})
	Deps{}.Soon(func() { close(idle) }) // no events at all (tests, the dev server)
	select {
	case <-idle:
	case <-time.After(5 * time.Second):
		t.Fatal("did not run when no event came")
	}
}
