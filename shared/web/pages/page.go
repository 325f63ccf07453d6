package pages

import (
	"context"
	"log/slog"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// page turns a page handler's error into an error page: a page route
// never answers JSON.
func page(log *slog.Logger, fn httpapi.HandlerFunc) httpapi.HandlerFunc {
	return func(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
		resp, err := fn(ctx, req, lang)
		if err != nil {
			return web.Error(ctx, log, lang, err), nil
		}
		return resp, nil
	}
}
