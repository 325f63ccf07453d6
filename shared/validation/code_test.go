package validation

import (
	"regexp"
	"strings"
	"testing"
)

// TestCodeIsThePattern: Code accepts exactly what the pattern
// it replaced (compiled at start, 0.6 ms of every cold start) accepted.
func TestCodeIsThePattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
	cases := []string{"", "a", "0", "_a", "-a", "a_", "a-", "ab_c-d9", "A", "aB", "ä", "a b", "a.b", "a/b", "a\n",
		strings.Repeat("a", 64), strings.Repeat("a", 65), "a" + strings.Repeat("_", 63), "a" + strings.Repeat("_", 64)}
	for c := 0; c < 256; c++ {
		cases = append(cases, string(rune(c)), "a"+string(rune(c)))
	}
	for _, s := range cases {
		if got, want := Code(s), pattern.MatchString(s); got != want {
			t.Errorf("Code(%q) = %v, the pattern says %v", s, got, want)
		}
	}
}
