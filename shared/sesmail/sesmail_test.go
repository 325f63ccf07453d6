package sesmail

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
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
