// Package directoryfn builds the directory function's handler: the
// public directory of an office's organisations (pages and JSON) and the
// organisations' check of their entries (a package of its own: see
// surveyfn).
package directoryfn

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/directory"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/web/dirpages"
)

// ChecksPerHour is the per-client limit of checks sent through /e/ links
// (an office's network shares few addresses; a flood stops at once).
const ChecksPerHour = 30

// New builds the directory function's handler.
func New(d app.Deps) (app.Handler, error) {
	tokens, err := app.LinkTokens(d)
	if err != nil {
		return nil, err
	}
	t := d.Table()
	svc := directory.New(dynamo.Entries{Table: t}, office.NewCache(dynamo.Offices{Table: t}.Office, d.Now), d.Now)
	svc.Limit = app.ClientLimit("entry", ChecksPerHour, tokens)
	return dirpages.Router(d.Log, svc, tokens).Serve, nil
}

var _ directory.Store = dynamo.Entries{}
