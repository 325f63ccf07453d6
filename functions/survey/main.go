// Command survey is the Lambda behind the public survey routes
// (GET /surveys/{surveyId}, POST /surveys/{surveyId}/responses).
package main

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/surveyfn"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

func main() { app.Start(routes.Survey, surveyfn.New) }
