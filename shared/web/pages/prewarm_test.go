package pages_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	"github.com/integration-offices/netzwerk-backend/shared/web/pages"
)

// TestPrewarmBesideRequests: the builders start the prewarm in a
// goroutine, and a request may come while it runs. Run with -race (and
// alone, -run TestPrewarm, for a process whose templates are still
// unparsed): prewarms and page renders at once, then pages as usual.
func TestPrewarmBesideRequests(t *testing.T) {
	h := handlers()
	var wg sync.WaitGroup
	wg.Go(func() { pages.PrewarmSurvey("") })
	wg.Go(func() { pages.PrewarmMeeting("GET /r/{token}") })
	render := func(c struct {
		name, route string
		params      map[string]string
	}, lang string) {
		ev := events.APIGatewayV2HTTPRequest{RouteKey: c.route, PathParameters: c.params, Headers: map[string]string{"accept-encoding": "gzip"}}
		resp, err := h[c.route](context.Background(), &ev, lang)
		body := resp.Body
		if resp.Headers["content-encoding"] == "gzip" { // public pages come compressed (page_cache.go)
			b, _ := base64.StdEncoding.DecodeString(resp.Body)
			zr, zerr := gzip.NewReader(bytes.NewReader(b))
			if zerr == nil {
				b, zerr = io.ReadAll(zr)
			}
			if zerr != nil {
				t.Errorf("%s %s: %v", c.name, lang, zerr)
			}
			body = string(b)
		}
		if err != nil || resp.StatusCode != 200 || !strings.Contains(body, `<html lang="`+lang+`"`) {
			t.Errorf("%s %s: %v %d %.200s", c.name, lang, err, resp.StatusCode, body)
		}
	}
	for _, c := range pageCases {
		for _, lang := range []string{"de", "ar", "tr"} {
			wg.Go(func() { render(c, lang) })
		}
	}
	wg.Go(func() { httpapi.PrewarmGzip(strings.Repeat("prewarm ", 500)) })
	wg.Go(func() { web.Prewarm(true, "survey.html", "meeting.html") })
	wg.Wait()
	for _, c := range pageCases {
		render(c, "de")
	}
}
