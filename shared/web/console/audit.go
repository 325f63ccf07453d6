package console

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/audit"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// --- the audit trail, for the data protection officer ---

// AuditPageSize is how many entries the audit page lists at once.
const AuditPageSize = 50

// auditRow is an entry as the page says it: when, what (in words, with
// the item's id) and at whose request, no names or addresses (the trail
// holds none).
type auditRow struct {
	When, What, ID, Who string
}

// auditPage lists the office's audit trail, newest first, filtered by
// kind and days (a GET form: the filter is in the address, to bookmark
// or pass on) and paged; a day that is no day shows the page again with
// the error beside its field.
func (c *Console) auditPage(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	q := url.Values{}
	for _, k := range []string{"kind", "from", "to"} {
		if v := strings.TrimSpace(httpapi.Query(req, k)); v != "" {
			q.Set(k, v)
		}
	}
	kind := q.Get("kind")
	if kind != "" && kind != "registration" && kind != "response" {
		kind = "" // a filter the form does not offer: all
		q.Del("kind")
	}
	v := struct {
		base
		Kind, From, To web.Input
		Entries        []auditRow
		Filtered       bool
		Next, First    string
	}{base: withLang(c.base(s, lang, "console.audit_title", "/console/audit"), req), Filtered: len(q) > 0}
	// The language switch keeps the filter.
	v.Languages = web.NewLayout(lang, "", "", "/console/audit", q).Languages
	v.Kind = web.Input{Lang: lang, ID: "kind", Name: "kind", Type: "radio", Label: i18n.T(lang, "console.audit_kind"), Inline: true, Values: []string{kind}}
	for _, k := range []struct{ code, id string }{{"", "all"}, {"response", "response"}, {"registration", "registration"}} {
		v.Kind.Options = append(v.Kind.Options, web.Option{Code: k.code, ID: "kind-" + k.id, Label: i18n.T(lang, "console.audit_kind_"+k.id)})
	}
	day := func(name, label string) web.Input {
		in := web.Input{Lang: lang, ID: name, Name: name, Type: "date", Label: i18n.T(lang, label), Value: q.Get(name),
			Hint: i18n.T(lang, "console.audit_day_hint")}
		if in.Value != "" {
			if _, ok := c.svc.AuditDay(in.Value); !ok {
				in.Err = i18n.T(lang, "console.audit_bad_day", in.Label)
				v.Errors = append(v.Errors, web.FieldError{Field: name, Message: in.Err})
			}
		}
		return in
	}
	v.From, v.To = day("from", "console.audit_from"), day("to", "console.audit_to")
	if len(v.Errors) > 0 {
		return pages.Render(http.StatusBadRequest, "audit.html", lang, true, v)
	}
	f, err := c.svc.AuditFilter(kind, q.Get("from"), q.Get("to"))
	if err != nil {
		return Response{}, err
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		v.To.Err = i18n.T(lang, "console.audit_bad_range")
		v.Errors = append(v.Errors, web.FieldError{Field: "to", Message: v.To.Err})
		return pages.Render(http.StatusBadRequest, "audit.html", lang, true, v)
	}
	cursor := httpapi.Query(req, "cursor")
	p, err := c.svc.AuditPage(ctx, s.Coordinator, f, cursor, AuditPageSize)
	if apperr.CodeOf(err) == apperr.BadRequest && cursor != "" {
		return Response{}, apperr.New(apperr.BadRequest, "bad_cursor") // a cursor edited by hand
	}
	if err != nil {
		return Response{}, err
	}
	for _, e := range p.Items {
		v.Entries = append(v.Entries, auditRow{When: when(lang, e.At, c.svc.Zone), What: auditWhat(lang, e), ID: e.ID, Who: auditWho(lang, e, s)})
	}
	if v.Q != "" {
		q.Set("lang", lang)
	}
	if p.NextCursor != "" {
		next := url.Values{}
		for k, vs := range q {
			next[k] = vs
		}
		next.Set("cursor", p.NextCursor)
		v.Next = "/console/audit?" + next.Encode()
	}
	if cursor != "" {
		v.First = "/console/audit"
		if len(q) > 0 {
			v.First += "?" + q.Encode()
		}
	}
	return pages.Render(http.StatusOK, "audit.html", lang, true, v)
}

// auditWhat says what an entry records ("Antwort auf eine Umfrage
// gelöscht").
func auditWhat(lang string, e audit.Entry) string {
	key := "console.audit_" + e.Action + "_" + e.Kind
	if t := i18n.T(lang, key); t != key {
		return t
	}
	return e.Action + " " + e.Kind // a kind this page does not know yet
}

// auditWho says at whose request: the person through their own link, or
// a coordinator of the office by the id the trail keeps (the signed-in
// one is "you").
func auditWho(lang string, e audit.Entry, s *Session) string {
	switch {
	case e.Actor == "registrant":
		return i18n.T(lang, "console.audit_by_registrant")
	case e.Actor == "organisation":
		return i18n.T(lang, "console.audit_by_organisation")
	case e.Actor == "coordinator:"+s.Subject:
		return i18n.T(lang, "console.audit_by_you")
	case strings.HasPrefix(e.Actor, "coordinator:"):
		return i18n.T(lang, "console.audit_by_coordinator", i18n.Isolate(lang, strings.TrimPrefix(e.Actor, "coordinator:")))
	}
	return e.Actor
}
