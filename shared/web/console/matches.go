package console

import (
	"context"
	"net/http"
	"net/url"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// Who seeks, who offers (issue 23): the register's seeks crossed with
// others' offers, and the step from a need to a meeting draft.

// matches is GET /console/matches: per code the organisations that seek
// it and those that offer it (named with directory consent, the others
// counted), filtered by a GET form (code, municipality).
func (c *Console) matches(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	f := admin.MatchFilter{Code: httpapi.Query(req, "code"), Municipality: httpapi.Query(req, "municipality")}
	m, err := c.svc.Matches(ctx, s.Coordinator, lang, f)
	if err != nil {
		return Response{}, err
	}
	v := struct {
		base
		Needs              []admin.Match
		Code, Municipality web.Input
		Filtered, Empty    bool
	}{base: withLang(c.base(s, lang, "console.matches_title", "/console/matches"), req), Needs: m.Needs,
		Filtered: f.Code != "" || f.Municipality != "", Empty: len(m.Codes) == 0}
	form := newForm(lang, url.Values{"code": {f.Code}, "municipality": {f.Municipality}})
	codes := make([]web.Option, 0, len(m.Codes))
	for _, o := range m.Codes {
		codes = append(codes, web.Option{Code: o.Code, Label: o.Label})
	}
	muns := make([]web.Option, 0, len(m.Municipalities))
	for _, o := range m.Municipalities {
		muns = append(muns, web.Option{Code: o, Label: o})
	}
	v.Code = form.Input(web.Input{ID: "code", Name: "code", Label: i18n.T(lang, "console.matches_code"), Options: codes, Choose: i18n.T(lang, "console.matches_all")})
	v.Municipality = form.Input(web.Input{ID: "municipality", Name: "municipality", Label: i18n.T(lang, "console.matches_municipality"), Options: muns, Choose: i18n.T(lang, "console.matches_all")})
	return pages.Render(http.StatusOK, "matches.html", lang, true, v)
}

// meetingFromNeed is POST /console/meetings/from-need (the report's form
// per option): a meeting draft about the need, 303 to its page. Posted
// twice with its stamp, it makes one (posted).
func (c *Console) meetingFromNeed(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	res, err := c.svc.MeetingFromNeed(ctx, s.Coordinator, form.Text("survey"), form.Text("question"), form.Text("option"), lang)
	if err != nil {
		return Response{}, err
	}
	return web.Redirect("/console/meetings/"+res.MeetingID+flash(req, "planned", res.Planned, "noaddress", res.NoAddress), lang, true), nil
}

// publishMeeting makes a meeting draft public; what it lacks (a place)
// shows on the meeting page, at the publish button.
func (c *Console) publishMeeting(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	id := req.PathParameters["meetingId"]
	if _, err := c.svc.PublishMeeting(ctx, s.Coordinator, id, lang); err != nil {
		e := apperr.As(err)
		if e == nil || e.Code != apperr.ValidationFailed {
			return Response{}, err
		}
		errs := make([]web.FieldError, 0, len(e.Fields))
		for _, fe := range e.Fields {
			errs = append(errs, web.FieldError{Field: "publish", Message: fe.Message})
		}
		return c.meetingPage(ctx, s, req, lang, id, errs)
	}
	return web.Redirect("/console/meetings/"+id+flash(req, "published", 1), lang, true), nil
}

// sendPlanned sends a published meeting's planned invitations, each once.
func (c *Console) sendPlanned(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	id := req.PathParameters["meetingId"]
	res, err := c.svc.SendPlanned(ctx, s.Coordinator, id)
	if err != nil {
		return Response{}, err
	}
	return web.Redirect("/console/meetings/"+id+flash(req, "invited", res.Invited, "already", res.AlreadyInvited, "objected", res.Objected)+"#invitations", lang, true), nil
}
