package dynamo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
)

// The steps of a registration's transactions, by name.
const (
	stepSeats        = "meeting counters"
	stepRegistration = "registration"
	stepEmailLock    = "email lock"
	stepToken        = "token"
	stepOutbox       = "outbox mail"
	stepOrgCounter   = "organisation counter"
	stepInvitation   = "invitation"
	stepPromoted     = "promoted registration"
	stepPromotedMail = "promoted mail"
	// stepPromotedLeaves takes the promoted registration off the waitlist.
	stepPromotedLeaves = "promoted leaves waitlist"
)

// Conditions on a meeting's counters.
const (
	condOpen     = "attribute_exists(#pk) AND #closes > :now"
	condSeatFree = condOpen + " AND #conf < #cap AND #wait = :zero"
	condFull     = condOpen + " AND (#conf >= #cap OR #wait > :zero) AND #wait < :maxw"
)

// seats is the one builder of counter updates: confirmed changes by dConf
// and waiting by dWait, if cond holds.
func (s *Table) seats(meetingID string, dConf, dWait int, cond string, now time.Time) step {
	return s.seatsWith(meetingID, dConf, dWait, cond, now, nil)
}

// seatsWith is seats with more condition values.
func (s *Table) seatsWith(meetingID string, dConf, dWait int, cond string, now time.Time, vals map[string]types.AttributeValue) step {
	v := map[string]types.AttributeValue{":dc": num(int64(dConf)), ":dw": num(int64(dWait)), ":zero": num(0), ":now": num(now.Unix())}
	maps.Copy(v, vals)
	return step{stepSeats, s.update(key(meetingPK(meetingID), defSK), "ADD #conf :dc, #wait :dw", cond, v)}
}

// orgStep counts an organisation's live registrations up (+1, within the
// meeting's limit: the one organisation-limit check) or down (-1).
func (s *Table) orgStep(m *meeting.Meeting, org string, delta int, expires time.Time) step {
	k := key(meetingPK(m.ID), orgSKPrefix+meeting.OrgKey(org))
	if delta > 0 {
		return step{stepOrgCounter, s.update(k, "ADD #live :d SET #type = :type, #ttl = :exp",
			"attribute_not_exists(#live) OR #live < :max", map[string]types.AttributeValue{
				":d": num(int64(delta)), ":type": str("org-count"), ":exp": num(expires.Unix()), ":max": num(int64(m.MaxPerOrganisation))})}
	}
	return step{stepOrgCounter, s.update(k, "ADD #live :d", "#live > :zero",
		map[string]types.AttributeValue{":d": num(int64(delta)), ":zero": num(0)})}
}

// countsOrg reports whether a registration counts against a
// per-organisation limit (and so carries the organisation counter).
func countsOrg(m *meeting.Meeting, org string) bool { return m.MaxPerOrganisation > 0 && org != "" }

// regMail is the outbox mail of a registration event.
func (s *Table) regMail(name string, kind outbox.Kind, r *meeting.Registration, now time.Time) step {
	o := newOutbox(ulid.Make().String(), kind, now)
	o.MeetingID, o.RegistrationID, o.Office = r.MeetingID, r.ID, r.Office
	return step{name, s.put(item(o), true)}
}

// setStatus moves a registration from one status to another (off the
// waitlist: with leaveWaitlist).
func (s *Table) setStatus(name string, r *meeting.Registration, from, to meeting.RegStatus, now time.Time) step {
	return step{name, s.update(key(meetingPK(r.MeetingID), regSKPrefix+r.ID), "SET #st = :to, #up = :now REMOVE #g1pk, #g1sk",
		"#st = :from", map[string]types.AttributeValue{
			":to": str(string(to)), ":from": str(string(from)), ":now": str(now.UTC().Format(time.RFC3339Nano))})}
}

// cancelStep cancels r, which from now on is kept for at most
// PurgeCancelled (or until the meeting's retention ends, if sooner): the
// item with its personal fields goes then, by the table's TTL. The copy
// of its page (regcopy.go) goes at once: it shows a live registration.
func (s *Table) cancelStep(r *meeting.Registration, now time.Time) step {
	purge := min(r.ExpiresAt.Unix(), now.Add(s.PurgeCancelled).Unix())
	return step{stepRegistration, s.update(key(meetingPK(r.MeetingID), regSKPrefix+r.ID), "SET #st = :to, #up = :now, #ttl = :purge REMOVE #g1pk, #g1sk, #regpage",
		"#st = :from", map[string]types.AttributeValue{":to": str(string(meeting.Cancelled)), ":from": str(string(r.Status)),
			":now": str(now.UTC().Format(time.RFC3339Nano)), ":purge": num(purge)})}
}

// registerSteps are the steps of registering r with r.Status.
func (s *Table) registerSteps(m *meeting.Meeting, r *meeting.Registration, now time.Time) []step {
	seat := s.seats(m.ID, 1, 0, condSeatFree, now)
	if r.Status == meeting.Waitlisted {
		// The waitlist is bounded: beyond its limit, "waitlist full".
		seat = s.seatsWith(m.ID, 0, 1, condFull, now, map[string]types.AttributeValue{":maxw": num(int64(m.WaitlistLimit()))})
	}
	tok := newTokenItem(r.TokenHash, r.ExpiresAt)
	tok.Kind, tok.MeetingID, tok.RegistrationID = meeting.TokenKind, r.MeetingID, r.ID
	steps := []step{
		seat,
		{stepRegistration, s.put(item(toRegItem(r)), true)},
		{stepEmailLock, s.put(item(emailLockItem{head: head{meetingPK(m.ID), emailSKPrefix + meeting.EmailKey(r.Email), "email-lock", r.ExpiresAt.Unix()},
			RegistrationID: r.ID}), true)},
		{stepToken, s.put(item(tok), true)},
		s.regMail(stepOutbox, outbox.Kind(r.Status), r, now),
	}
	if r.Status == meeting.Waitlisted {
		steps = append(steps, s.joinWaitlist(m, r))
	}
	if countsOrg(m, r.Organisation) {
		steps = append(steps, s.orgStep(m, r.Organisation, 1, r.ExpiresAt))
	}
	if r.InvitationID != "" {
		steps = append(steps, step{stepInvitation, s.markInvitation(meetingPK(m.ID), r.InvitationID, "registered", now)},
			s.registerStep("meeting", m.ID, r.InvitationID, r.Office, r.ID, now))
	}
	return steps
}

// registerAttempts bounds how often a registration follows a changing
// seat state (each attempt is one round trip).
const registerAttempts = 10

// Register implements meeting.Store. It tries for a seat first; when the
// failed condition shows the meeting full it joins the waitlist, and when
// that shows a seat free again it tries for the seat: each attempt is one
// transaction, decided by the counters the last one saw. Neither r nor
// claim changes: each attempt writes a copy with the status it tries.
func (s Registrations) Register(ctx context.Context, m *meeting.Meeting, r *meeting.Registration, claim *idempotency.Claim, uses []*ratelimit.Use, now time.Time) (meeting.Outcome, error) {
	try := *r
	try.Status = meeting.Confirmed
	for range registerAttempts {
		var c *idempotency.Claim
		if claim != nil {
			b, err := json.Marshal(meeting.Result{RegistrationID: try.ID, Status: try.Status})
			if err != nil {
				return meeting.Outcome{}, err
			}
			cc := *claim
			cc.Body = b
			c = &cc
		}
		replay, err := s.write(ctx, c, append(s.registerSteps(m, &try, now), s.limitStepsOf(uses)...)...)
		if err = limitedBy(err, uses, now); apperr.As(err) != nil {
			return meeting.Outcome{}, err
		}
		if errors.Is(err, ErrContention) {
			return meeting.Outcome{}, apperr.New(apperr.Conflict, "meeting_busy")
		}
		var f *StepsFailed
		if !errors.As(err, &f) {
			switch {
			case err != nil:
				return meeting.Outcome{}, err
			case replay != nil:
				return meeting.Outcome{Replay: replay}, nil
			}
			return meeting.Outcome{Status: try.Status}, nil
		}
		old := f.Old[stepSeats]
		switch {
		case f.Failed(stepSeats) && old == nil:
			return meeting.Outcome{}, apperr.New(apperr.NotFound, "meeting_not_found")
		case f.Failed(stepSeats) && int64(intAttr(old, "closesAt")) <= now.Unix():
			return meeting.Outcome{}, apperr.New(apperr.Closed, "registration_closed")
		case f.Failed(stepEmailLock):
			return meeting.Outcome{}, apperr.New(apperr.Conflict, "already_registered")
		case f.Failed(stepOrgCounter):
			return meeting.Outcome{}, apperr.New(apperr.Conflict, "organisation_limit")
		case f.Failed(stepInvitation):
			return meeting.Outcome{}, apperr.New(apperr.NotFound, "invitation_unknown")
		case f.Failed(stepSeats):
			// The seat state is not what this attempt assumed: take the
			// list the counters point to now.
			c := countersOf(old)
			try.Status = meeting.Confirmed
			if c.Confirmed >= intAttr(old, "capacity") || c.Waiting > 0 {
				try.Status = meeting.Waitlisted
				if c.Waiting >= m.WaitlistLimit() {
					return meeting.Outcome{}, apperr.New(apperr.Conflict, "waitlist_full")
				}
			}
		default:
			return meeting.Outcome{}, fmt.Errorf("register: %w", err)
		}
	}
	return meeting.Outcome{}, apperr.New(apperr.Conflict, "meeting_busy")
}

// RegistrationByToken implements meeting.Store.
func (s Registrations) RegistrationByToken(ctx context.Context, tokenHash string) (*meeting.Registration, error) {
	t, err := s.token(ctx, tokenHash)
	if err != nil {
		return nil, err
	}
	if t == nil || t.Kind != meeting.TokenKind {
		return nil, apperr.New(apperr.NotFound, "registration_not_found")
	}
	return s.Registration(ctx, t.MeetingID, t.RegistrationID)
}

// token reads a link token's item, or nil.
func (s *Table) token(ctx context.Context, hash string) (*tokenItem, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(tokenPK(hash), tokenSK)})
	if err != nil {
		return nil, fmt.Errorf("get token: %w", err)
	}
	if out.Item == nil {
		return nil, nil
	}
	var t tokenItem
	if err := attributevalue.UnmarshalMap(out.Item, &t); err != nil {
		return nil, fmt.Errorf("decode token: %w", err)
	}
	return &t, nil
}

// Registration reads one registration (strongly consistent).
func (s Registrations) Registration(ctx context.Context, meetingID, id string) (*meeting.Registration, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: &s.table, Key: key(meetingPK(meetingID), regSKPrefix+id), ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return nil, fmt.Errorf("get registration %s: %w", id, err)
	}
	if out.Item == nil {
		return nil, apperr.New(apperr.NotFound, "registration_not_found")
	}
	return decodeReg(out.Item)
}

// cancelAttempts bounds how often a cancellation follows a changing
// waitlist.
const cancelAttempts = 20

// Cancel implements meeting.Store. A confirmed seat passes to the first on
// the waitlist in the same transaction, so the seat count never dips and no
// newcomer can take a seat ahead of the waitlist. Conditions on every step
// make a stale view fail and look again instead of double-promoting.
func (s Registrations) Cancel(ctx context.Context, m *meeting.Meeting, r *meeting.Registration, erase *meeting.Erasure, now time.Time) error {
	for attempt := range cancelAttempts {
		cur, err := s.Registration(ctx, r.MeetingID, r.ID)
		if err != nil {
			return err
		}
		if cur.Erased() || cur.Status == meeting.Cancelled && erase == nil {
			return nil
		}
		if erase != nil && (cur.Status == meeting.Cancelled || erase.KeepStatus) {
			// Erase only: a registration cancelled before, or one whose
			// meeting has begun (its status is history and stays).
			steps := []step{s.eraseStep(cur, cur.Status, cur.Status, now), s.auditStep(m.Office, erase.Actor, "registration", cur.ID, now)}
			if cur.Status != meeting.Cancelled {
				steps = append(steps, step{stepEmailLock, types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table,
					Key: key(meetingPK(m.ID), emailSKPrefix+meeting.EmailKey(cur.Email))}}})
			}
			_, err := s.write(ctx, nil, steps...)
			var f *StepsFailed
			if !errors.As(err, &f) {
				return err
			}
			continue // changed meanwhile: look again
		}
		steps := []step{
			s.cancelStep(cur, now),
			{stepEmailLock, types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: key(meetingPK(m.ID), emailSKPrefix+meeting.EmailKey(cur.Email))}}},
			s.regMail(stepOutbox, outbox.Cancelled, cur, now),
		}
		if erase != nil {
			// Cancel and erase in one step; no mail: there is no address
			// to send it to any more.
			steps = []step{s.eraseStep(cur, cur.Status, meeting.Cancelled, now), steps[1], s.auditStep(m.Office, erase.Actor, "registration", cur.ID, now)}
		}
		if countsOrg(m, cur.Organisation) {
			steps = append(steps, s.orgStep(m, cur.Organisation, -1, time.Time{}))
		}
		if cur.InvitationID != "" { // its organisation's history says so
			steps = append(steps, s.registerStep("meeting", m.ID, cur.InvitationID, m.Office, cur.ID, now))
		}
		switch cur.Status {
		case meeting.Waitlisted:
			steps = append(steps, s.seats(m.ID, 0, -1, "#wait > :zero", now))
			list, err := s.waitlist(ctx, m.ID)
			if err != nil {
				return err
			}
			steps = append(steps, s.leaveWaitlist(stepWaitlist, m.ID, list, cur.ID)...)
		case meeting.Confirmed:
			next, err := s.firstWaiting(ctx, m)
			if err != nil {
				return err
			}
			if next != nil {
				steps = append(steps,
					s.setStatus(stepPromoted, next, meeting.Waitlisted, meeting.Confirmed, now),
					s.seats(m.ID, 0, -1, "#wait > :zero", now),
					s.regMail(stepPromotedMail, outbox.Promoted, next, now))
				steps = append(steps, s.leaveWaitlist(stepPromotedLeaves, m.ID, []string{next.ID}, next.ID)...)
			} else {
				steps = append(steps, s.seats(m.ID, -1, 0, "#wait = :zero", now))
			}
		}
		_, err = s.write(ctx, nil, steps...)
		if errors.Is(err, ErrContention) {
			return apperr.New(apperr.Conflict, "meeting_busy")
		}
		var f *StepsFailed
		if !errors.As(err, &f) {
			return err
		}
		// This registration, the first on the waitlist or the counters
		// changed meanwhile: look again.
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * 5 * time.Millisecond):
		}
	}
	return apperr.New(apperr.Conflict, "meeting_busy")
}

// FillFreeSeats promotes waitlisted registrations while seats are free
// (after a capacity increase), each in its own conditional transaction.
func (s MeetingAdmin) FillFreeSeats(ctx context.Context, m *meeting.Meeting, now time.Time) (int, error) {
	promoted := 0
	for {
		_, c, err := Registrations{s.Table}.Meeting(ctx, m.ID)
		if err != nil {
			return promoted, err
		}
		if c.Confirmed >= m.Capacity || c.Waiting == 0 {
			return promoted, nil
		}
		next, err := s.firstWaiting(ctx, m)
		if err != nil || next == nil {
			return promoted, err
		}
		_, err = s.write(ctx, nil, append([]step{
			s.setStatus(stepPromoted, next, meeting.Waitlisted, meeting.Confirmed, now),
			s.seats(m.ID, 1, -1, "#conf < #cap AND #wait > :zero", now),
			s.regMail(stepPromotedMail, outbox.Promoted, next, now)}, s.leaveWaitlist(stepPromotedLeaves, m.ID, []string{next.ID}, next.ID)...)...)
		var f *StepsFailed
		switch {
		case err == nil:
			promoted++
		case !errors.As(err, &f):
			return promoted, err
		}
	}
}

// RegistrationsPage returns a page of a meeting's registrations.
func (s MeetingAdmin) RegistrationsPage(ctx context.Context, meetingID, cursor string, limit int) ([]*meeting.Registration, string, error) {
	return pageOf(ctx, s.Table, meetingPK(meetingID), regSKPrefix, cursor, limit, decodeReg)
}

// EachRegistration streams a meeting's registrations page by page.
func (s MeetingAdmin) EachRegistration(ctx context.Context, meetingID string, fn func([]*meeting.Registration) error) error {
	return eachOf(ctx, s.Table, meetingPK(meetingID), regSKPrefix, decodeReg, fn)
}

// eraseStep moves a registration from status from to status to and
// removes its personal fields: name, email, organisation, role, needs and
// the topics chosen, and the copy of its page (regcopy.go), which shows
// them.
// What stays is an anonymous row (status, language, consent, times), so
// that the meeting's counts stay true.
func (s *Table) eraseStep(r *meeting.Registration, from, to meeting.RegStatus, now time.Time) step {
	ts := str(now.UTC().Format(time.RFC3339Nano))
	return step{stepRegistration, s.update(key(meetingPK(r.MeetingID), regSKPrefix+r.ID),
		"SET #st = :to, #up = :now, #erased = :now REMOVE #name, #email, #org, #role, #needs, #topics, #g1pk, #g1sk, #regpage",
		"#st = :from", map[string]types.AttributeValue{":to": str(string(to)), ":from": str(string(from)), ":now": ts})}
}

// DefaultPurgeCancelled is how long a cancelled registration is kept when
// the deployment does not say (PURGE_CANCELLED_DAYS).
const DefaultPurgeCancelled = 30 * 24 * time.Hour
