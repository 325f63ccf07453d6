package adminapi

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/export"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/org"
)

// The register of organisations (ORGANISATIONS.md): list, one record,
// create, change, merge, erase, the list as a workbook.
func (h *adminHandlers) organisationRoutes() map[string]adminFunc {
	return map[string]adminFunc{
		"GET /admin/organisations":                         h.listOrganisations,
		"POST /admin/organisations":                        h.createOrganisation,
		"GET /admin/organisations.xlsx":                    h.exportOrganisations,
		"GET /admin/organisations/{organisationId}":        h.organisation,
		"PUT /admin/organisations/{organisationId}":        h.updateOrganisation,
		"DELETE /admin/organisations/{organisationId}":     h.eraseOrganisation,
		"POST /admin/organisations/{organisationId}/merge": h.mergeOrganisations,
	}
}

// OrgFilter reads the register's filter from a request's query: q,
// field, municipality, language, offer, seek, answered (yes, no), met,
// bounced, directory (true, false); anything else is a 400.
func OrgFilter(req *httpapi.Request) (org.Filter, error) {
	f := org.Filter{Q: httpapi.Query(req, "q"), Field: httpapi.Query(req, "field"), Municipality: httpapi.Query(req, "municipality"),
		Language: httpapi.Query(req, "language"), Offer: httpapi.Query(req, "offer"), Seek: httpapi.Query(req, "seek"),
		Answered: httpapi.Query(req, "answered")}
	for name, dst := range map[string]*bool{"met": &f.Met, "bounced": &f.Bounced, "directory": &f.Directory} {
		switch httpapi.Query(req, name) {
		case "", "false":
		case "true":
			*dst = true
		default:
			return f, apperr.New(apperr.BadRequest, "console.org_bad_filter")
		}
	}
	return f, admin.CheckFilter(&f)
}

func (h *adminHandlers) listOrganisations(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	f, err := OrgFilter(req)
	if err != nil {
		return httpapi.Response{}, err
	}
	limit, err := limitOf(req)
	if err != nil {
		return httpapi.Response{}, err
	}
	v, err := h.svc.Organisations(ctx, c, admin.OrgQuery{Filter: f, Cursor: httpapi.Query(req, "cursor"), Limit: limit})
	return httpapi.Respond(http.StatusOK, v, err, lang)
}

func (h *adminHandlers) createOrganisation(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	var in admin.OrganisationInput
	if _, err := httpapi.DecodeJSON(req, &in); err != nil {
		return httpapi.Response{}, err
	}
	r, err := h.svc.CreateOrganisation(ctx, c, in, lang)
	return httpapi.Respond(http.StatusCreated, r, err, lang)
}

func (h *adminHandlers) organisation(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	v, err := h.svc.Organisation(ctx, c, req.PathParameters["organisationId"], lang)
	if err != nil {
		return httpapi.Response{}, err
	}
	resp := httpapi.JSON(http.StatusOK, v, lang)
	resp.Headers["etag"] = `"` + strconv.Itoa(v.Version) + `"`
	return resp, nil
}

// updateOrganisation changes a record over the version in the body, else
// in If-Match ("3" or W/"3"); a record saved in between is a 409.
func (h *adminHandlers) updateOrganisation(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	var in admin.OrganisationInput
	if _, err := httpapi.DecodeJSON(req, &in); err != nil {
		return httpapi.Response{}, err
	}
	version := in.Version
	if m := strings.TrimPrefix(strings.TrimSpace(req.Headers["if-match"]), "W/"); version == 0 && m != "" && m != "*" {
		n, err := strconv.Atoi(strings.Trim(m, `"`))
		if err != nil || n < 1 {
			return httpapi.Response{}, apperr.New(apperr.BadRequest, "console.org_bad_version")
		}
		version = n
	}
	r, err := h.svc.UpdateOrganisation(ctx, c, req.PathParameters["organisationId"], in, version, lang)
	if err != nil {
		return httpapi.Response{}, err
	}
	resp := httpapi.JSON(http.StatusOK, r, lang)
	resp.Headers["etag"] = `"` + strconv.Itoa(r.Version) + `"`
	return resp, nil
}

type mergeRequest struct {
	From string `json:"from"`
}

func (h *adminHandlers) mergeOrganisations(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	var in mergeRequest
	if _, err := httpapi.DecodeJSON(req, &in); err != nil {
		return httpapi.Response{}, err
	}
	r, err := h.svc.MergeOrganisations(ctx, c, req.PathParameters["organisationId"], strings.TrimSpace(in.From), lang)
	return httpapi.Respond(http.StatusOK, r, err, lang)
}

// eraseOrganisation erases a record, or with ?contact=true only its
// contact person.
func (h *adminHandlers) eraseOrganisation(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id := req.PathParameters["organisationId"]
	switch httpapi.Query(req, "contact") {
	case "", "false":
		err := h.svc.EraseOrganisation(ctx, c, id)
		return httpapi.Respond(http.StatusOK, map[string]any{"id": id, "erased": true}, err, lang)
	case "true":
		r, err := h.svc.EraseOrganisationContact(ctx, c, id)
		return httpapi.Respond(http.StatusOK, r, err, lang)
	}
	return httpapi.Response{}, apperr.New(apperr.BadRequest, "bad_request")
}

// exportOrganisations serves the (filtered) register as XLSX.
func (h *adminHandlers) exportOrganisations(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	f, err := OrgFilter(req)
	if err != nil {
		return httpapi.Response{}, err
	}
	return ExportResponse(req, lang, true, func(d export.Dialect) string {
		return admin.ExportName(c.Office, "organisationen", true, d, h.svc.Now())
	},
		func(w io.Writer, o export.Options) error { return h.svc.ExportOrganisations(ctx, c, f, o, w) })
}
