// Command meeting is the Lambda behind the public meeting routes
// (GET /meetings/{meetingId}, POST .../registrations, GET and DELETE
// /registrations/{token}).
package main

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/meetingfn"
)

func main() { app.Start(meetingfn.New) }
