package adminapi_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// A meeting for personal invitations only ("invitationOnly" in the admin
// API): its JSON and its page say so and the page shows no form;
// registering without an invitation is 403 forbidden in the caller's
// language (JSON and page) and stores nothing, with an unknown one 422;
// through a personal link the form is there and the registration is
// taken.
func TestInvitationOnlyMeeting(t *testing.T) {
	a := testenv.NewFunctions(t)
	p := map[string]string{"meetingId": seed.MeetingID}
	var set map[string]any
	b, _ := json.Marshal(seed.DemoMeeting(time.Now()).Settings)
	_ = json.Unmarshal(b, &set)
	set["invitationOnly"] = true
	b, _ = json.Marshal(set)
	if resp := a.AdminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", p, "", string(b)); resp.StatusCode != 200 {
		t.Fatalf("PUT invitationOnly: %d %s", resp.StatusCode, resp.Body)
	}
	if resp := a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}", p, "", ""); !strings.Contains(resp.Body, `"invitationOnly":true`) {
		t.Fatalf("admin GET: %s", resp.Body)
	}
	if resp := a.Do(t, a.Meeting, testenv.Request{Method: "GET", Path: "/meetings/{meetingId}", Params: p}); !strings.Contains(resp.Body, `"invitationOnly":true`) {
		t.Fatalf("public GET: %s", resp.Body)
	}

	before := a.Count(t)
	register := func(body, lang string) (int, testenv.ErrorBody) {
		resp := a.Do(t, a.Meeting, testenv.Request{Method: "POST", Path: "/meetings/{meetingId}/registrations", Params: p, Body: body,
			Headers: map[string]string{"accept-language": lang}})
		var e testenv.ErrorBody
		_ = json.Unmarshal([]byte(resp.Body), &e)
		return resp.StatusCode, e
	}
	if status, e := register(testenv.RegistrationBody("Ohne Einladung", "ohne@verein.example"), "fa"); status != 403 || e.Error.Code != "forbidden" ||
		!strings.Contains(e.Error.Message, "دعوت") {
		t.Errorf("without an invitation: %d %+v", status, e)
	}
	withToken := func(name, email, token string) string {
		var m map[string]any
		_ = json.Unmarshal([]byte(testenv.RegistrationBody(name, email)), &m)
		m["invitation"] = token
		b, _ := json.Marshal(m)
		return string(b)
	}
	if status, e := register(withToken("Falsch", "falsch@verein.example", "not-a-token"), "de"); status != 422 || e.Error.Code != "validation_failed" {
		t.Errorf("with an unknown invitation: %d %+v", status, e)
	}
	path := "/m/" + seed.MeetingID
	form := url.Values{web.StampField: {testenv.Stamp(path)}, "name": {"Ayşe Yılmaz"}, "email": {"ayse@verein.example"}, "consent.privacy": {"true"}}
	if resp := testenv.Page(t, a.Meeting, "POST", "/m/{meetingId}", path, p, "lang=ar", form, nil); resp.StatusCode != 403 ||
		!strings.Contains(resp.Body, `lang="ar" dir="rtl"`) || !strings.Contains(resp.Body, "دعوة") {
		t.Errorf("page without an invitation: %d %.1500s", resp.StatusCode, resp.Body)
	}
	if after := a.Count(t); after != before {
		t.Errorf("refused registrations changed the table: %d → %d items", before, after)
	}
	get := testenv.Page(t, a.Meeting, "GET", "/m/{meetingId}", path, p, "lang=de", nil, nil)
	if get.StatusCode != 200 || !strings.Contains(get.Body, "nur mit einer persönlichen Einladung") || strings.Contains(get.Body, `name="consent.privacy"`) {
		t.Errorf("page: %d %.3000s", get.StatusCode, get.Body)
	}

	// A personal invitation: its link shows the form, and registers.
	if resp := a.AdminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/invitations", p, "",
		`{"invitations":[{"organisation":"Kulturbrücke e.V.","email":"info@kulturbruecke.example","language":"de"}]}`); resp.StatusCode != 201 {
		t.Fatalf("invite: %s", resp.Body)
	}
	token := a.Tokens.Token(invitation.TokenKind, invitation.ID(invitation.Meeting, seed.MeetingID, "info@kulturbruecke.example"))
	get = testenv.Page(t, a.Meeting, "GET", "/m/{meetingId}", path, p, "lang=de&invitation="+url.QueryEscape(token), nil, nil)
	if get.StatusCode != 200 || !strings.Contains(get.Body, `name="consent.privacy"`) || !strings.Contains(get.Body, `name="invitation"`) {
		t.Errorf("page through the personal link: %d %.2000s", get.StatusCode, get.Body)
	}
	if status, e := register(withToken("Lea", "lea@kulturbruecke.example", token), "de"); status != 201 {
		t.Fatalf("through the invitation: %d %+v", status, e)
	}
}
