// Package adminapp wires the coordinators' function. It is apart from
// package app so that the public functions do not link the admin code.
package adminapp

import (
	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi/adminapi"
)

// Admin builds the coordinators' function handler.
func Admin(d app.Deps) (app.Handler, error) {
	tokens, err := app.LinkTokens(d)
	if err != nil {
		return nil, err
	}
	return adminapi.Router(d.Log, admin.New(d.Store(), tokens, d.Now), d.Store()).Serve, nil
}
