package ratelimit

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestClient(t *testing.T) {
	for in, want := range map[string]string{
		"127.0.0.7": "127.0.0.7", "::ffff:10.1.2.3": "10.1.2.3",
		"2001:db8:1:2:aaaa::1": "2001:db8:1:2::/64", "2001:db8:1:2:bbbb::9": "2001:db8:1:2::/64", "nonsense": "nonsense",
	} {
		if got := Client(in); got != want {
			t.Errorf("Client(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUse(t *testing.T) {
	r := Rule{Name: "reg", Max: 10, Window: time.Hour, Key: func(c string) string { return "k(" + c + ")" }}
	now := time.Date(2026, 11, 21, 14, 20, 0, 0, time.UTC)
	if r.Use(context.Background(), now) != nil {
		t.Error("no client, but a use")
	}
	u := r.Use(WithClient(context.Background(), "127.0.0.9"), now)
	if u == nil || u.Max != 10 || !u.Ends.Equal(now.Add(40*time.Minute)) || !strings.HasPrefix(u.Key, "reg#k(127.0.0.9)#") {
		t.Fatalf("use %+v", u)
	}
	if got := u.RetryAfter(now); got != 40*time.Minute {
		t.Errorf("retry after %v", got)
	}
	if next := r.Use(WithClient(context.Background(), "127.0.0.9"), now.Add(time.Hour)); next.Key == u.Key {
		t.Error("the next window counts in the same item")
	}
	r.Max = 0
	if r.Use(WithClient(context.Background(), "127.0.0.9"), now) != nil {
		t.Error("a rule that is off")
	}
}

// A use for one thing: one counter for the thing however long it runs,
// another for another thing; expiring at the end given.
func TestUseFor(t *testing.T) {
	r := Rule{Name: "reg-meeting", Max: 3, Key: func(c string) string { return "k(" + c + ")" }, Message: "meeting_client_limit"}
	now := time.Date(2026, 11, 21, 14, 20, 0, 0, time.UTC)
	ends := now.Add(72 * time.Hour)
	ctx := WithClient(context.Background(), "127.0.0.9")
	if r.For(context.Background(), "m1", ends) != nil {
		t.Error("no client, but a use")
	}
	u := r.For(ctx, "m1", ends)
	if u == nil || u.Key != "reg-meeting#k(127.0.0.9)#m1" || u.Max != 3 || !u.Ends.Equal(ends) || u.Message != "meeting_client_limit" {
		t.Fatalf("use %+v", u)
	}
	if u.RetryAfter(now) != 72*time.Hour {
		t.Errorf("retry after %v", u.RetryAfter(now))
	}
	if later := r.For(ctx, "m1", ends); later.Key != u.Key {
		t.Error("the thing counts in two items")
	}
	if other := r.For(ctx, "m2", ends); other.Key == u.Key {
		t.Error("two things count in one item")
	}
	r.Max = 0
	if r.For(ctx, "m1", ends) != nil {
		t.Error("a rule that is off")
	}
}
