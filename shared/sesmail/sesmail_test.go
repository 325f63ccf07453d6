package sesmail

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/smithy-go"

	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

func TestRedactDropsAddresses(t *testing.T) {
	err := redact(&smithy.GenericAPIError{Code: "MessageRejected",
		Message: "Email address is not verified. The following identities failed the check: anna@verein.example"})
	if strings.Contains(err.Error(), "anna@") || !strings.Contains(err.Error(), "MessageRejected") {
		t.Fatalf("redacted error: %v", err)
	}
	plain := errors.New("dial tcp 127.0.0.1:8005: connection refused")
	if !errors.Is(redact(plain), plain) {
		t.Fatal("transport errors stay wrapped")
	}
}

func TestThrottledOnlyForTheRate(t *testing.T) {
	for code, want := range map[string]bool{"TooManyRequestsException": true, "Throttling": true, "ThrottlingException": true,
		"MessageRejected": false, "LimitExceededException": false, "SendingPausedException": false, "AccountSuspendedException": false} {
		var th interface{ Throttled() bool }
		if err := redact(&smithy.GenericAPIError{Code: code}); !errors.As(err, &th) || th.Throttled() != want {
			t.Errorf("%s: throttled = %v", code, !want)
		}
	}
}

// The mailer's pace is the account's maximum send rate, which the local
// SES server reports as a new production account's (14/s), or a lower
// limit of the deployment's.
func TestSendRateIsTheAccounts(t *testing.T) {
	client := sesv2.NewFromConfig(testenv.AWSConfig(t), Options)
	for limit, want := range map[float64]float64{0: localaws.LocalSendRate, 5: 5, 100: localaws.LocalSendRate} {
		got, err := SendRate(context.Background(), client, limit)
		if err != nil || got != want {
			t.Errorf("limit %v: rate %v, %v; want %v", limit, got, err, want)
		}
	}
	down := sesv2.NewFromConfig(testenv.AWSConfig(t), func(o *sesv2.Options) {
		o.BaseEndpoint, o.RetryMaxAttempts = aws.String("http://127.0.0.1:1"), 1
	})
	if _, err := SendRate(context.Background(), down, 0); err == nil {
		t.Error("no account, no error")
	}
}

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// A refusal that sending again will not change is permanent; throttling
// and SES's own faults are not.
func TestPermanentRefusals(t *testing.T) {
	for code, want := range map[string]bool{"MessageRejected": true, "MailFromDomainNotVerifiedException": true, "AccountSuspendedException": true,
		"TooManyRequestsException": false, "Throttling": false, "InternalFailure": false, "ServiceUnavailable": false} {
		var p interface {
			Permanent() bool
			Code() string
		}
		if err := redact(&smithy.GenericAPIError{Code: code}); !errors.As(err, &p) || p.Permanent() != want || p.Code() != code {
			t.Errorf("%s: permanent = %v", code, !want)
		}
	}
}

// A send whose connection breaks after the request went out is not
// repeated by the SDK: SES may have taken the mail, and a silent second
// try could deliver it twice; the mailer counts such a send as unknown. A
// connection that never opened is tried again.
func TestBrokenSendIsNotRetriedBySDK(t *testing.T) {
	var mu sync.Mutex
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		mu.Lock()
		hits++
		mu.Unlock()
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close() // the request arrived; no answer
		}
	}))
	defer srv.Close()
	client := sesv2.NewFromConfig(testenv.AWSConfig(t), Options, func(o *sesv2.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	if _, err := New(client, "").SendRaw(context.Background(), "a@integration.example", "b@verein.example", []byte("Subject: x\r\n\r\nx")); err == nil {
		t.Fatal("a broken connection sent")
	}
	mu.Lock()
	defer mu.Unlock()
	if hits != 1 {
		t.Fatalf("SES got the request %d times, want once", hits)
	}
}
