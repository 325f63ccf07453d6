// Command mailer is the Lambda on the table's DynamoDB stream that sends
// the outbox's emails through SES.
package main

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/mailerfn"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

func main() { app.StartStream(routes.Mailer, mailerfn.New) }
