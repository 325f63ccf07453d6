package pages_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestConsoleUnlinkedInTheBrowser: the page of public answers to link,
// reached from the survey's page, suggests the record of the answer's
// name, links it through its form (the answer leaves the list), passes
// axe-core and fits 320 px in German and Arabic.
func TestConsoleUnlinkedInTheBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	store := dynamo.New(s.db, s.table)
	if err := store.CreateOrganisation(context.Background(), org.New(seed.Office, "Deutsch-Türkischer Kulturverein", time.Now())); err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{testenv.AnswerBody, strings.Replace(testenv.AnswerBody, "Deutsch-Türkischer Kulturverein e.V.", "جمعية الجسر الثقافي", 1)} {
		resp, err := http.Post(s.base+"/surveys/"+seed.SurveyID+"/responses", "application/json", strings.NewReader(body))
		if err != nil || resp.StatusCode != 201 {
			t.Fatalf("answer: %v %v", err, resp)
		}
		resp.Body.Close()
	}
	run(t, ctx, "dev sign-in", chromedp.Navigate(s.base+"/console/dev-sign-in?office="+seed.Office), chromedp.WaitReady("h1", chromedp.ByQuery))
	for _, lang := range []string{"de", "ar"} {
		run(t, ctx, "unlinked "+lang, chromedp.Navigate(s.base+"/console/surveys/"+seed.SurveyID+"?lang="+lang), chromedp.WaitReady("h1", chromedp.ByQuery),
			chromedp.Click(`a[href^="/console/organisations/unlinked"]`, chromedp.ByQuery), chromedp.WaitReady("form select", chromedp.ByQuery))
		axe(t, ctx, "console unlinked "+lang)
		look(t, ctx, "console-unlinked-"+lang)
	}
	// Link the first (the suggested record is chosen): it leaves the list.
	run(t, ctx, "link", chromedp.Navigate(s.base+"/console/organisations/unlinked?lang=de"), chromedp.WaitReady("form select", chromedp.ByQuery),
		chromedp.Click(`section form button[type="submit"]`, chromedp.ByQuery), chromedp.WaitReady(".kern-alert--success", chromedp.ByQuery))
	axe(t, ctx, "console unlinked after a link")
	var text string
	run(t, ctx, "read", chromedp.Text("main", &text, chromedp.ByQuery))
	if strings.Count(text, "Antwort auf") != 1 {
		t.Errorf("after linking one of two: %.500s", text)
	}
}
