package mailer_test

import (
	"context"
	"mime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/integration-offices/netzwerk-backend/shared/legal"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestBarrierReportReachesTheOffice: a message of the feedback form goes
// to the office's address from its profile, once, with the message, the
// page and the sender's address as Reply-To.
func TestBarrierReportReachesTheOffice(t *testing.T) {
	f := newFixture(t, 10)
	ctx := context.Background()
	if err := f.store.PutOffice(ctx, seed.DemoOffice(), time.Now()); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	fb := &legal.Feedback{ID: "01FEEDBACK", Office: seed.Office, Message: "Der Knopf ist mit der Tastatur nicht erreichbar.",
		Email: "ayse@" + f.domain, Page: "/s/demo-needs-survey", Language: "tr", At: now, ExpiresAt: now.Add(legal.FeedbackRetention)}
	if err := f.store.SaveFeedback(ctx, fb, nil); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{inner: sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), "")}
	m := f.mailer(t, rec)
	batch := f.batch(t)
	for range 2 { // a redelivery sends nothing more
		if resp, err := m.Handle(ctx, batch); err != nil || len(resp.BatchItemFailures) > 0 {
			t.Fatalf("handle: %v %v", resp, err)
		}
	}
	got := rec.raw["integration@landkreis.example"]
	if len(got) != 1 {
		t.Fatalf("mails to the office: %d (%v)", len(got), keysOf(rec.raw))
	}
	raw := string(got[0])
	dec := new(mime.WordDecoder)
	head, _ := dec.DecodeHeader(raw[:strings.Index(raw, "\r\n\r\n")])
	if !strings.Contains(head, "Reply-To: <ayse@"+f.domain+">") || !strings.Contains(head, "Rückmeldung zu Ihren Seiten") {
		t.Errorf("header: %s", head)
	}
	if !strings.Contains(raw, "Tastatur") || !strings.Contains(raw, "/s/demo-needs-survey") {
		t.Errorf("body lacks the message or the page")
	}
}
