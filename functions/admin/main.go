// Command admin is the Lambda behind the coordinators' routes (/admin/...).
// API Gateway's JWT authorizer checks the token; the handlers read its claims.
package main

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/adminfn"
)

func main() { app.Start(adminfn.New) }
