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
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// Config is read once from the environment at start. Which function reads
// which variable is in the table of functions (routes.Specs), which the
// stack sets them from.
type Config struct {
	Table      string // TABLE_NAME
	LinkSecret []byte // LINK_SECRET: base64 of ≥ 32 random bytes, or LINK_SECRET_ARN (Secrets Manager)
	// Mail settings, for the mailer only.
	MailFrom, MailFromName, MailReplyTo, PublicBaseURL string
	// SESConfigurationSet is SES_CONFIGURATION_SET (optional).
	SESConfigurationSet string
	// MailSendRate is MAIL_SEND_RATE: mails per second the mailer sends at
	// most, below the account's own rate (0 or unset: the account's).
	MailSendRate float64
	// Per-client limits of the public forms, per client address and hour
	// (LIMIT_REGISTRATIONS_PER_HOUR, LIMIT_ANSWERS_PER_HOUR; 0: off), and
	// the mails one recipient gets a day (LIMIT_MAILS_PER_ADDRESS_PER_DAY).
	RegistrationsPerHour, AnswersPerHour, MailsPerAddressPerDay int
	// RegistrationsPerMeeting is how many registrations for one meeting
	// a client address may make (LIMIT_REGISTRATIONS_PER_MEETING; 0: off).
	RegistrationsPerMeeting int
	// PurgeCancelledDays is how long a cancelled registration is kept
	// (PURGE_CANCELLED_DAYS; the item and its personal fields go then).
	PurgeCancelledDays int
	// RequirePrivacyNotice is the go-live guard (REQUIRE_PRIVACY_NOTICE
	// "1": on, as the stack sets it; unset or "0": off, as in make dev).
	RequirePrivacyNotice bool
}

// The per-client limits when the environment does not set them: a
// family, a club's office or a venue's network shares one address, so
// they leave room for several people; a flood stops within minutes.
const (
	DefaultRegistrationsPerHour = 20
	DefaultAnswersPerHour       = 60
	// A few people behind one address (a family, a club's office) may
	// register for one meeting; no one address can take its seats.
	DefaultRegistrationsPerMeeting = 3
	// A day's mails to one person: an invitation, a reminder, a few
	// registrations and their changes.
	DefaultMailsPerAddressPerDay = 10
)

// ConfigFromEnv reads the configuration. Each builder checks the parts it
// needs, so a function fails at start, not at its first request.
func ConfigFromEnv() (Config, error) {
	c := Config{
		Table:    os.Getenv(routes.EnvTable),
		MailFrom: os.Getenv(routes.EnvMailFrom), MailFromName: os.Getenv(routes.EnvMailFromName),
		MailReplyTo: os.Getenv(routes.EnvMailReplyTo), PublicBaseURL: os.Getenv(routes.EnvPublicBaseURL),
		SESConfigurationSet: os.Getenv(routes.EnvSESConfigSet),
	}
	if c.Table == "" {
		return c, errors.New("config: TABLE_NAME is not set")
	}
	if v := os.Getenv(routes.EnvMailSendRate); v != "" {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || r < 0 {
			return c, errors.New("config: MAIL_SEND_RATE must be a number of mails per second")
		}
		c.MailSendRate = r
	}
	for _, l := range []struct {
		env string
		to  *int
		def int
	}{{routes.EnvLimitRegistrations, &c.RegistrationsPerHour, DefaultRegistrationsPerHour}, {routes.EnvLimitAnswers, &c.AnswersPerHour, DefaultAnswersPerHour},
		{routes.EnvLimitPerMeeting, &c.RegistrationsPerMeeting, DefaultRegistrationsPerMeeting},
		{routes.EnvLimitMails, &c.MailsPerAddressPerDay, DefaultMailsPerAddressPerDay},
		{routes.EnvPurgeCancelled, &c.PurgeCancelledDays, int(dynamo.DefaultPurgeCancelled / (24 * time.Hour))}} {
		*l.to = l.def
		if v := os.Getenv(l.env); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return c, fmt.Errorf("config: %s must be a whole number (0: off)", l.env)
			}
			*l.to = n
		}
	}
	switch v := os.Getenv(routes.EnvRequirePrivacyNotice); v {
	case "", "0":
	case "1":
		c.RequirePrivacyNotice = true
	default:
		return c, fmt.Errorf("config: %s must be 1 (on) or 0 (off)", routes.EnvRequirePrivacyNotice)
	}
	if s := os.Getenv("LINK_SECRET"); s != "" {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return c, errors.New("config: LINK_SECRET is not base64")
		}
		c.LinkSecret = b
	}
	return c, nil
}

// Deps are the clients built once per container.
type Deps struct {
	Log    *slog.Logger
	AWS    aws.Config
	DB     *dynamodb.Client
	Config Config
	Now    func() time.Time
	// first tells about the function's first event (PrewarmPages).
	first *first
}

// NewDeps builds the clients from the environment.
func NewDeps(ctx context.Context, log *slog.Logger) (Deps, error) {
	c, err := ConfigFromEnv()
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
	return Deps{Log: log, AWS: awsCfg, DB: db, Config: c, Now: time.Now, first: &first{done: make(chan struct{})}}, nil
}

// Start is the main of an HTTP function; StartStream of a stream function.
// Each builds the clients once, then the handler, and hands it to the
// Lambda runtime; a configuration error ends the process at start with a
// clear log line, not at the first request.
//
// They are two plain functions, not one generic one, on purpose: a generic
// Start carries the builder's type (and with it Deps and the DynamoDB
// client) in a runtime dictionary, which makes the linker keep every
// method of the client (html/template calls methods by name, so the
// linker cannot tell which are unused): +1.6 MB per bootstrap.
func Start(build func(Deps) (Handler, error)) {
	log, deps := startDeps()
	h, err := build(deps)
	run(log, startedBy(viaCloudFront(h, os.Getenv(routes.EnvOriginVerify)), deps.first), err)
}

// StartTopic is Start for a function an SNS topic triggers.
func StartTopic(build func(Deps) (TopicHandler, error)) {
	log, deps := startDeps()
	h, err := build(deps)
	run(log, h, err)
}

// StartStream is Start for a DynamoDB stream function.
func StartStream(build func(Deps) (StreamHandler, error)) {
	log, deps := startDeps()
	h, err := build(deps)
	run(log, h, err)
}

func startDeps() (*slog.Logger, Deps) {
	tuneGC()
	log := slog.New(lambdacontext.NewLogHandler())
	deps, err := NewDeps(context.Background(), log)
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

// LinkTokens is the link-token minter of LINK_SECRET. In AWS the secret lives
// in Secrets Manager (LINK_SECRET_ARN): read once per container, never per
// request, never logged. The read (a TLS handshake and a round trip to
// Secrets Manager, probably the largest single item of a cold start in
// AWS) starts at once in the background and overlaps the rest of the
// start, the runtime's wait for the first request and that request's
// first DynamoDB call; the first token waits for it. A read that fails
// ends the process as a failed start does (lateFailure). Only the
// functions that make links call this.
func LinkTokens(d Deps) (*linktoken.Minter, error) {
	secret := d.Config.LinkSecret
	if arn := os.Getenv(routes.EnvLinkSecretARN); secret == nil && arn != "" {
		type read struct {
			secret string
			err    error
		}
		done := make(chan read, 1)
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			s, err := readSecret(ctx, d.AWS, http.DefaultClient, arn)
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
// 450 KB to each of their bootstraps.
func CheckZones() error {
	if _, err := time.LoadLocation("Europe/Berlin"); err != nil {
		return fmt.Errorf("config: no time zone database (/usr/share/zoneinfo or ZONEINFO): %w", err)
	}
	return nil
}

// ClientLimit is a per-client limit of max writes an hour, counted under a
// keyed hash of the client's address (never the address itself).
func ClientLimit(name string, max int, tokens *linktoken.Minter) ratelimit.Rule {
	return ratelimit.Rule{Name: name, Max: max, Window: time.Hour, Key: func(c string) string { return tokens.Token("client", c) }}
}
