// Command meeting is the Lambda behind the public meeting routes
// (GET /meetings/{meetingId}, POST .../registrations, GET and DELETE
// /registrations/{token}).
package main

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/meetingfn"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

func main() { app.Start(routes.Meeting, meetingfn.New) }
