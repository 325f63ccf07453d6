package adminapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
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
	// The link names its invitation and pre-fills the organisation; so
	// does a link of the token alone, as mailed before links named their
	// invitation.
	id := invitation.ID(invitation.Survey, seed.SurveyID, "dtkv@"+domain)
	if token != invitation.Link(a.Tokens, id) {
		t.Fatalf("the mailed link %q does not name its invitation %s", token, id)
	}
	for _, link := range []string{token, a.Tokens.Token(invitation.TokenKind, id)} {
		resp = a.Do(t, a.Survey, testenv.Request{Method: "GET", Path: "/surveys/{surveyId}", Params: p, Query: "invitation=" + url.QueryEscape(link)})
		if !strings.Contains(resp.Body, `"invitation":{"organisation":"Deutsch-Türkischer Kulturverein e.V.","answered":false}`) {
			t.Fatalf("prefill through %q: %s", link, resp.Body)
		}
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
	// A made-up invitation token is refused, and so is the link's
	// invitation with another's token, or the token with another's id.
	dtkv, ukr := invitation.ID(invitation.Survey, seed.SurveyID, "dtkv@"+domain), invitation.ID(invitation.Survey, seed.SurveyID, "ukr@"+domain)
	for _, made := range []string{"made-up", dtkv + "." + a.Tokens.Token(invitation.TokenKind, ukr), ukr + "." + a.Tokens.Token(invitation.TokenKind, dtkv)} {
		bad := fmt.Sprintf(`{"invitation":%q,"answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`, made)
		if resp := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: p, Body: bad}); resp.StatusCode != 422 {
			t.Fatalf("unknown invitation %q: %d", made, resp.StatusCode)
		}
	}
	if n := len(a.Query(t, "SURVEY#"+seed.SurveyID, "RESP#")); n != 1 {
		t.Fatalf("%d answers after refused links", n)
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
// (the office's objections); linking them to the register takes two
// Queries (its address and name lookups), a transaction per round of up
// to 16 new records (one per list bucket: ~125–170 for 2,000 new ones)
// and a PutItem per "invited" event of the history.
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
	if ops["TransactWriteItems"] < 61+125 || ops["TransactWriteItems"] > 61+180 || ops["PutItem"] != 2000 || ops["BatchWriteItem"] != 0 || ops["Query"] != 3 {
		t.Fatalf("round trips %v, want ~61 TransactWriteItems for the invitations, ~125-180 for new records and 2,000 PutItems of their events", ops)
	}
	t.Logf("inviting 2000: %v", ops)
}

// A meeting for personal invitations only ("invitationOnly" in the admin
// API): its JSON and its page say so and the page shows no form;
// registering without an invitation is 403 forbidden in the caller's
// language (JSON and page) and stores nothing, with an unknown one 422;
// through a personal link the form is there and the registration is
// taken.
func TestInvitationOnlyMeeting(t *testing.T) {
	a := testenv.NewFunctions(t)
	p := map[string]string{"meetingId": seed.MeetingID}
	var set map[string]any
	b, _ := json.Marshal(seed.DemoMeeting(time.Now()).Settings)
	_ = json.Unmarshal(b, &set)
	set["invitationOnly"] = true
	b, _ = json.Marshal(set)
	if resp := a.AdminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", p, "", string(b)); resp.StatusCode != 200 {
		t.Fatalf("PUT invitationOnly: %d %s", resp.StatusCode, resp.Body)
	}
	if resp := a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}", p, "", ""); !strings.Contains(resp.Body, `"invitationOnly":true`) {
		t.Fatalf("admin GET: %s", resp.Body)
	}
	if resp := a.Do(t, a.Meeting, testenv.Request{Method: "GET", Path: "/meetings/{meetingId}", Params: p}); !strings.Contains(resp.Body, `"invitationOnly":true`) {
		t.Fatalf("public GET: %s", resp.Body)
	}

	before := a.Count(t)
	register := func(body, lang string) (int, testenv.ErrorBody) {
		resp := a.Do(t, a.Meeting, testenv.Request{Method: "POST", Path: "/meetings/{meetingId}/registrations", Params: p, Body: body,
			Headers: map[string]string{"accept-language": lang}})
		var e testenv.ErrorBody
		_ = json.Unmarshal([]byte(resp.Body), &e)
		return resp.StatusCode, e
	}
	if status, e := register(testenv.RegistrationBody("Ohne Einladung", "ohne@verein.example"), "fa"); status != 403 || e.Error.Code != "forbidden" ||
		!strings.Contains(e.Error.Message, "دعوت") {
		t.Errorf("without an invitation: %d %+v", status, e)
	}
	withToken := func(name, email, token string) string {
		var m map[string]any
		_ = json.Unmarshal([]byte(testenv.RegistrationBody(name, email)), &m)
		m["invitation"] = token
		b, _ := json.Marshal(m)
		return string(b)
	}
	if status, e := register(withToken("Falsch", "falsch@verein.example", "not-a-token"), "de"); status != 422 || e.Error.Code != "validation_failed" {
		t.Errorf("with an unknown invitation: %d %+v", status, e)
	}
	path := "/m/" + seed.MeetingID
	form := url.Values{web.StampField: {testenv.Stamp(path)}, "name": {"Ayşe Yılmaz"}, "email": {"ayse@verein.example"}, "consent.privacy": {"true"}}
	if resp := testenv.Page(t, a.Meeting, "POST", "/m/{meetingId}", path, p, "lang=ar", form, nil); resp.StatusCode != 403 ||
		!strings.Contains(resp.Body, `lang="ar" dir="rtl"`) || !strings.Contains(resp.Body, "دعوة") {
		t.Errorf("page without an invitation: %d %.1500s", resp.StatusCode, resp.Body)
	}
	if after := a.Count(t); after != before {
		t.Errorf("refused registrations changed the table: %d → %d items", before, after)
	}
	get := testenv.Page(t, a.Meeting, "GET", "/m/{meetingId}", path, p, "lang=de", nil, nil)
	if get.StatusCode != 200 || !strings.Contains(get.Body, "nur mit einer persönlichen Einladung") || strings.Contains(get.Body, `name="consent.privacy"`) {
		t.Errorf("page: %d %.3000s", get.StatusCode, get.Body)
	}

	// A personal invitation: its link shows the form, and registers.
	if resp := a.AdminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/invitations", p, "",
		`{"invitations":[{"organisation":"Kulturbrücke e.V.","email":"info@kulturbruecke.example","language":"de"}]}`); resp.StatusCode != 201 {
		t.Fatalf("invite: %s", resp.Body)
	}
	token := a.Tokens.Token(invitation.TokenKind, invitation.ID(invitation.Meeting, seed.MeetingID, "info@kulturbruecke.example"))
	get = testenv.Page(t, a.Meeting, "GET", "/m/{meetingId}", path, p, "lang=de&invitation="+url.QueryEscape(token), nil, nil)
	if get.StatusCode != 200 || !strings.Contains(get.Body, `name="consent.privacy"`) || !strings.Contains(get.Body, `name="invitation"`) {
		t.Errorf("page through the personal link: %d %.2000s", get.StatusCode, get.Body)
	}
	if status, e := register(withToken("Lea", "lea@kulturbruecke.example", token), "de"); status != 201 {
		t.Fatalf("through the invitation: %d %+v", status, e)
	}
}

// TestInvitationMailNamesTheDeadline: the invitation to a survey that
// closes says until when to answer.
func TestInvitationMailNamesTheDeadline(t *testing.T) {
	a := testenv.NewFunctions(t)
	d := seed.DemoSurvey()
	closes := time.Date(2031, 6, 30, 21, 59, 0, 0, time.UTC)
	d.ClosesAt = &closes
	if err := a.Store.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	domain := "deadline.example"
	resp := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", map[string]string{"surveyId": seed.SurveyID}, "",
		`{"invitations":[{"organisation":"Kulturbrücke e.V.","email":"info@`+domain+`","language":"de"}]}`)
	if resp.StatusCode != 201 {
		t.Fatalf("invite: %d %s", resp.StatusCode, resp.Body)
	}
	deliverOutbox(t, a)
	mails := testenv.Inbox(t, domain)
	if len(mails) != 1 || !strings.Contains(mails[0].Body.Text, "Bitte antworten Sie bis Montag, 30. Juni 2031, 23:59 Uhr.") {
		t.Fatalf("the invitation does not name the deadline: %+v", mails)
	}
}
