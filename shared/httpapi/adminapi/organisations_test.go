package adminapi_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oklog/ulid/v2"
	"github.com/xuri/excelize/v2"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// putOrg writes a record of office straight through the store.
func putOrg(t testing.TB, a *testenv.Functions, office, name, email, lang string, change func(*org.Record)) *org.Record {
	t.Helper()
	r := org.New(office, name, a.Clock.Now())
	r.Contact = org.Contact{Email: email, Language: lang}
	if change != nil {
		change(r)
	}
	if err := a.Store.CreateOrganisation(context.Background(), r); err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return r
}

type apiError struct {
	Error struct {
		Code   string
		Fields []struct{ Field, Code, Message string }
	}
}

func errorOf(t *testing.T, body string) apiError {
	t.Helper()
	var e apiError
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("not the error JSON: %s", body)
	}
	return e
}

// TestOrganisationsAdminAPI: a coordinator creates, lists, filters,
// reads, changes (over a version), merges and erases records of the
// register through the JSON API; every bad input is a 4xx with the
// error JSON and writes nothing; another office's ids are 404.
func TestOrganisationsAdminAPI(t *testing.T) {
	a := testenv.NewFunctions(t)
	domain := strings.ToLower(ulid.Make().String()) + ".example"
	call := func(method, path string, params map[string]string, query, body string) (int, string) {
		resp := a.AdminCall(t, "demo", method, path, params, query, body)
		return resp.StatusCode, resp.Body
	}
	one := "/admin/organisations/{organisationId}"

	// Create.
	st, body := call("POST", "/admin/organisations", nil, "", fmt.Sprintf(`{"name":"Deutsch-Türkischer Kulturverein e.V.",
		"contact":{"email":"dtkv@%s","person":"Ayşe Yılmaz","language":"tr"},"municipality":"Mannheim","website":"https://dtkv.example",
		"fields":["culture","youth"],"languages":["tr","de"],"offers":["rooms"],"seeks":["volunteers"]}`, domain))
	if st != 201 {
		t.Fatalf("create: %d %s", st, body)
	}
	var dtkv org.Record
	_ = json.Unmarshal([]byte(body), &dtkv)
	if dtkv.ID == "" || dtkv.Version != 1 || dtkv.State != org.Active {
		t.Fatalf("created: %s", body)
	}

	// Bad inputs: a 4xx with the error JSON, nothing written.
	long := strings.Repeat("x", 201)
	many := `["a1"` + strings.Repeat(`,"a1x"`, 0)
	for i := 0; i < 31; i++ {
		many += fmt.Sprintf(`,"c%d"`, i)
	}
	many += `]`
	before := a.Count(t)
	for _, c := range []struct {
		name, method, path, query, body, ctype string
		params                                 map[string]string
		status                                 int
		field                                  string
	}{
		{"malformed JSON", "POST", "/admin/organisations", "", `{"name":`, "", nil, 400, ""},
		{"unknown field", "POST", "/admin/organisations", "", `{"name":"X","colour":"red"}`, "", nil, 400, ""},
		{"wrong type", "POST", "/admin/organisations", "", `{"name":5}`, "", nil, 400, ""},
		{"oversize", "POST", "/admin/organisations", "", `{"name":"` + strings.Repeat("x", 70_000) + `"}`, "", nil, 413, ""},
		{"not JSON", "POST", "/admin/organisations", "", `name=x`, "application/x-www-form-urlencoded", nil, 415, ""},
		{"no name", "POST", "/admin/organisations", "", `{"name":" "}`, "", nil, 422, "name"},
		{"long name", "POST", "/admin/organisations", "", `{"name":"` + long + `"}`, "", nil, 422, "name"},
		{"bad email", "POST", "/admin/organisations", "", `{"name":"X","contact":{"email":"nicht-gueltig"}}`, "", nil, 422, "contact.email"},
		{"bad website", "POST", "/admin/organisations", "", `{"name":"X","website":"kein link"}`, "", nil, 422, "website"},
		{"bad code", "POST", "/admin/organisations", "", `{"name":"X","fields":["Kultur & Sport"]}`, "", nil, 422, "fields[0]"},
		{"too many codes", "POST", "/admin/organisations", "", `{"name":"X","offers":` + many + `}`, "", nil, 422, "offers"},
		{"long text", "POST", "/admin/organisations", "", `{"name":"X","offersText":"` + strings.Repeat("ü", 1001) + `"}`, "", nil, 422, "offersText"},
		{"bad language", "POST", "/admin/organisations", "", `{"name":"X","contact":{"language":"xx-nonsense"}}`, "", nil, 422, "contact.language"},
		{"unknown id", "GET", one, "", "", "", map[string]string{"organisationId": "01aaaaaaaaaaaaaaaaaaaaaaaa"}, 404, ""},
		{"malformed id", "GET", one, "", "", "", map[string]string{"organisationId": "../x"}, 404, ""},
		{"put unknown id", "PUT", one, "", `{"name":"X"}`, "", map[string]string{"organisationId": "01aaaaaaaaaaaaaaaaaaaaaaaa"}, 404, ""},
		{"put unknown field", "PUT", one, "", `{"name":"X","x":1}`, "", map[string]string{"organisationId": dtkv.ID}, 400, ""},
		{"put long name", "PUT", one, "", `{"name":"` + long + `"}`, "", map[string]string{"organisationId": dtkv.ID}, 422, "name"},
		{"put bad If-Match", "PUT", one, "", `{"name":"X"}`, "", map[string]string{"organisationId": dtkv.ID}, 400, ""},
		{"erase unknown", "DELETE", one, "", "", "", map[string]string{"organisationId": "01aaaaaaaaaaaaaaaaaaaaaaaa"}, 404, ""},
		{"erase bad query", "DELETE", one, "contact=maybe", "", "", map[string]string{"organisationId": dtkv.ID}, 400, ""},
		{"merge self", "POST", one + "/merge", "", `{"from":"` + dtkv.ID + `"}`, "", map[string]string{"organisationId": dtkv.ID}, 422, "from"},
		{"merge unknown", "POST", one + "/merge", "", `{"from":"01aaaaaaaaaaaaaaaaaaaaaaaa"}`, "", map[string]string{"organisationId": dtkv.ID}, 422, "from"},
		{"merge unknown field", "POST", one + "/merge", "", `{"into":"x"}`, "", map[string]string{"organisationId": dtkv.ID}, 400, ""},
		{"list bad flag", "GET", "/admin/organisations", "met=maybe", "", "", nil, 400, ""},
		{"list bad answered", "GET", "/admin/organisations", "answered=sometimes", "", "", nil, 400, ""},
		{"list bad code", "GET", "/admin/organisations", "field=%3Cscript%3E", "", "", nil, 400, ""},
		{"list bad cursor", "GET", "/admin/organisations", "cursor=abc", "", "", nil, 400, ""},
		{"list bad limit", "GET", "/admin/organisations", "limit=1000", "", "", nil, 400, ""},
		{"export bad filter", "GET", "/admin/organisations.xlsx", "bounced=1", "", "", nil, 400, ""},
		{"invite unknown org", "POST", "/admin/surveys/{surveyId}/invitations", "", `{"organisations":["01aaaaaaaaaaaaaaaaaaaaaaaa"]}`, "", map[string]string{"surveyId": seed.SurveyID}, 422, "organisations[0]"},
		{"invite both", "POST", "/admin/surveys/{surveyId}/invitations", "", `{"organisations":["` + dtkv.ID + `"],"invitations":[]}`, "", map[string]string{"surveyId": seed.SurveyID}, 400, ""},
		{"invite wrong type", "POST", "/admin/surveys/{surveyId}/invitations", "", `{"organisations":"` + dtkv.ID + `"}`, "", map[string]string{"surveyId": seed.SurveyID}, 400, ""},
		{"invite none", "POST", "/admin/surveys/{surveyId}/invitations", "", `{"organisations":[]}`, "", map[string]string{"surveyId": seed.SurveyID}, 422, "organisations"},
	} {
		r := testenv.Request{Method: c.method, Path: c.path, Params: c.params, Query: c.query, Body: c.body, ContentType: c.ctype, Claims: testenv.Claims("demo")}
		if c.name == "put bad If-Match" {
			r.Headers = map[string]string{"if-match": `"drei"`}
		}
		resp := a.Do(t, a.Admin, r)
		if resp.StatusCode != c.status {
			t.Errorf("%s: %d, want %d: %.300s", c.name, resp.StatusCode, c.status, resp.Body)
			continue
		}
		e := errorOf(t, resp.Body)
		if e.Error.Code == "" || e.Error.Code == "internal" {
			t.Errorf("%s: error %+v", c.name, e)
		}
		if c.field != "" && (len(e.Error.Fields) == 0 || e.Error.Fields[0].Field != c.field) {
			t.Errorf("%s: fields %+v, want %s", c.name, e.Error.Fields, c.field)
		}
	}
	if after := a.Count(t); after != before {
		t.Fatalf("refused requests wrote %d items", after-before)
	}
	// The limit is named in the caller's language.
	resp := a.Do(t, a.Admin, testenv.Request{Method: "POST", Path: "/admin/organisations", Query: "lang=de", Body: `{"name":"` + long + `"}`, Claims: testenv.Claims("demo")})
	if e := errorOf(t, resp.Body); len(e.Error.Fields) == 0 || !strings.Contains(e.Error.Fields[0].Message, "200") || !strings.Contains(e.Error.Fields[0].Message, "höchstens") {
		t.Errorf("the limit in German: %s", resp.Body)
	}
	resp = a.Do(t, a.Admin, testenv.Request{Method: "POST", Path: "/admin/organisations", Query: "lang=ar", Body: `{"name":"X","offersText":"` + strings.Repeat("a", 1001) + `"}`, Claims: testenv.Claims("demo")})
	if e := errorOf(t, resp.Body); len(e.Error.Fields) == 0 || !strings.Contains(e.Error.Fields[0].Message, "1000") {
		t.Errorf("the limit in Arabic: %s", resp.Body)
	}

	// The same address again: a conflict naming the record.
	st, body = call("POST", "/admin/organisations", nil, "", fmt.Sprintf(`{"name":"Noch einer","contact":{"email":"DTKV@%s"}}`, domain))
	if st != 409 || !strings.Contains(body, dtkv.ID) {
		t.Errorf("same address: %d %s", st, body)
	}

	// More records: one bounced, one without an address, one in Arabic script.
	bounced := putOrg(t, a, "demo", "Sportverein Süd", "sport@"+domain, "de", func(r *org.Record) { r.State, r.Contact.Stale = org.ContactBounced, true })
	noAddr := putOrg(t, a, "demo", "Bürgerinitiative Straßenfest", "", "", func(r *org.Record) { r.Municipality = "Mannheim" })
	arab := putOrg(t, a, "demo", "جمعية الثقافة العربية", "arab@"+domain, "ar", func(r *org.Record) {
		r.Fields, r.Consent = []string{"culture"}, org.Consent{Publish: true, Notice: "2026-01", At: time.Now(), By: "answer"}
	})
	putOrg(t, a, "other-office", "Fremder Verein", "fremd@"+domain, "de", nil)

	var list struct {
		Items []struct {
			ID, Name  string
			State     string
			Directory bool
		}
		NextCursor string
		Counts     map[string]int
		Facets     map[string][]string
	}
	get := func(query string) {
		t.Helper()
		list.Items, list.NextCursor = nil, ""
		st, body := call("GET", "/admin/organisations", nil, query, "")
		if st != 200 {
			t.Fatalf("list %s: %d %s", query, st, body)
		}
		if err := json.Unmarshal([]byte(body), &list); err != nil {
			t.Fatal(err)
		}
	}
	get("")
	if len(list.Items) != 4 || list.Counts["all"] != 4 || list.Counts["bounced"] != 1 || list.Counts["directory"] != 1 ||
		!strings.Contains(fmt.Sprint(list.Facets["fields"]), "youth") || !strings.Contains(fmt.Sprint(list.Facets["municipalities"]), "Mannheim") {
		t.Fatalf("list: %+v", list)
	}
	for q, want := range map[string]int{"field=culture": 2, "q=kulturverein": 1, "q=KULTURVEREIN%20E.V.": 1, "bounced=true": 1, "directory=true": 1,
		"municipality=mannheim": 2, "language=tr": 1, "offer=rooms": 1, "seek=volunteers": 1, "answered=no": 4, "answered=yes": 0, "met=true": 0} {
		get(q)
		if len(list.Items) != want || list.Counts["shown"] != want || list.Counts["all"] != 4 {
			t.Errorf("?%s: %d shown (%+v), want %d", q, len(list.Items), list.Counts, want)
		}
	}
	get("limit=3")
	if len(list.Items) != 3 || list.NextCursor != "3" {
		t.Errorf("page of 3: %d %q", len(list.Items), list.NextCursor)
	}
	get("limit=3&cursor=3")
	if len(list.Items) != 1 || list.NextCursor != "" {
		t.Errorf("second page: %d %q", len(list.Items), list.NextCursor)
	}

	// Read, change over the version (a rename keeps the earlier name),
	// a stale version is a conflict, a GET's answer can be sent back.
	p := map[string]string{"organisationId": dtkv.ID}
	got := a.AdminCall(t, "demo", "GET", one, p, "", "")
	if got.StatusCode != 200 || got.Headers["etag"] != `"1"` {
		t.Fatalf("get: %d %v %s", got.StatusCode, got.Headers, got.Body)
	}
	st, body = call("PUT", one, p, "", `{"name":"DTKV Mannheim","version":1,"contact":{"email":"dtkv@`+domain+`","language":"tr"},"fields":["culture"]}`)
	if st != 200 || !strings.Contains(body, `"earlierNames":["Deutsch-Türkischer Kulturverein e.V."]`) || !strings.Contains(body, `"version":2`) {
		t.Fatalf("rename: %d %s", st, body)
	}
	before = a.Count(t)
	if st, body = call("PUT", one, p, "", `{"name":"Zu spät","version":1}`); st != 409 || errorOf(t, body).Error.Code != "conflict" {
		t.Errorf("stale version: %d %s", st, body)
	}
	r := testenv.Request{Method: "PUT", Path: one, Params: p, Body: `{"name":"Zu spät"}`, Claims: testenv.Claims("demo"), Headers: map[string]string{"if-match": `"1"`}}
	if resp := a.Do(t, a.Admin, r); resp.StatusCode != 409 {
		t.Errorf("stale If-Match: %d %s", resp.StatusCode, resp.Body)
	}
	if after := a.Count(t); after != before {
		t.Errorf("conflicts wrote %d items", after-before)
	}
	got = a.AdminCall(t, "demo", "GET", one, p, "", "")
	if st, body = call("PUT", one, p, "", got.Body); st != 200 {
		t.Errorf("a GET sent back: %d %s", st, body)
	}

	// A new address fixes a bounced contact.
	bp := map[string]string{"organisationId": bounced.ID}
	if st, body = call("PUT", one, bp, "", `{"name":"Sportverein Süd","contact":{"email":"neu@`+domain+`"}}`); st != 200 || !strings.Contains(body, `"state":"active"`) || strings.Contains(body, `"stale":true`) {
		t.Errorf("fix bounced: %d %s", st, body)
	}
	// Another record's address: a conflict naming that record (to merge).
	if st, body = call("PUT", one, map[string]string{"organisationId": arab.ID}, "", `{"name":"جمعية الثقافة العربية","contact":{"email":"DTKV@`+domain+`"}}`); st != 409 || !strings.Contains(body, dtkv.ID) {
		t.Errorf("another record's address: %d %s", st, body)
	}
	_, _ = a.Store.UpdateOrganisation(context.Background(), "demo", bounced.ID, func(r *org.Record) ([]org.Event, error) {
		r.State, r.Contact.Stale = org.ContactBounced, true
		return nil, nil
	})

	// Another office: 404 on every route of a record, nothing written.
	before = a.Count(t)
	for _, c := range []struct{ method, path, body string }{{"GET", one, ""}, {"PUT", one, `{"name":"X"}`}, {"DELETE", one, ""},
		{"POST", one + "/merge", `{"from":"` + arab.ID + `"}`}} {
		if resp := a.AdminCall(t, "other-office", c.method, c.path, p, "", c.body); resp.StatusCode != 404 {
			t.Errorf("another office's %s: %d %s", c.method, resp.StatusCode, resp.Body)
		}
	}
	if resp := a.AdminCall(t, "other-office", "GET", "/admin/organisations", nil, "", ""); !strings.Contains(resp.Body, "Fremder Verein") || strings.Contains(resp.Body, "DTKV") {
		t.Errorf("the other office's list: %s", resp.Body)
	}
	if after := a.Count(t); after != before {
		t.Errorf("another office's requests wrote %d items", after-before)
	}

	// Invite from the register: the one with an address is invited (its
	// invitation carries the record), the bounced and the addressless
	// are skipped; the record's history names the survey.
	sp := map[string]string{"surveyId": seed.SurveyID}
	st, body = call("POST", "/admin/surveys/{surveyId}/invitations", sp, "", fmt.Sprintf(`{"organisations":[%q,%q,%q]}`, dtkv.ID, bounced.ID, noAddr.ID))
	if st != 201 || !strings.Contains(body, `"invited":1`) || !strings.Contains(body, `"skipped":2`) {
		t.Fatalf("invite from the register: %d %s", st, body)
	}
	invs := a.Items(t)["invitation"]
	if len(invs) != 1 || invs[0]["orgId"] != dtkv.ID || invs[0]["email"] != "dtkv@"+domain || invs[0]["language"] != "tr" {
		t.Fatalf("invitation: %+v", invs)
	}
	if st, body = call("POST", "/admin/surveys/{surveyId}/invitations", sp, "", fmt.Sprintf(`{"organisations":[%q]}`, dtkv.ID)); st != 201 || !strings.Contains(body, `"alreadyInvited":1`) {
		t.Errorf("invite again: %d %s", st, body)
	}
	if len(a.Items(t)["outbox"]) != 1 {
		t.Errorf("%d mails queued, want 1", len(a.Items(t)["outbox"]))
	}
	got = a.AdminCall(t, "demo", "GET", one, p, "lang=de", "")
	if !strings.Contains(got.Body, `"kind":"invited"`) || !strings.Contains(got.Body, `"title":"`) || !strings.Contains(got.Body, `"kind":"edited"`) {
		t.Errorf("history: %s", got.Body)
	}

	// XLSX of the filtered list: text survives in every script.
	resp = a.Do(t, a.Admin, testenv.Request{Method: "GET", Path: "/admin/organisations.xlsx", Query: "field=culture", Claims: testenv.Claims("demo")})
	if resp.StatusCode != 200 || !strings.Contains(resp.Headers["content-type"], "spreadsheetml") {
		t.Fatalf("xlsx: %d %v", resp.StatusCode, resp.Headers)
	}
	rows := xlsxRows(t, resp.Body)
	text := fmt.Sprint(rows)
	if len(rows) != 3 || !strings.Contains(text, "DTKV Mannheim") || !strings.Contains(text, "جمعية الثقافة العربية") || strings.Contains(text, "Sportverein") {
		t.Errorf("xlsx rows: %v", rows)
	}

	// Merge: the merged record keeps both histories and the other name.
	st, body = call("POST", one+"/merge", p, "", `{"from":"`+noAddr.ID+`"}`)
	if st != 200 || !strings.Contains(body, "Bürgerinitiative Straßenfest") || !strings.Contains(body, `"municipality":"Mannheim"`) {
		t.Fatalf("merge: %d %s", st, body)
	}
	if st, _ = call("GET", one, map[string]string{"organisationId": noAddr.ID}, "", ""); st != 404 {
		t.Errorf("merged record: %d, want 404", st)
	}

	// Erase the contact person, then the record: audit entries, 404 after.
	st, body = call("DELETE", one, p, "contact=true", "")
	if st != 200 || strings.Contains(body, "dtkv@") || strings.Contains(body, "Ayşe") || !strings.Contains(body, "DTKV Mannheim") {
		t.Fatalf("erase contact: %d %s", st, body)
	}
	if st, body = call("DELETE", one, p, "", ""); st != 200 || !strings.Contains(body, `"erased":true`) {
		t.Fatalf("erase: %d %s", st, body)
	}
	if st, _ = call("GET", one, p, "", ""); st != 404 {
		t.Errorf("erased record: %d", st)
	}
	if st, _ = call("DELETE", one, p, "", ""); st != 404 {
		t.Errorf("erased twice: %d", st)
	}
	_, body = call("GET", "/admin/audit", nil, "", "")
	if !strings.Contains(body, `"kind":"organisation"`) || !strings.Contains(body, `"kind":"organisation_contact"`) || !strings.Contains(body, dtkv.ID) || !strings.Contains(body, `"actor":"coordinator:`) {
		t.Errorf("audit: %s", body)
	}
	for _, it := range a.Items(t)["orglookup"] {
		if it["org"] == dtkv.ID {
			t.Errorf("a lookup of the erased record stayed: %v", it)
		}
	}
}

// xlsxRows reads the first sheet of a workbook answer.
func xlsxRows(t *testing.T, body string) [][]string {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestOrganisationsXLSXKeepsEveryScript: names in German, Turkish,
// Arabic and Cyrillic, with umlauts and ß, and a text that looks like a
// formula come back exactly from the workbook.
func TestOrganisationsXLSXKeepsEveryScript(t *testing.T) {
	a := testenv.NewFunctions(t)
	names := []string{"Straßenfußball Übach e.V.", "Türk Kültür Derneği Ğüşıöç", "الجمعية الثقافية", "Українська громада «Світанок»", "=1+1 Verein"}
	for i, n := range names {
		putOrg(t, a, "demo", n, fmt.Sprintf("x%d@scripts.example", i), "de", func(r *org.Record) { r.OffersText = "Räume\nund Küche" })
	}
	resp := a.Do(t, a.Admin, testenv.Request{Method: "GET", Path: "/admin/organisations.xlsx", Query: "header=labels", Claims: testenv.Claims("demo")})
	if resp.StatusCode != 200 {
		t.Fatalf("xlsx: %d %s", resp.StatusCode, resp.Body)
	}
	rows := xlsxRows(t, resp.Body)
	if len(rows) != len(names)+1 || rows[0][1] != "Name" {
		t.Fatalf("rows: %v", rows)
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		seen[r[1]] = true
		if !strings.Contains(strings.Join(r, "|"), "Räume\nund Küche") {
			t.Errorf("offers text: %q", r)
		}
	}
	for _, n := range names {
		if !seen[n] {
			t.Errorf("%q not in the workbook: %v", n, rows)
		}
	}
}

// TestInviteFiveHundredFromTheRegister: 500 selected records invited to
// the demo survey, the same post twice at once and once more after:
// exactly 500 invitations, 500 mails queued and 500 delivered.
func TestInviteFiveHundredFromTheRegister(t *testing.T) {
	a := testenv.NewFunctions(t)
	domain := strings.ToLower(ulid.Make().String()) + ".example"
	ids := make([]string, 500)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range ids {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			ids[i] = putOrg(t, a, "demo", fmt.Sprintf("Verein %03d", i), fmt.Sprintf("v%03d@%s", i, domain), []string{"de", "tr", "ar", "uk"}[i%4], nil).ID
		}()
	}
	wg.Wait()
	b, _ := json.Marshal(map[string][]string{"organisations": ids})
	sp := map[string]string{"surveyId": seed.SurveyID}
	path := "/admin/surveys/{surveyId}/invitations"
	res := make([]string, 2)
	for i := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp := a.AdminCall(t, "demo", "POST", path, sp, "", string(b))
			if resp.StatusCode != 201 {
				t.Errorf("post %d: %d %s", i, resp.StatusCode, resp.Body)
			}
			res[i] = resp.Body
		}()
	}
	wg.Wait()
	if resp := a.AdminCall(t, "demo", "POST", path, sp, "", string(b)); resp.StatusCode != 201 || !strings.Contains(resp.Body, `"alreadyInvited":500`) {
		t.Errorf("third post: %d %s", resp.StatusCode, resp.Body)
	}
	var invited int
	for _, r := range res {
		var v struct{ Invited, AlreadyInvited int }
		_ = json.Unmarshal([]byte(r), &v)
		invited += v.Invited
	}
	if invited != 500 {
		t.Errorf("the two posts invited %d, want 500 together: %v", invited, res)
	}
	items := a.Items(t)
	if n := len(items["invitation"]); n != 500 {
		t.Fatalf("%d invitations, want 500", n)
	}
	withOrg := 0
	for _, it := range items["invitation"] {
		if it["orgId"] != nil && it["orgId"] != "" {
			withOrg++
		}
	}
	if withOrg != 500 {
		t.Errorf("%d invitations carry their record, want 500", withOrg)
	}
	if n := len(items["outbox"]); n != 500 {
		t.Fatalf("%d mails queued, want 500", n)
	}
	// Delivered: all 500; under the race detector (make test's unit run,
	// where DynamoDB Local serves every package at once and a delivery
	// takes about a second) the first 50 of them: the mailer's claim that
	// sends each once is its own tests' subject.
	want := 500
	if raceEnabled {
		want = 50
		var keep []map[string]any
		for _, it := range items["outbox"] {
			if len(keep) == want {
				break
			}
			keep = append(keep, it)
		}
		ev := events.DynamoDBEvent{}
		for i, it := range keep {
			ev.Records = append(ev.Records, events.DynamoDBEventRecord{EventName: "INSERT", Change: events.DynamoDBStreamRecord{
				SequenceNumber: fmt.Sprint(i), NewImage: map[string]events.DynamoDBAttributeValue{
					"pk": events.NewStringAttribute(it["pk"].(string)), "type": events.NewStringAttribute("outbox")}}})
		}
		m := mailer.New(a.Store, sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), ""), a.Tokens,
			mailer.Config{From: "netzwerk@integration.example", BaseURL: "https://integration.example"}, a.Log(), a.Clock.Now)
		if resp, err := m.Handle(context.Background(), ev); err != nil || len(resp.BatchItemFailures) > 0 {
			t.Fatalf("mailer: %v %+v", err, resp)
		}
	} else {
		deliverOutbox(t, a)
	}
	if n := len(testenv.Inbox(t, domain)); n != want {
		t.Errorf("%d mails delivered, want %d", n, want)
	}
}
