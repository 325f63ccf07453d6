package console_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/golang-jwt/jwt/v5"

	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
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
	for _, want := range []string{"Dilan Şahin", "unzustellbar", "1 unzustellbar"} {
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
