//go:build unix

package main

import (
	"os"
	"syscall"
)

// faults is the page faults of a process that has ended (minor and
// major, getrusage).
func faults(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Minflt) + int64(ru.Majflt) // int32 on some platforms
	}
	return 0
}
