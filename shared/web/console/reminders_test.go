package console_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestConsoleReminderPlan: the console's meeting form sets the plan
// ("7, 14"; a wrong one is an error beside its field), and the meeting's
// page shows the plan, what went out of it and each invitation's next
// reminder.
func TestConsoleReminderPlan(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	m := seed.DemoMeeting(time.Now())
	z := m.Zone()
	csrf := s.CSRF(s.TokenFor("demo"))
	form := url.Values{"csrf": {csrf}, "title.de": {"Netzwerktreffen"}, "startsAt": {m.StartsAt.In(z).Format("2006-01-02T15:04")},
		"endsAt": {m.EndsAt.In(z).Format("2006-01-02T15:04")}, "timeZone": {m.TimeZone}, "location.address": {"Marktplatz 3"},
		"capacity": {"40"}, "registrationClosesAt": {m.RegistrationClosesAt.In(z).Format("2006-01-02T15:04")}}
	save := func(days string) events.APIGatewayV2HTTPResponse {
		c := s.Request(routes.Route{Method: "POST", Path: "/console/meetings/{meetingId}"}, "demo", "")
		c.Params = map[string]string{"meetingId": seed.MeetingID}
		form.Set("remindAfterDays", days)
		c.Body = form.Encode()
		return a.Do(t, h, c)
	}
	if resp := save("14, 7"); resp.StatusCode != 422 || !strings.Contains(resp.Body, `id="remindAfterDays-error"`) || !strings.Contains(resp.Body, `href="#remindAfterDays"`) {
		t.Fatalf("a plan out of order: %d %s", resp.StatusCode, resp.Body)
	}
	if resp := save("7, 14"); resp.StatusCode != 303 {
		t.Fatalf("save the plan: %d %s", resp.StatusCode, resp.Body)
	}
	edit := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}/edit"}, "demo", ""))
	if !strings.Contains(edit.Body, `name="remindAfterDays" value="7, 14"`) {
		t.Fatalf("the form does not show the plan: %s", edit.Body)
	}
	if resp := a.AdminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/invitations", map[string]string{"meetingId": seed.MeetingID}, "",
		`{"invitations":[{"organisation":"Verein","email":"plan@verein.example"}]}`); resp.StatusCode != 201 {
		t.Fatalf("invite: %s", resp.Body)
	}
	page := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}"}, "demo", ""))
	berlin, _ := time.LoadLocation("Europe/Berlin")
	next := time.Now().Add(7 * 24 * time.Hour).In(berlin).Format("2006-01-02")
	for _, want := range []string{"Erinnerungen gehen von selbst", "7 Tage nach der Einladung: 0 gesendet", "14 Tage nach der Einladung: 0 gesendet",
		"Nächste Erinnerung", `<span dir="ltr">` + next} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the meeting page has no %q", want)
		}
	}
}
