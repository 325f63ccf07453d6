package console

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/export"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/invitation/listfile"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	template "github.com/integration-offices/netzwerk-backend/third_party/htmltemplate"
)

// Request and Response are API Gateway's payload 2.0 types.
type (
	Request  = events.APIGatewayV2HTTPRequest
	Response = events.APIGatewayV2HTTPResponse
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed catalogue/*.json.gz
var catalogueFS embed.FS

// The console's texts (and the exports'), in the admin function only.
func init() {
	sub, _ := fs.Sub(catalogueFS, "catalogue")
	i18n.Extend(sub)
}

var pages = web.NewSet(templateFS, "templates/*.html", template.FuncMap{
	// dict passes named values to a partial template.
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	// inc counts from 1.
	"inc": func(i int) int { return i + 1 },
})

// Exporter writes an export (admin API's ExportResponse).
type Exporter func(req *httpapi.Request, lang string, xlsx bool, name func(export.Dialect) string, run func(io.Writer, export.Options) error) (httpapi.Response, error)

// Console serves the console's routes.
type Console struct {
	log      *slog.Logger
	svc      *admin.Service
	sessions *Sessions
	export   Exporter
	keys     KeyStore
}

// KeyStore keeps the idempotency keys of the console's forms (their
// stamps), as it keeps the JSON API's Idempotency-Keys.
type KeyStore interface {
	ClaimKey(ctx context.Context, claim *idempotency.Claim) (*idempotency.Replay, error)
	CompleteKey(ctx context.Context, claim *idempotency.Claim) error
	ReleaseKey(ctx context.Context, claim *idempotency.Claim) error
}

// Handlers returns the console's handlers by route key.
func Handlers(log *slog.Logger, svc *admin.Service, sessions *Sessions, keys KeyStore, export Exporter) map[string]httpapi.HandlerFunc {
	c := &Console{log: log, svc: svc, sessions: sessions, export: export, keys: keys}
	return map[string]httpapi.HandlerFunc{
		"GET /console":                                                            c.signedIn(c.home),
		"GET /console/sign-in":                                                    c.public(c.signIn),
		"GET /console/callback":                                                   c.public(c.callback),
		"POST /console/sign-out":                                                  c.checked(c.signOut),
		"GET /console/signed-out":                                                 c.public(c.signedOut),
		"GET /console/surveys/{surveyId}":                                         c.signedIn(c.survey),
		"POST /console/surveys/{surveyId}/invitations":                            c.posted(c.invite(invitation.Survey)),
		"POST /console/surveys/{surveyId}/reminders":                              c.posted(c.remind(invitation.Survey)),
		"GET /console/surveys/{surveyId}/invitations/{invitationId}":              c.signedIn(c.invitationGet(invitation.Survey)),
		"POST /console/surveys/{surveyId}/invitations/{invitationId}":             c.posted(c.invitationPost(invitation.Survey)),
		"GET /console/surveys/{surveyId}/mail-texts":                              c.signedIn(c.mailTextsGet(invitation.Survey)),
		"POST /console/surveys/{surveyId}/mail-texts":                             c.posted(c.mailTextsPost(invitation.Survey)),
		"GET /console/surveys/{surveyId}/responses.csv":                           c.signedIn(c.exportResponses(false)),
		"GET /console/surveys/{surveyId}/responses.xlsx":                          c.signedIn(c.exportResponses(true)),
		"POST /console/surveys/{surveyId}/responses/{responseId}/erase":           c.posted(c.eraseResponse),
		"GET /console/surveys/{surveyId}/preview":                                 c.signedIn(c.preview),
		"POST /console/surveys/{surveyId}/preview":                                c.posted(c.previewStep),
		"GET /console/meetings/new":                                               c.signedIn(c.newMeeting),
		"POST /console/meetings":                                                  c.posted(c.createMeeting),
		"GET /console/meetings/{meetingId}":                                       c.signedIn(c.meeting),
		"GET /console/meetings/{meetingId}/edit":                                  c.signedIn(c.editMeeting),
		"POST /console/meetings/{meetingId}":                                      c.posted(c.updateMeeting),
		"GET /console/meetings/{meetingId}/attendance":                            c.signedIn(c.attendance),
		"GET /console/meetings/{meetingId}/cancel":                                c.signedIn(c.cancelMeetingPage),
		"POST /console/meetings/{meetingId}/cancel":                               c.posted(c.cancelMeeting),
		"GET /console/meetings/{meetingId}/message":                               c.signedIn(c.messagePage),
		"POST /console/meetings/{meetingId}/message":                              c.posted(c.sendMessage),
		"POST /console/meetings/{meetingId}/invitations":                          c.posted(c.invite(invitation.Meeting)),
		"POST /console/meetings/{meetingId}/reminders":                            c.posted(c.remind(invitation.Meeting)),
		"GET /console/meetings/{meetingId}/invitations/{invitationId}":            c.signedIn(c.invitationGet(invitation.Meeting)),
		"POST /console/meetings/{meetingId}/invitations/{invitationId}":           c.posted(c.invitationPost(invitation.Meeting)),
		"GET /console/meetings/{meetingId}/mail-texts":                            c.signedIn(c.mailTextsGet(invitation.Meeting)),
		"POST /console/meetings/{meetingId}/mail-texts":                           c.posted(c.mailTextsPost(invitation.Meeting)),
		"GET /console/meetings/{meetingId}/registrations.csv":                     c.signedIn(c.exportRegistrations(false)),
		"GET /console/meetings/{meetingId}/registrations.xlsx":                    c.signedIn(c.exportRegistrations(true)),
		"POST /console/meetings/{meetingId}/registrations/{registrationId}/erase": c.posted(c.eraseRegistration),
		"GET /console/office":                                                     c.signedIn(c.officePage),
		"POST /console/office":                                                    c.posted(c.saveOffice),
		"GET /console/mails/failed":                                               c.signedIn(c.failedMails),
		"POST /console/mails/{mailId}/resend":                                     c.posted(c.resendMail),
		"POST /console/organisations/entry-mails":                                 c.posted(c.entryMails),
		"GET /console/surveys/new":                                                c.signedIn(c.newSurvey),
		"POST /console/surveys/new":                                               c.posted(c.createSurvey),
		"GET /console/surveys/{surveyId}/edit":                                    c.signedIn(c.editor),
		"GET /console/surveys/{surveyId}/edit/settings":                           c.signedIn(c.editSettings),
		"POST /console/surveys/{surveyId}/edit/settings":                          c.posted(c.saveSettings),
		"GET /console/surveys/{surveyId}/edit/section":                            c.signedIn(c.editSection),
		"POST /console/surveys/{surveyId}/edit/section":                           c.posted(c.saveSection),
		"GET /console/surveys/{surveyId}/edit/question":                           c.signedIn(c.editQuestion),
		"POST /console/surveys/{surveyId}/edit/question":                          c.posted(c.saveQuestion),
		"GET /console/surveys/{surveyId}/edit/condition":                          c.signedIn(c.editCondition),
		"POST /console/surveys/{surveyId}/edit/condition":                         c.posted(c.saveCondition),
		"GET /console/surveys/{surveyId}/edit/texts":                              c.signedIn(c.editTexts),
		"POST /console/surveys/{surveyId}/edit/texts":                             c.posted(c.saveTexts),
		"POST /console/surveys/{surveyId}/edit/move":                              c.posted(c.moveItem),
		"POST /console/surveys/{surveyId}/edit/remove":                            c.posted(c.removeItem),
		"POST /console/surveys/{surveyId}/edit/publish":                           c.posted(c.publishSurvey),
		"GET /console/surveys/{surveyId}/form.xlsx":                               c.signedIn(c.surveySheet),
		"POST /console/surveys/{surveyId}/form":                                   c.posted(c.uploadSheet),
		"GET /console/audit":                                                      c.signedIn(c.auditPage),
		"GET /console/organisations/unlinked":                                     c.signedIn(c.unlinked),
		"POST /console/organisations/unlinked":                                    c.posted(c.linkUnlinked),
		"GET /console/organisations":                                              c.signedIn(c.organisations),
		"GET /console/organisations.xlsx":                                         c.signedIn(c.exportOrganisations),
		"POST /console/organisations/invitations":                                 c.posted(c.inviteOrganisations),
		"GET /console/organisations/{organisationId}":                             c.signedIn(c.organisation),
		"POST /console/organisations/{organisationId}":                            c.posted(c.organisationPost),
		"GET /console/surveys/{surveyId}/report":                                  c.signedIn(c.report),
		"GET /console/surveys/{surveyId}/report.xlsx":                             c.signedIn(c.reportXLSX),
		"POST /console/surveys/{surveyId}/report/translate":                       c.posted(c.translateAnswers),
		"GET /console/matches":                                                    c.signedIn(c.matches),
		"POST /console/meetings/from-need":                                        c.posted(c.meetingFromNeed),
		"POST /console/meetings/{meetingId}/publish":                              c.posted(c.publishMeeting),
		"POST /console/meetings/{meetingId}/invitations/send-planned":             c.posted(c.sendPlanned),
	}
}

type handler func(ctx context.Context, s *Session, req *Request, lang string) (Response, error)

// signedIn runs h for a verified session; without one the browser goes
// to sign in and then comes back to the page it asked for.
//
// Not inlined: inlined, each route's call would get its own copy of
// the closure (1 to 3 KB of the admin bootstrap per route).
//
//go:noinline
func (c *Console) signedIn(h handler) httpapi.HandlerFunc {
	return func(ctx context.Context, req *Request, lang string) (Response, error) {
		s, err := c.sessions.Verify(ctx, req)
		if err != nil {
			return c.fail(ctx, req, lang, err), nil
		}
		// The header names the office as its profile does (one GetItem).
		p, err := c.svc.OfficeProfile(ctx, s.Coordinator)
		if err != nil {
			return c.fail(ctx, req, lang, err), nil
		}
		if p != nil {
			s.officeName = p.NameIn
		}
		resp, err := h(ctx, s, req, lang)
		if err != nil {
			return c.fail(ctx, req, lang, err), nil
		}
		resp.Headers["cache-control"] = "no-store"
		resp.Headers["strict-transport-security"] = web.HSTS // downloads too
		if _, ok := resp.Headers["content-security-policy"]; ok {
			resp.Headers["content-security-policy"] = c.sessions.csp
		}
		return resp, nil
	}
}

// posted is signedIn for a form POST: same origin, the session's CSRF
// token, or 403 and nothing changes. A form posted again with its stamp
// and the same values (a double click, a retry, back and send) gets the
// first post's answer, its redirect, and does nothing again.
//
// Not inlined: inlined, each route's call would get its own copy of
// the closure (1 to 3 KB of the admin bootstrap per route).
//
//go:noinline
func (c *Console) posted(h postHandler) httpapi.HandlerFunc {
	return c.checked(func(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
		claim, err := web.StampClaim(c.sessions.tokens, req.RawPath, "office\x00"+s.Office, form, c.svc.Now())
		if err != nil || claim == nil {
			return h(ctx, s, req, lang, form)
		}
		if resp, ok, err := c.replay(ctx, claim, lang); ok || err != nil {
			return resp, err
		}
		resp, err := h(ctx, s, req, lang, form)
		if err != nil || resp.StatusCode != http.StatusSeeOther {
			// Nothing done (an error, the form again, a confirm step): the
			// same stamp may be sent again.
			if rerr := c.keys.ReleaseKey(ctx, claim); rerr != nil {
				err = errors.Join(err, rerr)
			}
			return resp, err
		}
		claim.Status, claim.Body = resp.StatusCode, []byte(resp.Headers["location"])
		if err := c.keys.CompleteKey(ctx, claim); err != nil {
			return Response{}, err
		}
		return resp, nil
	})
}

// postHandler serves a console form's post.
type postHandler func(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error)

// checked reads a console post and checks its CSRF token. Sign-out is
// only checked, not made repeat-safe: a replay would answer without the
// cookies that clear the session in the browser, and ending a session
// twice is harmless.
//
// Not inlined: inlined, each route's call would get its own copy of
// the closure (1 to 3 KB of the admin bootstrap per route).
//
//go:noinline
func (c *Console) checked(h postHandler) httpapi.HandlerFunc {
	return c.signedIn(func(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
		form, err := readForm(req, lang)
		if err != nil {
			return Response{}, err
		}
		if err := s.CheckCSRF(form.Get(CSRFField)); err != nil {
			return Response{}, err
		}
		return h(ctx, s, req, lang, form)
	})
}

// replayWait bounds how long a repeated post waits for the first one.
const replayWait = 10 * time.Second

// replay claims a form's stamp: ok with the first post's redirect when
// the form was posted before (waiting while that one still runs), not ok
// when this post is the first.
func (c *Console) replay(ctx context.Context, claim *idempotency.Claim, lang string) (Response, bool, error) {
	for deadline := time.Now().Add(replayWait); ; {
		r, err := c.keys.ClaimKey(ctx, claim)
		if err != nil || r == nil {
			return Response{}, false, err
		}
		if !r.Pending {
			return web.Redirect(string(r.Body), lang, true), true, nil
		}
		if time.Now().After(deadline) {
			return Response{}, false, apperr.New(apperr.Conflict, "page.try_again")
		}
		select {
		case <-ctx.Done():
			return Response{}, false, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (c *Console) public(h func(ctx context.Context, req *Request, lang string) (Response, error)) httpapi.HandlerFunc {
	return func(ctx context.Context, req *Request, lang string) (Response, error) {
		resp, err := h(ctx, req, lang)
		if err != nil {
			return c.fail(ctx, req, lang, err), nil
		}
		return resp, nil
	}
}

// fail answers an error: no session → sign in (then back), everything
// else as the public pages answer errors.
func (c *Console) fail(ctx context.Context, req *Request, lang string, err error) Response {
	if errors.Is(err, errNoSession) {
		next := "/console"
		if req.RequestContext.HTTP.Method == http.MethodGet {
			next = req.RawPath
			if req.RawQueryString != "" {
				next += "?" + req.RawQueryString
			}
		}
		return web.Redirect("/console/sign-in?"+url.Values{"next": {next}}.Encode(), lang, true)
	}
	resp := web.Error(ctx, c.log, lang, err)
	resp.Headers["cache-control"] = "no-store"
	return resp
}

func (c *Console) signIn(_ context.Context, req *Request, _ string) (Response, error) {
	return c.sessions.signIn(httpapi.Query(req, "next"))
}

func (c *Console) callback(ctx context.Context, req *Request, _ string) (Response, error) {
	return c.sessions.callback(ctx, req, httpapi.Query(req, "code"), httpapi.Query(req, "state"))
}

// signOut ends the session (its item goes, so a copy of the cookie is
// dead too), revokes the refresh token, and ends the managed login's
// session. A refresh token that cannot be revoked is logged; the console
// session is over all the same.
func (c *Console) signOut(ctx context.Context, s *Session, req *Request, lang string, _ *Form) (Response, error) {
	if err := c.sessions.end(ctx, s, req); errors.Is(err, errRevoke) {
		c.log.WarnContext(ctx, "sign-out: refresh token not revoked", "error", err)
	} else if err != nil {
		return Response{}, err
	}
	resp := web.Redirect(c.sessions.signOutURL(), lang, true)
	resp.Cookies = []string{SetCookie(SessionCookie, "", 0), refreshCookie("", 0)}
	return resp, nil
}

func (c *Console) signedOut(ctx context.Context, _ *Request, lang string) (Response, error) {
	resp, err := pages.Render(http.StatusOK, "signed_out.html", lang, true, struct{ base }{c.base(nil, lang, "console.signed_out_title", "/console/signed-out")})
	if err == nil {
		resp.Cookies = []string{SetCookie(SessionCookie, "", 0)}
	}
	return resp, err
}

// base is what every console page shows around its content.
type base struct {
	web.Layout
	CSRF string
	// Stamp is the stamp of the page's main form (its key: posted twice,
	// it does its work once); StampFor stamps the page's other forms.
	Stamp string
	stamp func(path string) string
	Q     string // "?lang=…" when the page was asked for in a language
	Nav   bool
}

func (c *Console) base(s *Session, lang, titleKey, path string, args ...any) base {
	b := base{Layout: web.NewLayout(lang, i18n.T(lang, titleKey, args...), "", path, nil)}
	b.Private = true
	b.stamp = func(p string) string { return web.Stamp(c.sessions.tokens, p, c.svc.Now()) }
	if s != nil {
		b.Office, b.CSRF, b.Nav = s.Office, s.CSRF, true
		if s.officeName != nil {
			b.OfficeName = s.officeName(lang)
		}
	}
	return b
}

// Upload is the invitation list's file input; the page's errors are the
// upload's (its bad lines, in the summary).
func (b base) Upload() web.Input {
	in := web.Input{Lang: b.Lang, ID: "file", Name: "file", Type: "file", Required: true,
		Label: i18n.T(b.Lang, "console.upload_label"), Hint: i18n.T(b.Lang, "console.upload_hint"),
		Accept: ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
	for _, e := range b.Errors {
		if e.Field == "file" { // not another form's (publish)
			in.Err = i18n.T(b.Lang, "console.upload_failed")
			break
		}
	}
	return in
}

// StampFor is a new stamp for a form that posts to path.
func (b base) StampFor(path string) string {
	if b.stamp == nil {
		return ""
	}
	return b.stamp(path)
}

// stamp is the stamp of a form to path shown again (a language switch,
// its errors): the posted one when it is ours for path, else a new one.
func (c *Console) stamp(form *Form, path string) string {
	return web.KeepStamp(c.sessions.tokens, form.Values, path, c.svc.Now())
}

// withLang is base with the language links and Q of the request.
func withLang(b base, req *Request) base {
	if httpapi.Query(req, "lang") != "" {
		b.Q = "?lang=" + url.QueryEscape(b.Lang)
	}
	return b
}

// --- forms ---

// Form is a posted console form (web's kit).
type Form = web.Form

// messages are the console's words for values the kit cannot read.
var messages = web.Messages{Number: "console.bad_number", Decimal: "console.bad_number", Time: "console.bad_time", Date: "console.bad_time"}

// readForm reads a console POST: same origin, url-encoded or multipart
// with one file (an invitation list).
func readForm(req *Request, lang string) (*Form, error) {
	f, err := web.ReadUpload(req, lang)
	if err != nil {
		return nil, err
	}
	f.Messages = messages
	return f, nil
}

// newForm is a console form to render, filled in with values.
func newForm(lang string, values url.Values) *Form {
	f := web.NewForm(lang, values)
	f.Messages = messages
	return f
}

// --- exports ---

func (c *Console) exportResponses(xlsx bool) handler {
	return func(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
		id := req.PathParameters["surveyId"]
		return c.export(withLabels(req), lang, xlsx, func(d export.Dialect) string { return admin.ExportName(id, "antworten", xlsx, d, c.svc.Now()) }, func(w io.Writer, o export.Options) error {
			return c.svc.ExportResponses(ctx, s.Coordinator, id, o, w)
		})
	}
}

func (c *Console) exportRegistrations(xlsx bool) handler {
	return func(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
		id := req.PathParameters["meetingId"]
		return c.export(withLabels(req), lang, xlsx, func(d export.Dialect) string { return admin.ExportName(id, "anmeldungen", xlsx, d, c.svc.Now()) }, func(w io.Writer, o export.Options) error {
			return c.svc.ExportRegistrations(ctx, s.Coordinator, id, o, w)
		})
	}
}

// withLabels: the console's downloads have human column names (the
// admin API's default are the stable codes); dialect and values as asked.
func withLabels(req *Request) *Request {
	r := *req
	q := map[string]string{"header": "labels"}
	for _, k := range []string{"dialect", "values"} {
		if v := httpapi.Query(req, k); v != "" {
			q[k] = v
		}
	}
	r.QueryStringParameters, r.RawQueryString = q, ""
	return &r
}

// --- invitations ---

func (c *Console) invite(kind invitation.Kind) func(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	return func(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
		id := target(req, kind)
		if form.Get("add") == "one" {
			return c.addInvitation(ctx, s, req, kind, id, form)
		}
		list, err := parseList(form.FileName, form.File, lang)
		if err == nil {
			var res *admin.InviteResult
			asWritten := &invitation.List{Entries: slices.Clone(list.Entries), Lines: list.Lines} // the check trims and lowers
			if res, err = c.svc.Invite(ctx, s.Coordinator, kind, id, list.Entries, list.Lines, lang); err == nil {
				return web.Redirect(pagePath(kind, id)+flash(req, "invited", res.Invited, "already", res.AlreadyInvited, "objected", res.Objected, "encoding", list.Encoding)+"#invitations", lang, true), nil
			}
			err = valueErrors(err, asWritten, lang)
		}
		if apperr.CodeOf(err) != apperr.ValidationFailed && apperr.CodeOf(err) != apperr.BadRequest {
			return Response{}, err
		}
		// The page again, with each bad line in the error summary.
		return c.targetPage(ctx, s, req, lang, kind, id, uploadErrors(err, lang))
	}
}

func (c *Console) remind(kind invitation.Kind) func(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	return func(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
		id := target(req, kind)
		if form.Get("confirm") != "yes" {
			return c.remindConfirm(ctx, s, req, lang, kind, id)
		}
		res, err := c.svc.Remind(ctx, s.Coordinator, kind, id)
		if err != nil {
			return Response{}, err
		}
		return web.Redirect(pagePath(kind, id)+flash(req, "reminded", res.Reminded)+"#invitations", lang, true), nil
	}
}

func (c *Console) targetPage(ctx context.Context, s *Session, req *Request, lang string, kind invitation.Kind, id string, errs []web.FieldError) (Response, error) {
	if kind == invitation.Meeting {
		return c.meetingPage(ctx, s, req, lang, id, errs)
	}
	return c.surveyPage(ctx, s, req, lang, id, errs)
}

// uploadErrors lists an upload's errors for the summary: each bad line
// with its reason, linked to the file field.
func uploadErrors(err error, lang string) []web.FieldError {
	e := apperr.As(err)
	if e.Code != apperr.ValidationFailed {
		return []web.FieldError{{Field: "file", Message: i18n.T(lang, e.Key, e.Args...)}}
	}
	out := make([]web.FieldError, 0, len(e.Fields))
	for _, f := range e.Fields {
		out = append(out, web.FieldError{Field: "file", Message: lineLabel(f.Field, lang) + f.Message})
	}
	return out
}

// lineLabel reads "line 3" or "line 3: email" in the page's language.
func lineLabel(field, lang string) string {
	rest, ok := strings.CutPrefix(field, "line ")
	if !ok {
		return "" // the whole list, e.g. too many addresses
	}
	n, _, _ := strings.Cut(rest, ".")
	n, _, _ = strings.Cut(n, ":")
	return i18n.T(lang, "console.line", n) + ": "
}

func target(req *Request, kind invitation.Kind) string {
	if kind == invitation.Meeting {
		return req.PathParameters["meetingId"]
	}
	return req.PathParameters["surveyId"]
}

func pagePath(kind invitation.Kind, id string) string {
	if kind == invitation.Meeting {
		return "/console/meetings/" + url.PathEscape(id)
	}
	return "/console/surveys/" + url.PathEscape(id)
}

// flash adds the outcome of a POST to the page it returns to (the page
// says it), keeping the language.
func flash(req *Request, kv ...any) string {
	q := url.Values{}
	if l := httpapi.Query(req, "lang"); l != "" {
		q.Set("lang", httpapi.Language(req))
	}
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i].(string), fmt.Sprint(kv[i+1]))
	}
	return "?" + q.Encode()
}

// flashInt reads a flash number (absent: -1).
func flashInt(req *Request, name string) int {
	n, err := strconv.Atoi(httpapi.Query(req, name))
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// readAs says which text encoding an uploaded CSV list was read in (from
// the flash; empty for a spreadsheet or no upload).
func readAs(req *Request, lang string) string {
	switch httpapi.Query(req, "encoding") {
	case listfile.UTF8:
		return i18n.T(lang, "console.read_utf8")
	case listfile.Windows1252:
		return i18n.T(lang, "console.read_windows1252")
	}
	return ""
}

// when writes a time in lang's way, in zone.
func when(lang string, t time.Time, zone *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(zone)
	return i18n.Date(lang, t) + " " + i18n.Clock(lang, t)
}
