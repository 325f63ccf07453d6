package httpapi_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// api is the survey function on a seeded table.
type api struct {
	*testenv.Env
	handler app.Handler
}

func newAPI(t *testing.T) *api {
	t.Helper()
	env := testenv.Seeded(t)
	a := &api{Env: env, handler: env.NewSurvey(t)}
	env.Calls.Reset()
	return a
}

func loadEvent(t *testing.T, name string) events.APIGatewayV2HTTPRequest {
	t.Helper()
	b, err := os.ReadFile("../../events/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ev
}

// submitEvent is the sample submit event with another body and headers.
func submitEvent(t *testing.T, surveyID, body string, headers map[string]string) events.APIGatewayV2HTTPRequest {
	ev := loadEvent(t, "survey-submit.json")
	ev.PathParameters = map[string]string{"surveyId": surveyID}
	ev.RawPath = "/surveys/" + surveyID + "/responses"
	ev.Body = body
	delete(ev.Headers, "idempotency-key")
	for k, v := range headers {
		if v == "" {
			delete(ev.Headers, k)
		} else {
			ev.Headers[k] = v
		}
	}
	return ev
}

func (a *api) call(t *testing.T, ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPResponse {
	t.Helper()
	resp, err := a.handler(context.Background(), ev)
	if err != nil {
		t.Fatalf("handler returned error: %v", err)
	}
	return resp
}

// responses returns the stored responses of a survey.
func (a *api) responses(t *testing.T, surveyID string) []map[string]any {
	t.Helper()
	return a.Query(t, "SURVEY#"+surveyID, "RESP#")
}
