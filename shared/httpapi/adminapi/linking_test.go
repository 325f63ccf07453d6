package adminapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/integration-offices/netzwerk-backend/shared/app/feedbackfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/mailerfn"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestUploadLinksToRecords: each line of an upload links to the office's
// record of its organisation (by address, else by normalised name, else a
// new record), its invitation names the record (orgId) and the record's
// history has the invitation; the same list again links to the same
// records and makes none. DynamoDB Local.
func TestUploadLinksToRecords(t *testing.T) {
	a := testenv.NewFunctions(t)
	ctx, now := context.Background(), time.Now()
	byAddr := org.New(seed.Office, "Kulturbrücke Musterstadt", now)
	byAddr.Contact.Email = "info@kulturbruecke.example"
	byName := org.New(seed.Office, "Deutsch-Türkischer Kulturverein e.V.", now)
	for _, r := range []*org.Record{byAddr, byName} {
		if err := a.Store.CreateOrganisation(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := a.Store.Organisations(ctx, seed.Office, now)
	list := `{"invitations":[
		{"organisation":"Kulturbrücke (neuer Name)","email":"Info@Kulturbruecke.example"},
		{"organisation":"Deutsch-türkischer  Kulturverein","email":"dtkv@verein.example","language":"tr"},
		{"organisation":"Українська громада","email":"ukr@verein.example"}]}`
	p := map[string]string{"surveyId": seed.SurveyID}
	if resp := a.AdminCall(t, seed.Office, "POST", "/admin/surveys/{surveyId}/invitations", p, "", list); resp.StatusCode != 201 {
		t.Fatalf("upload: %d %s", resp.StatusCode, resp.Body)
	}
	orgOf := func(email string) string {
		v, err := a.Store.Invitation(ctx, invitation.Survey, seed.SurveyID, invitation.ID(invitation.Survey, seed.SurveyID, email))
		if err != nil {
			t.Fatal(err)
		}
		return v.OrgID
	}
	if got := orgOf("info@kulturbruecke.example"); got != byAddr.ID {
		t.Errorf("by address: orgId %q, want %q", got, byAddr.ID)
	}
	if got := orgOf("dtkv@verein.example"); got != byName.ID {
		t.Errorf("by name: orgId %q, want %q", got, byName.ID)
	}
	fresh := orgOf("ukr@verein.example")
	if fresh == "" || fresh == byAddr.ID || fresh == byName.ID {
		t.Fatalf("a new organisation: orgId %q", fresh)
	}
	r, err := a.Store.Organisation(ctx, seed.Office, fresh)
	if err != nil || r.Name != "Українська громада" || r.Contact.Email != "ukr@verein.example" || r.State != org.Active {
		t.Errorf("the new record: %+v %v", r, err)
	}
	for _, id := range []string{byAddr.ID, byName.ID, fresh} {
		h, err := a.Store.History(ctx, seed.Office, id)
		if err != nil || len(h) != 1 || h[0].Kind != org.Invited || h[0].Target != "survey" || h[0].TargetID != seed.SurveyID || h[0].Ref == "" {
			t.Errorf("history of %s: %+v %v", id, h, err)
		}
	}
	// The same list again: the same records, none new, one event each.
	if resp := a.AdminCall(t, seed.Office, "POST", "/admin/surveys/{surveyId}/invitations", p, "", list); resp.StatusCode != 201 ||
		!strings.Contains(resp.Body, `"alreadyInvited":3`) {
		t.Fatalf("upload again: %d %s", resp.StatusCode, resp.Body)
	}
	if got := orgOf("ukr@verein.example"); got != fresh {
		t.Errorf("again: orgId %q, want %q", got, fresh)
	}
	after, _ := a.Store.Organisations(ctx, seed.Office, now)
	if len(after) != len(before)+1 {
		t.Errorf("%d records after two uploads, want %d", len(after), len(before)+1)
	}
	if h, _ := a.Store.History(ctx, seed.Office, fresh); len(h) != 1 {
		t.Errorf("history after the second upload: %+v", h)
	}
	// A line whose person objected: linked (a new record), but its
	// history says nothing: nobody was invited.
	if err := a.Store.Object(ctx, seed.Office, invitation.PersonKey(a.Tokens, "nein@verein.example"), nil, now); err != nil {
		t.Fatal(err)
	}
	if resp := a.AdminCall(t, seed.Office, "POST", "/admin/surveys/{surveyId}/invitations", p, "",
		`{"invitations":[{"organisation":"Verein ohne Einladung","email":"nein@verein.example"}]}`); resp.StatusCode != 201 || !strings.Contains(resp.Body, `"objected":1`) {
		t.Fatalf("upload of an objected address: %d %s", resp.StatusCode, resp.Body)
	}
	if id := orgOf("nein@verein.example"); id == "" {
		t.Error("the objected line is not linked")
	} else if h, _ := a.Store.History(ctx, seed.Office, id); len(h) != 0 {
		t.Errorf("the objected line's history: %+v", h)
	}
}

// inviteOne invites one organisation to the demo survey or meeting and
// returns its invitation's personal-link token.
func inviteOne(t *testing.T, a *testenv.Functions, kind invitation.Kind, name, email string) string {
	t.Helper()
	path, p, target := "/admin/surveys/{surveyId}/invitations", map[string]string{"surveyId": seed.SurveyID}, seed.SurveyID
	if kind == invitation.Meeting {
		path, p, target = "/admin/meetings/{meetingId}/invitations", map[string]string{"meetingId": seed.MeetingID}, seed.MeetingID
	}
	body := fmt.Sprintf(`{"invitations":[{"organisation":%q,"email":%q}]}`, name, email)
	if resp := a.AdminCall(t, seed.Office, "POST", path, p, "", body); resp.StatusCode != 201 {
		t.Fatalf("invite: %d %s", resp.StatusCode, resp.Body)
	}
	return a.Tokens.Token(invitation.TokenKind, invitation.ID(kind, target, email))
}

// recordOf is the record an invitation was linked to, with its history.
func recordOf(t *testing.T, a *testenv.Functions, kind invitation.Kind, target, email string) *org.Record {
	t.Helper()
	ctx := context.Background()
	v, err := a.Store.Invitation(ctx, kind, target, invitation.ID(kind, target, email))
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.Store.Organisation(ctx, seed.Office, v.OrgID)
	if err != nil {
		t.Fatal(err)
	}
	if r.History, err = a.Store.History(ctx, seed.Office, v.OrgID); err != nil {
		t.Fatal(err)
	}
	return r
}

// deliverTwice hands the outbox to two mailers at once, as a stream
// that delivers a batch twice would (an item one holds fails in the
// other, as it would in Lambda, which delivers it again: the third
// delivery), then once more.
func deliverTwice(t *testing.T, a *testenv.Functions) {
	t.Helper()
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a.Deliver(t, sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), ""), mailer.Config{})
		}()
	}
	wg.Wait()
	deliverOutbox(t, a)
}

// TestAnswerThroughPersonalLinkUpdatesItsRecord: an answer through a
// personal link queues, in its own transaction, the item that has the
// mailer take it into the organisation's record: the bound questions
// (name, address, contact person, municipality, website, fields, offers,
// seeks), the directory consent with the privacy notice's version, and
// one "answered" event, however often the stream delivers it.
func TestAnswerThroughPersonalLinkUpdatesItsRecord(t *testing.T) {
	a := testenv.NewFunctions(t)
	token := inviteOne(t, a, invitation.Survey, "Kulturbrücke", "info@kulturbruecke.example")
	body, _ := json.Marshal(map[string]any{"language": "tr", "invitation": token,
		"answers": map[string]any{"org_name": "Kulturbrücke Musterstadt e.V.", "municipality": "Musterstadt", "website": "https://kulturbruecke.example",
			"contact_person": "Ayşe Yılmaz", "contact_email": "ayse@kulturbruecke.example", "fields_of_activity": []string{"culture", "youth"},
			"needs": []string{"rooms", "funding"}, "offers": []string{"translation", "know_how"}, "members": "20-49"},
		"consent": map[string]bool{"privacy": true, "publishProfile": true}})
	p := map[string]string{"surveyId": seed.SurveyID}
	resp := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: p, Body: string(body)})
	if resp.StatusCode != 201 {
		t.Fatalf("answer: %d %s", resp.StatusCode, resp.Body)
	}
	var receipt struct{ ResponseID string }
	_ = json.Unmarshal([]byte(resp.Body), &receipt)
	var queued int
	for _, it := range a.Items(t)["outbox"] {
		if it["kind"] == "register" && it["responseId"] == receipt.ResponseID && it["targetKind"] == "survey" {
			queued++
		}
	}
	if queued != 1 {
		t.Fatalf("%d register items for the answer, want 1", queued)
	}
	deliverTwice(t, a)
	r := recordOf(t, a, invitation.Survey, seed.SurveyID, "info@kulturbruecke.example")
	if r.Name != "Kulturbrücke Musterstadt e.V." || !slices.Contains(r.EarlierNames, "Kulturbrücke") || r.Contact.Email != "ayse@kulturbruecke.example" ||
		r.Contact.Person != "Ayşe Yılmaz" || r.Municipality != "Musterstadt" || r.Website != "https://kulturbruecke.example" ||
		!slices.Equal(r.Fields, []string{"culture", "youth"}) || !slices.Equal(r.Seeks, []string{"rooms", "funding"}) ||
		!slices.Equal(r.Offers, []string{"translation", "know_how"}) {
		t.Errorf("the record's fields: %+v", r)
	}
	if c := r.Consent; !c.Publish || c.Notice != seed.NoticeVersion || c.By != "answer" || c.At.IsZero() {
		t.Errorf("consent: %+v", c)
	}
	var answered []org.Event
	for _, e := range r.History {
		if e.Kind == org.Answered {
			answered = append(answered, e)
		}
	}
	if len(answered) != 1 || answered[0].Ref != receipt.ResponseID || answered[0].TargetID != seed.SurveyID || r.Answered[seed.SurveyID].IsZero() {
		t.Errorf("history: %+v, answered %v", r.History, r.Answered)
	}
	if r.Version != 2 {
		t.Errorf("the record was saved %d times after it was made, want once", r.Version-1)
	}
	for _, it := range a.Items(t)["outbox"] {
		if it["kind"] == "register" && it["status"] != "sent" {
			t.Errorf("a register item left %v", it["status"])
		}
	}
}

// TestRegistrationJoinsHistory: a registration through a personal link
// joins its organisation's history (once, however often the stream
// delivers it), and its cancellation too.
func TestRegistrationJoinsHistory(t *testing.T) {
	a := testenv.NewFunctions(t)
	token := inviteOne(t, a, invitation.Meeting, "Українська громада", "ukr@verein.example")
	var m map[string]any
	_ = json.Unmarshal([]byte(testenv.RegistrationBody("Olena", "olena@verein.example")), &m)
	m["invitation"] = token
	body, _ := json.Marshal(m)
	p := map[string]string{"meetingId": seed.MeetingID}
	resp := a.Do(t, a.Meeting, testenv.Request{Method: "POST", Path: "/meetings/{meetingId}/registrations", Params: p, Body: string(body)})
	if resp.StatusCode != 201 {
		t.Fatalf("register: %d %s", resp.StatusCode, resp.Body)
	}
	var res struct{ RegistrationID string }
	_ = json.Unmarshal([]byte(resp.Body), &res)
	deliverTwice(t, a)
	r := recordOf(t, a, invitation.Meeting, seed.MeetingID, "ukr@verein.example")
	kinds := func(r *org.Record) (out []org.EventKind) {
		for _, e := range r.History {
			out = append(out, e.Kind)
		}
		return out
	}
	if got := kinds(r); !slices.Equal(got, []org.EventKind{org.Invited, org.Registered}) || r.History[1].Ref != res.RegistrationID ||
		!slices.Contains(r.Meetings, seed.MeetingID) || r.Version != 2 {
		t.Fatalf("after registering: %v %+v, meetings %v, version %d", got, r.History, r.Meetings, r.Version)
	}
	// Cancelled through the manage link: the history says so.
	tok := a.Tokens.Token(meeting.TokenKind, res.RegistrationID)
	if resp := a.Do(t, a.Meeting, testenv.Request{Method: "DELETE", Path: "/registrations/{token}", Params: map[string]string{"token": tok}}); resp.StatusCode != 200 {
		t.Fatalf("cancel: %d %s", resp.StatusCode, resp.Body)
	}
	deliverOutbox(t, a)
	r = recordOf(t, a, invitation.Meeting, seed.MeetingID, "ukr@verein.example")
	if got := kinds(r); !slices.Equal(got, []org.EventKind{org.Invited, org.Registered, org.Cancelled}) || slices.Contains(r.Meetings, seed.MeetingID) {
		t.Errorf("after cancelling: %v, meetings %v", got, r.Meetings)
	}
}

// TestBounceMarksTheRecord: a bounce for good of an invitation's mail
// (SES's event through the feedback function) marks the record whose
// contact it was: contact stale, state "contact bounced", a "bounced"
// event (once, however often SES reports it). Reminders pass by the
// record's other invitations: the scheduled run takes them out of the
// plan (they stay "invited"), the coordinator's reminder skips them.
func TestBounceMarksTheRecord(t *testing.T) {
	day0 := time.Now().Truncate(time.Second)
	a := testenv.NewFunctions(t, testenv.At(day0))
	mp := map[string]string{"meetingId": seed.MeetingID}
	m := seed.DemoMeeting(day0)
	m.RemindAfterDays = []int{3}
	b, _ := json.Marshal(m.Settings)
	if resp := a.AdminCall(t, seed.Office, "PUT", "/admin/meetings/{meetingId}", mp, "", string(b)); resp.StatusCode != 200 {
		t.Fatalf("plan: %d %s", resp.StatusCode, resp.Body)
	}
	// The sample bounce reports nobody@verein.example.
	inviteOne(t, a, invitation.Survey, "Kulturverein Nobody", "nobody@verein.example")
	inviteOne(t, a, invitation.Meeting, "Kulturverein Nobody", "nobody@verein.example")
	inviteOne(t, a, invitation.Meeting, "Wartet e.V.", "waits@verein.example")
	deliverOutbox(t, a)
	var ref string
	for _, it := range a.Items(t)["outbox"] {
		if it["kind"] == "invitation" && it["targetKind"] == "survey" {
			ref = it["pk"].(string)
		}
	}
	fb, err := feedbackfn.New(a.Deps())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../../../events/ses-bounce.json")
	if err != nil {
		t.Fatal(err)
	}
	var sns events.SNSEvent
	if err := json.Unmarshal([]byte(strings.ReplaceAll(string(raw), "OUTBOX_REF", ref)), &sns); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := fb(context.Background(), sns); err != nil {
			t.Fatalf("feedback: %v", err)
		}
	}
	r := recordOf(t, a, invitation.Meeting, seed.MeetingID, "nobody@verein.example")
	var bounces int
	for _, e := range r.History {
		if e.Kind == org.Bounced && e.Ref == ref {
			bounces++
		}
	}
	if r.State != org.ContactBounced || !r.Contact.Stale || bounces != 1 {
		t.Fatalf("the record after the bounce: state %s, stale %v, history %+v", r.State, r.Contact.Stale, r.History)
	}
	if w := recordOf(t, a, invitation.Meeting, seed.MeetingID, "waits@verein.example"); w.State != org.Active {
		t.Errorf("another record: %s", w.State)
	}

	// Day 3: the scheduled run reminds the one who waits, not the bounced.
	a.Clock.Add(3*24*time.Hour + time.Hour)
	d := a.Deps()
	d.Config.MailFrom, d.Config.PublicBaseURL, d.AWS = "netzwerk@integration.example", "https://integration.example", testenv.AWSConfig(t)
	run, err := mailerfn.New(d)
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := run(context.Background(), mailer.RemindEvent()); err != nil || len(resp.BatchItemFailures) > 0 {
		t.Fatalf("reminder run: %v %+v", err, resp)
	}
	reminded := map[string]int{}
	for _, it := range a.Items(t)["outbox"] {
		if it["kind"] == "reminder" {
			reminded[it["invitationId"].(string)]++
		}
	}
	nobody, waits := invitation.ID(invitation.Meeting, seed.MeetingID, "nobody@verein.example"), invitation.ID(invitation.Meeting, seed.MeetingID, "waits@verein.example")
	if reminded[waits] != 1 || reminded[nobody] != 0 {
		t.Errorf("planned reminders: %v", reminded)
	}
	v, _ := a.Store.Invitation(context.Background(), invitation.Meeting, seed.MeetingID, nobody)
	if v.Status != invitation.Invited || !v.NextReminderAt.IsZero() {
		t.Errorf("the bounced record's invitation: %s, next %v", v.Status, v.NextReminderAt)
	}
	// Day 5: the coordinator reminds by hand: the bounced one is skipped.
	a.Clock.Add(2 * 24 * time.Hour)
	resp := a.AdminCall(t, seed.Office, "POST", "/admin/meetings/{meetingId}/invitations/reminders", mp, "", "")
	if resp.StatusCode != 200 || !strings.Contains(resp.Body, `"reminded":1`) || !strings.Contains(resp.Body, `"skipped":1`) {
		t.Errorf("reminders by hand: %d %s", resp.StatusCode, resp.Body)
	}
}
