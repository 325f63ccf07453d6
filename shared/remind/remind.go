// Package remind sends the planned reminders of surveys and meetings
// (their remindAfterDays): a schedule runs it (the mailer, on its
// reminder event), and each due reminder goes out once to an invitee
// who has not answered or registered, has not objected to the office's
// invitations and is reachable, however many runs find it at once.
package remind

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Store is what the run needs from storage.
type Store interface {
	// DueReminders lists invitations whose planned reminder is due at now.
	DueReminders(ctx context.Context, now time.Time, limit int) ([]*invitation.Invitation, error)
	// SendPlannedReminder queues the due reminder of v with its mail and
	// moves v on to next, only if v still waits for that very reminder
	// (false otherwise: another run sent it, or v changed).
	SendPlannedReminder(ctx context.Context, v *invitation.Invitation, next, now time.Time) (bool, error)
	// Replan moves v's due reminder to next (zero: none), if v still
	// waits for it; DropPlan takes v out of the plan.
	Replan(ctx context.Context, v *invitation.Invitation, next time.Time) error
	DropPlan(ctx context.Context, v *invitation.Invitation) error
	// Objected reports whether the person of personKey objected to
	// invitations from office; MarkObjected marks a waiting invitation so.
	Objected(ctx context.Context, office, personKey string) (bool, error)
	MarkObjected(ctx context.Context, v *invitation.Invitation, now time.Time) error
	// Suppression is why SES reported the person of personKey (bounce,
	// complaint), or ""; MarkUnreachable marks a waiting invitation with
	// that reason's status.
	Suppression(ctx context.Context, personKey string) (string, error)
	MarkUnreachable(ctx context.Context, v *invitation.Invitation, status invitation.Status, now time.Time) error
	Survey(ctx context.Context, id string) (*survey.Definition, error)
	Meeting(ctx context.Context, id string) (*meeting.Meeting, meeting.Counters, error)
	// Organisations are the summaries of an office's register: reminders
	// pass by invitations whose record's contact bounced.
	Organisations(ctx context.Context, office string, now time.Time) ([]org.Summary, error)
}

// Runner runs the planned reminders.
type Runner struct {
	store  Store
	tokens *linktoken.Minter
	now    func() time.Time
	log    *slog.Logger
}

// New returns a runner.
func New(store Store, tokens *linktoken.Minter, now func() time.Time, log *slog.Logger) *Runner {
	return &Runner{store: store, tokens: tokens, now: now, log: log}
}

// Result says what a run did.
type Result struct {
	Sent    int `json:"sent"`    // reminders queued (the mailer sends them)
	Skipped int `json:"skipped"` // due, but answered, objected, unreachable, closed, replanned or sent by another run
}

// Batch is how many due invitations one query reads; Pages bounds a run
// (the next run goes on).
const (
	Batch = 100
	Pages = 50
)

// budget is the time a run keeps for one more batch before its deadline.
const budget = 10 * time.Second

// plan is a target's reminder plan as a run reads it once.
type plan struct {
	days  []int
	until time.Time
	gone  bool
	// bounced are, for an office's key "office/<id>", its records whose
	// contact bounced (read once per run).
	bounced map[string]bool
}

// Run sends every reminder due now, once.
func (r *Runner) Run(ctx context.Context) (Result, error) {
	var res Result
	plans := map[string]plan{}
	now := r.now()
	for range Pages {
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < budget {
			break
		}
		due, err := r.store.DueReminders(ctx, now, Batch)
		if err != nil {
			return res, err
		}
		for _, v := range due {
			sent, err := r.one(ctx, v, plans, now)
			if err != nil {
				return res, fmt.Errorf("reminder of %s: %w", v.ID, err)
			}
			if sent {
				res.Sent++
			} else {
				res.Skipped++
			}
		}
		if len(due) < Batch {
			break
		}
	}
	r.log.InfoContext(ctx, "planned reminders", "sent", res.Sent, "skipped", res.Skipped)
	return res, nil
}

// planOf reads the plan of v's survey or meeting once per run.
func (r *Runner) planOf(ctx context.Context, v *invitation.Invitation, plans map[string]plan) (plan, error) {
	k := string(v.Kind) + "/" + v.TargetID
	if p, ok := plans[k]; ok {
		return p, nil
	}
	var p plan
	if v.Kind == invitation.Meeting {
		m, _, err := r.store.Meeting(ctx, v.TargetID)
		switch {
		case apperr.CodeOf(err) == apperr.NotFound:
			p.gone = true
		case err != nil:
			return p, err
		default:
			p.days, p.until = m.RemindAfterDays, m.RegistrationClosesAt
		}
	} else {
		d, err := r.store.Survey(ctx, v.TargetID)
		switch {
		case apperr.CodeOf(err) == apperr.NotFound:
			p.gone = true
		case err != nil:
			return p, err
		default:
			p.days = d.RemindAfterDays
			if d.ClosesAt != nil {
				p.until = *d.ClosesAt
			}
		}
	}
	plans[k] = p
	return p, nil
}

// one handles one due invitation: sends its reminder, or says why not
// and moves it out of the way (replanned, out of the plan, marked).
func (r *Runner) one(ctx context.Context, v *invitation.Invitation, plans map[string]plan, now time.Time) (bool, error) {
	p, err := r.planOf(ctx, v, plans)
	if err != nil {
		return false, err
	}
	if p.gone || v.Status != invitation.Invited {
		return false, r.store.DropPlan(ctx, v)
	}
	due := invitation.NextReminder(p.days, v.InvitedAt, v.PlanSent, p.until)
	switch {
	case due.IsZero(), !p.until.IsZero() && !now.Before(p.until):
		return false, r.store.Replan(ctx, v, time.Time{}) // the plan is done, or the target closed
	case due.After(now):
		return false, r.store.Replan(ctx, v, due) // the plan changed
	}
	if bounced, err := r.bounced(ctx, v, plans, now); err != nil || bounced {
		if err != nil {
			return false, err
		}
		// The record's contact bounced: the console lists it to fix; the
		// plan ends here (a fixed contact is invited anew).
		r.log.InfoContext(ctx, "planned reminder not sent: contact bounced", "invitationId", v.ID, "organisationId", v.OrgID)
		return false, r.store.DropPlan(ctx, v)
	}
	person := invitation.PersonKey(r.tokens, v.Email)
	if objected, err := r.store.Objected(ctx, v.Office, person); err != nil || objected {
		if err != nil {
			return false, err
		}
		r.log.InfoContext(ctx, "planned reminder not sent: objected", "invitationId", v.ID)
		return false, r.store.MarkObjected(ctx, v, now)
	}
	if reason, err := r.store.Suppression(ctx, person); err != nil || reason != "" {
		if err != nil {
			return false, err
		}
		status := invitation.Bounced
		if reason == "complaint" {
			status = invitation.Complained
		}
		r.log.InfoContext(ctx, "planned reminder not sent: unreachable", "invitationId", v.ID, "reason", reason)
		return false, r.store.MarkUnreachable(ctx, v, status, now)
	}
	if gap := v.LastMailAt.Add(invitation.ReminderGap); now.Before(gap) {
		// A coordinator reminded by hand within the day: this one waits.
		return false, r.store.Replan(ctx, v, gap)
	}
	next := invitation.NextReminder(p.days, v.InvitedAt, v.PlanSent+1, p.until)
	ok, err := r.store.SendPlannedReminder(ctx, v, next, now)
	if ok {
		r.log.InfoContext(ctx, "planned reminder queued", "invitationId", v.ID, "step", v.PlanSent+1)
	}
	return ok, err
}

// bounced reports whether v's organisation's record has a bounced
// contact; the office's register is read once per run.
func (r *Runner) bounced(ctx context.Context, v *invitation.Invitation, plans map[string]plan, now time.Time) (bool, error) {
	if v.OrgID == "" {
		return false, nil
	}
	k := "office/" + v.Office
	p, ok := plans[k]
	if !ok {
		list, err := r.store.Organisations(ctx, v.Office, now)
		if err != nil {
			return false, err
		}
		p.bounced = map[string]bool{}
		for _, s := range list {
			if s.State == org.ContactBounced {
				p.bounced[s.ID] = true
			}
		}
		plans[k] = p
	}
	return p.bounced[v.OrgID], nil
}
