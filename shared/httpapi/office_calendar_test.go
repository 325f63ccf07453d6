package httpapi_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// TestCalendarFileNamesTheOffice: the calendar entry a registration's page
// offers names the office from its profile as organiser.
func TestCalendarFileNamesTheOffice(t *testing.T) {
	a := newMeetingAPI(t, 5)
	if err := a.Store.PutOffice(context.Background(), seed.DemoOffice(), time.Now()); err != nil {
		t.Fatal(err)
	}
	path, p := "/m/"+seed.MeetingID, map[string]string{"meetingId": seed.MeetingID}
	form := url.Values{web.StampField: {testenv.Stamp(path)}, "name": {"Jürgen Weiß"}, "email": {"juergen@verein.example"},
		"language": {"uk"}, "consent.privacy": {"true"}}
	resp := testenv.Page(t, a.handler, "POST", "/m/{meetingId}", path, p, "lang=uk", form, nil)
	loc := resp.Headers["location"]
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/r/") {
		t.Fatalf("register: %d %.500s", resp.StatusCode, resp.Body)
	}
	token := strings.TrimPrefix(loc[:strings.Index(loc, "?")], "/r/")
	ics := testenv.Page(t, a.handler, "GET", "/r/{token}/calendar.ics", "/r/"+token+"/calendar.ics", map[string]string{"token": token}, "", nil, nil)
	if body := strings.ReplaceAll(ics.Body, "\r\n ", ""); ics.StatusCode != 200 || !strings.Contains(body, `ORGANIZER;CN="Адміністрація району Мустеркрайс – відділ інтеграції":mailto:`) {
		t.Errorf("calendar: %d\n%s", ics.StatusCode, ics.Body)
	}
}
