package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/meetingfn"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// meetingAPI is the meeting function on a fresh table with the demo
// meeting.
type meetingAPI struct {
	*testenv.Env
	handler app.Handler
}

func newMeetingAPI(t *testing.T, capacity int, change ...func(*meeting.Meeting)) *meetingAPI {
	t.Helper()
	return meetingAPIOn(t, testenv.New(t), capacity, change...)
}

// meetingAPIOn puts the demo meeting with capacity seats (changed by
// change) into env's table and builds the meeting function on it.
func meetingAPIOn(t *testing.T, env *testenv.Env, capacity int, change ...func(*meeting.Meeting)) *meetingAPI {
	t.Helper()
	env.PutDemoMeeting(t, capacity, change...)
	// Internal errors reach the test's log: a 500 says why.
	d := env.Deps()
	d.Log = slog.New(slog.NewJSONHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelError}))
	h, err := meetingfn.New(d)
	if err != nil {
		t.Fatal(err)
	}
	env.Calls.Reset()
	return &meetingAPI{Env: env, handler: h}
}

func (a *meetingAPI) do(t *testing.T, method, routePath, param, value, body string, headers map[string]string) (int, string) {
	t.Helper()
	ev := events.APIGatewayV2HTTPRequest{
		Version: "2.0", RouteKey: method + " " + routePath,
		RawPath: strings.Replace(routePath, "{"+param+"}", value, 1), Body: body,
		Headers: map[string]string{"content-type": "application/json"}, PathParameters: map[string]string{param: value},
		RequestContext: events.APIGatewayV2HTTPRequestContext{RequestID: "test", HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: method}},
	}
	for k, v := range headers {
		if v == "" {
			delete(ev.Headers, k)
		} else {
			ev.Headers[k] = v
		}
	}
	resp, err := a.handler(context.Background(), ev)
	if err != nil {
		t.Fatalf("handler error: %v", err)
	}
	return resp.StatusCode, resp.Body
}

func (a *meetingAPI) register(t *testing.T, body string, headers map[string]string) (int, string) {
	return a.do(t, "POST", "/meetings/{meetingId}/registrations", "meetingId", seed.MeetingID, body, headers)
}

func TestRegisterConfirmWaitlistCancel(t *testing.T) {
	a := newMeetingAPI(t, 2)
	var ids []string
	for i, want := range []string{"confirmed", "confirmed", "waitlisted", "waitlisted"} {
		status, body := a.register(t, testenv.RegistrationBody(fmt.Sprint("Person ", i), fmt.Sprintf("p%d@verein.example", i)), nil)
		var res meeting.Result
		_ = json.Unmarshal([]byte(body), &res)
		if status != 201 || string(res.Status) != want {
			t.Fatalf("registration %d: %d %s, want %s", i, status, body, want)
		}
		if want == "waitlisted" && res.WaitlistPosition != i-1 {
			t.Fatalf("registration %d: waitlist position %d, want %d", i, res.WaitlistPosition, i-1)
		}
		ids = append(ids, res.RegistrationID)
	}
	status, body := a.do(t, "GET", "/meetings/{meetingId}", "meetingId", seed.MeetingID, "", nil)
	if status != 200 || !strings.Contains(body, `"seatsLeft":0`) || !strings.Contains(body, `"status":"full"`) || !strings.Contains(body, `"timeZone":"Europe/Berlin"`) {
		t.Fatalf("GET meeting: %d %s", status, body)
	}
	// The owner's view of the second waitlisted registration: position 2.
	tok3 := a.Tokens.Token(meeting.TokenKind, ids[3])
	status, body = a.do(t, "GET", "/registrations/{token}", "token", tok3, "", nil)
	if status != 200 || !strings.Contains(body, `"waitlistPosition":2`) || !strings.Contains(body, `"status":"waitlisted"`) {
		t.Fatalf("GET registration: %d %s", status, body)
	}
	// Cancel a confirmed one: the first waitlisted takes the seat.
	tok0 := a.Tokens.Token(meeting.TokenKind, ids[0])
	for i := 0; i < 2; i++ { // repeating is harmless
		if status, body := a.do(t, "DELETE", "/registrations/{token}", "token", tok0, "", nil); status != 200 || body != `{"status":"cancelled"}` {
			t.Fatalf("DELETE %d: %d %s", i, status, body)
		}
	}
	items := a.Items(t)
	got := testenv.CountStatus(items["registration"])
	if got["confirmed"] != 2 || got["waitlisted"] != 1 || got["cancelled"] != 1 {
		t.Fatalf("after cancel: %v", got)
	}
	if c := a.Counters(t); c.Confirmed != 2 || c.Waiting != 1 {
		t.Fatalf("counters %+v", c)
	}
	status, body = a.do(t, "GET", "/registrations/{token}", "token", tok3, "", nil)
	if !strings.Contains(body, `"waitlistPosition":1`) {
		t.Fatalf("position after promotion: %d %s", status, body)
	}
	kinds := map[string]int{}
	for _, o := range items["outbox"] {
		kinds[o["kind"].(string)]++
	}
	if kinds["confirmed"] != 2 || kinds["waitlisted"] != 2 || kinds["cancelled"] != 1 || kinds["promoted"] != 1 {
		t.Fatalf("outbox kinds %v", kinds)
	}
	// The cancelled email may register again.
	if status, body := a.register(t, testenv.RegistrationBody("Person 0", "P0@Verein.example"), nil); status != 201 {
		t.Fatalf("re-register after cancel: %d %s", status, body)
	}
	// No token, no email, no name in keys: tokens are stored as hashes only.
	for _, it := range items["token"] {
		if strings.Contains(it["pk"].(string), tok0) {
			t.Fatal("raw token stored")
		}
	}
	for _, r := range items["registration"] {
		if _, ok := r["expiresAt"].(float64); !ok {
			t.Fatalf("registration without TTL: %v", r["id"])
		}
	}
}

func TestRegisterBadInput(t *testing.T) {
	a := newMeetingAPI(t, 40)
	closed := newMeetingAPI(t, 40, func(m *meeting.Meeting) {
		m.RegistrationClosesAt = time.Now().Add(-time.Minute)
	})
	if status, _ := a.register(t, testenv.RegistrationBody("Erste", "taken@verein.example"), nil); status != 201 {
		t.Fatal("setup registration failed")
	}
	ok := testenv.RegistrationBody("Zweite", "second@verein.example")
	big := `{"name":"` + strings.Repeat("x", 70<<10) + `"}`
	tests := []struct {
		name    string
		api     *meetingAPI
		body    string
		headers map[string]string
		status  int
		code    string
		field   string
	}{
		{"malformed JSON", a, `{"name":`, nil, 400, "bad_request", ""},
		{"JSON array", a, `[]`, nil, 400, "bad_request", ""},
		{"JSON string", a, `"x"`, nil, 400, "bad_request", ""},
		{"unknown field", a, strings.Replace(ok, `"name"`, `"nickname":"x","name"`, 1), nil, 400, "bad_request", ""},
		{"wrong type", a, strings.Replace(ok, `"privacy":true`, `"privacy":"ja"`, 1), nil, 400, "bad_request", ""},
		{"invalid UTF-8", a, "{\"name\":\"\xff\"}", nil, 400, "bad_request", ""},
		{"too large", a, big, nil, 413, "too_large", ""},
		{"text/plain", a, ok, map[string]string{"content-type": "text/plain"}, 415, "unsupported_media_type", ""},
		{"invalid email", a, strings.Replace(ok, "second@verein.example", "second(at)verein", 1), nil, 422, "validation_failed", "email"},
		{"missing name", a, strings.Replace(ok, `"name":"Zweite",`, ``, 1), nil, 422, "validation_failed", "name"},
		{"blank name", a, strings.Replace(ok, `"name":"Zweite"`, `"name":""`, 1), nil, 422, "validation_failed", "name"},
		{"name of spaces", a, strings.Replace(ok, `"name":"Zweite"`, `"name":" \u00a0 \t "`, 1), nil, 422, "validation_failed", "name"},
		{"link in the name", a, strings.Replace(ok, `"name":"Zweite"`, `"name":"Gewinn! https://evil.example/x"`, 1), nil, 422, "validation_failed", "name"},
		{"domain in the name", a, strings.Replace(ok, `"name":"Zweite"`, `"name":"Preis auf evil.com"`, 1), nil, 422, "validation_failed", "name"},
		{"bidi override in the name", a, strings.Replace(ok, `"name":"Zweite"`, `"name":"Anna\u202eanwoN"`, 1), nil, 422, "validation_failed", "name"},
		{"zero-width space in the organisation", a, strings.Replace(ok, `"organisation":"Verein Zweite"`, `"organisation":"Ver\u200bein"`, 1), nil, 422, "validation_failed", "organisation"},
		{"control character in the role", a, strings.Replace(ok, `"role":"Mitglied"`, `"role":"Mit\u0007glied"`, 1), nil, 422, "validation_failed", "role"},
		{"privacy false", a, strings.Replace(ok, `"privacy":true`, `"privacy":false`, 1), nil, 422, "validation_failed", "consent.privacy"},
		{"consent missing", a, `{"name":"A","email":"a@b.example"}`, nil, 422, "validation_failed", "consent"},
		{"needs too long", a, strings.Replace(ok, `"dietary":"halal"`, `"dietary":"`+strings.Repeat("d", 301)+`"`, 1), nil, 422, "validation_failed", "needs.dietary"},
		{"same email again, other case", a, testenv.RegistrationBody("Dritte", "Taken@VEREIN.example"), nil, 409, "conflict", ""},
		{"after the deadline", closed, ok, nil, 409, "closed", ""},
	}
	before := a.Items(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := tt.api.register(t, tt.body, tt.headers)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, body)
			}
			var e testenv.ErrorBody
			if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code != tt.code || e.Error.Message == "" {
				t.Fatalf("error %s, want code %s", body, tt.code)
			}
			if tt.field != "" {
				found := false
				for _, f := range e.Error.Fields {
					found = found || f.Field == tt.field
				}
				if !found {
					t.Fatalf("no field error for %s: %s", tt.field, body)
				}
			}
		})
	}
	after := a.Items(t)
	for _, typ := range []string{"registration", "outbox", "token", "email-lock"} {
		if len(after[typ]) != len(before[typ]) {
			t.Errorf("rejected requests changed %s items: %d → %d", typ, len(before[typ]), len(after[typ]))
		}
	}
	if c := a.Counters(t); c.Confirmed != 1 || c.Waiting != 0 {
		t.Errorf("rejected requests took seats: %+v", c)
	}
	if n := len(closed.Items(t)["registration"]); n != 0 {
		t.Errorf("closed meeting stored %d registrations", n)
	}
	// Unknown meeting.
	if status, _ := a.do(t, "POST", "/meetings/{meetingId}/registrations", "meetingId", "no-such-meeting", ok, nil); status != 404 {
		t.Errorf("unknown meeting: %d", status)
	}
}

// Names are names: trimmed and collapsed before they are stored; a Persian
// name keeps its zero-width non-joiner; the field error is in the
// caller's language.
func TestNamesAreCleaned(t *testing.T) {
	a := newMeetingAPI(t, 40)
	body := strings.NewReplacer(`"name":"x"`, `"name":"  Anna \t  Nowak "`, `"organisation":"Verein x"`, `"organisation":"انجمن\u200cهای  فرهنگی"`).
		Replace(testenv.RegistrationBody("x", "anna@verein.example"))
	if status, resp := a.register(t, body, nil); status != 201 {
		t.Fatalf("register: %d %s", status, resp)
	}
	regs := a.Items(t)["registration"]
	if len(regs) != 1 || regs[0]["name"] != "Anna Nowak" || regs[0]["organisation"] != "انجمن\u200cهای فرهنگی" {
		t.Fatalf("stored %q / %q", regs[0]["name"], regs[0]["organisation"])
	}
	bad := strings.Replace(testenv.RegistrationBody("x", "b@verein.example"), `"name":"x"`, `"name":"www.evil.example"`, 1)
	status, resp := a.register(t, bad, map[string]string{"accept-language": "ar"})
	if status != 422 || !strings.Contains(resp, "روابط") {
		t.Fatalf("link in the name, Arabic: %d %s", status, resp)
	}
}

func TestManageTokenUnknownAndMalformedLookAlike(t *testing.T) {
	a := newMeetingAPI(t, 5)
	var bodies []string
	for _, tok := range []string{"does-not-exist-but-looks-fine-AAAAAAAAAAAAAAAAAA", "%%%", "x", strings.Repeat("A", 500)} {
		for _, m := range []string{"GET", "DELETE"} {
			a.Calls.Reset()
			status, body := a.do(t, m, "/registrations/{token}", "token", tok, "", nil)
			if status != 404 {
				t.Fatalf("%s %q: %d", m, tok, status)
			}
			bodies = append(bodies, body)
			// Same work for every token: one lookup by hash.
			if ops := a.Calls.Reset(); len(ops) != 1 || ops[0] != "GetItem" {
				t.Fatalf("%s %q: calls %v", m, tok, ops)
			}
		}
	}
	for _, b := range bodies {
		if b != bodies[0] {
			t.Fatalf("responses differ: %s vs %s", b, bodies[0])
		}
	}
}

func TestCancelAfterStartIsClosed(t *testing.T) {
	a := newMeetingAPI(t, 5)
	status, body := a.register(t, testenv.RegistrationBody("Früh", "frueh@verein.example"), nil)
	if status != 201 {
		t.Fatal(body)
	}
	var res meeting.Result
	_ = json.Unmarshal([]byte(body), &res)
	m, _, _ := a.Store.Meeting(context.Background(), seed.MeetingID)
	m.StartsAt, m.EndsAt, m.RegistrationClosesAt = time.Now().Add(-time.Hour), time.Now().Add(time.Hour), time.Now().Add(-2*time.Hour)
	if err := a.Store.PutMeeting(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	status, body = a.do(t, "DELETE", "/registrations/{token}", "token", a.Tokens.Token(meeting.TokenKind, res.RegistrationID), "", nil)
	if status != 409 || !strings.Contains(body, `"closed"`) {
		t.Fatalf("cancel after start: %d %s", status, body)
	}
}

func TestRegistrationIdempotency(t *testing.T) {
	a := newMeetingAPI(t, 1)
	h := map[string]string{"idempotency-key": "reg-1"}
	var first string
	var wg sync.WaitGroup
	results := make([]string, 10)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			status, body := a.register(t, testenv.RegistrationBody("Idem", "idem@verein.example"), h)
			if status != 201 {
				t.Errorf("retry %d: %d %s", i, status, body)
			}
			results[i] = body
		}(i)
	}
	wg.Wait()
	first = results[0]
	for _, r := range results {
		if r != first {
			t.Fatalf("retries returned different results: %s vs %s", r, first)
		}
	}
	if status, _ := a.register(t, testenv.RegistrationBody("Idem", "other@verein.example"), h); status != 409 {
		t.Fatalf("same key, other body: %d", status)
	}
	items := a.Items(t)
	if len(items["registration"]) != 1 || len(items["outbox"]) != 1 {
		t.Fatalf("stored %d registrations, %d mails", len(items["registration"]), len(items["outbox"]))
	}
}

func TestSeatsPerOrganisation(t *testing.T) {
	a := newMeetingAPI(t, 10, func(m *meeting.Meeting) { m.MaxPerOrganisation = 1 })
	body := func(email string) string {
		return `{"name":"N","email":"` + email + `","organisation":"Kulturbrücke e.V.","consent":{"privacy":true}}`
	}
	status, first := a.register(t, body("a@k.example"), nil)
	if status != 201 {
		t.Fatal(first)
	}
	if status, b := a.register(t, body("b@k.example"), nil); status != 409 || !strings.Contains(b, `"conflict"`) {
		t.Fatalf("second seat of one organisation: %d %s", status, b)
	}
	var res meeting.Result
	_ = json.Unmarshal([]byte(first), &res)
	if status, _ := a.do(t, "DELETE", "/registrations/{token}", "token", a.Tokens.Token(meeting.TokenKind, res.RegistrationID), "", nil); status != 200 {
		t.Fatal("cancel")
	}
	if status, b := a.register(t, body("b@k.example"), nil); status != 201 {
		t.Fatalf("after a cancellation the organisation may register again: %d %s", status, b)
	}
}

// One registration per person: "+tag", case and Gmail's dots do not make
// another person; the mail still goes to the address as typed.
func TestOneRegistrationPerPerson(t *testing.T) {
	a := newMeetingAPI(t, 40)
	if status, resp := a.register(t, testenv.RegistrationBody("Opfer", "opfer+news@verein.example"), nil); status != 201 {
		t.Fatalf("first: %d %s", status, resp)
	}
	for _, c := range []struct {
		email string
		want  int
	}{
		{"opfer@verein.example", 409}, {"Opfer+1@Verein.example", 409}, {"o.pfer@verein.example", 201},
		{"o.pfer@gmail.com", 201}, {"opfer+x@googlemail.com", 409}, {"O.P.F.E.R@gmail.com", 409},
	} {
		if status, resp := a.register(t, testenv.RegistrationBody("Opfer", c.email), nil); status != c.want {
			t.Errorf("%s: %d, want %d: %s", c.email, status, c.want, resp)
		}
	}
	regs := a.Items(t)["registration"]
	emails := map[any]bool{}
	for _, r := range regs {
		emails[r["email"]] = true
	}
	if len(regs) != 3 || !emails["opfer+news@verein.example"] || !emails["o.pfer@gmail.com"] {
		t.Fatalf("stored %v, want the addresses as typed", emails)
	}
}

// Erase on request: DELETE …?erase=true cancels and removes name, email,
// organisation, role and needs at once, leaving an anonymous row (the
// counts stay true) and an audit item without personal data; the freed
// seat goes to the waitlist; no mail goes to the erased address; the link
// shows only the status. A cancelled registration is purged after 30 days
// and can be erased before.
func TestEraseOnRequest(t *testing.T) {
	a := newMeetingAPI(t, 1, withTopics)
	ids := map[string]string{}
	for _, p := range []string{"Anna", "Berta", "Cem"} {
		body := testenv.RegistrationBody(p, strings.ToLower(p)+"@verein.example")
		if p == "Anna" { // her topics go with her data
			body = strings.Replace(body, `"name"`, `"topics":["rooms"],"name"`, 1)
		}
		st, body := a.register(t, body, nil)
		var res meeting.Result
		if err := json.Unmarshal([]byte(body), &res); st != 201 || err != nil {
			t.Fatalf("register %s: %d %s", p, st, body)
		}
		ids[p] = res.RegistrationID
	}
	tok := func(p string) string { return a.Tokens.Token(meeting.TokenKind, ids[p]) }
	// The handler reads the query from the event: build it by hand.
	erase := func(p, value string) (int, string) {
		ev := events.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: "DELETE /registrations/{token}", RawPath: "/registrations/" + tok(p),
			RawQueryString: "erase=" + value, QueryStringParameters: map[string]string{"erase": value},
			Headers: map[string]string{}, PathParameters: map[string]string{"token": tok(p)},
			RequestContext: events.APIGatewayV2HTTPRequestContext{RequestID: "test", HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: "DELETE"}}}
		resp, err := a.handler(context.Background(), ev)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, resp.Body
	}
	if st, body := erase("Anna", "yes"); st != 400 {
		t.Fatalf("erase=yes: %d %s", st, body)
	}
	outboxBefore := len(a.Items(t)["outbox"])
	if st, body := erase("Anna", "true"); st != 200 || body != `{"erased":true,"status":"cancelled"}` {
		t.Fatalf("erase: %d %s", st, body)
	}
	items := a.Items(t)
	var anna map[string]any
	for _, r := range items["registration"] {
		if r["id"] == ids["Anna"] {
			anna = r
		}
	}
	for _, field := range []string{"name", "email", "organisation", "role", "needs", "topics"} {
		if _, ok := anna[field]; ok {
			t.Errorf("erased registration still has %s: %v", field, anna[field])
		}
	}
	if anna["status"] != "cancelled" || anna["erasedAt"] == nil || anna["createdAt"] == nil {
		t.Errorf("anonymous row %v", anna)
	}
	if c := a.Counters(t); c.Confirmed != 1 || c.Waiting != 1 {
		t.Errorf("counters %+v, want Berta moved up and Cem waiting", c)
	}
	// Only Berta's promotion is mailed: nothing to Anna's erased address.
	if n := len(items["outbox"]) - outboxBefore; n != 1 {
		t.Errorf("%d mails queued by the erasure, want 1 (the promotion)", n)
	}
	if len(items["audit"]) != 1 || items["audit"][0]["actor"] != "registrant" || items["audit"][0]["id"] != ids["Anna"] ||
		strings.Contains(fmt.Sprint(items["audit"][0]), "@") || strings.Contains(fmt.Sprint(items["audit"][0]), "Anna") {
		t.Errorf("audit %v", items["audit"])
	}
	for _, it := range items["audit"] {
		if it["expiresAt"] == nil {
			t.Error("audit item without a TTL")
		}
	}
	st, body := a.do(t, "GET", "/registrations/{token}", "token", tok("Anna"), "", nil)
	if st != 200 || strings.Contains(body, "anna@") || strings.Contains(body, `"Anna"`) || !strings.Contains(body, `"erased":true`) {
		t.Errorf("link after erasure: %d %s", st, body)
	}
	if st, _ := erase("Anna", "true"); st != 200 || len(a.Items(t)["audit"]) != 1 {
		t.Errorf("erasing twice: %d, %d audit items", st, len(a.Items(t)["audit"]))
	}
	// The address may register again.
	if st, body := a.register(t, testenv.RegistrationBody("Anna", "anna@verein.example"), nil); st != 201 {
		t.Errorf("register again after erasure: %d %s", st, body)
	}

	// Cancelled first: the link shows only the status; erasing later works.
	if st, body := a.do(t, "DELETE", "/registrations/{token}", "token", tok("Cem"), "", nil); st != 200 {
		t.Fatalf("cancel: %d %s", st, body)
	}
	// A cancelled registration goes after 30 days (the table's TTL).
	for _, r := range a.Items(t)["registration"] {
		if r["id"] == ids["Cem"] {
			exp, purge := int64(r["expiresAt"].(float64)), time.Now().Add(dynamo.DefaultPurgeCancelled).Unix()
			if exp < purge-60 || exp > purge+60 {
				t.Errorf("cancelled registration expires at %d, want about %d (30 days)", exp, purge)
			}
		}
	}
	if _, body := a.do(t, "GET", "/registrations/{token}", "token", tok("Cem"), "", nil); strings.Contains(body, "cem@") || strings.Contains(body, "Rollstuhl") {
		t.Errorf("a cancelled registration's link shows personal data: %s", body)
	}
	if st, body := erase("Cem", "true"); st != 200 || !strings.Contains(body, `"erased":true`) {
		t.Fatalf("erase after cancel: %d %s", st, body)
	}
	if n := len(a.Items(t)["audit"]); n != 2 {
		t.Errorf("%d audit items, want 2", n)
	}
}

// Consent is stored with the version of the privacy notice it was given
// to; the meeting names its notice, the page links it, the export shows
// the version.
func TestConsentWithItsNotice(t *testing.T) {
	a := newMeetingAPI(t, 40)
	if st, body := a.register(t, testenv.RegistrationBody("Elif", "elif@verein.example"), nil); st != 201 {
		t.Fatalf("register: %d %s", st, body)
	}
	regs := a.Items(t)["registration"]
	if len(regs) != 1 || regs[0]["noticeVersion"] != seed.NoticeVersion {
		t.Fatalf("stored consent %v / %v", regs[0]["consent"], regs[0]["noticeVersion"])
	}
	_, body := a.do(t, "GET", "/meetings/{meetingId}", "meetingId", seed.MeetingID, "", nil)
	if !strings.Contains(body, `"privacyNotice":{"url":"`+seed.NoticeURL+`","version":"`+seed.NoticeVersion+`"}`) {
		t.Errorf("GET: %s", body)
	}
	page := testenv.Page(t, a.handler, "GET", "/m/{meetingId}", "/m/"+seed.MeetingID, map[string]string{"meetingId": seed.MeetingID}, "lang=tr", nil, nil)
	if !strings.Contains(page.Body, `href="`+seed.NoticeURL+`"`) || !strings.Contains(page.Body, "Gizlilik bildirimi (sürüm 2026-11)") {
		t.Errorf("the page does not link the notice: %.3000s", page.Body)
	}
	// A notice that is not an https address with a version is refused.
	m := seed.DemoMeeting(time.Now())
	m.PrivacyNotice.URL, m.PrivacyNotice.Version = "http://integration.example/datenschutz", ""
	err := meeting.ValidateMeeting(m, "de")
	if err == nil || !strings.Contains(fmt.Sprint(apperr.As(err).Fields), "privacyNotice.url") || !strings.Contains(fmt.Sprint(apperr.As(err).Fields), "privacyNotice.version") {
		t.Errorf("bad notice: %v", err)
	}
}

// testLog writes log lines to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// An address SES cannot deliver to is a field error; an
// internationalised domain is fine.
func TestUndeliverableAddressRejected(t *testing.T) {
	a := newMeetingAPI(t, 5)
	status, body := a.register(t, testenv.RegistrationBody("Müller", "müller@verein.example"), nil)
	if status != 422 || !strings.Contains(body, `"field":"email"`) {
		t.Errorf("non-ASCII local part: %d %s; want 422 on email", status, body)
	}
	status, body = a.register(t, testenv.RegistrationBody("Bücherei", "info@bücher.example"), nil)
	if status != 201 {
		t.Errorf("internationalised domain: %d %s; want 201", status, body)
	}
}
