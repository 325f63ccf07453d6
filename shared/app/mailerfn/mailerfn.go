// Package mailerfn builds the mailer's stream handler; it is the only
// builder that links SES (a package of its own: see surveyfn).
package mailerfn

import (
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// Config is the mailer's configuration from the app's.
func Config(c app.Config) mailer.Config {
	return mailer.Config{From: c.MailFrom, FromName: c.MailFromName, ReplyTo: c.MailReplyTo, BaseURL: c.PublicBaseURL,
		SendRate: c.MailSendRate}
}

// New builds the stream handler that sends the outbox's emails.
func New(d app.Deps) (app.StreamHandler, error) {
	tokens, err := app.LinkTokens(d)
	if err != nil {
		return nil, err
	}
	cfg := Config(d.Config)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	m := mailer.New(d.Store(), sesmail.New(sesv2.NewFromConfig(d.AWS, sesmail.Options), d.Config.SESConfigurationSet), tokens, cfg, d.Log, d.Now)
	return m.Handle, nil
}

var _ mailer.Store = (*dynamo.Store)(nil)
