package meeting

import "time"

// OfficeZone is the offices' time zone: meeting times in it need not
// name it, and a survey's end is written in it. (Offices have no setting
// of their own yet.)
const OfficeZone = "Europe/Berlin"

// OfficeLocation is OfficeZone's location (UTC if the system lacks it;
// app.CheckZones looks for it at start, app.CheckZonesLater once the
// start is over).
func OfficeLocation() *time.Location {
	loc, err := LoadZone(OfficeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}
