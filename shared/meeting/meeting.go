// Package meeting is the network-meeting domain: meetings with seats, a
// waitlist, registrations and the emails they cause.
package meeting

import (
	"net/url"
	"sync"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/notice"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// Location is where a meeting takes place: an address, an online link, or
// both (hybrid).
type Location struct {
	Name      string `json:"name,omitempty"`
	Address   string `json:"address,omitempty"`
	OnlineURL string `json:"onlineUrl,omitempty"`
}

// Settings are what coordinators set for a meeting: the body of POST and
// PUT /admin/meetings. The office, the sequence and the time of change are
// the service's; the id too, but for a requested slug on create.
type Settings struct {
	ID                   string    `json:"id"`
	Title                i18n.Text `json:"title"`
	Description          i18n.Text `json:"description,omitempty"`
	StartsAt             time.Time `json:"startsAt"`
	EndsAt               time.Time `json:"endsAt"`
	TimeZone             string    `json:"timeZone"`
	Location             Location  `json:"location"`
	Capacity             int       `json:"capacity"`
	RegistrationClosesAt time.Time `json:"registrationClosesAt"`
	// MaxPerOrganisation limits live registrations per organisation; 0: none.
	MaxPerOrganisation int `json:"maxPerOrganisation,omitempty"`
	// MaxWaitlist bounds the waitlist; 0: twice the capacity.
	MaxWaitlist   int `json:"maxWaitlist,omitempty"`
	RetentionDays int `json:"retentionDays,omitempty"`
	// InvitationOnly: only people with a personal invitation to the
	// meeting may register (its public page shows no form without one).
	InvitationOnly bool `json:"invitationOnly,omitempty"`
	// PrivacyNotice is what the registration form's consent refers to.
	PrivacyNotice *notice.Notice `json:"privacyNotice,omitempty"`
	// RemindAfterDays plans reminders to invitees who have not
	// registered: that many days after their invitation, each once
	// (invitation.CheckPlan), until registration closes.
	RemindAfterDays []int `json:"remindAfterDays,omitempty"`
	// Topics are what the meeting is about (its page lists them; the
	// registration form asks which matter, optionally).
	Topics []Topic `json:"topics,omitempty"`
}

// Meeting is a network meeting. Counters live beside it in storage.
type Meeting struct {
	Settings
	Office string `json:"office"`
	// Sequence counts changes of time or place: calendar entries carry it
	// (iCalendar SEQUENCE), so calendars update the entry they have.
	Sequence  int       `json:"sequence"`
	UpdatedAt time.Time `json:"updatedAt"`
	// Version is the store's count of definition writes (optimistic
	// locking); it is kept beside the definition, not in it.
	Version int `json:"-"`
	// CancelledAt: the office cancelled the meeting as a whole (it takes
	// no registrations from then on; its people were told).
	CancelledAt *time.Time `json:"cancelledAt,omitempty"`
	// Before is what the last move changed from (the move's mails say
	// "before → now").
	Before *Before `json:"before,omitempty"`
	// Draft: made in the console (from a need) and not public yet: its
	// page and GET /meetings/{id} are not found, its invitations wait as
	// planned, until the coordinator publishes it.
	Draft bool `json:"draft,omitempty"`
}

// Before is a meeting's time, zone, place and title before a move, with
// the sequence the move gave it.
type Before struct {
	Sequence int       `json:"sequence"`
	StartsAt time.Time `json:"startsAt"`
	EndsAt   time.Time `json:"endsAt"`
	TimeZone string    `json:"timeZone"`
	Location Location  `json:"location"`
	Title    i18n.Text `json:"title"`
}

// BeforeOf is what m shows in a calendar, for the move to sequence seq.
func BeforeOf(m *Meeting, seq int) *Before {
	return &Before{Sequence: seq, StartsAt: m.StartsAt, EndsAt: m.EndsAt, TimeZone: m.TimeZone, Location: m.Location, Title: m.Title}
}

// Cancelled reports whether the office cancelled the meeting.
func (m *Meeting) Cancelled() bool { return m.CancelledAt != nil }

// Meeting makes the meeting that settings describe, with id, for office.
func (s Settings) Meeting(id, office string, now time.Time) *Meeting {
	s.ID = id
	return &Meeting{Settings: s, Office: office, UpdatedAt: now.UTC()}
}

// Moved reports whether m differs from old in what a calendar entry
// shows: time, zone or place.
func (m *Meeting) Moved(old *Meeting) bool {
	return !m.StartsAt.Equal(old.StartsAt) || !m.EndsAt.Equal(old.EndsAt) || m.TimeZone != old.TimeZone ||
		m.Location != old.Location || m.Title[i18n.Default] != old.Title[i18n.Default]
}

// Counters are a meeting's seat counters, kept atomically by the store.
type Counters struct {
	Confirmed int // seats taken
	Waiting   int // people on the waitlist
}

// DefaultRetention is how long registrations are kept after the meeting.
const DefaultRetention = 365

// ValidID reports whether s can be a meeting id.
func ValidID(s string) bool { return validation.ValidID(s) }

// ValidateMeeting checks a meeting definition and returns every problem at
// once, as field errors in lang.
func ValidateMeeting(m *Meeting, lang string) error {
	f := validation.NewFields(lang)
	validation.CheckHead(f, m.ID, m.Office, m.Title, m.Description)
	if _, err := LoadZone(m.TimeZone); err != nil || m.TimeZone == "" || m.TimeZone == "Local" {
		f.Add("timeZone", "time_zone", "def_zone")
	}
	switch {
	case m.StartsAt.IsZero():
		f.Add("startsAt", "required", "def_required")
	case !m.EndsAt.After(m.StartsAt):
		f.Add("endsAt", "after", "def_ends_before")
	}
	switch {
	case m.RegistrationClosesAt.IsZero():
		f.Add("registrationClosesAt", "required", "def_required")
	case m.RegistrationClosesAt.After(m.StartsAt):
		f.Add("registrationClosesAt", "before", "def_closes_after")
	}
	if m.Capacity < 1 || m.Capacity > MaxCapacity {
		f.Add("capacity", "range", "def_between", 1, MaxCapacity)
	}
	if most := min(MaxWaitlistFactor*max(m.Capacity, 1), MaxWaitlistPlaces); m.MaxWaitlist < 0 || m.MaxWaitlist > most {
		f.Add("maxWaitlist", "range", "def_between", 0, most)
	}
	if m.MaxPerOrganisation < 0 || m.MaxPerOrganisation > max(m.Capacity, 0) {
		f.Add("maxPerOrganisation", "range", "def_between", 0, max(m.Capacity, 0))
	}
	if m.Location.Address == "" && m.Location.OnlineURL == "" && !m.Draft {
		f.Add("location", "required", "def_location")
	}
	if u := m.Location.OnlineURL; u != "" {
		if p, err := url.Parse(u); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			f.Add("location.onlineUrl", "http_url", "def_url")
		}
	}
	if m.RetentionDays < 0 || m.RetentionDays > MaxRetentionDays {
		f.Add("retentionDays", "range", "def_between", 0, MaxRetentionDays)
	}
	notice.Check(m.PrivacyNotice, f, "privacyNotice")
	invitation.CheckPlan(f, "remindAfterDays", m.RemindAfterDays)
	checkTopics(f, m.Topics)
	return f.Err()
}

// Limits of a meeting definition.
const (
	MaxCapacity      = 10000
	MaxRetentionDays = 3650
)

// ExpiresAt returns when registrations of this meeting expire.
func (m *Meeting) ExpiresAt() time.Time {
	days := m.RetentionDays
	if days <= 0 {
		days = DefaultRetention
	}
	return m.EndsAt.Add(time.Duration(days) * 24 * time.Hour)
}

// Zone returns the meeting's time zone (UTC if unknown).
func (m *Meeting) Zone() *time.Location {
	if loc, err := LoadZone(m.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

var zones sync.Map // name → *time.Location

// LoadZone is time.LoadLocation with a cache: zones are read once per
// container, not per request or mail. The zones come from the system's
// database, which the functions that need it check at start
// (app.CheckZones; the meeting function once its start is over,
// app.CheckZonesLater).
func LoadZone(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, loc)
	return loc, nil
}

// MaxWaitlistFactor bounds a meeting's MaxWaitlist: at most this many
// times its capacity, and never more than MaxWaitlistPlaces (the store
// keeps a waitlist's line in one item).
const (
	MaxWaitlistFactor = 10
	MaxWaitlistPlaces = 10000
)

// WaitlistLimit is the most places m's waitlist has.
func (m *Meeting) WaitlistLimit() int {
	if m.MaxWaitlist > 0 {
		return min(m.MaxWaitlist, MaxWaitlistPlaces)
	}
	return min(2*m.Capacity, MaxWaitlistPlaces)
}

// Status is what a visitor can do.
type Status string

const (
	StatusOpen   Status = "open"   // seats free
	StatusFull   Status = "full"   // registrations go on the waitlist
	StatusClosed Status = "closed" // deadline passed
	// StatusCancelled: the office cancelled the meeting.
	StatusCancelled Status = "cancelled"
)

// StatusAt returns the registration status at now.
func (m *Meeting) StatusAt(now time.Time, c Counters) Status {
	switch {
	case m.CancelledAt != nil:
		return StatusCancelled
	case !now.Before(m.RegistrationClosesAt):
		return StatusClosed
	case c.Confirmed >= m.Capacity || c.Waiting > 0:
		return StatusFull
	}
	return StatusOpen
}

// Public is GET /meetings/{id}.
type Public struct {
	ID          string `json:"id"`
	Language    string `json:"language"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// TitleLang and DescriptionLang are the texts' own languages: German
	// where the meeting lacks Language (pages mark such text).
	TitleLang       string `json:"-"`
	DescriptionLang string `json:"-"`
	// Office is the office that holds the meeting (the pages' header).
	Office   string    `json:"-"`
	StartsAt time.Time `json:"startsAt"`
	EndsAt   time.Time `json:"endsAt"`
	TimeZone string    `json:"timeZone"`
	Location Location  `json:"location"`
	// Online: the meeting has an online link, which only those with a
	// seat see (the public view leaves Location.OnlineURL empty).
	Online               bool      `json:"online,omitempty"`
	Capacity             int       `json:"capacity"`
	SeatsLeft            int       `json:"seatsLeft"`
	WaitlistLength       int       `json:"waitlistLength"`
	RegistrationClosesAt time.Time `json:"registrationClosesAt"`
	Status               Status    `json:"status"`
	// WaitlistFull: no seat and no place on the waitlist left (status full).
	WaitlistFull bool `json:"waitlistFull"`
	// InvitationOnly: registration only through a personal invitation.
	InvitationOnly bool     `json:"invitationOnly"`
	Invitation     *Prefill `json:"invitation,omitempty"`
	// PrivacyNotice is what the consent refers to (when the meeting names one).
	PrivacyNotice *notice.Notice `json:"privacyNotice,omitempty"`
	Topics        []PublicTopic  `json:"topics,omitempty"`
	// Profile is the office's profile (pages: its name, its legal pages;
	// the consent's notice when the meeting names none), nil without one.
	Profile *office.Profile `json:"-"`
}

// PublicView renders the meeting in lang, times in the meeting's zone.
func (m *Meeting) PublicView(lang string, c Counters, now time.Time) *Public {
	loc := m.Zone()
	left := max(m.Capacity-c.Confirmed, 0)
	_, titleLang := m.Title.Lang(lang)
	_, descLang := m.Description.Lang(lang)
	return &Public{TitleLang: titleLang, DescriptionLang: descLang, Office: m.Office,
		ID: m.ID, Language: lang, Title: m.Title.In(lang), Description: m.Description.In(lang),
		StartsAt: m.StartsAt.In(loc), EndsAt: m.EndsAt.In(loc), TimeZone: m.TimeZone,
		Location: m.Location, Capacity: m.Capacity, SeatsLeft: left, WaitlistLength: c.Waiting,
		RegistrationClosesAt: m.RegistrationClosesAt.In(loc), Status: m.StatusAt(now, c),
		WaitlistFull: left == 0 && c.Waiting >= m.WaitlistLimit(), PrivacyNotice: m.PrivacyNotice, InvitationOnly: m.InvitationOnly,
		Topics: publicTopics(m.Topics, lang),
	}
}
