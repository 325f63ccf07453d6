// Package meeting is the network-meeting domain: meetings with seats, a
// waitlist, registrations and the emails they cause.
package meeting

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sync"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// Location is where a meeting takes place: an address, an online link, or
// both (hybrid).
type Location struct {
	Name      string `json:"name,omitempty"`
	Address   string `json:"address,omitempty"`
	OnlineURL string `json:"onlineUrl,omitempty"`
}

// Meeting is a network meeting. Counters live beside it in storage.
type Meeting struct {
	ID                   string    `json:"id"`
	Office               string    `json:"office"`
	Title                i18n.Text `json:"title"`
	Description          i18n.Text `json:"description,omitempty"`
	StartsAt             time.Time `json:"startsAt"`
	EndsAt               time.Time `json:"endsAt"`
	TimeZone             string    `json:"timeZone"`
	Location             Location  `json:"location"`
	Capacity             int       `json:"capacity"`
	RegistrationClosesAt time.Time `json:"registrationClosesAt"`
	// MaxPerOrganisation limits live registrations per organisation; 0: none.
	MaxPerOrganisation int       `json:"maxPerOrganisation,omitempty"`
	RetentionDays      int       `json:"retentionDays,omitempty"`
	UpdatedAt          time.Time `json:"updatedAt"`
}

// Counters are a meeting's seat counters, kept atomically by the store.
type Counters struct {
	Confirmed int // seats taken
	Waiting   int // people on the waitlist
}

// DefaultRetention is how long registrations are kept after the meeting.
const DefaultRetention = 365

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,62}$`)

// ValidID reports whether s can be a meeting id.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Validate checks a meeting definition.
func (m *Meeting) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !ValidID(m.ID) {
		bad("meeting id %q: want 2-63 of a-z, 0-9 and -", m.ID)
	}
	if !ValidID(m.Office) {
		bad("meeting %s: office %q invalid", m.ID, m.Office)
	}
	if m.Title[i18n.Default] == "" {
		bad("meeting %s: missing German (de) title", m.ID)
	}
	for _, t := range []i18n.Text{m.Title, m.Description} {
		for lang := range t {
			if !i18n.IsContentLanguage(lang) {
				bad("meeting %s: unknown language %q", m.ID, lang)
			}
		}
	}
	if _, err := LoadZone(m.TimeZone); err != nil || m.TimeZone == "" || m.TimeZone == "Local" {
		bad("meeting %s: time zone %q is not an IANA zone", m.ID, m.TimeZone)
	}
	if m.StartsAt.IsZero() || !m.EndsAt.After(m.StartsAt) {
		bad("meeting %s: endsAt must be after startsAt", m.ID)
	}
	if m.RegistrationClosesAt.IsZero() || m.RegistrationClosesAt.After(m.StartsAt) {
		bad("meeting %s: registrationClosesAt must be set and not after startsAt", m.ID)
	}
	if m.Capacity < 1 || m.Capacity > 10000 {
		bad("meeting %s: capacity %d: want 1-10000", m.ID, m.Capacity)
	}
	if m.MaxPerOrganisation < 0 || m.MaxPerOrganisation > m.Capacity {
		bad("meeting %s: maxPerOrganisation %d: want 0-capacity", m.ID, m.MaxPerOrganisation)
	}
	if m.Location.Address == "" && m.Location.OnlineURL == "" {
		bad("meeting %s: location needs an address or an online link", m.ID)
	}
	if u := m.Location.OnlineURL; u != "" {
		if p, err := url.Parse(u); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			bad("meeting %s: onlineUrl is not an http(s) URL", m.ID)
		}
	}
	if m.RetentionDays < 0 || m.RetentionDays > 3650 {
		bad("meeting %s: retentionDays %d: want 0-3650", m.ID, m.RetentionDays)
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid meeting: %w", errors.Join(errs...))
	}
	return nil
}

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
// container, not per request or mail. The Lambdas that need zones embed
// the zone database (import time/tzdata), as provided.al2023 may lack one.
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

// Status is what a visitor can do.
type Status string

const (
	StatusOpen   Status = "open"   // seats free
	StatusFull   Status = "full"   // registrations go on the waitlist
	StatusClosed Status = "closed" // deadline passed
)

// StatusAt returns the registration status at now.
func (m *Meeting) StatusAt(now time.Time, c Counters) Status {
	switch {
	case !now.Before(m.RegistrationClosesAt):
		return StatusClosed
	case c.Confirmed >= m.Capacity || c.Waiting > 0:
		return StatusFull
	}
	return StatusOpen
}

// Public is GET /meetings/{id}.
type Public struct {
	ID                   string    `json:"id"`
	Language             string    `json:"language"`
	Title                string    `json:"title"`
	Description          string    `json:"description,omitempty"`
	StartsAt             time.Time `json:"startsAt"`
	EndsAt               time.Time `json:"endsAt"`
	TimeZone             string    `json:"timeZone"`
	Location             Location  `json:"location"`
	Capacity             int       `json:"capacity"`
	SeatsLeft            int       `json:"seatsLeft"`
	WaitlistLength       int       `json:"waitlistLength"`
	RegistrationClosesAt time.Time `json:"registrationClosesAt"`
	Status               Status    `json:"status"`
	Invitation           *Prefill  `json:"invitation,omitempty"`
}

// PublicView renders the meeting in lang, times in the meeting's zone.
func (m *Meeting) PublicView(lang string, c Counters, now time.Time) *Public {
	loc := m.Zone()
	left := max(m.Capacity-c.Confirmed, 0)
	return &Public{
		ID: m.ID, Language: lang, Title: m.Title.In(lang), Description: m.Description.In(lang),
		StartsAt: m.StartsAt.In(loc), EndsAt: m.EndsAt.In(loc), TimeZone: m.TimeZone,
		Location: m.Location, Capacity: m.Capacity, SeatsLeft: left, WaitlistLength: c.Waiting,
		RegistrationClosesAt: m.RegistrationClosesAt.In(loc), Status: m.StatusAt(now, c),
	}
}
