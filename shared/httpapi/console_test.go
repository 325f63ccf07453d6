package httpapi_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/golang-jwt/jwt/v5"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/adminfn"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/auth/devtoken"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web/console"
)

// sessions makes console sessions for tests: the user pool's keys from a
// JWKS server, the console's settings in the environment (set before the
// admin function is built), and each token's session item in a's table,
// as the sign-in writes it (written again at every call: a sign-out
// deletes it).
type sessions struct {
	t      *testing.T
	key    *rsa.PrivateKey
	tokens *linktoken.Minter
	store  *dynamo.Store
}

func consoleSession(t *testing.T, a *adminAPI) *sessions {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	jwks := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write(console.JWKS(map[string]*rsa.PublicKey{"local-dev": &key.PublicKey}))
	}))
	t.Cleanup(jwks.Close)
	for k, v := range map[string]string{routes.EnvConsoleIssuer: devtoken.Issuer, routes.EnvConsoleClientID: devtoken.Audience,
		routes.EnvConsoleJWKSURL: jwks.URL, routes.EnvConsoleAuthURL: "https://login.integration.example"} {
		t.Setenv(k, v)
	}
	return &sessions{t: t, key: key, tokens: a.tokens, store: a.store}
}

// keep writes the session item of tok (an hour, as the tokens here).
func (s *sessions) keep(tok string) string {
	if err := s.store.PutSession(context.Background(), linktoken.Hash(tok), "test", time.Now().Add(time.Hour), time.Now()); err != nil {
		s.t.Fatal(err)
	}
	return tok
}

// token is an ID token of office (signed with key), changed by edit.
func (s *sessions) token(t *testing.T, office string, key *rsa.PrivateKey, edit func(jwt.MapClaims)) string {
	t.Helper()
	now := time.Now()
	c := jwt.MapClaims{"iss": devtoken.Issuer, "aud": devtoken.Audience, "sub": "c-" + office, "iat": now.Unix(),
		"exp": now.Add(time.Hour).Unix(), "token_use": "id", auth.ClaimGroups: []string{auth.Group}, auth.ClaimOffice: office}
	if edit != nil {
		edit(c)
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
	tok.Header["kid"] = "local-dev"
	raw, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s.keep(raw)
}

// call is a console request of a signed-in coordinator of office; POSTs
// carry the session's CSRF token unless csrf says another.
func (s *sessions) call(r routes.Route, office, csrf string) call {
	tok := s.tokenFor(office)
	c := call{method: r.Method, path: r.Path, params: paramsFor(r), cookies: []string{console.SessionCookie + "=" + tok}}
	if r.Method == "POST" {
		if csrf == "" {
			csrf = s.tokens.Token("console-csrf", linktoken.Hash(tok))
		}
		c.contentType = "application/x-www-form-urlencoded"
		c.body = url.Values{"csrf": {csrf}, "confirm": {"yes"}}.Encode()
	}
	return c
}

var sessionTokens = map[string]string{}

func (s *sessions) tokenFor(office string) string {
	if tok, ok := sessionTokens[office+s.key.N.String()]; ok {
		return s.keep(tok)
	}
	c := jwt.MapClaims{"iss": devtoken.Issuer, "aud": devtoken.Audience, "sub": "c-" + office, "exp": time.Now().Add(time.Hour).Unix(),
		"token_use": "id", auth.ClaimGroups: []string{auth.Group}, auth.ClaimOffice: office}
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
	tok.Header["kid"] = "local-dev"
	raw, _ := tok.SignedString(s.key)
	sessionTokens[office+s.key.N.String()] = raw
	return s.keep(raw)
}

// TestConsoleSessions: the console verifies its cookie on every request
// with the admin API's claim rules; another office's ids are unknown, and
// a POST without the session's CSRF token changes nothing.
func TestConsoleSessions(t *testing.T) {
	a := newAdminAPI(t)
	s := consoleSession(t, a)
	h, err := adminfn.New(app.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), DB: a.db,
		Config: app.Config{Table: a.table, LinkSecret: testSecret}, Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	home := routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}", Function: routes.Admin, Page: true}
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	for name, cookie := range map[string]string{
		"no cookie":      "",
		"expired":        s.token(t, "demo", s.key, func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Minute).Unix() }),
		"other key":      s.token(t, "demo", other, nil),
		"access token":   s.token(t, "demo", s.key, func(c jwt.MapClaims) { c["token_use"] = "access" }),
		"other audience": s.token(t, "demo", s.key, func(c jwt.MapClaims) { c["aud"] = "someone-else" }),
	} {
		c := s.call(home, "demo", "")
		c.cookies = nil
		if cookie != "" {
			c.cookies = []string{console.SessionCookie + "=" + cookie}
		}
		resp := a.do(t, h, c)
		if resp.StatusCode != 303 || !strings.HasPrefix(resp.Headers["location"], "/console/sign-in?next=%2Fconsole%2Fmeetings%2F") {
			t.Errorf("%s: %d %v, want 303 to sign in and back", name, resp.StatusCode, resp.Headers["location"])
		}
	}
	noGroup := s.call(home, "demo", "")
	noGroup.cookies = []string{console.SessionCookie + "=" + s.token(t, "demo", s.key, func(c jwt.MapClaims) { c[auth.ClaimGroups] = []string{"viewers"} })}
	if resp := a.do(t, h, noGroup); resp.StatusCode != 403 {
		t.Errorf("without the coordinators group: %d, want 403", resp.StatusCode)
	}

	s.tokenFor("other") // its session item, before the count
	before := a.itemCount(t)
	for _, r := range routes.Of(routes.Admin) {
		if !r.Page || !strings.Contains(r.Path, "{") {
			continue
		}
		// Another office: every path with the demo office's ids is unknown.
		if resp := a.do(t, h, s.call(r, "other", "")); resp.StatusCode != 404 {
			t.Errorf("%s by another office: %d, want 404", r.Key(), resp.StatusCode)
		}
		if r.Method != "POST" {
			continue
		}
		for _, csrf := range []string{"wrong", "-"} {
			c := s.call(r, "demo", csrf)
			if csrf == "-" {
				c.body = "confirm=yes"
			}
			if resp := a.do(t, h, c); resp.StatusCode != 403 {
				t.Errorf("%s with CSRF %q: %d, want 403", r.Key(), csrf, resp.StatusCode)
			}
		}
	}
	for _, r := range []routes.Route{{Method: "POST", Path: "/console/meetings"}, {Method: "POST", Path: "/console/sign-out"}} {
		c := s.call(r, "demo", "wrong")
		if resp := a.do(t, h, c); resp.StatusCode != 403 || len(resp.Cookies) != 0 {
			t.Errorf("%s with a wrong CSRF token: %d %v, want 403", r.Path, resp.StatusCode, resp.Cookies)
		}
	}
	if after := a.itemCount(t); after != before {
		t.Errorf("refused console requests wrote %d items", after-before)
	}
	// The dev sign-in is the dev server's alone: no route, no Lambda.
	for _, r := range routes.Table {
		if strings.Contains(r.Path, "dev-sign-in") {
			t.Errorf("route table has %s", r.Key())
		}
	}
	if resp := a.do(t, h, call{method: "GET", path: "/console/dev-sign-in"}); resp.StatusCode != 404 {
		t.Errorf("the admin function answers the dev sign-in: %d", resp.StatusCode)
	}
	// Signed in: the pages answer, and sign-out ends the managed login's
	// session too.
	if resp := a.do(t, h, s.call(home, "demo", "")); resp.StatusCode != 200 {
		t.Errorf("the meeting page: %d", resp.StatusCode)
	}
	out := a.do(t, h, s.call(routes.Route{Method: "POST", Path: "/console/sign-out"}, "demo", ""))
	if out.StatusCode != 303 || !strings.HasPrefix(out.Headers["location"], "https://login.integration.example/logout?") ||
		len(out.Cookies) != 2 || !strings.HasPrefix(out.Cookies[0], console.SessionCookie+"=;") ||
		!strings.Contains(out.Cookies[0], "Max-Age=0") || !strings.Contains(out.Cookies[1], "Max-Age=0") {
		t.Errorf("sign-out: %d %v %v", out.StatusCode, out.Headers["location"], out.Cookies)
	}
}

// TestConsoleErasesAndShowsBounces: the console's erase button asks first,
// then erases the registration (an anonymous row stays); an invitation
// whose mail bounced shows as undeliverable on the meeting's page.
func TestConsoleErasesAndShowsBounces(t *testing.T) {
	a := newAdminAPI(t)
	s := consoleSession(t, a)
	h, err := adminfn.New(app.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), DB: a.db,
		Config: app.Config{Table: a.table, LinkSecret: testSecret}, Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := a.meeting(context.Background(), from("127.0.0.10", "/meetings/{meetingId}/registrations", "meetingId", seed.MeetingID,
		regBody("Dilan Şahin", "dilan@verein.example"), "de"))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("register: %v %d %s", err, resp.StatusCode, resp.Body)
	}
	var res struct{ RegistrationID string }
	_ = json.Unmarshal([]byte(resp.Body), &res)
	// An invitation whose mail bounced.
	inv := a.adminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/invitations", map[string]string{"meetingId": seed.MeetingID}, "",
		`{"invitations":[{"organisation":"Verein","email":"weg@verein.example"}]}`)
	if inv.StatusCode != 201 {
		t.Fatalf("invite: %d %s", inv.StatusCode, inv.Body)
	}
	for _, it := range testenv.Items(t, a.db, a.table)["invitation"] {
		key, _ := attributevalue.MarshalMap(map[string]any{"pk": it["pk"], "sk": it["sk"]})
		if _, err := a.db.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{TableName: &a.table, Key: key,
			UpdateExpression:          aws.String("SET #s = :b"),
			ExpressionAttributeNames:  map[string]string{"#s": "status"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":b": &types.AttributeValueMemberS{Value: "bounced"}}}); err != nil {
			t.Fatal(err)
		}
	}
	page := routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}"}
	body := a.do(t, h, s.call(page, "demo", "")).Body
	for _, want := range []string{"Dilan Şahin", "unzustellbar", "1 unzustellbar"} {
		if !strings.Contains(body, want) {
			t.Errorf("the meeting page lacks %q", want)
		}
	}
	erase := routes.Route{Method: "POST", Path: "/console/meetings/{meetingId}/registrations/{registrationId}/erase"}
	c := s.call(erase, "demo", "")
	c.params["registrationId"] = res.RegistrationID
	ask := s.call(erase, "demo", "")
	ask.params["registrationId"] = res.RegistrationID
	ask.body = strings.Replace(ask.body, "confirm=yes", "confirm=", 1)
	if r := a.do(t, h, ask); r.StatusCode != 200 || !strings.Contains(r.Body, `name="confirm" value="yes"`) {
		t.Fatalf("erase without confirming: %d, want the question", r.StatusCode)
	}
	if r := a.do(t, h, c); r.StatusCode != 303 {
		t.Fatalf("erase: %d %s", r.StatusCode, r.Body)
	}
	for _, it := range testenv.Items(t, a.db, a.table)["registration"] {
		if it["id"] == res.RegistrationID && (it["name"] != nil || it["email"] != nil) {
			t.Errorf("not erased: %v", it)
		}
	}
	if body := a.do(t, h, s.call(page, "demo", "")).Body; strings.Contains(body, "Dilan") {
		t.Error("the erased name is still on the page")
	}
}
