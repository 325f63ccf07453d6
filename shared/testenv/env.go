package testenv

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go/middleware"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// Secret is the link secret of the tests.
var Secret = []byte("0123456789abcdef0123456789abcdef")

// Env is one test's world: a fresh table in DynamoDB Local with every
// store area on it, the link tokens of Secret, a settable clock, a log
// that is safe for concurrent use, and the DynamoDB operations made.
type Env struct {
	DB     *dynamodb.Client
	Table  string
	Store  *dynamo.Store
	Tokens *linktoken.Minter
	Clock  *Clock
	Logs   *Logs
	Calls  *Calls
}

type options struct {
	seed   bool
	client []func(*dynamodb.Options)
	at     time.Time
}

// Option changes what New sets up.
type Option func(*options)

// WithSeed loads the demo data (seed.Load at the clock's time).
func WithSeed() Option { return func(o *options) { o.seed = true } }

// At stops the clock at t (it follows the real time otherwise).
func At(t time.Time) Option { return func(o *options) { o.at = t } }

// Client adds options to the DynamoDB client (hooks into its calls).
func Client(fns ...func(*dynamodb.Options)) Option {
	return func(o *options) { o.client = append(o.client, fns...) }
}

// New sets up a fresh table and what goes with it; the table is deleted
// when the test ends. The operation counter starts empty.
func New(t testing.TB, opts ...Option) *Env {
	t.Helper()
	var o options
	for _, f := range opts {
		f(&o)
	}
	e := &Env{Clock: &Clock{}, Logs: &Logs{}, Calls: &Calls{}}
	if !o.at.IsZero() {
		e.Clock.Set(o.at)
	}
	e.DB, e.Table = Table(t, append([]func(*dynamodb.Options){e.Calls.Option}, o.client...)...)
	e.Store = dynamo.New(e.DB, e.Table)
	e.Tokens = Tokens()
	if o.seed {
		if err := seed.Load(context.Background(), e.Store, e.Clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	e.Calls.Reset()
	return e
}

// Seeded is New with the demo data loaded.
func Seeded(t testing.TB, opts ...Option) *Env {
	t.Helper()
	return New(t, append([]Option{WithSeed()}, opts...)...)
}

// Tokens is the link-token minter of Secret.
func Tokens() *linktoken.Minter {
	m, err := linktoken.New(Secret)
	if err != nil {
		panic(err)
	}
	return m
}

// Log is a JSON logger writing to e.Logs.
func (e *Env) Log() *slog.Logger { return slog.New(slog.NewJSONHandler(e.Logs, nil)) }

// Deps are a function's dependencies on e: its table, Secret, e.Log()
// and e.Clock.
func (e *Env) Deps() app.Deps {
	return app.Deps{Log: e.Log(), DB: e.DB, Config: app.Config{Table: e.Table, LinkSecret: Secret}, Now: e.Clock.Now}
}

// Clock is a settable clock: it follows the real time (moved by Add)
// until Set stops it at a time.
type Clock struct {
	mu     sync.Mutex
	at     time.Time
	offset time.Duration
}

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.at.IsZero() {
		return time.Now().Add(c.offset)
	}
	return c.at
}

// Set stops the clock at t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = t
}

// Add moves the clock by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.at.IsZero() {
		c.offset += d
	} else {
		c.at = c.at.Add(d)
	}
}

// Logs is a log buffer safe for concurrent use.
type Logs struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *Logs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String is everything logged so far.
func (l *Logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Calls counts DynamoDB operations through an SDK middleware.
type Calls struct {
	mu  sync.Mutex
	ops []string
}

// Option installs the counter on a client.
func (c *Calls) Option(o *dynamodb.Options) {
	o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
		return s.Initialize.Add(middleware.InitializeMiddlewareFunc("countCalls",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				c.mu.Lock()
				c.ops = append(c.ops, awsmiddleware.GetOperationName(ctx))
				c.mu.Unlock()
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
	})
}

// Reset returns the operations since the last Reset, and forgets them.
func (c *Calls) Reset() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	ops := c.ops
	c.ops = nil
	return ops
}

// AfterFirstFailedTx is a client option that runs fn once, right after
// the first TransactWriteItems call that fails.
func AfterFirstFailedTx(fn func()) func(*dynamodb.Options) {
	var once sync.Once
	return func(o *dynamodb.Options) {
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			return s.Initialize.Add(middleware.InitializeMiddlewareFunc("afterFailedTx",
				func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
					out, md, err := next.HandleInitialize(ctx, in)
					if err != nil && awsmiddleware.GetOperationName(ctx) == "TransactWriteItems" {
						once.Do(fn)
					}
					return out, md, err
				}), middleware.After)
		})
	}
}
