package httpapi

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// MeetingRouter serves the meeting function's routes with svc.
func MeetingRouter(log *slog.Logger, svc *meeting.Service) *Router {
	h := &meetingHandlers{svc: svc}
	r := NewRouter(log)
	r.Handle("GET /meetings/{meetingId}", h.get)
	r.Handle("POST /meetings/{meetingId}/registrations", h.register)
	r.Handle("GET /registrations/{token}", h.owned)
	r.Handle("DELETE /registrations/{token}", h.cancel)
	if err := r.Check(routes.Meeting); err != nil {
		panic(err)
	}
	return r
}

type meetingHandlers struct {
	svc *meeting.Service
}

func (h *meetingHandlers) get(ctx context.Context, req *Request, lang string) (Response, error) {
	m, err := h.svc.Get(ctx, req.PathParameters["meetingId"], lang, Query(req, "invitation"))
	if err != nil {
		return Response{}, err
	}
	return JSON(http.StatusOK, m, lang), nil
}

func (h *meetingHandlers) register(ctx context.Context, req *Request, lang string) (Response, error) {
	id := req.PathParameters["meetingId"]
	var in meeting.Request
	body, err := DecodeJSON(req, &in)
	if err != nil {
		return Response{}, err
	}
	claim, err := Claim(req, "", body)
	if err != nil {
		return Response{}, err
	}
	res, err := h.svc.Register(ctx, id, &in, lang, claim)
	if err != nil {
		return Response{}, err
	}
	return JSON(http.StatusCreated, res, lang), nil
}

func (h *meetingHandlers) owned(ctx context.Context, req *Request, lang string) (Response, error) {
	o, err := h.svc.Owned(ctx, req.PathParameters["token"], lang)
	if err != nil {
		return Response{}, err
	}
	return JSON(http.StatusOK, o, lang), nil
}

func (h *meetingHandlers) cancel(ctx context.Context, req *Request, lang string) (Response, error) {
	if err := h.svc.Cancel(ctx, req.PathParameters["token"]); err != nil {
		return Response{}, err
	}
	return JSON(http.StatusOK, map[string]string{"status": "cancelled"}, lang), nil
}
