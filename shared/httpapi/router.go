package httpapi

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// Request is the API Gateway HTTP API payload 2.0 request.
type Request = events.APIGatewayV2HTTPRequest

// HandlerFunc serves one route. lang is the negotiated language.
type HandlerFunc func(ctx context.Context, req *Request, lang string) (Response, error)

// Router dispatches on the event's route key, which API Gateway sets to the
// matched route ("POST /surveys/{surveyId}/responses").
type Router struct {
	log      *slog.Logger
	handlers map[string]HandlerFunc
}

// NewRouter returns an empty router: Handle registers each route of a
// function, and Check verifies that the router serves exactly that
// function's routes of the route table.
func NewRouter(log *slog.Logger) *Router {
	return &Router{log: log, handlers: map[string]HandlerFunc{}}
}

// Handle registers h for a route key.
func (r *Router) Handle(routeKey string, h HandlerFunc) { r.handlers[routeKey] = h }

// Serves registers handlers, by route key, and checks that they are
// exactly fn's routes of the route table: a mismatch is a bug found at
// start (it panics).
func (r *Router) Serves(fn routes.Function, handlers map[string]HandlerFunc) *Router {
	for k, h := range handlers {
		r.Handle(k, h)
	}
	if err := r.Check(fn); err != nil {
		panic(err)
	}
	return r
}

// with adds more handlers to handlers.
func with(more, handlers map[string]HandlerFunc) map[string]HandlerFunc {
	for k, h := range more {
		handlers[k] = h
	}
	return handlers
}

// Check returns an error unless the router serves exactly fn's routes of the
// route table: a start-up check that keeps table and code in step.
func (r *Router) Check(fn routes.Function) error {
	want := routes.Of(fn)
	for _, rt := range want {
		if _, ok := r.handlers[rt.Key()]; !ok {
			return fmt.Errorf("function %s: no handler for route %q", fn, rt.Key())
		}
	}
	if len(r.handlers) != len(want) {
		return fmt.Errorf("function %s: %d handlers for %d routes", fn, len(r.handlers), len(want))
	}
	return nil
}

// Serve is the Lambda handler.
func (r *Router) Serve(ctx context.Context, req events.APIGatewayV2HTTPRequest) (resp Response, err error) {
	lang := Language(&req)
	log := r.log.With("route", req.RouteKey, "apiRequestId", req.RequestContext.RequestID)
	defer func() {
		// A panic must not leak a stack trace to the client or kill a warm
		// container's next request.
		if p := recover(); p != nil {
			log.ErrorContext(ctx, "panic", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			resp, err = Error(ctx, log, lang, fmt.Errorf("panic: %v", p)), nil
		}
	}()
	h, ok := r.handlers[req.RouteKey]
	if !ok {
		return Error(ctx, log, lang, apperr.New(apperr.NotFound, "route_not_found")), nil
	}
	// Per-client limits count by the caller's address (API Gateway's
	// sourceIp; the dev server's peer address).
	ctx = ratelimit.WithClient(ctx, req.RequestContext.HTTP.SourceIP)
	resp, err = h(ctx, &req, lang)
	if err != nil {
		return Error(ctx, log, lang, err), nil
	}
	log.InfoContext(ctx, "request served", "status", resp.StatusCode)
	return compress(&req, resp), nil
}
