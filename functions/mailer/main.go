// Command mailer is the Lambda on the table's DynamoDB stream that sends
// the outbox's emails through SES.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/mailapp"
)

func main() {
	log := slog.New(lambdacontext.NewLogHandler())
	deps, err := app.NewDeps(context.Background(), log)
	if err == nil {
		var h app.StreamHandler
		if h, err = mailapp.Mailer(deps); err == nil {
			lambda.Start(h)
			return
		}
	}
	log.Error("start-up failed", "error", err)
	os.Exit(1)
}
