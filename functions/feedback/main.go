// Command feedback is the Lambda on the SNS topic of SES's bounce and
// complaint events: it suppresses addresses that bounce for good or whose
// owners complain, and marks the invitations the mails were for.
package main

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/feedbackfn"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

func main() { app.StartTopic(routes.Feedback, feedbackfn.New) }
