package admin

import (
	"context"
	"fmt"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Translator turns a text in language from into German (Amazon Translate
// in AWS; a fake in tests). It is only set when the office's stack has
// translateAnswers on: without it no text leaves the table.
type Translator interface {
	ToGerman(ctx context.Context, text, from string) (string, error)
}

// MaxTranslations bounds the texts one request translates (the whole
// report: the rest with the next press of the button), well within the
// function's time.
const MaxTranslations = 100

// Translates reports whether answers can be translated (the setting).
func (s *Service) Translates() bool { return s.Translator != nil }

// TranslateAnswers translates into German the reported text answers in
// other languages of one response (responseID; one question of it when
// questionID is set) or of the whole survey (responseID ""), that have
// no translation yet, and stores each with its answer, marked as
// machine-made (erasing the answer erases it). It returns how many it
// translated and how many are left for another call.
func (s *Service) TranslateAnswers(ctx context.Context, c *auth.Coordinator, surveyID, responseID, questionID string) (done, left int, err error) {
	d, err := s.Survey(ctx, c, surveyID)
	if err != nil {
		return 0, 0, err // another office's survey: not found, on or off
	}
	if s.Translator == nil {
		return 0, 0, apperr.New(apperr.Conflict, "console.translate_off")
	}
	type job struct {
		r     *survey.Response
		have  map[string]string // translated before
		texts map[string]string // question id → text to translate
	}
	var jobs []job
	conditional := d.Conditional()
	pending := func(r *survey.Response, have map[string]string) {
		if r.Language == "" || r.Language == "de" || (responseID != "" && r.ID != responseID) {
			return
		}
		var asked map[string]bool
		if conditional {
			asked = d.Asked(r.Answers)
		}
		j := job{r: r, have: have, texts: map[string]string{}}
		for i := range d.Questions {
			q := &d.Questions[i]
			t, _ := r.Answers[q.ID].(string)
			if t == "" || !Reported(q) || q.Retired || (asked != nil && !asked[q.ID]) || have[q.ID] != "" || (questionID != "" && q.ID != questionID) {
				continue
			}
			if done+len(j.texts) >= MaxTranslations {
				left++
				continue
			}
			j.texts[q.ID] = t
		}
		if len(j.texts) > 0 {
			done += len(j.texts)
			jobs = append(jobs, j)
		}
	}
	// One answer's or all: read with their translations.
	found := responseID == ""
	if err := s.store.EachResponseTranslated(ctx, d.ID, func(rs []*survey.Response, tr []map[string]string) error {
		for i, r := range rs {
			found = found || r.ID == responseID
			pending(r, tr[i])
		}
		return nil
	}); err != nil {
		return 0, 0, err
	}
	if !found {
		return 0, 0, apperr.New(apperr.NotFound, "response_not_found")
	}
	done = 0
	for _, j := range jobs {
		german := map[string]string{}
		for qid, t := range j.have {
			german[qid] = t
		}
		for qid, t := range j.texts {
			g, err := s.Translator.ToGerman(ctx, t, j.r.Language)
			if err != nil {
				// Never the text: the ids say which.
				return done, left, fmt.Errorf("translate answer %s to %s: %w", j.r.ID, qid, err)
			}
			german[qid] = g
		}
		if err := s.store.SetTranslations(ctx, j.r, german); err != nil {
			if apperr.CodeOf(err) == apperr.NotFound {
				continue // erased or answered anew meanwhile: nothing to keep
			}
			return done, left, err
		}
		done += len(j.texts)
	}
	return done, left, nil
}
