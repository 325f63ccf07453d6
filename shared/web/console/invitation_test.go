package console_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/remind"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// invitations is the demo survey's invitations as stored, by address.
func invitations(t *testing.T, a *testenv.Functions) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, it := range a.Items(t)["invitation"] {
		out[fmt.Sprint(it["email"])] = it
	}
	return out
}

// mailsFor counts the queued mails of kind for an invitation id.
func mailsFor(t *testing.T, a *testenv.Functions, kind, invID string) int {
	n := 0
	for _, it := range a.Items(t)["outbox"] {
		if it["invitationId"] == invID && it["kind"] == kind {
			n++
		}
	}
	return n
}

// postForm sends a console form of office to route with values (and the
// session's CSRF token).
func postForm(t *testing.T, a *testenv.Functions, s *testenv.Sessions, h app.Handler, office, route string, params map[string]string, values url.Values) testenv.Request {
	t.Helper()
	r := s.Request(routes.Route{Method: "POST", Path: route}, office, "")
	for k, v := range params {
		r.Params[k] = v
	}
	values.Set("csrf", s.CSRF(s.TokenFor(office)))
	r.Body = values.Encode()
	return r
}

// TestConsoleInvitationsOneByOne: a coordinator invites one organisation
// by a form (mailed like an uploaded line), changes its language and its
// address (a new invitation, the old link gone), sends it again (once per
// post, even when the same post comes twice or at once), marks another
// answered elsewhere (no reminders any more) and deletes one; another
// office's invitation is 404 for every action, and nothing changes.
func TestConsoleInvitationsOneByOne(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	sp := map[string]string{"surveyId": seed.SurveyID}
	list := "/console/surveys/{surveyId}/invitations"
	one := "/console/surveys/{surveyId}/invitations/{invitationId}"

	// Add: mistakes show the form again, in the coordinator's language, nothing written.
	bad := postForm(t, a, s, h, "demo", list, sp, url.Values{"add": {"one"}, "organisation": {"Kulturverein"}, "email": {"nicht-gueltig"}, "language": {"tr"}})
	before := a.Count(t)
	resp := a.Do(t, h, bad)
	if resp.StatusCode != 422 || !strings.Contains(resp.Body, `id="email-error"`) || !strings.Contains(resp.Body, `value="Kulturverein"`) {
		t.Fatalf("add with a bad address: %d, want 422 with the error beside the field and the input kept: %.2000s", resp.StatusCode, resp.Body)
	}
	if after := a.Count(t); after != before {
		t.Fatalf("a refused invitation wrote %d items", after-before)
	}
	for _, email := range []string{"kultur@one.example", "sport@one.example", "jugend@one.example"} {
		resp = a.Do(t, h, postForm(t, a, s, h, "demo", list, sp, url.Values{"add": {"one"}, "organisation": {"Verein " + email}, "email": {email}, "language": {"tr"}}))
		if resp.StatusCode != 303 || !strings.Contains(resp.Headers["location"], "invited=1") {
			t.Fatalf("add %s: %d %q", email, resp.StatusCode, resp.Headers["location"])
		}
	}
	invs := invitations(t, a)
	kultur := fmt.Sprint(invs["kultur@one.example"]["id"])
	if invs["kultur@one.example"]["language"] != "tr" || mailsFor(t, a, "invitation", kultur) != 1 {
		t.Fatalf("the added invitation: %v, %d mails", invs["kultur@one.example"], mailsFor(t, a, "invitation", kultur))
	}
	// The list links each invitation's page.
	page := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/surveys/{surveyId}"}, "demo", ""))
	if !strings.Contains(page.Body, "/invitations/"+kultur) {
		t.Errorf("the survey page does not link the invitation")
	}

	// Another office: 404 for the page and for every action, nothing changes.
	ip := map[string]string{"surveyId": seed.SurveyID, "invitationId": kultur}
	get := s.Request(routes.Route{Method: "GET", Path: one}, "other-office", "")
	get.Params = ip
	if r := a.Do(t, h, get); r.StatusCode != 404 {
		t.Errorf("another office's invitation page: %d, want 404", r.StatusCode)
	}
	s.TokenFor("other-office")
	before = a.Count(t)
	for _, act := range []url.Values{
		{"action": {"save"}, "organisation": {"X"}, "email": {"x@other.example"}, "language": {"de"}},
		{"action": {"resend"}}, {"action": {"elsewhere"}}, {"action": {"delete"}, "confirm": {"yes"}}, {"action": {"nonsense"}},
	} {
		if r := a.Do(t, h, postForm(t, a, s, h, "other-office", one, ip, act)); r.StatusCode != 404 {
			t.Errorf("another office's %s: %d, want 404", act.Get("action"), r.StatusCode)
		}
	}
	if after := a.Count(t); after != before || invitations(t, a)["kultur@one.example"]["language"] != "tr" {
		t.Errorf("another office's posts changed something (%d items)", after-before)
	}
	// Unknown invitation of our own survey: 404 too.
	get.Params = map[string]string{"surveyId": seed.SurveyID, "invitationId": "nosuchinvitation"}
	get.Cookies = s.Request(routes.Route{Method: "GET", Path: one}, "demo", "").Cookies
	if r := a.Do(t, h, get); r.StatusCode != 404 {
		t.Errorf("unknown invitation: %d, want 404", r.StatusCode)
	}

	// The page.
	get = s.Request(routes.Route{Method: "GET", Path: one}, "demo", "")
	get.Params = ip
	if r := a.Do(t, h, get); r.StatusCode != 200 || !strings.Contains(r.Body, "Verein kultur@one.example") || !strings.Contains(r.Body, `value="resend"`) {
		t.Fatalf("invitation page: %d %.1000s", r.StatusCode, r.Body)
	}

	// Change the language: same invitation, no mail.
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", one, ip, url.Values{"action": {"save"}, "organisation": {"Kulturverein Süd"}, "email": {"kultur@one.example"}, "language": {"ar"}}))
	if resp.StatusCode != 303 || !strings.Contains(resp.Headers["location"], kultur) {
		t.Fatalf("change language: %d %q", resp.StatusCode, resp.Headers["location"])
	}
	if v := invitations(t, a)["kultur@one.example"]; v["language"] != "ar" || v["organisation"] != "Kulturverein Süd" || mailsFor(t, a, "invitation", kultur) != 1 {
		t.Errorf("after the change: %v", v)
	}

	// Resend: the same post twice and twice at once send one mail each time.
	stamp := testenv.Stamp("/console/surveys/" + seed.SurveyID + "/invitations/" + kultur)
	resend := postForm(t, a, s, h, "demo", one, ip, url.Values{"action": {"resend"}, "form.stamp": {stamp}})
	for range 2 {
		if r := a.Do(t, h, resend); r.StatusCode != 303 || !strings.Contains(r.Headers["location"], "resent=1") {
			t.Fatalf("resend: %d %q", r.StatusCode, r.Headers["location"])
		}
	}
	if n := mailsFor(t, a, "invitation", kultur); n != 2 {
		t.Fatalf("after one resend posted twice: %d invitation mails, want 2", n)
	}
	stamp2 := testenv.Stamp("/console/surveys/" + seed.SurveyID + "/invitations/" + kultur)
	again := postForm(t, a, s, h, "demo", one, ip, url.Values{"action": {"resend"}, "form.stamp": {stamp2}})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r := testenv.Do(t, h, again); r.StatusCode != 303 {
				t.Errorf("concurrent resend: %d", r.StatusCode)
			}
		}()
	}
	wg.Wait()
	if n := mailsFor(t, a, "invitation", kultur); n != 3 {
		t.Fatalf("after one resend posted three times at once: %d invitation mails, want 3", n)
	}

	// Change the address: a new invitation with its mail; the old one and its link go.
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", one, ip, url.Values{"action": {"save"}, "organisation": {"Kulturverein Süd"}, "email": {"sued@one.example"}, "language": {"ar"}}))
	if resp.StatusCode != 303 {
		t.Fatalf("change address: %d %.1000s", resp.StatusCode, resp.Body)
	}
	invs = invitations(t, a)
	if _, old := invs["kultur@one.example"]; old || invs["sued@one.example"] == nil {
		t.Fatalf("after the move: old kept %v, new %v", old, invs["sued@one.example"])
	}
	sued := fmt.Sprint(invs["sued@one.example"]["id"])
	if !strings.Contains(resp.Headers["location"], sued) || mailsFor(t, a, "invitation", sued) != 1 || invs["sued@one.example"]["language"] != "ar" {
		t.Errorf("the moved invitation: %q, %d mails, %v", resp.Headers["location"], mailsFor(t, a, "invitation", sued), invs["sued@one.example"])
	}
	if tok := a.Get(t, "TOKEN#"+fmt.Sprint(invs["sued@one.example"]["tokenHash"]), "TOKEN"); tok == nil {
		t.Errorf("the new invitation has no link")
	}
	// Moving onto an address invited already is refused beside the field.
	ip2 := map[string]string{"surveyId": seed.SurveyID, "invitationId": sued}
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", one, ip2, url.Values{"action": {"save"}, "organisation": {"X"}, "email": {"sport@one.example"}, "language": {"de"}}))
	if resp.StatusCode != 422 || !strings.Contains(resp.Body, `id="email-error"`) {
		t.Errorf("move onto an invited address: %d, want 422", resp.StatusCode)
	}

	// Answered elsewhere: no reminder goes to it; the other waiting one gets its reminder.
	sport := fmt.Sprint(invs["sport@one.example"]["id"])
	jugend := fmt.Sprint(invs["jugend@one.example"]["id"])
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", one, map[string]string{"surveyId": seed.SurveyID, "invitationId": sport}, url.Values{"action": {"elsewhere"}}))
	if resp.StatusCode != 303 || invitations(t, a)["sport@one.example"]["status"] != string(invitation.Elsewhere) {
		t.Fatalf("answered elsewhere: %d %v", resp.StatusCode, invitations(t, a)["sport@one.example"]["status"])
	}
	later := admin.New(a.Store, a.Tokens, func() time.Time { return time.Now().Add(48 * time.Hour) })
	res, err := later.Remind(context.Background(), &auth.Coordinator{Office: "demo"}, invitation.Survey, seed.SurveyID)
	if err != nil {
		t.Fatal(err)
	}
	if mailsFor(t, a, "reminder", sport) != 0 || mailsFor(t, a, "reminder", jugend) != 1 || res.Reminded != 2 { // jugend and sued
		t.Errorf("reminders: %+v; answered elsewhere got %d, waiting got %d", res, mailsFor(t, a, "reminder", sport), mailsFor(t, a, "reminder", jugend))
	}
	page = a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/surveys/{surveyId}"}, "demo", ""))
	if !strings.Contains(page.Body, "hat anderweitig geantwortet") {
		t.Errorf("the list does not say answered elsewhere")
	}

	// Delete: asked first, then the invitation and its link go.
	del := map[string]string{"surveyId": seed.SurveyID, "invitationId": jugend}
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", one, del, url.Values{"action": {"delete"}}))
	if resp.StatusCode != 200 || !strings.Contains(resp.Body, `name="confirm" value="yes"`) || invitations(t, a)["jugend@one.example"] == nil {
		t.Fatalf("delete without confirm: %d, want the question and nothing deleted", resp.StatusCode)
	}
	tokenHash := fmt.Sprint(invitations(t, a)["jugend@one.example"]["tokenHash"])
	resp = a.Do(t, h, postForm(t, a, s, h, "demo", one, del, url.Values{"action": {"delete"}, "confirm": {"yes"}}))
	if resp.StatusCode != 303 || !strings.Contains(resp.Headers["location"], "deleted=1") {
		t.Fatalf("delete: %d %q", resp.StatusCode, resp.Headers["location"])
	}
	if invitations(t, a)["jugend@one.example"] != nil || a.Get(t, "TOKEN#"+tokenHash, "TOKEN") != nil {
		t.Errorf("the deleted invitation or its link is still there")
	}
	get.Params = del
	if r := a.Do(t, h, get); r.StatusCode != 404 {
		t.Errorf("the deleted invitation's page: %d, want 404", r.StatusCode)
	}
}

// adminService is the admin service on the test's table, on the real time.
func adminService(a *testenv.Functions) *admin.Service { return admin.New(a.Store, a.Tokens, time.Now) }

// TestPlannedRemindersSkipAnsweredElsewhere: an invitation marked as
// answered elsewhere leaves the reminder plan: when the planned reminders
// run, the others waiting get theirs, it gets none.
func TestPlannedRemindersSkipAnsweredElsewhere(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	ctx := context.Background()
	d, err := a.Store.Survey(ctx, seed.SurveyID)
	if err != nil {
		t.Fatal(err)
	}
	d.RemindAfterDays = []int{1}
	if err := a.Store.UpdateSurvey(ctx, d, d.UpdatedAt); err != nil {
		t.Fatal(err)
	}
	past := admin.New(a.Store, a.Tokens, func() time.Time { return time.Now().Add(-48 * time.Hour) })
	if _, err := past.Invite(ctx, &auth.Coordinator{Office: "demo"}, invitation.Survey, seed.SurveyID, []invitation.Entry{
		{Organisation: "Öffentlich", Email: "public@planned.example"}, {Organisation: "Wartend", Email: "waiting@planned.example"},
	}, nil, "de"); err != nil {
		t.Fatal(err)
	}
	invs := invitations(t, a)
	public, waiting := fmt.Sprint(invs["public@planned.example"]["id"]), fmt.Sprint(invs["waiting@planned.example"]["id"])
	r := a.Do(t, h, postForm(t, a, s, h, "demo", "/console/surveys/{surveyId}/invitations/{invitationId}",
		map[string]string{"surveyId": seed.SurveyID, "invitationId": public}, url.Values{"action": {"elsewhere"}}))
	if r.StatusCode != 303 {
		t.Fatalf("answered elsewhere: %d", r.StatusCode)
	}
	res, err := remind.New(a.Store, a.Tokens, time.Now, a.Log()).Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sent != 1 || mailsFor(t, a, "reminder", waiting) != 1 || mailsFor(t, a, "reminder", public) != 0 {
		t.Errorf("planned reminders: %+v; waiting got %d, answered elsewhere got %d", res, mailsFor(t, a, "reminder", waiting), mailsFor(t, a, "reminder", public))
	}
}

// TestCancelledMeetingInvitesNobody: once a meeting is cancelled, adding
// an invitation, uploading, resending, giving an invitation another
// address and reminding are refused (409 with the reason) and queue no
// mail: the mailer would drop such a mail, and the console must not say
// it went. Deleting an invitation still works. DynamoDB Local.
func TestCancelledMeetingInvitesNobody(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	a.PutDemoMeeting(t, 5)
	mp := map[string]string{"meetingId": seed.MeetingID}
	list := "/console/meetings/{meetingId}/invitations"
	one := "/console/meetings/{meetingId}/invitations/{invitationId}"
	resp := a.Do(t, h, postForm(t, a, s, h, "demo", list, mp, url.Values{"add": {"one"}, "organisation": {"Verein vorher"}, "email": {"vorher@cancelled.example"}, "language": {"de"}}))
	if resp.StatusCode != 303 {
		t.Fatalf("invite before the cancellation: %d", resp.StatusCode)
	}
	invID := fmt.Sprint(invitations(t, a)["vorher@cancelled.example"]["id"])

	cancel := postForm(t, a, s, h, "demo", "/console/meetings/{meetingId}/cancel", mp, url.Values{"confirm": {"yes"},
		"form.stamp": {testenv.Stamp("/console/meetings/" + seed.MeetingID + "/cancel")}})
	if r := a.Do(t, h, cancel); r.StatusCode != 303 {
		t.Fatalf("cancel: %d %.500s", r.StatusCode, r.Body)
	}
	before := a.Count(t)
	ip := map[string]string{"meetingId": seed.MeetingID, "invitationId": invID}
	for name, r := range map[string]testenv.Request{
		"add":    postForm(t, a, s, h, "demo", list, mp, url.Values{"add": {"one"}, "organisation": {"Verein danach"}, "email": {"danach@cancelled.example"}, "language": {"de"}}),
		"resend": postForm(t, a, s, h, "demo", one, ip, url.Values{"action": {"resend"}}),
		"move":   postForm(t, a, s, h, "demo", one, ip, url.Values{"action": {"save"}, "organisation": {"Verein vorher"}, "email": {"neu@cancelled.example"}, "language": {"de"}}),
		"remind": postForm(t, a, s, h, "demo", "/console/meetings/{meetingId}/reminders", mp, url.Values{"confirm": {"yes"}}),
	} {
		r := a.Do(t, h, r)
		if r.StatusCode != 409 || !strings.Contains(r.Body, "abgesagt") {
			t.Errorf("%s for a cancelled meeting: %d, want 409 saying it is cancelled: %.1500s", name, r.StatusCode, r.Body)
		}
	}
	if after := a.Count(t); after != before {
		t.Errorf("refused invitations to a cancelled meeting wrote %d items", after-before)
	}
	// The meeting's page offers none of it.
	page := a.Do(t, h, s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}"}, "demo", ""))
	if page.StatusCode != 200 || strings.Contains(page.Body, `enctype="multipart/form-data"`) || strings.Contains(page.Body, `name="add"`) {
		t.Errorf("the cancelled meeting's page offers to invite: %d", page.StatusCode)
	}
	if !strings.Contains(page.Body, "/invitations/"+invID) {
		t.Errorf("the cancelled meeting's page does not list its invitations any more")
	}
	if r := a.Do(t, h, postForm(t, a, s, h, "demo", one, ip, url.Values{"action": {"delete"}, "confirm": {"yes"}})); r.StatusCode != 303 {
		t.Errorf("delete an invitation of a cancelled meeting: %d", r.StatusCode)
	}
}

// TestResendToUndeliverableAddress: an invitation whose address bounced
// (or complained) offers no "send again", and a post of it is refused
// with the reason and queues nothing: the mailer would drop the mail as
// suppressed while the console said it went. A new address is the way.
// DynamoDB Local.
func TestResendToUndeliverableAddress(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	sp := map[string]string{"surveyId": seed.SurveyID}
	one := "/console/surveys/{surveyId}/invitations/{invitationId}"
	resp := a.Do(t, h, postForm(t, a, s, h, "demo", "/console/surveys/{surveyId}/invitations", sp,
		url.Values{"add": {"one"}, "organisation": {"Verein weg"}, "email": {"weg@bounce.example"}, "language": {"de"}}))
	if resp.StatusCode != 303 {
		t.Fatalf("invite: %d", resp.StatusCode)
	}
	it := invitations(t, a)["weg@bounce.example"]
	invID := fmt.Sprint(it["id"])
	key, _ := attributevalue.MarshalMap(map[string]any{"pk": it["pk"], "sk": it["sk"]})
	if _, err := a.DB.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{TableName: &a.Table, Key: key,
		UpdateExpression:          aws.String("SET #s = :b"),
		ExpressionAttributeNames:  map[string]string{"#s": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":b": &types.AttributeValueMemberS{Value: "bounced"}}}); err != nil {
		t.Fatal(err)
	}
	ip := map[string]string{"surveyId": seed.SurveyID, "invitationId": invID}
	get := s.Request(routes.Route{Method: "GET", Path: one}, "demo", "")
	get.Params = ip
	if page := a.Do(t, h, get); page.StatusCode != 200 || strings.Contains(page.Body, `value="resend"`) {
		t.Errorf("a bounced invitation's page offers to send again: %d", page.StatusCode)
	}
	mails := mailsFor(t, a, "invitation", invID)
	r := a.Do(t, h, postForm(t, a, s, h, "demo", one, ip, url.Values{"action": {"resend"}}))
	if r.StatusCode != 409 || !strings.Contains(r.Body, "Adresse kann nicht mehr") {
		t.Errorf("resend to a bounced address: %d, want 409 with the reason: %.1500s", r.StatusCode, r.Body)
	}
	if n := mailsFor(t, a, "invitation", invID); n != mails {
		t.Errorf("resend to a bounced address queued %d mails", n-mails)
	}
	// Another address: a new invitation, mailed.
	r = a.Do(t, h, postForm(t, a, s, h, "demo", one, ip, url.Values{"action": {"save"}, "organisation": {"Verein weg"}, "email": {"neu@bounce.example"}, "language": {"de"}}))
	if r.StatusCode != 303 {
		t.Errorf("a new address for a bounced invitation: %d", r.StatusCode)
	}
}

// TestDeletedInvitationTakesItsDraft: what an organisation entered
// through its personal link (a draft of a survey with sections) goes
// with the invitation when it is deleted: nothing is kept for a link
// that opens nothing any more.
func TestDeletedInvitationTakesItsDraft(t *testing.T) {
	a := testenv.NewFunctions(t)
	ctx := context.Background()
	svc := admin.New(a.Store, a.Tokens, time.Now)
	c := &auth.Coordinator{Office: "demo"}
	if _, err := svc.Invite(ctx, c, invitation.Survey, seed.SurveyID, []invitation.Entry{{Organisation: "Entwurf e. V.", Email: "draft@deleted.example"}}, nil, "de"); err != nil {
		t.Fatal(err)
	}
	inv := invitations(t, a)["draft@deleted.example"]
	hash := fmt.Sprint(inv["tokenHash"])
	if err := a.Store.PutDraft(ctx, &survey.Draft{SurveyID: seed.SurveyID, TokenHash: hash, Step: "about",
		Values: map[string][]string{"org_name": {"Entwurf e. V."}}, SavedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if d, err := a.Store.Draft(ctx, seed.SurveyID, hash); err != nil || d == nil {
		t.Fatalf("draft before: %v %v", d, err)
	}
	if err := svc.DeleteInvitation(ctx, c, invitation.Survey, seed.SurveyID, fmt.Sprint(inv["id"])); err != nil {
		t.Fatal(err)
	}
	if d, err := a.Store.Draft(ctx, seed.SurveyID, hash); err != nil || d != nil {
		t.Errorf("draft after the invitation was deleted: %+v %v", d, err)
	}
}

// TestExtendedSurveyKeepsItsDrafts: what was entered through a personal
// link is kept until the survey closes, also when its close moves later
// after the draft was saved (extended): the draft's expiry moves along.
func TestExtendedSurveyKeepsItsDrafts(t *testing.T) {
	a := testenv.NewFunctions(t)
	ctx := context.Background()
	now := time.Now().Truncate(time.Second)
	svc := admin.New(a.Store, a.Tokens, func() time.Time { return now })
	c := &auth.Coordinator{Office: "demo"}
	d, err := svc.Survey(ctx, c, seed.SurveyID)
	if err != nil {
		t.Fatal(err)
	}
	closes := now.Add(time.Hour)
	set := d.Settings
	set.ClosesAt = &closes
	if d, err = svc.UpdateSurvey(ctx, c, seed.SurveyID, set, "de"); err != nil {
		t.Fatal(err)
	}
	drafts := survey.NewDrafts(a.Store, func() time.Time { return now })
	if err := drafts.Save(ctx, d, "token-of-a-link", "about", map[string][]string{"org_name": {"Verlängert e. V."}}); err != nil {
		t.Fatal(err)
	}
	later := now.Add(48 * time.Hour)
	set.ClosesAt = &later
	if _, err := svc.UpdateSurvey(ctx, c, seed.SurveyID, set, "de"); err != nil {
		t.Fatal(err)
	}
	got, err := drafts.Load(ctx, seed.SurveyID, "token-of-a-link")
	if err != nil || got == nil {
		t.Fatalf("draft after the extension: %v %v", got, err)
	}
	if !got.ExpiresAt.Equal(later) {
		t.Errorf("draft expires %v, want the new close %v", got.ExpiresAt, later)
	}
}
