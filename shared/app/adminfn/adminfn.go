// Package adminfn builds the coordinators' function handler (a package of
// its own: see surveyfn).
package adminfn

import (
	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi/adminapi"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
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
	t := d.Table()
	sessions := console.NewSessions(console.ConfigFromEnv(), tokens, dynamo.Sessions{Table: t}, d.Now, nil)
	svc := admin.New(adminStore{dynamo.SurveyAdmin{Table: t}, dynamo.Responses{Table: t}, dynamo.MeetingAdmin{Table: t},
		dynamo.Registrations{Table: t}, dynamo.InvitationAdmin{Table: t}, dynamo.LegalAdmin{Table: t}, dynamo.MailAdmin{Table: t},
		dynamo.AuditLog{Table: t}, dynamo.Offices{Table: t}, dynamo.OfficeAdmin{Table: t}}, tokens, d.Now)
	svc.RequirePrivacyNotice = d.Config.RequirePrivacyNotice
	return adminapi.Router(d.Log, svc, dynamo.Keys{Table: t}, sessions).Serve, nil
}

// adminStore is the areas the admin service uses (not dynamo.Store: the
// areas it never calls would stay in the bootstrap).
type adminStore struct {
	dynamo.SurveyAdmin
	dynamo.Responses
	dynamo.MeetingAdmin
	dynamo.Registrations
	dynamo.InvitationAdmin
	dynamo.LegalAdmin
	dynamo.MailAdmin
	dynamo.AuditLog
	dynamo.Offices
	dynamo.OfficeAdmin
}

var _ admin.Store = adminStore{}
