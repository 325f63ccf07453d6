package admin

import (
	"context"
	"io"

	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/xlsform"
)

// SurveyForm writes one of the office's surveys as a workbook (XLSForm,
// AUTHORING.md).
func (s *Service) SurveyForm(ctx context.Context, c *auth.Coordinator, id string, w io.Writer) error {
	d, err := s.Survey(ctx, c, id)
	if err != nil {
		return err
	}
	return xlsform.Write(w, d)
}

// CreateSurveyFromForm creates a survey from a workbook, as a draft: the
// coordinator previews it and publishes it. Every problem names its cell
// (sheet, row, column); nothing is saved then.
func (s *Service) CreateSurveyFromForm(ctx context.Context, c *auth.Coordinator, body []byte, lang string) (*survey.Definition, error) {
	form, err := xlsform.Parse(body, lang)
	if err != nil {
		return nil, err
	}
	id, err := newID(c.Office, form.Settings.ID, lang)
	if err != nil {
		return nil, form.Locate(err, lang)
	}
	d := form.Settings.Definition(id, c.Office, s.now())
	d.Stage = survey.StageDraft
	err = checkAndSave(survey.ValidateDefinition(d, lang), func() error {
		if err := s.goLive(ctx, c); err != nil {
			return err
		}
		return s.store.CreateSurvey(ctx, d)
	})
	return d, form.Locate(err, lang)
}

// UpdateSurveyFromForm replaces one of the office's definitions by a
// workbook's, as UpdateSurvey does a JSON one (the workbook's form_id is
// not the survey's: the path names it). Another office's survey is not
// found, whatever the workbook holds.
func (s *Service) UpdateSurveyFromForm(ctx context.Context, c *auth.Coordinator, id string, body []byte, lang string) (*survey.Definition, error) {
	if _, err := s.Survey(ctx, c, id); err != nil {
		return nil, err
	}
	form, err := xlsform.Parse(body, lang)
	if err != nil {
		return nil, err
	}
	d, err := s.UpdateSurvey(ctx, c, id, form.Settings, lang)
	return d, form.Locate(err, lang)
}
