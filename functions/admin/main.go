// Command admin is the Lambda behind the coordinators' routes (/admin/...).
// API Gateway's JWT authorizer checks the token; the handlers read its claims.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/integration-offices/netzwerk-backend/shared/app"
)

func main() {
	log := slog.New(lambdacontext.NewLogHandler())
	deps, err := app.NewDeps(context.Background(), log)
	if err == nil {
		var h app.Handler
		if h, err = app.Admin(deps); err == nil {
			lambda.Start(h)
			return
		}
	}
	log.Error("start-up failed", "error", err)
	os.Exit(1)
}
