package mail

import (
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// Calendar returns the iCalendar attachment for a mail kind, or nil when the
// kind carries none: REQUEST for a seat (confirmed, promoted, and a moved
// meeting for those with a seat), CANCEL for a cancellation, with one
// stable UID per registration so that calendars update or remove the same
// event (a cancelled meeting: CANCEL to everyone told). SEQUENCE is the
// meeting's: each move raises it, so Outlook and Google replace the entry
// they have; a cancellation is one above. Times
// are written in UTC, which every client converts to its own zone without
// needing a VTIMEZONE.
func Calendar(d Data, organizer, domain string, now time.Time) (method string, body []byte) {
	seq := d.Meeting.Sequence
	switch {
	case seatHolder(d):
		method = string(ics.MethodRequest)
	case d.Kind == outbox.Cancelled, d.Kind == outbox.MeetingCancelled:
		// One above every entry the person had: calendars remove it.
		method, seq = string(ics.MethodCancel), seq+1
	default:
		return "", nil
	}
	cal, ev := event(d, ics.Method(method), seq, organizer, domain, now, method == string(ics.MethodRequest))
	// The library writes parameter values with backslash escapes, which
	// RFC 5545 does not have: the attendee's line is written here, its
	// name a quoted parameter value.
	ev.Properties = append(ev.Properties, ics.IANAProperty{BaseProperty: ics.BaseProperty{
		IANAToken: string(ics.ComponentPropertyAttendee) + `;CN="` + paramSafe(d.Registration.Name) + `";ROLE=REQ-PARTICIPANT;RSVP=FALSE`,
		Value:     "mailto:" + d.Registration.Email, ICalParameters: map[string][]string{}}})
	return method, serialize(cal)
}

// AddToCalendar is the entry the registration's page offers to download
// ("add to calendar"): PUBLISH, the same UID and SEQUENCE as the mails',
// without the person (PUBLISH has no attendee) and with the online link
// only while the registration holds a seat; a cancelled one is CANCELLED.
func AddToCalendar(d Data, organizer, domain string, now time.Time) []byte {
	seq, seat := d.Meeting.Sequence, d.Registration.Status == meeting.Confirmed
	if d.Registration.Status == meeting.Cancelled {
		seq++
	}
	cal, ev := event(d, ics.MethodPublish, seq, organizer, domain, now, seat)
	if !seat {
		ev.SetStatus(ics.ObjectStatusCancelled)
	}
	return serialize(cal)
}

// seatHolder: a mail to someone with a seat.
func seatHolder(d Data) bool {
	return d.Kind == outbox.Confirmed || d.Kind == outbox.Promoted ||
		d.Kind == outbox.Updated && d.Registration.Status == meeting.Confirmed
}

// event is the meeting as a calendar's event, the online link only for
// someone with a seat.
func event(d Data, method ics.Method, seq int, organizer, domain string, now time.Time, seat bool) (*ics.Calendar, *ics.VEvent) {
	m, r := d.Meeting, d.Registration
	lang := r.Language
	cal := ics.NewCalendarFor("netzwerk-backend")
	cal.SetMethod(method)
	ev := cal.AddEvent(r.ID + "@" + domain)
	ev.SetDtStampTime(now)
	ev.SetSequence(seq)
	ev.SetStartAt(m.StartsAt)
	ev.SetEndAt(m.EndsAt)
	ev.SetSummary(oneLine(m.Title.In(lang)))
	if desc := m.Description.In(lang); desc != "" {
		ev.SetDescription(desc)
	}
	loc := strings.TrimSpace(strings.Trim(m.Location.Name+", "+m.Location.Address, ", "))
	if loc == "" && seat {
		loc = m.Location.OnlineURL
	}
	if loc != "" {
		ev.SetLocation(oneLine(loc))
	}
	if m.Location.OnlineURL != "" && seat {
		ev.SetURL(m.Location.OnlineURL)
	}
	if name := d.Office.Profile.NameIn(lang); name != "" {
		// The office by name, written here for the same reason as the
		// attendee (a quoted parameter value).
		ev.Properties = append(ev.Properties, ics.IANAProperty{BaseProperty: ics.BaseProperty{
			IANAToken: string(ics.ComponentPropertyOrganizer) + `;CN="` + paramSafe(name) + `"`,
			Value:     "mailto:" + organizer, ICalParameters: map[string][]string{}}})
	} else {
		ev.SetOrganizer("mailto:" + organizer)
	}
	if method == ics.MethodCancel {
		ev.SetStatus(ics.ObjectStatusCancelled)
	} else {
		ev.SetStatus(ics.ObjectStatusConfirmed)
	}
	return cal, ev
}

// serialize writes a calendar with CRLF line ends (RFC 5545 3.1).
func serialize(cal *ics.Calendar) []byte {
	return []byte(cal.Serialize(ics.WithNewLineWindows))
}

// paramSafe makes a value safe inside a quoted iCalendar parameter: no
// control characters, no double quotes (parameters cannot escape them).
func paramSafe(s string) string {
	return strings.ReplaceAll(oneLine(s), `"`, "'")
}
