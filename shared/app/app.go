// Package app holds what every function shares: configuration, clients,
// the store and the start. Each function's builder is in a package of its
// own (surveyfn, meetingfn, adminfn, mailerfn), so that a function links
// only what it uses; every main is app.Start(<builder>.New), and the local
// dev server builds the same handlers, so local runs exercise exactly what
// AWS runs.
package app

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
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
	// most (0 or unset: unpaced).
	MailSendRate float64
}

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
}

// AWSConfig loads the SDK configuration (endpoints from AWS_ENDPOINT_URL_*).
func AWSConfig(ctx context.Context) (aws.Config, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return cfg, fmt.Errorf("load aws config: %w", err)
	}
	return cfg, nil
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
	return Deps{Log: log, AWS: awsCfg, DB: db, Config: c, Now: time.Now}, nil
}

// Start is a Lambda main: it builds the clients once, then the handler,
// and hands it to the Lambda runtime; a configuration error ends the
// process at start with a clear log line, not at the first request.
func Start[H any](build func(Deps) (H, error)) {
	log := slog.New(lambdacontext.NewLogHandler())
	deps, err := NewDeps(context.Background(), log)
	if err == nil {
		var h H
		if h, err = build(deps); err == nil {
			lambda.Start(h)
			return
		}
	}
	log.Error("start-up failed", "error", err)
	os.Exit(1)
}

// Handler is a Lambda handler for API Gateway HTTP API events.
type Handler func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// StreamHandler is a Lambda handler for DynamoDB stream batches.
type StreamHandler func(context.Context, events.DynamoDBEvent) (events.DynamoDBEventResponse, error)

// Store is the DynamoDB store on the configured table.
func (d Deps) Store() *dynamo.Store { return dynamo.New(d.DB, d.Config.Table) }

// LinkTokens is the link-token minter of LINK_SECRET. In AWS the secret lives
// in Secrets Manager (LINK_SECRET_ARN): read once at start, never per
// request, never logged. Only the functions that make links call this.
func LinkTokens(d Deps) (*linktoken.Minter, error) {
	secret := d.Config.LinkSecret
	if arn := os.Getenv(routes.EnvLinkSecretARN); secret == nil && arn != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		out, err := secretsmanager.NewFromConfig(d.AWS).GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: &arn})
		if err != nil {
			return nil, fmt.Errorf("config: read LINK_SECRET_ARN: %w", err)
		}
		secret = []byte(aws.ToString(out.SecretString))
	}
	m, err := linktoken.New(secret)
	if err != nil {
		return nil, fmt.Errorf("config: LINK_SECRET: %w", err)
	}
	return m, nil
}
