package adminapi_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

func TestSurveyInvitationsEndToEnd(t *testing.T) {
	a := testenv.NewFunctions(t, testenv.At(time.Now()))
	clock := a.Clock
	domain := strings.ToLower(ulid.Make().String()) + ".example"
	p := map[string]string{"surveyId": seed.SurveyID}
	path := "/admin/surveys/{surveyId}/invitations"
	list := fmt.Sprintf(`{"invitations":[
		{"organisation":"Deutsch-Türkischer Kulturverein e.V.","email":"dtkv@%[1]s","language":"tr"},
		{"organisation":"Українська громада","email":"ukr@%[1]s","language":"en"},
		{"organisation":"جمعية الثقافة","email":"arab@%[1]s"},
		{"organisation":"DTKV (doppelt)","email":"DTKV@%[1]s"}]}`, domain)
	resp := a.AdminCall(t, "demo", "POST", path, p, "", list)
	if resp.StatusCode != 201 || !strings.Contains(resp.Body, `"invited":3`) || !strings.Contains(resp.Body, `"merged":1`) {
		t.Fatalf("invite: %d %s", resp.StatusCode, resp.Body)
	}
	// A CSV upload (Excel style: BOM, ';') adds one new address and skips a known one.
	csvBody := "\ufeffOrganisation;E-Mail;Sprache\r\nKulturbrücke e.V.;bruecke@" + domain + ";de\r\nUkrainian again;ukr@" + domain + ";\r\n"
	resp = a.Do(t, a.Admin, testenv.Request{Method: "POST", Path: path, Params: p, Body: csvBody, ContentType: "text/csv; charset=utf-8", Claims: testenv.Claims("demo")})
	if resp.StatusCode != 201 || !strings.Contains(resp.Body, `"invited":1`) || !strings.Contains(resp.Body, `"alreadyInvited":1`) {
		t.Fatalf("csv invite: %d %s", resp.StatusCode, resp.Body)
	}
	deliverOutbox(t, a)
	mails := testenv.Inbox(t, domain)
	if len(mails) != 4 {
		t.Fatalf("%d invitation mails, want 4", len(mails))
	}
	var dtkvLink, token string
	for _, m := range mails {
		if m.Destination.To[0] == `"Deutsch-Türkischer Kulturverein e.V." <dtkv@`+domain+`>` || strings.Contains(m.Destination.To[0], "dtkv@") {
			if match := linkRE.FindStringSubmatch(m.Body.Text); match != nil {
				dtkvLink, token = match[0], match[1]
			}
		}
	}
	if dtkvLink == "" {
		t.Fatalf("no personal link in %+v", mails)
	}
	token, _ = url.QueryUnescape(token)
	// The link pre-fills the organisation.
	resp = a.Do(t, a.Survey, testenv.Request{Method: "GET", Path: "/surveys/{surveyId}", Params: p, Query: "invitation=" + url.QueryEscape(token)})
	if !strings.Contains(resp.Body, `"invitation":{"organisation":"Deutsch-Türkischer Kulturverein e.V.","answered":false}`) {
		t.Fatalf("prefill: %s", resp.Body)
	}
	// Answer through the link, twice: the second answer replaces the first.
	for _, members := range []string{"20-49", "50-99"} {
		body := fmt.Sprintf(`{"invitation":%q,"answers":{"org_name":"Deutsch-Türkischer Kulturverein e.V.","fields_of_activity":["culture"],"members":%q},"consent":{"privacy":true}}`, token, members)
		if resp := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: p, Body: body}); resp.StatusCode != 201 {
			t.Fatalf("answer via link: %d %s", resp.StatusCode, resp.Body)
		}
	}
	responses := a.Query(t, "SURVEY#"+seed.SurveyID, "RESP#")
	if len(responses) != 1 || responses[0]["answers"].(map[string]any)["members"] != "50-99" {
		t.Fatalf("responses via one link: %v", responses)
	}
	// A made-up invitation token is refused.
	bad := `{"invitation":"made-up","answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`
	if resp := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: p, Body: bad}); resp.StatusCode != 422 {
		t.Fatalf("unknown invitation: %d", resp.StatusCode)
	}
	// Status list.
	resp = a.AdminCall(t, "demo", "GET", path, p, "", "")
	var page struct {
		Items []struct{ Email, Status, Organisation string }
	}
	_ = json.Unmarshal([]byte(resp.Body), &page)
	statuses := map[string]string{}
	for _, it := range page.Items {
		statuses[strings.Split(it.Email, "@")[0]] = it.Status
	}
	if len(page.Items) != 4 || statuses["dtkv"] != "answered" || statuses["ukr"] != "invited" {
		t.Fatalf("statuses %v (%s)", statuses, resp.Body)
	}
	// Reminders: not within 24 h of the invitation; then only the three
	// who have not answered; then not again within 24 h.
	remind := "/admin/surveys/{surveyId}/invitations/reminders"
	if resp := a.AdminCall(t, "demo", "POST", remind, p, "", ""); !strings.Contains(resp.Body, `"reminded":0`) {
		t.Fatalf("early reminder: %s", resp.Body)
	}
	clock.Add(25 * time.Hour)
	if resp := a.AdminCall(t, "demo", "POST", remind, p, "", ""); !strings.Contains(resp.Body, `"reminded":3`) {
		t.Fatalf("reminder: %s", resp.Body)
	}
	clock.Add(time.Hour)
	if resp := a.AdminCall(t, "demo", "POST", remind, p, "", ""); !strings.Contains(resp.Body, `"reminded":0`) {
		t.Fatalf("second reminder within 24 h: %s", resp.Body)
	}
	deliverOutbox(t, a)
	reminders := 0
	for _, m := range testenv.Inbox(t, domain) {
		if strings.Contains(m.Subject, "Erinnerung") || strings.Contains(m.Subject, "Reminder") {
			reminders++
			if strings.Contains(m.Destination.To[0], "dtkv@") {
				t.Error("reminder to an organisation that answered")
			}
		}
	}
	if reminders != 3 {
		t.Fatalf("%d reminder mails, want 3", reminders)
	}
}

func TestInvitationBadLists(t *testing.T) {
	a := testenv.NewFunctions(t)
	p := map[string]string{"surveyId": seed.SurveyID}
	path := "/admin/surveys/{surveyId}/invitations"
	var many strings.Builder
	many.WriteString(`{"invitations":[`)
	for i := 0; i < 2001; i++ {
		if i > 0 {
			many.WriteString(",")
		}
		fmt.Fprintf(&many, `{"organisation":"V%d","email":"v%d@x.example"}`, i, i)
	}
	many.WriteString("]}")
	tests := []struct {
		name, body, ct string
		status         int
		field          string
	}{
		{"bad email on line 2", `{"invitations":[{"organisation":"A","email":"a@x.example"},{"organisation":"B","email":"not-an-email"}]}`, "", 422, "line 2: email"},
		{"missing organisation", `{"invitations":[{"organisation":"","email":"a@x.example"}]}`, "", 422, "line 1: organisation"},
		{"empty list", `{"invitations":[]}`, "", 422, "invitations"},
		{"over 2000 rows", many.String(), "", 422, "invitations"},
		{"unknown field", `{"invitations":[{"organisation":"A","email":"a@x.example","phone":"1"}]}`, "", 400, ""},
		{"csv wrong columns", "name;address\nA;a@x.example\n", "text/csv", 422, "line 1"},
		{"csv bad line 3", "organisation,email\nA,a@x.example\nB,b(at)x.example\n", "text/csv", 422, "line 3: email"},
		{"csv neither utf-8 nor windows-1252", "organisation,email\n\x00\xff,a@x.example\n", "text/csv", 400, ""},
		{"text/plain", "organisation,email\n", "text/plain", 415, ""},
	}
	before := a.Count(t)
	for _, tt := range tests {
		resp := a.Do(t, a.Admin, testenv.Request{Method: "POST", Path: path, Params: p, Body: tt.body, ContentType: tt.ct, Claims: testenv.Claims("demo")})
		if resp.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d: %.300s", tt.name, resp.StatusCode, tt.status, resp.Body)
			continue
		}
		if tt.field != "" && !strings.Contains(resp.Body, `"field":"`+tt.field) {
			t.Errorf("%s: no field %q in %.300s", tt.name, tt.field, resp.Body)
		}
	}
	if after := a.Count(t); after != before {
		t.Fatalf("rejected lists wrote %d items", after-before)
	}
}

func TestMeetingInvitationRegisters(t *testing.T) {
	a := testenv.NewFunctions(t)
	domain := strings.ToLower(ulid.Make().String()) + ".example"
	p := map[string]string{"meetingId": seed.MeetingID}
	resp := a.AdminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/invitations", p, "",
		`{"invitations":[{"organisation":"Kulturbrücke e.V.","email":"info@`+domain+`","language":"de"}]}`)
	if resp.StatusCode != 201 {
		t.Fatal(resp.Body)
	}
	deliverOutbox(t, a)
	mails := testenv.Inbox(t, domain)
	if len(mails) != 1 || !strings.Contains(mails[0].Subject, "Einladung") {
		t.Fatalf("mails %+v", mails)
	}
	m := linkRE.FindStringSubmatch(mails[0].Body.Text)
	if m == nil || !strings.Contains(m[0], "/m/"+seed.MeetingID+"?invitation=") {
		t.Fatalf("no meeting link in %q", mails[0].Body.Text)
	}
	token, _ := url.QueryUnescape(m[1])
	get := a.Do(t, a.Meeting, testenv.Request{Method: "GET", Path: "/meetings/{meetingId}", Params: p, Query: "invitation=" + url.QueryEscape(token)})
	if !strings.Contains(get.Body, `"organisation":"Kulturbrücke e.V."`) {
		t.Fatalf("prefill: %s", get.Body)
	}
	body := fmt.Sprintf(`{"name":"Lea","email":"info@%s","organisation":"Kulturbrücke e.V.","invitation":%q,"consent":{"privacy":true}}`, domain, token)
	if resp := a.Do(t, a.Meeting, testenv.Request{Method: "POST", Path: "/meetings/{meetingId}/registrations", Params: p, Body: body}); resp.StatusCode != 201 {
		t.Fatalf("register via invitation: %s", resp.Body)
	}
	resp = a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/invitations", p, "", "")
	if !strings.Contains(resp.Body, `"status":"registered"`) {
		t.Fatalf("status: %s", resp.Body)
	}
}

// TestLargeListsAreInvitedInBatches: 2,000 organisations take 61 transactions
// of up to 33 invitations (invitation, token, mail each) and one Query
// (the office's objections).
func TestLargeListsAreInvitedInBatches(t *testing.T) {
	a := testenv.NewFunctions(t)
	var b strings.Builder
	b.WriteString(`{"invitations":[`)
	for i := 0; i < 2000; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"organisation":"Verein %d","email":"v%d@x.example"}`, i, i)
	}
	b.WriteString("]}")
	a.Calls.Reset()
	resp := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", map[string]string{"surveyId": seed.SurveyID}, "", b.String())
	if resp.StatusCode != 201 || !strings.Contains(resp.Body, `"invited":2000`) {
		t.Fatalf("%d %s", resp.StatusCode, resp.Body)
	}
	ops := map[string]int{}
	for _, op := range a.Calls.Reset() {
		ops[op]++
	}
	if ops["TransactWriteItems"] < 61 || ops["TransactWriteItems"] > 70 || ops["BatchWriteItem"] != 0 || ops["Query"] != 1 {
		t.Fatalf("round trips %v, want ~61 TransactWriteItems", ops)
	}
	t.Logf("inviting 2000: %v", ops)
}
