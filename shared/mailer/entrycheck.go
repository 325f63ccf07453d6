package mailer

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	_ "github.com/integration-offices/netzwerk-backend/shared/directory" // the entry-check mail's texts
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/mail"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// EntryStore is what the check-your-entry mails need (dynamo.Orgs).
type EntryStore interface {
	Organisation(ctx context.Context, office, id string) (*org.Record, error)
	DueEntryChecks(ctx context.Context, now time.Time, limit int) ([]org.DueCheck, error)
	QueueYearlyEntryCheck(ctx context.Context, office, id, mailID, tokenHash string, now time.Time) (bool, error)
	MoveEntryCheck(ctx context.Context, office, id string, now time.Time) error
}

// composeEntryCheck renders a check-your-entry mail to the record's
// contact with its personal link; a record gone, bounced or without an
// address gets none.
func (m *Mailer) composeEntryCheck(ctx context.Context, item *outbox.Item, now time.Time) ([]byte, string, error) {
	if m.Entries == nil {
		return nil, "", fmt.Errorf("mailer: no entry store for %s", item.ID)
	}
	r, err := m.Entries.Organisation(ctx, item.Office, item.TargetID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, "", errSuperseded
	}
	if err != nil {
		return nil, "", fmt.Errorf("load organisation: %w", err)
	}
	if r.Contact.Email == "" || r.Contact.Stale || r.State != org.Active {
		return nil, "", errSuperseded
	}
	from, err := m.office(ctx, item.Office)
	if err != nil {
		return nil, "", err
	}
	lang := mail.Language(r.Contact.Language)
	rendered, err := mail.RenderEntryCheck(mail.EntryCheck{Language: lang, Organisation: r.Name, Published: r.Published(),
		URL: m.cfg.BaseURL + "/e/" + org.EntryToken(m.tokens, item.ID) + "?lang=" + lang, LinkDays: org.EntryLinkDays, Office: from})
	if err != nil {
		return nil, "", err
	}
	return m.build(item.ID, from, r.Contact.Email, r.Name, rendered, "", nil, now)
}

// Yearly check-your-entry mails: a run reads at most entryPages pages of
// entryBatch due records (the next run goes on).
const (
	entryBatch = 100
	entryPages = 20
)

// YearlyEntryChecks queues the check-your-entry mail of every record
// whose last check (or creation) is a year ago, once per record and year
// (the mail's id names both), not to bounced or erased records; each
// record's next check is planned a year on.
func (m *Mailer) YearlyEntryChecks(ctx context.Context) (int, error) {
	if m.Entries == nil {
		return 0, nil
	}
	now := m.now()
	queued := 0
	for range entryPages {
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < sendBudget {
			break
		}
		due, err := m.Entries.DueEntryChecks(ctx, now, entryBatch)
		if err != nil {
			return queued, err
		}
		for _, d := range due {
			r, err := m.Entries.Organisation(ctx, d.Office, d.ID)
			if err != nil && apperr.CodeOf(err) != apperr.NotFound {
				return queued, err
			}
			if err != nil || r.Contact.Email == "" || r.Contact.Stale || r.State != org.Active {
				if err := m.Entries.MoveEntryCheck(ctx, d.Office, d.ID, now); err != nil {
					return queued, err
				}
				continue
			}
			mailID := "entry-" + d.Office + "-" + d.ID + "-" + strconv.Itoa(now.UTC().Year())
			ok, err := m.Entries.QueueYearlyEntryCheck(ctx, d.Office, d.ID, mailID, linktoken.Hash(org.EntryToken(m.tokens, mailID)), now)
			if err != nil {
				return queued, err
			}
			if ok {
				queued++
			}
		}
		if len(due) < entryBatch {
			break
		}
	}
	m.log.InfoContext(ctx, "yearly entry checks", "queued", queued)
	return queued, nil
}
