package web

import (
	"mime"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
)

// ParseForm reads a form POST from this site's own pages (SameOrigin):
// application/x-www-form-urlencoded, at most httpapi.MaxBody, UTF-8 — the
// JSON API's limits and errors.
func ParseForm(req *Request) (url.Values, error) {
	if err := SameOrigin(req); err != nil {
		return nil, err
	}
	mt, _, err := mime.ParseMediaType(req.Headers["content-type"])
	if err != nil || mt != "application/x-www-form-urlencoded" {
		return nil, apperr.New(apperr.UnsupportedMediaType, "unsupported_media_type")
	}
	body, err := httpapi.BodyLimit(req, httpapi.MaxBody)
	if err != nil {
		return nil, err
	}
	v, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, apperr.New(apperr.BadRequest, "bad_request")
	}
	return v, nil
}

// SameOrigin refuses a POST that a browser says comes from another site
// (Sec-Fetch-Site, else Origin against Host): forms post only to
// ourselves, so no other site can make a visitor's browser submit one.
func SameOrigin(req *Request) error {
	switch site := req.Headers["sec-fetch-site"]; site {
	case "", "same-origin", "none":
	default:
		return apperr.New(apperr.Forbidden, "page.cross_origin")
	}
	if o := req.Headers["origin"]; o != "" && o != "null" {
		u, err := url.Parse(o)
		if err != nil || u.Host != req.Headers["host"] {
			return apperr.New(apperr.Forbidden, "page.cross_origin")
		}
	}
	return nil
}

// Field names of the bot guard. The honeypot is a text field hidden from
// people (off screen, out of the tab order, aria-hidden) that bots fill.
const (
	HoneypotField = "website"
	StampField    = "form_stamp"
)

// MinFillTime is how long a person takes at least to fill in a form.
const MinFillTime = 3 * time.Second

// maxStampAge bounds how long a rendered form may be sent.
const maxStampAge = 24 * time.Hour

// Stamp signs the time a form was rendered for path: the POST proves the
// form was ours and was not sent faster than a person can. Each rendered
// form has its own stamp, which also serves as the Idempotency-Key of its
// submission (a double click stores one answer).
func Stamp(tokens *linktoken.Minter, path string, now time.Time) string {
	ts := strconv.FormatInt(now.UnixMilli(), 36)
	return ts + "." + tokens.Token("form-stamp", ts+"|"+path)
}

// ErrTryAgain is a form that looks sent by a bot: too fast, no or a bad
// stamp, or the honeypot filled. The page says to check and send again.
var ErrTryAgain = apperr.New(apperr.BadRequest, "page.try_again")

// CheckGuard checks the honeypot and the stamp of a posted form.
func CheckGuard(tokens *linktoken.Minter, form url.Values, path string, now time.Time) error {
	if strings.TrimSpace(form.Get(HoneypotField)) != "" {
		return ErrTryAgain
	}
	ts, sig, ok := strings.Cut(form.Get(StampField), ".")
	if !ok || sig != tokens.Token("form-stamp", ts+"|"+path) {
		return ErrTryAgain
	}
	ms, err := strconv.ParseInt(ts, 36, 64)
	if err != nil {
		return ErrTryAgain
	}
	age := now.Sub(time.UnixMilli(ms))
	if age < MinFillTime || age > maxStampAge {
		return ErrTryAgain
	}
	return nil
}

// Fields turns a validation error's field errors into the page's, with
// id mapping a field path to the id of its form control.
func Fields(err error, id func(path string) string) []FieldError {
	e := apperr.As(err)
	if e == nil || e.Code != apperr.ValidationFailed {
		return nil
	}
	out := make([]FieldError, 0, len(e.Fields))
	for _, fe := range e.Fields {
		out = append(out, FieldError{Field: id(fe.Field), Message: fe.Message})
	}
	return out
}

// ErrorFor returns the message of the error for control id, or "".
func ErrorFor(errs []FieldError, id string) string {
	for _, e := range errs {
		if e.Field == id {
			return e.Message
		}
	}
	return ""
}
