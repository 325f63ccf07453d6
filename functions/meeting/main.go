// Command meeting is the Lambda behind the public meeting routes
// (GET /meetings/{meetingId}, POST .../registrations, GET and DELETE
// /registrations/{token}).
package main

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
)

func main() { app.Start(app.Meeting) }
