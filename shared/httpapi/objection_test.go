package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	"github.com/integration-offices/netzwerk-backend/shared/web/pages"
)

// objectionCall calls the objection page of token.
func objectionCall(t *testing.T, a *testenv.Functions, method, token, query string, form url.Values) (int, string, map[string]string) {
	t.Helper()
	resp := testenv.Page(t, a.Survey, method, "/x/{token}", pages.ObjectionPath(token), map[string]string{"token": token}, query, form, nil)
	return resp.StatusCode, resp.Body, resp.Headers
}

// TestObjectionLink: the objection link's page shows one button and
// changes nothing, however often it is opened; its POST (bot guard,
// same origin) records the objection once, marks the invitation
// objected and sends the browser to a page that says so; made-up and
// foreign tokens are 404.
func TestObjectionLink(t *testing.T) {
	a := testenv.NewFunctions(t, testenv.At(time.Now()))
	clock := a.Clock
	domain := strings.ToLower(ulid.Make().String()) + ".example"
	p := map[string]string{"surveyId": seed.SurveyID}
	body := fmt.Sprintf(`{"invitations":[{"organisation":"Kulturbrücke e.V.","email":"Info+Netz@%[1]s","language":"ar"},
		{"organisation":"Other","email":"other@%[1]s"}]}`, domain)
	if resp := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", p, "", body); resp.StatusCode != 201 {
		t.Fatalf("invite: %d %s", resp.StatusCode, resp.Body)
	}
	invID := invitation.ID(invitation.Survey, seed.SurveyID, "info+netz@"+domain)
	token := invitation.ObjectionToken(a.Tokens, invitation.Survey, seed.SurveyID, invID)
	before := a.Items(t)

	// Opening the link (twice: a mail scanner, then the person) changes nothing.
	for range 2 {
		status, page, headers := objectionCall(t, a, "GET", token, "lang=ar", nil)
		if status != 200 || !strings.Contains(page, `id="objection-submit"`) || !strings.Contains(page, "Kulturbrücke e.V.") ||
			!strings.Contains(page, `dir="rtl"`) || !strings.Contains(page, "إدارة مقاطعة موستركرايس") || headers["cache-control"] != "no-store" {
			t.Fatalf("objection page: %d %v %s", status, headers, page)
		}
	}
	if after := a.Items(t); !reflect.DeepEqual(before, after) {
		t.Fatalf("a GET changed the table")
	}
	// Too fast (no person sends it within 3 s), or from another site:
	// nothing is recorded.
	path := pages.ObjectionPath(token)
	if status, _, _ := objectionCall(t, a, "POST", token, "lang=de", url.Values{web.StampField: {web.Stamp(a.Tokens, path, time.Now())}}); status != 422 {
		t.Fatalf("a post without a person's fill time: %d", status)
	}
	cross := testenv.Page(t, a.Survey, "POST", "/x/{token}", path, map[string]string{"token": token}, "", url.Values{web.StampField: {testenv.Stamp(path)}},
		map[string]string{"origin": "https://evil.example", "sec-fetch-site": "cross-site"})
	if cross.StatusCode != 403 {
		t.Fatalf("a cross-site post: %d", cross.StatusCode)
	}
	if after := a.Items(t); !reflect.DeepEqual(before, after) {
		t.Fatalf("a refused post changed the table")
	}
	// The person objects (a double click: twice).
	var firstAt any
	for i := range 2 {
		status, _, headers := objectionCall(t, a, "POST", token, "lang=de", url.Values{web.StampField: {testenv.Stamp(path)}})
		if status != 303 || headers["location"] != path+"?done=1&lang=de" {
			t.Fatalf("object: %d %v", status, headers)
		}
		objections := a.Items(t)["objection"]
		if len(objections) != 1 {
			t.Fatalf("%d objection items, want 1", len(objections))
		}
		o := objections[0]
		if o["pk"] != "OFFICE#demo" || strings.Contains(fmt.Sprint(o), domain) || strings.Contains(fmt.Sprint(o), "info") {
			t.Fatalf("objection item %v: in the office's partition, without the address", o)
		}
		if exp, _ := o["expiresAt"].(float64); exp < float64(clock.Now().Add(9*365*24*time.Hour).Unix()) {
			t.Errorf("objection TTL %v: want about ten years", o["expiresAt"])
		}
		if i == 0 {
			firstAt = o["objectedAt"]
		} else if o["objectedAt"] != firstAt {
			t.Errorf("a repeated objection moved its time: %v → %v", firstAt, o["objectedAt"])
		}
	}
	status, page, _ := objectionCall(t, a, "GET", token, "done=1&lang=de", nil)
	if status != 200 || !strings.Contains(page, "Widerspruch gespeichert") || strings.Contains(page, `id="objection-submit"`) {
		t.Fatalf("done page: %d %s", status, page)
	}
	statuses := invitationStatuses(t, a, "surveys", seed.SurveyID)
	if statuses["Info+Netz"] != "objected" || statuses["other"] != "invited" {
		t.Fatalf("statuses after the objection: %v", statuses)
	}
	// Made up, tampered with, or not ours: 404 in the page's language.
	other := invitation.ObjectionToken(a.Tokens, invitation.Meeting, seed.MeetingID, invID)
	for _, tok := range []string{"made-up", token[:len(token)-2] + "AA", strings.Replace(token, ".", "x.", 1), other} {
		if status, page, _ := objectionCall(t, a, "GET", tok, "lang=en", nil); status != 404 || !strings.Contains(page, "not valid") {
			t.Errorf("token %q: %d %s", tok, status, page)
		}
		if status, _, _ := objectionCall(t, a, "POST", tok, "lang=en", url.Values{web.StampField: {testenv.Stamp(pages.ObjectionPath(tok))}}); status != 404 {
			t.Errorf("post with token %q: %d", tok, status)
		}
	}
}

// invitationStatuses reads a target's invitation list: the status by the
// address's local part.
func invitationStatuses(t *testing.T, a *testenv.Functions, kind, id string) map[string]string {
	t.Helper()
	param := map[string]string{"surveys": "surveyId", "meetings": "meetingId"}[kind]
	resp := a.AdminCall(t, "demo", "GET", "/admin/"+kind+"/{"+param+"}/invitations", map[string]string{param: id}, "", "")
	var page struct {
		Items []struct{ Email, Status string }
	}
	if err := json.Unmarshal([]byte(resp.Body), &page); err != nil {
		t.Fatalf("invitations: %v %s", err, resp.Body)
	}
	out := map[string]string{}
	for _, it := range page.Items {
		out[strings.Split(it.Email, "@")[0]] = it.Status
	}
	return out
}

var objectionRE = regexp.MustCompile(`https?://[^\s]+/x/([A-Za-z0-9_.-]+)\?lang=`)

// TestObjectionStopsInvitations: every invitation and reminder links the
// objection page; after the objection the address gets nothing more from
// the office: the mailer refuses an invitation queued before (and marks
// it objected), a re-upload and an upload for another meeting list it as
// objected and send nothing, reminders pass it by, and the console shows
// the objection in words.
func TestObjectionStopsInvitations(t *testing.T) {
	a := testenv.NewFunctions(t, testenv.At(time.Now()))
	clock := a.Clock
	session, console := a.SignIn(t)
	domain := strings.ToLower(ulid.Make().String()) + ".example"
	sp, mp := map[string]string{"surveyId": seed.SurveyID}, map[string]string{"meetingId": seed.MeetingID}
	list := fmt.Sprintf(`{"invitations":[{"organisation":"Verein A","email":"a@%[1]s","language":"tr"},{"organisation":"Verein B","email":"b@%[1]s"}]}`, domain)
	invite := func(kind string, params map[string]string, want string) {
		t.Helper()
		param := map[string]string{"surveys": "surveyId", "meetings": "meetingId"}[kind]
		resp := a.AdminCall(t, "demo", "POST", "/admin/"+kind+"/{"+param+"}/invitations", params, "", list)
		if resp.StatusCode != 201 || !strings.Contains(resp.Body, want) {
			t.Fatalf("invite %s: %d %s, want %s", kind, resp.StatusCode, resp.Body, want)
		}
	}
	invite("surveys", sp, `"invited":2,"alreadyInvited":0,"merged":0,"objected":0`)
	deliverOutbox(t, a)
	var link string
	for _, m := range testenv.Inbox(t, domain) {
		match := objectionRE.FindStringSubmatch(m.Body.Text)
		if match == nil {
			t.Fatalf("no objection link in %q", m.Body.Text)
		}
		if strings.Contains(m.Destination.To[0], "a@") {
			link = match[1]
		}
	}
	// A meeting invitation is queued; before it goes out, A objects
	// through the survey mail's link.
	invite("meetings", mp, `"invited":2`)
	if status, _, _ := objectionCall(t, a, "POST", link, "lang=tr", url.Values{web.StampField: {testenv.Stamp(pages.ObjectionPath(link))}}); status != 303 {
		t.Fatalf("object: %d", status)
	}
	deliverOutbox(t, a)
	mailsTo := func(who string) int {
		n := 0
		for _, m := range testenv.Inbox(t, domain) {
			if strings.Contains(m.Destination.To[0], who+"@") {
				n++
			}
		}
		return n
	}
	if got, b := mailsTo("a"), mailsTo("b"); got != 1 || b != 2 {
		t.Fatalf("mails: A %d (want the first survey invitation only), B %d", got, b)
	}
	if st := invitationStatuses(t, a, "meetings", seed.MeetingID); st["a"] != "objected" || st["b"] != "invited" {
		t.Fatalf("meeting invitations after the mailer refused A's: %v", st)
	}
	// The list uploaded again, to both: A is listed as objected, nothing sent.
	invite("surveys", sp, `"invited":0,"alreadyInvited":1,"merged":0,"objected":1`)
	invite("meetings", mp, `"invited":0,"alreadyInvited":1,"merged":0,"objected":1`)
	// Reminders a day later reach B only.
	clock.Add(25 * time.Hour)
	for _, kind := range []string{"surveys", "meetings"} {
		param := map[string]string{"surveys": "surveyId", "meetings": "meetingId"}[kind]
		resp := a.AdminCall(t, "demo", "POST", "/admin/"+kind+"/{"+param+"}/invitations/reminders", map[string]string{param: map[string]string{"surveys": seed.SurveyID, "meetings": seed.MeetingID}[kind]}, "", "")
		if !strings.Contains(resp.Body, `"reminded":1`) {
			t.Fatalf("%s reminders: %s", kind, resp.Body)
		}
	}
	deliverOutbox(t, a)
	if got, b := mailsTo("a"), mailsTo("b"); got != 1 || b != 4 {
		t.Fatalf("mails after re-uploads and reminders: A %d, B %d", got, b)
	}
	for _, m := range testenv.Inbox(t, domain) {
		if strings.Contains(m.Subject, "Erinnerung") && !objectionRE.MatchString(m.Body.Text) {
			t.Errorf("a reminder without the objection link: %q", m.Body.Text)
		}
	}
	// The console says it in words.
	page := a.Do(t, console, session.Request(routes.Route{Method: "GET", Path: "/console/surveys/{surveyId}", Function: routes.Admin, Page: true}, "demo", ""))
	if page.StatusCode != 200 || !strings.Contains(page.Body, ">widersprochen<") || !strings.Contains(page.Body, "1 Adresse hat weiteren Einladungen des Amts widersprochen") {
		t.Fatalf("console: %d %s", page.StatusCode, page.Body)
	}
}

// deliverOutbox hands every pending outbox item to the mailer, sending
// through the local SES, as the stream would.
func deliverOutbox(t *testing.T, a *testenv.Functions) {
	t.Helper()
	if resp := a.Deliver(t, sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), ""), mailer.Config{}); len(resp.BatchItemFailures) > 0 {
		t.Fatalf("mailer: %+v", resp)
	}
}

// TestDeletedLinkStaysDeadAfterAnObjection: an invitation mailed, then
// objected to through its mail and deleted by a coordinator, comes back
// with the list as objected, listed and never mailed: the link the
// address received before opens nothing, in either spelling (the
// invitation keeps no token hash), and answering through it is refused.
func TestDeletedLinkStaysDeadAfterAnObjection(t *testing.T) {
	a := testenv.NewFunctions(t, testenv.At(time.Now()))
	ctx := context.Background()
	domain := strings.ToLower(ulid.Make().String()) + ".example"
	sp := map[string]string{"surveyId": seed.SurveyID}
	list := `{"invitations":[{"organisation":"Kulturbrücke e.V.","email":"info@` + domain + `","language":"de"}]}`
	if resp := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", sp, "", list); resp.StatusCode != 201 {
		t.Fatalf("invite: %d %s", resp.StatusCode, resp.Body)
	}
	deliverOutbox(t, a)
	id := invitation.ID(invitation.Survey, seed.SurveyID, "info@"+domain)
	link := invitation.Link(a.Tokens, id)
	mails := testenv.Inbox(t, domain)
	if len(mails) != 1 || !strings.Contains(mails[0].Body.Text, "invitation="+url.QueryEscape(link)) {
		t.Fatalf("no mail with the link %s: %+v", link, mails)
	}
	objection := objectionRE.FindStringSubmatch(mails[0].Body.Text)
	if objection == nil {
		t.Fatalf("no objection link in %q", mails[0].Body.Text)
	}
	if status, _, _ := objectionCall(t, a, "POST", objection[1], "lang=de", url.Values{web.StampField: {testenv.Stamp(pages.ObjectionPath(objection[1]))}}); status != 303 {
		t.Fatalf("object: %d", status)
	}
	v, err := a.Store.Invitation(ctx, invitation.Survey, seed.SurveyID, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Store.DeleteInvitation(ctx, v); err != nil {
		t.Fatal(err)
	}
	if resp := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", sp, "", list); resp.StatusCode != 201 || !strings.Contains(resp.Body, `"objected":1`) {
		t.Fatalf("invite again: %d %s", resp.StatusCode, resp.Body)
	}
	_, alone := invitation.Split(link)
	for _, l := range []string{link, alone} {
		if got, err := invitation.Resolve(ctx, a.Store, invitation.Survey, seed.SurveyID, l); got != nil || err != nil {
			t.Errorf("the deleted invitation's link opens again: %v %v", got, err)
		}
		body := fmt.Sprintf(`{"invitation":%q,"answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`, l)
		if resp := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: sp, Body: body}); resp.StatusCode != 422 {
			t.Errorf("an answer through the deleted link: %d %s", resp.StatusCode, resp.Body)
		}
	}
	if st := invitationStatuses(t, a, "surveys", seed.SurveyID); st["info"] != "objected" {
		t.Errorf("the invitation after the refused answers: %v", st)
	}
}
