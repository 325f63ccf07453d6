package admin

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/mail"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// MailTextStore keeps a survey's or meeting's own invitation and
// reminder texts (dynamo.Wording).
type MailTextStore interface {
	MailTexts(ctx context.Context, kind invitation.Kind, targetID string) (*mail.Texts, error)
	PutMailTexts(ctx context.Context, kind invitation.Kind, targetID string, t *mail.Texts, now time.Time) error
}

// MailTexts returns the own texts of the office's survey or meeting
// (empty: every language gets the catalogue's).
func (s *Service) MailTexts(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id string) (*mail.Texts, error) {
	if _, err := s.target(ctx, c, kind, id); err != nil {
		return nil, err
	}
	t, err := s.store.MailTexts(ctx, kind, id)
	if t == nil && err == nil {
		t = &mail.Texts{}
	}
	return t, err
}

// CheckMailTexts checks own texts: languages the system speaks, at most
// mail.MaxText characters, only our placeholders (the unknown ones are
// named) and the personal link in each. Field paths are
// invitation.<lang> and reminder.<lang>.
func CheckMailTexts(t *mail.Texts, lang string) error {
	f := validation.NewFields(lang)
	allowed := make([]string, len(mail.Placeholders))
	for i, p := range mail.Placeholders {
		allowed[i] = "{" + p + "}"
	}
	for _, part := range []struct {
		name string
		text i18n.Text
	}{{"invitation", t.Invitation}, {"reminder", t.Reminder}} {
		for l := range part.text {
			if !slices.Contains(i18n.Supported, l) {
				f.Add(part.name+"."+l, "language", "def_language", l)
			}
		}
		for _, l := range i18n.Supported {
			text, ok := part.text[l]
			if !ok {
				continue
			}
			path := part.name + "." + l
			if utf8.RuneCountInString(text) > mail.MaxText {
				f.Add(path, "max", "console.mail_text_long", mail.MaxText)
			}
			unknown, link := mail.CheckText(text)
			if len(unknown) > 0 {
				f.Add(path, "placeholder", "console.mail_text_unknown", strings.Join(unknown, ", "), strings.Join(allowed, ", "))
			}
			if !link {
				f.Add(path, "link", "console.mail_text_link")
			}
		}
	}
	return f.Err()
}

// SaveMailTexts checks and stores the own texts of the office's survey
// or meeting; a refused text stores nothing.
func (s *Service) SaveMailTexts(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id string, t *mail.Texts, lang string) error {
	if _, err := s.target(ctx, c, kind, id); err != nil {
		return err
	}
	if err := CheckMailTexts(t, lang); err != nil {
		return err
	}
	return s.store.PutMailTexts(ctx, kind, id, t, s.now())
}

// RemindLanguages counts, per language, the invitees that a reminder by
// hand would mail now (waiting, not mailed within the reminder gap).
func (s *Service) RemindLanguages(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id string) (map[string]int, error) {
	if _, err := s.target(ctx, c, kind, id); err != nil {
		return nil, err
	}
	now, out := s.now(), map[string]int{}
	err := s.store.EachInvitation(ctx, kind, id, func(v *invitation.Invitation) error {
		if v.Status == invitation.Invited && now.Sub(v.LastMailAt) >= invitation.ReminderGap {
			out[mail.Language(v.Language)]++
		}
		return nil
	})
	return out, err
}
