package web

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestBuildID: the build ID read from the running executable is the one
// `go tool buildid` prints for it.
func TestBuildID(t *testing.T) {
	id := BuildID()
	if id == "" {
		t.Skip("no ELF executable here")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(out)); got != id {
		t.Errorf("BuildID %q, go tool buildid %q", id, got)
	}
	if goBuildID([]byte("MZ not an ELF file Go\x00\x00")) != "" {
		t.Error("a build ID from a file that is not ELF")
	}
}
