package app

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
)

// handle is a page that renders (as a JSON route, it says nothing).
func handle(ctx context.Context, _ events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	httpapi.WillRender(ctx)
	return events.APIGatewayV2HTTPResponse{StatusCode: 200}, nil
}

// copied is a page answered from its copy: it never says it renders.
func copied(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return events.APIGatewayV2HTTPResponse{StatusCode: 200}, nil
}

// TestPrewarmPages: the work waits for the first event (not during the
// start) and runs when it is a page that renders; not beside a first
// JSON request, nor beside a page answered from its copy; after a short
// wait when no event comes.
func TestPrewarmPages(t *testing.T) {
	for _, c := range []struct {
		route string
		h     Handler
		runs  bool
	}{{"GET /s/{surveyId}", handle, true}, {"GET /m/{meetingId}", handle, true}, {"GET /surveys/{surveyId}", handle, false},
		{"GET /s/{surveyId}", copied, false}} {
		d := Deps{first: newFirst()}
		var ran atomic.Bool
		var route atomic.Value
		done := make(chan struct{})
		d.PrewarmPages(func(r string) { route.Store(r); ran.Store(true); close(done) })
		if ran.Load() {
			t.Fatal("ran before the first event")
		}
		h := startedBy(c.h, d.first)
		for range 2 { // a second event changes nothing
			if _, err := h(context.Background(), events.APIGatewayV2HTTPRequest{RouteKey: c.route}); err != nil {
				t.Fatal(err)
			}
		}
		select {
		case <-done:
			if !c.runs {
				t.Errorf("%s: ran beside a JSON request", c.route)
			}
			if got, _ := route.Load().(string); got != c.route {
				t.Errorf("%s: prepared for %q", c.route, got)
			}
		case <-time.After(300 * time.Millisecond):
			if c.runs {
				t.Errorf("%s: did not run at the first event", c.route)
			}
		}
	}
	armed := Deps{first: newFirst()} // a start with no event (provisioned): every page, after the wait
	ran := make(chan string, 1)
	armed.PrewarmPages(func(r string) { ran <- r })
	armed.first.arm()
	select {
	case r := <-ran:
		if r != "" {
			t.Errorf("with no event, prepared for %q", r)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("did not run when no event came")
	}
	idle := make(chan struct{})
	Deps{}.PrewarmPages(func(r string) { // no events at all (tests, the dev server): every page
		if r != "" {
			t.Errorf("with no event, prepared for %q", r)
		}
		close(idle)
	})
	select {
	case <-idle:
	case <-time.After(5 * time.Second):
		t.Fatal("did not run when no event came")
	}
}

// TestPrewarmKnowsThePagesLanguage: the first page's language is the
// one the router negotiates (lang=, else Accept-Language), and its
// catalogue is read before the rest of the head start.
func TestPrewarmKnowsThePagesLanguage(t *testing.T) {
	for _, c := range []struct {
		query, accept, want string
	}{{"", "fa-IR,fa;q=0.9", "fa"}, {"tr", "de-DE", "tr"}, {"", "", "de"}} {
		d := Deps{first: newFirst()}
		done := make(chan struct{})
		d.PrewarmPages(func(string) { close(done) })
		h := startedBy(handle, d.first)
		_, _ = h(context.Background(), events.APIGatewayV2HTTPRequest{RouteKey: "GET /s/{surveyId}",
			QueryStringParameters: map[string]string{"lang": c.query}, Headers: map[string]string{"accept-language": c.accept}})
		<-done
		if d.first.lang != c.want {
			t.Errorf("lang=%q, Accept-Language %q: %q, want %q", c.query, c.accept, d.first.lang, c.want)
		}
	}
}

// TestNothingRunsDuringTheStart: the work a builder leaves for later (the
// head start, the zone check) starts no goroutine and no timer until the
// start is over: a goroutine runs at once on Go's second P and takes the
// core from the start. The first event starts it all.
func TestNothingRunsDuringTheStart(t *testing.T) {
	before := runtime.NumGoroutine()
	d := Deps{first: newFirst()}
	var ran atomic.Int32
	done := make(chan struct{}, 2)
	d.PrewarmPages(func(string) { ran.Add(1); done <- struct{}{} })
	d.first.later(func() { ran.Add(1); done <- struct{}{} })
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines during the start, %d before", n, before)
	}
	time.Sleep(2 * idleAfterStart) // not armed: nothing runs without an event
	if ran.Load() != 0 {
		t.Fatal("ran during the start")
	}
	if _, err := startedBy(handle, d.first)(context.Background(), events.APIGatewayV2HTTPRequest{RouteKey: "GET /m/{meetingId}"}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("the first event did not start the work")
		}
	}
	d.first.later(func() { done <- struct{}{} }) // after the start: at once
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("work left after the start did not run")
	}
}
