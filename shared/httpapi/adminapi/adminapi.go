// Package adminapi serves the coordinators' routes. It is apart from
// httpapi so that the public functions do not link the admin, export and
// invitation code.
package adminapi

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/export"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/invitation/listfile"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Handlers returns the admin API's handlers by route key, with svc: each
// first reads the coordinator from the authorizer's claims; a POST with an
// Idempotency-Key does its work once.
func Handlers(svc *admin.Service, keys KeyStore) map[string]httpapi.HandlerFunc {
	h := &adminHandlers{svc: svc}
	handlers := map[string]httpapi.HandlerFunc{}
	for key, fn := range map[string]adminFunc{
		"GET /admin/surveys":                                                h.listSurveys,
		"POST /admin/surveys":                                               h.createSurvey,
		"GET /admin/surveys/{surveyId}":                                     one("surveyId", svc.Survey),
		"PUT /admin/surveys/{surveyId}":                                     h.updateSurvey,
		"POST /admin/surveys/{surveyId}/publish":                            h.publishSurvey,
		"GET /admin/surveys/{surveyId}/responses":                           h.responses,
		"GET /admin/surveys/{surveyId}/responses.csv":                       h.responsesExport(false),
		"GET /admin/surveys/{surveyId}/responses.xlsx":                      h.responsesExport(true),
		"GET /admin/surveys/{surveyId}/summary":                             h.summary,
		"GET /admin/surveys/{surveyId}/form.xlsx":                           h.surveyForm,
		"PUT /admin/surveys/{surveyId}/form.xlsx":                           h.putSurveyForm,
		"GET /admin/meetings":                                               h.listMeetings,
		"POST /admin/meetings":                                              h.createMeeting,
		"GET /admin/meetings/{meetingId}":                                   one("meetingId", svc.Meeting),
		"PUT /admin/meetings/{meetingId}":                                   h.updateMeeting,
		"GET /admin/meetings/{meetingId}/registrations":                     h.registrations,
		"GET /admin/meetings/{meetingId}/registrations.csv":                 h.registrationsExport(false),
		"GET /admin/meetings/{meetingId}/registrations.xlsx":                h.registrationsExport(true),
		"POST /admin/surveys/{surveyId}/invitations":                        h.invite(invitation.Survey),
		"GET /admin/surveys/{surveyId}/invitations":                         h.invitations(invitation.Survey),
		"POST /admin/surveys/{surveyId}/invitations/reminders":              h.remind(invitation.Survey),
		"POST /admin/meetings/{meetingId}/invitations":                      h.invite(invitation.Meeting),
		"GET /admin/meetings/{meetingId}/invitations":                       h.invitations(invitation.Meeting),
		"POST /admin/meetings/{meetingId}/invitations/reminders":            h.remind(invitation.Meeting),
		"POST /admin/meetings/{meetingId}/invitations/send-planned":         h.sendPlanned,
		"POST /admin/meetings/{meetingId}/publish":                          h.publishMeeting,
		"DELETE /admin/meetings/{meetingId}/registrations/{registrationId}": h.eraseRegistration,
		"DELETE /admin/surveys/{surveyId}/responses/{responseId}":           h.eraseResponse,
		"GET /admin/audit":                                                  h.audit,
		"GET /admin/mails/failed":                                           h.failedMails,
		"POST /admin/mails/{mailId}/resend":                                 h.resendMail,
		"GET /admin/office":                                                 h.office,
		"PUT /admin/office":                                                 h.putOffice,
		"POST /admin/organisations/entry-mails":                             h.entryMails,
	} {
		handlers[key] = wrap(keys, svc, key, fn)
	}
	for key, fn := range h.organisationRoutes() {
		handlers[key] = wrap(keys, svc, key, fn)
	}
	return handlers
}

// wrap checks the coordinator's claims before fn, and makes a POST with
// an Idempotency-Key do its work once.
func wrap(keys KeyStore, svc *admin.Service, key string, fn adminFunc) httpapi.HandlerFunc {
	if strings.HasPrefix(key, "POST ") {
		fn = idempotent(keys, svc.Now, fn)
	}
	return authorized(fn)
}

type adminFunc func(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error)

// authorized refuses requests without coordinator claims before any
// handler runs.
func authorized(fn adminFunc) httpapi.HandlerFunc {
	return func(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
		c, err := auth.FromRequest(req)
		if err != nil {
			return httpapi.Response{}, err
		}
		return fn(ctx, c, req, lang)
	}
}

// KeyStore keeps Idempotency-Keys of admin POSTs, whose work spans more
// than one write.
type KeyStore interface {
	ClaimKey(ctx context.Context, claim *idempotency.Claim) (*idempotency.Replay, error)
	CompleteKey(ctx context.Context, claim *idempotency.Claim) error
	ReleaseKey(ctx context.Context, claim *idempotency.Claim) error
}

// idempotent applies the Idempotency-Key contract to an admin POST: the
// key is claimed before the work (scoped to the office, route and path), a
// retry with the same body gets the first result, another body or a retry
// while the first still runs is a conflict; a failed request frees the key.
func idempotent(keys KeyStore, now func() time.Time, fn adminFunc) adminFunc {
	return func(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
		key := req.Headers["idempotency-key"]
		if key == "" {
			return fn(ctx, c, req, lang)
		}
		body, err := httpapi.RawBody(req, httpapi.MaxUploadBody) // a workbook too: its handler checks the body
		if err != nil {
			return httpapi.Response{}, err
		}
		claim, err := httpapi.Claim(req, c.Office, body)
		if err != nil {
			return httpapi.Response{}, err
		}
		claim.ExpiresAt = now().Add(idempotency.Retention)
		replay, err := keys.ClaimKey(ctx, claim)
		if err != nil {
			return httpapi.Response{}, err
		}
		if replay != nil {
			if err := claim.Matches(replay); err != nil {
				return httpapi.Response{}, err
			}
			if replay.Pending {
				return httpapi.Response{}, apperr.New(apperr.Conflict, "idempotency_mismatch")
			}
			return httpapi.Raw(replay.Status, replay.Body, lang), nil
		}
		resp, err := fn(ctx, c, req, lang)
		if err != nil || resp.StatusCode >= 400 {
			if rerr := keys.ReleaseKey(ctx, claim); rerr != nil {
				err = errors.Join(err, rerr)
			}
			return resp, err
		}
		claim.Status, claim.Body = resp.StatusCode, []byte(resp.Body)
		if err := keys.CompleteKey(ctx, claim); err != nil {
			return httpapi.Response{}, err
		}
		return resp, nil
	}
}

type adminHandlers struct {
	svc *admin.Service
}

func limitOf(req *httpapi.Request) (int, error) {
	s := httpapi.Query(req, "limit")
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > admin.MaxPage {
		return 0, apperr.New(apperr.BadRequest, "bad_limit", admin.MaxPage)
	}
	return n, nil
}

func (h *adminHandlers) listSurveys(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	v, err := h.svc.Surveys(ctx, c, lang)
	return httpapi.Respond(http.StatusOK, map[string]any{"items": v}, err, lang)
}

// surveyBody is the body of POST and PUT /admin/surveys…: the settings,
// the stage a new survey starts in, and what a GET of the survey adds
// besides, read-only and ignored, so that a GET's answer can be sent
// back unchanged (unknown fields are still refused).
type surveyBody struct {
	survey.Settings
	// Status: on POST, draft or published ("": published); ignored on
	// PUT (POST …/publish publishes).
	Status    survey.Stage    `json:"status"`
	Office    json.RawMessage `json:"office"`
	UpdatedAt json.RawMessage `json:"updatedAt"`
}

func (h *adminHandlers) createSurvey(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	if isWorkbook(req) {
		return h.createSurveyFromForm(ctx, c, req, lang)
	}
	var in surveyBody
	if _, err := httpapi.DecodeJSONLimit(req, &in, survey.MaxDefinition); err != nil {
		return httpapi.Response{}, err
	}
	d, err := h.svc.CreateSurveyAs(ctx, c, in.Settings, in.Status, lang)
	return httpapi.Respond(http.StatusCreated, d, err, lang)
}

func (h *adminHandlers) updateSurvey(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	var in surveyBody
	if _, err := httpapi.DecodeJSONLimit(req, &in, survey.MaxDefinition); err != nil {
		return httpapi.Response{}, err
	}
	d, err := h.svc.UpdateSurvey(ctx, c, req.PathParameters["surveyId"], in.Settings, lang)
	return httpapi.Respond(http.StatusOK, d, err, lang)
}

func (h *adminHandlers) publishSurvey(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	d, err := h.svc.PublishSurvey(ctx, c, req.PathParameters["surveyId"])
	return httpapi.Respond(http.StatusOK, d, err, lang)
}

func (h *adminHandlers) createMeeting(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	return withBody(req, http.StatusCreated, lang, func(s meeting.Settings) (any, error) { return h.svc.CreateMeeting(ctx, c, s, lang) })
}

func (h *adminHandlers) updateMeeting(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	return withBody(req, http.StatusOK, lang, func(s meeting.Settings) (any, error) {
		return h.svc.UpdateMeeting(ctx, c, req.PathParameters["meetingId"], s, lang)
	})
}

func (h *adminHandlers) office(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	p, err := h.svc.Office(ctx, c)
	return httpapi.Respond(http.StatusOK, p, err, lang)
}

// putOffice takes a larger body than other JSON routes: a privacy notice
// in seven languages.
func (h *adminHandlers) putOffice(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	var in office.Profile
	if _, err := httpapi.DecodeJSONLimit(req, &in, office.MaxProfile); err != nil {
		return httpapi.Response{}, err
	}
	p, err := h.svc.PutOffice(ctx, c, in, lang)
	return httpapi.Respond(http.StatusOK, p, err, lang)
}

// withBody decodes a JSON body into a T, runs fn with it and answers its
// result with status.
func withBody[T any](req *httpapi.Request, status int, lang string, fn func(T) (any, error)) (httpapi.Response, error) {
	var in T
	if _, err := httpapi.DecodeJSON(req, &in); err != nil {
		return httpapi.Response{}, err
	}
	v, err := fn(in)
	return httpapi.Respond(status, v, err, lang)
}

func (h *adminHandlers) responses(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	return paged(req, lang, func(cursor string, limit int) (any, error) {
		return h.svc.Responses(ctx, c, req.PathParameters["surveyId"], cursor, limit)
	})
}

// one serves a GET of one of the office's surveys or meetings: get with
// the path parameter param.
func one[T any](param string, get func(context.Context, *auth.Coordinator, string) (T, error)) adminFunc {
	return func(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
		v, err := get(ctx, c, req.PathParameters[param])
		return httpapi.Respond(http.StatusOK, v, err, lang)
	}
}

// paged serves a page of a list: ?cursor= and ?limit= (1 to admin.MaxPage).
func paged(req *httpapi.Request, lang string, page func(cursor string, limit int) (any, error)) (httpapi.Response, error) {
	limit, err := limitOf(req)
	if err != nil {
		return httpapi.Response{}, err
	}
	v, err := page(httpapi.Query(req, "cursor"), limit)
	return httpapi.Respond(http.StatusOK, v, err, lang)
}

func (h *adminHandlers) summary(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	source := httpapi.Query(req, "source")
	if source != admin.SourceAll && source != admin.SourceInvited && source != admin.SourcePublic {
		return httpapi.Response{}, apperr.New(apperr.BadRequest, "bad_source")
	}
	v, err := h.svc.Summary(ctx, c, req.PathParameters["surveyId"], lang, source)
	return httpapi.Respond(http.StatusOK, v, err, lang)
}

func (h *adminHandlers) listMeetings(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	v, err := h.svc.Meetings(ctx, c)
	return httpapi.Respond(http.StatusOK, map[string]any{"items": v}, err, lang)
}

func (h *adminHandlers) registrations(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	return paged(req, lang, func(cursor string, limit int) (any, error) {
		return h.svc.Registrations(ctx, c, req.PathParameters["meetingId"], cursor, limit)
	})
}

// eraseRegistration erases one registration's personal data at its
// person's request (the coordinator acts for them).
func (h *adminHandlers) eraseRegistration(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id := req.PathParameters["registrationId"]
	if _, err := ulid.ParseStrict(id); err != nil {
		return httpapi.Response{}, apperr.New(apperr.NotFound, "registration_not_found")
	}
	err := h.svc.EraseRegistration(ctx, c, req.PathParameters["meetingId"], id)
	return httpapi.Respond(http.StatusOK, map[string]any{"registrationId": id, "erased": true}, err, lang)
}

// eraseResponse erases one answer at its organisation's request.
func (h *adminHandlers) eraseResponse(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id := req.PathParameters["responseId"]
	if _, err := ulid.ParseStrict(id); err != nil {
		return httpapi.Response{}, apperr.New(apperr.NotFound, "response_not_found")
	}
	err := h.svc.EraseResponse(ctx, c, req.PathParameters["surveyId"], id)
	return httpapi.Respond(http.StatusOK, map[string]any{"responseId": id, "erased": true}, err, lang)
}

// failedMails lists the office's mails that failed for good.
func (h *adminHandlers) failedMails(ctx context.Context, c *auth.Coordinator, _ *httpapi.Request, lang string) (httpapi.Response, error) {
	list, err := h.svc.FailedMails(ctx, c)
	return httpapi.Respond(http.StatusOK, map[string]any{"items": list}, err, lang)
}

// resendMail sends a failed mail again.
func (h *adminHandlers) resendMail(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id := req.PathParameters["mailId"]
	if len(id) > 100 {
		return httpapi.Response{}, apperr.New(apperr.NotFound, "mail_not_found")
	}
	err := h.svc.ResendMail(ctx, c, id)
	return httpapi.Respond(http.StatusAccepted, map[string]any{"id": id, "status": "queued"}, err, lang)
}

// audit lists the office's erasures, newest first: ?kind=, ?from= and
// ?to= (days, both included) filter, ?limit= and ?cursor= page (without
// a limit, up to 500).
func (h *adminHandlers) audit(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	limit, err := limitOf(req)
	if err != nil {
		return httpapi.Respond(0, nil, err, lang)
	}
	f, err := h.svc.AuditFilter(httpapi.Query(req, "kind"), httpapi.Query(req, "from"), httpapi.Query(req, "to"))
	if err != nil {
		return httpapi.Respond(0, nil, err, lang)
	}
	p, err := h.svc.AuditPage(ctx, c, f, httpapi.Query(req, "cursor"), limit)
	return httpapi.Respond(http.StatusOK, p, err, lang)
}

// responsesExport serves a survey's answers as CSV or, with xlsx, XLSX.
func (h *adminHandlers) responsesExport(xlsx bool) adminFunc {
	return func(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
		id := req.PathParameters["surveyId"]
		return ExportResponse(req, lang, xlsx, func(d export.Dialect) string { return admin.ExportName(id, "antworten", xlsx, d, h.svc.Now()) }, func(w io.Writer, o export.Options) error {
			return h.svc.ExportResponses(ctx, c, id, o, w)
		})
	}
}

// registrationsExport serves a meeting's registrations as CSV or XLSX.
func (h *adminHandlers) registrationsExport(xlsx bool) adminFunc {
	return func(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
		id := req.PathParameters["meetingId"]
		return ExportResponse(req, lang, xlsx, func(d export.Dialect) string { return admin.ExportName(id, "anmeldungen", xlsx, d, h.svc.Now()) }, func(w io.Writer, o export.Options) error {
			return h.svc.ExportRegistrations(ctx, c, id, o, w)
		})
	}
}

// Export size limits: a Lambda response holds at most 6 MB, and a gzip
// body travels base64-encoded (4/3 larger).
const (
	maxExportText = 5_500_000
	maxExportGzip = 4_300_000
)

var errExportTooLarge = errors.New("export too large")

type limitWriter struct {
	w io.Writer
	n int
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if len(p) > l.n {
		return 0, errExportTooLarge
	}
	l.n -= len(p)
	return l.w.Write(p)
}

// xlsxType is the media type of an XLSX workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// ExportResponse runs an export into the response: CSV (dialect, header
// and values from the query, gzip when the client accepts it) or an XLSX
// workbook (a zip already: sent as it is), its file named by name for the
// dialect. Answers are in words in lang for XLSX and the Excel CSV, codes
// for the RFC 4180 CSV, unless ?values= says otherwise. An export beyond
// Lambda's response limit is a 413 that says to filter or split it.
func ExportResponse(req *httpapi.Request, lang string, xlsx bool, name func(export.Dialect) string, run func(io.Writer, export.Options) error) (httpapi.Response, error) {
	d, err := export.DialectOf(httpapi.Query(req, "dialect"))
	if err != nil {
		return httpapi.Response{}, err
	}
	words, err := export.ValuesOf(httpapi.Query(req, "values"), xlsx || d.Name == export.Excel.Name)
	if err != nil {
		return httpapi.Response{}, err
	}
	o := export.Options{Dialect: d, Lang: lang, XLSX: xlsx, Words: words}
	switch httpapi.Query(req, "header") {
	case "", "codes":
	case "labels":
		o.Labels = true
	default:
		return httpapi.Response{}, apperr.New(apperr.BadRequest, "bad_header")
	}
	var buf bytes.Buffer
	if xlsx {
		if err := run(&limitWriter{w: &buf, n: maxExportGzip}, o); err != nil {
			if errors.Is(err, errExportTooLarge) {
				return httpapi.Response{}, apperr.New(apperr.TooLarge, "export_too_large_xlsx")
			}
			return httpapi.Response{}, err
		}
		return Download(xlsxType, name(d), lang, buf.Bytes(), ""), nil
	}
	gz := httpapi.AcceptsGzip(req.Headers["accept-encoding"])
	var w io.Writer = &limitWriter{w: &buf, n: maxExportText}
	var zw *gzip.Writer
	if gz {
		zw = gzip.NewWriter(&limitWriter{w: &buf, n: maxExportGzip})
		w = zw
	}
	if err := run(w, o); err != nil {
		if errors.Is(err, errExportTooLarge) {
			return httpapi.Response{}, apperr.New(apperr.TooLarge, "export_too_large")
		}
		return httpapi.Response{}, err
	}
	encoding := ""
	if gz {
		if err := zw.Close(); err != nil {
			if errors.Is(err, errExportTooLarge) {
				return httpapi.Response{}, apperr.New(apperr.TooLarge, "export_too_large")
			}
			return httpapi.Response{}, err
		}
		encoding = "gzip"
	}
	resp := Download("text/csv; charset=utf-8; header=present", name(d), lang, buf.Bytes(), encoding)
	resp.Headers["vary"] = "Accept-Encoding"
	return resp, nil
}

// Download is a file to save, the one answer of every export (the JSON
// API's and the console's): its type, its name (Content-Disposition), not
// stored by caches; a binary or compressed (encoding) body goes base64.
func Download(contentType, name, lang string, body []byte, encoding string) httpapi.Response {
	resp := httpapi.Response{StatusCode: http.StatusOK, Headers: map[string]string{
		"content-type":           contentType,
		"content-language":       lang,
		"content-disposition":    mime.FormatMediaType("attachment", map[string]string{"filename": name}),
		"cache-control":          "no-store",
		"x-content-type-options": "nosniff",
	}}
	if encoding == "" && !strings.HasPrefix(contentType, "text/") {
		encoding = "identity" // binary: base64 all the same
	}
	switch encoding {
	case "":
		resp.Body = string(body)
	case "identity":
		resp.Body, resp.IsBase64Encoded = base64.StdEncoding.EncodeToString(body), true
	default:
		resp.Headers["content-encoding"] = encoding
		resp.Body, resp.IsBase64Encoded = base64.StdEncoding.EncodeToString(body), true
	}
	return resp
}

type inviteRequest struct {
	Invitations []invitation.Entry `json:"invitations"`
	// Organisations are records of the register to invite (their ids),
	// instead of a list.
	Organisations []string `json:"organisations"`
}

func (h *adminHandlers) invite(kind invitation.Kind) adminFunc {
	return func(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
		id := targetID(req, kind)
		list := &invitation.List{}
		mt, _, _ := mime.ParseMediaType(req.Headers["content-type"])
		if mt == "text/csv" {
			body, err := httpapi.RawBody(req, httpapi.MaxUploadBody) // UTF-8 or Windows-1252: ParseCSV reads both
			if err != nil {
				return httpapi.Response{}, err
			}
			if list, err = listfile.ParseCSV(body, lang); err != nil {
				return httpapi.Response{}, err
			}
		} else {
			var in inviteRequest
			if _, err := httpapi.DecodeJSONLimit(req, &in, httpapi.MaxUploadBody); err != nil {
				return httpapi.Response{}, err
			}
			list.Entries = in.Invitations
			if in.Organisations != nil {
				if in.Invitations != nil {
					return httpapi.Response{}, apperr.New(apperr.BadRequest, "console.org_invite_either")
				}
				v, err := h.svc.InviteOrganisations(ctx, c, kind, id, in.Organisations, lang)
				return httpapi.Respond(http.StatusCreated, v, err, lang)
			}
		}
		v, err := h.svc.Invite(ctx, c, kind, id, list.Entries, list.Lines, lang)
		if err == nil {
			v.Encoding = list.Encoding
		}
		return httpapi.Respond(http.StatusCreated, v, err, lang)
	}
}

func (h *adminHandlers) invitations(kind invitation.Kind) adminFunc {
	return func(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
		return paged(req, lang, func(cursor string, limit int) (any, error) {
			return h.svc.Invitations(ctx, c, kind, targetID(req, kind), cursor, limit)
		})
	}
}

func (h *adminHandlers) remind(kind invitation.Kind) adminFunc {
	return func(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
		v, err := h.svc.Remind(ctx, c, kind, targetID(req, kind))
		return httpapi.Respond(http.StatusOK, v, err, lang)
	}
}

// sendPlanned sends a published meeting's planned invitations (each
// once).
func (h *adminHandlers) sendPlanned(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	v, err := h.svc.SendPlanned(ctx, c, req.PathParameters["meetingId"])
	return httpapi.Respond(http.StatusOK, v, err, lang)
}

// publishMeeting makes a meeting draft public.
func (h *adminHandlers) publishMeeting(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	v, err := h.svc.PublishMeeting(ctx, c, req.PathParameters["meetingId"], lang)
	return httpapi.Respond(http.StatusOK, v, err, lang)
}

func targetID(req *httpapi.Request, kind invitation.Kind) string {
	if kind == invitation.Meeting {
		return req.PathParameters["meetingId"]
	}
	return req.PathParameters["surveyId"]
}
