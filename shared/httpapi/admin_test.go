package httpapi_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/adminfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/meetingfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/surveyfn"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// adminAPI is the admin, survey and meeting functions on one table.
type adminAPI struct {
	admin, survey, meeting app.Handler
	db                     *dynamodb.Client
	table                  string
	store                  *dynamo.Store
	tokens                 *linktoken.Minter
	calls                  *callCounter
}

func newAdminAPI(t *testing.T) *adminAPI { return newAdminAPIAt(t, time.Now) }

func newAdminAPIAt(t *testing.T, now func() time.Time) *adminAPI {
	t.Helper()
	calls := &callCounter{}
	db, table := testenv.Table(t, calls.option)
	store := dynamo.New(db, table)
	if err := seed.Load(context.Background(), store, now()); err != nil {
		t.Fatal(err)
	}
	deps := app.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), DB: db,
		Config: app.Config{Table: table, LinkSecret: testSecret}, Now: now}
	a := &adminAPI{db: db, table: table, store: store, calls: calls}
	var err error
	if a.admin, err = adminfn.New(deps); err != nil {
		t.Fatal(err)
	}
	a.survey, _ = surveyfn.New(deps)
	a.meeting, _ = meetingfn.New(deps)
	a.tokens, _ = linktoken.New(testSecret)
	return a
}

// claims as API Gateway's JWT authorizer passes them from a Cognito token.
func claims(office string) map[string]string {
	return map[string]string{"sub": "user-" + office, "cognito:groups": "[coordinators]", "custom:office": office,
		"iss": "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_x", "token_use": "id"}
}

type call struct {
	method, path string
	params       map[string]string
	query        string
	body         string
	contentType  string
	claims       map[string]string
	headers      map[string]string
	cookies      []string
}

func (a *adminAPI) do(t *testing.T, h app.Handler, c call) events.APIGatewayV2HTTPResponse {
	t.Helper()
	ev := events.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: c.method + " " + c.path, RawPath: c.path,
		RawQueryString: c.query, PathParameters: c.params, Body: c.body, Headers: map[string]string{}}
	ev.RequestContext.HTTP.SourceIP = "127.0.0.2"
	if c.contentType != "" {
		ev.Headers["content-type"] = c.contentType
	} else if c.body != "" {
		ev.Headers["content-type"] = "application/json"
	}
	for k, v := range c.headers {
		ev.Headers[k] = v
	}
	if c.claims != nil {
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: c.claims}}
	}
	ev.Cookies = c.cookies
	ev.RequestContext.HTTP.Method = c.method
	resp, err := h(context.Background(), ev)
	if err != nil {
		t.Fatalf("handler error: %v", err)
	}
	return resp
}

func (a *adminAPI) adminCall(t *testing.T, office, method, path string, params map[string]string, query, body string) events.APIGatewayV2HTTPResponse {
	return a.do(t, a.admin, call{method: method, path: path, params: params, query: query, body: body, claims: claims(office)})
}

// paramsFor fills a route's path parameters with the demo ids.
func paramsFor(r routes.Route) map[string]string {
	p := map[string]string{}
	if strings.Contains(r.Path, "{surveyId}") {
		p["surveyId"] = seed.SurveyID
	}
	if strings.Contains(r.Path, "{meetingId}") {
		p["meetingId"] = seed.MeetingID
	}
	return p
}

func bodyFor(r routes.Route) string {
	switch {
	case r.Path == "/admin/office":
		b, _ := json.Marshal(seed.DemoOffice())
		return string(b)
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
	a := newAdminAPI(t)
	noGroup := claims("demo")
	noGroup["cognito:groups"] = "[volunteers]"
	noOffice := claims("demo")
	delete(noOffice, "custom:office")
	badOffice := claims("demo")
	badOffice["custom:office"] = "Demo Office!"
	before := a.itemCount(t)
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
			resp := a.do(t, a.admin, call{method: r.Method, path: r.Path, params: paramsFor(r), body: bodyFor(r), claims: tt.claims})
			if resp.StatusCode != tt.status {
				t.Errorf("%s, %s: %d, want %d: %s", r.Key(), tt.name, resp.StatusCode, tt.status, resp.Body)
			}
		}
	}
	if after := a.itemCount(t); after != before {
		t.Fatalf("refused requests changed the table: %d → %d items", before, after)
	}
}

func (a *adminAPI) itemCount(t *testing.T) int {
	t.Helper()
	return (&api{db: a.db, table: a.table}).itemCount(t)
}

// TestOfficesKeptApart: another office's ids answer 404 on every admin
// route, and nothing changes.
func TestOfficesKeptApart(t *testing.T) {
	a := newAdminAPI(t)
	before := a.itemCount(t)
	for _, r := range routes.Table {
		if !r.Admin {
			continue
		}
		resp := a.do(t, a.admin, call{method: r.Method, path: r.Path, params: paramsFor(r), body: bodyFor(r), claims: claims("other-office")})
		if len(paramsFor(r)) == 0 {
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
	after := a.itemCount(t)
	lists := a.adminCall(t, "other-office", "GET", "/admin/surveys", nil, "", "")
	if !strings.Contains(lists.Body, `"other-office-`) {
		t.Fatalf("other office's survey missing: %s", lists.Body)
	}
	demo := a.adminCall(t, "demo", "GET", "/admin/surveys", nil, "", "")
	if strings.Contains(demo.Body, "other-office") {
		t.Fatalf("demo office sees another office's survey: %s", demo.Body)
	}
	// Only the two creates (survey, meeting) of the other office and its
	// own profile (the profile and its privacy notice) were written.
	if after-before != 4 {
		t.Fatalf("another office's requests wrote %d items, want 4 (its own creates and profile)", after-before)
	}
}

func TestSurveyAdminCRUD(t *testing.T) {
	a := newAdminAPI(t)
	def := `{"id":"bedarf-2027","title":{"de":"Bedarf 2027","en":"Needs 2027"},"questions":[
		{"id":"org_name","type":"text","label":{"de":"Name"},"required":true},
		{"id":"topics","type":"multiple_choice","label":{"de":"Themen"},"options":[{"code":"sdgs","label":{"de":"SDGs"}},{"code":"funding","label":{"de":"Förderung"}}]}]}`
	resp := a.adminCall(t, "demo", "POST", "/admin/surveys", nil, "", def)
	var created struct{ ID string }
	_ = json.Unmarshal([]byte(resp.Body), &created)
	// The public id is the office, the slug and a random part: nobody
	// reaches a survey by guessing its name.
	if resp.StatusCode != 201 || !regexp.MustCompile(`^demo-bedarf-2027-[0-9a-z]{10}$`).MatchString(created.ID) || !strings.Contains(resp.Body, `"office":"demo"`) {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Body)
	}
	id := created.ID
	if resp := a.adminCall(t, "demo", "POST", "/admin/surveys", nil, "", def); resp.StatusCode != 201 || strings.Contains(resp.Body, id) {
		t.Fatalf("create twice: %d %s, want another id", resp.StatusCode, resp.Body)
	}
	for name, bad := range map[string]string{
		"duplicate ids":   strings.Replace(def, `"id":"topics"`, `"id":"org_name"`, 1),
		"no German label": strings.Replace(def, `{"de":"Name"}`, `{"en":"Name"}`, 1),
		"empty options":   strings.Replace(def, `"options":[{"code":"sdgs","label":{"de":"SDGs"}},{"code":"funding","label":{"de":"Förderung"}}]`, `"options":[]`, 1),
		"unknown type":    strings.Replace(def, `"type":"text"`, `"type":"essay"`, 1),
	} {
		resp := a.adminCall(t, "demo", "POST", "/admin/surveys", nil, "", strings.Replace(bad, "bedarf-2027", "x-"+strings.ReplaceAll(name, " ", "-"), 1))
		if resp.StatusCode != 422 || !strings.Contains(resp.Body, "validation_failed") {
			t.Errorf("%s: %d %s", name, resp.StatusCode, resp.Body)
		}
	}
	if resp := a.adminCall(t, "demo", "POST", "/admin/surveys", nil, "", `{"title":{"de":"x"},"questions":[],"colour":"red"}`); resp.StatusCode != 400 {
		t.Errorf("unknown field: %d", resp.StatusCode)
	}
	upd := strings.Replace(def, "Bedarf 2027", "Bedarfe 2027", 1)
	resp = a.adminCall(t, "demo", "PUT", "/admin/surveys/{surveyId}", map[string]string{"surveyId": id}, "", upd)
	if resp.StatusCode != 200 || !strings.Contains(resp.Body, "Bedarfe 2027") {
		t.Fatalf("update: %d %s", resp.StatusCode, resp.Body)
	}
	resp = a.adminCall(t, "demo", "GET", "/admin/surveys", nil, "", "")
	if !strings.Contains(resp.Body, id) || !strings.Contains(resp.Body, seed.SurveyID) {
		t.Fatalf("list: %s", resp.Body)
	}
	// The new survey is public at once.
	pub := a.do(t, a.survey, call{method: "GET", path: "/surveys/{surveyId}", params: map[string]string{"surveyId": id}})
	if pub.StatusCode != 200 || !strings.Contains(pub.Body, "Bedarfe 2027") {
		t.Fatalf("public: %d %s", pub.StatusCode, pub.Body)
	}
}

func TestMeetingCapacityChanges(t *testing.T) {
	a := newAdminAPI(t)
	m := seed.DemoMeeting(time.Now())
	m.Capacity = 2
	b, _ := json.Marshal(m.Settings)
	p := map[string]string{"meetingId": seed.MeetingID}
	if resp := a.adminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", p, "", string(b)); resp.StatusCode != 200 {
		t.Fatalf("set capacity 2: %s", resp.Body)
	}
	for i := 0; i < 4; i++ {
		a.do(t, a.meeting, call{method: "POST", path: "/meetings/{meetingId}/registrations", params: p, body: regBody(fmt.Sprint("P", i), fmt.Sprintf("p%d@x.example", i))})
	}
	m.Capacity = 1
	b, _ = json.Marshal(m.Settings)
	resp := a.adminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", p, "", string(b))
	if resp.StatusCode != 409 || !strings.Contains(resp.Body, "conflict") {
		t.Fatalf("capacity below confirmed: %d %s", resp.StatusCode, resp.Body)
	}
	m.Capacity = 3
	b, _ = json.Marshal(m.Settings)
	resp = a.adminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", p, "", string(b))
	if resp.StatusCode != 200 || !strings.Contains(resp.Body, `"confirmed":3`) || !strings.Contains(resp.Body, `"waiting":1`) {
		t.Fatalf("capacity raised: %d %s", resp.StatusCode, resp.Body)
	}
	resp = a.adminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/registrations", p, "limit=2", "")
	var page struct {
		Items      []map[string]any
		NextCursor string
	}
	_ = json.Unmarshal([]byte(resp.Body), &page)
	if len(page.Items) != 2 || page.NextCursor == "" {
		t.Fatalf("page 1: %s", resp.Body)
	}
	resp = a.adminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/registrations", p, "limit=2&cursor="+page.NextCursor, "")
	var page2 struct{ Items []map[string]any }
	_ = json.Unmarshal([]byte(resp.Body), &page2)
	if len(page2.Items) != 2 || page2.Items[0]["registrationId"] == page.Items[0]["registrationId"] {
		t.Fatalf("page 2: %s", resp.Body)
	}
	for _, bad := range []string{"limit=0", "limit=1000", "cursor=%%%", "cursor=" + base64.RawURLEncoding.EncodeToString([]byte("INV#x"))} {
		if resp := a.adminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/registrations", p, bad, ""); resp.StatusCode != 400 {
			t.Errorf("%s: %d", bad, resp.StatusCode)
		}
	}
}

func TestAdminPostsAreIdempotent(t *testing.T) {
	a := newAdminAPI(t)
	def := `{"id":"retry","title":{"de":"Wiederholt"},"questions":[{"id":"q","type":"text","label":{"de":"Q"}}]}`
	surveyID := ""
	post := func(path, body, key string) events.APIGatewayV2HTTPResponse {
		return a.do(t, a.admin, call{method: "POST", path: path, body: body, claims: claims("demo"), params: map[string]string{"surveyId": surveyID},
			headers: map[string]string{"idempotency-key": key}})
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
	if n := len((&meetingAPI{db: a.db, table: a.table}).items(t)["outbox"]); n != 2 {
		t.Fatalf("%d mails queued, want 2", n)
	}
	// Keys are per office: the same key from another office is its own.
	other := a.do(t, a.admin, call{method: "POST", path: "/admin/surveys", body: def, claims: claims("kreis-b"), headers: map[string]string{"idempotency-key": "k1"}})
	if other.StatusCode != 201 || !strings.Contains(other.Body, "kreis-b-retry") {
		t.Fatalf("other office, same key: %d %s", other.StatusCode, other.Body)
	}
}

// A coordinator erases one registration at its person's request: only in
// the own office (another office gets 404 and changes nothing), once (a
// repeat is harmless), recorded in the office's audit trail, which names
// the coordinator by id and holds no personal data.
func TestCoordinatorErasesOneRegistration(t *testing.T) {
	a := newAdminAPI(t)
	resp, err := a.meeting(context.Background(), from("127.0.0.10", "/meetings/{meetingId}/registrations", "meetingId", seed.MeetingID,
		regBody("Dilan", "dilan@verein.example"), "de"))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("register: %v %d %s", err, resp.StatusCode, resp.Body)
	}
	var res struct{ RegistrationID string }
	_ = json.Unmarshal([]byte(resp.Body), &res)
	route := "/admin/meetings/{meetingId}/registrations/{registrationId}"
	params := map[string]string{"meetingId": seed.MeetingID, "registrationId": res.RegistrationID}
	before := a.itemCount(t)
	if r := a.adminCall(t, "other-office", "DELETE", route, params, "", ""); r.StatusCode != 404 {
		t.Fatalf("another office: %d %s", r.StatusCode, r.Body)
	}
	if r := a.adminCall(t, "demo", "DELETE", route, map[string]string{"meetingId": seed.MeetingID, "registrationId": "nonsense"}, "", ""); r.StatusCode != 404 {
		t.Fatalf("a malformed id: %d %s", r.StatusCode, r.Body)
	}
	if after := a.itemCount(t); after != before {
		t.Fatalf("refused erasures wrote %d items", after-before)
	}
	for range 2 {
		if r := a.adminCall(t, "demo", "DELETE", route, params, "", ""); r.StatusCode != 200 {
			t.Fatalf("erase: %d %s", r.StatusCode, r.Body)
		}
	}
	items := (&meetingAPI{db: a.db, table: a.table}).items(t)
	for _, r := range items["registration"] {
		if r["id"] == res.RegistrationID && (r["email"] != nil || r["name"] != nil || r["status"] != "cancelled") {
			t.Errorf("not erased: %v", r)
		}
	}
	audit := a.adminCall(t, "demo", "GET", "/admin/audit", nil, "", "")
	var list struct{ Items []map[string]any }
	if err := json.Unmarshal([]byte(audit.Body), &list); err != nil || audit.StatusCode != 200 || len(list.Items) != 1 ||
		list.Items[0]["actor"] != "coordinator:user-demo" || list.Items[0]["id"] != res.RegistrationID || strings.Contains(audit.Body, "dilan") {
		t.Fatalf("audit: %d %s", audit.StatusCode, audit.Body)
	}
	if other := a.adminCall(t, "other-office", "GET", "/admin/audit", nil, "", ""); !strings.Contains(other.Body, `"items":[]`) {
		t.Fatalf("another office's audit: %s", other.Body)
	}
}

// A coordinator erases one answer of the own office's survey (another
// office: 404, nothing changes); the audit trail records it.
func TestCoordinatorErasesOneAnswer(t *testing.T) {
	a := newAdminAPI(t)
	resp, err := a.survey(context.Background(), from("127.0.0.11", "/surveys/{surveyId}/responses", "surveyId", seed.SurveyID, validBody, "de"))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("answer: %v %d %s", err, resp.StatusCode, resp.Body)
	}
	var res struct{ ResponseID string }
	_ = json.Unmarshal([]byte(resp.Body), &res)
	route := "/admin/surveys/{surveyId}/responses/{responseId}"
	params := map[string]string{"surveyId": seed.SurveyID, "responseId": res.ResponseID}
	if r := a.adminCall(t, "other-office", "DELETE", route, params, "", ""); r.StatusCode != 404 || len(a.itemsByType(t)["response"]) != 1 {
		t.Fatalf("another office: %d %s", r.StatusCode, r.Body)
	}
	if r := a.adminCall(t, "demo", "DELETE", route, params, "", ""); r.StatusCode != 200 {
		t.Fatalf("erase: %d %s", r.StatusCode, r.Body)
	}
	items := a.itemsByType(t)
	if len(items["response"]) != 0 || len(items["audit"]) != 1 || items["audit"][0]["kind"] != "response" || items["audit"][0]["actor"] != "coordinator:user-demo" {
		t.Fatalf("after: %d answers, audit %v", len(items["response"]), items["audit"])
	}
	if r := a.adminCall(t, "demo", "DELETE", route, params, "", ""); r.StatusCode != 404 {
		t.Errorf("erasing again: %d", r.StatusCode)
	}
}

// The admin API lists the office's failed mails and sends one again
// (shared/mailer fails one and checks the resend end to end); an unknown
// mail is 404.
func TestFailedMailsInTheAdminAPI(t *testing.T) {
	a := newAdminAPI(t)
	if r := a.adminCall(t, "demo", "GET", "/admin/mails/failed", nil, "", ""); r.StatusCode != 200 || !strings.Contains(r.Body, `"items":[]`) {
		t.Fatalf("list: %d %s", r.StatusCode, r.Body)
	}
	if r := a.adminCall(t, "demo", "POST", "/admin/mails/{mailId}/resend", map[string]string{"mailId": "01M7ZUNKNOWN0000000000000"}, "", ""); r.StatusCode != 404 {
		t.Fatalf("resend an unknown mail: %d %s", r.StatusCode, r.Body)
	}
}
