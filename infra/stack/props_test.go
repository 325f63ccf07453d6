package stack_test

import (
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/infra/stack"
)

// A deployment's settings are checked before anything is synthesized,
// every problem at once, with the rules the functions check at start: a
// sender or reply address with a display name, or a base URL without
// https, would make functions that do not start.
func TestPropsReportEveryProblem(t *testing.T) {
	p := &stack.Props{Stage: "test", LoginDomainPrefix: "netzwerk-test", Sender: "Netzwerk <netzwerk@integration.example>",
		ReplyTo: "team", AlarmEmail: "ops", PublicBaseURL: "http://integration.example", CorsOrigins: []string{"https://integration.example"}, RetentionDays: 90}
	err := p.Validate()
	for _, want := range []string{"senderEmail", "replyTo", "alarmEmail", "publicBaseUrl"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v does not name %s", err, want)
		}
	}
	p.Sender, p.ReplyTo, p.AlarmEmail, p.PublicBaseURL = "netzwerk@integration.example", "team@integration.example", "ops@integration.example", "https://integration.example"
	if err := p.Validate(); err != nil {
		t.Error(err)
	}
	p.SenderDomain = "other.example"
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "senderDomain") {
		t.Errorf("sender outside its domain: %v", err)
	}
}
