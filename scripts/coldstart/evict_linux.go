package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// dropCached drops the file's pages from the page cache (-evict), so that
// its next start reads it from the disk, as the first start in a fresh
// microVM does: Lambda's bootstrap is not in the page cache of a new
// execution environment. A bootstrap started again and again here is,
// and how the pages got there matters (written by the linker, by a copy,
// or read back from the disk: up to 7 % apart for the same bytes).
func dropCached(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
}
