package mail

import (
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// Calendar returns the iCalendar attachment for a mail kind, or nil when the
// kind carries none: REQUEST for a seat (confirmed, promoted), CANCEL for a
// cancellation, with one stable UID per registration so that calendars
// update or remove the same event. Times are written in UTC, which every
// client converts to its own zone without needing a VTIMEZONE.
func Calendar(d Data, organizer, domain string, now time.Time) (method string, body []byte) {
	var seq int
	switch d.Kind {
	case KindConfirmed, KindPromoted:
		method = string(ics.MethodRequest)
	case KindCancelled:
		method, seq = string(ics.MethodCancel), 1
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
