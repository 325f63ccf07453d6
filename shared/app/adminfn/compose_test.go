package adminfn

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// A route table and handlers out of step fail the start with an error
// that names the route; no panic.
func TestComposeReportsRouteMismatch(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ok := func(context.Context, *httpapi.Request, string) (httpapi.Response, error) {
		return httpapi.Response{}, nil
	}
	all := map[string]httpapi.HandlerFunc{}
	for _, r := range routes.Of(routes.Admin) {
		all[r.Key()] = ok
	}
	if _, err := Compose(log, routes.Admin, all); err != nil {
		t.Fatalf("every route served: %v", err)
	}
	missing := map[string]httpapi.HandlerFunc{}
	var gone string
	for k, h := range all {
		if gone == "" {
			gone = k
			continue
		}
		missing[k] = h
	}
	extra := map[string]httpapi.HandlerFunc{"GET /console/nowhere": ok}
	twice := map[string]httpapi.HandlerFunc{gone: ok}
	for name, c := range map[string]struct {
		parts []map[string]httpapi.HandlerFunc
		says  string
	}{
		"a route without a handler": {[]map[string]httpapi.HandlerFunc{missing}, gone},
		"a handler without a route": {[]map[string]httpapi.HandlerFunc{all, extra}, "GET /console/nowhere"},
		"a route served twice":      {[]map[string]httpapi.HandlerFunc{all, twice}, gone},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Compose(log, routes.Admin, c.parts...)
			if err == nil || !strings.Contains(err.Error(), c.says) {
				t.Fatalf("error %v, want one naming %q", err, c.says)
			}
		})
	}
}
