package console

import (
	"context"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// entryMails queues a check-your-entry mail to each organisation selected
// on the register's list or record page (field organisations, repeated)
// and goes back there (field back, a console path; else the list) with
// the flash entryMails=<queued>&entrySkipped=<skipped>, which
// EntryMailsFlash says. Posted twice with the same stamp, it mails once.
func (c *Console) entryMails(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	res, err := c.svc.QueueEntryMails(ctx, s.Coordinator, admin.EntryMailsRequest{Organisations: form.Values["organisations"]}, lang)
	if err != nil {
		return Response{}, err
	}
	back := form.Get("back")
	if !strings.HasPrefix(back, "/console/organisations") || strings.ContainsAny(back, "?#\\") || strings.Contains(back, "//") {
		back = "/console/organisations"
	}
	return web.Redirect(back+flash(req, "entryMails", res.Queued, "entrySkipped", len(res.Skipped)), lang, true), nil
}

// EntryMailsFlash is what the register's pages say after check-your-entry
// mails were asked for ("" without that flash).
func EntryMailsFlash(req *Request, lang string) string {
	n := flashInt(req, "entryMails")
	if n < 0 {
		return ""
	}
	return i18n.Count(lang, "console.entry_mails_queued", n)
}
