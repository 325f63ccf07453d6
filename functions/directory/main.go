// Command directory is the Lambda behind the public directory of an
// office's organisations (GET /d/{officeId}, /d/{officeId}/{orgId},
// /directory/{officeId}) and the check of an entry (GET, POST /e/{token}).
package main

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/directoryfn"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

func main() { app.Start(routes.Directory, directoryfn.New) }
