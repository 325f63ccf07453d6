// Package outbox names the transactional outbox's entries: mails that a
// registration's, an invitation's or a meeting change's write queues in the
// same transaction, and the mailer sends from the table's stream.
package outbox

import (
	"errors"
	"time"
)

// Kind is the kind of mail an entry asks for. Store and renderer use the
// same names.
type Kind string

// Registration mails.
const (
	Confirmed  Kind = "confirmed"  // a seat is taken
	Waitlisted Kind = "waitlisted" // on the waitlist
	Promoted   Kind = "promoted"   // moved up from the waitlist to a seat
	Cancelled  Kind = "cancelled"  // the registration was cancelled
	Updated    Kind = "updated"    // the meeting moved (time or place)
	// MeetingCancelled: the office cancelled the whole meeting (to every
	// live registration, the waitlist too).
	MeetingCancelled Kind = "meeting_cancelled"
	// Message: the office wrote to the meeting's registrants (TargetID:
	// the message).
	Message Kind = "message"
)

// Invitation mails.
const (
	Invitation Kind = "invitation"
	Reminder   Kind = "reminder"
)

// The register of organisations (ORGANISATIONS.md).
const (
	// Register is no mail: an answer or a registration through a personal
	// link, queued in its own transaction, for the mailer to take into its
	// organisation's record (history, bound questions, consent).
	Register Kind = "register"
	// EntryCheck asks an organisation to check its entry (the /e/ link).
	EntryCheck Kind = "entry_check"
)

// OfficeFeedback is a message from an office's feedback form, mailed to
// the office (its outbox item names the message: TargetKind "feedback",
// TargetID its id).
const OfficeFeedback Kind = "office_feedback"

// Public reports whether a mail of this kind answers what someone did on
// a public form (registered, cancelled): those count against the daily
// cap per person, so that a stranger's form posts cannot flood an inbox.
// Every other kind is the office's own mail (invitations, reminders,
// promotions, meeting changes): never counted, never held back by the
// cap.
func (k Kind) Public() bool {
	switch k {
	case Confirmed, Waitlisted, Cancelled:
		return true
	}
	return false
}

// ReasonDailyCap is the reason of a mail held back because its person had
// the day's mails already.
const ReasonDailyCap = "daily cap"

// ErrLost is a write of a claimed entry that found the claim taken over
// (its lease had passed): the caller must leave the entry alone.
var ErrLost = errors.New("outbox: the claim was taken over")

// Item is an outbox entry: which mail to send about what.
type Item struct {
	ID   string
	Kind Kind
	// Registration mails.
	MeetingID      string
	RegistrationID string
	// Invitation mails.
	TargetKind   string
	TargetID     string
	InvitationID string
	// ResponseID: the answer a Register item is about (a registration's:
	// RegistrationID).
	ResponseID string
	// Office is the office the mail is sent for.
	Office string
	// ByOffice: a coordinator asked for this mail (a resend): no cap.
	ByOffice bool
	// Attempts counts the claims so far, this one included.
	Attempts int
	// Holder is the claim's own token: the entry's later writes check it.
	Holder string
	// UnknownSends counts the sends of this mail whose result was never
	// recorded (the sender ended between asking SES and marking): each
	// may have arrived.
	UnknownSends int
}

// Claim is what claiming an entry for sending found.
type Claim struct {
	// Item is set when the caller now holds the entry and must send it.
	Item *Item
	// Done: nothing to do now: the mail went out before, failed for good
	// (a resend is a new entry), or is held back until its time (the
	// sweep sends it then).
	Done bool
	// HeldUntil is set when another sender holds the entry until then.
	HeldUntil time.Time
}

// SweepSource is the eventSource of the one record that the schedule
// sends the mailer instead of a stream batch: the mailer then sweeps up
// what the stream left behind. The mailer's handler keeps the stream's
// event type, so one function does both.
const SweepSource = "netzwerk:sweep"

// RemindSource is the eventSource of the one record that the reminder
// schedule sends the mailer: it then queues the planned reminders that
// are due (shared/remind), which the stream brings back to it as mails.
const RemindSource = "netzwerk:remind"

// RefHeader is the mail header that names the outbox item a mail was sent
// for; SES's bounce and complaint events carry it back to the feedback
// function.
const RefHeader = "X-Netzwerk-Ref"

// Due is an entry the sweep looks at: not done past its time.
type Due struct {
	ID     string
	Status string // pending or sending (stuck), or held (its time has come)
}

// States of a mail in an office's list of mails that need a look.
const (
	StateFailed  = "failed"  // failed for good, with SES's error code; may be sent again
	StateHeld    = "held"    // held back by the daily cap, sent at HeldUntil or on demand
	StateUnknown = "unknown" // sent, but an earlier send's result was never known: may have arrived twice
)

// Failed is a mail of an office's list of mails that need a look, as the
// admin API and the console list it: failed for good, held back, or sent
// after a send whose result is unknown.
type Failed struct {
	ID       string    `json:"id"`
	Kind     string    `json:"kind"`
	State    string    `json:"state"`
	Error    string    `json:"error"` // SES's error code, or the reason it was held back
	FailedAt time.Time `json:"failedAt"`
	// HeldUntil: when a held mail is sent (unless a coordinator sends it
	// now).
	HeldUntil    *time.Time `json:"heldUntil,omitempty"`
	UnknownSends int        `json:"unknownSends,omitempty"`
	Attempts     int        `json:"attempts"`
	// The recipient as the registration or invitation names them today
	// (empty once erased).
	Recipient      string `json:"recipient,omitempty"`
	Email          string `json:"email,omitempty"`
	MeetingID      string `json:"meetingId,omitempty"`
	RegistrationID string `json:"registrationId,omitempty"`
	TargetKind     string `json:"targetKind,omitempty"`
	TargetID       string `json:"targetId,omitempty"`
	InvitationID   string `json:"invitationId,omitempty"`
}
