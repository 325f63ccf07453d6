package dynamo_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// Concurrent uploads of one list invite each address once, send one mail
// each, and a re-upload never resets an answered invitation.
func TestConcurrentUploadsInviteOnce(t *testing.T) {
	env := testenv.Seeded(t)
	ctx := context.Background()
	coordinator := &auth.Coordinator{Subject: "user-" + seed.Office, Office: seed.Office}
	invites := admin.New(env.Store, env.Tokens, env.Clock.Now)
	list := func(org string) []invitation.Entry {
		var out []invitation.Entry
		for i := 0; i < 30; i++ {
			out = append(out, invitation.Entry{Organisation: fmt.Sprintf("%s %d", org, i), Email: fmt.Sprintf("v%d@verein.example", i), Language: "tr"})
		}
		return out
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := invites.Invite(ctx, coordinator, invitation.Survey, seed.SurveyID, list("Verein"), nil, "de"); err != nil {
				t.Errorf("upload: %v", err)
			}
		}()
	}
	wg.Wait()
	items := env.Items(t)
	if n := len(items["invitation"]); n != 30 {
		t.Errorf("%d invitations, want 30", n)
	}
	if n := len(items["outbox"]); n != 30 {
		t.Errorf("%d invitation mails queued, want 30", n)
	}
	// v0 answers through its link; a re-upload changes its organisation
	// name, never its state, and sends nothing.
	inv := items["invitation"][0]
	yes := true
	sub := &survey.Submission{Invitation: env.Tokens.Token(invitation.TokenKind, inv["id"].(string)),
		Answers: json.RawMessage(`{"org_name":"X","fields_of_activity":["culture"],"members":"20-49"}`), Consent: &survey.Consent{Privacy: &yes}}
	if _, err := survey.NewService(env.Store, env.Clock.Now).Submit(ctx, seed.SurveyID, sub, "de", nil); err != nil {
		t.Fatalf("answer: %v", err)
	}
	if _, err := invites.Invite(ctx, coordinator, invitation.Survey, seed.SurveyID, list("Umbenannt"), nil, "de"); err != nil {
		t.Fatalf("re-upload: %v", err)
	}
	items = env.Items(t)
	mails := 0
	for _, o := range items["outbox"] {
		if o["kind"] != "register" { // the answer's, to take it into its record: no mail
			mails++
		}
	}
	if mails != 30 {
		t.Errorf("re-upload queued mails: %d outbox mails, want 30", mails)
	}
	if n := len(items["organisation"]); n != 30 {
		t.Errorf("%d organisations in the register after concurrent uploads, want 30", n)
	}
	for _, v := range items["invitation"] {
		if !strings.HasPrefix(v["organisation"].(string), "Umbenannt") {
			t.Errorf("contact fields not updated: %v", v["organisation"])
		}
		if v["id"] == inv["id"] && v["status"] != "answered" {
			t.Errorf("re-upload reset an answered invitation to %v", v["status"])
		}
	}
}
