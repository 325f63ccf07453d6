// Package surveyfn builds the survey function's handler. Each function's
// builder is a package of its own, so that a function links (and runs the
// package initialisers of) only what it uses: the survey function has no
// SES client, no mailer and no coordinator code.
package surveyfn

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/legal"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web/pages"
)

// New builds the survey function's handler: its JSON routes and pages.
func New(d app.Deps) (app.Handler, error) {
	tokens, err := app.LinkTokens(d)
	if err != nil {
		return nil, err
	}
	// The first page's templates, catalogue and caches, made while that
	// page waits for DynamoDB (pages.PrewarmSurvey), not during the start.
	d.PrewarmPages(pages.PrewarmSurvey)
	t := d.Table()
	svc := survey.NewService(surveyStore{dynamo.Responses{Table: t}, dynamo.Invitations{Table: t}}, d.Now)
	svc.Limit = app.ClientLimit("answer", d.Config.AnswersPerHour, tokens)
	svc.Offices = office.NewCache(dynamo.Offices{Table: t}.Office, d.Now)
	lsvc := legal.New(legalStore{dynamo.Offices{Table: t}, dynamo.Legal{Table: t}}, svc.Offices, d.Now)
	lsvc.Limit = app.ClientLimit("feedback", legal.FeedbackPerHour, tokens)
	osvc := legal.NewObjections(objectionStore{dynamo.Invitations{Table: t}, dynamo.Legal{Table: t}}, svc.Offices, tokens, d.Now)
	drafts := survey.NewDrafts(dynamo.Drafts{Table: t}, d.Now)
	return httpapi.SurveyRouter(d.Log, svc, pages.With(pages.SurveyWith(d.Log, svc, drafts, tokens, d.Now), pages.Legal(d.Log, lsvc, tokens, d.Now),
		pages.Objection(d.Log, osvc, tokens, d.Now))).Serve, nil
}

// The services' stores: the areas each uses, and no more (see dynamo's
// areas.go for why the public functions hold only what they call).
type (
	surveyStore struct {
		dynamo.Responses
		dynamo.Invitations
	}
	legalStore struct {
		dynamo.Offices
		dynamo.Legal
	}
	objectionStore struct {
		dynamo.Invitations
		dynamo.Legal
	}
)

var (
	_ survey.Store         = surveyStore{}
	_ survey.DraftStore    = dynamo.Drafts{}
	_ legal.Store          = legalStore{}
	_ legal.ObjectionStore = objectionStore{}
)
