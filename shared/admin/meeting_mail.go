package admin

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// Told counts the people a meeting's mail to all goes to: those with a
// seat and those on the waitlist.
func Told(mv *MeetingView) int { return mv.Confirmed + mv.Waiting }

// cancelTries bounds how often a cancellation reads the meeting again
// after a concurrent change of it.
const cancelTries = 5

// CancelMeeting cancels one of the office's meetings as a whole: from the
// write on, it takes no registrations (the store's condition), its public
// page and its registrations' pages say so, reminders stop, and every
// live registration (seat or waitlist) gets a mail in its language with
// the calendar's CANCEL. Repeating it (a second click, a concurrent post)
// changes nothing and mails nobody twice: each mail's outbox id is the
// registration's. It returns how many people are told.
func (s *Service) CancelMeeting(ctx context.Context, c *auth.Coordinator, id string) (int, error) {
	var m *meeting.Meeting
	for try := 1; ; try++ {
		mv, err := s.Meeting(ctx, c, id)
		if err != nil {
			return 0, err
		}
		if m = mv.Meeting; m.Cancelled() {
			break // cancelled before (another post): its mails are queued again, once each
		}
		now := s.now().UTC()
		m.CancelledAt = &now
		_, err = s.store.UpdateMeeting(ctx, m)
		if err == nil {
			if err := s.replan(ctx, invitation.Meeting, id, targetInfo{plan: m.RemindAfterDays, until: m.RegistrationClosesAt}, targetInfo{}); err != nil {
				return 0, err
			}
			break
		}
		if apperr.CodeOf(err) != apperr.Conflict || try == cancelTries {
			return 0, err
		}
	}
	return s.store.MailRegistrants(ctx, m, outbox.MeetingCancelled, "", meeting.ToAll.Statuses(), s.now())
}

// MessageInput is what a coordinator writes to a meeting's people.
type MessageInput struct {
	Recipients meeting.Recipients
	Subject    i18n.Text
	Text       i18n.Text
}

// CheckMessage checks a message and returns every problem at once, as
// field errors in lang (paths recipients, subject.de, text.de …).
func CheckMessage(in MessageInput, lang string) error {
	f := validation.NewFields(lang)
	if in.Recipients.Statuses() == nil {
		f.Add("recipients", "required", "def_required")
	}
	validation.CheckText(f, "subject", in.Subject, true)
	validation.CheckText(f, "text", in.Text, true)
	for l, t := range in.Subject {
		switch {
		case strings.ContainsAny(t, "\r\n"):
			// A header must be one line (a forged post's "Bcc:" stays out).
			f.Add("subject."+l, "line", "office_line", meeting.MaxSubject)
		case len([]rune(t)) > meeting.MaxSubject:
			f.Add("subject."+l, "max", "def_between", 1, meeting.MaxSubject)
		}
	}
	for l, t := range in.Text {
		if len([]rune(t)) > meeting.MaxMessageText {
			f.Add("text."+l, "max", "def_between", 1, meeting.MaxMessageText)
		}
	}
	return f.Err()
}

// MessageRecipients counts the people a message to r reaches now.
func MessageRecipients(mv *MeetingView, r meeting.Recipients) int {
	switch r {
	case meeting.ToConfirmed:
		return mv.Confirmed
	case meeting.ToWaitlisted:
		return mv.Waiting
	}
	return Told(mv)
}

// SendMessage stores a coordinator's message to one of the office's
// meetings and queues it once to each person it is for, in their
// language (German where it has no text in theirs). key is the form's
// stamp: the same key again (a double click, a concurrent post) is the
// same message and mails nobody twice.
func (s *Service) SendMessage(ctx context.Context, c *auth.Coordinator, id string, in MessageInput, key, lang string) (*meeting.Message, error) {
	mv, err := s.Meeting(ctx, c, id)
	if err != nil {
		return nil, err
	}
	if err := CheckMessage(in, lang); err != nil {
		return nil, err
	}
	msgID := ulid.Make().String()
	if key != "" {
		// The same form with the same words is the same message; changed
		// and sent again, it is another.
		b, _ := json.Marshal(in)
		msgID = linktoken.Hash("message\x00" + id + "\x00" + key + "\x00" + string(b))[:26]
	}
	msg := &meeting.Message{ID: msgID, MeetingID: id, Office: c.Office, Recipients: in.Recipients,
		Subject: in.Subject, Text: in.Text, SentAt: s.now().UTC().Truncate(time.Second)}
	if err := s.store.PutMessage(ctx, msg, mv.ExpiresAt()); err != nil {
		return nil, err
	}
	if msg.Count, err = s.store.MailRegistrants(ctx, mv.Meeting, outbox.Message, msgID, in.Recipients.Statuses(), s.now()); err != nil {
		return nil, err
	}
	if err := s.store.CountMessage(ctx, id, msgID, msg.Count); err != nil {
		return nil, err
	}
	return msg, nil
}

// Messages lists the messages of one of the office's meetings, newest
// first.
func (s *Service) Messages(ctx context.Context, c *auth.Coordinator, id string) ([]*meeting.Message, error) {
	if _, err := s.Meeting(ctx, c, id); err != nil {
		return nil, err
	}
	return s.store.Messages(ctx, id)
}
