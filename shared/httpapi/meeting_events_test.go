package httpapi_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/meeting"
)

func TestMeetingSampleEvents(t *testing.T) {
	a := newMeetingAPI(t, 40)
	call := func(name string, change func(*events.APIGatewayV2HTTPRequest)) (int, string) {
		ev := loadEvent(t, name)
		if change != nil {
			change(&ev)
		}
		resp, err := a.handler(context.Background(), ev)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, resp.Body
	}
	if status, body := call("meeting-get.json", nil); status != 200 || !strings.Contains(body, `"capacity":40`) {
		t.Fatalf("meeting-get: %d %s", status, body)
	}
	status, body := call("meeting-register.json", nil)
	if status != 201 || !strings.Contains(body, `"status":"confirmed"`) {
		t.Fatalf("meeting-register: %d %s", status, body)
	}
	var res meeting.Result
	_ = json.Unmarshal([]byte(body), &res)
	// The sample token is nobody's: 404. With the registration's own token,
	// the owner's view and the cancellation work.
	if status, _ := call("registration-get.json", nil); status != 404 {
		t.Fatalf("sample token: %d", status)
	}
	tok := a.Tokens.Token(meeting.TokenKind, res.RegistrationID)
	withToken := func(ev *events.APIGatewayV2HTTPRequest) { ev.PathParameters["token"] = tok }
	if status, body := call("registration-get.json", withToken); status != 200 || !strings.Contains(body, "Ayşe Yılmaz") {
		t.Fatalf("registration-get: %d %s", status, body)
	}
	if status, body := call("registration-delete.json", withToken); status != 200 || body != `{"status":"cancelled"}` {
		t.Fatalf("registration-delete: %d %s", status, body)
	}
}
