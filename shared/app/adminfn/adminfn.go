// Package adminfn builds the coordinators' function handler (a package of
// its own: see surveyfn).
package adminfn

import (
	"fmt"
	"log/slog"
	"os"
	"slices"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi/adminapi"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/translate"
	"github.com/integration-offices/netzwerk-backend/shared/web/console"
)

// New builds the coordinators' function handler.
func New(d app.Deps) (app.Handler, error) { return NewWith(nil)(d) }

// NewWith builds it with tr as its translator of free texts whatever
// TRANSLATE_ANSWERS says (tests: a fake); nil: as the setting says.
func NewWith(tr admin.Translator) func(app.Deps) (app.Handler, error) {
	return func(d app.Deps) (app.Handler, error) { return newAdmin(d, tr) }
}

func newAdmin(d app.Deps, tr admin.Translator) (app.Handler, error) {
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
		dynamo.Registrations{Table: t}, dynamo.InvitationAdmin{Table: t}, dynamo.Invitations{Table: t}, dynamo.Wording{Table: t}, dynamo.LegalAdmin{Table: t}, dynamo.MailAdmin{Table: t},
		dynamo.AuditLog{Table: t}, dynamo.Offices{Table: t}, dynamo.OfficeAdmin{Table: t}, dynamo.Orgs{Table: t}}, tokens, d.Now)
	svc.RequirePrivacyNotice = d.Config.RequirePrivacyNotice
	on, err := TranslateFromEnv(os.Getenv)
	if err != nil {
		return nil, err
	}
	if on && tr == nil {
		tr = translate.New(d.AWS)
	}
	svc.Translator = tr
	keys := dynamo.Keys{Table: t}
	r, err := Compose(d.Log, routes.Admin, adminapi.Handlers(svc, keys), console.Handlers(d.Log, svc, sessions, keys, adminapi.ExportResponse))
	if err != nil {
		return nil, err
	}
	return r.Serve, nil
}

// Compose is the router of a function's routes served by parts (the JSON
// API, the console): a route two parts serve, a route of the table none
// serves or a handler for no route of the table is an error at start.
func Compose(log *slog.Logger, fn routes.Function, parts ...map[string]httpapi.HandlerFunc) (*httpapi.Router, error) {
	r := httpapi.NewRouter(log)
	seen := map[string]bool{}
	for _, part := range parts {
		for key, h := range part {
			if seen[key] {
				return nil, fmt.Errorf("function %s: route %q served twice", fn, key)
			}
			seen[key] = true
			r.Handle(key, h)
		}
	}
	for key := range seen {
		if !slices.ContainsFunc(routes.Of(fn), func(rt routes.Route) bool { return rt.Key() == key }) {
			return nil, fmt.Errorf("function %s: handler for %q, which is no route of the table", fn, key)
		}
	}
	if err := r.Check(fn); err != nil {
		return nil, err
	}
	return r, nil
}

// adminStore is the areas the admin service uses (not dynamo.Store: the
// areas it never calls would stay in the bootstrap).
type adminStore struct {
	dynamo.SurveyAdmin
	dynamo.Responses
	dynamo.MeetingAdmin
	dynamo.Registrations
	dynamo.InvitationAdmin
	dynamo.Invitations
	dynamo.Wording
	dynamo.LegalAdmin
	dynamo.MailAdmin
	dynamo.AuditLog
	dynamo.Offices
	dynamo.OfficeAdmin
	dynamo.Orgs
}

var _ admin.Store = adminStore{}

// TranslateFromEnv reads TRANSLATE_ANSWERS: "1" translates free texts
// with Amazon Translate (the stack's translateAnswers); unset or "0" is
// off (make dev), and then no text is sent anywhere. Read here, not in
// app.Config: only the admin function has the setting.
func TranslateFromEnv(getenv func(string) string) (bool, error) {
	switch getenv(routes.EnvTranslateAnswers) {
	case "", "0":
		return false, nil
	case "1":
		return true, nil
	}
	return false, fmt.Errorf("config: %s must be 1 (on) or 0 (off)", routes.EnvTranslateAnswers)
}
