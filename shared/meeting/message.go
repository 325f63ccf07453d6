package meeting

import (
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// Recipients says whom an office's message to a meeting's people goes to.
type Recipients string

const (
	ToConfirmed  Recipients = "confirmed"  // those with a seat
	ToWaitlisted Recipients = "waitlisted" // those on the waitlist
	ToAll        Recipients = "all"        // both
)

// Statuses are the registration statuses a message to r reaches.
func (r Recipients) Statuses() []RegStatus {
	switch r {
	case ToConfirmed:
		return []RegStatus{Confirmed}
	case ToWaitlisted:
		return []RegStatus{Waitlisted}
	case ToAll:
		return []RegStatus{Confirmed, Waitlisted}
	}
	return nil
}

// Message is what an office wrote to a meeting's people: a subject and a
// text per language (German required; the others fall back to it), sent
// once to each person through the outbox.
type Message struct {
	ID         string     `json:"id"`
	MeetingID  string     `json:"meetingId"`
	Office     string     `json:"office"`
	Recipients Recipients `json:"recipients"`
	Subject    i18n.Text  `json:"subject"`
	Text       i18n.Text  `json:"text"`
	// Count is how many people it went to.
	Count  int       `json:"count"`
	SentAt time.Time `json:"sentAt"`
}

// Limits of a message.
const (
	MaxSubject     = 200
	MaxMessageText = 5000
)

// MaxDescription is the longest description a form takes per language.
const MaxDescription = 5000
