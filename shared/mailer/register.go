package mailer

import (
	"context"
	"fmt"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// register takes an answer or a registration through a personal link
// into its organisation's record (an outbox.Register item: no mail):
// the invitation names the record (else it is linked by the invitation's
// address and name); an answer brings the bound questions, the directory
// consent and an "answered" event, a registration a "registered" event
// (and "cancelled" once it is), all in one save of the record. The events
// are keyed by their answer or registration, so that a second run (a
// stream delivering twice after a lost claim) changes nothing more; the
// outbox claim makes it run once.
func (m *Mailer) register(ctx context.Context, item *outbox.Item) error {
	now := m.now()
	done := func(why string) error {
		m.log.InfoContext(ctx, "register: nothing to take in", "outboxId", item.ID, "reason", why)
		return m.store.CompleteOutbox(ctx, item, "", m.now())
	}
	kind := invitation.Kind(item.TargetKind)
	inv, err := m.store.Invitation(ctx, kind, item.TargetID, item.InvitationID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return done("invitation gone")
	}
	if err != nil {
		return err
	}
	orgID := inv.OrgID
	if orgID == "" {
		ids, err := m.store.LinkOrganisations(ctx, item.Office, []org.Link{{Name: inv.Organisation, Email: inv.Email, Language: inv.Language}}, nil, now)
		if err != nil {
			return fmt.Errorf("register: link: %w", err)
		}
		orgID = ids[0]
	}
	var change func(r *org.Record) []org.Event
	switch kind {
	case invitation.Survey:
		resp, err := m.store.ResponseByInvitation(ctx, item.TargetID, item.InvitationID)
		if apperr.CodeOf(err) == apperr.NotFound {
			return done("answer erased") // the organisation erased it meanwhile
		}
		if err != nil {
			return err
		}
		d, err := m.store.Survey(ctx, item.TargetID)
		if err != nil {
			return err
		}
		change = func(r *org.Record) []org.Event { return []org.Event{r.TakeAnswer(d, resp, item.ResponseID)} }
	case invitation.Meeting:
		reg, err := m.store.Registration(ctx, item.MeetingID, item.RegistrationID)
		if apperr.CodeOf(err) == apperr.NotFound {
			return done("registration gone")
		}
		if err != nil {
			return err
		}
		var cancelled *time.Time
		if reg.Status == meeting.Cancelled {
			cancelled = &reg.UpdatedAt
		}
		change = func(*org.Record) []org.Event {
			return org.RegistrationEvents(reg.MeetingID, reg.ID, reg.CreatedAt, cancelled)
		}
	default:
		return done("unknown target")
	}
	_, err = m.store.UpdateOrganisation(ctx, item.Office, orgID, func(r *org.Record) ([]org.Event, error) { return change(r), nil })
	if apperr.CodeOf(err) == apperr.NotFound {
		return done("record erased")
	}
	if err != nil {
		return fmt.Errorf("register: %w", err)
	}
	m.log.InfoContext(ctx, "register: taken into the record", "outboxId", item.ID, "organisationId", orgID, "invitationId", item.InvitationID)
	return m.store.CompleteOutbox(ctx, item, "", m.now())
}
