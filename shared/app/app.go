// Package app holds what every function shares: configuration, clients,
// the store and the start. Each function's builder is in a package of its
// own (surveyfn, meetingfn, adminfn, mailerfn, feedbackfn), so that a
// function links only what it uses; every main is app.Start(<builder>.New)
// (StartStream for the mailer, StartTopic for the feedback function), and
// the local dev server builds the same handlers, so local runs exercise
// exactly what AWS runs.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// Deps are the clients built once per container.
type Deps struct {
	Log    *slog.Logger
	AWS    aws.Config
	DB     *dynamodb.Client
	Config Config
	Now    func() time.Time
	// first tells about the function's first event (PrewarmPages); set
	// by Start, nil in tests and the dev server.
	first *first
}

// NewDeps reads and checks the configuration of the functions fns
// (ConfigFromEnv) and builds the clients.
func NewDeps(ctx context.Context, log *slog.Logger, fns ...routes.Function) (Deps, error) {
	c, err := ConfigFromEnv(fns...)
	if err != nil {
		return Deps{}, err
	}
	awsCfg, err := AWSConfig(ctx)
	if err != nil {
		return Deps{}, err
	}

	db := dynamodb.NewFromConfig(awsCfg, func(o *dynamodb.Options) {
		// DynamoDB Local's error responses fail the CRC32 check (a logged
		// warning, nothing more); AWS's own responses are checked.
		o.DisableValidateResponseChecksum = os.Getenv("AWS_ENDPOINT_URL_DYNAMODB") != ""
	})
	return Deps{Log: log, AWS: awsCfg, DB: db, Config: c, Now: time.Now}, nil
}

// Start is the main of an HTTP function; StartStream of a stream function.
// Each builds the clients once, then the handler, and hands it to the
// Lambda runtime; a configuration error ends the process at start with a
// clear log line, not at the first request.
//
// They are two plain functions, not one generic one, on purpose: a generic
// Start carries the builder's type (and with it Deps and the DynamoDB
// client) in a runtime dictionary, which makes the linker keep every
// method of the client wherever a library calls methods by a name known
// only at run time, as the standard library's html/template does (the
// templates here run on a copy that does not, third_party/README.md; the
// admin function's libraries do): +1.6 MB per bootstrap when measured.
//
// fn names the function, whose settings (routes.Specs) are checked
// before anything is built.
func Start(fn routes.Function, build func(Deps) (Handler, error)) {
	log, deps := startDeps(fn)
	deps.first = newFirst()
	h, err := build(deps)
	if err == nil {
		deps.first.arm()
	}
	run(log, startedBy(viaCloudFront(h, deps.Config.OriginVerify), deps.first), err)
}

// StartTopic is Start for a function an SNS topic triggers.
func StartTopic(fn routes.Function, build func(Deps) (TopicHandler, error)) {
	log, deps := startDeps(fn)
	h, err := build(deps)
	run(log, h, err)
}

// StartStream is Start for a DynamoDB stream function.
func StartStream(fn routes.Function, build func(Deps) (StreamHandler, error)) {
	log, deps := startDeps(fn)
	h, err := build(deps)
	run(log, h, err)
}

func startDeps(fn routes.Function) (*slog.Logger, Deps) {
	tuneGC()
	log := slog.New(lambdacontext.NewLogHandler())
	deps, err := NewDeps(context.Background(), log, fn)
	if err != nil {
		fail(log, err)
	}
	return log, deps
}

func run(log *slog.Logger, h any, err error) {
	if err != nil {
		fail(log, err)
	}
	lambda.Start(h)
}

func fail(log *slog.Logger, err error) {
	log.Error("start-up failed", "error", err)
	os.Exit(1)
}

// Handler is a Lambda handler for API Gateway HTTP API events.
type Handler func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// TopicHandler is a Lambda handler for SNS deliveries.
type TopicHandler func(context.Context, events.SNSEvent) error

// StreamHandler is a Lambda handler for DynamoDB stream batches.
type StreamHandler func(context.Context, events.DynamoDBEvent) (events.DynamoDBEventResponse, error)

// Table is the handle on the configured table, for the areas of the store
// a function uses.
func (d Deps) Table() *dynamo.Table {
	t := dynamo.NewTable(d.DB, d.Config.Table)
	if d.Config.PurgeCancelledDays > 0 {
		t.PurgeCancelled = time.Duration(d.Config.PurgeCancelledDays) * 24 * time.Hour
	}
	return t
}

// Store is every area of the store on the configured table.
func (d Deps) Store() *dynamo.Store { return dynamo.StoreOf(d.Table()) }

// LinkTokens is the link-token minter of the link secret (its forms:
// linkSecretFromEnv). In AWS the secret lives in Secrets Manager
// (LINK_SECRET_ARN): read once per container, never per request, never
// logged. The read (a TLS handshake and a round trip to
// Secrets Manager, probably the largest single item of a cold start in
// AWS) starts at once in the background and overlaps the rest of the
// start, the runtime's wait for the first request and that request's
// first DynamoDB call; the first token waits for it. A read that fails
// ends the process as a failed start does (lateFailure). Only the
// functions that make links call this.
func LinkTokens(d Deps) (*linktoken.Minter, error) {
	secret := d.Config.LinkSecret
	if arn := d.Config.LinkSecretARN; secret == nil && arn != "" {
		type read struct {
			secret string
			err    error
		}
		done := make(chan read, 1)
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			client := d.AWS.HTTPClient // AWSConfig's: Amazon's roots first (awstls.go)
			if client == nil {
				client = http.DefaultClient
			}
			s, err := readSecret(ctx, d.AWS, client, arn)
			done <- read{s, err}
		}()
		return linktoken.Later(func() []byte {
			r := <-done
			if r.err != nil {
				lateFailure(d.Log, fmt.Errorf("config: read LINK_SECRET_ARN: %w", r.err))
			} else if len(r.secret) < linktoken.MinSecret {
				lateFailure(d.Log, errors.New("config: LINK_SECRET_ARN: the secret must be at least 32 bytes"))
			}
			return []byte(r.secret)
		}), nil
	}
	m, err := linktoken.New(secret)
	if err != nil {
		return nil, fmt.Errorf("config: LINK_SECRET: %w", err)
	}
	return m, nil
}

// lateFailure ends the process for a start-up step that failed after the
// start (the link secret's read): Lambda starts a new environment for the
// next request. Tests replace it.
var lateFailure = fail

// CheckZones is for the functions that show or mail meeting times: it
// makes sure at start that the system's time zone database is there. They
// read zones from /usr/share/zoneinfo, which provided.al2023 ships (its
// tzdata package); embedding Go's copy (time/tzdata) instead would add
// 450 KB to each of their bootstraps. The offices' zone is kept
// (meeting.LoadZone), so that no page or mail reads it again.
func CheckZones() error {
	if _, err := loadZone(meeting.OfficeZone); err != nil {
		return fmt.Errorf("config: no time zone database (/usr/share/zoneinfo or ZONEINFO): %w", err)
	}
	return nil
}

// CheckZonesLater is CheckZones off the start's path, for the meeting
// function, whose pages people open from their mails: the zone is read
// once the start is over (first.later: at the first event, beside that
// event's first call to DynamoDB, or after idleAfterStart without one; at
// once for Deps not made by Start: tests, the dev server). A process's
// first read of the zone file took 0.18–0.31 ms on this machine. A system
// without the zone database ends the process as a failed start does
// (lateFailure).
func CheckZonesLater(d Deps) {
	check := func() {
		if err := CheckZones(); err != nil {
			lateFailure(d.Log, err)
		}
	}
	if d.first == nil {
		go check()
		return
	}
	d.first.later(check)
}

// loadZone reads a time zone; tests replace it.
var loadZone = meeting.LoadZone

// ClientLimit is a per-client limit of max writes an hour, counted under a
// keyed hash of the client's address (never the address itself).
func ClientLimit(name string, max int, tokens *linktoken.Minter) ratelimit.Rule {
	return ratelimit.Rule{Name: name, Max: max, Window: time.Hour, Key: func(c string) string { return tokens.Token("client", c) }}
}
