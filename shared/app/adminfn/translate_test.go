package adminfn

import (
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// TestTranslateFromEnv: TRANSLATE_ANSWERS is off unset and "0", on only
// "1"; anything else stops the function at start, naming the variable.
func TestTranslateFromEnv(t *testing.T) {
	for v, want := range map[string]bool{"": false, "0": false, "1": true} {
		if on, err := TranslateFromEnv(func(string) string { return v }); err != nil || on != want {
			t.Errorf("%q: %v %v", v, on, err)
		}
	}
	for _, v := range []string{"yes", "true", "on"} {
		if _, err := TranslateFromEnv(func(k string) string { return map[string]string{routes.EnvTranslateAnswers: v}[k] }); err == nil {
			t.Errorf("%q is taken", v)
		}
	}
}
