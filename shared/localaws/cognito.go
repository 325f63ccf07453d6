package localaws

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/auth/devtoken"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
	"github.com/integration-offices/netzwerk-backend/shared/web/console"
)

// Cognito stands in for the user pool's managed login in local
// development and tests: /oauth2/authorize signs in a coordinator of
// Office at once (no password page) and returns a code, /oauth2/token
// trades it for an ID token and a refresh token only with the PKCE
// verifier, and a refresh token for a new ID token until /oauth2/revoke
// revokes it; /logout goes to the logout URI, /jwks.json serves the key.
// /console/dev-sign-in?office= signs in a coordinator of that office
// through the console's own sign-in (so the console records the session).
// Only the dev server and tests mount it: no Lambda serves these paths.
type Cognito struct {
	Key    *rsa.PrivateKey
	Office string // who signs in through /oauth2/authorize (unless the dev sign-in named another)
	Prefix string // where the managed login is mounted, e.g. /dev/cognito

	mu      sync.Mutex
	codes   map[string]pending
	refresh map[string]string // refresh token → office, until revoked
}

// devOfficeCookie carries the office of /console/dev-sign-in to
// /oauth2/authorize.
const devOfficeCookie = "netzwerk-dev-office"

type pending struct {
	challenge, redirect, office string
	expires                     time.Time
}

// ConsoleEnv returns the console's settings for a dev server at base.
func (c *Cognito) ConsoleEnv(base string) map[string]string {
	return map[string]string{
		"CONSOLE_ISSUER": devtoken.Issuer, "CONSOLE_CLIENT_ID": devtoken.Audience,
		"CONSOLE_AUTH_URL": base + c.Prefix, "CONSOLE_JWKS_URL": base + c.Prefix + "/jwks.json",
	}
}

// Handle mounts the stand-in on mux.
func (c *Cognito) Handle(mux *http.ServeMux) {
	mux.HandleFunc("GET /console/dev-sign-in", c.devSignIn)
	mux.HandleFunc("GET "+c.Prefix+"/jwks.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(console.JWKS(map[string]*rsa.PublicKey{"local-dev": &c.Key.PublicKey}))
	})
	mux.HandleFunc("GET "+c.Prefix+"/oauth2/authorize", c.authorize)
	mux.HandleFunc("POST "+c.Prefix+"/oauth2/token", c.token)
	mux.HandleFunc("POST "+c.Prefix+"/oauth2/revoke", c.revoke)
	mux.HandleFunc("GET "+c.Prefix+"/logout", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("logout_uri"), http.StatusFound)
	})
}

func (c *Cognito) devSignIn(w http.ResponseWriter, r *http.Request) {
	office := r.URL.Query().Get("office")
	if office == "" {
		office = c.Office
	}
	if !validation.ValidID(office) {
		http.Error(w, "office: not an id", http.StatusBadRequest)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: devOfficeCookie, Value: office, Path: c.Prefix, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/console/sign-in?next=%2Fconsole", http.StatusSeeOther)
}

func (c *Cognito) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("response_type") != "code" || q.Get("client_id") != devtoken.Audience || q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" {
		http.Error(w, "authorize: code flow with PKCE (S256) only", http.StatusBadRequest)
		return
	}
	code, office := random32(), c.Office
	if ck, err := r.Cookie(devOfficeCookie); err == nil && validation.ValidID(ck.Value) {
		office = ck.Value
	}
	c.mu.Lock()
	if c.codes == nil {
		c.codes = map[string]pending{}
	}
	c.codes[code] = pending{challenge: q.Get("code_challenge"), redirect: q.Get("redirect_uri"), office: office, expires: time.Now().Add(5 * time.Minute)}
	c.mu.Unlock()
	u, err := url.Parse(q.Get("redirect_uri"))
	if err != nil {
		http.Error(w, "authorize: bad redirect_uri", http.StatusBadRequest)
		return
	}
	u.RawQuery = url.Values{"code": {code}, "state": {q.Get("state")}}.Encode()
	http.Redirect(w, r, u.String(), http.StatusFound)
}

func (c *Cognito) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, `{"error":"invalid_request"}`, http.StatusBadRequest)
		return
	}
	if r.PostForm.Get("grant_type") == "refresh_token" {
		c.mu.Lock()
		office, ok := c.refresh[r.PostForm.Get("refresh_token")]
		c.mu.Unlock()
		if !ok || r.PostForm.Get("client_id") != devtoken.Audience {
			oauthError(w, "invalid_grant")
			return
		}
		c.issue(w, office, "")
		return
	}
	c.mu.Lock()
	p, ok := c.codes[r.PostForm.Get("code")]
	delete(c.codes, r.PostForm.Get("code")) // a code works once
	c.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	if !ok || time.Now().After(p.expires) || r.PostForm.Get("grant_type") != "authorization_code" ||
		r.PostForm.Get("redirect_uri") != p.redirect || base64.RawURLEncoding.EncodeToString(sum[:]) != p.challenge {
		oauthError(w, "invalid_grant")
		return
	}
	refresh := random32()
	c.mu.Lock()
	if c.refresh == nil {
		c.refresh = map[string]string{}
	}
	c.refresh[refresh] = p.office
	c.mu.Unlock()
	c.issue(w, p.office, refresh)
}

// issue answers a token request with an ID token of office (and the
// refresh token, when one is new).
func (c *Cognito) issue(w http.ResponseWriter, office, refresh string) {
	tok, err := devtoken.Mint(c.Key, office, time.Hour, time.Now())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	body := map[string]any{"id_token": tok, "access_token": "local", "token_type": "Bearer", "expires_in": 3600}
	if refresh != "" {
		body["refresh_token"] = refresh
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(body)
}

// revoke is Cognito's POST /oauth2/revoke: token (a refresh token) and
// client_id; 200 and the token no longer refreshes.
func (c *Cognito) revoke(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("token") == "" {
		oauthError(w, "invalid_request")
		return
	}
	if r.PostForm.Get("client_id") != devtoken.Audience {
		oauthError(w, "invalid_client")
		return
	}
	c.mu.Lock()
	delete(c.refresh, r.PostForm.Get("token"))
	c.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

func oauthError(w http.ResponseWriter, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code})
}

func random32() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
