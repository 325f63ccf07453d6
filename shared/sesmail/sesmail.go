// Package sesmail sends raw MIME messages through Amazon SES v2.
package sesmail

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/aws-sdk-go-v2/service/sesv2/types"
	"github.com/aws/smithy-go"
)

// Options are the SES client's options for a mailer: throttling is not
// retried by the SDK (whose backoff waits seconds per refusal and would
// stall a wave) but returned at once, for the mailer to pace and wait.
// Nor is a send that got no answer once its connection was open: SES may
// have taken the mail, and a silent second try could deliver it twice; the
// mailer counts such a send as one whose result is unknown. SES's other
// transient errors and failed dials are retried by the SDK as usual.
func Options(o *sesv2.Options) {
	o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
		so.Retryables = append([]retry.IsErrorRetryable{retry.IsErrorRetryableFunc(func(err error) aws.Ternary {
			var ae smithy.APIError
			if errors.As(err, &ae) {
				if (&sendError{code: ae.ErrorCode()}).Throttled() {
					return aws.FalseTernary
				}
				return aws.UnknownTernary
			}
			var op *net.OpError
			if errors.As(err, &op) && op.Op == "dial" {
				return aws.UnknownTernary
			}
			return aws.FalseTernary
		})}, so.Retryables...)
	})
}

// Sender sends through one SES client (built once per container).
type Sender struct {
	// sendEmail is the client's SendEmail, held as a method value rather
	// than the client: the sender is used through an interface, and with
	// the client it would keep every SES operation in the mailer's
	// bootstrap (see store/dynamo's calls).
	sendEmail        func(context.Context, *sesv2.SendEmailInput, ...func(*sesv2.Options)) (*sesv2.SendEmailOutput, error)
	configurationSet string
}

// New returns a sender; configurationSet may be empty.
func New(client *sesv2.Client, configurationSet string) *Sender {
	return &Sender{sendEmail: client.SendEmail, configurationSet: configurationSet}
}

// SendRate is the rate to pace a mailer to: the account's maximum send
// rate in this region (SES GetAccount), or limit when that is lower (0: no
// limit of our own), so that one deployment can leave room for others
// sending from the same account.
func SendRate(ctx context.Context, client *sesv2.Client, limit float64) (float64, error) {
	out, err := client.GetAccount(ctx, &sesv2.GetAccountInput{})
	if err != nil {
		return 0, fmt.Errorf("ses GetAccount: %w", err)
	}
	if out.SendQuota == nil || out.SendQuota.MaxSendRate <= 0 {
		return 0, errors.New("ses: the account has no send quota")
	}
	rate := out.SendQuota.MaxSendRate
	if limit > 0 && limit < rate {
		rate = limit
	}
	return rate, nil
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
	out, err := s.sendEmail(ctx, in)
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
// Permanent reports a refusal that sending again will not change: SES
// rejected the message or the account cannot send (the mail is marked
// failed, for a coordinator to send again once the cause is fixed); SES's
// own faults and throttling are not.
func (e *sendError) Permanent() bool {
	switch e.code {
	case "TooManyRequestsException", "Throttling", "ThrottlingException", "InternalFailure", "InternalServerError", "ServiceUnavailable":
		return false
	}
	return true
}

// Code is SES's error code (no addresses: safe to store and show).
func (e *sendError) Code() string { return e.code }

func (e *sendError) Throttled() bool {
	switch e.code {
	case "TooManyRequestsException", "Throttling", "ThrottlingException":
		return true
	}
	return false
}
