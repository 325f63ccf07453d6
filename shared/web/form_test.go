package web

import (
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
)

func testTokens(t *testing.T) *linktoken.Minter {
	t.Helper()
	m, err := linktoken.New([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Forms rendered in the same millisecond (two organisations opening the
// survey at once) still get stamps of their own, and each one passes the
// guard once a person's fill time has passed.
func TestStampsDifferForFormsRenderedAtOnce(t *testing.T) {
	tokens := testTokens(t)
	rendered := time.UnixMilli(1_800_000_000_000)
	stamps := make([]string, 50)
	var wg sync.WaitGroup
	for i := range stamps {
		wg.Add(1)
		go func() { defer wg.Done(); stamps[i] = Stamp(tokens, "/s/x", rendered) }()
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, s := range stamps {
		if seen[s] {
			t.Fatalf("stamp %q rendered twice", s)
		}
		seen[s] = true
		if err := CheckGuard(tokens, url.Values{StampField: {s}}, "/s/x", rendered.Add(10*time.Second)); err != nil {
			t.Errorf("stamp %q: %v", s, err)
		}
	}
	// Signed for its page: another page's form, or a changed random part, fails.
	s := stamps[0]
	if CheckGuard(tokens, url.Values{StampField: {s}}, "/s/y", rendered.Add(10*time.Second)) == nil {
		t.Error("a stamp of /s/x passes on /s/y")
	}
	changed := []byte(s)
	changed[len(changed)/2] ^= 1
	if CheckGuard(tokens, url.Values{StampField: {string(changed)}}, "/s/x", rendered.Add(10*time.Second)) == nil {
		t.Error("a changed stamp passes")
	}
}

// A browser's POST from another site, or from an opaque origin (a
// sandboxed frame, a data: URL: Origin null), is refused. Browsers send
// Origin null for our own forms too (Referrer-Policy: no-referrer makes
// them), and with it Sec-Fetch-Site: same-origin, which no page can fake.
func TestSameOriginRefusesOriginNull(t *testing.T) {
	for _, c := range []struct {
		what    string
		headers map[string]string
		ok      bool
	}{
		{"our origin", map[string]string{"origin": "https://netzwerk.example"}, true},
		{"our origin, same-origin fetch", map[string]string{"origin": "https://netzwerk.example", "sec-fetch-site": "same-origin"}, true},
		{"origin null from our page", map[string]string{"origin": "null", "sec-fetch-site": "same-origin"}, true},
		{"no headers (curl)", map[string]string{}, true},
		{"origin null, no fetch metadata", map[string]string{"origin": "null"}, false},
		{"origin null, cross-site", map[string]string{"origin": "null", "sec-fetch-site": "cross-site"}, false},
		{"origin null, user typed", map[string]string{"origin": "null", "sec-fetch-site": "none"}, false},
		{"other origin", map[string]string{"origin": "https://evil.example"}, false},
		{"same site, other origin", map[string]string{"origin": "https://a.netzwerk.example", "sec-fetch-site": "same-site"}, false},
		{"garbage origin", map[string]string{"origin": "::"}, false},
	} {
		h := map[string]string{"host": "netzwerk.example"}
		for k, v := range c.headers {
			h[k] = v
		}
		err := SameOrigin(&Request{Headers: h})
		if c.ok && err != nil {
			t.Errorf("%s: refused: %v", c.what, err)
		}
		if !c.ok && apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("%s: %v, want forbidden", c.what, err)
		}
	}
}
