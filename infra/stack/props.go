// Package stack defines the whole deployment: DynamoDB table, Lambda
// functions, HTTP API with Cognito JWT authorizer, mailer on the table's
// stream with its dead-letter queue, SES identity, alarms. API routes come
// from the project's one route table (shared/routes).
package stack

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Props are the deployment's settings.
type Props struct {
	Stage string // "prod", "test", …: part of names
	// LoginDomainPrefix names the console's managed login domain
	// (https://<prefix>.auth.<region>.amazoncognito.com), unique per region.
	LoginDomainPrefix string
	// CertificateArn, if set, is an ACM certificate in us-east-1 for the
	// public base URL's host: the CloudFront distribution answers there
	// (TLS 1.2 at least); else only on its cloudfront.net name.
	CertificateArn string
	// Sender is the From address; SenderDomain, if set, is verified as a
	// domain identity instead of the single address.
	Sender        string
	SenderDomain  string
	ReplyTo       string
	PublicBaseURL string
	CorsOrigins   []string
	RetentionDays int    // log retention
	AlarmEmail    string // optional
	BuildDir      string // where scripts/build-lambdas put the bootstraps
	Region        string
	Account       string
	// Throttling of the $default stage.
	RateLimit  float64
	BurstLimit float64
	// MailSendRate, when above 0, caps the mailer's pace below the
	// account's SES maximum send rate, which the mailer reads at start
	// (mails/s): to leave room for others sending from the same account.
	MailSendRate float64
	// Per-client limits of the public forms, per client address and hour
	// (0: off): registrations and survey answers.
	RegistrationsPerHour, AnswersPerHour int
	// RegistrationsPerMeeting: registrations per client address and
	// meeting (0: off).
	RegistrationsPerMeeting int
	// MailsPerAddressPerDay caps the mails one recipient gets a day (0: off).
	MailsPerAddressPerDay int
	// PurgeCancelledDays is how long a cancelled registration is kept.
	PurgeCancelledDays int
	// TranslateAnswers lets the console translate free texts of answers
	// into German with Amazon Translate (eu-central-1): the admin role
	// gets translate:TranslateText only then. Off by default.
	TranslateAnswers bool
}

// PropsFromContext reads the settings from the CDK context.
func PropsFromContext(scope constructs.Construct) (*Props, error) {
	node := constructs.Node_Of(scope)
	get := func(key, def string) string {
		v := node.TryGetContext(jsii.String(key))
		if s, ok := v.(string); ok && s != "" {
			return s
		}
		if f, ok := v.(float64); ok {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
		return def
	}
	p := &Props{
		Stage: get("stage", "prod"), Sender: get("senderEmail", ""), SenderDomain: get("senderDomain", ""),
		ReplyTo: get("replyTo", ""), PublicBaseURL: get("publicBaseUrl", ""), AlarmEmail: get("alarmEmail", ""),
		LoginDomainPrefix: get("loginDomainPrefix", ""),
		CertificateArn:    get("certificateArn", ""),
		BuildDir:          get("buildDir", "build"), Region: get("region", "eu-central-1"), Account: get("account", ""),
	}
	switch v := node.TryGetContext(jsii.String("corsOrigins")).(type) {
	case []any:
		for _, o := range v {
			if s, ok := o.(string); ok {
				p.CorsOrigins = append(p.CorsOrigins, s)
			}
		}
	case string:
		for _, o := range strings.Split(v, ",") {
			if o = strings.TrimSpace(o); o != "" {
				p.CorsOrigins = append(p.CorsOrigins, o)
			}
		}
	}
	var err error
	if p.RetentionDays, err = strconv.Atoi(get("retentionDays", "90")); err != nil {
		return nil, fmt.Errorf("context retentionDays: %w", err)
	}
	if p.RateLimit, err = strconv.ParseFloat(get("throttleRate", "50"), 64); err != nil {
		return nil, fmt.Errorf("context throttleRate: %w", err)
	}
	if p.BurstLimit, err = strconv.ParseFloat(get("throttleBurst", "100"), 64); err != nil {
		return nil, fmt.Errorf("context throttleBurst: %w", err)
	}
	if p.MailSendRate, err = strconv.ParseFloat(get("mailSendRate", "0"), 64); err != nil || p.MailSendRate < 0 {
		return nil, fmt.Errorf("context mailSendRate: mails per second, 0 for the account's rate")
	}
	for _, l := range []struct {
		key, def string
		to       *int
	}{{"limitRegistrationsPerHour", "20", &p.RegistrationsPerHour}, {"limitAnswersPerHour", "60", &p.AnswersPerHour},
		{"limitRegistrationsPerMeeting", "3", &p.RegistrationsPerMeeting},
		{"limitMailsPerAddressPerDay", "10", &p.MailsPerAddressPerDay},
		{"purgeCancelledDays", "30", &p.PurgeCancelledDays}} {
		if *l.to, err = strconv.Atoi(get(l.key, l.def)); err != nil || *l.to < 0 {
			return nil, fmt.Errorf("context %s: a whole number, 0 for no limit", l.key)
		}
	}
	switch v := node.TryGetContext(jsii.String("translateAnswers")).(type) {
	case nil:
	case bool:
		p.TranslateAnswers = v
	case string:
		if p.TranslateAnswers, err = strconv.ParseBool(v); err != nil {
			return nil, fmt.Errorf("context translateAnswers: true or false")
		}
	default:
		return nil, fmt.Errorf("context translateAnswers: true or false")
	}
	if p.LoginDomainPrefix == "" {
		p.LoginDomainPrefix = "netzwerk-" + p.Stage
		if p.Account != "" {
			p.LoginDomainPrefix += "-" + p.Account // unique per region
		}
	}
	return p, p.Validate()
}

var loginPrefix = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`)

// Validate checks the settings and reports every problem at once. The
// addresses and the URL follow the rules the functions check at start
// (shared/app ConfigFromEnv), so a stack that synthesizes has functions
// that start.
func (p *Props) Validate() error {
	var errs []error
	problem := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if p.Stage == "" || strings.ContainsAny(p.Stage, " /_") {
		problem("context stage %q: letters, digits and - only", p.Stage)
	}
	if !loginPrefix.MatchString(p.LoginDomainPrefix) || strings.Contains(p.LoginDomainPrefix, "cognito") || strings.Contains(p.LoginDomainPrefix, "aws") {
		problem("context loginDomainPrefix %q: lower-case letters, digits and -, without aws or cognito", p.LoginDomainPrefix)
	}
	if !bareAddress(p.Sender) {
		problem("context senderEmail: an email address (name@domain) is required")
	} else if p.SenderDomain != "" && !strings.HasSuffix(p.Sender, "@"+p.SenderDomain) {
		problem("context senderEmail must be at senderDomain %s", p.SenderDomain)
	}
	if p.ReplyTo != "" && !bareAddress(p.ReplyTo) {
		problem("context replyTo: an email address (name@domain)")
	}
	if p.AlarmEmail != "" && !bareAddress(p.AlarmEmail) {
		problem("context alarmEmail: an email address (name@domain)")
	}
	if u, err := url.Parse(p.PublicBaseURL); err != nil || u.Scheme != "https" || u.Host == "" {
		problem("context publicBaseUrl: an https URL is required")
	}
	if p.CertificateArn != "" && !strings.HasPrefix(p.CertificateArn, "arn:aws:acm:us-east-1:") {
		problem("context certificateArn: an ACM certificate in us-east-1 (CloudFront takes its certificates there)")
	}
	if len(p.CorsOrigins) == 0 {
		problem("context corsOrigins: at least one origin")
	}
	if p.RetentionDays <= 0 {
		problem("context retentionDays must be positive")
	}
	p.BuildDir, _ = filepath.Abs(p.BuildDir)
	return errors.Join(errs...)
}

// bareAddress says whether v is an email address with a domain and
// without a display name.
func bareAddress(v string) bool {
	a, err := mail.ParseAddress(v)
	at := strings.LastIndexByte(v, '@')
	return err == nil && a.Name == "" && a.Address == v && at > 0 && at < len(v)-1
}

// env returns the stack's environment: the region, and the account if set.
func (p *Props) env() *awscdk.Environment {
	e := &awscdk.Environment{Region: jsii.String(p.Region)}
	if p.Account != "" {
		e.Account = jsii.String(p.Account)
	}
	return e
}
