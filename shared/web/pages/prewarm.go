package pages

import (
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// head is what a function's head start prepares for its first page, by
// the page's route key: its template, and whether it may keep a copy of
// itself (page_copy.go), which needs the compressor of pages split
// around their stamp.
type head struct {
	entry  string
	copies bool
}

var heads = map[string]head{
	"GET /s/{surveyId}":  {"survey.html", true},
	"GET /m/{meetingId}": {"meeting.html", true},
	"GET /r/{token}":     {"manage.html", false},
}

// PrewarmSurvey prepares the survey function's first page in the
// background (web.Prewarm). The function's builder starts it
// (app.Deps.PrewarmPages) with the first page's route: that page's
// work alone, since whatever else it did would only share the core with
// it; with no route (no event came yet) every page's. It reads and
// writes no data and makes no token (the link secret may still be on its
// way). It renders no page itself: that would take CPU from the real
// one, and Lambda gives a small function a fraction of a core.
func PrewarmSurvey(route string) {
	defer calm()
	prewarm(route, "survey.html", "thanks.html", "message.html")
}

// PrewarmMeeting is PrewarmSurvey for the meeting function (the meeting
// and a registration's pages), and the office's time zone.
func PrewarmMeeting(route string) {
	defer calm()
	prewarm(route, "meeting.html", "manage.html", "confirm.html", "message.html")
	meeting.OfficeLocation()
}

// prewarm prepares route's page, or with no route all entries.
func prewarm(route string, entries ...string) {
	if route == "" {
		web.Prewarm(true, entries...)
		return
	}
	h, ok := heads[route]
	if !ok {
		web.Prewarm(false) // a page of its own: the templates, catalogue and compressor
		return
	}
	web.Prewarm(h.copies, h.entry)
}

// calm keeps a prewarm, which is only ever a head start, from ending the
// process: whatever it did not make, the first request makes.
func calm() { _ = recover() }
