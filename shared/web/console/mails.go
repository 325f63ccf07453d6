package console

import (
	"context"
	"net/http"
	"net/url"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// --- the office's mails that need a look ---

// mailRow is a listed mail as the page shows it.
type mailRow struct {
	outbox.Failed
	KindText  string
	About     string // the meeting's or survey's title
	AboutPath string
	StateText string
	When      string
	// Action: the button's text key (send again, send now), none for a
	// mail that went out.
	Action string
}

// failedMails lists the office's mails that failed for good, are held
// back by the public's daily cap, or went out after a send whose result
// is unknown, each with its recipient and its state in words.
func (c *Console) failedMails(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	list, err := c.svc.FailedMails(ctx, s.Coordinator)
	if err != nil {
		return Response{}, err
	}
	titles := map[string]string{}
	if len(list) > 0 {
		surveys, err := c.svc.Surveys(ctx, s.Coordinator, lang)
		if err != nil {
			return Response{}, err
		}
		for _, sv := range surveys {
			titles["survey/"+sv.ID] = sv.Title
		}
		meetings, err := c.svc.Meetings(ctx, s.Coordinator)
		if err != nil {
			return Response{}, err
		}
		for _, m := range meetings {
			titles["meeting/"+m.ID] = m.Title.In(lang)
		}
	}
	v := struct {
		base
		Mails  []mailRow
		Resent bool
	}{base: withLang(c.base(s, lang, "console.mails_title", "/console/mails/failed"), req), Resent: flashInt(req, "resent") == 1}
	for _, f := range list {
		row := mailRow{Failed: f, KindText: i18n.T(lang, "console.mail_kind_"+f.Kind), When: when(lang, f.FailedAt, c.svc.Zone)}
		if row.KindText == "console.mail_kind_"+f.Kind {
			row.KindText = f.Kind
		}
		kind, id := "meeting", f.MeetingID
		if f.InvitationID != "" {
			kind, id = string(invitation.Kind(f.TargetKind)), f.TargetID
		}
		if t, ok := titles[kind+"/"+id]; ok {
			row.About, row.AboutPath = t, "/console/"+kind+"s/"+url.PathEscape(id)
		}
		switch f.State {
		case outbox.StateFailed:
			row.StateText, row.Action = i18n.T(lang, "console.mail_state_failed", failReason(lang, f.Error), i18n.Isolate(lang, f.Error)), "console.mail_resend"
		case outbox.StateHeld:
			until := ""
			if f.HeldUntil != nil {
				until = when(lang, *f.HeldUntil, c.svc.Zone)
			}
			row.StateText, row.Action = i18n.T(lang, "console.mail_state_held", until), "console.mail_send_now"
		case outbox.StateUnknown:
			row.StateText = i18n.T(lang, "console.mail_state_unknown", f.UnknownSends)
		}
		v.Mails = append(v.Mails, row)
	}
	return pages.Render(http.StatusOK, "mails.html", lang, true, v)
}

// resendMail sends a failed or held mail again, once: it leaves the list.
func (c *Console) resendMail(ctx context.Context, s *Session, req *Request, lang string, _ *Form) (Response, error) {
	id := req.PathParameters["mailId"]
	if len(id) > 100 {
		return Response{}, apperr.New(apperr.NotFound, "mail_not_found")
	}
	if err := c.svc.ResendMail(ctx, s.Coordinator, id); err != nil {
		return Response{}, err
	}
	return web.Redirect("/console/mails/failed"+flash(req, "resent", 1), lang, true), nil
}

// failReason says in lang why SES refused a mail for good, from its error
// code (the code itself is shown beside it, for IT).
func failReason(lang, code string) string {
	key := "console.mail_reason_" + code
	if t := i18n.T(lang, key); t != key {
		return t
	}
	return i18n.T(lang, "console.mail_reason_other")
}
