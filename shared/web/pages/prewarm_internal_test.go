package pages

import "testing"

// TestPrewarmRendersItsPages: the prewarms' own pages render (their
// exported forms swallow any failure: a prewarm is only a head start).
func TestPrewarmRendersItsPages(t *testing.T) {
	if err := prewarmSurvey(); err != nil {
		t.Errorf("survey: %v", err)
	}
	if err := prewarmMeeting(); err != nil {
		t.Errorf("meeting: %v", err)
	}
}
