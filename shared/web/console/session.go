// Package console is the coordinators' console: server-rendered pages in
// the admin function, signed in with Cognito's managed login
// (authorization code with PKCE). The session is the ID token in a
// __Host- cookie, verified on every request against the user pool's keys
// with the admin API's claim rules, and a session item in the table that
// sign-in writes and sign-out deletes (a copy of the cookie dies with it);
// every POST carries a CSRF token bound to the session.
package console

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// Cookie names. __Host-: Secure, Path=/, no Domain; the browser sends them
// to this host only.
const (
	SessionCookie = "__Host-netzwerk-console"
	signInCookie  = "__Host-netzwerk-signin"
	// RefreshCookie holds the refresh token for sign-out to revoke; the
	// browser sends it to the sign-out path only.
	RefreshCookie = "__Secure-netzwerk-refresh"
	refreshPath   = "/console/sign-out"
	// CSRFField is the hidden field of every console form.
	CSRFField = "csrf"
)

// Config says where sign-in happens and whose tokens count.
type Config struct {
	Issuer   string // the user pool's issuer URL (the dev server's locally)
	ClientID string // the app client: the ID token's audience
	JWKSURL  string // the issuer's keys; default Issuer + /.well-known/jwks.json
	AuthURL  string // the managed login's base URL (/oauth2/authorize, /oauth2/token, /logout)
	BaseURL  string // PUBLIC_BASE_URL: callback and sign-out URLs derive from it
}

// ConfigFromEnv reads the console's settings. The admin function checks
// them at start (app.ConfigFromEnv for routes.Admin: issuer, client id and
// URLs present, the URLs absolute https or http://127.0.0.1 for make dev),
// so they are not checked again here.
func ConfigFromEnv() Config {
	c := Config{Issuer: os.Getenv(routes.EnvConsoleIssuer), ClientID: os.Getenv(routes.EnvConsoleClientID),
		JWKSURL: os.Getenv(routes.EnvConsoleJWKSURL), AuthURL: strings.TrimSuffix(os.Getenv(routes.EnvConsoleAuthURL), "/"),
		BaseURL: strings.TrimSuffix(os.Getenv(routes.EnvPublicBaseURL), "/")}
	if c.JWKSURL == "" && c.Issuer != "" {
		c.JWKSURL = c.Issuer + "/.well-known/jwks.json"
	}
	return c
}

func (c Config) oauth() *oauth2.Config {
	return &oauth2.Config{ClientID: c.ClientID, RedirectURL: c.BaseURL + "/console/callback",
		Scopes: []string{"openid", "email", "profile"},
		Endpoint: oauth2.Endpoint{AuthURL: c.AuthURL + "/oauth2/authorize", TokenURL: c.AuthURL + "/oauth2/token",
			AuthStyle: oauth2.AuthStyleInParams}}
}

// Sessions verifies and makes console sessions.
type Sessions struct {
	cfg    Config
	keys   *KeySet
	tokens *linktoken.Minter
	store  SessionStore
	now    func() time.Time
	client *http.Client
	csp    string // the pages' policy with the managed login as a form target
}

// SessionStore keeps the session items, keyed by the SHA-256 of the
// session's ID token (shared/store/dynamo).
type SessionStore interface {
	PutSession(ctx context.Context, hash, office string, expires, now time.Time) error
	SessionExists(ctx context.Context, hash string) (bool, error)
	DeleteSession(ctx context.Context, hash string) error
}

// NewSessions returns the session verifier of cfg; tokens signs CSRF
// tokens, store keeps the sessions.
func NewSessions(cfg Config, tokens *linktoken.Minter, store SessionStore, now func() time.Time, client *http.Client) *Sessions {
	if client == nil {
		client = &http.Client{Timeout: 5 * time.Second}
	}
	return &Sessions{cfg: cfg, keys: &KeySet{URL: cfg.JWKSURL, Client: client}, tokens: tokens, store: store, now: now, client: client, csp: cfg.csp()}
}

// errNoSession: no cookie, or one that is not (or no longer) a valid
// token: the console sends the browser to sign in.
var errNoSession = apperr.New(apperr.Unauthorized, "unauthorized")

// Session is a verified console session.
type Session struct {
	*auth.Coordinator
	CSRF    string
	Expires time.Time
	id      string // the SHA-256 of the ID token: the session item's key
	// officeName is the office's name from its profile, by language (the
	// header shows it); nil without a profile.
	officeName func(lang string) string
}

// Verify reads the session cookie of req and checks its ID token:
// signature against the pool's keys, issuer, audience, token_use "id",
// expiry, then the admin API's claim rules (coordinators group, office);
// and that its session item is there (one strongly consistent GetItem,
// run while the token is checked): after sign-out it is not.
func (s *Sessions) Verify(ctx context.Context, req *Request) (*Session, error) {
	raw := cookie(req, SessionCookie)
	if raw == "" {
		return nil, errNoSession
	}
	type found struct {
		ok  bool
		err error
	}
	item := make(chan found, 1)
	go func() {
		ok, err := s.store.SessionExists(ctx, linktoken.Hash(raw))
		item <- found{ok, err}
	}()
	sess, err := s.verifyToken(ctx, raw)
	f := <-item
	switch {
	case err != nil:
		return nil, err
	case f.err != nil:
		return nil, f.err
	case !f.ok:
		return nil, errNoSession
	}
	return sess, nil
}

func (s *Sessions) verifyToken(ctx context.Context, raw string) (*Session, error) {
	if s.cfg.Issuer == "" || s.cfg.ClientID == "" {
		return nil, errors.New("console: issuer and client id are not configured")
	}
	tok, err := jwt.Parse(raw, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		return s.keys.Key(ctx, kid, s.now())
	}, jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(s.cfg.Issuer), jwt.WithAudience(s.cfg.ClientID),
		jwt.WithExpirationRequired(), jwt.WithTimeFunc(s.now))
	if err != nil {
		if errors.Is(err, errKeys) {
			return nil, err
		}
		return nil, errNoSession
	}
	mc, _ := tok.Claims.(jwt.MapClaims)
	if mc["token_use"] != "id" {
		return nil, errNoSession
	}
	exp, _ := mc.GetExpirationTime()
	claims := make(map[string]string, len(mc))
	for k, v := range mc {
		claims[k] = auth.Flatten(v)
	}
	c, err := auth.FromClaims(claims)
	if err != nil {
		return nil, err
	}
	id := linktoken.Hash(raw)
	return &Session{Coordinator: c, CSRF: s.tokens.Token("console-csrf", id), Expires: exp.Time, id: id}, nil
}

// CheckCSRF compares a posted CSRF token with the session's.
func (s *Session) CheckCSRF(posted string) error {
	if posted == "" || subtle.ConstantTimeCompare([]byte(posted), []byte(s.CSRF)) != 1 {
		return apperr.New(apperr.Forbidden, "console.csrf")
	}
	return nil
}

// cookie is the value of the request's cookie name ("" without one).
func cookie(req *Request, name string) string {
	for _, line := range req.Cookies {
		cs, _ := http.ParseCookie(line)
		for _, c := range cs {
			if c.Name == name {
				return c.Value
			}
		}
	}
	return ""
}

// SetCookie is a Set-Cookie value of a __Host- cookie; maxAge 0 deletes it.
func SetCookie(name, value string, maxAge int) string {
	c := &http.Cookie{Name: name, Value: value, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: maxAge}
	if maxAge == 0 {
		c.MaxAge = -1
	}
	return c.String()
}

// refreshCookie is the Set-Cookie of the refresh token: only the
// sign-out path gets it; maxAge 0 deletes it.
func refreshCookie(token string, maxAge int) string {
	c := &http.Cookie{Name: RefreshCookie, Value: token, Path: refreshPath, Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode, MaxAge: maxAge}
	if maxAge == 0 {
		c.MaxAge = -1
	}
	return c.String()
}

// --- sign-in with the managed login ---

// signIn starts the code flow: a state and a PKCE verifier in a short
// cookie, then to the managed login. next is where to go afterwards.
func (s *Sessions) signIn(next string) (Response, error) {
	if s.cfg.AuthURL == "" {
		return Response{}, errors.New("console: no sign-in URL configured")
	}
	state, verifier := random(), oauth2.GenerateVerifier()
	u := s.cfg.oauth().AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))
	value := state + "." + verifier + "." + base64.RawURLEncoding.EncodeToString([]byte(safeNext(next)))
	return Response{StatusCode: http.StatusSeeOther, Headers: map[string]string{"location": u, "cache-control": "no-store", "strict-transport-security": web.HSTS},
		Cookies: []string{SetCookie(signInCookie, value, 600)}}, nil
}

// callback finishes the code flow: the state must match the cookie's; the
// code is exchanged with the verifier for tokens, whose ID token becomes
// the session.
func (s *Sessions) callback(ctx context.Context, req *Request, code, state string) (Response, error) {
	parts := strings.Split(cookie(req, signInCookie), ".")
	if len(parts) != 3 || state == "" || subtle.ConstantTimeCompare([]byte(parts[0]), []byte(state)) != 1 || code == "" {
		return Response{}, apperr.New(apperr.BadRequest, "console.sign_in_failed")
	}
	next, _ := base64.RawURLEncoding.DecodeString(parts[2])
	ctx = context.WithValue(ctx, oauth2.HTTPClient, s.client)
	tok, err := s.cfg.oauth().Exchange(ctx, code, oauth2.VerifierOption(parts[1]))
	if err != nil {
		return Response{}, apperr.New(apperr.BadRequest, "console.sign_in_failed")
	}
	idToken, _ := tok.Extra("id_token").(string)
	sess, err := s.verifyToken(ctx, idToken)
	if err != nil {
		if apperr.CodeOf(err) == apperr.Unauthorized {
			return Response{}, apperr.New(apperr.BadRequest, "console.sign_in_failed")
		}
		return Response{}, err
	}
	now := s.now()
	if err := s.store.PutSession(ctx, sess.id, sess.Office, sess.Expires, now); err != nil {
		return Response{}, err
	}
	maxAge := max(int(sess.Expires.Sub(now).Seconds()), 1)
	cookies := []string{SetCookie(SessionCookie, idToken, maxAge), SetCookie(signInCookie, "", 0)}
	if tok.RefreshToken != "" {
		cookies = append(cookies, refreshCookie(tok.RefreshToken, maxAge))
	}
	return Response{StatusCode: http.StatusSeeOther, Headers: map[string]string{"location": safeNext(string(next)), "cache-control": "no-store",
		"strict-transport-security": web.HSTS}, Cookies: cookies}, nil
}

// end ends a session: its item goes (every copy of the cookie is dead
// from then on), then the refresh token of req, if it has one, is revoked
// at the managed login. The error of that second step is revoked's.
func (s *Sessions) end(ctx context.Context, sess *Session, req *Request) (revoked error) {
	if err := s.store.DeleteSession(ctx, sess.id); err != nil {
		return err
	}
	refresh := cookie(req, RefreshCookie)
	if refresh == "" || s.cfg.AuthURL == "" {
		return nil
	}
	return s.revoke(ctx, refresh)
}

var errRevoke = errors.New("console: the refresh token was not revoked")

// revoke asks the managed login to revoke a refresh token (and the
// tokens issued with it): POST /oauth2/revoke with token and client_id.
func (s *Sessions) revoke(ctx context.Context, refresh string) error {
	form := url.Values{"token": {refresh}, "client_id": {s.cfg.ClientID}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.cfg.AuthURL+"/oauth2/revoke", strings.NewReader(form.Encode()))
	if err != nil {
		return fmt.Errorf("%w: %v", errRevoke, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := s.client.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %v", errRevoke, err) // names the URL; the token is in the body
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%w: status %d", errRevoke, resp.StatusCode)
	}
	return nil
}

// signOutURL ends the managed login's session too, then comes back to
// /console/signed-out.
func (s *Sessions) signOutURL() string {
	if s.cfg.AuthURL == "" {
		return "/console/signed-out"
	}
	return s.cfg.AuthURL + "/logout?" + url.Values{"client_id": {s.cfg.ClientID}, "logout_uri": {s.cfg.BaseURL + "/console/signed-out"}}.Encode()
}

// csp is the pages' Content-Security-Policy with the managed login's
// origin allowed as a form target: browsers check form-action on every
// redirect after a form is sent, and sign-out ends there.
func (c Config) csp() string {
	policy := web.CSP
	if u, err := url.Parse(c.AuthURL); err == nil && u.Scheme == "https" && u.Host != "" {
		policy = strings.Replace(policy, "form-action 'self'", "form-action 'self' https://"+u.Host, 1)
	}
	return policy
}

// safeNext keeps a return path inside the console (no open redirect).
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/console") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/console"
	}
	return next
}

func random() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// --- the user pool's keys ---

var errKeys = errors.New("console: the user pool's keys cannot be read")

// KeySet is a JWKS, fetched at first use and again (at most once a
// minute) when a token names a key it does not hold: Cognito rotates keys
// rarely, and a Lambda container lives minutes to hours.
type KeySet struct {
	URL    string
	Client *http.Client

	mu      sync.Mutex
	keys    map[string]*rsa.PublicKey
	fetched time.Time
}

// Key returns the RSA key kid.
func (k *KeySet) Key(ctx context.Context, kid string, now time.Time) (*rsa.PublicKey, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if key, ok := k.keys[kid]; ok {
		return key, nil
	}
	if !k.fetched.IsZero() && now.Sub(k.fetched) < time.Minute {
		return nil, errors.New("unknown key")
	}
	keys, err := k.fetch(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errKeys, err)
	}
	k.keys, k.fetched = keys, now
	if key, ok := keys[kid]; ok {
		return key, nil
	}
	return nil, errors.New("unknown key")
}

func (k *KeySet) fetch(ctx context.Context) (map[string]*rsa.PublicKey, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, k.URL, nil)
	if err != nil {
		return nil, err
	}
	resp, err := k.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	var set struct {
		Keys []struct{ Kid, Kty, N, E string } `json:"keys"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(nil, resp.Body, 1<<20)).Decode(&set); err != nil {
		return nil, err
	}
	out := map[string]*rsa.PublicKey{}
	for _, j := range set.Keys {
		if j.Kty != "RSA" {
			continue
		}
		n, err1 := base64.RawURLEncoding.DecodeString(j.N)
		e, err2 := base64.RawURLEncoding.DecodeString(j.E)
		if err1 != nil || err2 != nil || len(e) > 4 {
			continue
		}
		out[j.Kid] = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	}
	return out, nil
}

// JWKS is the key set document of public keys (the dev server serves its
// key with it).
func JWKS(keys map[string]*rsa.PublicKey) []byte {
	type jwk struct {
		Kid string `json:"kid"`
		Kty string `json:"kty"`
		Alg string `json:"alg"`
		Use string `json:"use"`
		N   string `json:"n"`
		E   string `json:"e"`
	}
	var set struct {
		Keys []jwk `json:"keys"`
	}
	for kid, k := range keys {
		set.Keys = append(set.Keys, jwk{Kid: kid, Kty: "RSA", Alg: "RS256", Use: "sig",
			N: base64.RawURLEncoding.EncodeToString(k.N.Bytes()), E: base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes())})
	}
	b, _ := json.Marshal(set)
	return b
}
