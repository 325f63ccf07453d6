// Package ttlcache keeps values for a bounded time in a warm Lambda
// container: definitions read on every request are fetched at most once
// per TTL.
package ttlcache

import (
	"sync"
	"time"
)

// Cache maps keys to values younger than its TTL.
type Cache[V any] struct {
	ttl time.Duration
	mu  sync.Mutex
	m   map[string]entry[V]
}

type entry[V any] struct {
	v       V
	fetched time.Time
}

// New returns an empty cache.
func New[V any](ttl time.Duration) *Cache[V] {
	return &Cache[V]{ttl: ttl, m: map[string]entry[V]{}}
}

// Get returns the value of key if it was put less than the TTL before now.
func (c *Cache[V]) Get(key string, now time.Time) (V, bool) {
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if !ok || now.Sub(e.fetched) >= c.ttl {
		var zero V
		return zero, false
	}
	return e.v, true
}

// Put stores v for key, fetched at now.
func (c *Cache[V]) Put(key string, v V, now time.Time) {
	c.mu.Lock()
	c.m[key] = entry[V]{v: v, fetched: now}
	c.mu.Unlock()
}

// Load returns the value of key from the cache, or from load (then kept
// from now on). A failed load keeps nothing.
func (c *Cache[V]) Load(key string, now time.Time, load func() (V, error)) (V, error) {
	if v, ok := c.Get(key, now); ok {
		return v, nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	c.Put(key, v, now)
	return v, nil
}
