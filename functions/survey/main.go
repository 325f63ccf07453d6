// Command survey is the Lambda behind the public survey routes
// (GET /surveys/{surveyId}, POST /surveys/{surveyId}/responses).
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
		if h, err = app.Survey(deps); err == nil {
			lambda.Start(h)
			return
		}
	}
	log.Error("start-up failed", "error", err)
	os.Exit(1)
}
