// Package outbox names the transactional outbox's entries: mails that a
// registration's transaction queues and the mailer sends.
package outbox

// Item is an outbox entry: which mail to send about which registration.
type Item struct {
	ID   string
	Kind string
	// Registration mails (confirmed, waitlisted, promoted, cancelled).
	MeetingID      string
	RegistrationID string
	// Invitation mails (invitation, reminder).
	TargetKind   string
	TargetID     string
	InvitationID string
}
