package thirdparty

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite each copy's patch from the copy")

// copies are the modules that go.mod replaces with a directory here: each
// is the root package of an upstream release plus its patch.
var copies = []struct {
	module, version, dir string
}{
	{"github.com/go-playground/validator/v10", "v10.30.6", "validator"},
}

// upstream returns the module's release from the Go module proxy (its
// cache), as the go command verified it against go.sum's checksum
// database.
func upstream(t *testing.T, module, version string) string {
	t.Helper()
	cmd := exec.Command("go", "mod", "download", "-json", module+"@"+version)
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go mod download %s@%s: %v", module, version, err)
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		t.Fatalf("go mod download %s@%s: %s %v", module, version, m.Error, err)
	}
	return m.Dir
}

// rootFiles copies the files of a copy from dir into to: go.mod, LICENSE
// and the root package's non-test Go files; with tests, its tests, go.sum
// and testdata too.
func rootFiles(t *testing.T, dir, to string, tests bool) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		keep := name == "go.mod" || name == "LICENSE" ||
			(strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go"))
		if tests {
			keep = strings.HasSuffix(name, "_test.go") || name == "go.sum"
		}
		if e.IsDir() {
			if tests && name == "testdata" {
				if err := os.CopyFS(filepath.Join(to, name), os.DirFS(filepath.Join(dir, name))); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		if !keep {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCopiesAreUpstreamAndTheirPatch: a copy differs from its release
// only as its patch (<dir>.patch) says. The patch ignores changes of
// whitespace (git diff -w): the tables the validator patch wraps in
// functions are only indented once more, and gofmt (make lint) fixes the
// copy's whitespace.
func TestCopiesAreUpstreamAndTheirPatch(t *testing.T) {
	for _, c := range copies {
		t.Run(c.dir, func(t *testing.T) {
			tmp := t.TempDir()
			rootFiles(t, upstream(t, c.module, c.version), filepath.Join(tmp, "a"), false)
			rootFiles(t, c.dir, filepath.Join(tmp, "b"), false)
			cmd := exec.Command("git", "diff", "--no-index", "-w", "--no-color", "a", "b")
			cmd.Dir = tmp
			got, err := cmd.Output()
			if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
				t.Fatalf("git diff: %v", err)
			}
			name := c.dir + ".patch"
			if *update {
				if err := os.WriteFile(name, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("third_party/%s differs from %s@%s other than %s says (go test ./third_party -update rewrites it):\n%s",
					c.dir, c.module, c.version, name, got)
			}
		})
	}
}

// TestCopiesPassUpstreamTests runs each release's own tests on its copy.
func TestCopiesPassUpstreamTests(t *testing.T) {
	for _, c := range copies {
		t.Run(c.dir, func(t *testing.T) {
			tmp := t.TempDir()
			rootFiles(t, c.dir, tmp, false)
			rootFiles(t, upstream(t, c.module, c.version), tmp, true)
			cmd := exec.Command("go", "test", "-count=1", ".")
			cmd.Dir = tmp
			cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("upstream tests of %s@%s on third_party/%s: %v\n%s", c.module, c.version, c.dir, err, out)
			}
		})
	}
}
