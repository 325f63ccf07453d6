package pages

import (
	"context"
	"log/slog"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// page turns a page handler's error into an error page: a page route
// never answers JSON.
func page(log *slog.Logger, fn httpapi.HandlerFunc) httpapi.HandlerFunc { return pageOf(log, fn, true) }

// copied is page for a page that may be answered from its copy
// (page_copy.go): it calls httpapi.WillRender itself before a page it
// knows it renders (one that keeps no copy); a page that finds no current
// copy renders without the head start, which would only share the core
// with it by then.
func copied(log *slog.Logger, fn httpapi.HandlerFunc) httpapi.HandlerFunc {
	return pageOf(log, fn, false)
}

// pageOf is page, saying first that it renders when renders is true. Not
// inlined: one body for the closure, not a copy at each route.
//
//go:noinline
func pageOf(log *slog.Logger, fn httpapi.HandlerFunc, renders bool) httpapi.HandlerFunc {
	return func(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
		if renders {
			httpapi.WillRender(ctx)
		}
		resp, err := fn(ctx, req, lang)
		if err != nil {
			return web.Error(ctx, log, lang, err), nil
		}
		return resp, nil
	}
}
