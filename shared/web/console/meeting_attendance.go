package console

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// Blank rows of the attendance list, for people who come unannounced.
const (
	defaultBlankRows = 5
	maxBlankRows     = 50
)

type attendanceRow struct {
	meeting.View
	Needs  []string
	Photos string
}

// attendance is the printable list of those with a seat: sorted by name
// (or by organisation, then name) as German sorts (Ö with O), with their
// needs, whether they agreed to photos, a column to sign, and blank rows
// for people who come unannounced.
func (c *Console) attendance(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	id := req.PathParameters["meetingId"]
	mv, regs, err := c.svc.MeetingWithRegistrations(ctx, s.Coordinator, id)
	if err != nil {
		return Response{}, err
	}
	byOrg := httpapi.Query(req, "sort") == "organisation"
	blank := defaultBlankRows
	if n, err := strconv.Atoi(httpapi.Query(req, "blank")); err == nil {
		blank = min(max(n, 0), maxBlankRows)
	}
	path := "/console/meetings/" + id + "/attendance"
	v := struct {
		base
		Title, When, Place, Back string
		Action                   string
		Sort, Blank              web.Input
		People                   []attendanceRow
		Blanks                   []int
	}{base: withLang(c.base(s, lang, "console.attendance_title", path, mv.Title.In(lang)), req),
		Title: mv.Title.In(lang), When: when(lang, mv.StartsAt, mv.Zone()),
		Place: strings.Trim(mv.Location.Name+", "+mv.Location.Address, ", "), Back: "/console/meetings/" + id, Action: path}
	q := url.Values{"sort": {"name"}, "blank": {strconv.Itoa(blank)}}
	if byOrg {
		q.Set("sort", "organisation")
	}
	form := newForm(lang, q)
	v.Sort = form.Input(web.Input{Name: "sort", Label: i18n.T(lang, "console.sort_by"), Options: []web.Option{
		{Code: "name", Label: i18n.T(lang, "console.name")}, {Code: "organisation", Label: i18n.T(lang, "console.organisation")}}})
	v.Blank = form.Input(web.Input{Name: "blank", Type: "number", Label: i18n.T(lang, "console.blank_rows"), Max: strconv.Itoa(maxBlankRows)})
	for _, r := range regs {
		if r.Status != meeting.Confirmed {
			continue
		}
		row := attendanceRow{View: r, Photos: i18n.T(lang, "console.no")}
		if r.Consent.Photos {
			row.Photos = i18n.T(lang, "console.yes")
		}
		for _, n := range []struct{ kind, text string }{{"interpretation", r.Needs.Interpretation}, {"accessibility", r.Needs.Accessibility}, {"dietary", r.Needs.Dietary}} {
			if n.text != "" {
				row.Needs = append(row.Needs, i18n.T(lang, "console.need_"+n.kind)+": "+n.text)
			}
		}
		v.People = append(v.People, row)
	}
	slices.SortStableFunc(v.People, func(a, b attendanceRow) int {
		if byOrg {
			if d := compareBlankLast(a.Organisation, b.Organisation); d != 0 {
				return d
			}
		}
		return compareBlankLast(a.Name, b.Name)
	})
	for i := range blank {
		v.Blanks = append(v.Blanks, len(v.People)+i+1)
	}
	return pages.Render(http.StatusOK, "attendance.html", lang, true, v)
}

// compareBlankLast compares names as a German list sorts them (case and
// accents aside: Ömer with O, Çelik with C, ß as ss), empty ones (an
// erased name, no organisation) after everything else. A collation
// table (x/text/collate) would do the same at 1.4 MB more in the admin
// function.
func compareBlankLast(a, b string) int {
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	if d := strings.Compare(sortKey(a), sortKey(b)); d != 0 {
		return d
	}
	return strings.Compare(a, b)
}

// sortKey is s lower-cased without its accents.
func sortKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ß':
			b.WriteString("ss")
		case r == 'ı':
			b.WriteRune('i')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
