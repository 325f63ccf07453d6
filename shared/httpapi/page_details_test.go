package httpapi_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

var inputTag = regexp.MustCompile(`<input[^>]*>`)

// TestAddressFieldsStayLeftToRight: in Arabic an email, web address or
// phone field is written left to right, as its content is.
func TestAddressFieldsStayLeftToRight(t *testing.T) {
	a := newAPI(t)
	m := newMeetingAPI(t, 5)
	pages := map[string]string{
		"survey":  testenv.Page(t, a.handler, "GET", "/s/{surveyId}", "/s/"+seed.SurveyID, map[string]string{"surveyId": seed.SurveyID}, "lang=ar", nil, nil).Body,
		"meeting": testenv.Page(t, m.handler, "GET", "/m/{meetingId}", "/m/"+seed.MeetingID, map[string]string{"meetingId": seed.MeetingID}, "lang=ar", nil, nil).Body,
	}
	for name, body := range pages {
		n := 0
		for _, tag := range inputTag.FindAllString(body, -1) {
			if !strings.Contains(tag, `type="email"`) && !strings.Contains(tag, `type="url"`) && !strings.Contains(tag, `type="tel"`) {
				continue
			}
			n++
			if !strings.Contains(tag, `dir="ltr"`) {
				t.Errorf("%s: %s is not left to right", name, tag)
			}
		}
		if n == 0 {
			t.Errorf("%s: no email, url or tel field", name)
		}
	}
}

// register registers a person through the meeting page and returns the
// token of the registration's page.
func register(t *testing.T, m *meetingAPI, email string) string {
	t.Helper()
	path := "/m/" + seed.MeetingID
	form := url.Values{web.StampField: {testenv.Stamp(path)}, "name": {"Ayşe Yılmaz"}, "email": {email}, "consent.privacy": {"true"}}
	resp := testenv.Page(t, m.handler, "POST", "/m/{meetingId}", path, map[string]string{"meetingId": seed.MeetingID}, "lang=de", form, nil)
	loc := resp.Headers["location"]
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/r/") {
		t.Fatalf("register: %d %.500s", resp.StatusCode, resp.Body)
	}
	return strings.TrimPrefix(loc[:strings.Index(loc, "?")], "/r/")
}

func meetingPage(t *testing.T, m *meetingAPI, lang string) string {
	t.Helper()
	return testenv.Page(t, m.handler, "GET", "/m/{meetingId}", "/m/"+seed.MeetingID, map[string]string{"meetingId": seed.MeetingID}, "lang="+lang, nil, nil).Body
}

func managePage(t *testing.T, m *meetingAPI, token string) string {
	t.Helper()
	return testenv.Page(t, m.handler, "GET", "/r/{token}", "/r/"+token, map[string]string{"token": token}, "lang=de", nil, nil).Body
}

// TestFullMeetingOffersTheWaitlist: when the seats are gone, the button
// says what it does: put the person on the waitlist.
func TestFullMeetingOffersTheWaitlist(t *testing.T) {
	m := newMeetingAPI(t, 1)
	if body := meetingPage(t, m, "de"); !strings.Contains(body, "Verbindlich anmelden") {
		t.Fatalf("a meeting with seats does not offer to register")
	}
	register(t, m, "erste@verein.example")
	body := meetingPage(t, m, "de")
	if strings.Contains(body, "Verbindlich anmelden") || !strings.Contains(body, "Auf die Warteliste setzen") {
		t.Errorf("a full meeting's button does not offer the waitlist")
	}
}

// TestMeetingTimeInTheOfficesZone: a meeting in the office's zone shows
// its local time without naming the zone; one elsewhere names its zone.
func TestMeetingTimeInTheOfficesZone(t *testing.T) {
	m := newMeetingAPI(t, 5)
	if body := meetingPage(t, m, "de"); strings.Contains(body, "Europe/Berlin") || !strings.Contains(body, "17:00") {
		t.Errorf("a meeting in Berlin: the page names the zone or lacks the local time")
	}
	ist := newMeetingAPI(t, 5, func(mt *meeting.Meeting) { mt.TimeZone = "Europe/Istanbul" })
	if body := meetingPage(t, ist, "de"); !strings.Contains(body, "Europe/Istanbul") {
		t.Errorf("a meeting in Istanbul does not name its zone")
	}
}

// TestOnlineLinkOnlyForRegistered: the online meeting's link is not on
// the public page (the JSON keeps the location as the contract has it),
// but on the registration's page and calendar entry of a confirmed
// registration, not of a waitlisted one.
func TestOnlineLinkOnlyForRegistered(t *testing.T) {
	const link = "https://meet.example/geheim-7f3a"
	m := newMeetingAPI(t, 1, func(mt *meeting.Meeting) { mt.Location.OnlineURL = link })
	if body := meetingPage(t, m, "de"); strings.Contains(body, link) {
		t.Errorf("the public page shows the online link")
	}
	if _, body := m.do(t, "GET", "/meetings/{meetingId}", "meetingId", seed.MeetingID, "", nil); strings.Contains(body, link) || !strings.Contains(body, `"online":true`) {
		t.Errorf("the public JSON shows the online link, or does not say there is one: %s", body)
	}
	seat := register(t, m, "sitz@verein.example")
	if body := managePage(t, m, seat); !strings.Contains(body, link) {
		t.Errorf("a confirmed registration's page lacks the online link")
	}
	ics := testenv.Page(t, m.handler, "GET", "/r/{token}/calendar.ics", "/r/"+seat+"/calendar.ics", map[string]string{"token": seat}, "", nil, nil)
	if !strings.Contains(strings.ReplaceAll(ics.Body, "\r\n ", ""), link) {
		t.Errorf("a confirmed registration's calendar entry lacks the online link")
	}
	wait := register(t, m, "warten@verein.example")
	if body := managePage(t, m, wait); strings.Contains(body, link) {
		t.Errorf("a waitlisted registration's page shows the online link")
	}
	for token, want := range map[string]bool{seat: true, wait: false} {
		_, body := m.do(t, "GET", "/registrations/{token}", "token", token, "", nil)
		if strings.Contains(body, link) != want {
			t.Errorf("GET /registrations/{token} (seat %v) shows the online link: %v", want, !want)
		}
	}
}

// TestCalendarDownloadAfterCancelling: the registration's calendar entry
// is one to add (PUBLISH) with CRLF line ends, and holds neither the
// person's name nor address, also after cancelling.
func TestCalendarDownloadAfterCancelling(t *testing.T) {
	m := newMeetingAPI(t, 5)
	token := register(t, m, "ayse@verein.example")
	tp := map[string]string{"token": token}
	for _, when := range []string{"registered", "cancelled"} {
		if when == "cancelled" {
			if r := testenv.Page(t, m.handler, "POST", "/r/{token}/cancel", "/r/"+token+"/cancel", tp, "lang=de", url.Values{"confirm": {"yes"}}, nil); r.StatusCode != 303 {
				t.Fatalf("cancel: %d", r.StatusCode)
			}
		}
		ics := testenv.Page(t, m.handler, "GET", "/r/{token}/calendar.ics", "/r/"+token+"/calendar.ics", tp, "", nil, nil)
		if ics.StatusCode != 200 {
			t.Fatalf("%s: calendar %d", when, ics.StatusCode)
		}
		if !strings.Contains(ics.Body, "METHOD:PUBLISH\r\n") || strings.Count(ics.Body, "\n") != strings.Count(ics.Body, "\r\n") {
			t.Errorf("%s: not a PUBLISH with CRLF lines:\n%s", when, ics.Body)
		}
		if strings.Contains(ics.Body, "Yılmaz") || strings.Contains(ics.Body, "ayse@") {
			t.Errorf("%s: the calendar entry names the person:\n%s", when, ics.Body)
		}
	}
}

// TestThanksPageSaysWhatHappensNext: after answering, the page says what
// happens next; through a personal link it links back to the answers and
// says until when they can be changed.
func TestThanksPageSaysWhatHappensNext(t *testing.T) {
	a := newAPI(t)
	d := seed.DemoSurvey()
	closes := time.Date(2031, 6, 30, 21, 59, 0, 0, time.UTC)
	d.ClosesAt = &closes
	if err := a.Store.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	p := map[string]string{"surveyId": seed.SurveyID}
	path := "/s/" + seed.SurveyID + "/thanks"
	public := testenv.Page(t, a.handler, "GET", "/s/{surveyId}/thanks", path, p, "lang=de", nil, nil).Body
	if !strings.Contains(public, "Wie es weitergeht") || strings.Contains(public, "invitation=") {
		t.Errorf("public link: the thank-you page does not say what happens next, or links to a personal link")
	}
	personal := testenv.Page(t, a.handler, "GET", "/s/{surveyId}/thanks", path, p, "lang=de&invitation=TOKEN-1", nil, nil).Body
	if !strings.Contains(personal, "Wie es weitergeht") || !strings.Contains(personal, `href="/s/`+seed.SurveyID+`?invitation=TOKEN-1&amp;lang=de"`) ||
		!strings.Contains(personal, "30. Juni 2031") {
		t.Errorf("personal link: the thank-you page lacks the next step, the link back or the end date:\n%.3000s", personal)
	}
}
