package pages

import (
	"net/http"
	"net/url"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// PrewarmSurvey prepares the survey function's first page in the
// background: web.Prewarm, then a render of a small survey with one
// question of each type, in German, and its compression, so that the
// code, the reflection the templates use and a gzip writer are ready.
// surveyfn.New starts it in a goroutine; it neither reads nor writes
// data and makes no token (the link secret may still be on its way).
func PrewarmSurvey() {
	defer calm()
	_ = prewarmSurvey()
}

func prewarmSurvey() error {
	web.Prewarm("survey.html", "thanks.html", "message.html")
	de := func(s string) i18n.Text { return i18n.Text{i18n.Default: s} }
	d := &survey.Definition{Settings: survey.Settings{ID: "prewarm", Title: de("Bedarfe"), Description: de("Fragen"),
		Sections: []survey.Section{{ID: "s", Title: de("Verein")}}}}
	one, five := 1.0, 5.0
	opts := []survey.Option{{Code: "a", Label: de("A")}, {Code: "b", Label: de("B")}}
	for _, t := range []survey.QuestionType{survey.TypeText, survey.TypeLongText, survey.TypeEmail, survey.TypePhone, survey.TypeURL,
		survey.TypeNumber, survey.TypeSingleChoice, survey.TypeMultipleChoice, survey.TypeYesNo, survey.TypeScale} {
		q := survey.Question{ID: string(t), Type: t, Section: "s", Label: de(string(t)), Help: de("Hilfe")}
		switch t {
		case survey.TypeSingleChoice, survey.TypeMultipleChoice:
			q.Options = opts
		case survey.TypeScale:
			q.Min, q.Max = &one, &five
		}
		d.Questions = append(d.Questions, q)
	}
	h := &surveyPages{now: time.Now}
	resp, err := h.render(http.StatusOK, &survey.Form{Def: d, Status: survey.StatusOpen}, "prewarm", "", i18n.Default, url.Values{}, nil, "prewarm")
	if err != nil {
		return err
	}
	httpapi.PrewarmGzip(resp.Body)
	return nil
}

// PrewarmMeeting is PrewarmSurvey for the meeting function: a meeting
// page and a registration's page, in German, and a gzip writer.
func PrewarmMeeting() {
	defer calm()
	_ = prewarmMeeting()
}

func prewarmMeeting() error {
	web.Prewarm("meeting.html", "manage.html", "confirm.html", "message.html")
	start := time.Now().In(meeting.OfficeLocation()).Add(7 * 24 * time.Hour)
	p := &meeting.Public{ID: "prewarm", Title: "Netzwerktreffen", Description: "Treffen", TitleLang: i18n.Default,
		DescriptionLang: i18n.Default, StartsAt: start, EndsAt: start.Add(3 * time.Hour), TimeZone: meeting.OfficeZone,
		Location: meeting.Location{Name: "Rathaus", Address: "Marktplatz 1"}, Capacity: 40, SeatsLeft: 12,
		RegistrationClosesAt: start.Add(-24 * time.Hour), Status: meeting.StatusOpen}
	h := &meetingPages{now: time.Now}
	resp, err := h.render(http.StatusOK, p, "prewarm", "", i18n.Default, url.Values{"language": {i18n.Default}}, nil, "prewarm")
	if err != nil {
		return err
	}
	httpapi.PrewarmGzip(resp.Body)
	v := manageView{Layout: web.NewLayout(i18n.Default, i18n.T(i18n.Default, "page.your_registration"), "", "/r/prewarm", nil),
		Status: meeting.Confirmed, StatusText: i18n.T(i18n.Default, "page.status_confirmed"), Heading: p.Title, Facts: facts(p, i18n.Default),
		Person: &meeting.View{Name: "A", Email: "a@example.org", Language: i18n.Default}, CalendarURL: "/r/prewarm/calendar.ics"}
	_, err = web.Render(http.StatusOK, "manage.html", i18n.Default, true, v)
	return err
}

// calm keeps a prewarm, which is only ever a head start, from ending the
// process: whatever it did not make, the first request makes.
func calm() { _ = recover() }
