package console

import (
	"context"

	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// The editor's only two touches of a survey's stage (draft or published):
// a survey the editor starts is a draft, and the publish button publishes
// it (the admin service's POST /admin/surveys/{id}/publish, recorded in
// the audit trail).

// createDraft stores a new survey made in the console as a draft.
func (c *Console) createDraft(ctx context.Context, s *Session, set survey.Settings, lang string) (*survey.Definition, error) {
	return c.svc.CreateSurveyAs(ctx, s.Coordinator, set, survey.StageDraft, lang)
}

// publish makes a draft public (the admin service checks the go-live
// guard; publishing a published survey changes nothing).
func (c *Console) publish(ctx context.Context, s *Session, d *survey.Definition, _ string) error {
	_, err := c.svc.PublishSurvey(ctx, s.Coordinator, d.ID)
	return err
}
