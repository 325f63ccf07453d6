// Package audit is the record of erasures an office answers for, and of
// surveys it published: who (by role and id, never by name), when, which
// item. It holds no personal data.
package audit

import "time"

// Entry is one erasure, or one survey published.
type Entry struct {
	At     time.Time `json:"at"`
	Action string    `json:"action"` // "erase", "publish"
	Kind   string    `json:"kind"`   // "registration", "response"; "survey" (publish)
	ID     string    `json:"id"`
	// Actor is who asked: "registrant" (a manage link), "organisation" (a
	// personal survey link) or "coordinator:" and the coordinator's id.
	Actor string `json:"actor"`
}

// Kinds are the kinds of items an entry names.
var Kinds = []string{"registration", "response"}

// Filter narrows an audit trail: a kind (empty: all) and a time range
// [From, To) (zero: open).
type Filter struct {
	Kind     string
	From, To time.Time
}
