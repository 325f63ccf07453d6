package seed

import (
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// TestDemoSpeaksEveryLanguage: every text of the demo survey (title,
// description, sections, labels, help, options) and of the demo meeting is
// there in each of the seven languages, so make dev shows them all.
func TestDemoSpeaksEveryLanguage(t *testing.T) {
	d := DemoSurvey()
	texts := map[string]i18n.Text{"title": d.Title, "description": d.Description}
	for _, s := range d.Sections {
		texts["section "+s.ID] = s.Title
	}
	for _, q := range d.Questions {
		texts["question "+q.ID] = q.Label
		if q.Help != nil {
			texts["help "+q.ID] = q.Help
		}
		for _, o := range q.Options {
			texts["option "+q.ID+"."+o.Code] = o.Label
		}
	}
	m := DemoMeeting(time.Now())
	texts["meeting title"], texts["meeting description"] = m.Title, m.Description
	for what, text := range texts {
		for _, lang := range i18n.Supported {
			if text[lang] == "" {
				t.Errorf("%s: no %s", what, lang)
			}
		}
	}
	if len(texts) < 100 {
		t.Errorf("only %d texts", len(texts))
	}
}
