// Package mailer sends the emails of the transactional outbox. It is the
// handler of the table's DynamoDB stream: every outbox item written by a
// registration's transaction arrives here once or more, and is sent once
// (twice at most when a sender ended between asking SES and recording its
// answer: such sends are counted and listed for the office). A schedule
// invokes it too, to sweep up the items the stream left behind.
package mailer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"golang.org/x/time/rate"

	"github.com/integration-offices/netzwerk-backend/shared/address"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/legal"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/mail"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Store is what the mailer needs from storage.
type Store interface {
	// ClaimOutbox marks a pending item (or one whose lease has passed, or
	// a held one whose time has come) as being sent until leaseUntil,
	// under a new holder token; else it says whether the item is done or
	// until when another sender holds it. It counts an earlier send whose
	// result was never recorded (Item.UnknownSends).
	ClaimOutbox(ctx context.Context, id string, now, leaseUntil time.Time) (outbox.Claim, error)
	// BeginSend records that a claimed item's send is about to ask SES
	// and renews the lease until leaseUntil. The writes of a claimed item
	// (this and the four below) are outbox.ErrLost once another sender
	// has taken the claim over.
	BeginSend(ctx context.Context, it *outbox.Item, now, leaseUntil time.Time) error
	// CompleteOutbox marks a claimed item as sent with SES's message id
	// (empty: not sent, its event was superseded or the address is
	// suppressed).
	CompleteOutbox(ctx context.Context, it *outbox.Item, messageID string, now time.Time) error
	// ReleaseOutbox returns a claimed item to pending after a failed send;
	// known: the mail surely did not go out.
	ReleaseOutbox(ctx context.Context, it *outbox.Item, known bool) error
	// FailOutbox marks a claimed item as failed for good, with SES's error
	// code, in its office's list of failed mails.
	FailOutbox(ctx context.Context, it *outbox.Item, code string, now time.Time) error
	// HoldOutbox holds a claimed item back for reason until until (listed
	// for its office meanwhile).
	HoldOutbox(ctx context.Context, it *outbox.Item, reason string, until, now time.Time) error
	// DueOutbox lists items the sweep takes up at now: stuck pending or
	// sending, or held with their time come.
	DueOutbox(ctx context.Context, now time.Time, limit int) ([]outbox.Due, error)
	Registration(ctx context.Context, meetingID, id string) (*meeting.Registration, error)
	// Message reads an office's message to a meeting's people.
	Message(ctx context.Context, meetingID, id string) (*meeting.Message, error)
	Meeting(ctx context.Context, id string) (*meeting.Meeting, meeting.Counters, error)
	WaitlistPosition(ctx context.Context, r *meeting.Registration) (int, error)
	Invitation(ctx context.Context, kind invitation.Kind, targetID, id string) (*invitation.Invitation, error)
	Survey(ctx context.Context, id string) (*survey.Definition, error)
	// Office reads an office's profile (NotFound without one); Feedback
	// a message of its feedback form.
	Office(ctx context.Context, id string) (*office.Profile, error)
	Feedback(ctx context.Context, office, id string) (*legal.Feedback, error)
	// AdmitMail decides in one step whether mail id may go to the person
	// of personKey: not when SES reported them (the answer is the reason),
	// not past max mails in the window capKey ending at ends (max 0: no
	// cap); otherwise it counts the mail and answers "". Counting the same
	// id again is harmless.
	AdmitMail(ctx context.Context, personKey, capKey, id string, max int, ends time.Time) (string, error)
	// Objected reports whether the person of personKey objected to
	// invitations from office; MarkObjected marks a waiting invitation
	// objected.
	Objected(ctx context.Context, office, personKey string) (bool, error)
	MarkObjected(ctx context.Context, v *invitation.Invitation, now time.Time) error
	// MailTexts reads a survey's or meeting's own invitation and reminder
	// texts (nil: the catalogue's).
	MailTexts(ctx context.Context, kind invitation.Kind, targetID string) (*mail.Texts, error)
	// The register of organisations (register.go): the answer given
	// through an invitation, and the record to take it into.
	ResponseByInvitation(ctx context.Context, surveyID, invitationID string) (*survey.Response, error)
	LinkOrganisations(ctx context.Context, office string, links []org.Link, ev func(i int) org.Event, now time.Time) ([]string, error)
	UpdateOrganisation(ctx context.Context, office, id string, fn func(*org.Record) ([]org.Event, error)) (*org.Record, error)
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
	// MailsPerAddressPerDay caps the mails the public forms cause one
	// person a day, across all meetings (0: no cap): a public form must
	// not turn the office's domain into a way to flood someone's inbox.
	// The office's own mails never count and are never held back
	// (outbox.Kind.Public).
	MailsPerAddressPerDay int
	// Lease is how long a claim holds an item before another sender may
	// take it over (0: Lease); every send renews it.
	Lease time.Duration
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

// Lease is how long a claim reserves an item for one sender, renewed
// before each send; a send's call to SES ends within three quarters of
// it. A sender that ends (crashes, times out) leaves the item to the next
// one once the lease has passed: a redelivery waits for that while its
// invocation has time, and the sweep finds what is left.
const Lease = 30 * time.Second

// errHeld reports a record whose mail another sender holds longer than
// this invocation can wait: it is reported failed so that Lambda delivers
// it again, never acknowledged unsent (and the sweep finds it if the
// retries run out).
var errHeld = errors.New("held by another sender")

// heldPoll is how often a redelivery asks again while another sender
// holds its item.
const heldPoll = 500 * time.Millisecond

// Mailer handles stream batches.
type Mailer struct {
	store  Store
	send   Sender
	tokens *linktoken.Minter
	cfg    Config
	log    *slog.Logger
	now    func() time.Time
	pace   *rate.Limiter
	lease  time.Duration
	// offices keeps the profiles of the offices mails are sent for: a
	// wave of invitations reads its office once a minute, not per mail.
	offices *office.Cache
	// Reminders runs the planned reminders on the schedule's reminder
	// event (RemindEvent).
	Reminders Reminders
	// Entries: the register's check-your-entry mails (entrycheck.go).
	Entries EntryStore
}

// New returns a mailer.
func New(store Store, send Sender, tokens *linktoken.Minter, cfg Config, log *slog.Logger, now func() time.Time) *Mailer {
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	limit := rate.Inf
	if cfg.SendRate > 0 {
		limit = rate.Limit(cfg.SendRate)
	}
	lease := cfg.Lease
	if lease <= 0 {
		lease = Lease
	}
	m := &Mailer{store: store, send: send, tokens: tokens, cfg: cfg, log: log, now: now, pace: rate.NewLimiter(limit, 1), lease: lease,
		offices: office.NewCache(store.Office, now)}
	return m
}

// SweepEvent is the event that makes Handle sweep (the schedule's).
func SweepEvent() events.DynamoDBEvent {
	return events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{{EventSource: outbox.SweepSource}}}
}

// Handle is the Lambda handler for DynamoDB stream batches. Failed records
// are reported by sequence number so that Lambda retries from there; sent
// ones are skipped on redelivery by the outbox claim.
func (m *Mailer) Handle(ctx context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
	var resp events.DynamoDBEventResponse
	if len(ev.Records) == 1 && ev.Records[0].EventSource == outbox.SweepSource {
		return resp, m.Sweep(ctx)
	}
	if len(ev.Records) == 1 && ev.Records[0].EventSource == outbox.RemindSource {
		return resp, m.remind(ctx)
	}
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

// sweepBatch is how many due items one sweep takes up at most.
const sweepBatch = 200

// Sweep delivers the outbox items that the stream left behind: pending or
// sending for longer than the store's stuck time (the stream's retries
// ran out, or a sender ended and nobody redelivered), each logged as
// stuck for the alarm, and held mails whose time has come. It stops while
// the invocation still has time for a send; the next sweep goes on.
func (m *Mailer) Sweep(ctx context.Context) error {
	due, err := m.store.DueOutbox(ctx, m.now(), sweepBatch)
	if err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	for _, d := range due {
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < sendBudget {
			break
		}
		if d.Status == "held" {
			m.log.InfoContext(ctx, "held mail due", "outboxId", d.ID)
		} else {
			m.log.WarnContext(ctx, "outbox item stuck", "outboxId", d.ID, "status", d.Status)
		}
		if err := m.deliver(ctx, d.ID); err != nil && !errors.Is(err, errHeld) {
			m.log.ErrorContext(ctx, "outbox delivery failed", "outboxId", d.ID, "error", err)
		}
	}
	return nil
}

// claim claims item id. While another sender holds it, it waits for that
// sender to finish or for its lease to pass, as long as this invocation
// keeps time for a send afterwards (without a deadline, as in the dev
// server's poller, it does not wait).
func (m *Mailer) claim(ctx context.Context, id string) (outbox.Claim, error) {
	deadline, hasDeadline := ctx.Deadline()
	for {
		now := m.now()
		c, err := m.store.ClaimOutbox(ctx, id, now, now.Add(m.lease))
		if err != nil || c.Item != nil || c.Done || !hasDeadline {
			return c, err
		}
		wait := min(max(c.HeldUntil.Sub(now), 0)+10*time.Millisecond, heldPoll)
		if time.Until(deadline)-wait < sendBudget {
			return c, nil
		}
		select {
		case <-ctx.Done():
			return c, ctx.Err()
		case <-time.After(wait):
		}
	}
}

func (m *Mailer) deliver(ctx context.Context, id string) (err error) {
	claim, err := m.claim(ctx, id)
	if err != nil {
		return fmt.Errorf("claim: %w", err)
	}
	switch {
	case claim.Done:
		m.log.InfoContext(ctx, "outbox item done before", "outboxId", id)
		return nil
	case claim.Item == nil:
		return errHeld
	}
	item := claim.Item
	if item.UnknownSends > 0 {
		// A sender ended between asking SES and recording the answer: the
		// mail may have arrived; it is sent again (every mail arrives) and
		// listed for the office as possibly twice.
		m.log.WarnContext(ctx, "mail send result unknown", "outboxId", id, "kind", item.Kind, "unknownSends", item.UnknownSends)
	}
	known := true // a failed send's mail surely did not go out
	defer func() {
		if err != nil && !errors.Is(err, outbox.ErrLost) {
			if rerr := m.store.ReleaseOutbox(ctx, item, known); rerr != nil {
				err = errors.Join(err, fmt.Errorf("release: %w", rerr))
			}
		}
	}()
	if item.Kind == outbox.Register {
		return m.register(ctx, item)
	}
	now := m.now()
	raw, to, err := m.compose(ctx, item, now)
	if errors.Is(err, errSuperseded) {
		m.log.InfoContext(ctx, "mail superseded, not sent", "outboxId", id, "kind", item.Kind, "registrationId", item.RegistrationID)
		return m.store.CompleteOutbox(ctx, item, "", m.now())
	}
	if err != nil {
		return err
	}
	refused, until, err := m.admit(ctx, item, to, now)
	switch {
	case err != nil:
		return err
	case refused == outbox.ReasonDailyCap:
		// Kept, listed for the office, sent when the day is over (the
		// sweep) or when a coordinator asks.
		m.log.WarnContext(ctx, "mail held back", "outboxId", id, "kind", item.Kind, "reason", refused)
		return m.store.HoldOutbox(ctx, item, refused, until, m.now())
	case refused != "":
		// A suppressed address (bounce, complaint).
		m.log.WarnContext(ctx, "mail not sent", "outboxId", id, "kind", item.Kind, "reason", refused)
		return m.store.CompleteOutbox(ctx, item, "", m.now())
	}
	msgID, err := m.sendPaced(ctx, item, to, raw)
	if errors.Is(err, outbox.ErrLost) {
		return err
	}
	if err != nil {
		if code, ok := failedForGood(err, item); ok {
			// Kept in the table, listed for the office, sent again by a
			// coordinator: never silently dropped.
			m.log.ErrorContext(ctx, "mail failed for good", "outboxId", id, "kind", item.Kind, "error", code, "attempts", item.Attempts)
			return m.store.FailOutbox(ctx, item, code, m.now())
		}
		known = !resultUnknown(err)
		return fmt.Errorf("send: %w", err)
	}
	if err := m.complete(ctx, item, msgID); err != nil {
		// Sent but not marked: the item keeps the mark of its send, so
		// whoever takes it up counts it as unknown; log loudly, with SES's
		// message id.
		m.log.ErrorContext(ctx, "sent but not marked as sent", "outboxId", id, "messageId", msgID, "error", err)
		return nil
	}
	m.log.InfoContext(ctx, "mail sent", "outboxId", id, "kind", item.Kind, "registrationId", item.RegistrationID, "invitationId", item.InvitationID)
	return nil
}

// complete records a sent mail's message id, trying the write a few times:
// SES has the mail, and an item left unmarked is sent again.
func (m *Mailer) complete(ctx context.Context, item *outbox.Item, msgID string) error {
	var err error
	for try := range 3 {
		if err = m.store.CompleteOutbox(ctx, item, msgID, m.now()); err == nil || errors.Is(err, outbox.ErrLost) {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(100 * time.Millisecond << try):
		}
	}
	return err
}

// resultUnknown reports whether a failed send may have gone out all the
// same: SES did not answer (a broken connection, a timeout), and the
// request was not refused before it left (a failed dial).
func resultUnknown(err error) bool {
	var answered interface{ Code() string }
	if errors.As(err, &answered) {
		return false
	}
	var op *net.OpError
	return !errors.As(err, &op) || op.Op != "dial"
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
// all the same, waits and sends again while the invocation has time.
// Before each send it records the send and renews the claim's lease, and
// the call to SES ends well within the lease, so a wait never doubles a
// mail; when time or tries run out the item is released and its record
// reported failed, and the stream delivers it again later.
func (m *Mailer) sendPaced(ctx context.Context, item *outbox.Item, to string, raw []byte) (string, error) {
	wait := throttleFirst
	giveUp, ok := ctx.Deadline()
	if ok {
		giveUp = giveUp.Add(-sendBudget)
	} else {
		giveUp = time.Now().Add(m.lease / 2)
	}
	for try := 1; ; try++ {
		if err := m.pace.Wait(ctx); err != nil {
			return "", fmt.Errorf("pace: %w", err)
		}
		now := m.now()
		if err := m.store.BeginSend(ctx, item, now, now.Add(m.lease)); err != nil {
			return "", err
		}
		call, cancel := context.WithTimeout(ctx, m.lease*3/4)
		id, err := m.send.SendRaw(call, m.cfg.From, to, raw)
		cancel()
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
	case outbox.Updated, outbox.MeetingCancelled, outbox.Message:
		return st == meeting.Confirmed || st == meeting.Waitlisted
	}
	return true
}

// afterCancel reports whether a registration mail still goes out once
// its meeting is cancelled: the cancellation itself, a cancelled
// registration's, and what the office writes afterwards; not a seat, a
// waitlist place or a move that the cancellation overtook.
func afterCancel(kind outbox.Kind) bool {
	return kind == outbox.MeetingCancelled || kind == outbox.Cancelled || kind == outbox.Message
}

func (m *Mailer) compose(ctx context.Context, item *outbox.Item, now time.Time) (raw []byte, to string, err error) {
	if item.Kind == outbox.EntryCheck {
		return m.composeEntryCheck(ctx, item, now)
	}
	if item.InvitationID != "" {
		return m.composeInvitation(ctx, item, now)
	}
	if item.Kind == outbox.OfficeFeedback {
		return m.composeFeedback(ctx, item, now)
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
	if mt.Cancelled() && !afterCancel(item.Kind) {
		return nil, "", errSuperseded
	}
	from, err := m.office(ctx, mt.Office)
	if err != nil {
		return nil, "", err
	}
	d := mail.Data{
		Kind: item.Kind, Registration: r, Meeting: mt, Office: from,
		ManageURL: m.cfg.BaseURL + "/r/" + meeting.ManageToken(m.tokens, r.MeetingID, r.ID) + "?lang=" + mail.Language(r.Language),
	}
	if item.Kind == outbox.Message {
		if d.Message, err = m.store.Message(ctx, item.MeetingID, item.TargetID); err != nil {
			return nil, "", fmt.Errorf("load message: %w", err)
		}
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
	return m.build(item.ID, from, r.Email, r.Name, rendered, method, cal, now)
}

// office is the office a mail is sent for, with its profile when it has
// one.
func (m *Mailer) office(ctx context.Context, id string) (mail.Office, error) {
	p, err := m.offices.Get(ctx, id)
	if err != nil {
		return mail.Office{}, fmt.Errorf("load office: %w", err)
	}
	return mail.Office{Profile: p, BaseURL: m.cfg.BaseURL}, nil
}

func (m *Mailer) domain() string { return m.cfg.From[strings.LastIndex(m.cfg.From, "@")+1:] }

func (m *Mailer) build(ref string, from mail.Office, to, toName string, r *mail.Rendered, method string, cal []byte, now time.Time) ([]byte, string, error) {
	// Mail servers take internationalised domains in punycode.
	if a, ok := address.ASCII(to); ok {
		to = a
	}
	raw, err := mail.Build(mail.Envelope{
		From: m.cfg.From, FromName: from.SenderName(m.cfg.FromName), ReplyTo: m.cfg.ReplyTo,
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
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, "", errSuperseded // a coordinator deleted the invitation (or moved it to another address)
	}
	if err != nil {
		return nil, "", fmt.Errorf("load invitation: %w", err)
	}
	if err := m.mayInvite(ctx, item, inv, now); err != nil {
		return nil, "", err
	}
	token := url.QueryEscape(invitation.Link(m.tokens, inv.ID))
	d := mail.Invitation{Kind: item.Kind, Language: inv.Language, Organisation: inv.Organisation,
		ObjectURL: m.cfg.BaseURL + "/x/" + invitation.ObjectionToken(m.tokens, kind, inv.TargetID, inv.ID) + "?lang=" + mail.Language(inv.Language)}
	if kind == invitation.Meeting {
		mt, _, err := m.store.Meeting(ctx, inv.TargetID)
		if err != nil {
			return nil, "", fmt.Errorf("load meeting: %w", err)
		}
		if mt.Cancelled() {
			return nil, "", errSuperseded // no invitation to a meeting that is off
		}
		d.Meeting, d.Title, d.Description = mt, mt.Title, mt.Description
		if d.Office, err = m.office(ctx, mt.Office); err != nil {
			return nil, "", err
		}
		d.URL = m.cfg.BaseURL + "/m/" + mt.ID + "?invitation=" + token + "&lang=" + mail.Language(inv.Language)
	} else {
		def, err := m.store.Survey(ctx, inv.TargetID)
		if err != nil {
			return nil, "", fmt.Errorf("load survey: %w", err)
		}
		d.Title, d.Description, d.ClosesAt = def.Title, def.Description, def.ClosesAt
		if d.Office, err = m.office(ctx, def.Office); err != nil {
			return nil, "", err
		}
		d.URL = m.cfg.BaseURL + "/s/" + def.ID + "?invitation=" + token + "&lang=" + mail.Language(inv.Language)
	}
	texts, err := m.store.MailTexts(ctx, kind, inv.TargetID)
	if err != nil {
		return nil, "", fmt.Errorf("load mail texts: %w", err)
	}
	d.Text = texts.Of(item.Kind, mail.Language(inv.Language))
	rendered, err := mail.RenderInvitation(d)
	if err != nil {
		return nil, "", err
	}
	return m.build(item.ID, d.Office, inv.Email, inv.Organisation, rendered, "", nil, now)
}

// composeFeedback renders a message of an office's feedback form for the
// office, to its address; replies go to the sender when they gave one.
// A message gone (its TTL) or an office without a profile sends nothing.
func (m *Mailer) composeFeedback(ctx context.Context, item *outbox.Item, now time.Time) ([]byte, string, error) {
	f, err := m.store.Feedback(ctx, item.Office, item.TargetID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, "", errSuperseded
	}
	if err != nil {
		return nil, "", fmt.Errorf("load feedback: %w", err)
	}
	p, err := m.store.Office(ctx, item.Office)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, "", errSuperseded
	}
	if err != nil {
		return nil, "", fmt.Errorf("load office: %w", err)
	}
	from := mail.Office{Profile: p, BaseURL: m.cfg.BaseURL}
	r, err := mail.RenderFeedback(mail.Feedback{Office: p.NameIn(i18n.Default), Message: f.Message, Email: f.Email, Page: f.Page, Lang: f.Language, At: f.At, From: from})
	if err != nil {
		return nil, "", err
	}
	to := p.Email
	if a, ok := address.ASCII(to); ok {
		to = a
	}
	raw, err := mail.Build(mail.Envelope{From: m.cfg.From, FromName: from.SenderName(m.cfg.FromName), ReplyTo: f.Email,
		To: to, ToName: p.NameIn(i18n.Default), Domain: m.domain(), Ref: item.ID}, r, "", nil, now)
	return raw, to, err
}

// admit asks the store whether the item's mail may go to its recipient:
// not when SES reported the person, and a mail the public caused not past
// the person's mails of the day (UTC, when MailsPerAddressPerDay is set).
// The office's own mails and a coordinator's resends are neither counted
// nor capped. The answer is the reason for a refusal, or "", and the end
// of the day's window.
func (m *Mailer) admit(ctx context.Context, item *outbox.Item, to string, now time.Time) (string, time.Time, error) {
	person := m.PersonKey(to)
	day := now.UTC().Truncate(24 * time.Hour)
	ends := day.Add(24 * time.Hour)
	max := m.cfg.MailsPerAddressPerDay
	if !item.Kind.Public() || item.ByOffice {
		max = 0
	}
	refused, err := m.store.AdmitMail(ctx, person, person+"#"+strconv.FormatInt(day.Unix(), 10), item.ID, max, ends)
	return refused, ends, err
}

// PersonKey is the key under which the person behind an address is
// counted and suppressed: a keyed hash (HMAC under the link secret) of
// address.Person, so that neither "+tags" nor case make another person
// and no address is stored.
func (m *Mailer) PersonKey(addr string) string {
	return invitation.PersonKey(m.tokens, addr)
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
