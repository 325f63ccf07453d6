// Package app wires configuration, clients, stores and handlers. Lambda
// mains and the local dev server both build their handlers here, so local
// runs exercise exactly what AWS runs.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Config is read once from the environment at start.
type Config struct {
	Table string // TABLE_NAME
}

// ConfigFromEnv reads and validates the configuration.
func ConfigFromEnv() (Config, error) {
	c := Config{Table: os.Getenv("TABLE_NAME")}
	if c.Table == "" {
		return c, errors.New("config: TABLE_NAME is not set")
	}
	return c, nil
}

// Deps are the clients built once per container.
type Deps struct {
	Log   *slog.Logger
	DB    *dynamodb.Client
	Table string
	Now   func() time.Time
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
	return Deps{Log: log, DB: dynamodb.NewFromConfig(awsCfg), Table: c.Table, Now: time.Now}, nil
}

// Handler is a Lambda handler for API Gateway HTTP API events.
type Handler func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// Survey builds the survey function's handler.
func Survey(d Deps) Handler {
	svc := survey.NewService(dynamo.New(d.DB, d.Table), d.Now)
	return httpapi.SurveyRouter(d.Log, svc).Serve
}

// APIHandlers returns the handler of every HTTP function of the route
// table, keyed by function: what the dev server dispatches to.
func APIHandlers(d Deps) map[routes.Function]Handler {
	return map[routes.Function]Handler{
		routes.Survey: Survey(d),
	}
}
