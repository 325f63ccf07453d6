package pages

import (
	"encoding/base64"
	"maps"
	"net/http"
	"net/url"
	"sync"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// The survey's public page (no personal link, no errors) is the same for
// everyone in a language but for its form stamp: it is rendered once per
// definition, office profile and language, with a mark where the stamp
// goes, and compressed once (web.Spliced). A warm request then costs a
// stamp and a few microseconds, not a render of every question and its
// compression. Pages through a personal link carry the organisation's
// own values and are rendered each time.

// stampMark stands for the stamp in a cached page: text that html/template
// keeps as it is and no page contains otherwise.
const stampMark = "form-stamp-mark-5d1c7a"

// maxCached bounds the cache (surveys × languages); over it, it starts afresh.
const maxCached = 64

type cachedForm struct {
	def     *survey.Definition
	office  *office.Profile
	status  int
	headers map[string]string
	page    *web.Spliced
}

type formCache struct {
	mu      sync.Mutex
	entries map[string]*cachedForm // id + "\x00" + lang
}

// form returns the cached public page of f in lang, rendering it when the
// definition or the office profile changed; nil when it cannot be cached.
func (c *formCache) form(h *surveyPages, f *survey.Form, id, lang string) *cachedForm {
	key := id + "\x00" + lang
	c.mu.Lock()
	e := c.entries[key]
	c.mu.Unlock()
	if e != nil && e.def == f.Def && e.office == f.Office {
		return e
	}
	resp, err := h.render(http.StatusOK, f, id, "", lang, url.Values{}, nil, stampMark)
	if err != nil || resp.IsBase64Encoded {
		return nil
	}
	page, ok := web.NewSpliced(resp.Body, stampMark)
	if !ok {
		return nil
	}
	e = &cachedForm{def: f.Def, office: f.Office, status: resp.StatusCode, headers: resp.Headers, page: page}
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= maxCached {
		c.entries = map[string]*cachedForm{}
	}
	c.entries[key] = e
	c.mu.Unlock()
	return e
}

// respond is the cached page with a new stamp: gzip when the client
// takes it (already compressed: the router leaves it as it is).
func (e *cachedForm) respond(req *httpapi.Request, stamp string) httpapi.Response {
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
