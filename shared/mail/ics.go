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
// event. SEQUENCE is the meeting's: each move raises it, so Outlook and
// Google replace the entry they have; a cancellation is one above. Times
// are written in UTC, which every client converts to its own zone without
// needing a VTIMEZONE.
func Calendar(d Data, organizer, domain string, now time.Time) (method string, body []byte) {
	seq := d.Meeting.Sequence
	switch {
	case d.Kind == outbox.Confirmed || d.Kind == outbox.Promoted,
		d.Kind == outbox.Updated && d.Registration.Status == meeting.Confirmed:
		method = string(ics.MethodRequest)
	case d.Kind == outbox.Cancelled:
		method, seq = string(ics.MethodCancel), seq+1
	default:
		return "", nil
	}
	m, r := d.Meeting, d.Registration
	lang := r.Language
	cal := ics.NewCalendarFor("netzwerk-backend")
	cal.SetMethod(ics.Method(method))
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
	if loc == "" {
		loc = m.Location.OnlineURL
	}
	ev.SetLocation(oneLine(loc))
	if m.Location.OnlineURL != "" {
		ev.SetURL(m.Location.OnlineURL)
	}
	ev.SetOrganizer("mailto:" + organizer)
	ev.AddAttendee("mailto:"+r.Email,
		ics.WithCN(paramSafe(r.Name)), ics.ParticipationRoleReqParticipant, ics.WithRSVP(false))
	if method == string(ics.MethodCancel) {
		ev.SetStatus(ics.ObjectStatusCancelled)
	} else {
		ev.SetStatus(ics.ObjectStatusConfirmed)
	}
	return method, []byte(cal.Serialize())
}

// paramSafe makes a value safe inside an iCalendar parameter: no control
// characters, no double quotes (parameters cannot escape them).
func paramSafe(s string) string {
	return strings.ReplaceAll(oneLine(s), `"`, "'")
}
