package main

import (
	"os"
	"os/exec"
	goruntime "runtime"
	"strconv"
	"syscall"
	"unsafe"
)

// Where the processes run. In AWS a function's DynamoDB and its runtime
// API do not share its CPU; here DynamoDB Local (a JVM), the SES server
// and this harness would, so a function that works while it waits for
// DynamoDB (the pages' head start, pages.PrewarmSurvey) would slow the
// server that answers it, which AWS's does not. With two cores or more,
// this process and everything it starts (the local stand-ins) run on all
// but the last core, and each measured bootstrap, the floors too, on the
// last one alone.

// cpuMask is a sched_setaffinity mask of up to 1,024 CPUs.
type cpuMask [16]uint64

func maskOf(cpus ...int) *cpuMask {
	var m cpuMask
	for _, c := range cpus {
		m[c/64] |= 1 << (c % 64)
	}
	return &m
}

func setAffinity(tid int, m *cpuMask) error {
	_, _, errno := syscall.RawSyscall(syscall.SYS_SCHED_SETAFFINITY, uintptr(tid), unsafe.Sizeof(*m), uintptr(unsafe.Pointer(m)))
	if errno != 0 {
		return errno
	}
	return nil
}

// functionCore is the core of the measured bootstraps (-1: no pinning).
var functionCore = -1

// pinHarness moves every thread of this process to all cores but the
// last (threads made later inherit it, and so do the processes started
// later: DynamoDB Local, the SES server); it reports whether it did.
func pinHarness() bool {
	n := goruntime.NumCPU()
	if n < 2 {
		return false
	}
	rest := make([]int, n-1)
	for i := range rest {
		rest[i] = i
	}
	m := maskOf(rest...)
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return false
	}
	for _, t := range tasks {
		tid, err := strconv.Atoi(t.Name())
		if err != nil || setAffinity(tid, m) != nil {
			return false
		}
	}
	functionCore = n - 1
	return true
}

// startPinned starts cmd on the functions' core: it is forked from a
// thread of its own whose mask is that core (the thread ends with the
// goroutine, as it stays locked).
func startPinned(cmd *exec.Cmd) error {
	if functionCore < 0 {
		return cmd.Start()
	}
	done := make(chan error)
	go func() {
		goruntime.LockOSThread()
		if err := setAffinity(0, maskOf(functionCore)); err != nil {
			done <- err
			return
		}
		done <- cmd.Start()
	}()
	return <-done
}
