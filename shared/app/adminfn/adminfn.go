// Package adminfn builds the coordinators' function handler (a package of
// its own: see surveyfn).
package adminfn

import (
	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi/adminapi"
	"github.com/integration-offices/netzwerk-backend/shared/web/console"
)

// New builds the coordinators' function handler.
func New(d app.Deps) (app.Handler, error) {
	if err := app.CheckZones(); err != nil {
		return nil, err
	}
	tokens, err := app.LinkTokens(d)
	if err != nil {
		return nil, err
	}
	sessions := console.NewSessions(console.ConfigFromEnv(), tokens, d.Store(), d.Now, nil)
	svc := admin.New(d.Store(), tokens, d.Now)
	svc.RequirePrivacyNotice = d.Config.RequirePrivacyNotice
	return adminapi.Router(d.Log, svc, d.Store(), sessions).Serve, nil
}
