package pages

import (
	"encoding/base64"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"sync"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// The public survey and meeting pages (no personal link, no errors) are
// the same for everyone in a language but for their form stamp: each is
// rendered once per version of what it shows, with a mark where the stamp
// goes, and compressed once (web.Spliced). A warm request then costs a
// stamp and a few microseconds, not a render and a compression. Pages
// through a personal link carry the person's own values and are rendered
// each time.

// stampMark stands for the stamp in a cached page: text that html/template
// keeps as it is and no page contains otherwise.
const stampMark = "form-stamp-mark-5d1c7a"

// maxCached bounds a cache (pages × languages); over it, it starts afresh.
const maxCached = 64

type cachedPage struct {
	version any // what the page shows: compared with ==
	status  int
	headers map[string]string
	page    *web.Spliced
}

type pageCache struct {
	mu      sync.Mutex
	entries map[string]*cachedPage
}

// page returns the cached page at key for version, rendering it (with
// the stamp mark) when the version changed; nil when it cannot be cached
// (no form on it).
func (c *pageCache) page(key string, version any, render func(stamp string) (httpapi.Response, error)) *cachedPage {
	c.mu.Lock()
	e := c.entries[key]
	c.mu.Unlock()
	if e != nil && e.version == version {
		return e
	}
	resp, err := render(stampMark)
	if err != nil || resp.IsBase64Encoded || resp.StatusCode != http.StatusOK {
		return nil
	}
	page, ok := web.NewSpliced(resp.Body, stampMark)
	if !ok {
		return nil
	}
	e = &cachedPage{version: version, status: resp.StatusCode, headers: resp.Headers, page: page}
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= maxCached {
		c.entries = map[string]*cachedPage{}
	}
	c.entries[key] = e
	c.mu.Unlock()
	return e
}

// form returns the cached public page of survey f in lang: a new version
// when the definition or the office profile was read anew.
func (c *pageCache) form(h *surveyPages, f *survey.Form, id, lang string) *cachedPage {
	type version struct {
		def    *survey.Definition
		office any
	}
	return c.page(id+"\x00"+lang, version{f.Def, f.Office}, func(stamp string) (httpapi.Response, error) {
		return h.render(http.StatusOK, f, id, "", web.NewForm(lang, nil), stamp, 0)
	})
}

// meetingVersion is what a meeting's public page shows: every field of
// its public view (its JSON, and the fields the JSON leaves out; a test
// keeps the list complete) and the office's profile as read.
type meetingVersion struct {
	view    string
	profile *office.Profile
}

func versionOf(p *meeting.Public) (meetingVersion, bool) {
	b, err := json.Marshal(p)
	if err != nil {
		return meetingVersion{}, false
	}
	return meetingVersion{view: string(b) + "\x00" + p.TitleLang + "\x00" + p.DescriptionLang + "\x00" + p.Office, profile: p.Profile}, true
}

// meeting returns the cached public page of meeting p in lang: a new
// version whenever anything the page shows changed (a seat taken, the
// status, the meeting or the office changed).
func (c *pageCache) meeting(h *meetingPages, p *meeting.Public, id, lang string) *cachedPage {
	v, ok := versionOf(p)
	if !ok {
		return nil
	}
	return c.page(id+"\x00"+lang, v, func(stamp string) (httpapi.Response, error) {
		return h.render(http.StatusOK, p, id, "", web.NewForm(lang, url.Values{"language": {lang}}), stamp)
	})
}

// respond is the cached page with a new stamp: gzip when the client
// takes it (already compressed: the router leaves it as it is).
func (e *cachedPage) respond(req *httpapi.Request, stamp string) httpapi.Response {
	resp := httpapi.Response{StatusCode: e.status, Headers: maps.Clone(e.headers)}
	resp.Headers["vary"] = "Accept-Encoding"
	if httpapi.AcceptsGzip(req.Headers["accept-encoding"]) {
		resp.Body, resp.IsBase64Encoded = base64.StdEncoding.EncodeToString(e.page.Gzip(stamp)), true
		resp.Headers["content-encoding"] = "gzip"
		return resp
	}
	resp.Body = e.page.Body(stamp)
	return resp
}
