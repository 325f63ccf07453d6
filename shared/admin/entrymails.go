package admin

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// EntryMailStore queues check-your-entry mails (dynamo.Orgs).
type EntryMailStore interface {
	// QueueEntryCheck queues mail mailID (with the hash of its link's
	// token) for record id, once per mail id.
	QueueEntryCheck(ctx context.Context, office, id, mailID, tokenHash string, now time.Time) error
}

// MaxEntryMails is how many records one request asks at most.
const MaxEntryMails = 5000

// EntryMailsRequest is the body of POST /admin/organisations/entry-mails.
type EntryMailsRequest struct {
	Organisations []string `json:"organisations"`
}

// Skipped is a record that gets no mail, and why: not_found (unknown or
// erased), bounced (its contact bounced or complained), no_address.
type Skipped struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// EntryMails is what a request for check-your-entry mails did.
type EntryMails struct {
	Queued  int       `json:"queued"`
	Skipped []Skipped `json:"skipped"`
}

// QueueEntryMails queues a check-your-entry mail (ORGANISATIONS.md) to
// each record of ids with a usable contact address, each with its own
// link; bounced, erased and address-less records are skipped and named.
// Asked twice (the same Idempotency-Key or form stamp), the caller's
// repeat-safety answers the first result: each post mails once.
func (s *Service) QueueEntryMails(ctx context.Context, c *auth.Coordinator, req EntryMailsRequest, lang string) (*EntryMails, error) {
	f := validation.NewFields(lang)
	switch n := len(req.Organisations); {
	case n == 0:
		f.Add("organisations", "required", "def_required")
	case n > MaxEntryMails:
		f.Add("organisations", "max", "def_between", 1, MaxEntryMails)
	}
	seen := map[string]bool{}
	var ids []string
	for i, id := range req.Organisations {
		if !validation.ValidID(strings.ToLower(id)) {
			f.Add("organisations["+strconv.Itoa(i)+"]", "id", "def_id")
			continue
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	out := &EntryMails{Skipped: []Skipped{}}
	now := s.now()
	for _, id := range ids {
		r, err := s.store.Organisation(ctx, c.Office, id)
		switch {
		case apperr.CodeOf(err) == apperr.NotFound:
			out.Skipped = append(out.Skipped, Skipped{id, "not_found"})
			continue
		case err != nil:
			return nil, err
		case r.State == org.ContactBounced || r.Contact.Stale:
			out.Skipped = append(out.Skipped, Skipped{id, "bounced"})
			continue
		case r.Contact.Email == "":
			out.Skipped = append(out.Skipped, Skipped{id, "no_address"})
			continue
		}
		mailID := "entry-" + strings.ToLower(ulid.Make().String())
		if err := s.store.QueueEntryCheck(ctx, c.Office, id, mailID, linktoken.Hash(org.EntryToken(s.tokens, mailID)), now); err != nil {
			return nil, err
		}
		out.Queued++
	}
	return out, nil
}
