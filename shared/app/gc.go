package app

import (
	"os"
	"runtime/debug"
	"strconv"
)

// gcPercent is the collector's pace in a function: a heap may grow to
// five times what is live before a cycle. With Go's default (100) the
// first cycle comes at 4 MB, and a cold start's first page allocates
// about 6 MB (the templates, the catalogue, the definition, the render):
// the collector ran once or twice inside it, a fifth of its CPU. At 400
// it first runs at 16 MB, after the first request.
const gcPercent = 400

// memoryShare is the part of the function's memory the Go heap may take
// before the collector runs whatever the pace says (a soft limit), so a
// larger live heap (an export in the admin function) stays well inside
// Lambda's limit.
const memoryShare = 0.6

// tuneGC sets the pace and the soft limit at start, unless the function's
// environment sets GOGC or GOMEMLIMIT itself.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if mb, err := strconv.Atoi(os.Getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")); err == nil && mb > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(float64(mb) * memoryShare * (1 << 20)))
	}
}
