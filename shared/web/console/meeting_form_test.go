package console_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// The console's meeting form has the setting as a checkbox, and saving
// it sets it.
func TestConsoleMeetingFormInvitationOnly(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	edit := func() string {
		resp := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}/edit"}, "demo", ""))
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
	c := s.Request(routes.Route{Method: "POST", Path: "/console/meetings/{meetingId}"}, "demo", "")
	c.Body = url.Values{"csrf": {s.CSRF(s.TokenFor("demo"))}, "title.de": {m.Title["de"]},
		"startsAt": {m.StartsAt.In(z).Format("2006-01-02T15:04")}, "endsAt": {m.EndsAt.In(z).Format("2006-01-02T15:04")},
		"timeZone": {m.TimeZone}, "location.address": {m.Location.Address}, "location.name": {m.Location.Name},
		"capacity": {"40"}, "registrationClosesAt": {m.RegistrationClosesAt.In(z).Format("2006-01-02T15:04")},
		"invitationOnly": {"true"}}.Encode()
	if resp := a.Do(t, h, c); resp.StatusCode != 303 {
		t.Fatalf("save: %d %.2000s", resp.StatusCode, resp.Body)
	}
	stored, _, err := a.Store.Meeting(context.Background(), seed.MeetingID)
	if err != nil || !stored.InvitationOnly {
		t.Fatalf("stored: %+v %v", stored, err)
	}
	if box := edit(); !strings.Contains(box, "checked") {
		t.Errorf("checkbox after: %s", box)
	}
}
