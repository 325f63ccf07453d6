package console_test

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestConsoleMeetingTopics: the meeting form edits the topics as a
// textarea per language, a line per topic; codes come from the German
// label and stay with a topic whose label is fixed; a bad topic is an
// error beside the German textarea naming its line, and nothing is
// saved; the meeting's page counts per topic the confirmed registrations
// that chose it.
func TestConsoleMeetingTopics(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	m := a.PutDemoMeeting(t, 1)
	do := func(t testing.TB, r testenv.Request) (int, string, string) {
		resp := a.Do(t, h, r)
		return resp.StatusCode, resp.Headers["location"], resp.Body
	}
	edit := func() string {
		t.Helper()
		resp := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}/edit"}, "demo", ""))
		if resp.StatusCode != 200 {
			t.Fatalf("edit form: %d", resp.StatusCode)
		}
		return resp.Body
	}
	stored := func() []meeting.Topic {
		t.Helper()
		got, _, err := a.Store.Meeting(context.Background(), seed.MeetingID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Topics
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

	form := edit()
	if !strings.Contains(form, `<legend class="kern-label">Themen (eine Zeile je Thema)</legend>`) || !strings.Contains(form, `name="topics.de"`) ||
		!strings.Contains(form, `name="topics.ar"`) {
		t.Fatal("the form has no topics' textareas")
	}
	if code, body := save(url.Values{"topics.de": {"Räume für Vereine\r\nJugendarbeit\r\n"}, "topics.ar": {"قاعات للجمعيات"}}); code != 303 {
		t.Fatalf("save: %d %.1000s", code, body)
	}
	ts := stored()
	if len(ts) != 2 || ts[0].Code != "raeume_fuer_vereine" || ts[0].Label["ar"] != "قاعات للجمعيات" || ts[1].Code != "jugendarbeit" || len(ts[1].Label) != 1 {
		t.Fatalf("stored topics: %+v", ts)
	}
	// The form shows them again, German where a translation is missing.
	form = edit()
	if !strings.Contains(form, ">Räume für Vereine\nJugendarbeit</textarea>") || !strings.Contains(form, ">قاعات للجمعيات\nJugendarbeit</textarea>") {
		t.Errorf("the form does not show the topics: %.4000s", form[strings.Index(form, "topics"):])
	}
	// A fixed label keeps its code; the German text in another
	// language is no translation.
	if code, body := save(url.Values{"topics.de": {"Räume für Vereine\nJugendarbeit und Schule"}, "topics.ar": {"قاعات للجمعيات\nJugendarbeit und Schule"}}); code != 303 {
		t.Fatalf("save again: %d %.1000s", code, body)
	}
	if ts = stored(); len(ts) != 2 || ts[1].Code != "jugendarbeit" || ts[1].Label["de"] != "Jugendarbeit und Schule" || len(ts[1].Label) != 1 {
		t.Fatalf("after fixing a label: %+v", ts)
	}

	// Bad topics: the error is beside the German textarea, naming the line.
	for _, bad := range []struct {
		values url.Values
		want   string
	}{
		{url.Values{"topics.de": {"Räume\nMehr auf www.example.org"}}, "Thema 2: Ein Thema ist eine Zeile Text ohne Links"},
		{url.Values{"topics.de": {"Räume"}, "topics.en": {"Rooms\nYouth work"}}, "Thema 2: Der deutsche Text (de) fehlt."},
		{url.Values{"topics.de": {"Räume"}, "topics.ar": {strings.Repeat("م", 121)}}, "Thema 1: Ein Thema ist eine Zeile Text ohne Links"},
		{url.Values{"topics.de": {strings.Repeat("Thema\n", 13)}}, "Höchstens 12 Themen."},
	} {
		code, body := save(bad.values)
		body = html.UnescapeString(body)
		i := strings.Index(body, `id="topics-de-error"`)
		if code != 422 || i < 0 || !strings.Contains(body[i:i+300], bad.want) || !strings.Contains(body, `href="#topics-de"`) {
			t.Errorf("%v: %d, want the error %q beside topics-de", bad.values, code, bad.want)
		}
	}
	if ts = stored(); len(ts) != 2 || ts[1].Label["de"] != "Jugendarbeit und Schule" {
		t.Errorf("refused forms changed the topics: %+v", ts)
	}

	// Counts: the confirmed registrations that chose each topic.
	for i, topics := range []string{`["jugendarbeit","raeume_fuer_vereine"]`, `["jugendarbeit"]`} {
		body := strings.Replace(testenv.RegistrationBody("Person", "p"+string(rune('a'+i))+"@topics.example"), `"name"`, `"topics":`+topics+`,"name"`, 1)
		if r := a.Do(t, a.Meeting, testenv.Request{Method: "POST", Path: "/meetings/{meetingId}/registrations", Params: map[string]string{"meetingId": seed.MeetingID}, Body: body}); r.StatusCode != 201 {
			t.Fatal(r.Body)
		}
	}
	page := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}"}, "demo", "")).Body
	i := strings.Index(page, `id="topics"`)
	if i < 0 {
		t.Fatal("the meeting's page has no topic counts")
	}
	section := page[i : i+strings.Index(page[i:], "</section>")]
	// Capacity 1: the second is on the waitlist and not counted.
	if !strings.Contains(section, `1 ×</span> <span dir="auto">Räume für Vereine</span>`) || !strings.Contains(section, `1 ×</span> <span dir="auto">Jugendarbeit und Schule</span>`) {
		t.Errorf("topic counts: %s", section)
	}
}
