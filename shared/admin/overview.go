package admin

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// InvitationCounts sums up the invitations of a survey or meeting.
type InvitationCounts struct {
	Invited    int // all invitations
	Responded  int // answered or registered
	Waiting    int // not yet responded (and reachable)
	Reminded   int // got at least one reminder
	Remindable int // waiting and not mailed within the reminder gap
	Bounced    int
	Complained int
	// Objected: the address objected to invitations from the office.
	Objected int
	// Elsewhere: marked by a coordinator as answered another way
	// (counted in Responded too).
	Elsewhere int
	// Plan is the reminder plan (remindAfterDays) with how many of each
	// of its reminders went out.
	Plan []PlanStep
}

// PlanStep is one reminder of a plan: that many days after the
// invitation, sent to that many invitees so far.
type PlanStep struct {
	Days, Sent int
}

// InvitationOverview counts a survey's or meeting's invitations by state
// and lists the first listed of them, in one pass over them.
func (s *Service) InvitationOverview(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id string, listed int) (InvitationCounts, []InvitationView, error) {
	var n InvitationCounts
	var list []InvitationView
	tgt, err := s.target(ctx, c, kind, id)
	if err != nil {
		return n, nil, err
	}
	for _, d := range tgt.plan {
		n.Plan = append(n.Plan, PlanStep{Days: d})
	}
	now := s.now()
	err = s.store.EachInvitation(ctx, kind, id, func(v *invitation.Invitation) error {
		for i := range min(v.PlanSent, len(n.Plan)) {
			n.Plan[i].Sent++
		}
		if len(list) < listed {
			list = append(list, viewOf(v, s.Zone))
		}
		n.Invited++
		if v.Reminders > 0 {
			n.Reminded++
		}
		switch v.Status {
		case invitation.Answered, invitation.Registered, invitation.Elsewhere:
			n.Responded++
			if v.Status == invitation.Elsewhere {
				n.Elsewhere++
			}
		case invitation.Invited:
			n.Waiting++
			if now.Sub(v.LastMailAt) >= invitation.ReminderGap {
				n.Remindable++
			}
		case invitation.Bounced:
			n.Bounced++
		case invitation.Complained:
			n.Complained++
		case invitation.Objected:
			n.Objected++
		}
		return nil
	})
	return n, list, err
}

// MaxListed is the most registrations the console lists of one meeting
// (capacity and waitlist are bounded far below it).
const MaxListed = 1000

// MeetingWithRegistrations returns one of the office's meetings and its
// registrations: the confirmed ones by name, then the waitlist in its
// order, then the cancelled ones.
func (s *Service) MeetingWithRegistrations(ctx context.Context, c *auth.Coordinator, id string) (*MeetingView, []meeting.View, error) {
	mv, err := s.Meeting(ctx, c, id)
	if err != nil {
		return nil, nil, err
	}
	order, err := s.store.WaitlistOrder(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	var out []meeting.View
	err = s.store.EachRegistration(ctx, id, func(rs []*meeting.Registration) error {
		for _, r := range rs {
			if len(out) < MaxListed {
				out = append(out, meeting.ViewOf(r, order[r.ID], mv.Zone()))
			}
		}
		return nil
	})
	rank := map[meeting.RegStatus]int{meeting.Confirmed: 0, meeting.Waitlisted: 1, meeting.Cancelled: 2}
	slices.SortStableFunc(out, func(a, b meeting.View) int {
		return cmp.Or(cmp.Compare(rank[a.Status], rank[b.Status]), cmp.Compare(a.WaitlistPosition, b.WaitlistPosition),
			strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)))
	})
	return mv, out, err
}

// NeedCount is one need and how many live registrations named it.
type NeedCount struct {
	Kind  string // accessibility, interpretation, dietary
	Text  string // as the first registration wrote it
	Count int
}

// NeedTotals adds up the needs of the confirmed registrations for
// planning: the same text (ignoring case and spaces) counts as one need,
// most frequent first within each kind.
func NeedTotals(rs []meeting.View) []NeedCount {
	var out []NeedCount
	idx := map[string]int{}
	for _, r := range rs {
		if r.Status != meeting.Confirmed {
			continue
		}
		for _, n := range [][2]string{{"accessibility", r.Needs.Accessibility}, {"interpretation", r.Needs.Interpretation}, {"dietary", r.Needs.Dietary}} {
			text := strings.Join(strings.Fields(n[1]), " ")
			if text == "" {
				continue
			}
			key := n[0] + "\x00" + strings.ToLower(text)
			if i, ok := idx[key]; ok {
				out[i].Count++
				continue
			}
			idx[key] = len(out)
			out = append(out, NeedCount{Kind: n[0], Text: text, Count: 1})
		}
	}
	kinds := map[string]int{"interpretation": 0, "accessibility": 1, "dietary": 2}
	slices.SortStableFunc(out, func(a, b NeedCount) int {
		return cmp.Or(cmp.Compare(kinds[a.Kind], kinds[b.Kind]), cmp.Compare(b.Count, a.Count))
	})
	return out
}

// CountResponses counts a survey's answers.
func (s *Service) CountResponses(ctx context.Context, c *auth.Coordinator, id string) (int, error) {
	if _, err := s.Survey(ctx, c, id); err != nil {
		return 0, err
	}
	n := 0
	err := s.store.EachResponse(ctx, id, func(rs []*survey.Response) error {
		n += len(rs)
		return nil
	})
	return n, err
}
