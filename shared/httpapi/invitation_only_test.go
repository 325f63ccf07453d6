package httpapi_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// A meeting for personal invitations only ("invitationOnly" in the admin
// API): its JSON and its page say so and the page shows no form;
// registering without an invitation is 403 forbidden in the caller's
// language (JSON and page) and stores nothing, with an unknown one 422;
// through a personal link the form is there and the registration is
// taken.
func TestInvitationOnlyMeeting(t *testing.T) {
	a := newAdminAPI(t)
	p := map[string]string{"meetingId": seed.MeetingID}
	var set map[string]any
	b, _ := json.Marshal(seed.DemoMeeting(time.Now()).Settings)
	_ = json.Unmarshal(b, &set)
	set["invitationOnly"] = true
	b, _ = json.Marshal(set)
	if resp := a.adminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", p, "", string(b)); resp.StatusCode != 200 {
		t.Fatalf("PUT invitationOnly: %d %s", resp.StatusCode, resp.Body)
	}
	if resp := a.adminCall(t, "demo", "GET", "/admin/meetings/{meetingId}", p, "", ""); !strings.Contains(resp.Body, `"invitationOnly":true`) {
		t.Fatalf("admin GET: %s", resp.Body)
	}
	if resp := a.do(t, a.meeting, call{method: "GET", path: "/meetings/{meetingId}", params: p}); !strings.Contains(resp.Body, `"invitationOnly":true`) {
		t.Fatalf("public GET: %s", resp.Body)
	}

	before := a.itemCount(t)
	register := func(body, lang string) (int, errorJSON) {
		resp := a.do(t, a.meeting, call{method: "POST", path: "/meetings/{meetingId}/registrations", params: p, body: body,
			headers: map[string]string{"accept-language": lang}})
		var e errorJSON
		_ = json.Unmarshal([]byte(resp.Body), &e)
		return resp.StatusCode, e
	}
	if status, e := register(regBody("Ohne Einladung", "ohne@verein.example"), "fa"); status != 403 || e.Error.Code != "forbidden" ||
		!strings.Contains(e.Error.Message, "دعوت") {
		t.Errorf("without an invitation: %d %+v", status, e)
	}
	withToken := func(name, email, token string) string {
		var m map[string]any
		_ = json.Unmarshal([]byte(regBody(name, email)), &m)
		m["invitation"] = token
		b, _ := json.Marshal(m)
		return string(b)
	}
	if status, e := register(withToken("Falsch", "falsch@verein.example", "not-a-token"), "de"); status != 422 || e.Error.Code != "validation_failed" {
		t.Errorf("with an unknown invitation: %d %+v", status, e)
	}
	path := "/m/" + seed.MeetingID
	form := url.Values{web.StampField: {stamp(path)}, "name": {"Ayşe Yılmaz"}, "email": {"ayse@verein.example"}, "consent.privacy": {"true"}}
	if resp := pageCall(t, a.meeting, "POST", "/m/{meetingId}", path, p, "lang=ar", form, nil); resp.StatusCode != 403 ||
		!strings.Contains(resp.Body, `lang="ar" dir="rtl"`) || !strings.Contains(resp.Body, "دعوة") {
		t.Errorf("page without an invitation: %d %.1500s", resp.StatusCode, resp.Body)
	}
	if after := a.itemCount(t); after != before {
		t.Errorf("refused registrations changed the table: %d → %d items", before, after)
	}
	get := pageCall(t, a.meeting, "GET", "/m/{meetingId}", path, p, "lang=de", nil, nil)
	if get.StatusCode != 200 || !strings.Contains(get.Body, "nur mit einer persönlichen Einladung") || strings.Contains(get.Body, `name="consent.privacy"`) {
		t.Errorf("page: %d %.3000s", get.StatusCode, get.Body)
	}

	// A personal invitation: its link shows the form, and registers.
	if resp := a.adminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/invitations", p, "",
		`{"invitations":[{"organisation":"Kulturbrücke e.V.","email":"info@kulturbruecke.example","language":"de"}]}`); resp.StatusCode != 201 {
		t.Fatalf("invite: %s", resp.Body)
	}
	token := a.tokens.Token(invitation.TokenKind, invitation.ID(invitation.Meeting, seed.MeetingID, "info@kulturbruecke.example"))
	get = pageCall(t, a.meeting, "GET", "/m/{meetingId}", path, p, "lang=de&invitation="+url.QueryEscape(token), nil, nil)
	if get.StatusCode != 200 || !strings.Contains(get.Body, `name="consent.privacy"`) || !strings.Contains(get.Body, `name="invitation"`) {
		t.Errorf("page through the personal link: %d %.2000s", get.StatusCode, get.Body)
	}
	if status, e := register(withToken("Lea", "lea@kulturbruecke.example", token), "de"); status != 201 {
		t.Fatalf("through the invitation: %d %+v", status, e)
	}
}

// The console's meeting form has the setting as a checkbox, and saving
// it sets it.
func TestConsoleMeetingFormInvitationOnly(t *testing.T) {
	a := newAdminAPI(t)
	s, h := consoleHandler(t, a)
	edit := func() string {
		resp := a.do(t, h, s.call(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}/edit"}, "demo", ""))
		if resp.StatusCode != 200 {
			t.Fatalf("edit form: %d %.500s", resp.StatusCode, resp.Body)
		}
		i := strings.Index(resp.Body, `name="invitationOnly"`)
		if i < 0 {
			t.Fatalf("no invitationOnly checkbox: %.3000s", resp.Body)
		}
		return resp.Body[strings.LastIndex(resp.Body[:i], "<input") : i+strings.Index(resp.Body[i:], ">")]
	}
	if box := edit(); !strings.Contains(box, `type="checkbox"`) || strings.Contains(box, "checked") {
		t.Errorf("checkbox before: %s", box)
	}
	m := seed.DemoMeeting(time.Now())
	z := m.Zone()
	c := s.call(routes.Route{Method: "POST", Path: "/console/meetings/{meetingId}"}, "demo", "")
	c.body = url.Values{"csrf": {s.tokens.Token("console-csrf", linktoken.Hash(s.tokenFor("demo")))}, "title.de": {m.Title["de"]},
		"startsAt": {m.StartsAt.In(z).Format("2006-01-02T15:04")}, "endsAt": {m.EndsAt.In(z).Format("2006-01-02T15:04")},
		"timeZone": {m.TimeZone}, "location.address": {m.Location.Address}, "location.name": {m.Location.Name},
		"capacity": {"40"}, "registrationClosesAt": {m.RegistrationClosesAt.In(z).Format("2006-01-02T15:04")},
		"invitationOnly": {"true"}}.Encode()
	if resp := a.do(t, h, c); resp.StatusCode != 303 {
		t.Fatalf("save: %d %.2000s", resp.StatusCode, resp.Body)
	}
	stored, _, err := a.store.Meeting(context.Background(), seed.MeetingID)
	if err != nil || !stored.InvitationOnly {
		t.Fatalf("stored: %+v %v", stored, err)
	}
	if box := edit(); !strings.Contains(box, "checked") {
		t.Errorf("checkbox after: %s", box)
	}
}
