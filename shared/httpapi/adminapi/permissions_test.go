package adminapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go/middleware"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/adminfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/directoryfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/feedbackfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/mailerfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/meetingfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/surveyfn"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	"github.com/integration-offices/netzwerk-backend/shared/web/pages"
	"github.com/integration-offices/netzwerk-backend/shared/xlsform"
)

// actions records the IAM actions that the AWS calls of one function need.
type actions struct {
	mu    sync.Mutex
	table map[string]bool
	index map[string]bool
	ses   map[string]bool
	// account: calls on no resource (the SES account).
	account map[string]bool
}

func newActions() *actions {
	return &actions{table: map[string]bool{}, index: map[string]bool{}, ses: map[string]bool{}, account: map[string]bool{}}
}

// option records every call of a client built with it.
func (a *actions) option(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("recordActions",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			a.mu.Lock()
			a.record(awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx), in.Parameters)
			a.mu.Unlock()
			return next.HandleInitialize(ctx, in)
		}), middleware.After)
}

func (a *actions) record(service, op string, params any) {
	switch service {
	case "SESv2":
		if op == "GetAccount" {
			a.account["ses:"+op] = true
		} else {
			a.ses["ses:"+op] = true
		}
		return
	case "DynamoDB":
	default:
		a.table[service+":"+op] = true // an unexpected service: never allowed
		return
	}
	switch in := params.(type) {
	case *dynamodb.TransactWriteItemsInput:
		// A transaction needs the actions of its items.
		for _, it := range in.TransactItems {
			switch {
			case it.Put != nil:
				a.table["dynamodb:PutItem"] = true
			case it.Update != nil:
				a.table["dynamodb:UpdateItem"] = true
			case it.Delete != nil:
				a.table["dynamodb:DeleteItem"] = true
			case it.ConditionCheck != nil:
				a.table["dynamodb:ConditionCheckItem"] = true
			}
		}
	case *dynamodb.QueryInput:
		if in.IndexName != nil {
			a.index["dynamodb:Query"] = true
		} else {
			a.table["dynamodb:Query"] = true
		}
	default:
		a.table["dynamodb:"+op] = true
	}
}

// notAllowed lists what was called but is not in allowed.
func notAllowed(used map[string]bool, allowed []string) []string {
	var out []string
	for a := range used {
		if !slices.Contains(allowed, a) {
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}

// TestEveryCallIsAllowed runs every function through its routes (and the
// mailer through the mails they cause) against DynamoDB Local and the
// local SES server, records each AWS call, and checks that the function's
// role in routes.Specs allows it: the list infra builds the roles from.
func TestEveryCallIsAllowed(t *testing.T) {
	env := testenv.Seeded(t)
	table := env.Table
	used := map[routes.Function]*actions{}
	deps := func(f routes.Function) app.Deps {
		if used[f] == nil {
			used[f] = newActions()
		}
		cfg := testenv.AWSConfig(t)
		cfg.APIOptions = append(cfg.APIOptions, used[f].option)
		client := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.DisableValidateResponseChecksum = true })
		return app.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), AWS: cfg, DB: client, Now: time.Now,
			Config: app.Config{Table: table, LinkSecret: testenv.Secret, MailFrom: "netzwerk@integration.example",
				MailFromName: "Integration", PublicBaseURL: "https://integration.example",
				RegistrationsPerHour: 100, AnswersPerHour: 100, MailsPerAddressPerDay: 100}}
	}
	a := &testenv.Functions{Env: env}
	session := a.Console(t)
	var err error
	if a.Admin, err = adminfn.New(deps(routes.Admin)); err != nil {
		t.Fatal(err)
	}
	// A record of the register that consented: the directory shows it,
	// the coordinators ask it to check its entry (below).
	rec := org.New("demo", "Kulturverein Anadolu", time.Now())
	rec.Contact = org.Contact{Email: "anadolu@verein.example", Language: "tr"}
	rec.Consent = org.Consent{Publish: true, Notice: "2026-11", At: time.Now(), By: "answer"}
	if err := env.Store.CreateOrganisation(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	entryOrg = rec.ID
	dir, err := directoryfn.New(deps(routes.Directory))
	if err != nil {
		t.Fatal(err)
	}
	a.Survey, _ = surveyfn.New(deps(routes.Survey))
	a.Meeting, _ = meetingfn.New(deps(routes.Meeting))
	mail, err := mailerfn.New(deps(routes.Mailer))
	if err != nil {
		t.Fatal(err)
	}
	must := func(want int, resp events.APIGatewayV2HTTPResponse, what string) string {
		t.Helper()
		if resp.StatusCode != want {
			t.Fatalf("%s: %d %s", what, resp.StatusCode, resp.Body)
		}
		return resp.Body
	}
	mp := map[string]string{"meetingId": seed.MeetingID}
	sp := map[string]string{"surveyId": seed.SurveyID}

	// Coordinators: every admin route, a failed POST that frees its
	// Idempotency-Key, and a meeting that moves after registrations.
	m := seed.DemoMeeting(time.Now())
	m.Capacity = 1
	req, _ := json.Marshal(m.Settings)
	must(200, a.AdminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", mp, "", string(req)), "capacity 1")
	env.PutOrganisations(t, "demo")
	for _, r := range routes.Of(routes.Admin) {
		if r.Method == "DELETE" || strings.HasSuffix(r.Path, "/resend") { // erasures need an item (below), a resend a failed mail (shared/mailer)
			continue
		}
		c := testenv.Request{Method: r.Method, Path: r.Path, Params: testenv.ParamsFor(r), Body: bodyFor(r), Claims: testenv.Claims("demo")}
		if r.Page { // the console: its session cookie, forms with its CSRF token
			c = session.Request(r, "demo", "")
		}
		if r.Page && r.Method == "POST" && strings.HasSuffix(r.Path, "/cancel") {
			continue // cancelling the meeting comes last (below): a cancelled meeting takes no changes
		}
		switch {
		case r.Method == "PUT" && strings.HasSuffix(r.Path, "/form.xlsx"):
			c.Body, c.ContentType, c.Base64 = string(demoWorkbook(t)), xlsform.ContentType, true
		case r.Method == "PUT" && strings.Contains(r.Path, "meetings"):
			c.Body = string(req)
		case r.Method == "POST" && (strings.HasSuffix(r.Path, "/surveys") || strings.HasSuffix(r.Path, "/meetings")):
			c.Body = strings.Replace(c.Body, `"id":"demo-`, `"id":"new-`, 1) // a new id
		}
		if resp := a.Do(t, a.Admin, c); resp.StatusCode >= 300 && !(r.Page && resp.StatusCode < 500 && resp.StatusCode != 403) {
			t.Fatalf("%s: %d %s", r.Key(), resp.StatusCode, resp.Body)
		}
	}
	bad := testenv.Request{Method: "POST", Path: "/admin/surveys", Body: `{"title":{"en":"no German"},"questions":[]}`,
		Claims: testenv.Claims("demo"), Headers: map[string]string{"idempotency-key": "k1"}}
	must(422, a.Do(t, a.Admin, bad), "invalid survey with a key")

	// Organisations: register (a seat, the waitlist, a retry with a key),
	// look, cancel (a promotion), answer the survey (also through an
	// invitation).
	var tokens []string
	for i, key := range []string{"", "", "r1", "r1"} {
		body := must(201, a.Do(t, a.Meeting, testenv.Request{Method: "POST", Path: "/meetings/{meetingId}/registrations", Params: mp,
			Body: testenv.RegistrationBody(fmt.Sprint("P", min(i, 2)), fmt.Sprintf("p%d@verein.example", min(i, 2))), Headers: map[string]string{"idempotency-key": key}}), "register")
		var res meeting.Result
		_ = json.Unmarshal([]byte(body), &res)
		tokens = append(tokens, a.Tokens.Token(meeting.TokenKind, res.RegistrationID))
	}
	must(200, a.Do(t, a.Meeting, testenv.Request{Method: "GET", Path: "/meetings/{meetingId}", Params: mp}), "meeting")
	for _, tok := range tokens[:2] {
		must(200, a.Do(t, a.Meeting, testenv.Request{Method: "GET", Path: "/registrations/{token}", Params: map[string]string{"token": tok}}), "manage")
	}
	must(200, a.Do(t, a.Meeting, testenv.Request{Method: "DELETE", Path: "/registrations/{token}", Params: map[string]string{"token": tokens[0]}}), "cancel")
	must(200, a.Do(t, a.Meeting, testenv.Request{Method: "DELETE", Path: "/registrations/{token}", Params: map[string]string{"token": tokens[1]},
		Query: "erase=true"}), "cancel and erase")
	var regs []string
	for _, it := range env.Items(t)["registration"] {
		if it["email"] != nil {
			regs = append(regs, it["id"].(string))
		}
	}
	must(200, a.Do(t, a.Admin, testenv.Request{Method: "DELETE", Path: "/admin/meetings/{meetingId}/registrations/{registrationId}", Claims: testenv.Claims("demo"),
		Params: map[string]string{"meetingId": seed.MeetingID, "registrationId": regs[0]}}), "a coordinator erases a registration")
	must(200, a.Do(t, a.Survey, testenv.Request{Method: "GET", Path: "/surveys/{surveyId}", Params: sp}), "survey")
	must(201, a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: sp, Body: testenv.AnswerBody}), "answer")
	must(201, a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: sp, Body: testenv.AnswerBody,
		Headers: map[string]string{"idempotency-key": "s1"}}), "answer with a key")
	invs := env.Items(t)["invitation"]
	for _, inv := range invs {
		if inv["kind"] == "survey" {
			body := strings.Replace(testenv.AnswerBody, `{"language":"de",`, `{"language":"de","invitation":"`+a.Tokens.Token("invitation", inv["id"].(string))+`",`, 1)
			must(201, a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: sp, Body: body}), "answer through an invitation")
			// The organisation erases it through its link (the page).
			must(200, testenv.Page(t, a.Survey, "POST", "/s/{surveyId}/erase", "/s/"+seed.SurveyID+"/erase", sp, "lang=de",
				url.Values{"invitation": {a.Tokens.Token("invitation", inv["id"].(string))}, "confirm": {"yes"}}, nil), "erase an answer")
		}
	}
	// The survey gets a reminder plan; an invitee objects through the
	// link of a meeting invitation (its page, then the button).
	must(201, a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", sp, "",
		`{"invitations":[{"organisation":"Wartet e.V.","email":"wartet@verein.example"}]}`), "an invitation that waits")
	planned := seed.DemoSurvey().Settings
	planned.RemindAfterDays = []int{1}
	req, _ = json.Marshal(planned)
	must(200, a.AdminCall(t, "demo", "PUT", "/admin/surveys/{surveyId}", sp, "", string(req)), "a reminder plan")
	for _, inv := range invs {
		if inv["kind"] == "meeting" {
			tok := invitation.ObjectionToken(a.Tokens, invitation.Meeting, seed.MeetingID, inv["id"].(string))
			xp := map[string]string{"token": tok}
			must(200, testenv.Page(t, a.Survey, "GET", "/x/{token}", pages.ObjectionPath(tok), xp, "", nil, nil), "the objection page")
			must(303, testenv.Page(t, a.Survey, "POST", "/x/{token}", pages.ObjectionPath(tok), xp, "", url.Values{web.StampField: {testenv.Stamp(pages.ObjectionPath(tok))}}, nil), "object")
		}
	}
	// The directory: its pages, its JSON, and the check of the entry
	// through the link of the mail the coordinators queued above.
	dop := map[string]string{"officeId": "demo"}
	must(200, testenv.Page(t, dir, "GET", "/d/{officeId}", "/d/demo", dop, "offer=rooms", nil, nil), "the directory")
	must(200, testenv.Page(t, dir, "GET", "/d/{officeId}/{orgId}", "/d/demo/"+rec.ID, map[string]string{"officeId": "demo", "orgId": rec.ID}, "", nil, nil), "a profile")
	must(200, testenv.Page(t, dir, "GET", "/directory/{officeId}", "/directory/demo", dop, "", nil, map[string]string{"origin": "https://www.landkreis.example"}), "the JSON")
	for _, it := range env.Items(t)["outbox"] {
		if it["kind"] == "entry_check" {
			tok := org.EntryToken(a.Tokens, it["pk"].(string))
			ep := map[string]string{"token": tok}
			must(200, testenv.Page(t, dir, "GET", "/e/{token}", "/e/"+tok, ep, "", nil, nil), "the entry")
			must(303, testenv.Page(t, dir, "POST", "/e/{token}", "/e/"+tok, ep, "", url.Values{"name": {"Kulturverein Anadolu"}, "offers": {"rooms"},
				"publish": {"true"}, web.StampField: {testenv.Stamp("/e/" + tok)}}, nil), "check the entry")
		}
	}
	// Two days later the schedule runs the planned reminders.
	later := deps(routes.Mailer)
	later.Now = func() time.Time { return time.Now().Add(48 * time.Hour) }
	remindLater, err := mailerfn.New(later)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := remindLater(context.Background(), mailer.RemindEvent()); err != nil {
		t.Fatalf("planned reminders: %v", err)
	}
	// A year later the schedule asks the organisation to check its entry.
	yearLater := deps(routes.Mailer)
	yearLater.Now = func() time.Time { return time.Now().Add(400 * 24 * time.Hour) }
	remindYear, err := mailerfn.New(yearLater)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := remindYear(context.Background(), mailer.RemindEvent()); err != nil {
		t.Fatalf("yearly entry checks: %v", err)
	}
	if n := len(env.Items(t)["outbox"]); n == 0 {
		t.Fatal("no outbox items")
	}
	var answer string
	for _, it := range env.Items(t)["response"] {
		answer = it["id"].(string)
	}
	must(200, a.Do(t, a.Admin, testenv.Request{Method: "DELETE", Path: "/admin/surveys/{surveyId}/responses/{responseId}", Claims: testenv.Claims("demo"),
		Params: map[string]string{"surveyId": seed.SurveyID, "responseId": answer}}), "a coordinator erases an answer")
	op := map[string]string{"organisationId": testenv.OrganisationID}
	must(200, a.AdminCall(t, "demo", "DELETE", "/admin/organisations/{organisationId}", op, "contact=true", ""), "a coordinator erases a contact person")
	must(200, a.AdminCall(t, "demo", "DELETE", "/admin/organisations/{organisationId}", op, "", ""), "a coordinator erases an organisation")
	moved := m.Settings
	moved.StartsAt, moved.EndsAt = m.StartsAt.Add(24*time.Hour), m.EndsAt.Add(24*time.Hour)
	req, _ = json.Marshal(moved)
	must(200, a.AdminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", mp, "", string(req)), "move the meeting")
	// The console writes to those registered, then cancels the meeting.
	msg := session.Request(routes.Route{Method: "POST", Path: "/console/meetings/{meetingId}/message"}, "demo", "")
	msg.Body += "&recipients=all&subject.de=Raum&text.de=Saal+2"
	must(303, a.Do(t, a.Admin, msg), "a message to those registered")
	must(303, a.Do(t, a.Admin, session.Request(routes.Route{Method: "POST", Path: "/console/meetings/{meetingId}/cancel"}, "demo", "")), "cancel the meeting")

	// The mailer sends everything that was queued.
	var ev events.DynamoDBEvent
	for i, it := range env.Items(t)["outbox"] {
		ev.Records = append(ev.Records, events.DynamoDBEventRecord{EventName: "INSERT", Change: events.DynamoDBStreamRecord{
			SequenceNumber: fmt.Sprint(i), NewImage: map[string]events.DynamoDBAttributeValue{
				"pk": events.NewStringAttribute(it["pk"].(string)), "type": events.NewStringAttribute("outbox")}}})
	}
	if resp, err := mail(context.Background(), ev); err != nil || len(resp.BatchItemFailures) > 0 {
		t.Fatalf("mailer: %v %+v", err, resp)
	}
	// SES reports a bounce and a complaint about an invitation's mail.
	fb, err := feedbackfn.New(deps(routes.Feedback))
	if err != nil {
		t.Fatal(err)
	}
	var invMail string
	for _, it := range env.Items(t)["outbox"] {
		if it["invitationId"] != nil {
			invMail = it["pk"].(string)
		}
	}
	for _, name := range []string{"ses-bounce.json", "ses-complaint.json"} {
		b, err := os.ReadFile("../../../events/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var sns events.SNSEvent
		if err := json.Unmarshal([]byte(strings.ReplaceAll(string(b), "OUTBOX_REF", invMail)), &sns); err != nil {
			t.Fatal(err)
		}
		if err := fb(context.Background(), sns); err != nil {
			t.Fatalf("feedback: %v", err)
		}
	}

	// Every item that can hold personal data carries its TTL: only the
	// offices' own definitions (and their counters) have none, their
	// profiles and privacy notice versions too (a consent names its
	// version, which stays readable).
	for typ, list := range env.Items(t) {
		for _, it := range list {
			exp, _ := it["expiresAt"].(float64)
			switch {
			case typ == "survey" || typ == "meeting" || typ == "office" || typ == "notice":
			// The list of definitions with a copy of the office's profile
			// (dynamo's frame.go).
			case typ == "frames":
			// The register's list buckets: each summary in them carries its
			// record's expiry, and one past it is not read (dynamo.Orgs).
			case typ == "orglist":
			case exp <= float64(time.Now().Unix()):
				t.Errorf("a %s item without a TTL in the future: %v", typ, it["expiresAt"])
			}
		}
	}
	if typ := env.Items(t); len(typ["limit"]) == 0 || len(typ["audit"]) == 0 {
		t.Errorf("the walk missed limit or audit items: %d, %d", len(typ["limit"]), len(typ["audit"]))
	}

	for f, u := range used {
		spec, ok := routes.Specs[f]
		if !ok {
			t.Errorf("%s: not in the table of functions", f)
			continue
		}
		for what, pair := range map[string]struct {
			used    map[string]bool
			allowed []string
		}{"table": {u.table, spec.Table}, "index": {u.index, spec.Index}, "SES": {u.ses, spec.SES}, "account": {u.account, spec.Account}} {
			if missing := notAllowed(pair.used, pair.allowed); len(missing) > 0 {
				t.Errorf("%s calls %v on the %s, which its role does not allow", f, missing, what)
			}
		}
		t.Logf("%s uses table %v, index %v, SES %v, account %v", f, keys(u.table), keys(u.index), keys(u.ses), keys(u.account))
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
