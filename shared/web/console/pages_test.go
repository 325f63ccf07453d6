package console_test

import (
	"context"
	"encoding/json"
	"html"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestConsoleNamesTheOrganisationOfAnAnswer: the console's answers show
// the organisation that gave them, and the erase button and the erase
// question name it, so that nobody erases an answer by its id alone.
func TestConsoleNamesTheOrganisationOfAnAnswer(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	p := map[string]string{"surveyId": seed.SurveyID}
	org := "Deutsch-Türkischer Kulturverein e.V."
	body := `{"answers":{"org_name":"` + org + `","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`
	resp := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: p, Body: body})
	if resp.StatusCode != 201 {
		t.Fatalf("answer: %d %s", resp.StatusCode, resp.Body)
	}
	var res struct{ ResponseID string }
	_ = json.Unmarshal([]byte(resp.Body), &res)

	page := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/surveys/{surveyId}"}, "demo", ""))
	_, answers, _ := strings.Cut(page.Body, `id="responses"`)
	if page.StatusCode != 200 || !strings.Contains(answers, ">"+org+"<") {
		t.Fatalf("the answers do not show the organisation: %d", page.StatusCode)
	}
	if !strings.Contains(answers, `aria-label="Antwort von `+org) {
		t.Errorf("the erase button does not name the organisation")
	}

	ask := s.Request(routes.Route{Method: "POST", Path: "/console/surveys/{surveyId}/responses/{responseId}/erase"}, "demo", "")
	ask.Params["responseId"] = res.ResponseID
	ask.Body = strings.Replace(ask.Body, "confirm=yes", "confirm=", 1)
	q := a.Do(t, h, ask)
	if q.StatusCode != 200 || !strings.Contains(q.Body, `name="confirm" value="yes"`) || !strings.Contains(q.Body, org) {
		t.Errorf("the erase question does not name the organisation: %d", q.StatusCode)
	}
	// An answer that is not there: no question about it.
	ask.Params["responseId"] = "01JNOTTHERE0000000000000000"
	if q := a.Do(t, h, ask); q.StatusCode != 404 {
		t.Errorf("erase question for an unknown answer: %d, want 404", q.StatusCode)
	}
}

// TestConsoleFormErrorsLookLikeErrors: a console form sent with mistakes
// marks each field in error as the public pages do (KERN's error state on
// the field, the message beside it), not as a hint.
func TestConsoleFormErrorsLookLikeErrors(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	c := s.Request(routes.Route{Method: "POST", Path: "/console/meetings"}, "demo", "")
	c.Body = url.Values{"csrf": {s.CSRF(s.TokenFor("demo"))}, "capacity": {"-3"}}.Encode()
	resp := a.Do(t, h, c)
	if resp.StatusCode != 422 {
		t.Fatalf("an empty meeting form: %d, want 422", resp.StatusCode)
	}
	for _, id := range []string{"title-de", "startsAt", "capacity"} {
		i := strings.Index(resp.Body, `id="`+id+`-error"`)
		if i < 0 {
			t.Errorf("no error beside %s", id)
			continue
		}
		wrapper := resp.Body[strings.LastIndex(resp.Body[:i], "<div "):i]
		if !strings.Contains(wrapper, "kern-form-input--error") {
			t.Errorf("%s: the field is not in KERN's error state: %s", id, wrapper)
		}
		input := resp.Body[i:]
		input = input[strings.Index(input, "<input"):]
		if input = input[:strings.Index(input, ">")]; !strings.Contains(input, "kern-form-input__input--error") {
			t.Errorf("%s: the input is not in KERN's error state: %s", id, input)
		}
	}
}

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

// TestConsolePostsAreRepeatSafe: a console form posted twice with its
// stamp (a double click, a retry, back and send again), one after the
// other or at once, does its work once and answers both posts with the
// same redirect; the same stamp with other values is a new submission.
// An office profile saved twice writes one audit entry. DynamoDB Local.
func TestConsolePostsAreRepeatSafe(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	csrf := s.CSRF(s.TokenFor("demo"))
	stampOf := func(path string) string {
		t.Helper()
		page := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: path}, "demo", ""))
		return lastStamp(t, page.Body)
	}
	meetings := func() int {
		t.Helper()
		r := a.AdminCall(t, "demo", "GET", "/admin/meetings", nil, "", "")
		var list struct{ Items []map[string]any }
		if err := json.Unmarshal([]byte(r.Body), &list); err != nil {
			t.Fatal(err)
		}
		return len(list.Items)
	}
	start := time.Now().Add(30 * 24 * time.Hour).Format("2006-01-02")
	form := func(stamp, title string) url.Values {
		return url.Values{"csrf": {csrf}, "form.stamp": {stamp}, "title.de": {title}, "startsAt": {start + "T18:00"}, "endsAt": {start + "T20:00"},
			"registrationClosesAt": {start + "T12:00"}, "timeZone": {"Europe/Berlin"}, "capacity": {"20"}, "location.name": {"Rathaus"}, "location.address": {"Marktplatz 1"}}
	}
	post := func(v url.Values) (int, string) {
		c := s.Request(routes.Route{Method: "POST", Path: "/console/meetings"}, "demo", "")
		c.Body = v.Encode()
		r := a.Do(t, h, c)
		if r.StatusCode != 303 {
			i := strings.Index(r.Body, "error-summary")
			t.Logf("%d: %.600s", r.StatusCode, r.Body[max(i, 0):])
		}
		return r.StatusCode, r.Headers["location"]
	}
	before := meetings()

	stamp := stampOf("/console/meetings/new")
	st1, loc1 := post(form(stamp, "Netzwerktreffen"))
	st2, loc2 := post(form(stamp, "Netzwerktreffen"))
	if st1 != 303 || st2 != 303 || loc1 != loc2 {
		t.Fatalf("posted twice: %d %q, %d %q; want the same redirect", st1, loc1, st2, loc2)
	}
	if n := meetings(); n != before+1 {
		t.Fatalf("posted twice: %d meetings, want %d", n, before+1)
	}

	stamp = stampOf("/console/meetings/new")
	var wg sync.WaitGroup
	locs, codes := make([]string, 2), make([]int, 2)
	for i := range locs {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i], locs[i] = post(form(stamp, "Zweites Treffen")) }()
	}
	wg.Wait()
	if codes[0] != 303 || codes[1] != 303 || locs[0] != locs[1] {
		t.Fatalf("posted at once: %v %q", codes, locs)
	}
	if n := meetings(); n != before+2 {
		t.Fatalf("posted at once: %d meetings, want %d", n, before+2)
	}

	if st, loc := post(form(stamp, "Ein anderes Treffen")); st != 303 || loc == locs[0] {
		t.Fatalf("other values, same stamp: %d %q", st, loc)
	}
	if n := meetings(); n != before+3 {
		t.Fatalf("other values: %d meetings, want %d", n, before+3)
	}

	// The office profile saved twice: one write (office saves keep no
	// audit entry: the profile's updatedAt is the write's mark).
	page := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/office"}, "demo", ""))
	m := updatedAtField.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatal("office form without updatedAt")
	}
	p := seed.DemoOffice()
	p.SenderName = "Integrationsbüro Musterkreis"
	v := officeFormOf(p, csrf, m[1])
	v.Set("form.stamp", lastStamp(t, page.Body))
	var saved []time.Time
	for i := 0; i < 2; i++ {
		c := s.Request(routes.Route{Method: "POST", Path: "/console/office"}, "demo", "")
		c.Body = v.Encode()
		if r := a.Do(t, h, c); r.StatusCode != 303 {
			t.Fatalf("office save %d: %d %.300s", i+1, r.StatusCode, r.Body)
		}
		stored, err := a.Store.Office(context.Background(), "demo")
		if err != nil {
			t.Fatal(err)
		}
		saved = append(saved, stored.UpdatedAt)
	}
	if !saved[0].Equal(saved[1]) || saved[0].Format(time.RFC3339Nano) == m[1] {
		t.Fatalf("office saved twice: updatedAt %v then %v (form of %s)", saved[0], saved[1], m[1])
	}
}

// lastStamp is the stamp of a console page's main form: the last on the
// page (the navigation's sign-out form has the first).
func lastStamp(t *testing.T, body string) string {
	t.Helper()
	all := testenv.StampInput.FindAllStringSubmatch(body, -1)
	if len(all) == 0 {
		t.Fatal("no stamp on the page")
	}
	return html.UnescapeString(all[len(all)-1][1])
}
