//go:build !linux

package main

import "errors"

// dropCached: -evict is for Linux (evict_linux.go).
func dropCached(string) error { return errors.New("-evict needs Linux") }
