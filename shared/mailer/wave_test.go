package mailer_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestThrottledWaveSendsEachOnce: a wave of mails through an SES that
// throttles — now and then, and several times in a row —
// goes out exactly once per mail, paced, with no record failed for good.
func TestThrottledWaveSendsEachOnce(t *testing.T) {
	const n = 120
	f := newFixture(t, n)
	for i := range n {
		f.register(t, "Person "+string(rune('a'+i/26))+string(rune('a'+i%26)))
	}
	// SES refuses every third of the first 60 sends, and runs of five
	// in a row from the 70th and the 140th.
	ses, err := localaws.NewThrottlingSES(testenv.SESURL(t))
	if err != nil {
		t.Fatal(err)
	}
	ses.Every, ses.EveryUntil, ses.RunEvery, ses.RunLength = 3, 60, 70, 5
	srv := httptest.NewServer(ses)
	defer srv.Close()
	client := sesv2.NewFromConfig(testenv.AWSConfig(t), sesmail.Options, func(o *sesv2.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	cfg := f.cfg
	cfg.SendRate = 200
	m := mailer.New(f.store, sesmail.New(client, ""), f.tokens, cfg, slog.New(slog.NewJSONHandler(io.Discard, nil)), time.Now)

	ev := f.batch(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute) // a deadline that a loaded test machine does not reach: the test is about each mail once, not speed
	defer cancel()
	start := time.Now()
	resp, err := m.Handle(ctx, ev)
	took := time.Since(start)
	if err != nil || len(resp.BatchItemFailures) > 0 {
		t.Fatalf("handle: %v, %d records failed", err, len(resp.BatchItemFailures))
	}
	// The stream delivers the batch again: nothing more is sent.
	if resp, err := m.Handle(ctx, ev); err != nil || len(resp.BatchItemFailures) > 0 {
		t.Fatalf("redelivery: %v %+v", err, resp)
	}
	mails := f.inbox(t)
	per := map[string]int{}
	for _, ml := range mails {
		per[ml.Destination.To[0]]++
	}
	if len(mails) != n || len(per) != n {
		t.Fatalf("%d mails to %d addresses, want %d each once", len(mails), len(per), n)
	}
	calls, refused := ses.Counts()
	if refused < 25 {
		t.Fatalf("only %d sends refused: the test did not throttle", refused)
	}
	// Pacing: 200 mails/s cannot send 120 mails in less than ~0.6 s.
	if took < 595*time.Millisecond {
		t.Errorf("%d mails in %v: not paced to 200/s", n, took)
	}
	t.Logf("%d mails, %d sends refused by SES, %d calls, %v", n, refused, calls, took.Round(time.Millisecond))
}
