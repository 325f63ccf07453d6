package pages

import (
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// TestPrewarmRendersItsPages: the head starts run for every first page
// and for none (their exported forms swallow any failure: a prewarm is
// only a head start), and each page they prepare alone is a page route
// with its template.
func TestPrewarmRendersItsPages(t *testing.T) {
	page := map[string]bool{}
	for _, r := range routes.Table {
		page[r.Key()] = r.Page
	}
	for route, h := range heads {
		if !page[route] || !web.Defined(h.entry) {
			t.Errorf("%s: a page route %v, template %s defined %v", route, page[route], h.entry, web.Defined(h.entry))
		}
	}
	for _, route := range []string{"", "GET /s/{surveyId}", "GET /m/{meetingId}", "GET /r/{token}", "GET /p/{officeId}/privacy"} {
		prewarm(route, "survey.html", "thanks.html", "meeting.html", "manage.html", "confirm.html", "message.html")
	}
	for _, name := range []string{"survey.html", "thanks.html", "meeting.html", "manage.html", "confirm.html", "message.html"} {
		if !web.Defined(name) {
			t.Errorf("%s is not a template", name)
		}
	}
}
