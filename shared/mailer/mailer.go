// Package mailer sends the emails of the transactional outbox. It is the
// handler of the table's DynamoDB stream: every outbox item written by a
// registration's transaction arrives here once or more, and is sent once.
package mailer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"golang.org/x/time/rate"

	"github.com/integration-offices/netzwerk-backend/shared/address"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/mail"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Store is what the mailer needs from storage.
type Store interface {
	// ClaimOutbox marks a pending item (or one whose lease has passed) as
	// being sent until leaseUntil; else it says whether the item was sent
	// already or until when another sender holds it.
	ClaimOutbox(ctx context.Context, id string, now, leaseUntil time.Time) (outbox.Claim, error)
	// CompleteOutbox marks a claimed item as sent (messageID empty: not
	// sent, its event was superseded).
	CompleteOutbox(ctx context.Context, id, messageID string, now time.Time) error
	// ReleaseOutbox returns a claimed item to pending after a failed send.
	ReleaseOutbox(ctx context.Context, id string) error
	// FailOutbox marks a claimed item as failed for good, with SES's error
	// code, in its office's list of failed mails.
	FailOutbox(ctx context.Context, it *outbox.Item, code string, now time.Time) error
	Registration(ctx context.Context, meetingID, id string) (*meeting.Registration, error)
	Meeting(ctx context.Context, id string) (*meeting.Meeting, meeting.Counters, error)
	WaitlistPosition(ctx context.Context, r *meeting.Registration) (int, error)
	Invitation(ctx context.Context, kind invitation.Kind, targetID, id string) (*invitation.Invitation, error)
	Survey(ctx context.Context, id string) (*survey.Definition, error)
	// AdmitMail decides in one step whether mail id may go to the person
	// of personKey: not when SES reported them (the answer is the reason),
	// not past max mails in the window capKey ending at ends (max 0: no
	// cap); otherwise it counts the mail and answers "". Counting the same
	// id again is harmless.
	AdmitMail(ctx context.Context, personKey, capKey, id string, max int, ends time.Time) (string, error)
}

// Sender sends a raw MIME message.
type Sender interface {
	SendRaw(ctx context.Context, from, to string, raw []byte) (messageID string, err error)
}

// Config is the mailer's configuration.
type Config struct {
	From     string // sender address (verified SES identity)
	FromName string
	ReplyTo  string
	BaseURL  string // public base URL for manage links
	// SendRate is the most mails per second this mailer sends (0:
	// unpaced): SES's maximum send rate for the account, shared by the
	// mailers that run at once.
	SendRate float64
	// MailsPerAddressPerDay caps the mails one person gets a day, across
	// all meetings and invitations (0: no cap): a public form must not
	// turn the office's domain into a way to flood someone's inbox.
	MailsPerAddressPerDay int
}

// Validate checks the configuration.
func (c Config) Validate() error {
	if !strings.Contains(c.From, "@") {
		return errors.New("config: MAIL_FROM must be an email address")
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return errors.New("config: PUBLIC_BASE_URL must be an http(s) URL")
	}
	return nil
}

// Lease is how long a claimed item is reserved for one sender when the
// invocation has no deadline (the dev server's poller). In Lambda the lease
// runs to the invocation's deadline plus LeaseMargin: when it has passed,
// the invocation that claimed the item has surely ended, and a redelivery
// may take the item over.
const (
	Lease       = 2 * time.Minute
	LeaseMargin = 5 * time.Second
)

// errHeld reports a record whose mail another invocation holds: it is
// reported failed so that Lambda delivers it again, never acknowledged
// unsent.
var errHeld = errors.New("held by another sender")

// Mailer handles stream batches.
type Mailer struct {
	store  Store
	send   Sender
	tokens *linktoken.Minter
	cfg    Config
	log    *slog.Logger
	now    func() time.Time
	pace   *rate.Limiter
}

// New returns a mailer.
func New(store Store, send Sender, tokens *linktoken.Minter, cfg Config, log *slog.Logger, now func() time.Time) *Mailer {
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	limit := rate.Inf
	if cfg.SendRate > 0 {
		limit = rate.Limit(cfg.SendRate)
	}
	return &Mailer{store: store, send: send, tokens: tokens, cfg: cfg, log: log, now: now, pace: rate.NewLimiter(limit, 1)}
}

// Handle is the Lambda handler for DynamoDB stream batches. Failed records
// are reported by sequence number so that Lambda retries from there; sent
// ones are skipped on redelivery by the outbox claim.
func (m *Mailer) Handle(ctx context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
	var resp events.DynamoDBEventResponse
	for _, rec := range ev.Records {
		id, ok := OutboxID(rec)
		if !ok {
			continue
		}
		if err := m.deliver(ctx, id); err != nil {
			m.log.ErrorContext(ctx, "outbox delivery failed", "outboxId", id, "error", err)
			resp.BatchItemFailures = append(resp.BatchItemFailures,
				events.DynamoDBBatchItemFailure{ItemIdentifier: rec.Change.SequenceNumber})
		}
	}
	return resp, nil
}

// OutboxID returns the outbox item id of an INSERT record of an outbox item.
func OutboxID(rec events.DynamoDBEventRecord) (string, bool) {
	if rec.EventName != string(events.DynamoDBOperationTypeInsert) {
		return "", false
	}
	img := rec.Change.NewImage
	if t, ok := img["type"]; !ok || t.DataType() != events.DataTypeString || t.String() != "outbox" {
		return "", false
	}
	pk, ok := img["pk"]
	if !ok || pk.DataType() != events.DataTypeString {
		return "", false
	}
	return pk.String(), true
}

func (m *Mailer) deliver(ctx context.Context, id string) (err error) {
	now := m.now()
	until := now.Add(Lease)
	deadline, hasDeadline := ctx.Deadline()
	if hasDeadline {
		until = deadline.Add(LeaseMargin)
	}
	claim, err := m.store.ClaimOutbox(ctx, id, now, until)
	if err != nil {
		return fmt.Errorf("claim: %w", err)
	}
	if claim.Item == nil && !claim.Sent && hasDeadline && claim.HeldUntil.Before(deadline.Add(-sendBudget)) {
		// The sender that holds it has ended (it crashed or timed out);
		// its lease runs out while this invocation still has time.
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Until(claim.HeldUntil) + 10*time.Millisecond):
		}
		if claim, err = m.store.ClaimOutbox(ctx, id, m.now(), until); err != nil {
			return fmt.Errorf("claim: %w", err)
		}
	}
	switch {
	case claim.Sent:
		m.log.InfoContext(ctx, "outbox item done before", "outboxId", id)
		return nil
	case claim.Item == nil:
		return errHeld
	}
	item := claim.Item
	defer func() {
		if err != nil {
			if rerr := m.store.ReleaseOutbox(ctx, id); rerr != nil {
				err = errors.Join(err, fmt.Errorf("release: %w", rerr))
			}
		}
	}()
	raw, to, err := m.compose(ctx, item, now)
	if errors.Is(err, errSuperseded) {
		m.log.InfoContext(ctx, "mail superseded, not sent", "outboxId", id, "kind", item.Kind, "registrationId", item.RegistrationID)
		return m.store.CompleteOutbox(ctx, id, "", m.now())
	}
	if err != nil {
		return err
	}
	if refused, err := m.admit(ctx, to, id, now); err != nil || refused != "" {
		if err != nil {
			return err
		}
		// A suppressed address (bounce, complaint) or the day's cap.
		m.log.WarnContext(ctx, "mail not sent", "outboxId", id, "kind", item.Kind, "reason", refused)
		return m.store.CompleteOutbox(ctx, id, "", m.now())
	}
	msgID, err := m.sendPaced(ctx, to, raw)
	if err != nil {
		if code, ok := failedForGood(err, item); ok {
			// Kept in the table, listed for the office, sent again by a
			// coordinator: never silently dropped.
			m.log.ErrorContext(ctx, "mail failed for good", "outboxId", id, "kind", item.Kind, "error", code, "attempts", item.Attempts)
			return m.store.FailOutbox(ctx, item, code, m.now())
		}
		return fmt.Errorf("send: %w", err)
	}
	if err := m.store.CompleteOutbox(ctx, id, msgID, m.now()); err != nil {
		// Sent but not marked: the lease keeps a redelivery from sending
		// again until it expires; log loudly.
		m.log.ErrorContext(ctx, "sent but not marked as sent", "outboxId", id, "error", err)
		return nil
	}
	m.log.InfoContext(ctx, "mail sent", "outboxId", id, "kind", item.Kind, "registrationId", item.RegistrationID, "invitationId", item.InvitationID)
	return nil
}

// sendBudget is the time a send needs at most after waiting for a lease.
const sendBudget = 10 * time.Second

// How long the mailer waits when SES throttles a send anyway (another
// sender of the account, a burst): doubling from the first to the most,
// with jitter, while the invocation has time (without a deadline, as in
// the dev server's poller: for at most half a lease).
const (
	throttleFirst = 200 * time.Millisecond
	throttleMost  = 5 * time.Second
)

// throttled is a sender's error for the sending rate: the same mail goes
// through later.
type throttled interface{ Throttled() bool }

// sendPaced sends at most at the configured rate and, when SES throttles
// all the same, waits and sends again while the invocation has time. The
// claim's lease keeps the mail to this sender meanwhile, so a wait never
// doubles a mail; when time or tries run out the item is released and its
// record reported failed, and the stream delivers it again later.
func (m *Mailer) sendPaced(ctx context.Context, to string, raw []byte) (string, error) {
	wait := throttleFirst
	giveUp, ok := ctx.Deadline()
	if ok {
		giveUp = giveUp.Add(-sendBudget)
	} else {
		giveUp = time.Now().Add(Lease / 2)
	}
	for try := 1; ; try++ {
		if err := m.pace.Wait(ctx); err != nil {
			return "", fmt.Errorf("pace: %w", err)
		}
		id, err := m.send.SendRaw(ctx, m.cfg.From, to, raw)
		var t throttled
		if err == nil || !errors.As(err, &t) || !t.Throttled() || time.Until(giveUp) < wait {
			return id, err
		}
		m.log.WarnContext(ctx, "SES throttled a send, waiting", "waitMs", wait.Milliseconds(), "try", try)
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(wait/2 + rand.N(wait/2)):
		}
		wait = min(2*wait, throttleMost)
	}
}

// errSuperseded is a registration mail whose event a later one replaced:
// a confirmation of a registration that is cancelled by now, a waitlist
// place of one that has moved up, any mail of a registration whose
// person had their data erased. Stream records of different items come
// in no fixed order, so the mailer checks before it sends.
var errSuperseded = errors.New("superseded")

// current reports whether a registration mail still says the truth.
func current(kind outbox.Kind, st meeting.RegStatus) bool {
	switch kind {
	case outbox.Confirmed, outbox.Promoted:
		return st == meeting.Confirmed
	case outbox.Waitlisted:
		return st == meeting.Waitlisted
	case outbox.Updated:
		return st == meeting.Confirmed || st == meeting.Waitlisted
	}
	return true
}

func (m *Mailer) compose(ctx context.Context, item *outbox.Item, now time.Time) (raw []byte, to string, err error) {
	if item.InvitationID != "" {
		return m.composeInvitation(ctx, item, now)
	}
	r, err := m.store.Registration(ctx, item.MeetingID, item.RegistrationID)
	if err != nil {
		return nil, "", fmt.Errorf("load registration: %w", err)
	}
	if !current(item.Kind, r.Status) || r.Email == "" { // no address: the person had their data erased
		return nil, "", errSuperseded
	}
	mt, _, err := m.store.Meeting(ctx, item.MeetingID)
	if err != nil {
		return nil, "", fmt.Errorf("load meeting: %w", err)
	}
	d := mail.Data{
		Kind: item.Kind, Registration: r, Meeting: mt,
		ManageURL: m.cfg.BaseURL + "/r/" + m.tokens.Token(meeting.TokenKind, r.ID) + "?lang=" + mail.Language(r.Language),
	}
	if r.Status == meeting.Waitlisted {
		if d.WaitlistPosition, err = m.store.WaitlistPosition(ctx, r); err != nil {
			return nil, "", err
		}
	}
	rendered, err := mail.Render(d)
	if err != nil {
		return nil, "", err
	}
	method, cal := mail.Calendar(d, m.cfg.From, m.domain(), now)
	return m.build(item.ID, r.Email, r.Name, rendered, method, cal, now)
}

func (m *Mailer) domain() string { return m.cfg.From[strings.LastIndex(m.cfg.From, "@")+1:] }

func (m *Mailer) build(ref, to, toName string, r *mail.Rendered, method string, cal []byte, now time.Time) ([]byte, string, error) {
	// Mail servers take internationalised domains in punycode.
	if a, ok := address.ASCII(to); ok {
		to = a
	}
	raw, err := mail.Build(mail.Envelope{
		From: m.cfg.From, FromName: m.cfg.FromName, ReplyTo: m.cfg.ReplyTo,
		To: to, ToName: toName, Domain: m.domain(), Ref: ref,
	}, r, method, cal, now)
	if err != nil {
		return nil, "", err
	}
	return raw, to, nil
}

// composeInvitation renders an invitation or reminder with the invitee's
// personal link.
func (m *Mailer) composeInvitation(ctx context.Context, item *outbox.Item, now time.Time) ([]byte, string, error) {
	kind := invitation.Kind(item.TargetKind)
	inv, err := m.store.Invitation(ctx, kind, item.TargetID, item.InvitationID)
	if err != nil {
		return nil, "", fmt.Errorf("load invitation: %w", err)
	}
	token := url.QueryEscape(m.tokens.Token(invitation.TokenKind, inv.ID))
	d := mail.Invitation{Kind: item.Kind, Language: inv.Language, Organisation: inv.Organisation}
	if kind == invitation.Meeting {
		mt, _, err := m.store.Meeting(ctx, inv.TargetID)
		if err != nil {
			return nil, "", fmt.Errorf("load meeting: %w", err)
		}
		d.Meeting, d.Title, d.Description = mt, mt.Title, mt.Description
		d.URL = m.cfg.BaseURL + "/m/" + mt.ID + "?invitation=" + token + "&lang=" + mail.Language(inv.Language)
	} else {
		def, err := m.store.Survey(ctx, inv.TargetID)
		if err != nil {
			return nil, "", fmt.Errorf("load survey: %w", err)
		}
		d.Title, d.Description = def.Title, def.Description
		d.URL = m.cfg.BaseURL + "/s/" + def.ID + "?invitation=" + token + "&lang=" + mail.Language(inv.Language)
	}
	rendered, err := mail.RenderInvitation(d)
	if err != nil {
		return nil, "", err
	}
	return m.build(item.ID, inv.Email, inv.Organisation, rendered, "", nil, now)
}

// admit asks the store whether mail id may go to its recipient: not when
// SES reported the person, not past their mails of the day (UTC, when
// MailsPerAddressPerDay is set). The answer is the reason for a refusal,
// or "".
func (m *Mailer) admit(ctx context.Context, to, id string, now time.Time) (string, error) {
	person := m.PersonKey(to)
	day := now.UTC().Truncate(24 * time.Hour)
	return m.store.AdmitMail(ctx, person, person+"#"+strconv.FormatInt(day.Unix(), 10), id, m.cfg.MailsPerAddressPerDay, day.Add(24*time.Hour))
}

// PersonKey is the key under which the person behind an address is
// counted and suppressed: a keyed hash (HMAC under the link secret) of
// address.Person, so that neither "+tags" nor case make another person
// and no address is stored.
func (m *Mailer) PersonKey(addr string) string {
	return m.tokens.Token("mailto", address.Person(addr))
}

// MaxAttempts is how often a mail is tried before it counts as failed for
// good (the stream retries a failed record five times before it gives up).
const MaxAttempts = 5

// failedForGood reports whether a send error ends the mail's tries, with
// SES's error code: a refusal that sending again will not change, or any
// error on the last attempt.
func failedForGood(err error, it *outbox.Item) (string, bool) {
	var se interface {
		Permanent() bool
		Code() string
	}
	switch {
	case errors.As(err, &se) && se.Permanent():
		return se.Code(), true
	case it.Attempts >= MaxAttempts:
		if errors.As(err, &se) {
			return se.Code(), true
		}
		return "transient", true
	}
	return "", false
}
