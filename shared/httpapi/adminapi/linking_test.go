package adminapi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestUploadLinksToRecords: each line of an upload links to the office's
// record of its organisation (by address, else by normalised name, else a
// new record), its invitation names the record (orgId) and the record's
// history has the invitation; the same list again links to the same
// records and makes none. DynamoDB Local.
func TestUploadLinksToRecords(t *testing.T) {
	a := testenv.NewFunctions(t)
	ctx, now := context.Background(), time.Now()
	byAddr := org.New(seed.Office, "Kulturbrücke Musterstadt", now)
	byAddr.Contact.Email = "info@kulturbruecke.example"
	byName := org.New(seed.Office, "Deutsch-Türkischer Kulturverein e.V.", now)
	for _, r := range []*org.Record{byAddr, byName} {
		if err := a.Store.CreateOrganisation(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := a.Store.Organisations(ctx, seed.Office, now)
	list := `{"invitations":[
		{"organisation":"Kulturbrücke (neuer Name)","email":"Info@Kulturbruecke.example"},
		{"organisation":"Deutsch-türkischer  Kulturverein","email":"dtkv@verein.example","language":"tr"},
		{"organisation":"Українська громада","email":"ukr@verein.example"}]}`
	p := map[string]string{"surveyId": seed.SurveyID}
	if resp := a.AdminCall(t, seed.Office, "POST", "/admin/surveys/{surveyId}/invitations", p, "", list); resp.StatusCode != 201 {
		t.Fatalf("upload: %d %s", resp.StatusCode, resp.Body)
	}
	orgOf := func(email string) string {
		v, err := a.Store.Invitation(ctx, invitation.Survey, seed.SurveyID, invitation.ID(invitation.Survey, seed.SurveyID, email))
		if err != nil {
			t.Fatal(err)
		}
		return v.OrgID
	}
	if got := orgOf("info@kulturbruecke.example"); got != byAddr.ID {
		t.Errorf("by address: orgId %q, want %q", got, byAddr.ID)
	}
	if got := orgOf("dtkv@verein.example"); got != byName.ID {
		t.Errorf("by name: orgId %q, want %q", got, byName.ID)
	}
	fresh := orgOf("ukr@verein.example")
	if fresh == "" || fresh == byAddr.ID || fresh == byName.ID {
		t.Fatalf("a new organisation: orgId %q", fresh)
	}
	r, err := a.Store.Organisation(ctx, seed.Office, fresh)
	if err != nil || r.Name != "Українська громада" || r.Contact.Email != "ukr@verein.example" || r.State != org.Active {
		t.Errorf("the new record: %+v %v", r, err)
	}
	for _, id := range []string{byAddr.ID, byName.ID, fresh} {
		h, err := a.Store.History(ctx, seed.Office, id)
		if err != nil || len(h) != 1 || h[0].Kind != org.Invited || h[0].Target != "survey" || h[0].TargetID != seed.SurveyID || h[0].Ref == "" {
			t.Errorf("history of %s: %+v %v", id, h, err)
		}
	}
	// The same list again: the same records, none new, one event each.
	if resp := a.AdminCall(t, seed.Office, "POST", "/admin/surveys/{surveyId}/invitations", p, "", list); resp.StatusCode != 201 ||
		!strings.Contains(resp.Body, `"alreadyInvited":3`) {
		t.Fatalf("upload again: %d %s", resp.StatusCode, resp.Body)
	}
	if got := orgOf("ukr@verein.example"); got != fresh {
		t.Errorf("again: orgId %q, want %q", got, fresh)
	}
	after, _ := a.Store.Organisations(ctx, seed.Office, now)
	if len(after) != len(before)+1 {
		t.Errorf("%d records after two uploads, want %d", len(after), len(before)+1)
	}
	if h, _ := a.Store.History(ctx, seed.Office, fresh); len(h) != 1 {
		t.Errorf("history after the second upload: %+v", h)
	}
}
