// Package sesmail sends raw MIME messages through Amazon SES v2.
package sesmail

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/aws-sdk-go-v2/service/sesv2/types"
	"github.com/aws/smithy-go"
)

// Options are the SES client's options for a mailer: throttling is not
// retried by the SDK (whose backoff waits seconds per refusal and would
// stall a wave) but returned at once, for the mailer to pace and wait;
// other transient errors are retried by the SDK as usual.
func Options(o *sesv2.Options) {
	o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
		so.Retryables = append([]retry.IsErrorRetryable{retry.IsErrorRetryableFunc(func(err error) aws.Ternary {
			var ae smithy.APIError
			if errors.As(err, &ae) && (&sendError{code: ae.ErrorCode()}).Throttled() {
				return aws.FalseTernary
			}
			return aws.UnknownTernary
		})}, so.Retryables...)
	})
}

// Sender sends through one SES client (built once per container).
type Sender struct {
	client           *sesv2.Client
	configurationSet string
}

// New returns a sender; configurationSet may be empty.
func New(client *sesv2.Client, configurationSet string) *Sender {
	return &Sender{client: client, configurationSet: configurationSet}
}

// SendRaw sends raw to one recipient and returns SES's message id.
func (s *Sender) SendRaw(ctx context.Context, from, to string, raw []byte) (string, error) {
	in := &sesv2.SendEmailInput{
		FromEmailAddress: aws.String(from),
		Destination:      &types.Destination{ToAddresses: []string{to}},
		Content:          &types.EmailContent{Raw: &types.RawMessage{Data: raw}},
	}
	if s.configurationSet != "" {
		in.ConfigurationSetName = aws.String(s.configurationSet)
	}
	out, err := s.client.SendEmail(ctx, in)
	if err != nil {
		return "", redact(err)
	}
	return aws.ToString(out.MessageId), nil
}

// redact keeps an SES error's code and drops its message: SES names the
// rejected addresses there ("Email address is not verified … anna@…"), and
// errors end up in logs.
func redact(err error) error {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return &sendError{code: ae.ErrorCode()}
	}
	return fmt.Errorf("ses send: %w", err)
}

// sendError is SES's refusal, by its code.
type sendError struct{ code string }

func (e *sendError) Error() string { return "ses send: " + e.code }

// Throttled reports a refusal for the sending rate: the same mail goes
// through when sent again later (the mailer waits and does).
func (e *sendError) Throttled() bool {
	switch e.code {
	case "TooManyRequestsException", "Throttling", "ThrottlingException":
		return true
	}
	return false
}
