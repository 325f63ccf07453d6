package console_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// auditTrail erases, at days of 2026 in Berlin, three answers of the demo
// survey (by the signed-in coordinator c-demo, by the organisation, by
// another coordinator) and a registration (by its registrant), and an
// answer in another office's trail; it returns the ids by what erased them.
func auditTrail(t *testing.T, a *testenv.Functions) map[string]string {
	t.Helper()
	ctx := context.Background()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, berlin) }
	for i := range 4 {
		b, _ := json.Marshal(map[string]any{"answers": map[string]any{"org_name": "Verein " + string(rune('A'+i)), "fields_of_activity": []string{"culture"}, "members": "20-49"},
			"consent": map[string]bool{"privacy": true}})
		if r := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: map[string]string{"surveyId": seed.SurveyID}, Body: string(b)}); r.StatusCode != 201 {
			t.Fatalf("submit: %d %s", r.StatusCode, r.Body)
		}
	}
	rs, _, err := a.Store.ResponsesPage(ctx, seed.SurveyID, "", 10)
	if err != nil || len(rs) != 4 {
		t.Fatalf("responses: %d %v", len(rs), err)
	}
	ids := map[string]string{}
	for i, e := range []struct {
		office, actor string
		at            time.Time
	}{
		{"demo", "coordinator:c-demo", day(1, 10)}, {"demo", "organisation", day(2, 15)},
		{"demo", "coordinator:c-other", day(3, 1)}, {"other", "coordinator:c-x", day(2, 16)},
	} {
		if err := a.Store.EraseResponse(ctx, e.office, e.actor, rs[i], e.at); err != nil {
			t.Fatal(err)
		}
		ids[e.office+"/"+e.actor] = rs[i].ID
	}
	r, err := a.Meeting(ctx, testenv.From("127.0.0.31", "/meetings/{meetingId}/registrations", "meetingId", seed.MeetingID, testenv.RegistrationBody("Ayşe Yılmaz", "ayse@audit.example"), "de"))
	if err != nil || r.StatusCode != 201 {
		t.Fatalf("register: %v %d", err, r.StatusCode)
	}
	var reg struct{ RegistrationID string }
	_ = json.Unmarshal([]byte(r.Body), &reg)
	m, _, err := a.Store.Meeting(ctx, seed.MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := a.Store.Registration(ctx, seed.MeetingID, reg.RegistrationID)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Store.Cancel(ctx, m, stored, &meeting.Erasure{Actor: meeting.Registrant}, day(2, 20)); err != nil {
		t.Fatal(err)
	}
	ids["registrant"] = reg.RegistrationID
	return ids
}

// TestConsoleAuditTrail: the audit page lists the office's erasures,
// newest first, in words in the coordinator's language (what, at whose
// request, the item's id; no names or addresses), filtered by kind and
// days (both included); a day that is no day shows the form again with
// its error (400); another office's entries never show. The admin API
// takes the same filters and pages with a cursor.
func TestConsoleAuditTrail(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	ids := auditTrail(t, a)
	page := func(query, lang string) (int, string) {
		t.Helper()
		req := s.Request(routes.Route{Method: "GET", Path: "/console/audit"}, "demo", "")
		req.Query = query
		if lang != "" {
			req.Headers = map[string]string{"accept-language": lang}
		}
		r := a.Do(t, h, req)
		return r.StatusCode, r.Body
	}
	st, body := page("", "")
	if st != 200 {
		t.Fatalf("audit: %d %s", st, body)
	}
	for _, want := range []string{"Protokoll der Löschungen", "Antwort auf eine Umfrage gelöscht", "Anmeldung zu einem Treffen gelöscht",
		">Sie<", "Die Organisation (über ihren persönlichen Umfragelink)", "Die angemeldete Person", "(Kennung c-other)",
		ids["demo/coordinator:c-demo"], ids["registrant"], `href="/console/audit"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit page lacks %q", want)
		}
	}
	for _, not := range []string{ids["other/coordinator:c-x"], "Ayşe", "ayse@audit.example", "Verein A"} {
		if strings.Contains(body, not) {
			t.Errorf("the audit page shows %q", not)
		}
	}
	if strings.Index(body, ids["demo/coordinator:c-other"]) > strings.Index(body, ids["demo/coordinator:c-demo"]) {
		t.Error("not newest first")
	}
	count := func(body string) int { return strings.Count(body, `<span dir="ltr" class="id">`) }
	if n := count(body); n != 4 {
		t.Errorf("%d entries, want 4", n)
	}
	for _, c := range []struct {
		query string
		want  int
	}{
		{"kind=registration", 1}, {"kind=response", 3}, {"from=2026-02-01&to=2026-02-28", 2},
		{"from=2026-02-15&to=2026-02-15", 1}, {"from=2026-02-16", 2}, {"to=2026-01-10", 1}, {"kind=response&from=2026-02-16", 1},
		{"from=2027-01-01", 0},
	} {
		st, body := page(c.query, "")
		if st != 200 || count(body) != c.want {
			t.Errorf("%s: %d, %d entries, want %d", c.query, st, count(body), c.want)
		}
		if c.want == 0 && !strings.Contains(body, "Keine Einträge für diese Auswahl") {
			t.Errorf("%s: no word for an empty selection", c.query)
		}
	}
	st, body = page("from=2026-02-30&to=gestern", "")
	if st != 400 || !strings.Contains(body, `href="#from"`) || !strings.Contains(body, `href="#to"`) || !strings.Contains(body, "Bis (letzter Tag): kein gültiges Datum") {
		t.Errorf("bad days: %d", st)
	}
	if st, body = page("from=2026-03-01&to=2026-02-01", ""); st != 400 || !strings.Contains(body, "Der letzte Tag liegt vor dem ersten") {
		t.Errorf("a range backwards: %d", st)
	}
	if st, body = page("kind=registration", "ar"); st != 200 || !strings.Contains(body, `dir="rtl"`) || !strings.Contains(body, "حُذف تسجيل في لقاء") || count(body) != 1 {
		t.Errorf("in Arabic: %d", st)
	}

	// The admin API: the same filters, and pages.
	type apiPage struct {
		Items []struct {
			ID, Kind, Actor string
			At              time.Time
		}
		NextCursor string
	}
	get := func(query string) (int, apiPage) {
		r := a.AdminCall(t, "demo", "GET", "/admin/audit", nil, query, "")
		var p apiPage
		_ = json.Unmarshal([]byte(r.Body), &p)
		return r.StatusCode, p
	}
	seen := map[string]bool{}
	cursor := ""
	for range 3 {
		st, p := get("limit=2&cursor=" + cursor)
		if st != 200 {
			t.Fatalf("api page: %d", st)
		}
		for _, it := range p.Items {
			seen[it.ID] = true
		}
		if cursor = p.NextCursor; cursor == "" {
			break
		}
	}
	if len(seen) != 4 || cursor != "" {
		t.Errorf("paged through %d entries (cursor %q)", len(seen), cursor)
	}
	if st, p := get("kind=registration&from=2026-02-20&to=2026-02-20"); st != 200 || len(p.Items) != 1 || p.Items[0].Actor != "registrant" {
		t.Errorf("api filter: %d %+v", st, p)
	}
	for _, bad := range []string{"kind=answer", "from=20260101", "from=2026-03-01&to=2026-02-01", "cursor=%%%", "limit=0"} {
		if st, _ := get(bad); st != 400 {
			t.Errorf("api %s: %d, want 400", bad, st)
		}
	}
}
