package app

import (
	"context"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// idleAfterStart is how long after its builder a function may wait for
// its first event before PrewarmPages's work starts anyway: a start ahead
// of demand (provisioned concurrency, Lambda's proactive starts) waits
// long, a start for a request gets its event within a millisecond or two.
const idleAfterStart = 5 * time.Millisecond

// first is what the function's first event was.
type first struct {
	once  sync.Once
	done  chan struct{}
	page  bool   // a page route (routes.Route.Page)
	route string // its route key
	lang  string // its language, as the router will negotiate it
	// render is closed when the first page says it will render
	// (httpapi.WillRender), answered when it was answered.
	render, answered chan struct{}
	renderOnce       sync.Once

	// The work that waits for the start's end (later): started by the
	// first event or by the timer that arm sets, whichever comes first.
	mu    sync.Mutex
	hooks []func()
	woken bool
}

func newFirst() *first {
	return &first{done: make(chan struct{}), render: make(chan struct{}), answered: make(chan struct{})}
}

// later runs fn in a goroutine once the start is over: at the first event,
// or when the runtime has kept the function waiting idleAfterStart for it
// (arm). Until then nothing runs and nothing waits: a goroutine started
// during the start runs at once on Go's second P, and takes the core from
// the start (a function in Lambda has a fraction of one). Timed step by
// step inside the meeting function's builder on one core (GOMAXPROCS=2),
// its zone read and its head start's waiting goroutine took 0.3–0.8 ms of
// that core; from main to the runtime's "next" it took 2.17 ms, against
// 2.48 ms before (medians of 41 starts, interleaved).
func (f *first) later(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.woken {
		go fn()
		return
	}
	f.hooks = append(f.hooks, fn)
}

// wake starts the work that waits for the start's end, once.
func (f *first) wake() {
	f.mu.Lock()
	hooks := f.hooks
	f.hooks, f.woken = nil, true
	f.mu.Unlock()
	for _, fn := range hooks {
		go fn()
	}
}

// arm starts that work after idleAfterStart if no event has come by then.
// Start calls it last before the runtime's loop, whose own first request
// starts goroutines and timers of its own.
func (f *first) arm() { time.AfterFunc(idleAfterStart, f.wake) }

// PrewarmPages runs f, the work a function's first page would otherwise
// do on its critical path, in a goroutine once the function is up, with
// the first page's route key (f then prepares that page alone; "" when
// no event came: every page): at its
// first event if that is a page that will render (it then overlaps the
// page's calls to DynamoDB, and reads that page's catalogue first; a page
// answered from its copy, which renders nothing, shares its CPU with
// nothing: httpapi.WillRender), or when the runtime
// has kept the function waiting for idleAfterStart; never during the
// start itself, whose CPU it would share (Lambda gives a small function
// a fraction of a core), and not beside a first JSON request, whose CPU
// it would take (a later page does the work then, once). Deps not made
// by Start (tests, the dev server) run f after the wait.
func (d Deps) PrewarmPages(f func(route string)) {
	if d.first == nil {
		go func() {
			time.Sleep(idleAfterStart)
			f("")
		}()
		return
	}
	d.first.later(func() {
		route := ""
		select {
		case <-d.first.done:
			if !d.first.page {
				return
			}
			select {
			case <-d.first.render:
			case <-d.first.answered:
				select {
				case <-d.first.render: // said so, then answered before this ran
				default:
					return // a page answered from its copy: a later page does the work
				}
			}
			// The page's own catalogue first (f reads German, every
			// page's fallback, too).
			i18n.Load(d.first.lang)
			route = d.first.route
		default: // woken by the idle timer: no event yet
		}
		f(route)
	})
}

// pageRoutes tells page routes by key (made at the first event, not at start).
var pageRoutes = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, r := range routes.Table {
		m[r.Key()] = r.Page
	}
	return m
})

// startedBy tells first about h's first event.
func startedBy(h Handler, first *first) Handler {
	if h == nil || first == nil {
		return h
	}
	return func(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		isFirst := false
		first.once.Do(func() {
			isFirst = true
			first.page, first.route = pageRoutes()[req.RouteKey], req.RouteKey
			if first.page {
				first.lang = i18n.Negotiate(req.QueryStringParameters["lang"], req.Headers["accept-language"])
			}
			close(first.done)
			first.wake()
		})
		if !isFirst {
			return h(ctx, req)
		}
		defer close(first.answered)
		return h(httpapi.WithRenderHint(ctx, func() { first.renderOnce.Do(func() { close(first.render) }) }), req)
	}
}
