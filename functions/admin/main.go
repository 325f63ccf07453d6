// Command admin is the Lambda behind the coordinators' routes: the admin API
// (/admin/...) and the console's pages (/console/...).
// API Gateway's JWT authorizer checks the admin API's tokens, whose claims the
// handlers read; the console verifies its session cookie itself.
package main

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/adminfn"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

func main() { app.Start(routes.Admin, adminfn.New) }
