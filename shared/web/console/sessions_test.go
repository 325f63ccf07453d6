package console_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/golang-jwt/jwt/v5"

	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/auth/devtoken"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	"github.com/integration-offices/netzwerk-backend/shared/web/console"
)

// TestConsoleSessions: the console verifies its cookie on every request
// with the admin API's claim rules; another office's ids are unknown, and
// a POST without the session's CSRF token changes nothing.
func TestConsoleSessions(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	home := routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}", Function: routes.Admin, Page: true}
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	for name, cookie := range map[string]string{
		"no cookie":      "",
		"expired":        s.Token(t, "demo", s.Key, func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Minute).Unix() }),
		"other key":      s.Token(t, "demo", other, nil),
		"access token":   s.Token(t, "demo", s.Key, func(c jwt.MapClaims) { c["token_use"] = "access" }),
		"other audience": s.Token(t, "demo", s.Key, func(c jwt.MapClaims) { c["aud"] = "someone-else" }),
	} {
		c := s.Request(home, "demo", "")
		c.Cookies = nil
		if cookie != "" {
			c.Cookies = []string{console.SessionCookie + "=" + cookie}
		}
		resp := a.Do(t, h, c)
		if resp.StatusCode != 303 || !strings.HasPrefix(resp.Headers["location"], "/console/sign-in?next=%2Fconsole%2Fmeetings%2F") {
			t.Errorf("%s: %d %v, want 303 to sign in and back", name, resp.StatusCode, resp.Headers["location"])
		}
	}
	noGroup := s.Request(home, "demo", "")
	noGroup.Cookies = []string{console.SessionCookie + "=" + s.Token(t, "demo", s.Key, func(c jwt.MapClaims) { c[auth.ClaimGroups] = []string{"viewers"} })}
	if resp := a.Do(t, h, noGroup); resp.StatusCode != 403 {
		t.Errorf("without the coordinators group: %d, want 403", resp.StatusCode)
	}

	s.TokenFor("other") // its session item, before the count
	before := a.Count(t)
	for _, r := range routes.Of(routes.Admin) {
		if !r.Page || !strings.Contains(r.Path, "{") {
			continue
		}
		// Another office: every path with the demo office's ids is unknown.
		if resp := a.Do(t, h, s.Request(r, "other", "")); resp.StatusCode != 404 {
			t.Errorf("%s by another office: %d, want 404", r.Key(), resp.StatusCode)
		}
		if r.Method != "POST" {
			continue
		}
		for _, csrf := range []string{"wrong", "-"} {
			c := s.Request(r, "demo", csrf)
			if csrf == "-" {
				c.Body = "confirm=yes"
			}
			if resp := a.Do(t, h, c); resp.StatusCode != 403 {
				t.Errorf("%s with CSRF %q: %d, want 403", r.Key(), csrf, resp.StatusCode)
			}
		}
	}
	for _, r := range []routes.Route{{Method: "POST", Path: "/console/meetings"}, {Method: "POST", Path: "/console/sign-out"}} {
		c := s.Request(r, "demo", "wrong")
		if resp := a.Do(t, h, c); resp.StatusCode != 403 || len(resp.Cookies) != 0 {
			t.Errorf("%s with a wrong CSRF token: %d %v, want 403", r.Path, resp.StatusCode, resp.Cookies)
		}
	}
	if after := a.Count(t); after != before {
		t.Errorf("refused console requests wrote %d items", after-before)
	}
	// The dev sign-in is the dev server's alone: no route, no Lambda.
	for _, r := range routes.Table {
		if strings.Contains(r.Path, "dev-sign-in") {
			t.Errorf("route table has %s", r.Key())
		}
	}
	if resp := a.Do(t, h, testenv.Request{Method: "GET", Path: "/console/dev-sign-in"}); resp.StatusCode != 404 {
		t.Errorf("the admin function answers the dev sign-in: %d", resp.StatusCode)
	}
	// Signed in: the pages answer, and sign-out ends the managed login's
	// session too.
	if resp := a.Do(t, h, s.Request(home, "demo", "")); resp.StatusCode != 200 {
		t.Errorf("the meeting page: %d", resp.StatusCode)
	}
	out := a.Do(t, h, s.Request(routes.Route{Method: "POST", Path: "/console/sign-out"}, "demo", ""))
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
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	resp, err := a.Meeting(context.Background(), testenv.From("127.0.0.10", "/meetings/{meetingId}/registrations", "meetingId", seed.MeetingID,
		testenv.RegistrationBody("Dilan Şahin", "dilan@verein.example"), "de"))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("register: %v %d %s", err, resp.StatusCode, resp.Body)
	}
	var res struct{ RegistrationID string }
	_ = json.Unmarshal([]byte(resp.Body), &res)
	// An invitation whose mail bounced.
	inv := a.AdminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/invitations", map[string]string{"meetingId": seed.MeetingID}, "",
		`{"invitations":[{"organisation":"Verein","email":"weg@verein.example"}]}`)
	if inv.StatusCode != 201 {
		t.Fatalf("invite: %d %s", inv.StatusCode, inv.Body)
	}
	for _, it := range a.Items(t)["invitation"] {
		key, _ := attributevalue.MarshalMap(map[string]any{"pk": it["pk"], "sk": it["sk"]})
		if _, err := a.DB.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{TableName: &a.Table, Key: key,
			UpdateExpression:          aws.String("SET #s = :b"),
			ExpressionAttributeNames:  map[string]string{"#s": "status"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":b": &types.AttributeValueMemberS{Value: "bounced"}}}); err != nil {
			t.Fatal(err)
		}
	}
	page := routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}"}
	body := a.Do(t, h, s.Request(page, "demo", "")).Body
	for _, want := range []string{"Dilan Şahin", "Unzustellbar: 1"} {
		if !strings.Contains(body, want) {
			t.Errorf("the meeting page lacks %q", want)
		}
	}
	erase := routes.Route{Method: "POST", Path: "/console/meetings/{meetingId}/registrations/{registrationId}/erase"}
	c := s.Request(erase, "demo", "")
	c.Params["registrationId"] = res.RegistrationID
	ask := s.Request(erase, "demo", "")
	ask.Params["registrationId"] = res.RegistrationID
	ask.Body = strings.Replace(ask.Body, "confirm=yes", "confirm=", 1)
	if r := a.Do(t, h, ask); r.StatusCode != 200 || !strings.Contains(r.Body, `name="confirm" value="yes"`) {
		t.Fatalf("erase without confirming: %d, want the question", r.StatusCode)
	}
	if r := a.Do(t, h, c); r.StatusCode != 303 {
		t.Fatalf("erase: %d %s", r.StatusCode, r.Body)
	}
	for _, it := range a.Items(t)["registration"] {
		if it["id"] == res.RegistrationID && (it["name"] != nil || it["email"] != nil) {
			t.Errorf("not erased: %v", it)
		}
	}
	if body := a.Do(t, h, s.Request(page, "demo", "")).Body; strings.Contains(body, "Dilan") {
		t.Error("the erased name is still on the page")
	}
}

// setCookies reads the name=value pairs of Set-Cookie values: what the
// browser sends back (an empty value: deleted).
func setCookies(t *testing.T, lines []string) map[string]*http.Cookie {
	t.Helper()
	out := map[string]*http.Cookie{}
	for _, l := range lines {
		c, err := http.ParseSetCookie(l)
		if err != nil {
			t.Fatalf("Set-Cookie %q: %v", l, err)
		}
		out[c.Name] = c
	}
	return out
}

// TestSignOutEndsTheSession: a coordinator signs in through the managed
// login (the local stand-in: code flow with PKCE, refresh tokens,
// /oauth2/revoke); the session item is written with the token's expiry as
// its TTL and the session works. Sign-out deletes the item and revokes the
// refresh token: a copy of the old cookie then goes to sign-in, writes
// nothing, and a fresh ID token without a session item is no session
// either. Every console response sends HSTS.
func TestSignOutEndsTheSession(t *testing.T) {
	a := testenv.NewFunctions(t)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	cognito := &localaws.Cognito{Key: key, Office: seed.Office, Prefix: "/cognito"}
	mux := http.NewServeMux()
	cognito.Handle(mux)
	login := httptest.NewServer(mux)
	t.Cleanup(login.Close)
	for k, v := range cognito.ConsoleEnv(login.URL) {
		t.Setenv(k, v)
	}
	t.Setenv(routes.EnvPublicBaseURL, "https://integration.example")
	h := a.NewAdmin(t)
	hsts := func(what string, resp events.APIGatewayV2HTTPResponse) {
		t.Helper()
		if got := resp.Headers["strict-transport-security"]; got != web.HSTS {
			t.Errorf("%s: Strict-Transport-Security %q", what, got)
		}
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	// Sign in: the console → the managed login → the callback.
	start := a.Do(t, h, testenv.Request{Method: "GET", Path: "/console/sign-in", Query: "next=%2Fconsole"})
	hsts("sign-in", start)
	if start.StatusCode != 303 || !strings.HasPrefix(start.Headers["location"], login.URL+"/cognito/oauth2/authorize?") {
		t.Fatalf("sign-in: %d %v", start.StatusCode, start.Headers)
	}
	authz, err := noRedirect.Get(start.Headers["location"])
	if err != nil {
		t.Fatal(err)
	}
	authz.Body.Close()
	back, err := url.Parse(authz.Header.Get("Location"))
	if err != nil || back.Path != "/console/callback" {
		t.Fatalf("authorize: %d %q", authz.StatusCode, authz.Header.Get("Location"))
	}
	signIn := setCookies(t, start.Cookies)
	var pending []string
	for _, c := range signIn {
		pending = append(pending, c.Name+"="+c.Value)
	}
	cb := a.Do(t, h, testenv.Request{Method: "GET", Path: "/console/callback", Query: back.RawQuery, Cookies: pending})
	hsts("callback", cb)
	got := setCookies(t, cb.Cookies)
	session, refresh := got[console.SessionCookie], got[console.RefreshCookie]
	if cb.StatusCode != 303 || session == nil || session.Value == "" || refresh == nil || refresh.Value == "" {
		t.Fatalf("callback: %d %v %v", cb.StatusCode, cb.Headers, cb.Cookies)
	}
	if refresh.Path != "/console/sign-out" || !refresh.Secure || !refresh.HttpOnly || refresh.SameSite != http.SameSiteStrictMode {
		t.Errorf("refresh cookie: %q, want Secure, HttpOnly, SameSite=Strict, for the sign-out path only", cb.Cookies)
	}
	idToken := session.Value
	cookies := []string{console.SessionCookie + "=" + idToken, console.RefreshCookie + "=" + refresh.Value}

	// The session item: keyed by the token's hash, the token's expiry as TTL.
	sessionKey := map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "SESSION#" + linktoken.Hash(idToken)},
		"sk": &types.AttributeValueMemberS{Value: "SESSION"}}
	readItem := func() map[string]any {
		out, err := a.DB.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: &a.Table, Key: sessionKey, ConsistentRead: aws.Bool(true)})
		if err != nil {
			t.Fatal(err)
		}
		if out.Item == nil {
			return nil
		}
		var m map[string]any
		_ = attributevalue.UnmarshalMap(out.Item, &m)
		return m
	}
	item := readItem()
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(idToken, claims); err != nil {
		t.Fatal(err)
	}
	exp, _ := claims.GetExpirationTime()
	if item == nil || item["type"] != "session" || item["office"] != seed.Office || item["expiresAt"] != float64(exp.Unix()) {
		t.Fatalf("session item %v, want type session, office %s, expiresAt %d", item, seed.Office, exp.Unix())
	}
	for k, v := range item {
		if s, _ := v.(string); strings.Contains(s, idToken) || strings.Contains(s, refresh.Value) {
			t.Errorf("the session item keeps a token in %s", k)
		}
	}

	// A valid session works; the pages and a download send HSTS.
	home := a.Do(t, h, testenv.Request{Method: "GET", Path: "/console", Cookies: cookies})
	hsts("home", home)
	if home.StatusCode != 200 {
		t.Fatalf("home: %d %.300s", home.StatusCode, home.Body)
	}
	csv := a.Do(t, h, testenv.Request{Method: "GET", Path: "/console/surveys/{surveyId}/responses.csv", Params: map[string]string{"surveyId": seed.SurveyID}, Cookies: cookies})
	hsts("download", csv)
	if csv.StatusCode != 200 {
		t.Errorf("download: %d", csv.StatusCode)
	}
	refreshGrant := func() int {
		resp, err := http.PostForm(login.URL+"/cognito/oauth2/token", url.Values{"grant_type": {"refresh_token"},
			"refresh_token": {refresh.Value}, "client_id": {devtoken.Audience}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := refreshGrant(); code != 200 {
		t.Fatalf("refresh before sign-out: %d", code)
	}

	// Sign out.
	csrf := a.Tokens.Token("console-csrf", linktoken.Hash(idToken))
	out := a.Do(t, h, testenv.Request{Method: "POST", Path: "/console/sign-out", Cookies: cookies,
		ContentType: "application/x-www-form-urlencoded", Body: url.Values{"csrf": {csrf}}.Encode()})
	hsts("sign-out", out)
	cleared := setCookies(t, out.Cookies)
	if out.StatusCode != 303 || !strings.HasPrefix(out.Headers["location"], login.URL+"/cognito/logout?") ||
		cleared[console.SessionCookie] == nil || cleared[console.SessionCookie].MaxAge >= 0 ||
		cleared[console.RefreshCookie] == nil || cleared[console.RefreshCookie].MaxAge >= 0 {
		t.Fatalf("sign-out: %d %v %v", out.StatusCode, out.Headers["location"], out.Cookies)
	}
	if item := readItem(); item != nil {
		t.Errorf("the session item outlived the sign-out: %v", item)
	}
	if code := refreshGrant(); code != 400 {
		t.Errorf("the refresh token still works after sign-out: %d", code)
	}

	// A copy of the old cookie: to sign in, and nothing is written.
	before := a.Count(t)
	again := a.Do(t, h, testenv.Request{Method: "GET", Path: "/console", Cookies: cookies})
	hsts("signed-out cookie", again)
	if again.StatusCode != 303 || again.Headers["location"] != "/console/sign-in?next=%2Fconsole" {
		t.Errorf("the old cookie after sign-out: %d %v, want 303 to sign in", again.StatusCode, again.Headers["location"])
	}
	post := a.Do(t, h, testenv.Request{Method: "POST", Path: "/console/surveys/{surveyId}/reminders", Params: map[string]string{"surveyId": seed.SurveyID},
		Cookies: cookies, ContentType: "application/x-www-form-urlencoded", Body: url.Values{"csrf": {csrf}}.Encode()})
	if post.StatusCode != 303 || !strings.HasPrefix(post.Headers["location"], "/console/sign-in?") {
		t.Errorf("a POST with the old cookie: %d %v, want 303 to sign in", post.StatusCode, post.Headers["location"])
	}
	// A valid ID token of the pool is not a session without its item.
	fresh, err := devtoken.Mint(key, seed.Office, time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if resp := a.Do(t, h, testenv.Request{Method: "GET", Path: "/console", Cookies: []string{console.SessionCookie + "=" + fresh}}); resp.StatusCode != 303 {
		t.Errorf("a token without a session item: %d, want 303 to sign in", resp.StatusCode)
	}
	if after := a.Count(t); after != before {
		t.Errorf("requests without a session wrote %d items", after-before)
	}
}
