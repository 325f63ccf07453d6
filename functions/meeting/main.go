// Command meeting is the Lambda behind the public meeting routes
// (GET /meetings/{meetingId}, POST .../registrations, GET and DELETE
// /registrations/{token}).
package main

import (
	// The zone database, for meeting times: provided.al2023 may not have one.
	_ "time/tzdata"

	"github.com/integration-offices/netzwerk-backend/shared/app"
)

func main() { app.Start(app.Meeting) }
