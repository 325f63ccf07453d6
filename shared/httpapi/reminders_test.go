package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/mailerfn"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	"github.com/integration-offices/netzwerk-backend/shared/web/pages"
)

// TestPlannedReminders: a survey with remindAfterDays [7, 14]; four
// organisations invited on day 0. On day 7 and on day 14 the scheduled
// run, invoked twice at once, queues exactly one reminder each to the
// one who has not answered, and none to the one who answered, the one
// who objected and the one whose address bounced; each invitation's
// nextReminderAt says what comes next (absent when nothing does).
func TestPlannedReminders(t *testing.T) {
	day0 := time.Now().Truncate(time.Second)
	clock := &testClock{t: day0}
	a := newAdminAPIAt(t, clock.now)
	run, err := mailerfn.New(app.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), AWS: testenv.AWSConfig(t), DB: a.db, Now: clock.now,
		Config: app.Config{Table: a.table, LinkSecret: testSecret, MailFrom: "netzwerk@integration.example", PublicBaseURL: "https://integration.example"}})
	if err != nil {
		t.Fatal(err)
	}
	p := map[string]string{"surveyId": seed.SurveyID}
	// The plan is validated in the caller's language.
	settings := seed.DemoSurvey().Settings
	for _, bad := range [][]int{{14, 7}, {0}, {91}, {1, 2, 3, 4, 5, 6}, {7, 7}} {
		settings.RemindAfterDays = bad
		b, _ := json.Marshal(settings)
		resp := a.do(t, a.admin, call{method: "PUT", path: "/admin/surveys/{surveyId}", params: p, body: string(b), claims: claims("demo"), query: "lang=en"})
		if resp.StatusCode != 422 || !strings.Contains(resp.Body, `"field":"remindAfterDays`) || !strings.Contains(resp.Body, "ascending order") {
			t.Fatalf("plan %v: %d %s", bad, resp.StatusCode, resp.Body)
		}
	}
	settings.RemindAfterDays = []int{7, 14}
	b, _ := json.Marshal(settings)
	if resp := a.adminCall(t, "demo", "PUT", "/admin/surveys/{surveyId}", p, "", string(b)); resp.StatusCode != 200 || !strings.Contains(resp.Body, `"remindAfterDays":[7,14]`) {
		t.Fatalf("plan: %d %s", resp.StatusCode, resp.Body)
	}
	domain := strings.ToLower(ulid.Make().String()) + ".example"
	list := fmt.Sprintf(`{"invitations":[{"organisation":"Waits","email":"waits@%[1]s"},{"organisation":"Answers","email":"answers@%[1]s"},
		{"organisation":"Objects","email":"objects@%[1]s"},{"organisation":"Bounces","email":"bounces@%[1]s"}]}`, domain)
	if resp := a.adminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", p, "", list); resp.StatusCode != 201 {
		t.Fatalf("invite: %s", resp.Body)
	}
	a.deliverOutbox(t, clock.now)
	next := func() map[string]string {
		t.Helper()
		resp := a.adminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/invitations", p, "", "")
		var page struct {
			Items []struct {
				Email, Status  string
				NextReminderAt *time.Time
				Reminders      int
			}
		}
		_ = json.Unmarshal([]byte(resp.Body), &page)
		out := map[string]string{}
		for _, it := range page.Items {
			s := it.Status + fmt.Sprintf(" %d", it.Reminders)
			if it.NextReminderAt != nil {
				s += " next day " + fmt.Sprint(int(it.NextReminderAt.Sub(day0).Round(time.Hour).Hours()/24))
			}
			out[strings.Split(it.Email, "@")[0]] = s
		}
		return out
	}
	if got := next(); got["waits"] != "invited 0 next day 7" || got["bounces"] != "invited 0 next day 7" {
		t.Fatalf("after the invitation: %v", got)
	}
	// Day 2: one answers through its link, one objects through its link;
	// SES reports the fourth's address as bouncing.
	clock.add(2 * 24 * time.Hour)
	tok := a.tokens.Token(invitation.TokenKind, invitation.ID(invitation.Survey, seed.SurveyID, "answers@"+domain))
	body := strings.Replace(validBody, `{"language":"de",`, `{"language":"de","invitation":"`+tok+`",`, 1)
	if resp := a.do(t, a.survey, call{method: "POST", path: "/surveys/{surveyId}/responses", params: p, body: body}); resp.StatusCode != 201 {
		t.Fatalf("answer: %s", resp.Body)
	}
	ob := invitation.ObjectionToken(a.tokens, invitation.Survey, seed.SurveyID, invitation.ID(invitation.Survey, seed.SurveyID, "objects@"+domain))
	if status, _, _ := a.objectionCall(t, "POST", ob, "", url.Values{web.StampField: {web.Stamp(a.tokens, pages.ObjectionPath(ob), clock.now().Add(-10*time.Second))}}); status != 303 {
		t.Fatalf("object: %d", status)
	}
	if err := a.store.Suppress(context.Background(), invitation.PersonKey(a.tokens, "bounces@"+domain), dynamo.SuppressBounce, clock.now()); err != nil {
		t.Fatal(err)
	}
	runTwice := func() {
		t.Helper()
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if resp, err := run(context.Background(), mailer.RemindEvent()); err != nil || len(resp.BatchItemFailures) > 0 {
					t.Errorf("run: %v %+v", err, resp)
				}
			}()
		}
		wg.Wait()
	}
	reminders := func() map[string]int {
		out := map[string]int{}
		for _, m := range inboxFor(t, domain) {
			if strings.Contains(m.Subject, "Erinnerung") {
				out[strings.Split(strings.TrimSuffix(strings.Split(m.Destination.To[0], "<")[len(strings.Split(m.Destination.To[0], "<"))-1], ">"), "@")[0]]++
			}
		}
		return out
	}
	// Day 6, 23 h: nothing is due yet.
	clock.add(4*24*time.Hour + 23*time.Hour)
	runTwice()
	a.deliverOutbox(t, clock.now)
	if got := reminders(); len(got) != 0 {
		t.Fatalf("reminders before day 7: %v", got)
	}
	// Day 7: one reminder, to the one who waits.
	clock.add(2 * time.Hour)
	runTwice()
	runTwice()
	a.deliverOutbox(t, clock.now)
	if got := reminders(); len(got) != 1 || got["waits"] != 1 {
		t.Fatalf("reminders on day 7: %v", got)
	}
	if got := next(); got["waits"] != "invited 1 next day 14" || got["answers"] != "answered 0" || got["objects"] != "objected 0" || got["bounces"] != "bounced 0" {
		t.Fatalf("after day 7: %v", got)
	}
	// Day 14: the second, then nothing more.
	clock.add(7 * 24 * time.Hour)
	runTwice()
	a.deliverOutbox(t, clock.now)
	clock.add(20 * 24 * time.Hour)
	runTwice()
	a.deliverOutbox(t, clock.now)
	if got := reminders(); len(got) != 1 || got["waits"] != 2 {
		t.Fatalf("reminders by day 34: %v", got)
	}
	if got := next(); got["waits"] != "invited 2" {
		t.Fatalf("after the plan: %v", got)
	}
}

// TestConsoleReminderPlan: the console's meeting form sets the plan
// ("7, 14"; a wrong one is an error beside its field), and the meeting's
// page shows the plan, what went out of it and each invitation's next
// reminder.
func TestConsoleReminderPlan(t *testing.T) {
	a := newAdminAPI(t)
	s, h := consoleHandler(t, a)
	m := seed.DemoMeeting(time.Now())
	z := m.Zone()
	csrf := s.tokens.Token("console-csrf", linktoken.Hash(s.tokenFor("demo")))
	form := url.Values{"csrf": {csrf}, "title.de": {"Netzwerktreffen"}, "startsAt": {m.StartsAt.In(z).Format("2006-01-02T15:04")},
		"endsAt": {m.EndsAt.In(z).Format("2006-01-02T15:04")}, "timeZone": {m.TimeZone}, "location.address": {"Marktplatz 3"},
		"capacity": {"40"}, "registrationClosesAt": {m.RegistrationClosesAt.In(z).Format("2006-01-02T15:04")}}
	save := func(days string) events.APIGatewayV2HTTPResponse {
		c := s.call(routes.Route{Method: "POST", Path: "/console/meetings/{meetingId}"}, "demo", "")
		c.params = map[string]string{"meetingId": seed.MeetingID}
		form.Set("remindAfterDays", days)
		c.body = form.Encode()
		return a.do(t, h, c)
	}
	if resp := save("14, 7"); resp.StatusCode != 422 || !strings.Contains(resp.Body, `id="remindAfterDays-error"`) || !strings.Contains(resp.Body, `href="#remindAfterDays"`) {
		t.Fatalf("a plan out of order: %d %s", resp.StatusCode, resp.Body)
	}
	if resp := save("7, 14"); resp.StatusCode != 303 {
		t.Fatalf("save the plan: %d %s", resp.StatusCode, resp.Body)
	}
	edit := a.do(t, h, s.call(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}/edit"}, "demo", ""))
	if !strings.Contains(edit.Body, `name="remindAfterDays" value="7, 14"`) {
		t.Fatalf("the form does not show the plan: %s", edit.Body)
	}
	if resp := a.adminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/invitations", map[string]string{"meetingId": seed.MeetingID}, "",
		`{"invitations":[{"organisation":"Verein","email":"plan@verein.example"}]}`); resp.StatusCode != 201 {
		t.Fatalf("invite: %s", resp.Body)
	}
	page := a.do(t, h, s.call(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}"}, "demo", ""))
	berlin, _ := time.LoadLocation("Europe/Berlin")
	next := time.Now().Add(7 * 24 * time.Hour).In(berlin).Format("2006-01-02")
	for _, want := range []string{"Erinnerungen gehen von selbst", "7 Tage nach der Einladung: 0 gesendet", "14 Tage nach der Einladung: 0 gesendet",
		"Nächste Erinnerung", `<span dir="ltr">` + next} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the meeting page has no %q", want)
		}
	}
}

// TestReplanWhenThePlanChanges: invitations waiting for a reminder follow
// a changed plan (what went out counts), and leave it when it is removed.
func TestReplanWhenThePlanChanges(t *testing.T) {
	day0 := time.Now().Truncate(time.Second)
	a := newAdminAPIAt(t, func() time.Time { return day0 })
	p := map[string]string{"meetingId": seed.MeetingID}
	m := seed.DemoMeeting(day0)
	m.RegistrationClosesAt = day0.Add(10 * 24 * time.Hour)
	m.StartsAt, m.EndsAt = day0.Add(12*24*time.Hour), day0.Add(12*24*time.Hour+3*time.Hour)
	put := func(days ...int) {
		t.Helper()
		m.RemindAfterDays = days
		b, _ := json.Marshal(m.Settings)
		if resp := a.adminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", p, "", string(b)); resp.StatusCode != 200 {
			t.Fatalf("plan %v: %d %s", days, resp.StatusCode, resp.Body)
		}
	}
	nextDay := func() string {
		t.Helper()
		resp := a.adminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/invitations", p, "", "")
		var page struct {
			Items []struct{ NextReminderAt *time.Time }
		}
		_ = json.Unmarshal([]byte(resp.Body), &page)
		if len(page.Items) != 1 {
			t.Fatalf("invitations: %s", resp.Body)
		}
		if page.Items[0].NextReminderAt == nil {
			return "none"
		}
		return fmt.Sprint(int(page.Items[0].NextReminderAt.Sub(day0).Hours() / 24))
	}
	put(7, 14)
	if resp := a.adminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/invitations", p, "",
		`{"invitations":[{"organisation":"Verein","email":"replan@verein.example"}]}`); resp.StatusCode != 201 {
		t.Fatalf("invite: %s", resp.Body)
	}
	for _, step := range []struct {
		plan []int
		want string
	}{{[]int{7, 14}, "7"}, {[]int{3}, "3"}, {[]int{12}, "none"}, {nil, "none"}, {[]int{2, 9}, "2"}} {
		put(step.plan...)
		if got := nextDay(); got != step.want {
			t.Errorf("plan %v (registration closes on day 10): next reminder on day %s, want %s", step.plan, got, step.want)
		}
	}
}
