package adminapi_test

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

	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/mailerfn"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
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
	a := testenv.NewFunctions(t, testenv.At(day0))
	clock := a.Clock
	run, err := mailerfn.New(app.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), AWS: testenv.AWSConfig(t), DB: a.DB, Now: clock.Now,
		Config: app.Config{Table: a.Table, LinkSecret: testenv.Secret, MailFrom: "netzwerk@integration.example", PublicBaseURL: "https://integration.example"}})
	if err != nil {
		t.Fatal(err)
	}
	p := map[string]string{"surveyId": seed.SurveyID}
	// The plan is validated in the caller's language.
	settings := seed.DemoSurvey().Settings
	for _, bad := range [][]int{{14, 7}, {0}, {91}, {1, 2, 3, 4, 5, 6}, {7, 7}} {
		settings.RemindAfterDays = bad
		b, _ := json.Marshal(settings)
		resp := a.Do(t, a.Admin, testenv.Request{Method: "PUT", Path: "/admin/surveys/{surveyId}", Params: p, Body: string(b), Claims: testenv.Claims("demo"), Query: "lang=en"})
		if resp.StatusCode != 422 || !strings.Contains(resp.Body, `"field":"remindAfterDays`) || !strings.Contains(resp.Body, "ascending order") {
			t.Fatalf("plan %v: %d %s", bad, resp.StatusCode, resp.Body)
		}
	}
	settings.RemindAfterDays = []int{7, 14}
	b, _ := json.Marshal(settings)
	if resp := a.AdminCall(t, "demo", "PUT", "/admin/surveys/{surveyId}", p, "", string(b)); resp.StatusCode != 200 || !strings.Contains(resp.Body, `"remindAfterDays":[7,14]`) {
		t.Fatalf("plan: %d %s", resp.StatusCode, resp.Body)
	}
	domain := strings.ToLower(ulid.Make().String()) + ".example"
	list := fmt.Sprintf(`{"invitations":[{"organisation":"Waits","email":"waits@%[1]s"},{"organisation":"Answers","email":"answers@%[1]s"},
		{"organisation":"Objects","email":"objects@%[1]s"},{"organisation":"Bounces","email":"bounces@%[1]s"}]}`, domain)
	if resp := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", p, "", list); resp.StatusCode != 201 {
		t.Fatalf("invite: %s", resp.Body)
	}
	deliverOutbox(t, a)
	next := func() map[string]string {
		t.Helper()
		resp := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/invitations", p, "", "")
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
	clock.Add(2 * 24 * time.Hour)
	tok := a.Tokens.Token(invitation.TokenKind, invitation.ID(invitation.Survey, seed.SurveyID, "answers@"+domain))
	body := strings.Replace(testenv.AnswerBody, `{"language":"de",`, `{"language":"de","invitation":"`+tok+`",`, 1)
	if resp := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: p, Body: body}); resp.StatusCode != 201 {
		t.Fatalf("answer: %s", resp.Body)
	}
	ob := invitation.ObjectionToken(a.Tokens, invitation.Survey, seed.SurveyID, invitation.ID(invitation.Survey, seed.SurveyID, "objects@"+domain))
	form := url.Values{web.StampField: {web.Stamp(a.Tokens, pages.ObjectionPath(ob), clock.Now().Add(-10*time.Second))}}
	if status := testenv.Page(t, a.Survey, "POST", "/x/{token}", pages.ObjectionPath(ob), map[string]string{"token": ob}, "", form, nil).StatusCode; status != 303 {
		t.Fatalf("object: %d", status)
	}
	if err := a.Store.Suppress(context.Background(), invitation.PersonKey(a.Tokens, "bounces@"+domain), dynamo.SuppressBounce, clock.Now()); err != nil {
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
		for _, m := range testenv.Inbox(t, domain) {
			if strings.Contains(m.Subject, "Erinnerung") {
				out[strings.Split(strings.TrimSuffix(strings.Split(m.Destination.To[0], "<")[len(strings.Split(m.Destination.To[0], "<"))-1], ">"), "@")[0]]++
			}
		}
		return out
	}
	// Day 6, 23 h: nothing is due yet.
	clock.Add(4*24*time.Hour + 23*time.Hour)
	runTwice()
	deliverOutbox(t, a)
	if got := reminders(); len(got) != 0 {
		t.Fatalf("reminders before day 7: %v", got)
	}
	// Day 7: one reminder, to the one who waits.
	clock.Add(2 * time.Hour)
	runTwice()
	runTwice()
	deliverOutbox(t, a)
	if got := reminders(); len(got) != 1 || got["waits"] != 1 {
		t.Fatalf("reminders on day 7: %v", got)
	}
	if got := next(); got["waits"] != "invited 1 next day 14" || got["answers"] != "answered 0" || got["objects"] != "objected 0" || got["bounces"] != "bounced 0" {
		t.Fatalf("after day 7: %v", got)
	}
	// Day 14: the second, then nothing more.
	clock.Add(7 * 24 * time.Hour)
	runTwice()
	deliverOutbox(t, a)
	clock.Add(20 * 24 * time.Hour)
	runTwice()
	deliverOutbox(t, a)
	if got := reminders(); len(got) != 1 || got["waits"] != 2 {
		t.Fatalf("reminders by day 34: %v", got)
	}
	if got := next(); got["waits"] != "invited 2" {
		t.Fatalf("after the plan: %v", got)
	}
}

// TestReplanWhenThePlanChanges: invitations waiting for a reminder follow
// a changed plan (what went out counts), and leave it when it is removed.
func TestReplanWhenThePlanChanges(t *testing.T) {
	day0 := time.Now().Truncate(time.Second)
	a := testenv.NewFunctions(t, testenv.At(day0))
	p := map[string]string{"meetingId": seed.MeetingID}
	m := seed.DemoMeeting(day0)
	m.RegistrationClosesAt = day0.Add(10 * 24 * time.Hour)
	m.StartsAt, m.EndsAt = day0.Add(12*24*time.Hour), day0.Add(12*24*time.Hour+3*time.Hour)
	put := func(days ...int) {
		t.Helper()
		m.RemindAfterDays = days
		b, _ := json.Marshal(m.Settings)
		if resp := a.AdminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", p, "", string(b)); resp.StatusCode != 200 {
			t.Fatalf("plan %v: %d %s", days, resp.StatusCode, resp.Body)
		}
	}
	nextDay := func() string {
		t.Helper()
		resp := a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/invitations", p, "", "")
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
	if resp := a.AdminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/invitations", p, "",
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
