package pages

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/legal"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// Objection returns the handlers of the objection link of every
// invitation and reminder (/x/{token}): a page with one
// button; its POST records the objection and sends the browser to the
// page that says so. The survey function serves them, beside the
// office's legal pages.
func Objection(log *slog.Logger, svc *legal.Objections, tokens *linktoken.Minter, now func() time.Time) map[string]httpapi.HandlerFunc {
	h := &objectionPages{svc: svc, tokens: tokens, now: now}
	return map[string]httpapi.HandlerFunc{
		"GET /x/{token}":  page(log, h.show),
		"POST /x/{token}": page(log, h.object),
	}
}

type objectionPages struct {
	svc    *legal.Objections
	tokens *linktoken.Minter
	now    func() time.Time
}

type objectionView struct {
	web.Layout
	Name, Organisation string
	Action, Stamp      string
	Done, Already      bool
}

// ObjectionPath is the path of an objection link.
func ObjectionPath(token string) string { return "/x/" + url.PathEscape(token) }

func (h *objectionPages) render(status int, ob *legal.Objection, token, lang string, done bool, errs []web.FieldError) (httpapi.Response, error) {
	path := ObjectionPath(token)
	title := "page.objection_title"
	if done {
		title = "page.objection_done_title"
	}
	l := web.NewLayout(lang, i18n.T(lang, title), ob.Invitation.Office, path, nil)
	l.SetOffice(ob.Office)
	l.Private, l.Errors = true, errs
	name := i18n.T(lang, "page.office_default")
	if ob.Office != nil {
		name = ob.Office.NameIn(lang)
	}
	v := objectionView{Layout: l, Name: i18n.Isolate(lang, name), Organisation: i18n.Isolate(lang, ob.Invitation.Organisation),
		Action: path + "?lang=" + lang, Stamp: web.Stamp(h.tokens, path, h.now()), Done: done, Already: ob.Objected}
	return web.Render(status, "objection.html", lang, true, v)
}

// show is the page; ?done=1 is the page after the objection (it says so
// only when the objection is recorded). It changes nothing.
func (h *objectionPages) show(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	token := req.PathParameters["token"]
	ob, err := h.svc.Find(ctx, token)
	if err != nil {
		return httpapi.Response{}, err
	}
	return h.render(http.StatusOK, ob, token, lang, httpapi.Query(req, "done") == "1" && ob.Objected, nil)
}

func (h *objectionPages) object(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	token := req.PathParameters["token"]
	form, err := web.ReadForm(req, lang)
	if err != nil {
		return httpapi.Response{}, err
	}
	if err := web.CheckGuard(h.tokens, form.Values, ObjectionPath(token), h.now()); err != nil {
		ob, err := h.svc.Find(ctx, token)
		if err != nil {
			return httpapi.Response{}, err
		}
		// The form's one control is its button: the error links to it.
		form.Fail("objection", i18n.T(lang, "page.try_again"))
		return h.render(http.StatusUnprocessableEntity, ob, token, lang, false, form.Summary(nil, map[string]string{"objection": "objection-submit"}))
	}
	if _, err := h.svc.Object(ctx, token); err != nil {
		return httpapi.Response{}, err
	}
	return web.Redirect(ObjectionPath(token)+"?done=1&lang="+lang, lang, true), nil
}
