package console

import (
	"context"

	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// The editor's only two touches of a survey's stage (draft or published),
// kept here so that they switch in one place when the admin service
// publishes itself (POST /admin/surveys/{id}/publish, branch cond): a
// survey the editor starts is a draft, and the publish button publishes.
// Until then the service stores the settings it is given and a definition
// without a stage counts as published (survey.Definition.Stage).

// createDraft stores a new survey made in the console as a draft.
func (c *Console) createDraft(ctx context.Context, s *Session, set survey.Settings, lang string) (*survey.Definition, error) {
	return c.svc.CreateSurvey(ctx, s.Coordinator, set, lang)
}

// publish makes a draft public: validated and stored through the admin
// service like every save.
func (c *Console) publish(ctx context.Context, s *Session, d *survey.Definition, lang string) error {
	d.Stage = survey.StagePublished
	_, err := c.svc.UpdateSurvey(ctx, s.Coordinator, d.ID, d.Settings, lang)
	return err
}
