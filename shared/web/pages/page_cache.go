package pages

import (
	"encoding/base64"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
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
// each time in a warm function; a cold one may answer from a copy kept in
// the table (page_copy.go).

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
	steps   map[string]*stepPage
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

// carryMark stands for a page's hidden fields in a cached page of a
// survey with sections (step).
const carryMark = "form-carry-mark-9e4b21"

// checkMark stands for the answers on the check page (checkHTML) in a
// cached page of a survey with sections; on the other pages it is empty.
const checkMark = "form-check-mark-3a7f60"

// stepPage is a page of a survey with sections as every public visitor
// first sees it (no value of its own, no error; on the check page no
// consent yet), split where the stamp, the other pages' values and the
// check page's answers go.
type stepPage struct {
	version              any
	pre, mid, mid2, post string
	headers              map[string]string
}

// maxSteps bounds the cache of pages of surveys with sections (pages ×
// languages × their place among the pages shown).
const maxSteps = 256

// step answers with page v of survey f (a survey with sections, the
// public link, no value of the page's own and no error), rendered once
// per version and place (fill adds its controls then), its stamp and hidden fields filled in: a page
// left forward costs no render, nor does the check page. The router compresses it as any page.
func (c *pageCache) step(f *survey.Form, id string, v surveyView, fill func(*surveyView)) (httpapi.Response, error) {
	type version struct {
		def    *survey.Definition
		office any
	}
	// Which of the page's questions are asked depends on the answers of
	// earlier pages (a showIf): part of the key, as the place is.
	key := id + "\x00" + v.Lang + "\x00" + v.Step + "\x00" + v.Progress
	if v.First {
		key += "\x00first"
	}
	for _, qi := range v.onPage { // the questions asked on it (their controls come later, in fill)
		key += "\x00" + strconv.Itoa(qi)
	}
	ver := version{f.Def, f.Office}
	c.mu.Lock()
	e := c.steps[key]
	c.mu.Unlock()
	if e == nil || e.version != ver {
		fill(&v)
		stamp, carry, check := v.Stamp, v.Carry, v.Check
		v.Stamp, v.Carry, v.Check = stampMark, carryMark, checkMark
		resp, err := web.Render(http.StatusOK, "survey.html", v.Lang, false, v)
		v.Stamp, v.Carry, v.Check = stamp, carry, check
		if err != nil {
			return httpapi.Response{}, err
		}
		pre, rest, ok1 := strings.Cut(resp.Body, stampMark)
		mid, rest, ok2 := strings.Cut(rest, carryMark)
		mid2, post, ok3 := strings.Cut(rest, checkMark)
		if !ok1 || !ok2 || !ok3 || strings.Contains(post, stampMark) || strings.Contains(post, carryMark) || strings.Contains(post, checkMark) {
			return web.Render(http.StatusOK, "survey.html", v.Lang, false, v)
		}
		e = &stepPage{version: ver, pre: pre, mid: mid, mid2: mid2, post: post, headers: resp.Headers}
		c.mu.Lock()
		if c.steps == nil || len(c.steps) >= maxSteps {
			c.steps = map[string]*stepPage{}
		}
		c.steps[key] = e
		c.mu.Unlock()
	}
	return httpapi.Response{StatusCode: http.StatusOK, Headers: maps.Clone(e.headers), Body: e.pre + v.Stamp + e.mid + string(v.Carry) + e.mid2 + string(v.Check) + e.post}, nil
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
	v := string(b) + "\x00" + p.TitleLang + "\x00" + p.DescriptionLang + "\x00" + p.Office
	for _, t := range p.Topics { // a topic's fallback language is not in the JSON
		v += "\x00" + t.Lang
	}
	return meetingVersion{view: v, profile: p.Profile}, true
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

// respond is the cached page with its values (a new stamp; a personal
// link's values): gzip when the client takes it (already compressed: the
// router leaves it as it is).
func (e *cachedPage) respond(req *httpapi.Request, vs ...string) httpapi.Response {
	resp := httpapi.Response{StatusCode: e.status, Headers: maps.Clone(e.headers)}
	resp.Headers["vary"] = "Accept-Encoding"
	if httpapi.AcceptsGzip(req.Headers["accept-encoding"]) {
		resp.Body, resp.IsBase64Encoded = base64.StdEncoding.EncodeToString(e.page.Gzip(vs...)), true
		resp.Headers["content-encoding"] = "gzip"
		return resp
	}
	resp.Body = e.page.Body(vs...)
	return resp
}
