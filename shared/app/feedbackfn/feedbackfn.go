// Package feedbackfn builds the feedback function's handler (a package of
// its own: see surveyfn).
package feedbackfn

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/feedback"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// New builds the handler of SES's bounce and complaint events.
func New(d app.Deps) (app.TopicHandler, error) {
	tokens, err := app.LinkTokens(d)
	if err != nil {
		return nil, err
	}
	t := d.Table()
	return feedback.New(feedbackStore{dynamo.Suppressions{Table: t}, dynamo.Orgs{Table: t}}, tokens, d.Log, d.Now).Handle, nil
}

// feedbackStore is the areas the feedback uses: the suppressions, and
// the register whose contacts bounce.
type feedbackStore struct {
	dynamo.Suppressions
	dynamo.Orgs
}

var _ feedback.Store = feedbackStore{}
