package admin

import (
	"context"
	"slices"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// targetInfo is what invitations need to know of their survey or
// meeting.
type targetInfo struct {
	expires time.Time // when its invitations expire
	// plan is its reminder plan (remindAfterDays), until when reminders
	// go out (the survey closes, registration closes; zero: no end).
	plan  []int
	until time.Time
	// draft: a survey not public yet, whose link a mail must not send.
	draft bool
	// cancelled: a meeting called off, that nobody is invited to (the
	// mailer drops such mails: the console must not say they went).
	cancelled bool
	// planned: a meeting draft, whose new invitations wait as planned
	// (no link, no mail) until it is published and they are sent.
	planned bool
}

// mailable refuses mails about a draft, whose link is not found yet, and
// invitations to a cancelled meeting.
func (t targetInfo) mailable() error {
	if t.draft {
		return apperr.New(apperr.Conflict, "survey_draft")
	}
	if t.cancelled {
		return apperr.New(apperr.Conflict, "meeting_cancelled")
	}
	return nil
}

// target checks that the survey or meeting belongs to the office and
// returns what its invitations need.
func (s *Service) target(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id string) (targetInfo, error) {
	if kind == invitation.Meeting {
		mv, err := s.Meeting(ctx, c, id)
		if err != nil {
			return targetInfo{}, err
		}
		return targetInfo{expires: mv.ExpiresAt(), plan: mv.RemindAfterDays, until: mv.RegistrationClosesAt, cancelled: mv.Cancelled(), planned: mv.Draft}, nil
	}
	d, err := s.Survey(ctx, c, id)
	if err != nil {
		return targetInfo{}, err
	}
	t := surveyTarget(d, s.now())
	t.draft = d.Draft()
	return t, nil
}

func surveyTarget(d *survey.Definition, now time.Time) targetInfo {
	base, t := now, targetInfo{plan: d.RemindAfterDays}
	if d.ClosesAt != nil {
		base, t.until = *d.ClosesAt, *d.ClosesAt
	}
	t.expires = base.Add(d.Retention())
	return t
}

// InviteResult says what an upload did.
type InviteResult struct {
	Invited        int `json:"invited"`
	AlreadyInvited int `json:"alreadyInvited"`
	Merged         int `json:"merged"` // duplicate lines in this upload
	// Objected counts the addresses whose person objected to invitations
	// from the office: listed as objected, sent nothing.
	Objected int `json:"objected"`
	// Encoding is the text encoding a CSV list was read in.
	Encoding string `json:"encoding,omitempty"`
	// Skipped counts the register's records not invited: no address, or
	// their contact bounced (InviteOrganisations).
	Skipped int `json:"skipped,omitempty"`
}

// Invite checks a list (every line, or nothing is sent), merges duplicate
// addresses, and writes each new invitation with its mail; an address
// invited before gets the new contact fields, never a second mail.
func (s *Service) Invite(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id string, entries []invitation.Entry, lines []int, lang string) (*InviteResult, error) {
	tgt, err := s.target(ctx, c, kind, id)
	if err != nil {
		return nil, err
	}
	if err := tgt.mailable(); err != nil {
		return nil, err
	}
	checked, err := invitation.Check(entries, lines, lang)
	if err != nil {
		return nil, err
	}
	res := &InviteResult{Merged: len(entries) - len(checked)}
	objections, err := s.store.Objections(ctx, c.Office)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var invs []*invitation.Invitation
	for _, e := range checked {
		v := s.newInvitation(c, kind, id, e, tgt, objections, now, lang)
		if v.Status == invitation.Objected {
			res.Objected++
		}
		invs = append(invs, v)
	}
	if err := s.linkInvitations(ctx, c.Office, invs, now); err != nil {
		return nil, err
	}
	if res.Invited, res.AlreadyInvited, err = s.store.PutInvitations(ctx, invs, now); err != nil {
		return nil, err
	}
	return res, nil
}

// linkInvitations links each invitation to its organisation's record in
// the office's register (by address, else by normalised name, else a new
// record) and sets its OrgID; the record's history gets the invitation.
// A line whose person objected is linked too (the organisation exists),
// but its history says nothing: it was not invited.
func (s *Service) linkInvitations(ctx context.Context, office string, invs []*invitation.Invitation, now time.Time) error {
	links := make([]org.Link, len(invs))
	for i, v := range invs {
		links[i] = org.Link{Name: v.Organisation, Email: v.Email, Language: v.Language}
	}
	ids, err := s.store.LinkOrganisations(ctx, office, links, func(i int) org.Event {
		v := invs[i]
		if v.Status == invitation.Objected {
			return org.Event{} // no event
		}
		return org.Event{At: now, Kind: org.Invited, Target: string(v.Kind), TargetID: v.TargetID, Ref: v.ID}
	}, now)
	if err != nil {
		return err
	}
	for i, v := range invs {
		v.OrgID = ids[i]
	}
	return nil
}

// newInvitation is a new invitation of e (its language, else lang), to be
// mailed unless its person objected to the office's invitations.
func (s *Service) newInvitation(c *auth.Coordinator, kind invitation.Kind, id string, e invitation.Entry, tgt targetInfo, objections map[string]bool, now time.Time, lang string) *invitation.Invitation {
	invID := invitation.ID(kind, id, e.Email)
	language := e.Language
	if language == "" {
		language = lang
	}
	v := &invitation.Invitation{
		ID: invID, Kind: kind, TargetID: id, Office: c.Office, Organisation: e.Organisation, OrgID: e.OrgID, Email: e.Email,
		Language: language, Status: invitation.Invited,
		TokenHash: linktoken.Hash(s.tokens.Token(invitation.TokenKind, invID)),
		InvitedAt: now, LastMailAt: now, ExpiresAt: tgt.expires,
		NextReminderAt: invitation.NextReminder(tgt.plan, now, 0, tgt.until),
	}
	if objections[invitation.PersonKey(s.tokens, e.Email)] {
		// Listed, never mailed: no link (no token item, no hash), so a link
		// mailed to the address before (an invitation deleted since) opens
		// nothing, in either spelling (invitation.Holds).
		v.Status, v.RespondedAt, v.TokenHash = invitation.Objected, now, ""
	} else if tgt.planned {
		plan(v)
	}
	return v
}

// plan makes v a planned invitation: listed, without a link or a mail
// until it is sent (SendPlanned).
func plan(v *invitation.Invitation) {
	v.Status, v.TokenHash, v.LastMailAt, v.NextReminderAt = invitation.Planned, "", time.Time{}, time.Time{}
}

// InvitationView is an invitee in the list.
type InvitationView struct {
	ID           string            `json:"invitationId"`
	Organisation string            `json:"organisation"`
	Email        string            `json:"email"`
	Language     string            `json:"language"`
	Status       invitation.Status `json:"status"`
	InvitedAt    time.Time         `json:"invitedAt"`
	LastMailAt   time.Time         `json:"lastMailAt"`
	Reminders    int               `json:"reminders"`
	RespondedAt  *time.Time        `json:"respondedAt,omitempty"`
	// NextReminderAt is when the next reminder of the plan
	// (remindAfterDays) goes out; absent when none is due.
	NextReminderAt *time.Time `json:"nextReminderAt,omitempty"`
	// PlanSent counts the reminders of the plan that went out.
	PlanSent int `json:"-"`
}

// Invitations lists a page of invitees with their status.
func (s *Service) Invitations(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id, cursor string, limit int) (*Page[InvitationView], error) {
	if _, err := s.target(ctx, c, kind, id); err != nil {
		return nil, err
	}
	vs, next, err := s.store.InvitationsPage(ctx, kind, id, cursor, pageSize(limit))
	if err != nil {
		return nil, err
	}
	p := &Page[InvitationView]{Items: make([]InvitationView, len(vs)), NextCursor: next}
	for i, v := range vs {
		p.Items[i] = viewOf(v, s.Zone)
	}
	return p, nil
}

// viewOf is an invitation as the list shows it, times in zone.
func viewOf(v *invitation.Invitation, zone *time.Location) InvitationView {
	iv := InvitationView{ID: v.ID, Organisation: v.Organisation, Email: v.Email, Language: v.Language,
		Status: v.Status, InvitedAt: v.InvitedAt.In(zone), LastMailAt: v.LastMailAt.In(zone), Reminders: v.Reminders}
	if !v.RespondedAt.IsZero() {
		t := v.RespondedAt.In(zone)
		iv.RespondedAt = &t
	}
	if !v.NextReminderAt.IsZero() && v.Status == invitation.Invited {
		t := v.NextReminderAt.In(zone)
		iv.NextReminderAt = &t
	}
	iv.PlanSent = v.PlanSent
	return iv
}

// RemindResult says what a reminder run did.
type RemindResult struct {
	Reminded int `json:"reminded"`
	Skipped  int `json:"skipped"` // answered, or mailed within 24 h
}

// Remind emails those who have not answered, at most once per 24 h each.
func (s *Service) Remind(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id string) (*RemindResult, error) {
	tgt, err := s.target(ctx, c, kind, id)
	if err != nil {
		return nil, err
	}
	if err := tgt.mailable(); err != nil {
		return nil, err
	}
	res := &RemindResult{}
	now := s.now()
	// Invitations whose record's contact bounced are passed by (the
	// console lists those records to fix): one read of the register.
	list, err := s.store.Organisations(ctx, c.Office, now)
	if err != nil {
		return nil, err
	}
	bounced := map[string]bool{}
	for _, o := range list {
		if o.State == org.ContactBounced {
			bounced[o.ID] = true
		}
	}
	err = s.store.EachInvitation(ctx, kind, id, func(v *invitation.Invitation) error {
		if v.Status != invitation.Invited || now.Sub(v.LastMailAt) < invitation.ReminderGap || bounced[v.OrgID] {
			res.Skipped++
			return nil
		}
		ok, err := s.store.Remind(ctx, v, now)
		if err != nil {
			return err
		}
		if ok {
			res.Reminded++
		} else {
			res.Skipped++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// replan gives the waiting invitations of a survey or meeting whose plan
// or end changed (old: as it was) the next reminder of the new plan:
// the reminders already sent count, none is sent twice.
func (s *Service) replan(ctx context.Context, kind invitation.Kind, id string, old, now targetInfo) error {
	if slices.Equal(old.plan, now.plan) && old.until.Equal(now.until) {
		return nil
	}
	return s.store.EachInvitation(ctx, kind, id, func(v *invitation.Invitation) error {
		if v.Status != invitation.Invited {
			return nil
		}
		next := invitation.NextReminder(now.plan, v.InvitedAt, v.PlanSent, now.until)
		if next.Equal(v.NextReminderAt) {
			return nil
		}
		return s.store.SetPlan(ctx, v, next)
	})
}
