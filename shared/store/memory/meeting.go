package memory

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
)

var _ meeting.Store = (*Store)(nil)

type meetingState struct {
	m        *meeting.Meeting
	c        meeting.Counters
	seq      int
	regs     map[string]*meeting.Registration
	emails   map[string]string
	orgs     map[string]int
	outbox   []string // kinds, in order
	promoted map[string]int
}

func (s *Store) meetingState(id string) (*meetingState, bool) {
	if s.meetings == nil {
		s.meetings = map[string]*meetingState{}
		s.tokens = map[string]*meeting.Registration{}
	}
	st, ok := s.meetings[id]
	return st, ok
}

// PutMeeting stores a meeting definition, keeping its counters.
func (s *Store) PutMeeting(_ context.Context, m *meeting.Meeting) error {
	if err := m.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.meetingState(m.ID); ok {
		st.m = m
		return nil
	}
	s.meetings[m.ID] = &meetingState{m: m, regs: map[string]*meeting.Registration{}, emails: map[string]string{},
		orgs: map[string]int{}, promoted: map[string]int{}}
	return nil
}

// Meeting implements meeting.Store.
func (s *Store) Meeting(_ context.Context, id string) (*meeting.Meeting, meeting.Counters, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.meetingState(id)
	if !ok {
		return nil, meeting.Counters{}, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	return st.m, st.c, nil
}

// Register implements meeting.Store.
func (s *Store) Register(_ context.Context, m *meeting.Meeting, r *meeting.Registration, claim *idempotency.Claim, now time.Time) (*idempotency.Replay, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.meetingState(m.ID)
	if !ok {
		return nil, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	if claim != nil {
		if c, ok := s.claims[claim.KeyHash]; ok {
			return &idempotency.Replay{RequestHash: c.RequestHash, Status: c.Status, Body: c.Body}, nil
		}
	}
	if !now.Before(st.m.RegistrationClosesAt) {
		return nil, apperr.New(apperr.Closed, "registration_closed")
	}
	ek := meeting.EmailKey(r.Email)
	if _, taken := st.emails[ek]; taken {
		return nil, apperr.New(apperr.Conflict, "already_registered")
	}
	ok2 := st.m.MaxPerOrganisation > 0 && r.Organisation != ""
	if ok2 && st.orgs[meeting.OrgKey(r.Organisation)] >= st.m.MaxPerOrganisation {
		return nil, apperr.New(apperr.Conflict, "organisation_limit")
	}
	if st.c.Confirmed < st.m.Capacity && st.c.Waiting == 0 {
		r.Status = meeting.Confirmed
		st.c.Confirmed++
	} else {
		st.seq++
		r.Status, r.WaitlistTicket = meeting.Waitlisted, st.seq
		st.c.Waiting++
	}
	if ok2 {
		st.orgs[meeting.OrgKey(r.Organisation)]++
	}
	cp := *r
	st.regs[r.ID], st.emails[ek], s.tokens[r.TokenHash] = &cp, r.ID, &cp
	st.outbox = append(st.outbox, string(r.Status))
	if claim != nil {
		claim.Body, _ = json.Marshal(meeting.ResultOf(r))
		s.claims[claim.KeyHash] = claim
	}
	return nil, nil
}

// RegistrationByToken implements meeting.Store.
func (s *Store) RegistrationByToken(_ context.Context, hash string) (*meeting.Registration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.meetingState("")
	r, ok := s.tokens[hash]
	if !ok {
		return nil, apperr.New(apperr.NotFound, "registration_not_found")
	}
	cp := *r
	return &cp, nil
}

// WaitlistPosition implements meeting.Store.
func (s *Store) WaitlistPosition(_ context.Context, r *meeting.Registration) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, _ := s.meetingState(r.MeetingID)
	pos := 1
	for _, o := range st.regs {
		if o.Status == meeting.Waitlisted && o.WaitlistTicket < r.WaitlistTicket {
			pos++
		}
	}
	return pos, nil
}

// Cancel implements meeting.Store.
func (s *Store) Cancel(_ context.Context, m *meeting.Meeting, r *meeting.Registration, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, _ := s.meetingState(m.ID)
	cur := st.regs[r.ID]
	if cur == nil || cur.Status == meeting.Cancelled {
		return nil
	}
	was := cur.Status
	cur.Status, cur.UpdatedAt = meeting.Cancelled, now
	delete(st.emails, meeting.EmailKey(cur.Email))
	if st.m.MaxPerOrganisation > 0 && cur.Organisation != "" {
		st.orgs[meeting.OrgKey(cur.Organisation)]--
	}
	st.outbox = append(st.outbox, string(meeting.Cancelled))
	switch was {
	case meeting.Waitlisted:
		st.c.Waiting--
	case meeting.Confirmed:
		var waiting []*meeting.Registration
		for _, o := range st.regs {
			if o.Status == meeting.Waitlisted {
				waiting = append(waiting, o)
			}
		}
		if len(waiting) == 0 {
			st.c.Confirmed--
			break
		}
		sort.Slice(waiting, func(i, j int) bool { return waiting[i].WaitlistTicket < waiting[j].WaitlistTicket })
		waiting[0].Status = meeting.Confirmed
		st.c.Waiting--
		st.promoted[waiting[0].ID]++
		st.outbox = append(st.outbox, "promoted")
	}
	s.tokens[cur.TokenHash] = cur
	return nil
}
