package web

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
)

// Every response the pages send tells browsers to use HTTPS only, for a
// year, on subdomains too: pages, redirects, messages, errors, the CSS.
func TestEveryPageResponseSendsHSTS(t *testing.T) {
	const want = "max-age=31536000; includeSubDomains"
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	ctx := context.Background()
	rendered, err := Render(200, "message.html", "de", false, struct {
		Layout
		Text string
	}{NewLayout("de", "t", "", "/", nil), "x"})
	if err != nil {
		t.Fatal(err)
	}
	css, ok := Asset(Stylesheets()[0][len("/assets/"):], "gzip")
	if !ok {
		t.Fatal("no stylesheet")
	}
	for name, resp := range map[string]Response{
		"page":           rendered,
		"redirect":       Redirect("/r/x", "ar", true),
		"message":        Message(ctx, log, 409, "tr", "page.error_title", "internal"),
		"client error":   Error(ctx, log, "en", apperr.New(apperr.NotFound, "survey_not_found")),
		"internal error": Error(ctx, log, "de", io.ErrUnexpectedEOF),
		"stylesheet":     css,
	} {
		if got := resp.Headers["strict-transport-security"]; got != want {
			t.Errorf("%s: Strict-Transport-Security %q, want %q", name, got, want)
		}
	}
}
