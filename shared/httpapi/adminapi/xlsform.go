package adminapi

import (
	"bytes"
	"context"
	"mime"
	"net/http"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/xlsform"
)

// The survey definition as a workbook (XLSForm, AUTHORING.md): GET and PUT
// /admin/surveys/{surveyId}/form.xlsx, and POST /admin/surveys with a
// workbook's content type (createSurvey dispatches).

// isWorkbook reports whether the request's body is a workbook by its
// content type.
func isWorkbook(req *httpapi.Request) bool {
	mt, _, _ := mime.ParseMediaType(req.Headers["content-type"])
	return mt == xlsform.ContentType
}

// workbookBody is a request's workbook: its content type a workbook's
// (415 else), at most xlsform.MaxBody (413 naming the limit).
func workbookBody(req *httpapi.Request) ([]byte, error) {
	if !isWorkbook(req) {
		return nil, apperr.New(apperr.UnsupportedMediaType, "unsupported_media_type")
	}
	return httpapi.RawBody(req, xlsform.MaxBody)
}

// surveyForm serves one of the office's surveys as a workbook.
func (h *adminHandlers) surveyForm(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id := req.PathParameters["surveyId"]
	var buf bytes.Buffer
	if err := h.svc.SurveyForm(ctx, c, id, &buf); err != nil {
		return httpapi.Response{}, err
	}
	return Download(xlsform.ContentType, id+".xlsx", lang, buf.Bytes(), ""), nil
}

// putSurveyForm replaces a survey's definition by a workbook's. Another
// office's survey is not found, whatever the body is.
func (h *adminHandlers) putSurveyForm(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	if _, err := h.svc.Survey(ctx, c, req.PathParameters["surveyId"]); err != nil {
		return httpapi.Response{}, err
	}
	body, err := workbookBody(req)
	if err != nil {
		return httpapi.Response{}, err
	}
	d, err := h.svc.UpdateSurveyFromForm(ctx, c, req.PathParameters["surveyId"], body, lang)
	return httpapi.Respond(http.StatusOK, d, err, lang)
}

// createSurveyFromForm creates a draft survey from a workbook.
func (h *adminHandlers) createSurveyFromForm(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	body, err := workbookBody(req)
	if err != nil {
		return httpapi.Response{}, err
	}
	d, err := h.svc.CreateSurveyFromForm(ctx, c, body, lang)
	return httpapi.Respond(http.StatusCreated, d, err, lang)
}
