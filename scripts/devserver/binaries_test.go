package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// scripts/check-binaries, which make lint runs, fails on a tracked
// executable (a bare `go build ./scripts/devserver` writes one to the
// working directory), passes on text, and skips outside a checkout.
func TestCheckBinariesFailsOnATrackedExecutable(t *testing.T) {
	for _, tool := range []string{"git", "file", "bash"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	script, err := filepath.Abs("../check-binaries")
	if err != nil {
		t.Fatal(err)
	}
	run := func(dir string) (string, error) {
		cmd := exec.Command("bash", script)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CEILING_DIRECTORIES="+filepath.Dir(dir))
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	git := func(dir string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.invalid"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}

	outside := t.TempDir()
	if out, err := run(outside); err != nil || !strings.Contains(out, "skipped") {
		t.Fatalf("outside a checkout: %v\n%s", err, out)
	}

	repo := t.TempDir()
	git(repo, "init", "-q")
	if err := os.WriteFile(filepath.Join(repo, "main.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git(repo, "add", "main.go")
	if out, err := run(repo); err != nil {
		t.Fatalf("text only: %v\n%s", err, out)
	}

	// This test's own binary is an executable of this platform.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "devserver"), bin, 0o755); err != nil {
		t.Fatal(err)
	}
	git(repo, "add", "devserver")
	out, err := run(repo)
	if err == nil || !strings.Contains(out, "devserver (application/") {
		t.Fatalf("a tracked executable passed: %v\n%s", err, out)
	}

	// git rm: the index no longer holds it, the lint passes.
	git(repo, "rm", "-q", "--cached", "devserver")
	if out, err := run(repo); err != nil {
		t.Fatalf("after git rm: %v\n%s", err, out)
	}
}
