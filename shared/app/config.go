package app

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// Config is read once from the environment at start (ConfigFromEnv).
// Which function reads which variable is in the table of functions
// (routes.Specs), which the stack sets them from.
type Config struct {
	Table string // TABLE_NAME
	// LinkSecret is the key of the personal links from LINK_SECRET, or nil
	// when it comes from Secrets Manager (LinkSecretARN); linkSecretFromEnv
	// says what each may hold.
	LinkSecret    []byte
	LinkSecretARN string // LINK_SECRET_ARN
	// Mail settings, for the mailer only (MAIL_FROM the meeting function too).
	MailFrom, MailFromName, MailReplyTo, PublicBaseURL string
	// SESConfigurationSet is SES_CONFIGURATION_SET (optional).
	SESConfigurationSet string
	// MailSendRate is MAIL_SEND_RATE: mails per second the mailer sends at
	// most, below the account's own rate (0 or unset: the account's).
	MailSendRate float64
	// Per-client limits of the public forms, per client address and hour
	// (LIMIT_REGISTRATIONS_PER_HOUR, LIMIT_ANSWERS_PER_HOUR; 0: off), and
	// the mails one recipient gets a day (LIMIT_MAILS_PER_ADDRESS_PER_DAY).
	RegistrationsPerHour, AnswersPerHour, MailsPerAddressPerDay int
	// RegistrationsPerMeeting is how many registrations for one meeting
	// a client address may make (LIMIT_REGISTRATIONS_PER_MEETING; 0: off).
	RegistrationsPerMeeting int
	// PurgeCancelledDays is how long a cancelled registration is kept
	// (PURGE_CANCELLED_DAYS; the item and its personal fields go then).
	PurgeCancelledDays int
	// RequirePrivacyNotice is the go-live guard (REQUIRE_PRIVACY_NOTICE
	// "1": on, as the stack sets it; unset or "0": off, as in make dev).
	RequirePrivacyNotice bool
	// OriginVerify is ORIGIN_VERIFY, the secret CloudFront sends the HTTP
	// functions (optional: without it no request is taken as CloudFront's).
	OriginVerify string
}

// The per-client limits when the environment does not set them: a
// family, a club's office or a venue's network shares one address, so
// they leave room for several people; a flood stops within minutes.
const (
	DefaultRegistrationsPerHour = 20
	DefaultAnswersPerHour       = 60
	// A few people behind one address (a family, a club's office) may
	// register for one meeting; no one address can take its seats.
	DefaultRegistrationsPerMeeting = 3
	// A day's mails to one person: an invitation, a reminder, a few
	// registrations and their changes.
	DefaultMailsPerAddressPerDay = 10
)

// ConfigFromEnv reads the configuration of the functions fns (the dev
// server, which runs them all, passes every one) and checks it: every
// variable their specs list (routes.Specs) that has no default must be
// set, and every variable that is set must be well-formed. It returns all
// problems at once, each naming its variable and never a value, so that a
// function fails at start, not at its first request. With no function it
// needs TABLE_NAME only.
func ConfigFromEnv(fns ...routes.Function) (Config, error) {
	return configFrom(os.Getenv, fns...)
}

// required are the variables a function cannot do without when its spec
// lists them; the others are optional or have defaults.
var required = map[string]bool{
	routes.EnvTable: true, routes.EnvLinkSecretARN: true, routes.EnvPublicBaseURL: true, routes.EnvMailFrom: true,
	routes.EnvConsoleIssuer: true, routes.EnvConsoleClientID: true, routes.EnvConsoleAuthURL: true,
}

func configFrom(getenv func(string) string, fns ...routes.Function) (Config, error) {
	needs := map[string]bool{routes.EnvTable: true}
	for _, fn := range fns {
		spec, ok := routes.Specs[fn]
		if !ok {
			return Config{}, fmt.Errorf("config: function %s is not in routes.Specs", fn)
		}
		for _, k := range spec.Env {
			needs[k] = needs[k] || required[k]
		}
	}
	var errs []error
	problem := func(name, rule string) { errs = append(errs, fmt.Errorf("config: %s %s", name, rule)) }
	// get returns the variable's value and whether to check it: set, or
	// needed and missing (then it is reported).
	get := func(name string) (string, bool) {
		v := getenv(name)
		if v == "" && needs[name] {
			problem(name, "is not set")
		}
		return v, v != ""
	}

	c := Config{
		Table: getenv(routes.EnvTable), MailFromName: getenv(routes.EnvMailFromName),
		SESConfigurationSet: getenv(routes.EnvSESConfigSet), OriginVerify: getenv(routes.EnvOriginVerify),
	}
	get(routes.EnvTable)
	var err error
	if c.LinkSecret, c.LinkSecretARN, err = linkSecretFromEnv(getenv); err != nil {
		errs = append(errs, err)
	} else if needs[routes.EnvLinkSecretARN] && c.LinkSecret == nil && c.LinkSecretARN == "" {
		problem(routes.EnvLinkSecretARN, "(or LINK_SECRET) is not set")
	}
	if v, ok := get(routes.EnvPublicBaseURL); ok {
		if !httpsURL(v) {
			problem(routes.EnvPublicBaseURL, "must be an absolute https URL (http://127.0.0.1 for make dev)")
		}
		c.PublicBaseURL = v
	}
	for _, m := range []struct {
		name string
		to   *string
	}{{routes.EnvMailFrom, &c.MailFrom}, {routes.EnvMailReplyTo, &c.MailReplyTo}} {
		if v, ok := get(m.name); ok {
			if !plainAddress(v) {
				problem(m.name, "must be an email address (name@domain)")
			}
			*m.to = v
		}
	}
	if v, ok := get(routes.EnvMailSendRate); ok {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || r < 0 || math.IsNaN(r) || math.IsInf(r, 0) {
			problem(routes.EnvMailSendRate, "must be a number of mails per second")
		}
		c.MailSendRate = r
	}
	for _, l := range []struct {
		name string
		to   *int
		def  int
	}{{routes.EnvLimitRegistrations, &c.RegistrationsPerHour, DefaultRegistrationsPerHour}, {routes.EnvLimitAnswers, &c.AnswersPerHour, DefaultAnswersPerHour},
		{routes.EnvLimitPerMeeting, &c.RegistrationsPerMeeting, DefaultRegistrationsPerMeeting},
		{routes.EnvLimitMails, &c.MailsPerAddressPerDay, DefaultMailsPerAddressPerDay},
		{routes.EnvPurgeCancelled, &c.PurgeCancelledDays, int(dynamo.DefaultPurgeCancelled / (24 * time.Hour))}} {
		*l.to = l.def
		if v, ok := get(l.name); ok {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				problem(l.name, "must be a whole number (0: off)")
			}
			*l.to = n
		}
	}
	switch v, _ := get(routes.EnvRequirePrivacyNotice); v {
	case "", "0":
	case "1":
		c.RequirePrivacyNotice = true
	default:
		problem(routes.EnvRequirePrivacyNotice, "must be 1 (on) or 0 (off)")
	}
	// The console's sign-in (shared/web/console reads the values).
	for _, name := range []string{routes.EnvConsoleIssuer, routes.EnvConsoleAuthURL, routes.EnvConsoleJWKSURL} {
		if v, ok := get(name); ok && !httpsURL(v) {
			problem(name, "must be an absolute https URL (http://127.0.0.1 for make dev)")
		}
	}
	if v, ok := get(routes.EnvConsoleClientID); ok && strings.ContainsAny(v, " /:") {
		problem(routes.EnvConsoleClientID, "must be an app client id")
	}
	return c, errors.Join(errs...)
}

// linkSecretFromEnv reads the link secret, the key of every personal link
// (registration, invitation, objection) and of the keyed hashes of client
// addresses. This is the one place that says what it may hold:
//
//   - LINK_SECRET (make dev, tests, the cold-start script): the key
//     itself, in standard base64 with padding (RFC 4648 §4, as
//     `openssl rand -base64 32` prints it), at least 32 bytes once
//     decoded. The value is always decoded as base64: URL-safe or
//     unpadded base64 and most raw text are refused, but a hex string is
//     valid base64 and would be taken as such (other bytes), so give
//     base64, not hex.
//   - LINK_SECRET_ARN (AWS; the stack sets it): the ARN of a Secrets
//     Manager secret whose SecretString is the key as it stands: its bytes
//     are used unchanged, not decoded, and must be at least 32. The stack
//     generates 64 letters and digits. LinkTokens reads it, once, in the
//     background at start.
//
// LINK_SECRET wins when both are set. Changing the key invalidates every
// link already sent.
func linkSecretFromEnv(getenv func(string) string) (secret []byte, arn string, err error) {
	if s := getenv("LINK_SECRET"); s != "" {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, "", errors.New("config: LINK_SECRET is not standard base64")
		}
		if len(b) < linktoken.MinSecret {
			return nil, "", fmt.Errorf("config: LINK_SECRET must decode to at least %d bytes", linktoken.MinSecret)
		}
		return b, "", nil
	}
	arn = getenv(routes.EnvLinkSecretARN)
	if arn != "" && (!strings.HasPrefix(arn, "arn:") || !strings.Contains(arn, ":secretsmanager:")) {
		return nil, "", fmt.Errorf("config: %s must be the ARN of a Secrets Manager secret", routes.EnvLinkSecretARN)
	}
	return nil, arn, nil
}

// httpsURL says whether v is an absolute https URL with a host, or an
// http URL on 127.0.0.1 (make dev serves there).
func httpsURL(v string) bool {
	u, err := url.Parse(v)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	return u.Scheme == "https" || (u.Scheme == "http" && u.Hostname() == "127.0.0.1")
}

// plainAddress says whether v is a bare email address with a domain
// (no display name: MAIL_FROM_NAME is the name).
func plainAddress(v string) bool {
	a, err := mail.ParseAddress(v)
	if err != nil || a.Name != "" || a.Address != v {
		return false
	}
	at := strings.LastIndexByte(v, '@')
	return at > 0 && at < len(v)-1
}
