package console_test

import (
	"context"
	"encoding/json"
	"html"
	"net/url"
	"strings"

	"sync"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestConsolePostsAreRepeatSafe: a console form posted twice with its
// stamp (a double click, a retry, back and send again), one after the
// other or at once, does its work once and answers both posts with the
// same redirect; the same stamp with other values is a new submission.
// An office profile saved twice writes one audit entry. DynamoDB Local.
func TestConsolePostsAreRepeatSafe(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	csrf := s.CSRF(s.TokenFor("demo"))
	stampOf := func(path string) string {
		t.Helper()
		page := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: path}, "demo", ""))
		return lastStamp(t, page.Body)
	}
	meetings := func() int {
		t.Helper()
		r := a.AdminCall(t, "demo", "GET", "/admin/meetings", nil, "", "")
		var list struct{ Items []map[string]any }
		if err := json.Unmarshal([]byte(r.Body), &list); err != nil {
			t.Fatal(err)
		}
		return len(list.Items)
	}
	start := time.Now().Add(30 * 24 * time.Hour).Format("2006-01-02")
	form := func(stamp, title string) url.Values {
		return url.Values{"csrf": {csrf}, "form.stamp": {stamp}, "title.de": {title}, "startsAt": {start + "T18:00"}, "endsAt": {start + "T20:00"},
			"registrationClosesAt": {start + "T12:00"}, "timeZone": {"Europe/Berlin"}, "capacity": {"20"}, "location.name": {"Rathaus"}, "location.address": {"Marktplatz 1"}}
	}
	post := func(v url.Values) (int, string) {
		c := s.Request(routes.Route{Method: "POST", Path: "/console/meetings"}, "demo", "")
		c.Body = v.Encode()
		r := a.Do(t, h, c)
		if r.StatusCode != 303 {
			i := strings.Index(r.Body, "error-summary")
			t.Logf("%d: %.600s", r.StatusCode, r.Body[max(i, 0):])
		}
		return r.StatusCode, r.Headers["location"]
	}
	before := meetings()

	stamp := stampOf("/console/meetings/new")
	st1, loc1 := post(form(stamp, "Netzwerktreffen"))
	st2, loc2 := post(form(stamp, "Netzwerktreffen"))
	if st1 != 303 || st2 != 303 || loc1 != loc2 {
		t.Fatalf("posted twice: %d %q, %d %q; want the same redirect", st1, loc1, st2, loc2)
	}
	if n := meetings(); n != before+1 {
		t.Fatalf("posted twice: %d meetings, want %d", n, before+1)
	}

	stamp = stampOf("/console/meetings/new")
	var wg sync.WaitGroup
	locs, codes := make([]string, 2), make([]int, 2)
	for i := range locs {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i], locs[i] = post(form(stamp, "Zweites Treffen")) }()
	}
	wg.Wait()
	if codes[0] != 303 || codes[1] != 303 || locs[0] != locs[1] {
		t.Fatalf("posted at once: %v %q", codes, locs)
	}
	if n := meetings(); n != before+2 {
		t.Fatalf("posted at once: %d meetings, want %d", n, before+2)
	}

	if st, loc := post(form(stamp, "Ein anderes Treffen")); st != 303 || loc == locs[0] {
		t.Fatalf("other values, same stamp: %d %q", st, loc)
	}
	if n := meetings(); n != before+3 {
		t.Fatalf("other values: %d meetings, want %d", n, before+3)
	}

	// The office profile saved twice: one write (office saves keep no
	// audit entry: the profile's updatedAt is the write's mark).
	page := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/office"}, "demo", ""))
	m := updatedAtField.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatal("office form without updatedAt")
	}
	p := seed.DemoOffice()
	p.SenderName = "Integrationsbüro Musterkreis"
	v := officeFormOf(p, csrf, m[1])
	v.Set("form.stamp", lastStamp(t, page.Body))
	var saved []time.Time
	for i := 0; i < 2; i++ {
		c := s.Request(routes.Route{Method: "POST", Path: "/console/office"}, "demo", "")
		c.Body = v.Encode()
		if r := a.Do(t, h, c); r.StatusCode != 303 {
			t.Fatalf("office save %d: %d %.300s", i+1, r.StatusCode, r.Body)
		}
		stored, err := a.Store.Office(context.Background(), "demo")
		if err != nil {
			t.Fatal(err)
		}
		saved = append(saved, stored.UpdatedAt)
	}
	if !saved[0].Equal(saved[1]) || saved[0].Format(time.RFC3339Nano) == m[1] {
		t.Fatalf("office saved twice: updatedAt %v then %v (form of %s)", saved[0], saved[1], m[1])
	}
}

// lastStamp is the stamp of a console page's main form: the last on the
// page (the navigation's sign-out form has the first).
func lastStamp(t *testing.T, body string) string {
	t.Helper()
	all := testenv.StampInput.FindAllStringSubmatch(body, -1)
	if len(all) == 0 {
		t.Fatal("no stamp on the page")
	}
	return html.UnescapeString(all[len(all)-1][1])
}
