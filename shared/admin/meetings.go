package admin

import (
	"context"
	"io"
	"slices"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/audit"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/export"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
)

// MeetingView is a meeting with its seat counts.
type MeetingView struct {
	*meeting.Meeting
	// Version counts the definition's writes.
	Version   int `json:"version"`
	Confirmed int `json:"confirmed"`
	Waiting   int `json:"waiting"`
	SeatsLeft int `json:"seatsLeft"`
}

func view(m *meeting.Meeting, c meeting.Counters) MeetingView {
	return MeetingView{Meeting: m, Version: m.Version, Confirmed: c.Confirmed, Waiting: c.Waiting, SeatsLeft: max(m.Capacity-c.Confirmed, 0)}
}

// Meetings lists the office's meetings.
func (s *Service) Meetings(ctx context.Context, c *auth.Coordinator) ([]MeetingView, error) {
	ms, cs, err := s.store.Meetings(ctx, c.Office)
	if err != nil {
		return nil, err
	}
	out := make([]MeetingView, len(ms))
	for i := range ms {
		out[i] = view(ms[i], cs[i])
	}
	return out, nil
}

// Meeting returns one of the office's meetings.
func (s *Service) Meeting(ctx context.Context, c *auth.Coordinator, id string) (*MeetingView, error) {
	if !meeting.ValidID(id) {
		return nil, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	m, cnt, err := s.store.Meeting(ctx, id)
	if err != nil {
		return nil, err
	}
	if m.Office != c.Office {
		return nil, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	v := view(m, cnt)
	return &v, nil
}

// CreateMeeting validates a meeting and stores it for the office.
func (s *Service) CreateMeeting(ctx context.Context, c *auth.Coordinator, settings meeting.Settings, lang string) (*MeetingView, error) {
	id, err := newID(c.Office, settings.ID, lang)
	if err != nil {
		return nil, err
	}
	m := settings.Meeting(id, c.Office, s.now())
	if err := checkAndSave(meeting.ValidateMeeting(m, lang), func() error {
		if err := s.goLive(ctx, c); err != nil {
			return err
		}
		return s.store.CreateMeeting(ctx, m)
	}); err != nil {
		return nil, err
	}
	return s.Meeting(ctx, c, id)
}

// UpdateMeeting validates and replaces a meeting's definition. The store's
// conditional write checks the office, the seats and that nobody changed
// the meeting since it was read here. Lowering the capacity below the
// confirmed seats is a conflict; raising it gives the new seats to the
// waitlist. A new time or place raises the meeting's sequence, moves the
// expiry of all its items and mails every live registrant (Reschedule);
// a fan-out that failed half-way is finished by the next update.
func (s *Service) UpdateMeeting(ctx context.Context, c *auth.Coordinator, id string, settings meeting.Settings, lang string) (*MeetingView, error) {
	old, err := s.Meeting(ctx, c, id)
	if err != nil {
		return nil, err
	}
	m := settings.Meeting(id, c.Office, s.now())
	m.Draft = old.Draft // a draft's place may wait until it is published
	if err := meeting.ValidateMeeting(m, lang); err != nil {
		return nil, err
	}
	if old.Cancelled() {
		return nil, apperr.New(apperr.Conflict, "meeting_cancelled")
	}
	if err := s.goLive(ctx, c); err != nil {
		return nil, err
	}
	m.Sequence, m.Version, m.Before = old.Sequence, old.Version, old.Before
	if m.Moved(old.Meeting) || !m.ExpiresAt().Equal(old.ExpiresAt()) {
		m.Sequence++
	}
	if m.Moved(old.Meeting) {
		m.Before = meeting.BeforeOf(old.Meeting, m.Sequence)
	}
	pending, err := s.store.UpdateMeeting(ctx, m)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if pending {
		if err := s.store.Reschedule(ctx, m, now); err != nil {
			return nil, err
		}
	}
	if _, err := s.store.FillFreeSeats(ctx, m, now); err != nil {
		return nil, err
	}
	if err := s.replan(ctx, invitation.Meeting, id, targetInfo{plan: old.RemindAfterDays, until: old.RegistrationClosesAt},
		targetInfo{plan: m.RemindAfterDays, until: m.RegistrationClosesAt}); err != nil {
		return nil, err
	}
	return s.Meeting(ctx, c, id)
}

// Registrations returns a page of a meeting's registrations.
func (s *Service) Registrations(ctx context.Context, c *auth.Coordinator, id, cursor string, limit int) (*Page[meeting.View], error) {
	if _, err := s.Meeting(ctx, c, id); err != nil {
		return nil, err
	}
	rs, next, err := s.store.RegistrationsPage(ctx, id, cursor, pageSize(limit))
	if err != nil {
		return nil, err
	}
	order, err := s.store.WaitlistOrder(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &Page[meeting.View]{Items: make([]meeting.View, len(rs)), NextCursor: next}
	for i, r := range rs {
		p.Items[i] = meeting.ViewOf(r, order[r.ID], s.Zone)
	}
	return p, nil
}

// ExportRegistrations writes a meeting's registrations as CSV or XLSX to w.
func (s *Service) ExportRegistrations(ctx context.Context, c *auth.Coordinator, id string, o export.Options, w io.Writer) error {
	mv, err := s.Meeting(ctx, c, id)
	if err != nil {
		return err
	}
	o.Zone = mv.Zone()
	order, err := s.store.WaitlistOrder(ctx, id)
	if err != nil {
		return err
	}
	return export.Table(w, o, i18n.T(o.Lang, "export.sheet_registrations"), export.RegistrationHeader,
		func(fn func([]*meeting.Registration) error) error { return s.store.EachRegistration(ctx, id, fn) },
		func(row []export.Cell, r *meeting.Registration, o export.Options) []export.Cell {
			return export.RegistrationRow(row, mv.Meeting, r, order[r.ID], o)
		})
}

// EraseRegistration erases the personal data of one registration of the
// coordinator's office at its person's request (name, email,
// organisation, role, needs), cancelling it while the meeting has not
// begun, and records the coordinator in the audit trail.
func (s *Service) EraseRegistration(ctx context.Context, c *auth.Coordinator, meetingID, id string) error {
	if !meeting.ValidID(meetingID) {
		return apperr.New(apperr.NotFound, "meeting_not_found")
	}
	m, _, err := s.store.Meeting(ctx, meetingID)
	if err != nil {
		return err
	}
	if m.Office != c.Office {
		return apperr.New(apperr.NotFound, "meeting_not_found")
	}
	r, err := s.store.Registration(ctx, meetingID, id)
	if err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			return apperr.New(apperr.NotFound, "registration_not_found")
		}
		return err
	}
	now := s.now()
	erase := &meeting.Erasure{Actor: "coordinator:" + c.Subject, KeepStatus: !now.Before(m.StartsAt) || m.Cancelled()}
	return s.store.Cancel(ctx, m, r, erase, now)
}

// AuditLimit is the most audit entries one request lists.
const AuditLimit = 500

// AuditDay reads a day of an audit filter (YYYY-MM-DD) in the offices'
// zone: its start; false when it is no day.
func (s *Service) AuditDay(day string) (time.Time, bool) {
	t, err := time.ParseInLocation(time.DateOnly, day, s.Zone)
	return t, err == nil && len(day) == len(time.DateOnly)
}

// AuditFilter reads an audit filter as the API and the console take it:
// a kind, and the first and last day (YYYY-MM-DD, both included, in the
// offices' zone; empty: open). A day that is no day is a 400.
func (s *Service) AuditFilter(kind, from, to string) (audit.Filter, error) {
	f := audit.Filter{Kind: kind}
	for _, d := range []struct {
		day  string
		into *time.Time
		next bool
	}{{from, &f.From, false}, {to, &f.To, true}} {
		if d.day == "" {
			continue
		}
		t, ok := s.AuditDay(d.day)
		if !ok {
			return f, apperr.New(apperr.BadRequest, "bad_audit_date")
		}
		if d.next {
			t = t.AddDate(0, 0, 1) // the last day is included
		}
		*d.into = t
	}
	return f, nil
}

// AuditPage lists a page of the erasures of the coordinator's office that
// f lets through, newest first (limit 1 to AuditLimit), after cursor. An
// unknown kind or a range that ends before it starts is a 400.
func (s *Service) AuditPage(ctx context.Context, c *auth.Coordinator, f audit.Filter, cursor string, limit int) (*Page[audit.Entry], error) {
	if f.Kind != "" && !slices.Contains(audit.Kinds, f.Kind) {
		return nil, apperr.New(apperr.BadRequest, "bad_audit_kind")
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return nil, apperr.New(apperr.BadRequest, "bad_audit_range")
	}
	if limit <= 0 || limit > AuditLimit {
		limit = AuditLimit
	}
	items, next, err := s.store.AuditPage(ctx, c.Office, f, cursor, limit)
	if err != nil {
		return nil, err
	}
	if items == nil {
		items = []audit.Entry{}
	}
	return &Page[audit.Entry]{Items: items, NextCursor: next}, nil
}
