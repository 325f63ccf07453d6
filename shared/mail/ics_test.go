package mail_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	imail "github.com/integration-offices/netzwerk-backend/shared/mail"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// rfc5545Lines checks what RFC 5545 asks of every content line: CRLF at
// its end (no bare LF), at most 75 octets.
func rfc5545Lines(t *testing.T, what string, body []byte) {
	t.Helper()
	if !bytes.HasSuffix(body, []byte("\r\n")) {
		t.Errorf("%s: does not end in CRLF", what)
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(body), "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("%s: line %d holds a bare CR or LF: %q", what, i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("%s: line %d has %d octets: %q", what, i+1, len(line), line)
		}
	}
}

// TestCalendarMailFollowsRFC5545: the mails' invitation has CRLF line
// ends and the attendee's name as a quoted parameter (a comma or colon
// in a name cannot end it; a double quote, which no parameter can hold,
// becomes a single one).
func TestCalendarMailFollowsRFC5545(t *testing.T) {
	for _, kind := range []outbox.Kind{outbox.Confirmed, outbox.Cancelled} {
		d := data(kind, "de", `Yılmaz, Ayşe "Ay": Vorsitzende; Kulturverein Straße`)
		method, body := imail.Calendar(d, "netzwerk@integration.example", "integration.example", time.Now())
		rfc5545Lines(t, method, body)
		unfolded := strings.ReplaceAll(string(body), "\r\n ", "")
		if !strings.Contains(unfolded, `CN="Yılmaz, Ayşe 'Ay': Vorsitzende; Kulturverein Straße"`) {
			t.Errorf("%s: CN not quoted as written:\n%s", method, body)
		}
		cal, err := ics.ParseCalendar(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("%s: unparsable: %v\n%s", method, err, body)
		}
		att := cal.Events()[0].Attendees()
		if len(att) != 1 || att[0].Email() != "ayse@verein.example" {
			t.Errorf("%s: attendees %v", method, att)
		}
	}
}

// TestAddToCalendarIsPublishWithoutPersonalData: the manage page's
// download is an entry to add (PUBLISH), with no attendee: no name, no
// address; the online link only while the person holds a seat.
func TestAddToCalendarIsPublishWithoutPersonalData(t *testing.T) {
	for _, status := range []meeting.RegStatus{meeting.Confirmed, meeting.Cancelled} {
		d := data(outbox.Confirmed, "de", "Ayşe Yılmaz")
		d.Registration.Status = status
		body := imail.AddToCalendar(d, "netzwerk@integration.example", "integration.example", time.Now())
		rfc5545Lines(t, string(status), body)
		s := string(body)
		if !strings.Contains(s, "METHOD:PUBLISH\r\n") || strings.Contains(s, "ATTENDEE") || strings.Contains(s, "Ayşe") || strings.Contains(s, "ayse@") {
			t.Errorf("%s: not a PUBLISH without the person:\n%s", status, s)
		}
		if online := strings.Contains(strings.ReplaceAll(s, "\r\n ", ""), "meet.example"); online != (status == meeting.Confirmed) {
			t.Errorf("%s: online link shown = %v", status, online)
		}
		wantStatus := map[meeting.RegStatus]string{meeting.Confirmed: "STATUS:CONFIRMED", meeting.Cancelled: "STATUS:CANCELLED"}[status]
		if !strings.Contains(s, wantStatus) {
			t.Errorf("%s: lacks %s", status, wantStatus)
		}
		if _, err := ics.ParseCalendar(bytes.NewReader(body)); err != nil {
			t.Errorf("%s: unparsable: %v", status, err)
		}
	}
}

// TestOnlineLinkOnlyToSeatHolders: the meeting's online link is in the
// mails of those with a seat, not in waitlist, cancellation or invitation
// mails, nor in a cancellation's calendar entry.
func TestOnlineLinkOnlyToSeatHolders(t *testing.T) {
	for _, tt := range []struct {
		kind   outbox.Kind
		status meeting.RegStatus
		want   bool
	}{
		{outbox.Confirmed, meeting.Confirmed, true},
		{outbox.Promoted, meeting.Confirmed, true},
		{outbox.Updated, meeting.Confirmed, true},
		{outbox.Waitlisted, meeting.Waitlisted, false},
		{outbox.Updated, meeting.Waitlisted, false},
		{outbox.Cancelled, meeting.Cancelled, false},
	} {
		d := data(tt.kind, "de", "Ayşe")
		d.Registration.Status = tt.status
		r, err := imail.Render(d)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(r.Text+r.HTML, "meet.example"); got != tt.want {
			t.Errorf("%s/%s mail: online link = %v, want %v", tt.kind, tt.status, got, tt.want)
		}
		if _, cal := imail.Calendar(d, "n@integration.example", "integration.example", time.Now()); cal != nil {
			if got := strings.Contains(strings.ReplaceAll(string(cal), "\r\n ", ""), "meet.example"); got != tt.want {
				t.Errorf("%s/%s calendar: online link = %v, want %v", tt.kind, tt.status, got, tt.want)
			}
		}
	}
	d := data(outbox.Confirmed, "de", "x")
	inv, err := imail.RenderInvitation(imail.Invitation{Kind: outbox.Invitation, Language: "de", Organisation: "Verein",
		Title: d.Meeting.Title, Meeting: d.Meeting, URL: "https://integration.example/m/m1?invitation=T"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(inv.Text+inv.HTML, "meet.example") {
		t.Error("the invitation mail shows the online link")
	}
}

// TestInvitationNamesTheDeadline: a survey's invitation and reminder say
// until when to answer (in the office's zone), a meeting's until when to
// register (in the meeting's).
func TestInvitationNamesTheDeadline(t *testing.T) {
	closes := time.Date(2027, 6, 30, 21, 59, 0, 0, time.UTC) // 23:59 in Berlin
	d := data(outbox.Confirmed, "de", "x")
	d.Meeting.RegistrationClosesAt = time.Date(2027, 3, 11, 11, 0, 0, 0, time.UTC) // 12:00 in Berlin
	for _, tt := range []struct {
		inv  imail.Invitation
		want string
	}{
		{imail.Invitation{Kind: outbox.Invitation, Language: "de", Title: d.Meeting.Title, ClosesAt: &closes}, "Bitte antworten Sie bis Mittwoch, 30. Juni 2027, 23:59 Uhr."},
		{imail.Invitation{Kind: outbox.Reminder, Language: "en", Title: d.Meeting.Title, ClosesAt: &closes}, "Please answer by Wednesday, 30 June 2027, 23:59."},
		{imail.Invitation{Kind: outbox.Invitation, Language: "de", Title: d.Meeting.Title, Meeting: d.Meeting}, "Anmeldung bis Donnerstag, 11. März 2027, 12:00 Uhr."},
	} {
		tt.inv.Organisation, tt.inv.URL = "Verein", "https://integration.example/x"
		r, err := imail.RenderInvitation(tt.inv)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(r.Text, tt.want) || !strings.Contains(r.HTML, tt.want) {
			t.Errorf("%s %s: no %q in\n%s", tt.inv.Kind, tt.inv.Language, tt.want, r.Text)
		}
	}
	// No end: no sentence about one.
	r, _ := imail.RenderInvitation(imail.Invitation{Kind: outbox.Invitation, Language: "de", Title: d.Meeting.Title, Organisation: "V", URL: "https://x.example"})
	if strings.Contains(r.Text, "Bitte antworten Sie bis") {
		t.Errorf("an open-ended survey's invitation names a deadline:\n%s", r.Text)
	}
}
