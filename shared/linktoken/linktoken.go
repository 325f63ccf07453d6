// Package linktoken makes the tokens of personal links (manage a
// registration, answer an invitation). A token is HMAC-SHA256 under a
// 256-bit random secret of the deployment over the item's kind and id:
// 256 bits that nobody can guess without the secret. The database keeps only
// SHA-256(token), so a table leak exposes no working link, and the mailer can
// rebuild a link for any email without the token ever being stored.
package linktoken

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
)

// MinSecret is the shortest secret accepted (bytes).
const MinSecret = 32

// Minter makes tokens.
type Minter struct {
	secret []byte
	later  func() []byte // the secret, when it is still being read (Later)
}

// New returns a minter; secret must be at least MinSecret random bytes.
func New(secret []byte) (*Minter, error) {
	if len(secret) < MinSecret {
		return nil, errors.New("linktoken: secret must be at least 32 bytes")
	}
	return &Minter{secret: append([]byte(nil), secret...)}, nil
}

// Later returns a minter whose secret is still being read (from Secrets
// Manager, started at start-up): the first token waits for secret, which
// is called once and returns a checked secret of at least MinSecret bytes
// (or ends the process, as a failed start would).
func Later(secret func() []byte) *Minter {
	return &Minter{later: sync.OnceValue(secret)}
}

// Token returns the link token for an item of kind ("registration",
// "invitation") with id.
func (m *Minter) Token(kind, id string) string {
	key := m.secret
	if m.later != nil {
		key = m.later()
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(kind))
	mac.Write([]byte{0})
	mac.Write([]byte(id))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// Hash is what the database stores and looks tokens up by. Any string
// hashes, so malformed and unknown tokens take the same path.
func Hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Sign returns a link token that carries payload itself, signed for kind:
// the payload (base64url) and its HMAC (Token(kind, payload)), so that a
// link can name what it is for without a lookup item, and nobody can
// make one for another payload without the secret. The table stores
// nothing of it.
func (m *Minter) Sign(kind, payload string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + m.Token(kind, payload)
}

// Open returns the payload of a token that Sign made for kind; false for
// anything else (checked in constant time).
func (m *Minter) Open(kind, token string) (string, bool) {
	payload, ok := Peek(token)
	if !ok {
		return "", false
	}
	_, sig, _ := strings.Cut(token, ".")
	if !hmac.Equal([]byte(sig), []byte(m.Token(kind, payload))) {
		return "", false
	}
	return payload, true
}

// Peek returns the payload of a token shaped as Sign makes them (its
// payload spelled as Sign spells it), not checked: for work that may start before the check (Open) ends, and
// is dropped unless it passes.
func Peek(token string) (string, bool) {
	enc, _, ok := strings.Cut(token, ".")
	if !ok || len(token) > 1024 {
		return "", false
	}
	payload, err := base64.RawURLEncoding.DecodeString(enc)
	// Only Sign's spelling: the decoder also takes unused trailing bits
	// set and skips line breaks, other spellings of the same payload.
	if err != nil || base64.RawURLEncoding.EncodeToString(payload) != enc {
		return "", false
	}
	return string(payload), true
}
