package console_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// putRecord writes a record of the demo office's register.
func putRecord(t *testing.T, a *testenv.Functions, name, email string, change func(*org.Record)) *org.Record {
	t.Helper()
	r := org.New("demo", name, time.Now())
	r.Contact = org.Contact{Email: email, Language: "de"}
	if change != nil {
		change(r)
	}
	if err := a.Store.CreateOrganisation(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestConsoleOrganisations: the register's list searches and filters
// (a GET form), counts, selects and invites (once, however often the
// form is posted), and the record page shows, edits (a stale form is a
// conflict), merges and erases after confirm steps; another office's
// record is 404.
func TestConsoleOrganisations(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	domain := "register.example"
	kultur := putRecord(t, a, "Deutsch-Türkischer Kulturverein e.V.", "dtkv@"+domain, func(r *org.Record) {
		r.Fields, r.Municipality, r.Languages = []string{"culture"}, "Mannheim", []string{"tr", "de"}
		r.Consent = org.Consent{Publish: true, Notice: "2026-01", At: time.Now(), By: "answer"}
	})
	sport := putRecord(t, a, "Sportverein Süd", "sport@"+domain, func(r *org.Record) { r.State, r.Contact.Stale = org.ContactBounced, true })
	arab := putRecord(t, a, "جمعية الثقافة العربية", "arab@"+domain, func(r *org.Record) { r.Fields = []string{"culture"} })
	dup := putRecord(t, a, "DTKV", "", nil)

	get := func(path, query string, params map[string]string) (int, string) {
		t.Helper()
		r := s.Request(routes.Route{Method: "GET", Path: path}, "demo", "")
		r.Query, r.Params = query, params
		resp := a.Do(t, h, r)
		if resp.StatusCode >= 500 {
			t.Fatalf("GET %s?%s: %d %s", path, query, resp.StatusCode, a.Logs.String())
		}
		return resp.StatusCode, resp.Body
	}
	st, body := get("/console/organisations", "", nil)
	for _, want := range []string{"4 Organisationen", "1 Kontakt nicht zustellbar", "1 im Verzeichnis", `name="organisations" value="` + kultur.ID + `"`,
		"Sportverein Süd", `href="/console/organisations?bounced=true"`, `formaction="/console/organisations/entry-mails`, `value="survey:` + seed.SurveyID + `"`} {
		if st != 200 || !strings.Contains(body, want) {
			t.Errorf("list: %d, missing %q", st, want)
		}
	}
	if st, body = get("/console/organisations", "field=culture", nil); !strings.Contains(body, "2 von 4 Organisationen") || strings.Contains(body, "Sportverein") {
		t.Errorf("filtered list: %d %.3000s", st, body)
	}
	if st, body = get("/console/organisations", "q=kultur&lang=ar", nil); !strings.Contains(body, `dir="rtl"`) || !strings.Contains(body, "Deutsch-Türkischer") || strings.Contains(body, "Sportverein") {
		t.Errorf("search in Arabic: %d", st)
	}
	if st, _ = get("/console/organisations", "met=nonsense", nil); st != 400 {
		t.Errorf("a filter no form offers: %d", st)
	}

	// Invite the selected: the bounced one is skipped; the same post again
	// does nothing again.
	form := url.Values{"target": {"survey:" + seed.SurveyID}, "scope": {"selected"}, "organisations": {kultur.ID, sport.ID, arab.ID},
		"form.stamp": {testenv.Stamp("/console/organisations/invitations")}}
	post := postForm(t, a, s, h, "demo", "/console/organisations/invitations", nil, form)
	resp := a.Do(t, h, post)
	if resp.StatusCode != 303 || !strings.Contains(resp.Headers["location"], "invited=2") || !strings.Contains(resp.Headers["location"], "skipped=1") {
		t.Fatalf("invite: %d %q %s", resp.StatusCode, resp.Headers["location"], resp.Body)
	}
	again := a.Do(t, h, post)
	if again.StatusCode != 303 || again.Headers["location"] != resp.Headers["location"] || len(a.Items(t)["outbox"]) != 2 {
		t.Errorf("the same post again: %d %q, %d mails", again.StatusCode, again.Headers["location"], len(a.Items(t)["outbox"]))
	}
	loc, _ := url.Parse(resp.Headers["location"])
	if _, body = get("/console/organisations", loc.RawQuery, nil); !strings.Contains(body, "Eingeladen: 2") {
		t.Errorf("the list says what the invitation did: %.2000s", body)
	}
	// Nothing chosen: the page again with the errors, nothing written.
	before := a.Count(t)
	bad := postForm(t, a, s, h, "demo", "/console/organisations/invitations", nil, url.Values{"scope": {"selected"}})
	if resp = a.Do(t, h, bad); resp.StatusCode != 422 || !strings.Contains(resp.Body, "error-summary") || !strings.Contains(resp.Body, `href="#target"`) {
		t.Errorf("nothing chosen: %d %.2000s", resp.StatusCode, resp.Body)
	}
	// All shown: the filter's records.
	all := postForm(t, a, s, h, "demo", "/console/organisations/invitations", nil, url.Values{"scope": {"all"}, "field": {"culture"}, "target": {"meeting:" + seed.MeetingID}})
	if resp = a.Do(t, h, all); resp.StatusCode != 303 || !strings.Contains(resp.Headers["location"], "invited=2") || !strings.Contains(resp.Headers["location"], "field=culture") {
		t.Errorf("invite all shown: %d %q", resp.StatusCode, resp.Headers["location"])
	}
	if after := a.Count(t); after <= before {
		t.Errorf("no invitations written")
	}

	// The record page: facts, consent, history naming the survey.
	op := map[string]string{"organisationId": kultur.ID}
	st, body = get("/console/organisations/{organisationId}", "", op)
	for _, want := range []string{"Deutsch-Türkischer Kulturverein e.V.", "Datenschutzhinweis Version 2026-01", "eingeladen", "Bedarf", `name="version" value="1"`,
		`action="/console/organisations/entry-mails"`, `value="` + dup.ID + `"`} {
		if st != 200 || !strings.Contains(body, want) {
			t.Errorf("record page: %d, missing %q", st, want)
		}
	}
	if st, _ = get("/console/organisations/{organisationId}", "", map[string]string{"organisationId": "01aaaaaaaaaaaaaaaaaaaaaaaa"}); st != 404 {
		t.Errorf("unknown record: %d", st)
	}
	other := s.Request(routes.Route{Method: "GET", Path: "/console/organisations/{organisationId}"}, "other-office", "")
	other.Params = op
	if r := a.Do(t, h, other); r.StatusCode != 404 {
		t.Errorf("another office's record: %d", r.StatusCode)
	}
	s.TokenFor("other-office")
	if r := a.Do(t, h, postForm(t, a, s, h, "other-office", "/console/organisations/{organisationId}", op, url.Values{"action": {"erase"}, "confirm": {"yes"}})); r.StatusCode != 404 {
		t.Errorf("another office erases: %d", r.StatusCode)
	}

	edit := func(values url.Values) url.Values {
		v := url.Values{"action": {"save"}, "version": {"1"}, "name": {"DTKV Mannheim"}, "contact.email": {"dtkv@" + domain}, "contact.language": {"tr"},
			"municipality": {"Mannheim"}, "fields": {"culture, youth"}, "languages": {"tr de"}}
		for k, vs := range values {
			v[k] = vs
		}
		return v
	}
	// Mistakes: the form again with errors beside the fields, nothing written.
	before = a.Count(t)
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", "/console/organisations/{organisationId}", op, edit(url.Values{"contact.email": {"kaputt"}, "fields": {"Kultur!"}})))
	if resp.StatusCode != 422 || !strings.Contains(resp.Body, `id="contact-email-error"`) || !strings.Contains(resp.Body, `id="fields-error"`) || !strings.Contains(resp.Body, `value="DTKV Mannheim"`) {
		t.Errorf("bad edit: %d %.3000s", resp.StatusCode, resp.Body)
	}
	if after := a.Count(t); after != before {
		t.Errorf("a bad edit wrote %d items", after-before)
	}
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", "/console/organisations/{organisationId}", op, edit(nil)))
	if resp.StatusCode != 303 || !strings.Contains(resp.Headers["location"], "saved=1") {
		t.Fatalf("edit: %d %s", resp.StatusCode, resp.Body)
	}
	// The same form (version 1) once more, as another coordinator would: 409.
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", "/console/organisations/{organisationId}", op, edit(url.Values{"name": {"Zu spät"}})))
	if resp.StatusCode != 409 || !strings.Contains(resp.Body, "inzwischen") {
		t.Errorf("stale edit: %d", resp.StatusCode)
	}
	_, body = get("/console/organisations/{organisationId}", "", op)
	if !strings.Contains(body, "DTKV Mannheim") || !strings.Contains(body, "Frühere Namen") {
		t.Errorf("renamed record page: %.3000s", body)
	}
	// Fix the bounced contact: a new address.
	sp := map[string]string{"organisationId": sport.ID}
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", "/console/organisations/{organisationId}", sp, url.Values{"action": {"save"}, "version": {"1"}, "name": {"Sportverein Süd"}, "contact.email": {"neu@" + domain}}))
	if resp.StatusCode != 303 {
		t.Fatalf("fix contact: %d %s", resp.StatusCode, resp.Body)
	}
	if _, body = get("/console/organisations", "bounced=true", nil); strings.Contains(body, "Sportverein") {
		t.Errorf("the fixed contact is still listed as bounced")
	}

	// Merge: a confirm step, then the duplicate is gone.
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", "/console/organisations/{organisationId}", op, url.Values{"action": {"merge"}, "from": {dup.ID}}))
	if resp.StatusCode != 200 || !strings.Contains(resp.Body, `name="confirm" value="yes"`) || !strings.Contains(resp.Body, "„DTKV“") {
		t.Fatalf("merge confirm: %d %.2000s", resp.StatusCode, resp.Body)
	}
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", "/console/organisations/{organisationId}", op, url.Values{"action": {"merge"}, "from": {dup.ID}, "confirm": {"yes"}}))
	if resp.StatusCode != 303 || !strings.Contains(resp.Headers["location"], "merged=1") {
		t.Fatalf("merge: %d %s", resp.StatusCode, resp.Body)
	}
	if st, _ = get("/console/organisations/{organisationId}", "", map[string]string{"organisationId": dup.ID}); st != 404 {
		t.Errorf("merged duplicate: %d", st)
	}

	// Erase the contact person, then the record: confirm steps first.
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", "/console/organisations/{organisationId}", op, url.Values{"action": {"erase-contact"}}))
	if resp.StatusCode != 200 || !strings.Contains(resp.Body, `value="erase-contact"`) || len(a.Items(t)["audit"]) != 0 {
		t.Fatalf("erase contact confirm: %d", resp.StatusCode)
	}
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", "/console/organisations/{organisationId}", op, url.Values{"action": {"erase-contact"}, "confirm": {"yes"}}))
	if resp.StatusCode != 303 {
		t.Fatalf("erase contact: %d %s", resp.StatusCode, resp.Body)
	}
	if _, body = get("/console/organisations/{organisationId}", "", op); strings.Contains(body, "dtkv@") || !strings.Contains(body, "Kein Kontakt") {
		t.Errorf("contact still shown")
	}
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", "/console/organisations/{organisationId}", op, url.Values{"action": {"erase"}, "confirm": {"yes"}}))
	if resp.StatusCode != 303 || !strings.Contains(resp.Headers["location"], "erased=1") {
		t.Fatalf("erase: %d %s", resp.StatusCode, resp.Body)
	}
	if st, _ = get("/console/organisations/{organisationId}", "", op); st != 404 {
		t.Errorf("erased record: %d", st)
	}
	if n := len(a.Items(t)["audit"]); n != 2 {
		t.Errorf("%d audit entries, want 2", n)
	}
	_, body = get("/console/audit", "", nil)
	if !strings.Contains(body, "Organisation aus dem Verzeichnis gelöscht") || !strings.Contains(body, "Ansprechperson einer Organisation gelöscht") {
		t.Errorf("the audit page: %.3000s", body)
	}

	// The download is the list as filtered.
	r := s.Request(routes.Route{Method: "GET", Path: "/console/organisations.xlsx"}, "demo", "")
	r.Query = "field=culture"
	if resp = a.Do(t, h, r); resp.StatusCode != 200 || !strings.Contains(resp.Headers["content-disposition"], "organisationen") {
		t.Errorf("download: %d %v", resp.StatusCode, resp.Headers)
	}
	_ = fmt.Sprint
}
