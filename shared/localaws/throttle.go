package localaws

import (
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
)

// ThrottlingSES stands in front of the local SES server and refuses sends
// the way SES does when a sender goes over its rate (HTTP 429,
// TooManyRequestsException): every Every-th of the first EveryUntil sends
// (0: of all), and from every RunEvery-th send a run of RunLength
// refusals in a row (0: no runs).
// Everything else passes through to the server. It is the fault injector
// of the mail-wave tests and of `SES_THROTTLE=… make dev`.
type ThrottlingSES struct {
	Every, EveryUntil   int64
	RunEvery, RunLength int64

	calls, refused atomic.Int64
	proxy          *httputil.ReverseProxy
}

// NewThrottlingSES proxies to the SES server at target.
func NewThrottlingSES(target string) (*ThrottlingSES, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	return &ThrottlingSES{proxy: httputil.NewSingleHostReverseProxy(u)}, nil
}

// Counts are the sends seen and refused so far.
func (s *ThrottlingSES) Counts() (sends, refused int64) { return s.calls.Load(), s.refused.Load() }

func (s *ThrottlingSES) refuse(n int64) bool {
	if s.Every > 0 && n%s.Every == 0 && (s.EveryUntil == 0 || n <= s.EveryUntil) {
		return true
	}
	return s.RunEvery > 0 && n >= s.RunEvery && n%s.RunEvery < s.RunLength
}

// ServeHTTP refuses or passes on one request.
func (s *ThrottlingSES) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && strings.Contains(r.URL.Path, "outbound-emails") {
		if n := s.calls.Add(1); s.refuse(n) {
			s.refused.Add(1)
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("X-Amzn-ErrorType", "TooManyRequestsException")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = io.WriteString(w, `{"__type":"TooManyRequestsException","message":"Maximum sending rate exceeded."}`)
			return
		}
	}
	s.proxy.ServeHTTP(w, r)
}
