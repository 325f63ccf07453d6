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
	return copied(log, func(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
		web.WillRender(ctx)
		return fn(ctx, req, lang)
	})
}

// copied is page for a page that may be answered from its copy
// (page_copy.go): it calls web.WillRender itself, when it must render.
func copied(log *slog.Logger, fn httpapi.HandlerFunc) httpapi.HandlerFunc {
	return func(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
		resp, err := fn(ctx, req, lang)
		if err != nil {
			return web.Error(ctx, log, lang, err), nil
		}
		return resp, nil
	}
}
