package adminapi_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/adminfn"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// entryOrg is a record of the demo office that the walks mail (set by
// the test that makes it).
var entryOrg = "01jdemo0000000000000000000"

func bodyFor(r routes.Route) string {
	switch {
	case r.Path == "/admin/office":
		b, _ := json.Marshal(seed.DemoOffice())
		return string(b)
	case strings.HasSuffix(r.Path, "/entry-mails"):
		return `{"organisations":["` + entryOrg + `"]}`
	case strings.HasSuffix(r.Path, "/merge"):
		return `{"from":"` + testenv.OtherOrganisationID + `"}`
	case strings.Contains(r.Path, "/organisations") && (r.Method == "POST" || r.Method == "PUT"):
		return `{"name":"Verein im Register ` + r.Method + `","municipality":"Mannheim"}`
	case strings.HasSuffix(r.Path, "/invitations"):
		return `{"invitations":[{"organisation":"Verein","email":"x@verein.example"}]}`
	case r.Method == "PUT" && strings.Contains(r.Path, "surveys"), r.Method == "POST" && strings.HasSuffix(r.Path, "/surveys"):
		b, _ := json.Marshal(seed.DemoSurvey().Settings)
		return string(b)
	case r.Method == "PUT" || (r.Method == "POST" && strings.HasSuffix(r.Path, "/meetings")):
		b, _ := json.Marshal(seed.DemoMeeting(time.Now()).Settings)
		return string(b)
	}
	return ""
}

func TestAdminRoutesRequireCoordinatorClaims(t *testing.T) {
	a := testenv.NewFunctions(t)
	noGroup := testenv.Claims("demo")
	noGroup["cognito:groups"] = "[volunteers]"
	noOffice := testenv.Claims("demo")
	delete(noOffice, "custom:office")
	badOffice := testenv.Claims("demo")
	badOffice["custom:office"] = "Demo Office!"
	before := a.Count(t)
	for _, r := range routes.Table {
		if !r.Admin {
			continue
		}
		for _, tt := range []struct {
			name   string
			claims map[string]string
			status int
		}{{"no authorizer", nil, 401}, {"empty claims", map[string]string{}, 401},
			{"not a coordinator", noGroup, 403}, {"no office", noOffice, 403}, {"malformed office", badOffice, 403}} {
			resp := a.Do(t, a.Admin, testenv.Request{Method: r.Method, Path: r.Path, Params: testenv.ParamsFor(r), Body: bodyFor(r), Claims: tt.claims})
			if resp.StatusCode != tt.status {
				t.Errorf("%s, %s: %d, want %d: %s", r.Key(), tt.name, resp.StatusCode, tt.status, resp.Body)
			}
		}
	}
	if after := a.Count(t); after != before {
		t.Fatalf("refused requests changed the table: %d → %d items", before, after)
	}
}

// TestOfficesKeptApart: another office's ids answer 404 on every admin
// route, and nothing changes.
func TestOfficesKeptApart(t *testing.T) {
	a := testenv.NewFunctions(t)
	before := a.Count(t)
	for _, r := range routes.Table {
		if !r.Admin {
			continue
		}
		resp := a.Do(t, a.Admin, testenv.Request{Method: r.Method, Path: r.Path, Params: testenv.ParamsFor(r), Body: bodyFor(r), Claims: testenv.Claims("other-office")})
		if len(testenv.ParamsFor(r)) == 0 {
			if r.Method == "GET" && (resp.StatusCode != 200 || strings.Contains(resp.Body, "demo-")) {
				t.Errorf("%s as another office: %d %s", r.Key(), resp.StatusCode, resp.Body)
			}
			continue
		}
		if resp.StatusCode != 404 {
			t.Errorf("%s with another office's id: %d, want 404: %.200s", r.Key(), resp.StatusCode, resp.Body)
		}
	}
	// The creates of the other office went into its own namespace.
	after := a.Count(t)
	lists := a.AdminCall(t, "other-office", "GET", "/admin/surveys", nil, "", "")
	if !strings.Contains(lists.Body, `"other-office-`) {
		t.Fatalf("other office's survey missing: %s", lists.Body)
	}
	demo := a.AdminCall(t, "demo", "GET", "/admin/surveys", nil, "", "")
	if strings.Contains(demo.Body, "other-office") {
		t.Fatalf("demo office sees another office's survey: %s", demo.Body)
	}
	// Only the two creates (survey, meeting) of the other office, its
	// own profile (the profile and its privacy notice) and a record of
	// its register (the record, its list item, its name lookup) were
	// written.
	if after-before != 7 {
		t.Fatalf("another office's requests wrote %d items, want 7 (its own creates and profile)", after-before)
	}
}

func TestSurveyAdminCRUD(t *testing.T) {
	a := testenv.NewFunctions(t)
	def := `{"id":"bedarf-2027","title":{"de":"Bedarf 2027","en":"Needs 2027"},"questions":[
		{"id":"org_name","type":"text","label":{"de":"Name"},"required":true},
		{"id":"topics","type":"multiple_choice","label":{"de":"Themen"},"options":[{"code":"sdgs","label":{"de":"SDGs"}},{"code":"funding","label":{"de":"Förderung"}}]}]}`
	resp := a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "", def)
	var created struct{ ID string }
	_ = json.Unmarshal([]byte(resp.Body), &created)
	// The public id is the office, the slug and a random part: nobody
	// reaches a survey by guessing its name.
	if resp.StatusCode != 201 || !regexp.MustCompile(`^demo-bedarf-2027-[0-9a-z]{10}$`).MatchString(created.ID) || !strings.Contains(resp.Body, `"office":"demo"`) {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Body)
	}
	id := created.ID
	if resp := a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "", def); resp.StatusCode != 201 || strings.Contains(resp.Body, id) {
		t.Fatalf("create twice: %d %s, want another id", resp.StatusCode, resp.Body)
	}
	for name, bad := range map[string]string{
		"duplicate ids":   strings.Replace(def, `"id":"topics"`, `"id":"org_name"`, 1),
		"no German label": strings.Replace(def, `{"de":"Name"}`, `{"en":"Name"}`, 1),
		"empty options":   strings.Replace(def, `"options":[{"code":"sdgs","label":{"de":"SDGs"}},{"code":"funding","label":{"de":"Förderung"}}]`, `"options":[]`, 1),
		"unknown type":    strings.Replace(def, `"type":"text"`, `"type":"essay"`, 1),
	} {
		resp := a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "", strings.Replace(bad, "bedarf-2027", "x-"+strings.ReplaceAll(name, " ", "-"), 1))
		if resp.StatusCode != 422 || !strings.Contains(resp.Body, "validation_failed") {
			t.Errorf("%s: %d %s", name, resp.StatusCode, resp.Body)
		}
	}
	if resp := a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "", `{"title":{"de":"x"},"questions":[],"colour":"red"}`); resp.StatusCode != 400 {
		t.Errorf("unknown field: %d", resp.StatusCode)
	}
	upd := strings.Replace(def, "Bedarf 2027", "Bedarfe 2027", 1)
	resp = a.AdminCall(t, "demo", "PUT", "/admin/surveys/{surveyId}", map[string]string{"surveyId": id}, "", upd)
	if resp.StatusCode != 200 || !strings.Contains(resp.Body, "Bedarfe 2027") {
		t.Fatalf("update: %d %s", resp.StatusCode, resp.Body)
	}
	resp = a.AdminCall(t, "demo", "GET", "/admin/surveys", nil, "", "")
	if !strings.Contains(resp.Body, id) || !strings.Contains(resp.Body, seed.SurveyID) {
		t.Fatalf("list: %s", resp.Body)
	}
	// The new survey is public at once.
	pub := a.Do(t, a.Survey, testenv.Request{Method: "GET", Path: "/surveys/{surveyId}", Params: map[string]string{"surveyId": id}})
	if pub.StatusCode != 200 || !strings.Contains(pub.Body, "Bedarfe 2027") {
		t.Fatalf("public: %d %s", pub.StatusCode, pub.Body)
	}
}

func TestMeetingCapacityChanges(t *testing.T) {
	a := testenv.NewFunctions(t)
	m := seed.DemoMeeting(time.Now())
	m.Capacity = 2
	b, _ := json.Marshal(m.Settings)
	p := map[string]string{"meetingId": seed.MeetingID}
	if resp := a.AdminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", p, "", string(b)); resp.StatusCode != 200 {
		t.Fatalf("set capacity 2: %s", resp.Body)
	}
	for i := 0; i < 4; i++ {
		a.Do(t, a.Meeting, testenv.Request{Method: "POST", Path: "/meetings/{meetingId}/registrations", Params: p, Body: testenv.RegistrationBody(fmt.Sprint("P", i), fmt.Sprintf("p%d@x.example", i))})
	}
	m.Capacity = 1
	b, _ = json.Marshal(m.Settings)
	resp := a.AdminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", p, "", string(b))
	if resp.StatusCode != 409 || !strings.Contains(resp.Body, "conflict") {
		t.Fatalf("capacity below confirmed: %d %s", resp.StatusCode, resp.Body)
	}
	m.Capacity = 3
	b, _ = json.Marshal(m.Settings)
	resp = a.AdminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", p, "", string(b))
	if resp.StatusCode != 200 || !strings.Contains(resp.Body, `"confirmed":3`) || !strings.Contains(resp.Body, `"waiting":1`) {
		t.Fatalf("capacity raised: %d %s", resp.StatusCode, resp.Body)
	}
	resp = a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/registrations", p, "limit=2", "")
	var page struct {
		Items      []map[string]any
		NextCursor string
	}
	_ = json.Unmarshal([]byte(resp.Body), &page)
	if len(page.Items) != 2 || page.NextCursor == "" {
		t.Fatalf("page 1: %s", resp.Body)
	}
	resp = a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/registrations", p, "limit=2&cursor="+page.NextCursor, "")
	var page2 struct{ Items []map[string]any }
	_ = json.Unmarshal([]byte(resp.Body), &page2)
	if len(page2.Items) != 2 || page2.Items[0]["registrationId"] == page.Items[0]["registrationId"] {
		t.Fatalf("page 2: %s", resp.Body)
	}
	for _, bad := range []string{"limit=0", "limit=1000", "cursor=%%%", "cursor=" + base64.RawURLEncoding.EncodeToString([]byte("INV#x"))} {
		if resp := a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/registrations", p, bad, ""); resp.StatusCode != 400 {
			t.Errorf("%s: %d", bad, resp.StatusCode)
		}
	}
}

func TestAdminPostsAreIdempotent(t *testing.T) {
	a := testenv.NewFunctions(t)
	def := `{"id":"retry","title":{"de":"Wiederholt"},"questions":[{"id":"q","type":"text","label":{"de":"Q"}}]}`
	surveyID := ""
	post := func(path, body, key string) events.APIGatewayV2HTTPResponse {
		return a.Do(t, a.Admin, testenv.Request{Method: "POST", Path: path, Body: body, Claims: testenv.Claims("demo"), Params: map[string]string{"surveyId": surveyID},
			Headers: map[string]string{"idempotency-key": key}})
	}
	first := post("/admin/surveys", def, "k1")
	var created struct{ ID string }
	_ = json.Unmarshal([]byte(first.Body), &created)
	surveyID = created.ID
	again := post("/admin/surveys", def, "k1")
	if first.StatusCode != 201 || again.StatusCode != 201 || first.Body != again.Body {
		t.Fatalf("retry: %d %s / %d %s", first.StatusCode, first.Body, again.StatusCode, again.Body)
	}
	if other := post("/admin/surveys", strings.Replace(def, "Wiederholt", "Anders", 1), "k1"); other.StatusCode != 409 {
		t.Fatalf("same key, other body: %d", other.StatusCode)
	}
	// A failed request frees its key: fix the body, retry with the key.
	if bad := post("/admin/surveys", `{"id":"broken","title":{"en":"x"},"questions":[]}`, "k2"); bad.StatusCode != 422 {
		t.Fatalf("invalid definition: %d", bad.StatusCode)
	}
	if ok := post("/admin/surveys", strings.Replace(def, `"retry"`, `"fixed"`, 1), "k2"); ok.StatusCode != 201 {
		t.Fatalf("retry after a failure: %d %s", ok.StatusCode, ok.Body)
	}
	list := `{"invitations":[{"organisation":"A","email":"a@retry.example"},{"organisation":"B","email":"b@retry.example"}]}`
	r1 := post("/admin/surveys/{surveyId}/invitations", list, "k3")
	r2 := post("/admin/surveys/{surveyId}/invitations", list, "k3")
	if r1.StatusCode != 201 || r1.Body != r2.Body || !strings.Contains(r1.Body, `"invited":2`) {
		t.Fatalf("invitation retry: %s / %s", r1.Body, r2.Body)
	}
	if n := len(a.Items(t)["outbox"]); n != 2 {
		t.Fatalf("%d mails queued, want 2", n)
	}
	// Keys are per office: the same key from another office is its own.
	other := a.Do(t, a.Admin, testenv.Request{Method: "POST", Path: "/admin/surveys", Body: def, Claims: testenv.Claims("kreis-b"), Headers: map[string]string{"idempotency-key": "k1"}})
	if other.StatusCode != 201 || !strings.Contains(other.Body, "kreis-b-retry") {
		t.Fatalf("other office, same key: %d %s", other.StatusCode, other.Body)
	}
}

// A coordinator erases one registration at its person's request: only in
// the own office (another office gets 404 and changes nothing), once (a
// repeat is harmless), recorded in the office's audit trail, which names
// the coordinator by id and holds no personal data.
func TestCoordinatorErasesOneRegistration(t *testing.T) {
	a := testenv.NewFunctions(t)
	resp, err := a.Meeting(context.Background(), testenv.From("127.0.0.10", "/meetings/{meetingId}/registrations", "meetingId", seed.MeetingID,
		testenv.RegistrationBody("Dilan", "dilan@verein.example"), "de"))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("register: %v %d %s", err, resp.StatusCode, resp.Body)
	}
	var res struct{ RegistrationID string }
	_ = json.Unmarshal([]byte(resp.Body), &res)
	route := "/admin/meetings/{meetingId}/registrations/{registrationId}"
	params := map[string]string{"meetingId": seed.MeetingID, "registrationId": res.RegistrationID}
	before := a.Count(t)
	if r := a.AdminCall(t, "other-office", "DELETE", route, params, "", ""); r.StatusCode != 404 {
		t.Fatalf("another office: %d %s", r.StatusCode, r.Body)
	}
	if r := a.AdminCall(t, "demo", "DELETE", route, map[string]string{"meetingId": seed.MeetingID, "registrationId": "nonsense"}, "", ""); r.StatusCode != 404 {
		t.Fatalf("a malformed id: %d %s", r.StatusCode, r.Body)
	}
	if after := a.Count(t); after != before {
		t.Fatalf("refused erasures wrote %d items", after-before)
	}
	for range 2 {
		if r := a.AdminCall(t, "demo", "DELETE", route, params, "", ""); r.StatusCode != 200 {
			t.Fatalf("erase: %d %s", r.StatusCode, r.Body)
		}
	}
	items := a.Items(t)
	for _, r := range items["registration"] {
		if r["id"] == res.RegistrationID && (r["email"] != nil || r["name"] != nil || r["status"] != "cancelled") {
			t.Errorf("not erased: %v", r)
		}
	}
	audit := a.AdminCall(t, "demo", "GET", "/admin/audit", nil, "", "")
	var list struct{ Items []map[string]any }
	if err := json.Unmarshal([]byte(audit.Body), &list); err != nil || audit.StatusCode != 200 || len(list.Items) != 1 ||
		list.Items[0]["actor"] != "coordinator:user-demo" || list.Items[0]["id"] != res.RegistrationID || strings.Contains(audit.Body, "dilan") {
		t.Fatalf("audit: %d %s", audit.StatusCode, audit.Body)
	}
	if other := a.AdminCall(t, "other-office", "GET", "/admin/audit", nil, "", ""); !strings.Contains(other.Body, `"items":[]`) {
		t.Fatalf("another office's audit: %s", other.Body)
	}
}

// A coordinator erases one answer of the own office's survey (another
// office: 404, nothing changes); the audit trail records it.
func TestCoordinatorErasesOneAnswer(t *testing.T) {
	a := testenv.NewFunctions(t)
	resp, err := a.Survey(context.Background(), testenv.From("127.0.0.11", "/surveys/{surveyId}/responses", "surveyId", seed.SurveyID, testenv.AnswerBody, "de"))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("answer: %v %d %s", err, resp.StatusCode, resp.Body)
	}
	var res struct{ ResponseID string }
	_ = json.Unmarshal([]byte(resp.Body), &res)
	route := "/admin/surveys/{surveyId}/responses/{responseId}"
	params := map[string]string{"surveyId": seed.SurveyID, "responseId": res.ResponseID}
	if r := a.AdminCall(t, "other-office", "DELETE", route, params, "", ""); r.StatusCode != 404 || len(a.Items(t)["response"]) != 1 {
		t.Fatalf("another office: %d %s", r.StatusCode, r.Body)
	}
	if r := a.AdminCall(t, "demo", "DELETE", route, params, "", ""); r.StatusCode != 200 {
		t.Fatalf("erase: %d %s", r.StatusCode, r.Body)
	}
	items := a.Items(t)
	if len(items["response"]) != 0 || len(items["audit"]) != 1 || items["audit"][0]["kind"] != "response" || items["audit"][0]["actor"] != "coordinator:user-demo" {
		t.Fatalf("after: %d answers, audit %v", len(items["response"]), items["audit"])
	}
	if r := a.AdminCall(t, "demo", "DELETE", route, params, "", ""); r.StatusCode != 404 {
		t.Errorf("erasing again: %d", r.StatusCode)
	}
}

// The admin API lists the office's failed mails and sends one again
// (shared/mailer fails one and checks the resend end to end); an unknown
// mail is 404.
func TestFailedMailsInTheAdminAPI(t *testing.T) {
	a := testenv.NewFunctions(t)
	if r := a.AdminCall(t, "demo", "GET", "/admin/mails/failed", nil, "", ""); r.StatusCode != 200 || !strings.Contains(r.Body, `"items":[]`) {
		t.Fatalf("list: %d %s", r.StatusCode, r.Body)
	}
	if r := a.AdminCall(t, "demo", "POST", "/admin/mails/{mailId}/resend", map[string]string{"mailId": "01M7ZUNKNOWN0000000000000"}, "", ""); r.StatusCode != 404 {
		t.Fatalf("resend an unknown mail: %d %s", r.StatusCode, r.Body)
	}
}

// A store failure on the coordinators' writes is a logged 500
// internal, never a validation error with the SDK's message.
func TestAdminStoreFailureIsInternal(t *testing.T) {
	logs := &testenv.Logs{}
	dead := dynamodb.NewFromConfig(testenv.AWSConfig(t), func(o *dynamodb.Options) {
		o.BaseEndpoint = aws.String("http://127.0.0.1:1") // nothing listens there
		o.RetryMaxAttempts = 1
	})
	deps := app.Deps{Log: slog.New(slog.NewJSONHandler(logs, nil)), DB: dead,
		Config: app.Config{Table: "unreachable", LinkSecret: testenv.Secret}, Now: time.Now}
	h, err := adminfn.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	def, _ := json.Marshal(seed.DemoSurvey().Settings)
	mt, _ := json.Marshal(seed.DemoMeeting(time.Now()).Settings)
	for _, c := range []testenv.Request{
		{Method: "POST", Path: "/admin/meetings", Body: string(mt)},
		{Method: "PUT", Path: "/admin/meetings/{meetingId}", Params: map[string]string{"meetingId": seed.MeetingID}, Body: string(mt)},
		{Method: "POST", Path: "/admin/surveys", Body: string(def)},
		{Method: "PUT", Path: "/admin/surveys/{surveyId}", Params: map[string]string{"surveyId": seed.SurveyID}, Body: string(def)},
	} {
		c.Claims = testenv.Claims("demo")
		resp := testenv.Do(t, h, c)
		var e testenv.ErrorBody
		_ = json.Unmarshal([]byte(resp.Body), &e)
		if resp.StatusCode != 500 || e.Error.Code != "internal" {
			t.Errorf("%s %s: %d %s; want 500 internal", c.Method, c.Path, resp.StatusCode, resp.Body)
		}
		if strings.Contains(resp.Body, "127.0.0.1") || strings.Contains(resp.Body, "connect") {
			t.Errorf("%s %s leaks internals: %s", c.Method, c.Path, resp.Body)
		}
	}
	if n := strings.Count(logs.String(), `"msg":"internal error"`); n != 4 {
		t.Errorf("%d internal errors logged, want 4:\n%s", n, logs.String())
	}
}
