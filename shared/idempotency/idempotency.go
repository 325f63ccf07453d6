// Package idempotency implements the Idempotency-Key contract: a retry with
// the same key and body returns the first result and stores nothing new; the
// same key with another body is a conflict. Stores write the claim in the
// same conditional write as the data it guards, so concurrent retries race
// on one condition and exactly one wins.
package idempotency

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
)

// Retention is how long a key is remembered.
const Retention = 24 * time.Hour

// Claim is what a first request stores under its key.
type Claim struct {
	// KeyHash identifies the key within its scope (route and resource); the
	// raw key is never stored.
	KeyHash string
	// RequestHash fingerprints the request body.
	RequestHash string
	// Status and Body are the result to replay.
	Status int
	Body   []byte
	// ExpiresAt is set by the service from its clock: now + Retention.
	ExpiresAt time.Time
}

// Replay is the stored result of an earlier request with the same key, or
// (Pending) the claim of one that is still running.
type Replay struct {
	RequestHash string
	Pending     bool
	Status      int
	Body        []byte
}

// NewClaim validates key and prepares a claim for a request to scope with
// body. An empty key means no idempotency: it returns nil, nil.
func NewClaim(scope, key string, body []byte) (*Claim, error) {
	if key == "" {
		return nil, nil
	}
	if len(key) > 255 {
		return nil, apperr.New(apperr.BadRequest, "idempotency_key_invalid")
	}
	for i := 0; i < len(key); i++ {
		if key[i] < 0x20 || key[i] > 0x7e {
			return nil, apperr.New(apperr.BadRequest, "idempotency_key_invalid")
		}
	}
	return &Claim{
		KeyHash:     hash([]byte(scope + "\x00" + key)),
		RequestHash: hash(body),
	}, nil
}

// Matches returns a conflict unless the replay is of the same request.
func (c *Claim) Matches(r *Replay) error {
	if r.RequestHash != c.RequestHash {
		return apperr.New(apperr.Conflict, "idempotency_mismatch")
	}
	return nil
}

// Replayed checks a replay against the claim and decodes the first
// request's result into dst.
func (c *Claim) Replayed(r *Replay, dst any) error {
	if err := c.Matches(r); err != nil {
		return err
	}
	if err := json.Unmarshal(r.Body, dst); err != nil {
		return fmt.Errorf("decode replayed result: %w", err)
	}
	return nil
}

func hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
