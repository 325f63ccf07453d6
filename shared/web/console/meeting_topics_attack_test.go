package console_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestHostileTopicLabelsAreEscapedAndNeutralisedEverywhere: a label with
// markup is text on the public page, the console's form and counts; a
// label that reads as a formula is neutralised in the CSV export; bidi
// and control characters, 121 characters and 13 lines are refused with
// nothing saved; removing a topic that registrations chose leaves the
// counts and the export working (the export names its code); another
// office's meeting is not found for the form and its post.
func TestHostileTopicLabelsAreEscapedAndNeutralisedEverywhere(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	m := a.PutDemoMeeting(t, 10)
	do := func(t testing.TB, r testenv.Request) (int, string, string) {
		resp := a.Do(t, h, r)
		return resp.StatusCode, resp.Headers["location"], resp.Body
	}
	save := func(topics url.Values) (int, string) {
		t.Helper()
		v := meetingForm(m, func(v url.Values) {
			for k, vs := range topics {
				v[k] = vs
			}
		})
		code, _, body := post(t, a, s, do, "/console/meetings/{meetingId}", v, testenv.Stamp("/console/meetings/"+seed.MeetingID))
		return code, body
	}
	const script = `<script>alert(1)</script>`
	if code, body := save(url.Values{"topics.de": {script + "\n\n\n=1+2 Räume\n\"Sport\" & 'Spiel' <b>"}}); code != 303 {
		t.Fatalf("save: %d %.1000s", code, body)
	}
	got, _, err := a.Store.Meeting(context.Background(), seed.MeetingID)
	if err != nil || len(got.Topics) != 3 {
		t.Fatalf("stored topics (blank lines are none): %+v %v", got.Topics, err)
	}
	codes := []string{got.Topics[0].Code, got.Topics[1].Code, got.Topics[2].Code}

	for _, bad := range []url.Values{
		{"topics.de": {"Räume\u202e gnalmuh"}},
		{"topics.de": {"Räume\u200b"}},
		{"topics.de": {"Räume\u0007"}},
		{"topics.de": {strings.Repeat("a", 121)}},
		{"topics.de": {strings.Repeat("Thema\n\n", 13)}},
		{"topics.de": {"A\nB"}, "topics.fa": {"\u2067x\u2069"}},
	} {
		if code, _ := save(bad); code != 422 {
			t.Errorf("%q: %d, want 422", bad, code)
		}
	}
	after, _, _ := a.Store.Meeting(context.Background(), seed.MeetingID)
	if len(after.Topics) != 3 || after.Topics[0].Code != codes[0] {
		t.Errorf("refused forms changed the topics: %+v", after.Topics)
	}

	p := map[string]string{"meetingId": seed.MeetingID}
	body := strings.Replace(testenv.RegistrationBody("Person", "p@topics.example"), `"name"`, `"topics":["`+codes[1]+`","`+codes[0]+`"],"name"`, 1)
	if r := a.Do(t, a.Meeting, testenv.Request{Method: "POST", Path: "/meetings/{meetingId}/registrations", Params: p, Body: body}); r.StatusCode != 201 {
		t.Fatal(r.Body)
	}
	pages := map[string]string{
		"public page":  a.Do(t, a.Meeting, testenv.Request{Method: "GET", Path: "/m/{meetingId}", Params: p, Query: "lang=de"}).Body,
		"console form": a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}/edit"}, "demo", "")).Body,
		"console page": a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}"}, "demo", "")).Body,
	}
	for name, page := range pages {
		if strings.Contains(page, script) || strings.Contains(page, "<b>") || !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: the label's markup is not escaped", name)
		}
	}
	csv := func() [][]string {
		r := a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/registrations.csv", p, "lang=de", "")
		if r.StatusCode != 200 {
			t.Fatalf("export: %d %s", r.StatusCode, r.Body)
		}
		return testenv.ReadCSV(t, r.Body, ';')
	}
	rows := csv()
	col := testenv.Column(rows, "topics")
	if col < 0 || len(rows) != 2 || rows[1][col] != "'=1+2 Räume; "+script {
		t.Errorf("export topics cell: %q", rows)
	}

	// The chosen first topic goes: the page counts the others, the
	// export names the gone one by its code.
	if code, body := save(url.Values{"topics.de": {"=1+2 Räume\n\"Sport\" & 'Spiel' <b>\nNeu"}}); code != 303 {
		t.Fatalf("remove a topic: %d %.1000s", code, body)
	}
	if r := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}"}, "demo", "")); r.StatusCode != 200 {
		t.Errorf("console page after removing a chosen topic: %d", r.StatusCode)
	}
	if rows = csv(); rows[1][col] != "'=1+2 Räume; "+codes[0] {
		t.Errorf("export after removing a chosen topic: %q", rows[1][col])
	}

	// Another office: not found.
	other := s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}/edit"}, "other", "")
	if r := a.Do(t, h, other); r.StatusCode != 404 {
		t.Errorf("another office's meeting form: %d", r.StatusCode)
	}
	c := s.Request(routes.Route{Method: "POST", Path: "/console/meetings/{meetingId}"}, "other", "")
	v := meetingForm(m, func(v url.Values) { v.Set("topics.de", "Fremd") })
	v.Set("csrf", s.CSRF(s.TokenFor("other")))
	v.Set("form.stamp", testenv.Stamp("/console/meetings/"+seed.MeetingID))
	c.Body = v.Encode()
	if r := a.Do(t, h, c); r.StatusCode != 404 {
		t.Errorf("another office's meeting post: %d", r.StatusCode)
	}
	if final, _, _ := a.Store.Meeting(context.Background(), seed.MeetingID); len(final.Topics) != 3 || final.Topics[2].Label["de"] != "Neu" {
		t.Errorf("another office changed the topics: %+v", final.Topics)
	}
}

// TestEditedGermanTopicIsNoTranslationWhereTheFormFilledItIn: the form
// fills a language's textarea with the German text where a topic has no
// translation; saving it back with that German label edited does not
// make the old German text the topic's translation (the Arabic page would
// show it unmarked as Arabic).
func TestEditedGermanTopicIsNoTranslationWhereTheFormFilledItIn(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	m := a.PutDemoMeeting(t, 10)
	do := func(t testing.TB, r testenv.Request) (int, string, string) {
		resp := a.Do(t, h, r)
		return resp.StatusCode, resp.Headers["location"], resp.Body
	}
	save := func(topics url.Values) {
		t.Helper()
		v := meetingForm(m, func(v url.Values) {
			for k, vs := range topics {
				v[k] = vs
			}
		})
		if code, _, body := post(t, a, s, do, "/console/meetings/{meetingId}", v, testenv.Stamp("/console/meetings/"+seed.MeetingID)); code != 303 {
			t.Fatalf("save: %d %.1000s", code, body)
		}
	}
	save(url.Values{"topics.de": {"Räume\nJugend"}, "topics.ar": {"قاعات"}})
	form := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}/edit"}, "demo", "")).Body
	if !strings.Contains(form, ">قاعات\nJugend</textarea>") {
		t.Fatal("the Arabic textarea is not filled in with the German text")
	}
	// The coordinator edits the German label only; the browser sends the
	// Arabic textarea as it was filled in.
	save(url.Values{"topics.de": {"Räume\nJugendarbeit"}, "topics.ar": {"قاعات\nJugend"}})
	got, _, err := a.Store.Meeting(context.Background(), seed.MeetingID)
	if err != nil || len(got.Topics) != 2 {
		t.Fatalf("topics %+v %v", got.Topics, err)
	}
	if got.Topics[0].Label["ar"] != "قاعات" || got.Topics[1].Label["de"] != "Jugendarbeit" || got.Topics[1].Label["ar"] != "" {
		t.Errorf("labels after editing the German one: %+v", got.Topics)
	}
}
