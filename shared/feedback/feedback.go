// Package feedback learns from SES's bounce and complaint events, which
// the configuration set publishes to an SNS topic: an address that bounces
// for good or whose owner complains is suppressed (the mailer sends it
// nothing more), and the invitation the mail was for is marked bounced or
// complained. Transient bounces change nothing: SES retried them already.
package feedback

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/address"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// Store is what the handler needs from storage.
type Store interface {
	Suppress(ctx context.Context, personKey, reason string, now time.Time) error
	// MarkFeedback marks the invitation of an outbox mail and returns the
	// mail's office and the record its invitation names.
	MarkFeedback(ctx context.Context, outboxID string, status invitation.Status, now time.Time) (office, orgID string, err error)
	// The register (ORGANISATIONS.md): the record with a contact address,
	// and its update.
	OrganisationByAddress(ctx context.Context, office, email string) (string, error)
	UpdateOrganisation(ctx context.Context, office, id string, fn func(*org.Record) ([]org.Event, error)) (*org.Record, error)
}

// Handler handles SNS deliveries of SES events.
type Handler struct {
	store  Store
	tokens *linktoken.Minter
	log    *slog.Logger
	now    func() time.Time
}

// New returns a handler.
func New(store Store, tokens *linktoken.Minter, log *slog.Logger, now func() time.Time) *Handler {
	return &Handler{store: store, tokens: tokens, log: log, now: now}
}

// sesEvent is the part of an SES event (event publishing: eventType; or a
// classic notification: notificationType) that the handler reads.
type sesEvent struct {
	EventType        string `json:"eventType"`
	NotificationType string `json:"notificationType"`
	Bounce           struct {
		BounceType        string      `json:"bounceType"` // Permanent, Transient, Undetermined
		BouncedRecipients []recipient `json:"bouncedRecipients"`
	} `json:"bounce"`
	Complaint struct {
		ComplainedRecipients []recipient `json:"complainedRecipients"`
	} `json:"complaint"`
	Mail struct {
		Headers []struct{ Name, Value string } `json:"headers"`
	} `json:"mail"`
}

type recipient struct {
	EmailAddress string `json:"emailAddress"`
}

// Handle processes every record; a record it cannot read is logged and
// skipped (SNS would redeliver it unchanged), a store error fails the
// delivery so that SNS tries again.
func (h *Handler) Handle(ctx context.Context, ev events.SNSEvent) error {
	var errs []error
	for _, rec := range ev.Records {
		var e sesEvent
		if err := json.Unmarshal([]byte(rec.SNS.Message), &e); err != nil {
			h.log.WarnContext(ctx, "feedback: not an SES event", "messageId", rec.SNS.MessageID)
			continue
		}
		if err := h.handle(ctx, &e); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (h *Handler) handle(ctx context.Context, e *sesEvent) error {
	kind := e.EventType
	if kind == "" {
		kind = e.NotificationType
	}
	var reason string
	var status invitation.Status
	var to []recipient
	switch {
	case kind == "Bounce" && e.Bounce.BounceType == "Permanent":
		reason, status, to = dynamo.SuppressBounce, invitation.Bounced, e.Bounce.BouncedRecipients
	case kind == "Complaint":
		reason, status, to = dynamo.SuppressComplaint, invitation.Complained, e.Complaint.ComplainedRecipients
	default:
		return nil
	}
	now := h.now()
	for _, r := range to {
		if err := h.store.Suppress(ctx, PersonKey(h.tokens, r.EmailAddress), reason, now); err != nil {
			return err
		}
	}
	ref := ""
	for _, hd := range e.Mail.Headers {
		if strings.EqualFold(hd.Name, outbox.RefHeader) {
			ref = hd.Value
		}
	}
	if ref != "" {
		office, orgID, err := h.store.MarkFeedback(ctx, ref, status, now)
		if err != nil {
			return fmt.Errorf("feedback: %w", err)
		}
		if err := h.markRecords(ctx, office, orgID, ref, to, now); err != nil {
			return fmt.Errorf("feedback: %w", err)
		}
	}
	// Ids and counts only: the addresses are personal data.
	h.log.InfoContext(ctx, "feedback", "kind", kind, "reason", reason, "recipients", len(to), "outboxId", ref)
	return nil
}

// PersonKey is the key of the person behind an address, as the mailer
// counts and suppresses it (mailer.Mailer.PersonKey): a keyed hash of
// address.Person.
func PersonKey(tokens *linktoken.Minter, addr string) string {
	return invitation.PersonKey(tokens, addr)
}

// errNotTheContact: the record's contact is another address by now.
var errNotTheContact = errors.New("not the record's contact")

// markRecords marks the records of the mail's office whose contact is a
// reported address (the invitation's record, and the one the address
// leads to): the contact is stale, the record "contact bounced" (the
// console lists it to fix; reminders pass it by), and its history says
// so (once per mail).
func (h *Handler) markRecords(ctx context.Context, office, orgID, ref string, to []recipient, now time.Time) error {
	if office == "" {
		return nil
	}
	ids := map[string]bool{}
	if orgID != "" {
		ids[orgID] = true
	}
	persons := map[string]bool{}
	for _, r := range to {
		persons[address.Person(r.EmailAddress)] = true
		id, err := h.store.OrganisationByAddress(ctx, office, r.EmailAddress)
		if err != nil {
			return err
		}
		if id != "" {
			ids[id] = true
		}
	}
	for id := range ids {
		_, err := h.store.UpdateOrganisation(ctx, office, id, func(r *org.Record) ([]org.Event, error) {
			if r.Contact.Email == "" || !persons[address.Person(r.Contact.Email)] {
				return nil, errNotTheContact
			}
			r.Contact.Stale, r.State = true, org.ContactBounced
			return []org.Event{{At: now, Kind: org.Bounced, Ref: ref}}, nil
		})
		if err != nil && !errors.Is(err, errNotTheContact) && apperr.CodeOf(err) != apperr.NotFound {
			return err
		}
		if err == nil {
			h.log.InfoContext(ctx, "feedback: contact marked stale", "organisationId", id)
		}
	}
	return nil
}
