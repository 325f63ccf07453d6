package console_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestConsoleNamesTheOrganisationOfAnAnswer: the console's answers show
// the organisation that gave them, and the erase button and the erase
// question name it, so that nobody erases an answer by its id alone.
func TestConsoleNamesTheOrganisationOfAnAnswer(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	p := map[string]string{"surveyId": seed.SurveyID}
	org := "Deutsch-Türkischer Kulturverein e.V."
	body := `{"answers":{"org_name":"` + org + `","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`
	resp := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: p, Body: body})
	if resp.StatusCode != 201 {
		t.Fatalf("answer: %d %s", resp.StatusCode, resp.Body)
	}
	var res struct{ ResponseID string }
	_ = json.Unmarshal([]byte(resp.Body), &res)

	page := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/surveys/{surveyId}"}, "demo", ""))
	_, answers, _ := strings.Cut(page.Body, `id="responses"`)
	if page.StatusCode != 200 || !strings.Contains(answers, ">"+org+"<") {
		t.Fatalf("the answers do not show the organisation: %d", page.StatusCode)
	}
	if !strings.Contains(answers, `aria-label="Antwort von `+org) {
		t.Errorf("the erase button does not name the organisation")
	}

	ask := s.Request(routes.Route{Method: "POST", Path: "/console/surveys/{surveyId}/responses/{responseId}/erase"}, "demo", "")
	ask.Params["responseId"] = res.ResponseID
	ask.Body = strings.Replace(ask.Body, "confirm=yes", "confirm=", 1)
	q := a.Do(t, h, ask)
	if q.StatusCode != 200 || !strings.Contains(q.Body, `name="confirm" value="yes"`) || !strings.Contains(q.Body, org) {
		t.Errorf("the erase question does not name the organisation: %d", q.StatusCode)
	}
	// An answer that is not there: no question about it.
	ask.Params["responseId"] = "01JNOTTHERE0000000000000000"
	if q := a.Do(t, h, ask); q.StatusCode != 404 {
		t.Errorf("erase question for an unknown answer: %d, want 404", q.StatusCode)
	}
}

// TestConsoleFormErrorsLookLikeErrors: a console form sent with mistakes
// marks each field in error as the public pages do (KERN's error state on
// the field, the message beside it), not as a hint.
func TestConsoleFormErrorsLookLikeErrors(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	c := s.Request(routes.Route{Method: "POST", Path: "/console/meetings"}, "demo", "")
	c.Body = url.Values{"csrf": {s.CSRF(s.TokenFor("demo"))}, "capacity": {"-3"}}.Encode()
	resp := a.Do(t, h, c)
	if resp.StatusCode != 422 {
		t.Fatalf("an empty meeting form: %d, want 422", resp.StatusCode)
	}
	for _, id := range []string{"title-de", "startsAt", "capacity"} {
		i := strings.Index(resp.Body, `id="`+id+`-error"`)
		if i < 0 {
			t.Errorf("no error beside %s", id)
			continue
		}
		wrapper := resp.Body[strings.LastIndex(resp.Body[:i], "<div "):i]
		if !strings.Contains(wrapper, "kern-form-input--error") {
			t.Errorf("%s: the field is not in KERN's error state: %s", id, wrapper)
		}
		input := resp.Body[i:]
		input = input[strings.Index(input, "<input"):]
		if input = input[:strings.Index(input, ">")]; !strings.Contains(input, "kern-form-input__input--error") {
			t.Errorf("%s: the input is not in KERN's error state: %s", id, input)
		}
	}
}
