package ids

import "testing"

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{
		"demo": true, "demo-needs-survey": true, "a1": true, "x": false, "-demo": false, "Demo": false,
		"de mo": false, "../x": false, "": false, "ä-x": false, string(make([]byte, 64)): false,
	} {
		if Valid(s) != want {
			t.Errorf("Valid(%q) = %v", s, !want)
		}
	}
}
