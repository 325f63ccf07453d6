package httpapi_test

// Tests for the defects found by a close read and attacks on make dev
// (issue "Nothing lost, nothing leaked"). Each failed before its fix.

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go/middleware"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/adminfn"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// afterFirstFailedTx runs fn once, right after the first
// TransactWriteItems call that fails on the client it is an option of.
func afterFirstFailedTx(fn func()) func(*dynamodb.Options) {
	var once sync.Once
	return func(o *dynamodb.Options) {
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			return s.Initialize.Add(middleware.InitializeMiddlewareFunc("hook",
				func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
					out, md, err := next.HandleInitialize(ctx, in)
					if err != nil && awsmiddleware.GetOperationName(ctx) == "TransactWriteItems" {
						once.Do(fn)
					}
					return out, md, err
				}), middleware.After)
		})
	}
}

// Duplicate and case-variant JSON keys are rejected, on every
// level, before anything is stored.
func TestLaxJSONRejected(t *testing.T) {
	a := newMeetingAPI(t, 5)
	for name, body := range map[string]string{
		"duplicate consent": `{"name":"A","email":"a@verein.example","consent":{"privacy":false,"privacy":true}}`,
		"duplicate name":    `{"name":"A","name":"B","email":"a@verein.example","consent":{"privacy":true}}`,
		"case variant":      `{"Name":"A","email":"a@verein.example","consent":{"privacy":true}}`,
		"nested variant":    `{"name":"A","email":"a@verein.example","consent":{"Privacy":true}}`,
	} {
		status, resp := a.register(t, body, nil)
		if status != 400 || !strings.Contains(resp, `"bad_request"`) {
			t.Errorf("%s: %d %s; want 400 bad_request", name, status, resp)
		}
	}
	if regs := a.items(t)["registration"]; len(regs) != 0 {
		t.Errorf("stored %d registrations", len(regs))
	}

	s := newAPI(t)
	for name, body := range map[string]string{
		"duplicate consent": `{"answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":false,"privacy":true}}`,
		"duplicate answer":  `{"answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49","org_name":"Y"},"consent":{"privacy":true}}`,
		"case variant":      `{"Answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`,
		"answer variant":    `{"answers":{"Org_Name":"X","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`,
	} {
		resp := s.call(t, submitEvent(t, seed.SurveyID, body, nil))
		if resp.StatusCode != 400 {
			t.Errorf("%s: %d %s; want 400", name, resp.StatusCode, resp.Body)
		}
	}
	if n := len(s.responses(t, seed.SurveyID)); n != 0 {
		t.Errorf("stored %d responses", n)
	}
}

// An address SES cannot deliver to is a field error; an
// internationalised domain is fine.
func TestUndeliverableAddressRejected(t *testing.T) {
	a := newMeetingAPI(t, 5)
	status, body := a.register(t, regBody("Müller", "müller@verein.example"), nil)
	if status != 422 || !strings.Contains(body, `"field":"email"`) {
		t.Errorf("non-ASCII local part: %d %s; want 422 on email", status, body)
	}
	status, body = a.register(t, regBody("Bücherei", "info@bücher.example"), nil)
	if status != 201 {
		t.Errorf("internationalised domain: %d %s; want 201", status, body)
	}
}

// A number DynamoDB cannot hold is a field error, not a 500.
func TestNumbersDynamoDBCannotHold(t *testing.T) {
	s := newAPI(t)
	for _, n := range []string{"1e-200", "1e200", "-1e130"} {
		body := `{"answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49","volunteers":` + n + `},"consent":{"privacy":true}}`
		resp := s.call(t, submitEvent(t, seed.SurveyID, body, nil))
		if resp.StatusCode != 422 || !strings.Contains(resp.Body, `"answers.volunteers"`) {
			t.Errorf("volunteers %s: %d %s; want 422 on answers.volunteers", n, resp.StatusCode, resp.Body)
		}
	}
}

// newMeetingAPIWith is newMeetingAPI with extra client options.
func newMeetingAPIWith(t *testing.T, capacity int, opts ...func(*dynamodb.Options)) *meetingAPI {
	t.Helper()
	calls := &callCounter{}
	db, table := testenv.Table(t, append([]func(*dynamodb.Options){calls.option}, opts...)...)
	return finishMeetingAPI(t, db, table, calls, capacity)
}

var _ = linktoken.Hash

// A seat that comes free between the seat attempt and the
// waitlist attempt must not lose the registration.
func TestRegistrationNotLostWhenASeatComesFree(t *testing.T) {
	var a *meetingAPI
	var first string // token of the one confirmed registration
	hook := afterFirstFailedTx(func() {
		// Another client cancels the one confirmed seat in between.
		db, table := a.db, a.table
		st := dynamo.New(db, table)
		svc := meeting.NewService(st, a.tokens, time.Now)
		if err := svc.Cancel(context.Background(), first, nil); err != nil {
			t.Errorf("cancel in between: %v", err)
		}
	})
	a = newMeetingAPIWith(t, 1, hook)
	status, body := a.register(t, regBody("Erste Person", "erste@verein.example"), nil)
	if status != 201 {
		t.Fatalf("first: %d %s", status, body)
	}
	var res meeting.Result
	_ = json.Unmarshal([]byte(body), &res)
	first = a.tokens.Token(meeting.TokenKind, res.RegistrationID)

	status, body = a.register(t, regBody("Zweite Person", "zweite@verein.example"), nil)
	if status != 201 {
		t.Fatalf("second: %d %s", status, body)
	}
	_ = json.Unmarshal([]byte(body), &res)
	items := a.items(t)
	var stored map[string]any
	for _, r := range items["registration"] {
		if r["id"] == res.RegistrationID {
			stored = r
		}
	}
	if stored == nil {
		t.Fatalf("answered %s but stored nothing", body)
	}
	if stored["status"] != string(res.Status) || res.Status != meeting.Confirmed {
		t.Errorf("answered %s, stored status %v; want confirmed (the seat was free)", body, stored["status"])
	}
	if c := a.counters(t); c.Confirmed != 1 || c.Waiting != 0 {
		t.Errorf("counters %+v, want 1 confirmed, 0 waiting", c)
	}
	kinds := map[string]int{}
	for _, o := range items["outbox"] {
		kinds[o["kind"].(string)]++
	}
	if kinds["confirmed"] != 2 || kinds["cancelled"] != 1 {
		t.Errorf("outbox kinds %v: want 2 confirmed and 1 cancelled mail", kinds)
	}
}

// The 201 and the manage view give the place on the waitlist,
// not an ever-growing ticket number.
func TestWaitlistPlaceIsThePlace(t *testing.T) {
	a := newMeetingAPI(t, 1)
	tokens := map[string]string{}
	for _, who := range []string{"a", "b", "c"} {
		status, body := a.register(t, regBody("Person "+who, who+"@verein.example"), nil)
		if status != 201 {
			t.Fatalf("%s: %d %s", who, status, body)
		}
		var res meeting.Result
		_ = json.Unmarshal([]byte(body), &res)
		tokens[who] = a.tokens.Token(meeting.TokenKind, res.RegistrationID)
	}
	// b (place 1) cancels: c moves up to place 1; d joins at place 2.
	if status, body := a.do(t, "DELETE", "/registrations/{token}", "token", tokens["b"], "", nil); status != 200 {
		t.Fatalf("cancel: %d %s", status, body)
	}
	status, body := a.register(t, regBody("Person d", "d@verein.example"), nil)
	var res meeting.Result
	_ = json.Unmarshal([]byte(body), &res)
	if status != 201 || res.Status != meeting.Waitlisted || res.WaitlistPosition != 2 {
		t.Errorf("d: %d %s; want waitlisted at place 2", status, body)
	}
	d := a.tokens.Token(meeting.TokenKind, res.RegistrationID)
	for who, want := range map[string]int{"c": 1, "d": 2} {
		tok := tokens[who]
		if who == "d" {
			tok = d
		}
		_, body := a.do(t, "GET", "/registrations/{token}", "token", tok, "", nil)
		var o meeting.Owner
		_ = json.Unmarshal([]byte(body), &o)
		if o.WaitlistPosition != want {
			t.Errorf("%s: manage view says place %d, want %d", who, o.WaitlistPosition, want)
		}
	}
}

// A store failure on the coordinators' writes is a logged 500
// internal, never a validation error with the SDK's message.
func TestAdminStoreFailureIsInternal(t *testing.T) {
	logs := &syncBuffer{}
	dead := dynamodb.NewFromConfig(testenv.AWSConfig(t), func(o *dynamodb.Options) {
		o.BaseEndpoint = aws.String("http://127.0.0.1:1") // nothing listens there
		o.RetryMaxAttempts = 1
	})
	deps := app.Deps{Log: slog.New(slog.NewJSONHandler(logs, nil)), DB: dead,
		Config: app.Config{Table: "unreachable", LinkSecret: testSecret}, Now: time.Now}
	h, err := adminfn.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	a := &adminAPI{admin: h}
	def, _ := json.Marshal(seed.DemoSurvey().Settings)
	mt, _ := json.Marshal(seed.DemoMeeting(time.Now()).Settings)
	for _, c := range []call{
		{method: "POST", path: "/admin/meetings", body: string(mt)},
		{method: "PUT", path: "/admin/meetings/{meetingId}", params: map[string]string{"meetingId": seed.MeetingID}, body: string(mt)},
		{method: "POST", path: "/admin/surveys", body: string(def)},
		{method: "PUT", path: "/admin/surveys/{surveyId}", params: map[string]string{"surveyId": seed.SurveyID}, body: string(def)},
	} {
		c.claims = claims("demo")
		resp := a.do(t, h, c)
		var e errorJSON
		_ = json.Unmarshal([]byte(resp.Body), &e)
		if resp.StatusCode != 500 || e.Error.Code != "internal" {
			t.Errorf("%s %s: %d %s; want 500 internal", c.method, c.path, resp.StatusCode, resp.Body)
		}
		if strings.Contains(resp.Body, "127.0.0.1") || strings.Contains(resp.Body, "connect") {
			t.Errorf("%s %s leaks internals: %s", c.method, c.path, resp.Body)
		}
	}
	if n := strings.Count(logs.String(), `"msg":"internal error"`); n != 4 {
		t.Errorf("%d internal errors logged, want 4:\n%s", n, logs.String())
	}
}

// Concurrent uploads of one list invite each address once, send
// one mail each, and a re-upload never resets an answered invitation.
func TestConcurrentUploadsInviteOnce(t *testing.T) {
	a := newAdminAPI(t)
	p := map[string]string{"surveyId": seed.SurveyID}
	list := func(org string) string {
		var b strings.Builder
		b.WriteString("organisation;email;language\n")
		for i := 0; i < 30; i++ {
			fmt.Fprintf(&b, "%s %d;v%d@verein.example;tr\n", org, i, i)
		}
		return b.String()
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp := a.do(t, a.admin, call{method: "POST", path: "/admin/surveys/{surveyId}/invitations", params: p,
				body: list("Verein"), contentType: "text/csv", claims: claims("demo")})
			if resp.StatusCode != 201 {
				t.Errorf("upload: %d %s", resp.StatusCode, resp.Body)
			}
		}()
	}
	wg.Wait()
	items := a.itemsByType(t)
	if n := len(items["invitation"]); n != 30 {
		t.Errorf("%d invitations, want 30", n)
	}
	if n := len(items["outbox"]); n != 30 {
		t.Errorf("%d invitation mails queued, want 30", n)
	}
	// v0 answers through its link; a re-upload changes its organisation
	// name, never its state, and sends nothing.
	inv := items["invitation"][0]
	token := a.tokens.Token("invitation", inv["id"].(string))
	body := `{"invitation":"` + token + `","answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`
	if resp := a.do(t, a.survey, call{method: "POST", path: "/surveys/{surveyId}/responses", params: p, body: body}); resp.StatusCode != 201 {
		t.Fatalf("answer: %d %s", resp.StatusCode, resp.Body)
	}
	resp := a.do(t, a.admin, call{method: "POST", path: "/admin/surveys/{surveyId}/invitations", params: p,
		body: list("Umbenannt"), contentType: "text/csv", claims: claims("demo")})
	if resp.StatusCode != 201 {
		t.Fatalf("re-upload: %d %s", resp.StatusCode, resp.Body)
	}
	items = a.itemsByType(t)
	if n := len(items["outbox"]); n != 30 {
		t.Errorf("re-upload queued mails: %d outbox items, want 30", n)
	}
	for _, v := range items["invitation"] {
		if !strings.HasPrefix(v["organisation"].(string), "Umbenannt") {
			t.Errorf("contact fields not updated: %v", v["organisation"])
		}
		if v["id"] == inv["id"] && v["status"] != "answered" {
			t.Errorf("re-upload reset an answered invitation to %v", v["status"])
		}
	}
}

// itemsByType returns every item of the table by type (Scan: tests only).
func (a *adminAPI) itemsByType(t *testing.T) map[string][]map[string]any {
	t.Helper()
	return (&meetingAPI{db: a.db, table: a.table}).items(t)
}
