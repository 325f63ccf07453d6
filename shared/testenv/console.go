package testenv

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/auth/devtoken"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/web/console"
)

// Sessions makes console sessions: the user pool's key served as a JWKS,
// the console's settings in the environment (set before the admin
// function is built), and each token's session item in the table, as the
// sign-in writes it (written again at every use: a sign-out deletes it).
type Sessions struct {
	Key *rsa.PrivateKey
	t   testing.TB
	env *Env
}

// Console sets up console sign-in for e: call it before e.NewAdmin.
func (e *Env) Console(t testing.TB) *Sessions {
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
	return &Sessions{Key: key, t: t, env: e}
}

// Keep writes the session item of tok (an hour, as the tokens here).
func (s *Sessions) Keep(tok string) string {
	if err := s.env.Store.PutSession(context.Background(), linktoken.Hash(tok), "test", time.Now().Add(time.Hour), time.Now()); err != nil {
		s.t.Fatal(err)
	}
	return tok
}

// Token is an ID token of office signed with key, changed by edit, with
// its session item.
func (s *Sessions) Token(t testing.TB, office string, key *rsa.PrivateKey, edit func(jwt.MapClaims)) string {
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
	return s.Keep(raw)
}

var (
	sessionMu     sync.Mutex
	sessionTokens = map[string]string{}
)

// TokenFor is the session token of a coordinator of office (one per
// office and key), with its session item.
func (s *Sessions) TokenFor(office string) string {
	sessionMu.Lock()
	tok, ok := sessionTokens[office+s.Key.N.String()]
	if !ok {
		c := jwt.MapClaims{"iss": devtoken.Issuer, "aud": devtoken.Audience, "sub": "c-" + office, "exp": time.Now().Add(time.Hour).Unix(),
			"token_use": "id", auth.ClaimGroups: []string{auth.Group}, auth.ClaimOffice: office}
		t := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
		t.Header["kid"] = "local-dev"
		tok, _ = t.SignedString(s.Key)
		sessionTokens[office+s.Key.N.String()] = tok
	}
	sessionMu.Unlock()
	return s.Keep(tok)
}

// CSRF is the console's CSRF token of a session token.
func (s *Sessions) CSRF(tok string) string {
	return s.env.Tokens.Token("console-csrf", linktoken.Hash(tok))
}

// Request is a console request on route r of a signed-in coordinator of
// office; POSTs carry the session's CSRF token unless csrf says another.
func (s *Sessions) Request(r routes.Route, office, csrf string) Request {
	tok := s.TokenFor(office)
	c := Request{Method: r.Method, Path: r.Path, Params: ParamsFor(r), Cookies: []string{console.SessionCookie + "=" + tok}}
	if r.Method == "POST" {
		if csrf == "" {
			csrf = s.CSRF(tok)
		}
		c.ContentType = "application/x-www-form-urlencoded"
		c.Body = url.Values{"csrf": {csrf}, "confirm": {"yes"}}.Encode()
	}
	return c
}
