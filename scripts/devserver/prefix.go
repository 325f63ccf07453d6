package main

import (
	"bytes"
	"io"
	"sync"
)

// prefixWriter marks the stand-ins' output lines so they are told apart
// from the API's JSON logs.
type prefixWriter struct {
	mu  sync.Mutex
	w   io.Writer
	buf []byte
}

func newPrefixWriter(w io.Writer) *prefixWriter { return &prefixWriter{w: w} }

func (p *prefixWriter) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.buf = append(p.buf, b...)
	for {
		i := bytes.IndexByte(p.buf, '\n')
		if i < 0 {
			break
		}
		if _, err := p.w.Write(append([]byte("[local-aws] "), p.buf[:i+1]...)); err != nil {
			return 0, err
		}
		p.buf = p.buf[i+1:]
	}
	return len(b), nil
}
