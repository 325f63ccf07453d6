// Package outbox names the transactional outbox's entries: mails that a
// registration's, an invitation's or a meeting change's write queues in the
// same transaction, and the mailer sends from the table's stream.
package outbox

import "time"

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
)

// Invitation mails.
const (
	Invitation Kind = "invitation"
	Reminder   Kind = "reminder"
)

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
}

// Claim is what claiming an entry for sending found.
type Claim struct {
	// Item is set when the caller now holds the entry and must send it.
	Item *Item
	// Sent: the mail went out before; nothing to do.
	Sent bool
	// HeldUntil is set when another sender holds the entry until then.
	HeldUntil time.Time
}

// RefHeader is the mail header that names the outbox item a mail was sent
// for; SES's bounce and complaint events carry it back to the feedback
// function.
const RefHeader = "X-Netzwerk-Ref"
