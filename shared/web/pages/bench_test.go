package pages_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"log/slog"
	"maps"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv/demo"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	"github.com/integration-offices/netzwerk-backend/shared/web/pages"
)

func handlers() map[string]httpapi.HandlerFunc {
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	tokens, _ := linktoken.New(secret)
	store := demo.New()
	store.Counters = meeting.Counters{Confirmed: 12}
	h := pages.Survey(log, survey.NewService(store, time.Now), tokens, time.Now)
	for k, v := range pages.Meeting(log, meeting.NewService(store, tokens, time.Now), tokens, time.Now, "") {
		h[k] = v
	}
	return h
}

func gz(s string) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	_, _ = io.WriteString(w, s)
	_ = w.Close()
	return b.Len()
}

var pageCases = []struct {
	name, route string
	params      map[string]string
}{
	{"survey", "GET /s/{surveyId}", map[string]string{"surveyId": seed.SurveyID}},
	{"meeting", "GET /m/{meetingId}", map[string]string{"meetingId": seed.MeetingID}},
}

// BenchmarkPages is the server time of each page's first visit (the
// demo survey's first section: its sections are one per page), beside
// its weight: HTML and CSS, gzip.
func BenchmarkPages(b *testing.B) {
	h := handlers()
	for _, c := range pageCases {
		for _, lang := range []string{"de", "ar"} {
			b.Run(c.name+"-"+lang, func(b *testing.B) {
				ev := events.APIGatewayV2HTTPRequest{RouteKey: c.route, PathParameters: c.params}
				var body string
				b.ReportAllocs()
				for b.Loop() {
					resp, err := h[c.route](context.Background(), &ev, lang)
					if err != nil || resp.StatusCode != 200 {
						b.Fatalf("%v %d", err, resp.StatusCode)
					}
					body = resp.Body
				}
				b.ReportMetric(float64(gz(body)), "html-gzip-bytes")
			})
		}
	}
}

// BenchmarkSurveyRendered is the whole survey page rendered afresh, as
// the whole form posted at once (no page.step: a page from before the
// sections had pages) with an error shows it: here a post with missing
// answers, shown again with its values, the errors and their summary.
func BenchmarkSurveyRendered(b *testing.B) {
	h := handlers()
	route := "POST /s/{surveyId}"
	for _, lang := range []string{"de", "ar"} {
		b.Run(lang, func(b *testing.B) {
			ev := events.APIGatewayV2HTTPRequest{RouteKey: route, PathParameters: map[string]string{"surveyId": seed.SurveyID},
				Headers: map[string]string{"content-type": "application/x-www-form-urlencoded", "host": "example.org"},
				Body:    "org_name=Verein+M%C3%BCnchen&members=12"}
			b.ReportAllocs()
			for b.Loop() {
				resp, err := h[route](context.Background(), &ev, lang)
				if err != nil || resp.StatusCode != 422 {
					b.Fatalf("%v %d", err, resp.StatusCode)
				}
			}
		})
	}
}

// Page budgets: what a first visit transfers, the page and its
// CSS, gzip. The survey page is the demo survey's first section.
var pageBudget = map[string]int{"survey": 60_000, "meeting": 30_000}

// TestPageWeight holds each page with its CSS, gzip, to its budget.
func TestPageWeight(t *testing.T) {
	h := handlers()
	css := 0
	for _, p := range web.Stylesheets() {
		resp, ok := web.Asset(regexp.MustCompile(`[^/]+$`).FindString(p), "")
		if !ok {
			t.Fatalf("asset %s", p)
		}
		css += gz(resp.Body)
	}
	for _, c := range pageCases {
		for _, lang := range []string{"de", "ar"} {
			ev := events.APIGatewayV2HTTPRequest{RouteKey: c.route, PathParameters: c.params}
			resp, err := h[c.route](context.Background(), &ev, lang)
			if err != nil || resp.StatusCode != 200 {
				t.Fatal(err, resp.StatusCode)
			}
			total := gz(resp.Body) + css
			t.Logf("%s page (%s): HTML %d bytes (%d gzip), CSS %d gzip: %d bytes gzip in all", c.name, lang, len(resp.Body), gz(resp.Body), css, total)
			if total > pageBudget[c.name] {
				t.Errorf("%s page (%s): %d bytes gzip, budget %d", c.name, lang, total, pageBudget[c.name])
			}
		}
	}
}

// demoPages are the demo survey's pages as a person sends them, one post
// each: what was entered up to that page, the page's page.step and its
// button (the last, the check page's, sends). whole is the same answer
// sent as one form, as the single page sent it.
func demoPages(stamp string) (pages []url.Values, whole url.Values) {
	answers := url.Values{"org_name": {"Verein München"}, "fields_of_activity": {"culture", "youth"}, "members": {"20-49"},
		"volunteers": {"12"}, "needs": {"rooms"}, "preferred_days": {"mon"}}
	values := url.Values{web.StampField: {stamp}}
	for _, s := range seed.DemoSurvey().Sections {
		p := maps.Clone(values)
		for _, q := range seed.DemoSurvey().Questions {
			if v, ok := answers[q.ID]; ok && q.Section == s.ID {
				p[q.ID], values[q.ID] = v, v
			}
		}
		p.Set("page.step", s.ID)
		p.Set("page.next", "1")
		pages = append(pages, p)
	}
	check := maps.Clone(values)
	check.Set("page.step", "_check")
	check.Set("page.submit", "1")
	check.Set("consent.privacy", "true")
	whole = maps.Clone(values)
	whole.Set("consent.privacy", "true")
	return append(pages, check), whole
}

func postEvent(form url.Values) events.APIGatewayV2HTTPRequest {
	return events.APIGatewayV2HTTPRequest{RouteKey: "POST /s/{surveyId}", PathParameters: map[string]string{"surveyId": seed.SurveyID},
		Headers: map[string]string{"content-type": "application/x-www-form-urlencoded", "host": "example.org"}, Body: form.Encode()}
}

func oldStamp() string {
	tokens, _ := linktoken.New(secret)
	return web.Stamp(tokens, "/s/"+seed.SurveyID, time.Now().Add(-time.Minute))
}

// BenchmarkSurveyStep is the server time of a page of the demo survey
// answered one section per page: its second page (the first section
// left, checked, the next one rendered with the first one's values
// carried), beside the page's weight, HTML gzip.
func BenchmarkSurveyStep(b *testing.B) {
	h := handlers()
	route := "POST /s/{surveyId}"
	pages, _ := demoPages(oldStamp())
	for _, lang := range []string{"de", "ar"} {
		b.Run(lang, func(b *testing.B) {
			ev := postEvent(pages[0])
			var body string
			b.ReportAllocs()
			for b.Loop() {
				resp, err := h[route](context.Background(), &ev, lang)
				if err != nil || resp.StatusCode != 200 {
					b.Fatalf("%v %d %.300s", err, resp.StatusCode, resp.Body)
				}
				body = resp.Body
			}
			b.ReportMetric(float64(gz(body)), "html-gzip-bytes")
		})
	}
}

// BenchmarkWholeSurvey is the server time of answering the demo survey
// from its first page to the thanks page: one section per page (GET, a
// post per section, the check page's send) against the whole form on
// one page (GET, one post). The store is in memory: both write one
// answer, and through the public link nothing else.
func BenchmarkWholeSurvey(b *testing.B) {
	h := handlers()
	get := events.APIGatewayV2HTTPRequest{RouteKey: "GET /s/{surveyId}", PathParameters: map[string]string{"surveyId": seed.SurveyID}}
	pages, whole := demoPages(oldStamp())
	for name, posts := range map[string][]url.Values{"sections": pages, "one-page": {whole}} {
		b.Run(name, func(b *testing.B) {
			evs := make([]events.APIGatewayV2HTTPRequest, len(posts))
			for i, p := range posts {
				evs[i] = postEvent(p)
			}
			b.ReportAllocs()
			for b.Loop() {
				if resp, err := h["GET /s/{surveyId}"](context.Background(), &get, "de"); err != nil || resp.StatusCode != 200 {
					b.Fatal(err, resp.StatusCode)
				}
				for i := range evs {
					resp, err := h["POST /s/{surveyId}"](context.Background(), &evs[i], "de")
					if err != nil || (resp.StatusCode != 200 && resp.StatusCode != 303) {
						b.Fatalf("post %d: %v %d %.500s", i, err, resp.StatusCode, resp.Body)
					}
				}
			}
			b.ReportMetric(float64(len(posts)+1), "requests")
		})
	}
}

// stepBudget is what a page of a survey answered one section per page
// transfers at most, HTML and CSS, gzip.
const stepBudget = 20_000

// TestStepPageWeight holds every page of the demo survey answered one
// section per page (the first, each section's, the check page) with its
// CSS, gzip, to stepBudget; the last post sends (303).
func TestStepPageWeight(t *testing.T) {
	h := handlers()
	css := 0
	for _, p := range web.Stylesheets() {
		resp, _ := web.Asset(regexp.MustCompile(`[^/]+$`).FindString(p), "")
		css += gz(resp.Body)
	}
	pages, _ := demoPages(oldStamp())
	for _, lang := range []string{"de", "ar"} {
		get := events.APIGatewayV2HTTPRequest{RouteKey: "GET /s/{surveyId}", PathParameters: map[string]string{"surveyId": seed.SurveyID}}
		resp, err := h["GET /s/{surveyId}"](context.Background(), &get, lang)
		if err != nil || resp.StatusCode != 200 {
			t.Fatal(err, resp.StatusCode)
		}
		bodies := []string{resp.Body}
		for i, p := range pages {
			ev := postEvent(p)
			resp, err := h["POST /s/{surveyId}"](context.Background(), &ev, lang)
			want := 200
			if i == len(pages)-1 {
				want = 303
			}
			if err != nil || resp.StatusCode != want {
				t.Fatalf("%s: post %d (%s): %v %d %.1000s", lang, i, p.Get("page.step"), err, resp.StatusCode, resp.Body)
			}
			if want == 200 {
				bodies = append(bodies, resp.Body)
			}
		}
		for i, body := range bodies {
			total := gz(body) + css
			t.Logf("%s page %d: HTML %d bytes (%d gzip), CSS %d gzip: %d bytes gzip in all", lang, i+1, len(body), gz(body), css, total)
			if total > stepBudget {
				t.Errorf("%s page %d: %d bytes gzip, budget %d", lang, i+1, total, stepBudget)
			}
		}
	}
}
