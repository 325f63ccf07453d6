package adminapi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestInvitationMailNamesTheDeadline: the invitation to a survey that
// closes says until when to answer.
func TestInvitationMailNamesTheDeadline(t *testing.T) {
	a := testenv.NewFunctions(t)
	d := seed.DemoSurvey()
	closes := time.Date(2031, 6, 30, 21, 59, 0, 0, time.UTC)
	d.ClosesAt = &closes
	if err := a.Store.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	domain := "deadline.example"
	resp := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", map[string]string{"surveyId": seed.SurveyID}, "",
		`{"invitations":[{"organisation":"Kulturbrücke e.V.","email":"info@`+domain+`","language":"de"}]}`)
	if resp.StatusCode != 201 {
		t.Fatalf("invite: %d %s", resp.StatusCode, resp.Body)
	}
	deliverOutbox(t, a)
	mails := testenv.Inbox(t, domain)
	if len(mails) != 1 || !strings.Contains(mails[0].Body.Text, "Bitte antworten Sie bis Montag, 30. Juni 2031, 23:59 Uhr.") {
		t.Fatalf("the invitation does not name the deadline: %+v", mails)
	}
}
