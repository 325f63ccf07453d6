package office

import (
	"context"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/ttlcache"
)

// CacheTTL is how long a warm function keeps an office's profile: pages
// and mails of a survey or meeting show the office without a round trip
// of their own; a changed profile shows within a minute.
const CacheTTL = 60 * time.Second

// Cache keeps office profiles read by load, an office without a profile
// too (as nil). A nil *Cache has no profiles.
type Cache struct {
	load  func(ctx context.Context, id string) (*Profile, error)
	now   func() time.Time
	cache *ttlcache.Cache[*Profile]
}

// NewCache returns a cache over load (the store's Office).
func NewCache(load func(ctx context.Context, id string) (*Profile, error), now func() time.Time) *Cache {
	return &Cache{load: load, now: now, cache: ttlcache.New[*Profile](CacheTTL)}
}

// Get returns office id's profile, nil (and no error) when it has none.
func (c *Cache) Get(ctx context.Context, id string) (*Profile, error) {
	if c == nil || id == "" {
		return nil, nil
	}
	return c.cache.Load(id, c.now(), func() (*Profile, error) {
		p, err := c.load(ctx, id)
		if apperr.CodeOf(err) == apperr.NotFound {
			return nil, nil
		}
		return p, err
	})
}

// Keep takes p, a copy of office id's profile read with a survey or a
// meeting (a frame), as the cached profile unless one is cached already.
// It reports whether p was such a copy: false for none, or for one of
// another office (the page then reads the profile and copies it again).
func (c *Cache) Keep(id string, p *Profile) bool {
	if c == nil || p == nil || p.Office != id {
		return false
	}
	if _, ok := c.cache.Get(id, c.now()); !ok {
		c.cache.Put(id, p, c.now())
	}
	return true
}

// Reload reads office id's profile again after a copy of outdated, the
// cached one, was refused as older than the stored profile (a save
// since): a profile other than outdated replaces it in the cache and is
// returned; nil when the read brings none other (a replica behind, an
// error), and the cached one keeps its time.
func (c *Cache) Reload(ctx context.Context, id string, outdated *Profile) *Profile {
	if c == nil || outdated == nil || outdated.Office != id {
		return nil
	}
	p, err := c.load(ctx, id)
	if err != nil || p == nil || p.UpdatedAt.Equal(outdated.UpdatedAt) {
		return nil
	}
	c.cache.Put(id, p, c.now())
	return p
}

// Copy copies p, office id's profile as this cache has it, with put (the
// store's write of a frame); when put refuses it as outdated (a save
// since), the profile is read again (Reload) and the saved one copied
// and returned instead. failed reports a copy to try again at the next
// read: an error other than that refusal.
func (c *Cache) Copy(ctx context.Context, id string, p *Profile, put func(*Profile) error) (shown *Profile, failed bool) {
	err := put(p)
	if apperr.CodeOf(err) == apperr.Conflict {
		if q := c.Reload(ctx, id, p); q != nil {
			p, err = q, put(q)
		}
	}
	return p, err != nil && apperr.CodeOf(err) != apperr.Conflict
}
