// Package org is the office's register of organisations (ORGANISATIONS.md):
// one record per organisation per office, across surveys, invitations,
// meetings and years, with its history and its directory consent.
package org

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/oklog/ulid/v2"

	"golang.org/x/text/unicode/norm"
)

// State of a record.
type State string

const (
	// Active: nothing to fix.
	Active State = "active"
	// ContactBounced: a mail to the contact bounced for good or its owner
	// complained; the console lists the record to fix, reminders skip it.
	ContactBounced State = "contact_bounced"
	// Erased: the whole record was erased on request; only its id and the
	// time stay (the audit trail names it).
	Erased State = "erased"
)

// Retention is how long a record is kept after its last event (an
// invitation, answer, registration, check of its entry or edit): the
// record's TTL, moved on with every event.
const Retention = 3 * 365 * 24 * time.Hour

// Limits of a record's fields (validated on every write path; a longer
// value is an error that names the limit, never cut).
const (
	MaxName  = 200
	MaxText  = 1000
	MaxCodes = 30
)

// Contact is whom the office writes to.
type Contact struct {
	Email    string `json:"email,omitempty"`
	Person   string `json:"person,omitempty"`
	Role     string `json:"role,omitempty"`
	Language string `json:"language,omitempty"`
	// Stale: a mail to Email bounced for good or was marked as spam.
	Stale bool `json:"stale,omitempty"`
}

// Consent is the directory consent: given with the privacy notice's
// version in force, at a time; a withdrawal is a Consent with Publish
// false.
type Consent struct {
	Publish bool      `json:"publish"`
	Notice  string    `json:"notice,omitempty"`
	At      time.Time `json:"at,omitzero"`
	// By says how: "answer" (a survey answer's consent), "entry" (the
	// organisation's check of its entry), "office" (a coordinator's edit
	// recording a consent given on paper).
	By string `json:"by,omitempty"`
}

// EventKind is what happened in a record's history.
type EventKind string

const (
	Invited    EventKind = "invited"
	Answered   EventKind = "answered"
	Registered EventKind = "registered"
	Cancelled  EventKind = "cancelled"
	Attended   EventKind = "attended"
	Bounced    EventKind = "bounced"
	Checked    EventKind = "entry_checked"
	Merged     EventKind = "merged"
	Edited     EventKind = "edited"
)

// Event is one line of a record's history.
type Event struct {
	At   time.Time `json:"at"`
	Kind EventKind `json:"kind"`
	// Target is "survey" or "meeting" (empty for events of the record
	// itself), TargetID its id.
	Target   string `json:"target,omitempty"`
	TargetID string `json:"targetId,omitempty"`
	// Ref is the invitation, answer or registration the event is about.
	Ref string `json:"ref,omitempty"`
}

// Record is one organisation of one office.
type Record struct {
	ID           string   `json:"id"`
	Office       string   `json:"-"`
	Name         string   `json:"name"`
	EarlierNames []string `json:"earlierNames,omitempty"`
	Contact      Contact  `json:"contact"`
	Municipality string   `json:"municipality,omitempty"`
	Website      string   `json:"website,omitempty"`
	// PublicContact is what the organisation itself gave to be shown in
	// the directory (an address, a phone number); the contact person is
	// never shown.
	PublicContact string   `json:"publicContact,omitempty"`
	Fields        []string `json:"fields,omitempty"`
	Languages     []string `json:"languages,omitempty"`
	Offers        []string `json:"offers,omitempty"`
	Seeks         []string `json:"seeks,omitempty"`
	OffersText    string   `json:"offersText,omitempty"`
	SeeksText     string   `json:"seeksText,omitempty"`
	Consent       Consent  `json:"consent"`
	State         State    `json:"state"`
	// Answered is when each survey was last answered; Meetings are the
	// meetings registered for (and not cancelled): the list's figures.
	Answered map[string]time.Time `json:"answered,omitempty"`
	Meetings []string             `json:"meetings,omitempty"`
	// History is filled when a record is read with its history (the
	// store keeps each event as an item of its own).
	History   []Event   `json:"history,omitempty"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	// ExpiresAt is the record's retention (TTL): Retention after its last
	// event.
	ExpiresAt time.Time `json:"expiresAt"`
}

// Published reports whether the record is in the directory.
func (r *Record) Published() bool { return r.State != Erased && r.Consent.Publish }

// Note takes an event of the record's history into the record's own
// figures (the surveys answered, the meetings registered for) and moves
// its retention on. The same event twice changes nothing more.
func (r *Record) Note(e Event) {
	switch e.Kind {
	case Answered:
		if r.Answered == nil {
			r.Answered = map[string]time.Time{}
		}
		if e.At.After(r.Answered[e.TargetID]) {
			r.Answered[e.TargetID] = e.At
		}
	case Registered, Attended:
		if !slices.Contains(r.Meetings, e.TargetID) {
			r.Meetings = append(r.Meetings, e.TargetID)
		}
	case Cancelled:
		r.Meetings = slices.DeleteFunc(r.Meetings, func(id string) bool { return id == e.TargetID })
	}
	r.Touch(e.At)
}

// Touch moves the record's retention on from t.
func (r *Record) Touch(t time.Time) {
	if t.After(r.UpdatedAt) {
		r.UpdatedAt = t
	}
	if exp := t.Add(Retention); exp.After(r.ExpiresAt) {
		r.ExpiresAt = exp
	}
}

// New is a new active record of office named name.
func New(office, name string, now time.Time) *Record {
	r := &Record{ID: strings.ToLower(ulid.Make().String()), Office: office, State: Active, CreatedAt: now}
	r.Rename(name)
	r.Touch(now)
	return r
}

// Link is one organisation to find or make in the register (a line of an
// invitation list): by its address, else by its normalised name, else a
// new record.
type Link struct {
	Name     string
	Email    string
	Language string
}

// Rename sets the name, keeping the old one among the earlier names.
func (r *Record) Rename(name string) {
	name = strings.TrimSpace(name)
	if name == "" || name == r.Name {
		return
	}
	if r.Name != "" && !slices.Contains(r.EarlierNames, r.Name) {
		r.EarlierNames = append(r.EarlierNames, r.Name)
	}
	r.EarlierNames = slices.DeleteFunc(r.EarlierNames, func(n string) bool { return n == name })
	r.Name = name
}

// EraseContact removes the contact person (name, role, address): the
// record keeps the organisation's public facts.
func (r *Record) EraseContact() {
	r.Contact = Contact{Language: r.Contact.Language}
}

// Merge takes from's history, earlier names and facts that r lacks into
// r; from is to be deleted by the caller.
func (r *Record) Merge(from *Record) {
	for _, n := range append([]string{from.Name}, from.EarlierNames...) {
		if n != "" && n != r.Name && !slices.Contains(r.EarlierNames, n) {
			r.EarlierNames = append(r.EarlierNames, n)
		}
	}
	if r.Contact.Email == "" {
		r.Contact = from.Contact
	}
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&r.Municipality, from.Municipality)
	fill(&r.Website, from.Website)
	fill(&r.PublicContact, from.PublicContact)
	fill(&r.OffersText, from.OffersText)
	fill(&r.SeeksText, from.SeeksText)
	r.Fields = union(r.Fields, from.Fields)
	r.Languages = union(r.Languages, from.Languages)
	r.Offers = union(r.Offers, from.Offers)
	r.Seeks = union(r.Seeks, from.Seeks)
	if from.Consent.At.After(r.Consent.At) {
		r.Consent = from.Consent
	}
	for id, at := range from.Answered {
		r.Note(Event{At: at, Kind: Answered, Target: "survey", TargetID: id})
	}
	for _, id := range from.Meetings {
		r.Note(Event{At: r.UpdatedAt, Kind: Registered, Target: "meeting", TargetID: id})
	}
	if r.Contact.Stale || from.State == ContactBounced && r.Contact.Email == from.Contact.Email {
		r.State = ContactBounced
	}
}

func union(a, b []string) []string {
	for _, s := range b {
		if !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

// Summary is what the list, its filters and counts need of a record; the
// store keeps it beside the record so that an office's whole list is one
// read.
type Summary struct {
	ID           string   `json:"i"`
	Name         string   `json:"n"`
	Municipality string   `json:"m,omitempty"`
	Fields       []string `json:"f,omitempty"`
	Languages    []string `json:"l,omitempty"`
	Offers       []string `json:"o,omitempty"`
	Seeks        []string `json:"s,omitempty"`
	State        State    `json:"st,omitempty"`
	Publish      bool     `json:"p,omitempty"`
	HasEmail     bool     `json:"e,omitempty"`
	// LastAnswer is the time of the latest answer (Unix seconds; 0: none).
	LastAnswer int64 `json:"a,omitempty"`
	// Meetings counts the meetings registered for.
	Meetings int `json:"r,omitempty"`
	// Surveys counts the surveys answered.
	Surveys int `json:"sv,omitempty"`
}

// Summary returns the record's summary.
func (r *Record) Summary() Summary {
	s := Summary{ID: r.ID, Name: r.Name, Municipality: r.Municipality, Fields: r.Fields, Languages: r.Languages,
		Offers: r.Offers, Seeks: r.Seeks, State: r.State, Publish: r.Published(), HasEmail: r.Contact.Email != ""}
	for _, at := range r.Answered {
		s.LastAnswer = max(s.LastAnswer, at.Unix())
	}
	s.Meetings, s.Surveys = len(r.Meetings), len(r.Answered)
	return s
}

// Answer filter values.
const (
	AnsweredThisYear    = "yes"
	NotAnsweredThisYear = "no"
)

// Filter selects summaries; its zero value selects all (but erased ones).
type Filter struct {
	Q            string // part of the name (or an earlier one), normalised
	Field        string
	Municipality string
	Language     string
	Offer        string
	Seek         string
	Answered     string // AnsweredThisYear, NotAnsweredThisYear or ""
	Met          bool   // registered for a meeting at least once
	Bounced      bool   // contact bounced
	Directory    bool   // in the directory
}

// Match reports whether s passes f; now gives "this year" (in Berlin's
// calendar year, approximated by UTC: a day's difference at New Year).
func (f *Filter) Match(s *Summary, now time.Time) bool {
	if s.State == Erased {
		return false
	}
	if f.Q != "" && !strings.Contains(Normalise(s.Name), Normalise(f.Q)) {
		return false
	}
	if f.Field != "" && !slices.Contains(s.Fields, f.Field) ||
		f.Language != "" && !slices.Contains(s.Languages, f.Language) ||
		f.Offer != "" && !slices.Contains(s.Offers, f.Offer) ||
		f.Seek != "" && !slices.Contains(s.Seeks, f.Seek) {
		return false
	}
	if f.Municipality != "" && Normalise(s.Municipality) != Normalise(f.Municipality) {
		return false
	}
	if f.Answered != "" {
		this := s.LastAnswer != 0 && time.Unix(s.LastAnswer, 0).UTC().Year() == now.UTC().Year()
		if this != (f.Answered == AnsweredThisYear) {
			return false
		}
	}
	return (!f.Met || s.Meetings > 0) && (!f.Bounced || s.State == ContactBounced) && (!f.Directory || s.Publish)
}

// legalForms are the words of legal forms that do not tell organisations
// apart: "Deutsch-Türkischer Kulturverein e.V." and "Deutsch-Türkischer
// Kulturverein" are one organisation.
var legalForms = map[string]bool{"ev": true, "e": true, "v": true, "gev": true, "ggmbh": true, "gmbh": true,
	"gug": true, "mbh": true, "verein": false}

// Normalise is a name's form for matching: Unicode NFKC, lower case,
// letters and digits only, legal forms ("e.V.", "gGmbH") left out, one
// space between words. Two names with the same form are taken for the
// same organisation when an upload has no address that is known.
func Normalise(name string) string {
	name = norm.NFKC.String(name)
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(unicode.ToLower(r))
		case r == '.' || r == '\'' || r == '’':
			// "e.V." is one word.
		default:
			flush()
		}
	}
	flush()
	out := words[:0]
	for _, w := range words {
		if !legalForms[w] {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		out = words
	}
	return strings.Join(out, " ")
}
