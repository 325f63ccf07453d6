package pages_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// TestMatchesInTheBrowser: "who seeks, who offers", reached from the
// console's navigation, names the consenting organisations and counts the
// others; its filter works by GET; its "plan a meeting about this" form
// beside the option in the survey's report makes a meeting draft whose console page
// lists the planned invitation and asks to publish; publishing without a
// place shows the error at the button. Every page passes axe-core and
// fits 320 px, in German and Arabic, with and without errors.
func TestMatchesInTheBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	st, now := dynamo.New(s.db, s.table), time.Now()
	for _, r := range []struct {
		name          string
		publish       bool
		seeks, offers []string
	}{
		{"Deutsch-Türkischer Kulturverein", true, []string{"rooms"}, nil},
		{"جمعية الجالية العربية", true, []string{"rooms", "translation"}, nil},
		{"Verschwiegener Verein", false, []string{"rooms"}, nil},
		{"Gemeindezentrum Nord", true, nil, []string{"rooms"}},
	} {
		rec := org.New(seed.Office, r.name, now)
		rec.Municipality, rec.Seeks, rec.Offers, rec.Consent = "Heidelberg", r.seeks, r.offers, org.Consent{Publish: r.publish, At: now}
		if err := st.CreateOrganisation(context.Background(), rec); err != nil {
			t.Fatal(err)
		}
	}
	// The needs bound to the records' seeks (the report offers a meeting
	// per option of that question).
	d, err := st.Survey(context.Background(), seed.SurveyID)
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Questions {
		if d.Questions[i].ID == "needs" {
			d.Questions[i].Profile = "seeks"
		}
	}
	if err := st.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	// A public answer naming rooms, with the organisation's address.
	if _, err := st.SaveResponse(context.Background(), &survey.Response{ID: ulid.Make().String(), SurveyID: seed.SurveyID, Office: seed.Office,
		SubmittedAt: now, Language: "ar", Answers: map[string]any{"org_name": "جمعية الجالية العربية", "contact_email": "arab@" + s.domain,
			"needs": []string{"rooms"}}, ExpiresAt: now.Add(24 * time.Hour)}, nil, nil); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "dev sign-in", chromedp.Navigate(s.base+"/console/dev-sign-in?office="+seed.Office), chromedp.WaitReady("h1", chromedp.ByQuery))
	for _, c := range []struct{ lang, rooms, hidden, planned string }{
		{"de", "Räume", "und 1 weitere ohne Zustimmung", "1 Einladung ist geplant"},
		{"ar", "القاعات", "لم توافق على ذكر اسمها", "دعوة واحدة (1) مخططة"},
	} {
		run(t, ctx, "matches "+c.lang, chromedp.Navigate(s.base+"/console?lang="+c.lang), chromedp.WaitReady("h1", chromedp.ByQuery),
			chromedp.Click(`.console-nav a[href^="/console/matches"]`, chromedp.ByQuery), chromedp.WaitReady("#need-rooms", chromedp.ByQuery))
		axe(t, ctx, "matches "+c.lang)
		look(t, ctx, "console-matches-"+c.lang)
		wideShot(t, ctx, "console-matches-"+c.lang)
		var text string
		run(t, ctx, "read", chromedp.Text("main", &text, chromedp.ByQuery))
		if !strings.Contains(text, c.rooms) || !strings.Contains(text, "Gemeindezentrum Nord") || !strings.Contains(text, c.hidden) ||
			strings.Contains(text, "Verschwiegener Verein") {
			t.Errorf("%s: the page does not name exactly the consenting organisations: %.600s", c.lang, text)
		}
		// The filter, by GET: only translation.
		run(t, ctx, "filter "+c.lang, chromedp.SetValue("#code", "translation", chromedp.ByQuery),
			chromedp.Click(`form.filter button[type="submit"]`, chromedp.ByQuery))
		var loc string
		for end := time.Now().Add(60 * time.Second); !strings.Contains(loc, "code=translation") && time.Now().Before(end); {
			time.Sleep(100 * time.Millisecond)
			run(t, ctx, "where", chromedp.Location(&loc))
		}
		run(t, ctx, "filtered", chromedp.WaitReady("#need-translation", chromedp.ByQuery), chromedp.Text("main", &text, chromedp.ByQuery))
		if strings.Contains(text, "Gemeindezentrum Nord") {
			t.Errorf("%s: the filter shows rooms' offerer", c.lang)
		}
		axe(t, ctx, "matches filtered "+c.lang)

		// A meeting from the need "rooms", through the report's form.
		run(t, ctx, "report "+c.lang, chromedp.Navigate(s.base+"/console/surveys/"+seed.SurveyID+"/report?lang="+c.lang),
			chromedp.WaitReady("#o-needs-rooms", chromedp.ByQuery))
		axe(t, ctx, "report with the from-need forms "+c.lang)
		fits(t, ctx, "console-report-needs-"+c.lang)
		submitAfter(t, ctx, `#o-needs-rooms form.need-form button`)
		run(t, ctx, "draft "+c.lang, chromedp.WaitReady("h1", chromedp.ByQuery), chromedp.Location(&loc), chromedp.Text("main", &text, chromedp.ByQuery))
		if !strings.Contains(loc, "/console/meetings/"+seed.Office+"-") || !strings.Contains(text, c.planned) {
			t.Fatalf("%s: from the need to %s: %.600s", c.lang, loc, text)
		}
		axe(t, ctx, "meeting draft "+c.lang)
		look(t, ctx, "console-meeting-draft-"+c.lang)
		wideShot(t, ctx, "console-meeting-draft-"+c.lang)
		// Published without a place: the error at the button.
		submitAfter(t, ctx, "#publish")
		run(t, ctx, "publish errors "+c.lang, chromedp.WaitReady(".error-summary", chromedp.ByQuery))
		axe(t, ctx, "meeting draft with errors "+c.lang)
		look(t, ctx, "console-meeting-draft-errors-"+c.lang)
	}
}
