package pages_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"log/slog"
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

// BenchmarkPages is the server time to render each page (all 32
// questions of the demo survey), beside its weight: HTML and CSS, gzip.
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

// BenchmarkSurveyRendered is the survey page rendered afresh, as a
// personal link or a form sent back with an error shows it (the public
// page comes from the page cache): here a post with missing answers,
// shown again with its values, the errors and their summary.
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
// CSS, gzip. The survey page carries all 32 questions of the demo survey.
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
