// Package outbox names the transactional outbox's entries: mails that a
// registration's transaction queues and the mailer sends.
package outbox

// Item is an outbox entry: which mail to send about which registration.
type Item struct {
	ID             string
	Kind           string
	MeetingID      string
	RegistrationID string
}
