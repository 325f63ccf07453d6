package httpapi

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// SurveyRouter serves the survey function's routes: the JSON API with svc,
// and its pages.
func SurveyRouter(log *slog.Logger, svc *survey.Service, pages map[string]HandlerFunc) *Router {
	return NewRouter(log).Serves(routes.Survey, with(pages, map[string]HandlerFunc{
		"GET /surveys/{surveyId}": func(ctx context.Context, req *Request, lang string) (Response, error) {
			s, err := svc.Get(ctx, req.PathParameters["surveyId"], lang, Query(req, "invitation"))
			return Respond(http.StatusOK, s, err, lang)
		},
		"POST /surveys/{surveyId}/responses": func(ctx context.Context, req *Request, lang string) (Response, error) {
			return Created(req, lang, func(sub *survey.Submission, claim *idempotency.Claim) (any, error) {
				return svc.Submit(ctx, req.PathParameters["surveyId"], sub, lang, claim)
			})
		},
	}))
}
