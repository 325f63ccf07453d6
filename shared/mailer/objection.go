package mailer

import (
	"context"
	"fmt"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// mayInvite checks, at send time, that an invitation or reminder may go
// out: not to an address whose person objected to invitations from the
// office (the invitation is marked objected), not for an
// invitation that is objected, and no reminder to an invitee who has
// answered, registered or is unreachable by now (a reminder queued
// before that). errSuperseded otherwise: the mail is done, unsent.
func (m *Mailer) mayInvite(ctx context.Context, item *outbox.Item, inv *invitation.Invitation, now time.Time) error {
	switch {
	case inv.Status == invitation.Objected:
		m.log.InfoContext(ctx, "invitation mail not sent: objected", "outboxId", item.ID, "kind", item.Kind, "invitationId", inv.ID)
		return errSuperseded
	case inv.Status == invitation.Planned:
		// Not sent yet: no mail goes out before the coordinator sends it.
		m.log.InfoContext(ctx, "invitation mail not sent: planned", "outboxId", item.ID, "invitationId", inv.ID)
		return errSuperseded
	case item.Kind == outbox.Reminder && inv.Status != invitation.Invited:
		m.log.InfoContext(ctx, "reminder not sent: the invitation is "+string(inv.Status), "outboxId", item.ID, "invitationId", inv.ID)
		return errSuperseded
	}
	objected, err := m.store.Objected(ctx, inv.Office, invitation.PersonKey(m.tokens, inv.Email))
	if err != nil {
		return err
	}
	if !objected {
		return nil
	}
	m.log.InfoContext(ctx, "invitation mail not sent: objected", "outboxId", item.ID, "kind", item.Kind, "invitationId", inv.ID)
	if err := m.store.MarkObjected(ctx, inv, now); err != nil {
		return fmt.Errorf("mark objected: %w", err)
	}
	return errSuperseded
}
