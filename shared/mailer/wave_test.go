package mailer_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// throttlingSES stands in front of the local SES server and refuses sends
// the way SES does when a sender goes over its rate (429,
// TooManyRequestsException): every third of the first calls, and a run of
// five calls in a row.
type throttlingSES struct {
	calls, refused atomic.Int64
	proxy          *httputil.ReverseProxy
}

func (s *throttlingSES) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && strings.Contains(r.URL.Path, "outbound-emails") {
		n := s.calls.Add(1)
		if n <= 60 && n%3 == 0 || n >= 70 && n < 75 {
			s.refused.Add(1)
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("X-Amzn-ErrorType", "TooManyRequestsException")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = io.WriteString(w, `{"__type":"TooManyRequestsException","message":"Maximum sending rate exceeded."}`)
			return
		}
	}
	s.proxy.ServeHTTP(w, r)
}

// TestThrottledWaveSendsEachOnce: a wave of mails through an SES that
// throttles — now and then, and several times in a row —
// goes out exactly once per mail, paced, with no record failed for good.
func TestThrottledWaveSendsEachOnce(t *testing.T) {
	const n = 120
	f := newFixture(t, n)
	for i := range n {
		f.register(t, "Person "+string(rune('a'+i/26))+string(rune('a'+i%26)))
	}
	target, _ := url.Parse(testenv.SESURL(t))
	ses := &throttlingSES{proxy: httputil.NewSingleHostReverseProxy(target)}
	srv := httptest.NewServer(ses)
	defer srv.Close()
	client := sesv2.NewFromConfig(testenv.AWSConfig(t), sesmail.Options, func(o *sesv2.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	cfg := f.cfg
	cfg.SendRate = 200
	m := mailer.New(f.store, sesmail.New(client, ""), f.tokens, cfg, slog.New(slog.NewJSONHandler(io.Discard, nil)), time.Now)

	ev := f.batch(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // a Lambda invocation's deadline
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
	if ses.refused.Load() < 25 {
		t.Fatalf("only %d sends refused: the test did not throttle", ses.refused.Load())
	}
	// Pacing: 200 mails/s cannot send 120 mails in less than ~0.6 s.
	if took < 595*time.Millisecond {
		t.Errorf("%d mails in %v: not paced to 200/s", n, took)
	}
	t.Logf("%d mails, %d sends refused by SES, %d calls, %v", n, ses.refused.Load(), ses.calls.Load(), took.Round(time.Millisecond))
}
