package meeting_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
)

func TestValidate(t *testing.T) {
	now := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		change func(m *meeting.Meeting)
		want   string
	}{
		{"demo is valid", func(m *meeting.Meeting) {}, ""},
		{"bad id", func(m *meeting.Meeting) { m.ID = "X" }, "id"},
		{"no German title", func(m *meeting.Meeting) { m.Title = i18n.Text{"en": "x"} }, "title.de"},
		{"no zone", func(m *meeting.Meeting) { m.TimeZone = "" }, "timeZone"},
		{"bad zone", func(m *meeting.Meeting) { m.TimeZone = "Mars/Olympus" }, "timeZone"},
		{"ends before start", func(m *meeting.Meeting) { m.EndsAt = m.StartsAt.Add(-time.Hour) }, "endsAt"},
		{"deadline after start", func(m *meeting.Meeting) { m.RegistrationClosesAt = m.StartsAt.Add(time.Hour) }, "registrationClosesAt"},
		{"zero capacity", func(m *meeting.Meeting) { m.Capacity = 0 }, "capacity"},
		{"limit over capacity", func(m *meeting.Meeting) { m.MaxPerOrganisation = 41 }, "maxPerOrganisation"},
		{"negative waitlist", func(m *meeting.Meeting) { m.MaxWaitlist = -1 }, "maxWaitlist"},
		{"waitlist over ten times the capacity", func(m *meeting.Meeting) { m.MaxWaitlist = 401 }, "maxWaitlist"},
		{"waitlist over 10,000", func(m *meeting.Meeting) { m.Capacity, m.MaxWaitlist = 5000, 10001 }, "maxWaitlist"},
		{"nowhere", func(m *meeting.Meeting) { m.Location = meeting.Location{} }, "location"},
		{"bad online link", func(m *meeting.Meeting) { m.Location.OnlineURL = "javascript:alert(1)" }, "location.onlineUrl"},
		{"topics", func(m *meeting.Meeting) { m.Topics = topics("raeume", "Räume", "jugend_arbeit", "Jugendarbeit") }, ""},
		{"topic code upper case", func(m *meeting.Meeting) { m.Topics = topics("Raeume", "Räume") }, "topics[0].code"},
		{"topic code empty", func(m *meeting.Meeting) { m.Topics = topics("", "Räume") }, "topics[0].code"},
		{"topic code twice", func(m *meeting.Meeting) { m.Topics = topics("a", "A", "a", "B") }, "topics[1].code"},
		{"topic without German", func(m *meeting.Meeting) { m.Topics = []meeting.Topic{{Code: "a", Label: i18n.Text{"en": "Rooms"}}} }, "topics[0].label.de"},
		{"topic label too long", func(m *meeting.Meeting) {
			m.Topics = []meeting.Topic{{Code: "a", Label: i18n.Text{"de": "A", "ar": strings.Repeat("م", 121)}}}
		}, "topics[0].label.ar"},
		{"topic label 120 runes", func(m *meeting.Meeting) { m.Topics = topics("a", strings.Repeat("ü", 120)) }, ""},
		{"topic label a link", func(m *meeting.Meeting) { m.Topics = topics("a", "Mehr auf www.example.org") }, "topics[0].label.de"},
		{"topic label two lines", func(m *meeting.Meeting) { m.Topics = topics("a", "Räume\nund Geld") }, "topics[0].label.de"},
		{"thirteen topics", func(m *meeting.Meeting) {
			for i := range 13 {
				m.Topics = append(m.Topics, topics(fmt.Sprint("t", i), "Thema")...)
			}
		}, "topics"},
	}
	for _, tt := range tests {
		m := seed.DemoMeeting(now)
		tt.change(m)
		err := meeting.ValidateMeeting(m, "de")
		var paths []string
		if e := apperr.As(err); e != nil {
			for _, fe := range e.Fields {
				paths = append(paths, fe.Field)
			}
		}
		if (err == nil) != (tt.want == "") || (err != nil && !slices.Contains(paths, tt.want)) {
			t.Errorf("%s: got %v %v, want a field error at %q", tt.name, err, paths, tt.want)
		}
	}
}

// A waitlist holds at most 10,000 places, whatever the capacity (the store
// keeps its line in one item).
func TestWaitlistLimitIsCapped(t *testing.T) {
	m := seed.DemoMeeting(time.Now())
	for _, c := range []struct{ capacity, max, want int }{{40, 0, 80}, {40, 100, 100}, {8000, 0, 10000}, {10000, 20000, 10000}} {
		m.Capacity, m.MaxWaitlist = c.capacity, c.max
		if got := m.WaitlistLimit(); got != c.want {
			t.Errorf("capacity %d, maxWaitlist %d: limit %d, want %d", c.capacity, c.max, got, c.want)
		}
	}
}

func TestStatusAndPublicView(t *testing.T) {
	now := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	m := seed.DemoMeeting(now)
	if m.Capacity != 40 || m.StartsAt.Weekday() != time.Thursday || !m.RegistrationClosesAt.After(now) {
		t.Fatalf("demo meeting: %+v", m)
	}
	for _, tt := range []struct {
		at   time.Time
		c    meeting.Counters
		want meeting.Status
	}{
		{now, meeting.Counters{}, meeting.StatusOpen},
		{now, meeting.Counters{Confirmed: 40}, meeting.StatusFull},
		{now, meeting.Counters{Confirmed: 39, Waiting: 1}, meeting.StatusFull},
		{m.RegistrationClosesAt, meeting.Counters{}, meeting.StatusClosed},
	} {
		if got := m.StatusAt(tt.at, tt.c); got != tt.want {
			t.Errorf("%v %+v: %s, want %s", tt.at, tt.c, got, tt.want)
		}
	}
	p := m.PublicView("en", meeting.Counters{Confirmed: 12}, now)
	if p.SeatsLeft != 28 || p.Title != "Network meeting: Agenda 2030 in our district" || p.StartsAt.Location().String() != "Europe/Berlin" {
		t.Fatalf("public view: %+v", p)
	}
	if _, off := p.StartsAt.Zone(); off != 3600 { // January: CET
		t.Errorf("offset %d", off)
	}
}

func TestKeysAreCaseInsensitive(t *testing.T) {
	if meeting.EmailKey("Ayse@Verein.Example ") != meeting.EmailKey("ayse@verein.example") {
		t.Error("email key depends on case")
	}
	if meeting.OrgKey("Türkischer  Verein") != meeting.OrgKey("türkischer verein") {
		t.Error("organisation key depends on case or spaces")
	}
	if strings.Contains(meeting.EmailKey("ayse@verein.example"), "ayse") {
		t.Error("email key contains the address")
	}
}

// topics are topics of code and German label pairs.
func topics(pairs ...string) []meeting.Topic {
	var out []meeting.Topic
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, meeting.Topic{Code: pairs[i], Label: i18n.Text{"de": pairs[i+1]}})
	}
	return out
}

// A topic's error is in the caller's language.
func TestTopicErrorsInTheCallersLanguage(t *testing.T) {
	m := seed.DemoMeeting(time.Now())
	m.Topics = topics("a", "Mehr auf www.example.org")
	for _, l := range i18n.Supported {
		e := apperr.As(meeting.ValidateMeeting(m, l))
		if e == nil || len(e.Fields) != 1 || e.Fields[0].Message != i18n.T(l, "def_topic_label", meeting.MaxTopicLabel) || strings.Contains(e.Fields[0].Message, "def_") {
			t.Errorf("%s: %+v", l, e)
		}
	}
}
