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
	"github.com/integration-offices/netzwerk-backend/shared/console"
	"github.com/integration-offices/netzwerk-backend/shared/ids"
)

// Cognito stands in for the user pool's managed login in local
// development and tests: /oauth2/authorize signs in a coordinator of
// Office at once (no password page) and returns a code, /oauth2/token
// trades it for an ID token only with the PKCE verifier, /logout goes to
// the logout URI, /jwks.json serves the key; /console/dev-sign-in?office=
// sets a session directly. Only the dev server and tests mount it: no
// Lambda serves these paths.
type Cognito struct {
	Key    *rsa.PrivateKey
	Office string // who signs in through /oauth2/authorize
	Prefix string // where the managed login is mounted, e.g. /dev/cognito

	mu    sync.Mutex
	codes map[string]pending
}

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
	mux.HandleFunc("GET "+c.Prefix+"/logout", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("logout_uri"), http.StatusFound)
	})
}

func (c *Cognito) devSignIn(w http.ResponseWriter, r *http.Request) {
	office := r.URL.Query().Get("office")
	if office == "" {
		office = c.Office
	}
	if !ids.Valid(office) {
		http.Error(w, "office: not an id", http.StatusBadRequest)
		return
	}
	now := time.Now()
	tok, err := devtoken.Mint(c.Key, office, time.Hour, now)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Add("Set-Cookie", console.SessionCookieFor(tok, now, now.Add(time.Hour)))
	http.Redirect(w, r, "/console", http.StatusSeeOther)
}

func (c *Cognito) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("response_type") != "code" || q.Get("client_id") != devtoken.Audience || q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" {
		http.Error(w, "authorize: code flow with PKCE (S256) only", http.StatusBadRequest)
		return
	}
	code := random32()
	c.mu.Lock()
	if c.codes == nil {
		c.codes = map[string]pending{}
	}
	c.codes[code] = pending{challenge: q.Get("code_challenge"), redirect: q.Get("redirect_uri"), office: c.Office, expires: time.Now().Add(5 * time.Minute)}
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
	c.mu.Lock()
	p, ok := c.codes[r.PostForm.Get("code")]
	delete(c.codes, r.PostForm.Get("code")) // a code works once
	c.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	if !ok || time.Now().After(p.expires) || r.PostForm.Get("grant_type") != "authorization_code" ||
		r.PostForm.Get("redirect_uri") != p.redirect || base64.RawURLEncoding.EncodeToString(sum[:]) != p.challenge {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
		return
	}
	tok, err := devtoken.Mint(c.Key, p.office, time.Hour, time.Now())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"id_token": tok, "access_token": "local", "token_type": "Bearer", "expires_in": 3600})
}

func random32() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
