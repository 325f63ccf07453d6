package dynamo

import (
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// registerStep queues, in the transaction of an answer or a registration
// through a personal link (or of such a registration's cancellation), the
// outbox item that has the mailer take it into its organisation's record
// (outbox.Register: no mail). kind is "survey" or "meeting", ref the
// answer's or the registration's id.
func (s *Table) registerStep(kind, targetID, invitationID, office, ref string, now time.Time) step {
	o := newOutbox(ulid.Make().String(), outbox.Register, now)
	o.TargetKind, o.TargetID, o.InvitationID, o.Office, o.ResponseID = kind, targetID, invitationID, office, ref
	if kind == "meeting" {
		o.MeetingID, o.RegistrationID, o.ResponseID = targetID, ref, ""
	}
	return step{"register", s.put(item(o), true)}
}
