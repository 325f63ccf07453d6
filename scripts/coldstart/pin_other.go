//go:build !linux

package main

import "os/exec"

// functionCore: no pinning off Linux (pin_linux.go).
var functionCore = -1

func pinHarness() bool { return false }

func startPinned(cmd *exec.Cmd) error { return cmd.Start() }
