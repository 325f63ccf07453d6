package web

import (
	"io"
	"runtime"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// Prewarm does the work a cold start's first page would otherwise do on
// its critical path: it parses the entries' templates (each page its
// own, pageSet) and escapes them (html/template rewrites a template for
// its contexts at its first execution), reads the German catalogue (the
// default and every page's fallback), builds the language matcher,
// fingerprints the stylesheets and makes the pages' compressor (with
// copies, the copies' too). The functions' builders run it in a goroutine
// (pages.PrewarmSurvey, PrewarmMeeting), so that it overlaps the
// runtime's wait for the first request and that request's first
// DynamoDB call. Everything it touches is made once, behind a lock or a
// sync.Once, so a request that comes first only takes over.
//
// What the first page needs comes first (its templates, the catalogue,
// the stylesheets' names, the compressors), the other entries
// last, each after a runtime.Gosched: the request, whose DynamoDB answer
// may have come meanwhile, takes over what is made and does not wait for
// the rest.
func Prewarm(copies bool, entries ...string) {
	escape := func(name string) {
		// Nil data stops the execution early; escaping comes before it.
		if t, err := pages.page(name); err == nil {
			_ = t.ExecuteTemplate(io.Discard, name, nil)
		}
	}
	if len(entries) > 0 {
		escape(entries[0])
	}
	i18n.Load(i18n.Default)
	i18n.Negotiate("", "de-DE,de;q=0.9,en;q=0.8")
	stylesheets()
	// A compressor for the pages rendered once (Spliced) and one for the
	// others (httpapi's pool).
	if copies {
		if s, ok := NewSpliced(prewarmBody, "|"); ok {
			s.Gzip("-")
		}
	}
	httpapi.PrewarmGzip(prewarmBody)
	for _, name := range entries[min(1, len(entries)):] {
		runtime.Gosched()
		escape(name)
	}
}

// prewarmBody is something to compress once.
var prewarmBody = strings.Repeat("<p class=\"kern-body\">Prewarm</p>\n", 64) + "|" + strings.Repeat("<p>…</p>\n", 64)
