package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
)

// Response is the Lambda proxy response type.
type Response = events.APIGatewayV2HTTPResponse

// status maps error codes to HTTP status: the only place that does.
var status = map[apperr.Code]int{
	apperr.BadRequest:           http.StatusBadRequest,
	apperr.ValidationFailed:     http.StatusUnprocessableEntity,
	apperr.NotFound:             http.StatusNotFound,
	apperr.Conflict:             http.StatusConflict,
	apperr.Closed:               http.StatusConflict,
	apperr.TooLarge:             http.StatusRequestEntityTooLarge,
	apperr.UnsupportedMediaType: http.StatusUnsupportedMediaType,
	apperr.Unauthorized:         http.StatusUnauthorized,
	apperr.Forbidden:            http.StatusForbidden,
	apperr.RateLimited:          http.StatusTooManyRequests,
	apperr.Internal:             http.StatusInternalServerError,
}

// StatusOf returns the HTTP status for an error code.
func StatusOf(c apperr.Code) int { return status[c] }

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    apperr.Code         `json:"code"`
	Message string              `json:"message"`
	Fields  []apperr.FieldError `json:"fields,omitempty"`
}

// Error writes err as the contract's error JSON in lang. Anything that is
// not an *apperr.Error is internal: logged with detail, shown as "internal".
func Error(ctx context.Context, log *slog.Logger, lang string, err error) Response {
	e := apperr.As(err)
	if e == nil {
		log.ErrorContext(ctx, "internal error", "error", err)
		e = apperr.New(apperr.Internal, "internal")
	} else {
		log.InfoContext(ctx, "request rejected", "code", string(e.Code), "reason", e.Key, "fields", len(e.Fields))
	}
	resp := JSON(StatusOf(e.Code), errorBody{Error: errorDetail{
		Code: e.Code, Message: i18n.T(lang, e.Key, e.Args...), Fields: e.Fields,
	}}, lang)
	if h := e.Header(); h != "" {
		resp.Headers["retry-after"] = h
	}
	return resp
}

// Respond answers v with status, or err.
func Respond(status int, v any, err error, lang string) (Response, error) {
	if err != nil {
		return Response{}, err
	}
	return JSON(status, v, lang), nil
}

// Created serves a POST that creates: it decodes the JSON body into a T,
// prepares the Idempotency-Key claim (public routes: no caller), runs fn
// and answers 201 with its result.
func Created[T any](req *Request, lang string, fn func(*T, *idempotency.Claim) (any, error)) (Response, error) {
	var in T
	body, err := DecodeJSON(req, &in)
	if err != nil {
		return Response{}, err
	}
	claim, err := Claim(req, "", body)
	if err != nil {
		return Response{}, err
	}
	v, err := fn(&in, claim)
	return Respond(http.StatusCreated, v, err, lang)
}

// JSON writes v with status.
func JSON(status int, v any, lang string) Response {
	b, err := json.Marshal(v)
	if err != nil {
		// Only our own types are written; failing to encode them is a bug.
		panic("httpapi: encode response: " + err.Error())
	}
	return Raw(status, b, lang)
}

// Raw writes an already encoded JSON body.
func Raw(status int, body []byte, lang string) Response {
	return Response{
		StatusCode: status,
		Headers: map[string]string{
			"content-type":           "application/json; charset=utf-8",
			"content-language":       lang,
			"cache-control":          "no-store",
			"x-content-type-options": "nosniff",
		},
		Body: string(body),
	}
}
