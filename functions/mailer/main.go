// Command mailer is the Lambda on the table's DynamoDB stream that sends
// the outbox's emails through SES.
package main

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/mailerfn"
)

func main() { app.StartStream(mailerfn.New) }
