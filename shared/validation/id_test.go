package validation

import "testing"

func TestValidID(t *testing.T) {
	for s, want := range map[string]bool{
		"demo": true, "demo-needs-survey": true, "a1": true, "x": false, "-demo": false, "Demo": false,
		"de mo": false, "../x": false, "": false, "ä-x": false, string(make([]byte, 64)): false,
	} {
		if ValidID(s) != want {
			t.Errorf("ValidID(%q) = %v", s, !want)
		}
	}
}
