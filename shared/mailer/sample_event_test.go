package mailer_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/mailer"
)

// The sample stream event (events/mailer-stream.json) names one outbox
// item to the mailer.
func TestMailerSampleEvent(t *testing.T) {
	b, err := os.ReadFile("../../events/mailer-stream.json")
	if err != nil {
		t.Fatal(err)
	}
	var ev events.DynamoDBEvent
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range ev.Records {
		if id, ok := mailer.OutboxID(r); ok {
			ids = append(ids, id)
		}
	}
	if len(ids) != 1 || ids[0] != "OUTBOX#01JD3M7Z7W5X2V4Q8R6T1Y9K0B" {
		t.Fatalf("outbox ids from the sample: %v", ids)
	}
}
