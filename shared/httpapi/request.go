// Package httpapi adapts API Gateway HTTP API (payload 2.0) events to the
// domain services: one JSON decoder, one error writer, one router per
// function. The dev server feeds it the same events API Gateway would.
package httpapi

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/url"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// MaxBody is the largest accepted request body (after base64 decoding).
const MaxBody = 64 << 10

// MaxUploadBody is the limit of the one route that takes lists: invitation
// uploads of up to 2,000 organisations (coordinators only).
const MaxUploadBody = 1 << 20

// Language negotiates the caller's language from ?lang= and Accept-Language.
func Language(req *events.APIGatewayV2HTTPRequest) string {
	return i18n.Negotiate(Query(req, "lang"), req.Headers["accept-language"])
}

// Query returns a query parameter (the first value).
func Query(req *events.APIGatewayV2HTTPRequest, name string) string {
	if req.QueryStringParameters != nil {
		v, _, _ := strings.Cut(req.QueryStringParameters[name], ",")
		return v
	}
	// Without parsed parameters, read the raw query leniently: a value that
	// does not unescape is passed on as written, for the handler to reject.
	for _, kv := range strings.Split(req.RawQueryString, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if uk, err := url.QueryUnescape(k); err == nil && uk == name {
			if uv, err := url.QueryUnescape(v); err == nil {
				return uv
			}
			return v
		}
	}
	return ""
}

// BodyLimit returns the request body as bytes, decoding base64 if API
// Gateway encoded it, and enforcing limit (bytes) and UTF-8.
func BodyLimit(req *events.APIGatewayV2HTTPRequest, limit int) ([]byte, error) {
	b, err := RawBody(req, limit)
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(b) {
		return nil, apperr.New(apperr.BadRequest, "invalid_utf8")
	}
	return b, nil
}

// RawBody is BodyLimit for binary bodies (an uploaded file): no UTF-8
// check.
func RawBody(req *events.APIGatewayV2HTTPRequest, limit int) ([]byte, error) {
	// A base64 body is 4/3 the size of its content: reject early on length.
	if len(req.Body) > limit*4/3+4 || (!req.IsBase64Encoded && len(req.Body) > limit) {
		return nil, apperr.New(apperr.TooLarge, "too_large", limit>>10)
	}
	b := []byte(req.Body)
	if req.IsBase64Encoded {
		var err error
		if b, err = base64.StdEncoding.DecodeString(req.Body); err != nil {
			return nil, apperr.New(apperr.BadRequest, "invalid_base64")
		}
		if len(b) > limit {
			return nil, apperr.New(apperr.TooLarge, "too_large", limit>>10)
		}
	}
	return b, nil
}

// Claim prepares the Idempotency-Key claim of a POST: one scheme for the
// public and the coordinators' routes. The key is scoped to who asks
// (an office; "" for the public), the route and the path, so one key
// never replays another caller's or another resource's result. No key:
// nil.
func Claim(req *events.APIGatewayV2HTTPRequest, caller string, body []byte) (*idempotency.Claim, error) {
	return idempotency.NewClaim(caller+"\x00"+req.RouteKey+"\x00"+req.RawPath, req.Headers["idempotency-key"], body)
}

// RequireJSON checks the content type: application/json, optionally with
// charset=utf-8.
func RequireJSON(req *events.APIGatewayV2HTTPRequest) error {
	ct := req.Headers["content-type"]
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return apperr.New(apperr.UnsupportedMediaType, "unsupported_media_type")
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return apperr.New(apperr.UnsupportedMediaType, "unsupported_media_type")
	}
	return nil
}

// DecodeJSON checks content type, size and encoding, then decodes the body
// strictly into dst: one JSON object, no unknown, duplicate or case-variant
// keys, right types. It
// returns the raw body too (for idempotency fingerprints).
func DecodeJSON(req *events.APIGatewayV2HTTPRequest, dst any) ([]byte, error) {
	return DecodeJSONLimit(req, dst, MaxBody)
}

// DecodeJSONLimit is DecodeJSON with another size limit.
func DecodeJSONLimit(req *events.APIGatewayV2HTTPRequest, dst any, limit int) ([]byte, error) {
	if err := RequireJSON(req); err != nil {
		return nil, err
	}
	body, err := BodyLimit(req, limit)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, apperr.New(apperr.BadRequest, "empty_body")
	}
	if trimmed[0] != '{' {
		if json.Valid(trimmed) {
			return nil, apperr.New(apperr.BadRequest, "json_not_object")
		}
		return nil, apperr.New(apperr.BadRequest, "malformed_json")
	}
	if err := validation.CheckKeys(body, reflect.TypeOf(dst)); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return nil, decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, apperr.New(apperr.BadRequest, "json_trailing")
	}
	return body, nil
}

func decodeError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return apperr.New(apperr.BadRequest, "wrong_type", te.Field)
	}
	if name, ok := validation.UnknownJSONField(err); ok {
		return apperr.New(apperr.BadRequest, "unknown_field", name)
	}
	return apperr.New(apperr.BadRequest, "malformed_json")
}
