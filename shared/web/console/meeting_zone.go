package console

import (
	"slices"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// zones are the time zones the meeting form offers: the offices' own
// first, then the neighbours' and Turkey's (meetings with partners
// there), and UTC for online meetings.
var zones = []string{meeting.OfficeZone, "Europe/Vienna", "Europe/Zurich", "Europe/Luxembourg", "Europe/Brussels", "Europe/Istanbul", "UTC"}

// zoneChoices are the zones a meeting's form may choose: the list, and a
// meeting's own zone when it has another (set through the API), so that
// an edit keeps it.
func zoneChoices(m *meeting.Meeting) []string {
	if m != nil && m.TimeZone != "" && !slices.Contains(zones, m.TimeZone) {
		return append(slices.Clone(zones), m.TimeZone)
	}
	return zones
}

// zoneSelect is the meeting form's time zone: a select of zoneChoices,
// each named in plain words with its zone name.
func zoneSelect(form *Form, m *meeting.Meeting) web.Input {
	lang := form.Lang
	in := field(lang, "timeZone", "", "console.time_zone", "console.time_zone_hint", true)
	for _, z := range zoneChoices(m) {
		label := z
		if slices.Contains(zones, z) {
			label = i18n.T(lang, "console.zone."+z)
		}
		in.Options = append(in.Options, web.Option{Code: z, Label: label})
	}
	return form.Input(in)
}
