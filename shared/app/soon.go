package app

import (
	"context"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// idleAfterStart is how long after its builder a function may wait for
// its first event before Soon's work starts anyway: a start ahead of
// demand (provisioned concurrency, Lambda's proactive starts) waits long,
// a start for a request gets its event within a millisecond or two.
const idleAfterStart = 5 * time.Millisecond

// Soon runs f in a goroutine once the function is up: at its first event
// (it then overlaps that request's calls to DynamoDB) or when the runtime
// has kept the function waiting for idleAfterStart, whichever is first;
// never during the start itself, whose CPU it would share (Lambda gives a
// small function a fraction of a core). Builders use it for the work a
// first request would otherwise do on its critical path (the pages'
// prewarm). Deps not made by NewDeps (tests, the dev server) run f after
// the wait.
func (d Deps) Soon(f func()) {
	go func() {
		select {
		case <-d.started:
		case <-time.After(idleAfterStart):
		}
		f()
	}()
}

// startedBy closes started at h's first event.
func startedBy(h Handler, started chan struct{}) Handler {
	if h == nil || started == nil {
		return h
	}
	var once sync.Once
	return func(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		once.Do(func() { close(started) })
		return h(ctx, req)
	}
}
