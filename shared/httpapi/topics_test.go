package httpapi_test

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// withTopics gives the demo meeting two topics: rooms (German and
// Arabic) and youth (German only).
func withTopics(m *meeting.Meeting) {
	m.Topics = []meeting.Topic{
		{Code: "rooms", Label: i18n.Text{"de": "Räume für Vereine", "ar": "قاعات للجمعيات"}},
		{Code: "youth_work", Label: i18n.Text{"de": "Jugendarbeit"}},
	}
}

// storedTopics are the topics of the meeting's one registration as
// stored (nil: none stored, or no registration).
func storedTopics(t *testing.T, a *meetingAPI) []string {
	t.Helper()
	regs := a.Items(t)["registration"]
	if len(regs) != 1 {
		t.Fatalf("%d registrations stored, want 1", len(regs))
	}
	var out []string
	list, _ := regs[0]["topics"].([]any)
	for _, c := range list {
		out = append(out, c.(string))
	}
	return out
}

// TestRegisterWithTopics: GET /meetings/{id} lists the topics in the
// caller's language (German where a label lacks it); a registration may
// name some of them, which are stored and shown to its owner; an unknown
// code, one twice or a wrong type is refused with nothing stored.
func TestRegisterWithTopics(t *testing.T) {
	a := newMeetingAPI(t, 40, withTopics)
	st, body := a.do(t, "GET", "/meetings/{meetingId}", "meetingId", seed.MeetingID, "", map[string]string{"accept-language": "ar"})
	if st != 200 || !strings.Contains(body, `"topics":[{"code":"rooms","label":"قاعات للجمعيات"},{"code":"youth_work","label":"Jugendarbeit"}]`) {
		t.Fatalf("GET the meeting: %d %s", st, body)
	}

	ok := testenv.RegistrationBody("Ada", "ada@verein.example")
	with := func(topics string) string { return strings.Replace(ok, `"name"`, `"topics":`+topics+`,"name"`, 1) }
	before := a.Items(t)
	for _, bad := range []struct {
		name, topics string
		status       int
		code, field  string
	}{
		{"unknown code", `["rooms","cooking"]`, 422, "validation_failed", "topics"},
		{"code twice", `["rooms","rooms"]`, 422, "validation_failed", "topics"},
		{"more than the meeting has", `["rooms","youth_work","rooms"]`, 422, "validation_failed", "topics"},
		{"a string, not a list", `"rooms"`, 400, "bad_request", ""},
		{"a number in the list", `[1]`, 400, "bad_request", ""},
		{"an object", `{"rooms":true}`, 400, "bad_request", ""},
	} {
		st, body := a.register(t, with(bad.topics), map[string]string{"accept-language": "ar"})
		var e testenv.ErrorBody
		_ = json.Unmarshal([]byte(body), &e)
		if st != bad.status || e.Error.Code != bad.code || (bad.field != "" && (len(e.Error.Fields) != 1 || e.Error.Fields[0].Field != bad.field ||
			!strings.Contains(e.Error.Fields[0].Message, "المواضيع"))) {
			t.Errorf("%s: %d %s", bad.name, st, body)
		}
	}
	after := a.Items(t)
	for _, typ := range []string{"registration", "outbox", "token", "email-lock"} {
		if len(after[typ]) != len(before[typ]) {
			t.Errorf("refused registrations changed %s items: %d → %d", typ, len(before[typ]), len(after[typ]))
		}
	}

	if st, body := a.register(t, with(`["youth_work","rooms"]`), nil); st != 201 {
		t.Fatalf("register with topics: %d %s", st, body)
	}
	if got := storedTopics(t, a); !slices.Equal(got, []string{"youth_work", "rooms"}) {
		t.Errorf("stored topics %v", got)
	}
}

// TestMeetingPageTopics: the page lists the meeting's topics and asks,
// optionally, which matter (a checkbox per topic, German marked where a
// label lacks the page's language); a post with topics stores them, the
// manage page shows them; a page without topics asks nothing.
func TestMeetingPageTopics(t *testing.T) {
	plain := newMeetingAPI(t, 40)
	p := map[string]string{"meetingId": seed.MeetingID}
	path := "/m/" + seed.MeetingID
	if get := testenv.Page(t, plain.handler, "GET", "/m/{meetingId}", path, p, "lang=de", nil, nil); get.StatusCode != 200 ||
		strings.Contains(get.Body, `name="topics"`) || strings.Contains(get.Body, "Themen") {
		t.Errorf("a meeting without topics: %d, topics shown", get.StatusCode)
	}

	a := newMeetingAPI(t, 40, withTopics)
	de := testenv.Page(t, a.handler, "GET", "/m/{meetingId}", path, p, "lang=de", nil, nil)
	for _, want := range []string{`<h2 class="kern-heading-medium" id="topics-heading">Themen</h2>`, "<li><span>Räume für Vereine</span></li>", "<li><span>Jugendarbeit</span></li>",
		"Welche dieser Themen sind Ihnen wichtig? <span class=\"required-note\">(freiwillig)</span></legend>",
		`type="checkbox" id="topics" name="topics" value="rooms"`, `type="checkbox" id="topics-1" name="topics" value="youth_work"`} {
		if !strings.Contains(de.Body, want) {
			t.Errorf("German page lacks %s", want)
		}
	}
	ar := testenv.Page(t, a.handler, "GET", "/m/{meetingId}", path, p, "lang=ar", nil, nil)
	for _, want := range []string{"<li><span>قاعات للجمعيات</span></li>", `<li><span lang="de" dir="ltr">Jugendarbeit</span></li>`, `for="topics-1" lang="de" dir="ltr">Jugendarbeit</label>`} {
		if !strings.Contains(ar.Body, want) {
			t.Errorf("Arabic page lacks %s", want)
		}
	}

	form := url.Values{web.StampField: {testenv.Stamp(path)}, "name": {"Ayşe Yılmaz"}, "email": {"ayse@verein.example"},
		"consent.privacy": {"true"}, "topics": {"rooms", "cooking"}}
	bad := testenv.Page(t, a.handler, "POST", "/m/{meetingId}", path, p, "lang=de", form, nil)
	if bad.StatusCode != 422 || !strings.Contains(bad.Body, `href="#topics"`) || !strings.Contains(bad.Body, `id="topics-error"`) ||
		!strings.Contains(bad.Body, `value="rooms" checked`) || len(a.Items(t)["registration"]) != 0 {
		t.Errorf("an unknown topic: %d %.300s", bad.StatusCode, bad.Body)
	}
	form["topics"] = []string{"rooms"}
	form.Set(web.StampField, testenv.Stamp(path))
	resp := testenv.Page(t, a.handler, "POST", "/m/{meetingId}", path, p, "lang=de", form, nil)
	loc := resp.Headers["location"]
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/r/") {
		t.Fatalf("register: %d %.500s", resp.StatusCode, resp.Body)
	}
	if got := storedTopics(t, a); !slices.Equal(got, []string{"rooms"}) {
		t.Errorf("stored topics %v", got)
	}
	token := strings.TrimPrefix(loc[:strings.Index(loc, "?")], "/r/")
	manage := testenv.Page(t, a.handler, "GET", "/r/{token}", "/r/"+token, map[string]string{"token": token}, "lang=de", nil, nil)
	if !strings.Contains(manage.Body, "<dt>Themen</dt><dd><span>Räume für Vereine</span></dd>") {
		t.Errorf("the manage page does not show the topic: %.1500s", manage.Body)
	}
	st, body := a.do(t, "GET", "/registrations/{token}", "token", token, "", nil)
	if st != 200 || !strings.Contains(body, `"topics":["rooms"]`) {
		t.Errorf("GET /registrations/{token}: %d %s", st, body)
	}
}
