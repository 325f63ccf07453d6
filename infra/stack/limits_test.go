package stack_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"

	"github.com/integration-offices/netzwerk-backend/infra/stack"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// The registrations one client address may make for one meeting: 3 unless
// the context says otherwise (cdk.json says 3), handed to the meeting
// function as LIMIT_REGISTRATIONS_PER_MEETING.
func TestRegistrationsPerMeetingSetting(t *testing.T) {
	base := map[string]any{"senderEmail": "netzwerk@integration.example", "publicBaseUrl": "https://integration.example",
		"corsOrigins": "https://integration.example"}
	for _, c := range []struct {
		set  any
		want int
	}{{nil, 3}, {float64(5), 5}, {"0", 0}} {
		ctx := map[string]any{}
		for k, v := range base {
			ctx[k] = v
		}
		if c.set != nil {
			ctx["limitRegistrationsPerMeeting"] = c.set
		}
		p, err := stack.PropsFromContext(awscdk.NewApp(&awscdk.AppProps{Context: &ctx}))
		if err != nil || p.RegistrationsPerMeeting != c.want {
			t.Errorf("context %v: %v, %v; want %d", c.set, p, err, c.want)
		}
	}
	b, err := os.ReadFile("../../cdk.json")
	if err != nil {
		t.Fatal(err)
	}
	var cdk struct{ Context map[string]any }
	if err := json.Unmarshal(b, &cdk); err != nil || cdk.Context["limitRegistrationsPerMeeting"] != float64(3) {
		t.Errorf("cdk.json: limitRegistrationsPerMeeting %v (%v), want 3", cdk.Context["limitRegistrationsPerMeeting"], err)
	}
	vars, _ := props(resourceOf(synth.Functions[routes.Meeting].Node().DefaultChild()))["Environment"].(map[string]any)["Variables"].(map[string]any)
	if vars[routes.EnvLimitPerMeeting] != "0" { // the test's props leave it 0
		t.Errorf("meeting function: %s = %v", routes.EnvLimitPerMeeting, vars[routes.EnvLimitPerMeeting])
	}
}
