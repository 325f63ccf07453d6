package app

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestTuneGC: the pace and a soft limit from Lambda's memory size; an
// operator's GOGC or GOMEMLIMIT wins.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	t.Setenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tuneGC()
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("GOGC %d, want %d", got, gcPercent)
	}
	mb := 256.0
	if got, want := debug.SetMemoryLimit(-1), int64(mb*memoryShare*(1<<20)); got != want {
		t.Errorf("memory limit %d", got)
	}
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "100MiB")
	tuneGC()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC set by the environment overridden: %d", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("GOMEMLIMIT set by the environment overridden: %d", got)
	}
}
