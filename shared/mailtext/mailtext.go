// Package mailtext holds an office's own invitation and reminder texts as
// stored: the store reads and writes them without linking the mail
// composer (shared/mail: templates, MIME, iCalendar), which the public
// functions do not send.
package mailtext

import (
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// Texts are an office's own invitation and reminder texts of a survey
// or meeting, per language. A language without one gets the catalogue's
// (mail.DefaultText). Each text is the mail's body between the greeting
// and the signature, with placeholders in braces (mail.Placeholders).
type Texts struct {
	Invitation i18n.Text `json:"invitation,omitempty"`
	Reminder   i18n.Text `json:"reminder,omitempty"`
}

// Of is the text of kind (invitation or reminder) in lang, or "".
func (t *Texts) Of(kind outbox.Kind, lang string) string {
	if t == nil {
		return ""
	}
	if kind == outbox.Reminder {
		return t.Reminder[lang]
	}
	return t.Invitation[lang]
}
