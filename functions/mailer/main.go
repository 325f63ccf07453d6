// Command mailer is the Lambda on the table's DynamoDB stream that sends
// the outbox's emails through SES.
package main

import (
	// The zone database, for meeting times in mails: provided.al2023 may not have one.
	_ "time/tzdata"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/mailerfn"
)

func main() { app.Start(mailerfn.New) }
