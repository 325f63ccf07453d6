// Package devtoken makes and checks the coordinator tokens of local
// development: RS256 like Cognito's, signed by a key in the dev data
// directory, with the same claims. Only the dev server and scripts use it;
// in AWS, API Gateway's JWT authorizer checks Cognito's tokens.
package devtoken

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/integration-offices/netzwerk-backend/shared/auth"
)

// The local issuer and audience. The issuer is a URL on 127.0.0.1, as
// the console's settings need (an issuer is an https URL, one on
// 127.0.0.1 for make dev); nothing is served there.
const (
	Issuer   = "http://127.0.0.1/netzwerk-local-dev"
	Audience = "netzwerk-local"
)

// Key loads the local signing key from path, creating it on first use.
func Key(path string) (*rsa.PrivateKey, error) {
	if b, err := os.ReadFile(path); err == nil {
		block, _ := pem.Decode(b)
		if block == nil {
			return nil, fmt.Errorf("%s: not PEM", path)
		}
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		rk, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("%s: not an RSA key", path)
		}
		return rk, nil
	}
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		return nil, err
	}
	return k, nil
}

// Mint signs a coordinator token for office, valid for ttl.
func Mint(key *rsa.PrivateKey, office string, ttl time.Duration, now time.Time) (string, error) {
	claims := jwt.MapClaims{
		"iss": Issuer, "aud": Audience, "sub": "dev-coordinator-" + office,
		"iat": now.Unix(), "exp": now.Add(ttl).Unix(), "token_use": "id",
		auth.ClaimGroups: []string{auth.Group}, auth.ClaimOffice: office, "email": "coordinator@" + office + ".example",
	}
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	t.Header["kid"] = "local-dev"
	return t.SignedString(key)
}

// Verifier checks bearer tokens as the HTTP API's JWT authorizer does:
// signature, issuer, audience, expiry.
type Verifier struct {
	Key      *rsa.PublicKey
	Issuer   string
	Audience string
}

// Verify returns the token's claims flattened as API Gateway passes them to
// Lambda: strings, arrays as "[a b]".
func (v *Verifier) Verify(bearer string, now time.Time) (map[string]string, error) {
	tok, ok := strings.CutPrefix(bearer, "Bearer ")
	if !ok || tok == "" {
		return nil, errors.New("no bearer token")
	}
	parsed, err := jwt.Parse(tok, func(*jwt.Token) (any, error) { return v.Key, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(v.Issuer), jwt.WithAudience(v.Audience),
		jwt.WithExpirationRequired(), jwt.WithTimeFunc(func() time.Time { return now }))
	if err != nil {
		return nil, err
	}
	mc, ok := parsed.Claims.(jwt.MapClaims)
	if !ok {
		return nil, errors.New("unexpected claims")
	}
	out := make(map[string]string, len(mc))
	for k, val := range mc {
		out[k] = auth.Flatten(val)
	}
	return out, nil
}
