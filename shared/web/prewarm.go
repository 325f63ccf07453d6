package web

import (
	"io"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// Prewarm does the work a cold start's first page would otherwise do on
// its critical path: it parses the page templates, escapes the entry
// templates (html/template rewrites a template for its contexts at its
// first execution), reads the German catalogue (the default and every
// page's fallback), builds the language matcher and fingerprints the
// stylesheets. The functions' builders run it in a goroutine
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
}
