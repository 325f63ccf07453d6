package thirdparty

import (
	"strings"
	"testing"

	"github.com/go-playground/validator/v10"
)

// TestRemovedTagsFailLoudly: the copy's validator has no "image",
// "mimetype" and "eth_addr_checksum" tags (README.md); a field that asks for one fails at its
// first validation, it is never passed unchecked, and RegisterValidation
// brings a tag back.
func TestRemovedTagsFailLoudly(t *testing.T) {
	v := validator.New()
	for _, tag := range []string{"image", "mimetype=image/png", "eth_addr_checksum"} {
		func() {
			defer func() {
				if p := recover(); p == nil || !strings.Contains(fmtAny(p), "Undefined validation function") {
					t.Errorf("%s: %v, want a panic naming the undefined function", tag, p)
				}
			}()
			_ = v.Var("/etc/hostname", tag)
		}()
	}
	if err := v.RegisterValidation("image", func(validator.FieldLevel) bool { return false }); err != nil {
		t.Fatal(err)
	}
	if err := v.Var("/etc/hostname", "image"); err == nil {
		t.Error("a registered image tag was not used")
	}
}

func fmtAny(p any) string {
	if s, ok := p.(string); ok {
		return s
	}
	if e, ok := p.(error); ok {
		return e.Error()
	}
	return ""
}
