package httpapi

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// SurveyRouter serves the survey function's routes with svc.
func SurveyRouter(log *slog.Logger, svc *survey.Service) *Router {
	h := &surveyHandlers{svc: svc}
	r := NewRouter(log)
	r.Handle("GET /surveys/{surveyId}", h.get)
	r.Handle("POST /surveys/{surveyId}/responses", h.submit)
	if err := r.Check(routes.Survey); err != nil {
		panic(err)
	}
	return r
}

type surveyHandlers struct {
	svc *survey.Service
}

func (h *surveyHandlers) get(ctx context.Context, req *Request, lang string) (Response, error) {
	s, err := h.svc.Get(ctx, req.PathParameters["surveyId"], lang, Query(req, "invitation"))
	if err != nil {
		return Response{}, err
	}
	return JSON(http.StatusOK, s, lang), nil
}

func (h *surveyHandlers) submit(ctx context.Context, req *Request, lang string) (Response, error) {
	id := req.PathParameters["surveyId"]
	var sub survey.Submission
	body, err := DecodeJSON(req, &sub)
	if err != nil {
		return Response{}, err
	}
	claim, err := Claim(req, "", body)
	if err != nil {
		return Response{}, err
	}
	receipt, err := h.svc.Submit(ctx, id, &sub, lang, claim)
	if err != nil {
		return Response{}, err
	}
	return JSON(http.StatusCreated, receipt, lang), nil
}
