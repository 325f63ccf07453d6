package mailer_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/smithy-go/middleware"

	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// process stands for one mailer process that can be killed at a point:
// from then on none of its DynamoDB calls and sends has any effect, as
// when Lambda's sandbox ends mid-invocation.
type process struct {
	mu             sync.Mutex
	dead           bool
	killAfterClaim bool   // dies as soon as an outbox claim has been written
	killAfterSend  string // dies as soon as SES has taken a mail to an address with this prefix
	sesConfig      aws.Config
}

var errKilled = errors.New("the process was killed")

func (p *process) isDead() bool { p.mu.Lock(); defer p.mu.Unlock(); return p.dead }
func (p *process) kill()        { p.mu.Lock(); p.dead = true; p.mu.Unlock() }

// option makes a DynamoDB client fail every call once the process is dead.
func (p *process) option(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("kill",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			if p.isDead() {
				return middleware.InitializeOutput{}, middleware.Metadata{}, errKilled
			}
			out, md, err := next.HandleInitialize(ctx, in)
			if u, ok := in.Parameters.(*dynamodb.UpdateItemInput); ok && err == nil && p.killAfterClaim &&
				strings.HasPrefix(*u.UpdateExpression, "SET #st = :sending") {
				p.kill()
			}
			return out, md, err
		}), middleware.After)
}

func (p *process) SendRaw(ctx context.Context, from, to string, raw []byte) (string, error) {
	if p.isDead() {
		return "", errKilled
	}
	id, err := sesmail.New(sesv2.NewFromConfig(p.sesConfig), "").SendRaw(ctx, from, to, raw)
	if err == nil && p.killAfterSend != "" && strings.HasPrefix(to, p.killAfterSend) {
		p.kill()
	}
	return id, err
}

// run builds a mailer of this process and hands it ev within a Lambda-like
// deadline.
func (p *process) run(t *testing.T, f *fixture, ev eventOrSweep, log *slog.Logger, now func() time.Time) {
	t.Helper()
	cfg := testenv.AWSConfig(t)
	cfg.APIOptions = append(cfg.APIOptions, p.option)
	p.sesConfig = testenv.AWSConfig(t)
	store := dynamo.New(dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.DisableValidateResponseChecksum = true }), f.table)
	mc := f.cfg
	mc.Lease = time.Second
	m := mailer.New(store, p, f.tokens, mc, log, now)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := m.Handle(ctx, ev()); err != nil && !p.isDead() {
		t.Fatalf("handle: %v", err)
	}
}

type eventOrSweep = func() events.DynamoDBEvent

// perRecipient counts the fixture's inbox by recipient mailbox.
func perRecipient(t *testing.T, f *fixture) map[string]int {
	per := map[string]int{}
	for _, ml := range f.inbox(t) {
		to := ml.Destination.To[0]
		to = strings.TrimSuffix(to[strings.LastIndexByte(to, '<')+1:], ">")
		local, _, _ := strings.Cut(to, "@")
		per[local]++
	}
	return per
}

// A mailer killed after claiming a mail, and one killed after SES took a
// mail but before it was marked sent, lose nothing: the redeliveries wait
// for the dead claims' leases and take the mails over, every mail arrives,
// and only the one whose send's result was never known goes out twice —
// counted, and listed for the office as possibly twice.
func TestKilledMailerLosesNoMailAndDoublesOnlyUnknownSends(t *testing.T) {
	f := newFixture(t, 5)
	f.register(t, "Anna Arslan")
	f.register(t, "Bora Bulut")
	f.register(t, "Cem Coskun")
	batch := func() events.DynamoDBEvent { return f.batch(t) }
	quiet := slog.New(slog.NewJSONHandler(io.Discard, nil))

	// The first invocation dies right after claiming Anna's mail.
	(&process{killAfterClaim: true}).run(t, f, batch, quiet, time.Now)
	if n := len(f.inbox(t)); n != 0 {
		t.Fatalf("%d mails after a death before any send", n)
	}
	// Lambda delivers the batch again at once: this invocation waits for
	// the dead claim's lease and sends Anna's mail, then dies after SES
	// took Bora's mail, before marking it.
	(&process{killAfterSend: "bora."}).run(t, f, batch, quiet, time.Now)
	// Five quick redeliveries.
	for range 5 {
		(&process{}).run(t, f, batch, quiet, time.Now)
	}

	per := perRecipient(t, f)
	if per["anna.arslan"] != 1 || per["cem.coskun"] != 1 || per["bora.bulut"] != 2 || len(per) != 3 {
		t.Fatalf("mails per person %v: want Anna and Cem once, Bora twice (her first send's result was never recorded)", per)
	}
	listed, err := f.store.FailedMails(context.Background(), seed.Office, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(listed) != 1 || listed[0].State != outbox.StateUnknown || listed[0].UnknownSends != 1 ||
		listed[0].Email != "bora.bulut@"+f.domain || listed[0].Recipient != "Bora Bulut" {
		t.Fatalf("listed for the office: %+v; want Bora's mail, sent after 1 send whose result is unknown", listed)
	}
}

// The sweep takes up what the stream left behind — a mail whose sender
// died after claiming it and one never delivered at all — once they are
// stuck, logs each as stuck (the alarm counts those lines), and sends each
// once.
func TestSweepSendsStuckMails(t *testing.T) {
	f := newFixture(t, 5)
	f.register(t, "Derya Dogan")
	f.register(t, "Emre Erdem")
	quiet := slog.New(slog.NewJSONHandler(io.Discard, nil))
	// The only invocation dies after claiming Derya's mail; the stream
	// gives up on both records.
	(&process{killAfterClaim: true}).run(t, f, func() events.DynamoDBEvent { return f.batch(t) }, quiet, time.Now)

	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	sweep := func() events.DynamoDBEvent { return mailer.SweepEvent() }
	(&process{}).run(t, f, sweep, log, time.Now) // not stuck yet
	if n := len(f.inbox(t)); n != 0 || strings.Contains(logs.String(), "stuck") {
		t.Fatalf("%d mails, logs %s: the sweep took up mails that were not stuck yet", n, logs.String())
	}
	later := func() time.Time { return time.Now().Add(dynamo.OutboxStuckAfter + time.Minute) }
	for range 2 {
		(&process{}).run(t, f, sweep, log, later)
	}
	if per := perRecipient(t, f); per["derya.dogan"] != 1 || per["emre.erdem"] != 1 || len(per) != 2 {
		t.Fatalf("mails per person %v, want each once", per)
	}
	if n := strings.Count(logs.String(), `"msg":"outbox item stuck"`); n != 2 {
		t.Fatalf("%d stuck lines, want 2:\n%s", n, logs.String())
	}
}
