package console

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// One invitation: its page (what it is, its state), a form to change its
// organisation, address or language, and buttons to send it again, to
// mark it answered another way and to delete it. Every button is a form
// of its own that posts to the invitation's path with its action.

// Actions of the invitation page's forms.
const (
	actSave      = "save"
	actResend    = "resend"
	actElsewhere = "elsewhere"
	actDelete    = "delete"
)

// invitationFields are the invitation form's fields in their order.
var invitationFields = []string{"organisation", "email", "language"}

func invitationPath(kind invitation.Kind, id, invID string) string {
	return pagePath(kind, id) + "/invitations/" + url.PathEscape(invID)
}

// invitationPage is the view of invitation.html.
type invitationPage struct {
	base
	Kind                   invitation.Kind
	Inv                    *admin.InvitationView // nil: a new invitation (the add form again, with its errors)
	State, Back, Path      string
	Target                 string // the survey's or meeting's title
	Invited, LastMail      string
	Fields                 []web.Input
	Action                 string // where the change form posts
	Saved, Resent, Marked  bool
	ConfirmDelete          bool
	Waiting, MayResend     bool
	StampResend, StampMark string
	StampDelete            string
}

// invitationInputs are the form's controls for an invitation: the
// organisation, the address and the language of its mails.
func invitationInputs(form *Form) []web.Input {
	lang := form.Lang
	langs := web.Input{Name: "language", Label: i18n.T(lang, "console.invitation_language"), Hint: i18n.T(lang, "console.invitation_language_hint"), Required: true}
	for _, l := range i18n.Supported {
		langs.Options = append(langs.Options, web.Option{Code: l, Label: i18n.Name(l), Lang: l})
	}
	return []web.Input{
		form.Input(web.Input{Name: "organisation", Type: "text", Label: i18n.T(lang, "console.organisation"), Required: true, MaxLength: 200, Autocomplete: "organization", Dir: "auto"}),
		form.Input(web.Input{Name: "email", Type: "email", Label: i18n.T(lang, "console.email"), Required: true, MaxLength: 254, Autocomplete: "email", Verbatim: true}),
		form.Input(langs),
	}
}

// targetTitle is the title of the office's survey or meeting in lang.
func (c *Console) targetTitle(ctx context.Context, s *Session, kind invitation.Kind, id, lang string) (string, error) {
	if kind == invitation.Meeting {
		mv, err := c.svc.Meeting(ctx, s.Coordinator, id)
		if err != nil {
			return "", err
		}
		return mv.Title.In(lang), nil
	}
	d, err := c.svc.Survey(ctx, s.Coordinator, id)
	if err != nil {
		return "", err
	}
	return d.Title.In(lang), nil
}

func (c *Console) invitationGet(kind invitation.Kind) handler {
	return func(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
		id, invID := target(req, kind), req.PathParameters["invitationId"]
		v, err := c.svc.Invitation(ctx, s.Coordinator, kind, id, invID)
		if err != nil {
			return Response{}, err
		}
		form := newForm(lang, url.Values{"organisation": {v.Organisation}, "email": {v.Email}, "language": {v.Language}})
		return c.renderInvitation(ctx, s, req, kind, id, v, form, http.StatusOK, false)
	}
}

// renderInvitation shows one invitation's page (v nil: the add form again).
func (c *Console) renderInvitation(ctx context.Context, s *Session, req *Request, kind invitation.Kind, id string, v *admin.InvitationView, form *Form, status int, confirmDelete bool) (Response, error) {
	lang := form.Lang
	title, err := c.targetTitle(ctx, s, kind, id, lang)
	if err != nil {
		return Response{}, err
	}
	p := invitationPage{Kind: kind, Inv: v, Target: title, Back: pagePath(kind, id), ConfirmDelete: confirmDelete,
		Saved: flashInt(req, "saved") == 1, Resent: flashInt(req, "resent") == 1, Marked: flashInt(req, "elsewhere") == 1}
	if v == nil {
		p.Path = pagePath(kind, id) + "/invitations"
		p.base = withLang(c.base(s, lang, "console.invitation_new_title", p.Path), req)
		p.Action = p.Path
	} else {
		p.Path = invitationPath(kind, id, v.ID)
		p.base = withLang(c.base(s, lang, "console.invitation_title", p.Path, v.Organisation), req)
		p.Action = p.Path
		p.State = i18n.T(lang, "console.invitation_"+string(v.Status))
		p.Invited, p.LastMail = when(lang, v.InvitedAt, c.svc.Zone), when(lang, v.LastMailAt, c.svc.Zone)
		p.Waiting, p.MayResend = v.Status == invitation.Invited, !slices.Contains([]invitation.Status{invitation.Objected, invitation.Bounced, invitation.Complained, invitation.Planned}, v.Status)
		p.StampResend, p.StampMark, p.StampDelete = p.StampFor(p.Path), p.StampFor(p.Path), p.StampFor(p.Path)
	}
	p.Stamp = c.stamp(form, p.Action)
	p.Fields = invitationInputs(form)
	p.Errors = form.Summary(invitationFields, nil)
	return pages.Render(status, "invitation.html", lang, true, p)
}

// entryOf reads the invitation form.
func entryOf(form *Form) invitation.Entry {
	return invitation.Entry{Organisation: form.Text("organisation"), Email: form.Text("email"), Language: form.Text("language")}
}

// addInvitation invites one organisation from the invitations part's
// form (sent like a line of an upload); mistakes show the form again on
// a page of its own, with the errors beside the fields.
func (c *Console) addInvitation(ctx context.Context, s *Session, req *Request, kind invitation.Kind, id string, form *Form) (Response, error) {
	lang := form.Lang
	res, err := c.svc.AddInvitation(ctx, s.Coordinator, kind, id, entryOf(form), lang)
	if err == nil {
		return web.Redirect(pagePath(kind, id)+flash(req, "invited", res.Invited, "already", res.AlreadyInvited, "objected", res.Objected)+"#invitations", lang, true), nil
	}
	if !form.Merge(err, invitationFields) {
		return Response{}, err
	}
	return c.renderInvitation(ctx, s, req, kind, id, nil, form, http.StatusUnprocessableEntity, false)
}

func (c *Console) invitationPost(kind invitation.Kind) postHandler {
	return func(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
		id, invID := target(req, kind), req.PathParameters["invitationId"]
		back := func(kv ...any) Response {
			return web.Redirect(invitationPath(kind, id, invID)+flash(req, kv...), lang, true)
		}
		switch form.Get("action") {
		case actSave:
			newID, err := c.svc.ChangeInvitation(ctx, s.Coordinator, kind, id, invID, entryOf(form), lang)
			if err == nil {
				return web.Redirect(invitationPath(kind, id, newID)+flash(req, "saved", 1), lang, true), nil
			}
			if !form.Merge(err, invitationFields) {
				return Response{}, err
			}
			v, verr := c.svc.Invitation(ctx, s.Coordinator, kind, id, invID)
			if verr != nil {
				return Response{}, verr
			}
			return c.renderInvitation(ctx, s, req, kind, id, v, form, http.StatusUnprocessableEntity, false)
		case actResend:
			if err := c.svc.ResendInvitation(ctx, s.Coordinator, kind, id, invID); err != nil {
				return Response{}, err
			}
			return back("resent", 1), nil
		case actElsewhere:
			if _, err := c.svc.MarkElsewhere(ctx, s.Coordinator, kind, id, invID); err != nil {
				return Response{}, err
			}
			return back("elsewhere", 1), nil
		case actDelete:
			if form.Get("confirm") != "yes" {
				v, err := c.svc.Invitation(ctx, s.Coordinator, kind, id, invID)
				if err != nil {
					return Response{}, err
				}
				f := newForm(lang, url.Values{"organisation": {v.Organisation}, "email": {v.Email}, "language": {v.Language}})
				return c.renderInvitation(ctx, s, req, kind, id, v, f, http.StatusOK, true)
			}
			if err := c.svc.DeleteInvitation(ctx, s.Coordinator, kind, id, invID); err != nil {
				return Response{}, err
			}
			return web.Redirect(pagePath(kind, id)+flash(req, "deleted", 1)+"#invitations", lang, true), nil
		}
		// Another office's or an unknown invitation is 404 whatever was posted.
		if _, err := c.svc.Invitation(ctx, s.Coordinator, kind, id, invID); err != nil {
			return Response{}, err
		}
		return Response{}, apperr.New(apperr.BadRequest, "console.invitation_action")
	}
}
