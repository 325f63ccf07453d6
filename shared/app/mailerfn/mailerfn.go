// Package mailerfn builds the mailer's stream handler; it is the only
// builder that links SES (a package of its own: see surveyfn).
package mailerfn

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/remind"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// Config is the mailer's configuration from the app's.
func Config(c app.Config) mailer.Config {
	return mailer.Config{From: c.MailFrom, FromName: c.MailFromName, ReplyTo: c.MailReplyTo, BaseURL: c.PublicBaseURL,
		SendRate: c.MailSendRate, MailsPerAddressPerDay: c.MailsPerAddressPerDay}
}

// New builds the stream handler that sends the outbox's emails.
func New(d app.Deps) (app.StreamHandler, error) {
	if err := app.CheckZones(); err != nil {
		return nil, err
	}
	tokens, err := app.LinkTokens(d)
	if err != nil {
		return nil, err
	}
	cfg := Config(d.Config)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	client := sesv2.NewFromConfig(d.AWS, sesmail.Options)
	cfg.SendRate = sendRate(client, d)
	t := d.Table()
	m := mailer.New(mailerStore{dynamo.Outbox{Table: t}, dynamo.Registrations{Table: t}, dynamo.Invitations{Table: t}, dynamo.Responses{Table: t},
		dynamo.Offices{Table: t}, dynamo.Legal{Table: t}, dynamo.LegalAdmin{Table: t}, dynamo.Wording{Table: t}, dynamo.Orgs{Table: t}}, sesmail.New(client, d.Config.SESConfigurationSet), tokens, cfg, d.Log, d.Now)
	m.Reminders = remind.New(remindStore{dynamo.Reminders{Table: t}, dynamo.Suppressions{Table: t}, dynamo.Responses{Table: t},
		dynamo.Registrations{Table: t}, dynamo.Legal{Table: t}, dynamo.LegalAdmin{Table: t}, dynamo.Orgs{Table: t}}, tokens, d.Now, d.Log)
	m.Entries = dynamo.Entries{Table: t}
	return m.Handle, nil
}

// fallbackRate is SES's rate for a new account in the sandbox: the pace
// when the account's own cannot be read.
const fallbackRate = 1

// sendRate reads the account's maximum send rate once at start, capped by
// MAIL_SEND_RATE when that is set. When SES cannot say, the mailer starts
// anyway, at MAIL_SEND_RATE or the sandbox's rate: too slow is safe, too
// fast is throttled (which the mailer survives, but SES counts).
func sendRate(client *sesv2.Client, d app.Deps) float64 {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	rate, err := sesmail.SendRate(ctx, client, d.Config.MailSendRate)
	if err != nil {
		rate = d.Config.MailSendRate
		if rate <= 0 {
			rate = fallbackRate
		}
		d.Log.Warn("send rate: the account's could not be read", "error", err, "mails_per_second", rate)
		return rate
	}
	d.Log.Info("send rate", "mails_per_second", rate)
	return rate
}

// The areas the mailer and the reminders use.
type (
	mailerStore struct {
		dynamo.Outbox
		dynamo.Registrations
		dynamo.Invitations
		dynamo.Responses
		dynamo.Offices
		dynamo.Legal
		dynamo.LegalAdmin
		dynamo.Wording
		dynamo.Orgs
	}
	remindStore struct {
		dynamo.Reminders
		dynamo.Suppressions
		dynamo.Responses
		dynamo.Registrations
		dynamo.Legal
		dynamo.LegalAdmin
		dynamo.Orgs
	}
)

var (
	_ mailer.Store      = mailerStore{}
	_ remind.Store      = remindStore{}
	_ mailer.EntryStore = dynamo.Entries{}
)
