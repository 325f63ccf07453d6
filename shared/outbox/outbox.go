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
	// Office is the office the mail is sent for.
	Office string
	// Attempts counts the claims so far, this one included.
	Attempts int
}

// Claim is what claiming an entry for sending found.
type Claim struct {
	// Item is set when the caller now holds the entry and must send it.
	Item *Item
	// Sent: nothing to do: the mail went out before, or failed for good
	// (a resend is a new entry).
	Sent bool
	// HeldUntil is set when another sender holds the entry until then.
	HeldUntil time.Time
}

// RefHeader is the mail header that names the outbox item a mail was sent
// for; SES's bounce and complaint events carry it back to the feedback
// function.
const RefHeader = "X-Netzwerk-Ref"

// Failed is a mail that failed for good, as the admin API lists it: ids
// and SES's error code, no address.
type Failed struct {
	ID             string    `json:"id"`
	Kind           string    `json:"kind"`
	Error          string    `json:"error"`
	FailedAt       time.Time `json:"failedAt"`
	Attempts       int       `json:"attempts"`
	MeetingID      string    `json:"meetingId,omitempty"`
	RegistrationID string    `json:"registrationId,omitempty"`
	TargetKind     string    `json:"targetKind,omitempty"`
	TargetID       string    `json:"targetId,omitempty"`
	InvitationID   string    `json:"invitationId,omitempty"`
}
