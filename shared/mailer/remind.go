package mailer

import (
	"context"
	"errors"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/remind"
)

// Reminders runs the planned reminders (remind.Runner).
type Reminders interface {
	Run(ctx context.Context) (remind.Result, error)
}

// RemindEvent is the event that makes Handle run the planned reminders
// (the reminder schedule's).
func RemindEvent() events.DynamoDBEvent {
	return events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{{EventSource: outbox.RemindSource}}}
}

// remind runs the planned reminders: each due one is queued once, in a
// transaction with its outbox mail, which the stream then brings here.
func (m *Mailer) remind(ctx context.Context) error {
	if m.Reminders == nil {
		return errors.New("mailer: no reminder runner")
	}
	if _, err := m.Reminders.Run(ctx); err != nil {
		return err
	}
	// The same schedule asks, once a year, each organisation to check
	// its entry in the register.
	_, err := m.YearlyEntryChecks(ctx)
	return err
}
