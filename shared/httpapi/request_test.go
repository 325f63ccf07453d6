package httpapi_test

import (
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
)

// Duplicate and case-variant JSON keys are rejected, on every
// level, before anything is stored.
func TestLaxJSONRejected(t *testing.T) {
	a := newMeetingAPI(t, 5)
	for name, body := range map[string]string{
		"duplicate consent": `{"name":"A","email":"a@verein.example","consent":{"privacy":false,"privacy":true}}`,
		"duplicate name":    `{"name":"A","name":"B","email":"a@verein.example","consent":{"privacy":true}}`,
		"case variant":      `{"Name":"A","email":"a@verein.example","consent":{"privacy":true}}`,
		"nested variant":    `{"name":"A","email":"a@verein.example","consent":{"Privacy":true}}`,
	} {
		status, resp := a.register(t, body, nil)
		if status != 400 || !strings.Contains(resp, `"bad_request"`) {
			t.Errorf("%s: %d %s; want 400 bad_request", name, status, resp)
		}
	}
	if regs := a.Items(t)["registration"]; len(regs) != 0 {
		t.Errorf("stored %d registrations", len(regs))
	}

	s := newAPI(t)
	for name, body := range map[string]string{
		"duplicate consent": `{"answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":false,"privacy":true}}`,
		"duplicate answer":  `{"answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49","org_name":"Y"},"consent":{"privacy":true}}`,
		"case variant":      `{"Answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`,
		"answer variant":    `{"answers":{"Org_Name":"X","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`,
	} {
		resp := s.call(t, submitEvent(t, seed.SurveyID, body, nil))
		if resp.StatusCode != 400 {
			t.Errorf("%s: %d %s; want 400", name, resp.StatusCode, resp.Body)
		}
	}
	if n := len(s.responses(t, seed.SurveyID)); n != 0 {
		t.Errorf("stored %d responses", n)
	}
}
