package web

import (
	"io"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// Prewarm does the work a cold start's first page would otherwise do on
// its critical path: it parses the page templates, escapes the entry
// templates (html/template rewrites a template for its contexts at its
// first execution), reads the German catalogue (the default and every
// page's fallback), builds the language matcher, fingerprints the
// stylesheets and makes a compressor of each kind. The functions' builders run it in a goroutine
// (pages.PrewarmSurvey, PrewarmMeeting), so that it overlaps the
// runtime's wait for the first request and that request's first
// DynamoDB call. Everything it touches is made once, behind a lock or a
// sync.Once, so a request that comes first only takes over.
func Prewarm(entries ...string) {
	t := pages.tmpl()
	for _, name := range entries {
		// Nil data stops the execution early; escaping comes before it.
		_ = t.ExecuteTemplate(io.Discard, name, nil)
	}
	i18n.Load(i18n.Default)
	i18n.Negotiate("", "de-DE,de;q=0.9,en;q=0.8")
	stylesheets()
	// A compressor for the pages rendered once (Spliced) and one for the
	// others (httpapi's pool).
	if s, ok := NewSpliced(prewarmBody, "|"); ok {
		s.Gzip("-")
	}
	httpapi.PrewarmGzip(prewarmBody)
}

// prewarmBody is something to compress once.
var prewarmBody = strings.Repeat("<p class=\"kern-body\">Prewarm</p>\n", 64) + "|" + strings.Repeat("<p>…</p>\n", 64)
