package httpapi

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// MeetingRouter serves the meeting function's routes: the JSON API with
// svc, and its pages.
func MeetingRouter(log *slog.Logger, svc *meeting.Service, pages map[string]HandlerFunc) *Router {
	token := func(req *Request) string { return req.PathParameters["token"] }
	return NewRouter(log).Serves(routes.Meeting, with(pages, map[string]HandlerFunc{
		"GET /meetings/{meetingId}": func(ctx context.Context, req *Request, lang string) (Response, error) {
			m, err := svc.Get(ctx, req.PathParameters["meetingId"], lang, Query(req, "invitation"))
			return Respond(http.StatusOK, m, err, lang)
		},
		"POST /meetings/{meetingId}/registrations": func(ctx context.Context, req *Request, lang string) (Response, error) {
			return Created(req, lang, func(in *meeting.Request, claim *idempotency.Claim) (any, error) {
				return svc.Register(ctx, req.PathParameters["meetingId"], in, lang, claim)
			})
		},
		"GET /registrations/{token}": func(ctx context.Context, req *Request, lang string) (Response, error) {
			o, err := svc.Owned(ctx, token(req), lang)
			return Respond(http.StatusOK, o, err, lang)
		},
		"DELETE /registrations/{token}": func(ctx context.Context, req *Request, lang string) (Response, error) {
			var erase *meeting.Erasure
			switch Query(req, "erase") {
			case "", "false":
			case "true":
				erase = &meeting.Erasure{Actor: meeting.Registrant}
			default:
				return Response{}, apperr.New(apperr.BadRequest, "bad_erase")
			}
			if err := svc.Cancel(ctx, token(req), erase); err != nil || erase == nil {
				return Respond(http.StatusOK, map[string]string{"status": "cancelled"}, err, lang)
			}
			// Erased: after the meeting began the status stays what it was.
			o, err := svc.Owned(ctx, token(req), lang)
			if err != nil {
				return Response{}, err
			}
			return Respond(http.StatusOK, map[string]any{"status": o.Status, "erased": true}, nil, lang)
		},
	}))
}
