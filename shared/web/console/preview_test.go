package console_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// previewSurvey is a draft in two sections, the second asked only when
// the first says so.
func previewSurvey(id, office string) *survey.Definition {
	return &survey.Definition{Office: office, Stage: survey.StageDraft, Settings: survey.Settings{ID: id, Title: survey.Text{"de": "Entwurf"},
		Sections: []survey.Section{{ID: "one", Title: survey.Text{"de": "Eins"}},
			{ID: "two", Title: survey.Text{"de": "Zwei"}, ShowIf: &survey.ShowIf{All: []survey.Condition{{Question: "more", In: []string{"yes"}}}}}},
		Questions: []survey.Question{
			{ID: "org", Type: survey.TypeText, Section: "one", Label: survey.Text{"de": "Organisation"}, Rules: survey.Rules{Required: true}},
			{ID: "more", Type: survey.TypeYesNo, Section: "one", Label: survey.Text{"de": "Weiter fragen?"}},
			{ID: "detail", Type: survey.TypeText, Section: "two", Label: survey.Text{"de": "Einzelheiten"}, Rules: survey.Rules{Required: true}},
		}}}
}

// TestPreviewShowsTheSurveyAndStoresNothing: the console previews its
// office's draft as an organisation sees it, page by page, checked as
// the public page checks; nothing is stored; another office's survey is
// not found.
func TestPreviewShowsTheSurveyAndStoresNothing(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	ctx := context.Background()
	if err := a.Store.PutSurvey(ctx, previewSurvey("draft-preview", "demo")); err != nil {
		t.Fatal(err)
	}
	if err := a.Store.PutSurvey(ctx, previewSurvey("other-preview", "other")); err != nil {
		t.Fatal(err)
	}
	get := routes.Route{Method: "GET", Path: "/console/surveys/{surveyId}/preview"}
	post := routes.Route{Method: "POST", Path: "/console/surveys/{surveyId}/preview"}
	req := s.Request(get, "demo", "")
	req.Params["surveyId"], req.Query = "draft-preview", "lang=de"
	before := a.Count(t)
	page := a.Do(t, h, req)
	if page.StatusCode != 200 || !strings.Contains(page.Body, "Vorschau – es wird nichts gespeichert") || !strings.Contains(page.Body, "Schritt 1 von 1") ||
		!strings.Contains(page.Body, `action="/console/surveys/draft-preview/preview?lang=de"`) || !strings.Contains(page.Body, `name="csrf"`) {
		t.Fatalf("preview: %d %.3000s", page.StatusCode, page.Body)
	}
	step := func(values url.Values) string {
		t.Helper()
		r := s.Request(post, "demo", "")
		r.Params["surveyId"], r.Query = "draft-preview", "lang=de"
		form, _ := url.ParseQuery(r.Body)
		form.Del("confirm")
		for k, v := range values {
			form[k] = v
		}
		r.Body = form.Encode()
		resp := a.Do(t, h, r)
		if resp.StatusCode != 200 && resp.StatusCode != 422 {
			t.Fatalf("preview step %v: %d %.2000s", values, resp.StatusCode, resp.Body)
		}
		return resp.Body
	}
	if b := step(url.Values{"page.step": {"one"}, "page.next": {"1"}, "more": {"yes"}}); !strings.Contains(b, `href="#q-org"`) {
		t.Fatalf("the preview checks a page: %.3000s", b)
	}
	if b := step(url.Values{"page.step": {"one"}, "page.next": {"1"}, "org": {"Verein"}, "more": {"yes"}}); !strings.Contains(b, "Schritt 2 von 2") ||
		!strings.Contains(b, `name="detail"`) {
		t.Fatalf("the shown section: %.3000s", b)
	}
	if b := step(url.Values{"page.step": {"one"}, "page.next": {"1"}, "org": {"Verein"}, "more": {"no"}}); !strings.Contains(b, "Antworten prüfen") {
		t.Fatalf("the hidden section is skipped: %.3000s", b)
	}
	done := step(url.Values{"page.step": {"_check"}, "page.submit": {"1"}, "org": {"Verein"}, "more": {"no"}, "consent.privacy": {"true"}})
	if !strings.Contains(done, "Ende der Vorschau") {
		t.Fatalf("the end of the preview: %.3000s", done)
	}
	if after := a.Count(t); after != before {
		t.Errorf("the preview stored something: %d items before, %d after", before, after)
	}
	// Another office's survey, and one that does not exist.
	for _, id := range []string{"other-preview", "nope"} {
		r := s.Request(get, "demo", "")
		r.Params["surveyId"] = id
		if resp := a.Do(t, h, r); resp.StatusCode != 404 {
			t.Errorf("preview of %s: %d, want 404", id, resp.StatusCode)
		}
		r = s.Request(post, "demo", "")
		r.Params["surveyId"] = id
		if resp := a.Do(t, h, r); resp.StatusCode != 404 {
			t.Errorf("preview post of %s: %d, want 404", id, resp.StatusCode)
		}
	}
}
