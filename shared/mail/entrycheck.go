package mail

import (
	"strconv"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// EntryCheck is a check-your-entry mail (ORGANISATIONS.md): the link to
// the organisation's entry (/e/{token}). Its texts live in the
// directory's catalogue (shared/directory), which the mailer links.
type EntryCheck struct {
	Language     string
	Organisation string
	// Published: the organisation is in the directory now.
	Published bool
	URL       string
	LinkDays  int
	Office    Office
}

// RenderEntryCheck renders a check-your-entry mail in the record's
// contact language.
func RenderEntryCheck(d EntryCheck) (*Rendered, error) {
	lang := Language(d.Language)
	v := newView(lang, d.Organisation, i18n.Text{lang: i18n.T(lang, "dir.entry_title")}, d.Office)
	v.Lead = i18n.T(lang, "mail.entry_check.lead")
	v.Extra = i18n.T(lang, "mail.entry_check.hidden")
	if d.Published {
		v.Extra = i18n.T(lang, "mail.entry_check.published")
	}
	v.Action, v.ActionURL = i18n.T(lang, "mail.entry_check.action"), d.URL
	v.ActionHint = i18n.T(lang, "mail.entry_check.hint", i18n.Isolate(lang, strconv.Itoa(d.LinkDays)))
	office := i18n.T(lang, "page.office_default")
	if p := d.Office.Profile; p != nil {
		office = p.NameIn(lang)
	}
	return execute(v, i18n.T(lang, "mail.entry_check.subject", office))
}
