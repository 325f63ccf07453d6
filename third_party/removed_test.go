package thirdparty

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
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

// validateFnTag is a struct tag that asks for validateFn (among other
// rules), or a rule string that names it.
var validateFnTag = regexp.MustCompile(`(validate:\\?"|")[^"]*\bvalidateFn\b`)

// TestNoValidateFnTags: the bootstraps are built without validator's
// "validateFn" tag (validator_novalidatefn, README.md), where a field that
// asks for it panics at its first validation; no code here asks for it.
func TestNoValidateFnTags(t *testing.T) {
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "third_party" || d.Name() == "node_modules" || d.Name() == "cdk.out" || strings.HasPrefix(d.Name(), ".")) && p != ".." {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if validateFnTag.Match(b) {
			t.Errorf("%s asks for validator's validateFn tag, which the bootstraps leave out", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
