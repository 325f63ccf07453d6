package pages

import (
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// PrewarmSurvey prepares the survey function's first page in the
// background (web.Prewarm with its pages). The function's builder starts
// it (app.Deps.PrewarmPages); it reads and writes no data and makes no
// token (the link secret may still be on its way). It renders no page
// itself: that would take CPU from the real one, and Lambda gives a small
// function a fraction of a core.
func PrewarmSurvey() {
	defer calm()
	_ = prewarmSurvey()
}

func prewarmSurvey() error {
	web.Prewarm("survey.html", "thanks.html", "message.html")
	return nil
}

// PrewarmMeeting is PrewarmSurvey for the meeting function (the meeting
// and a registration's pages), and the office's time zone.
func PrewarmMeeting() {
	defer calm()
	_ = prewarmMeeting()
}

func prewarmMeeting() error {
	web.Prewarm("meeting.html", "manage.html", "confirm.html", "message.html")
	meeting.OfficeLocation()
	return nil
}

// calm keeps a prewarm, which is only ever a head start, from ending the
// process: whatever it did not make, the first request makes.
func calm() { _ = recover() }
