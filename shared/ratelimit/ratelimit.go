// Package ratelimit holds the per-client limits of the public forms. A
// limit is counted in DynamoDB, in the same transaction as the write it
// limits (a registration, an answer): a refused write stores nothing and
// counts nothing, and no extra service or round trip is needed. Counter
// items carry the end of their window as TTL.
package ratelimit

import (
	"context"
	"net/netip"
	"strconv"
	"time"
)

// Rule allows Max writes per client in each Window (fixed windows); Max 0
// switches the rule off.
type Rule struct {
	Name   string // part of the counter's key: "reg", "answer"
	Max    int
	Window time.Duration
	// Key turns a client into the counter's key, so that no address is
	// stored: a keyed hash (HMAC under the deployment's link secret).
	Key func(client string) string
	// Message is the message key a client over the limit reads ("": the
	// general rate_limited).
	Message string
}

// Use is one write's use of a rule by one client.
type Use struct {
	Key string // the counter item's key: rule, client, window
	Max int
	// Ends is the window's end: the counter's expiry, and when the client
	// may write again.
	Ends time.Time
	// Message is the rule's message key.
	Message string
}

// RetryAfter is how long the client waits at now: the rest of the window.
func (u *Use) RetryAfter(now time.Time) time.Duration {
	return max(u.Ends.Sub(now), time.Second)
}

// Use returns the use of r by the client of ctx at now, or nil when there
// is no client (a call from inside) or the rule is off.
func (r Rule) Use(ctx context.Context, now time.Time) *Use {
	c, ok := ctx.Value(clientKey{}).(string)
	if !ok || c == "" || r.Max <= 0 || r.Window <= 0 || r.Key == nil {
		return nil
	}
	start := now.Truncate(r.Window)
	return &Use{Key: r.Name + "#" + r.Key(c) + "#" + strconv.FormatInt(start.Unix(), 10), Max: r.Max, Ends: start.Add(r.Window),
		Message: r.Message}
}

// For returns the use of r by the client of ctx for one thing (a meeting,
// by its id) until ends, without windows: Max writes for the thing in all,
// counted until ends, when the counter expires. nil as Use returns it.
func (r Rule) For(ctx context.Context, thing string, ends time.Time) *Use {
	c, ok := ctx.Value(clientKey{}).(string)
	if !ok || c == "" || r.Max <= 0 || r.Key == nil {
		return nil
	}
	return &Use{Key: r.Name + "#" + r.Key(c) + "#" + thing, Max: r.Max, Ends: ends, Message: r.Message}
}

type clientKey struct{}

// WithClient returns ctx with the client at sourceIP (API Gateway's
// requestContext.http.sourceIp). An IPv6 client is its /64, the network a
// single line gets; an address that does not parse is taken as it is.
func WithClient(ctx context.Context, sourceIP string) context.Context {
	return context.WithValue(ctx, clientKey{}, Client(sourceIP))
}

// Client is the client a source address stands for.
func Client(sourceIP string) string {
	a, err := netip.ParseAddr(sourceIP)
	if err != nil {
		return sourceIP
	}
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}
