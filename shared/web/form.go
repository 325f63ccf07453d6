package web

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
)

// Form is a posted form: its values, at most one uploaded file, and the
// field errors its getters and the service found (see fields.go).
type Form struct {
	url.Values
	File     []byte
	FileName string
	// Lang is the page's language: the getters' messages are in it.
	Lang string
	// Messages are the catalogue keys of the getters' messages.
	Messages Messages
	errs     map[string]string
}

// ReadForm reads a form POST from this site's own pages (SameOrigin):
// application/x-www-form-urlencoded, at most httpapi.MaxBody, UTF-8 — the
// JSON API's limits and errors.
func ReadForm(req *Request, lang string) (*Form, error) { return readForm(req, lang, false) }

// ReadUpload is ReadForm that also takes multipart/form-data with one
// file, at most httpapi.MaxUploadBody (an invitation list), and a form
// up to that size: the console's forms have a text per language, up to
// thousands of characters each, and Arabic or Cyrillic letters take six
// bytes each once url-encoded.
func ReadUpload(req *Request, lang string) (*Form, error) { return readForm(req, lang, true) }

func readForm(req *Request, lang string, upload bool) (*Form, error) {
	if err := SameOrigin(req); err != nil {
		return nil, err
	}
	f := &Form{Values: url.Values{}, Lang: lang}
	mt, params, err := mime.ParseMediaType(req.Headers["content-type"])
	switch {
	case err == nil && mt == "application/x-www-form-urlencoded":
		limit := httpapi.MaxBody
		if upload {
			limit = httpapi.MaxUploadBody
		}
		body, err := httpapi.BodyLimit(req, limit)
		if err != nil {
			return nil, err
		}
		if f.Values, err = url.ParseQuery(string(body)); err != nil {
			return nil, apperr.New(apperr.BadRequest, "bad_request")
		}
		for k, vs := range f.Values { // %FF decodes to no UTF-8
			if !utf8.ValidString(k) || slices.ContainsFunc(vs, func(v string) bool { return !utf8.ValidString(v) }) {
				return nil, apperr.New(apperr.BadRequest, "invalid_utf8")
			}
		}
		return f, nil
	case err == nil && mt == "multipart/form-data" && upload:
	default:
		return nil, apperr.New(apperr.UnsupportedMediaType, "unsupported_media_type")
	}
	body, err := httpapi.RawBody(req, httpapi.MaxUploadBody)
	if err != nil {
		return nil, err
	}
	r := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		p, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			return f, nil
		}
		if err != nil {
			return nil, apperr.New(apperr.BadRequest, "bad_request")
		}
		b, err := io.ReadAll(p)
		if err != nil {
			return nil, apperr.New(apperr.BadRequest, "bad_request")
		}
		if p.FileName() != "" {
			if f.File != nil {
				// Our forms have one file field: a second file is not
				// silently dropped, the post is refused.
				return nil, apperr.New(apperr.BadRequest, "bad_request")
			}
			f.File, f.FileName = b, filepath.Base(p.FileName())
			continue
		}
		if !utf8.Valid(b) {
			return nil, apperr.New(apperr.BadRequest, "invalid_utf8")
		}
		f.Add(p.FormName(), string(b))
	}
}

// SameOrigin refuses a POST that a browser says comes from another site
// (Sec-Fetch-Site, else Origin against Host): forms post only to
// ourselves, so no other site can make a visitor's browser submit one.
// Origin null (an opaque origin: a sandboxed frame, a data: URL) is
// refused too, unless the browser also says Sec-Fetch-Site: same-origin:
// our own pages' posts carry Origin null, because their Referrer-Policy
// is no-referrer, and with it that header, which no page can set.
func SameOrigin(req *Request) error {
	site := req.Headers["sec-fetch-site"]
	switch site {
	case "", "same-origin", "none":
	default:
		return apperr.New(apperr.Forbidden, "page.cross_origin")
	}
	switch o := req.Headers["origin"]; o {
	case "":
	case "null":
		if site != "same-origin" {
			return apperr.New(apperr.Forbidden, "page.cross_origin")
		}
	default:
		u, err := url.Parse(o)
		if err != nil || u.Host != req.Headers["host"] {
			return apperr.New(apperr.Forbidden, "page.cross_origin")
		}
	}
	return nil
}

// Field names of the bot guard and of the language switch. Each has a
// dot, which no survey question id can have (shared/survey), so no answer
// ever shares a name with them. The honeypot is a text field hidden from
// people (off screen, out of the tab order, aria-hidden) that bots fill.
const (
	HoneypotField = "form.website"
	StampField    = "form.stamp"
	// LangField is the language switch of a form page: its entries are
	// submit buttons of the form with this name, so that switching keeps
	// what was typed.
	LangField = "form.lang"
)

// MinFillTime is how long a person takes at least to fill in a form.
const MinFillTime = 3 * time.Second

// maxStampAge bounds how long a rendered form may be sent.
const maxStampAge = 24 * time.Hour

// Stamp signs the time a form was rendered for path, with a random part:
// the POST proves the form was ours and was not sent faster than a person
// can. Each rendered form has a stamp of its own, even two rendered in the
// same millisecond; it is the idempotency key of its submission (FormClaim).
func Stamp(tokens *linktoken.Minter, path string, now time.Time) string {
	signed := strconv.FormatInt(now.UnixMilli(), 36) + "." + rand.Text()
	return signed + "." + tokens.Token("form-stamp", signed+"|"+path)
}

// stampTime returns when the form of stamp was rendered for path, if the
// stamp is ours for path (checked in constant time).
func stampTime(tokens *linktoken.Minter, stamp, path string) (time.Time, bool) {
	dot := strings.LastIndexByte(stamp, '.')
	if dot < 0 {
		return time.Time{}, false
	}
	signed, sig := stamp[:dot], stamp[dot+1:]
	ts, random, ok := strings.Cut(signed, ".")
	if !ok || random == "" || !hmac.Equal([]byte(sig), []byte(tokens.Token("form-stamp", signed+"|"+path))) {
		return time.Time{}, false
	}
	ms, err := strconv.ParseInt(ts, 36, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.UnixMilli(ms), true
}

// ErrTryAgain is a form that looks sent by a bot: too fast, no or a bad
// stamp, or the honeypot filled. The page says to check and send again.
var ErrTryAgain = apperr.New(apperr.BadRequest, "page.try_again")

// CheckGuard checks the honeypot and the stamp of a posted form.
func CheckGuard(tokens *linktoken.Minter, form url.Values, path string, now time.Time) error {
	if strings.TrimSpace(form.Get(HoneypotField)) != "" {
		return ErrTryAgain
	}
	at, ok := stampTime(tokens, form.Get(StampField), path)
	if !ok {
		return ErrTryAgain
	}
	age := now.Sub(at)
	if age < MinFillTime || age > maxStampAge {
		return ErrTryAgain
	}
	return nil
}

// KeepStamp returns the posted form's stamp when it is ours for path and
// not expired (however young), else a new one: a language switch shows
// the same form again, whose fill time goes on.
func KeepStamp(tokens *linktoken.Minter, form url.Values, path string, now time.Time) string {
	s := form.Get(StampField)
	if at, ok := stampTime(tokens, s, path); ok && now.Sub(at) <= maxStampAge {
		return s
	}
	return Stamp(tokens, path, now)
}

// SwitchTo returns the language a form was posted to switch to (its
// language switch pressed; lang, the page's, for a code we do not have),
// if any: the page shows the form again in that language with its
// values, validating and storing nothing.
func SwitchTo(form url.Values, lang string) (string, bool) {
	code := form.Get(LangField)
	if code == "" {
		return "", false
	}
	if !slices.Contains(i18n.Supported, code) {
		return lang, true
	}
	return code, true
}

// FormClaim is the idempotency claim of a form posted to path: the stamp
// is the key, scoped to the page, to the personal link (invitation) or
// else the client's address, and to the form's values. The same form
// sent again with the same values (a double click, a retry) gets the
// first one's result; sent again with other values (back, change, send)
// it is a new submission; no page ever answers with a key conflict.
func FormClaim(req *Request, path string, form url.Values) (*idempotency.Claim, error) {
	who := "client\x00" + ratelimit.Client(req.RequestContext.HTTP.SourceIP)
	if t := form.Get("invitation"); t != "" {
		who = "invitation\x00" + t
	}
	return claimOf(path, who, form)
}

// StampClaim is the idempotency claim of a signed-in person's form (the
// console's): who is the person's office, the key the form's stamp when
// it is ours for path and not expired; nil without one (nothing to make
// repeat-safe, as a JSON request without an Idempotency-Key).
func StampClaim(tokens *linktoken.Minter, path, who string, form *Form, now time.Time) (*idempotency.Claim, error) {
	at, ok := stampTime(tokens, form.Get(StampField), path)
	if !ok || now.Sub(at) > maxStampAge {
		return nil, nil
	}
	values := form.Values
	if form.File != nil {
		// The file is part of what was sent: the same form sent again
		// with another file is another submission.
		sum := sha256.Sum256(form.File)
		values = maps.Clone(values)
		values["form.file"] = []string{form.FileName, hex.EncodeToString(sum[:])}
	}
	c, err := claimOf(path, who, values)
	if c != nil {
		c.ExpiresAt = now.Add(idempotency.Retention)
	}
	return c, err
}

// claimOf is a form's claim: the stamp is the key, scoped to the page, to
// who sends it and to the form's values.
func claimOf(path, who string, form url.Values) (*idempotency.Claim, error) {
	values := url.Values{}
	for k, v := range form {
		if k != StampField && k != HoneypotField && k != LangField {
			values[k] = v
		}
	}
	sum := sha256.Sum256([]byte(values.Encode()))
	scope := "page\x00" + path + "\x00" + who + "\x00" + hex.EncodeToString(sum[:])
	return idempotency.NewClaim(scope, form.Get(StampField), []byte(scope))
}
