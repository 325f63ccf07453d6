// Package web renders the pages people open from the links in our mails:
// server-rendered html/template, no JavaScript, KERN UX CSS (embedded,
// fingerprinted), every word from the catalogue in the reader's language,
// right to left for Arabic and Farsi, the security headers of PAGES.md on
// every page. Page handlers (shared/web/pages) are as thin as the JSON
// ones: decode the form into the request types the JSON API uses, call the
// same service, render.
package web

import (
	"bytes"
	"context"
	"embed"
	"encoding/base64"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/web/assets"
	_ "github.com/integration-offices/netzwerk-backend/shared/web/tplmethods" // the templates' methods
	template "github.com/integration-offices/netzwerk-backend/third_party/htmltemplate"
)

// Request and Response are API Gateway's payload 2.0 types.
type (
	Request  = events.APIGatewayV2HTTPRequest
	Response = events.APIGatewayV2HTTPResponse
)

//go:embed templates/*.html
var templateFS embed.FS

// CSP is the Content-Security-Policy of every page: no script at all, no
// inline style, forms only to ourselves.
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// HSTS is the Strict-Transport-Security of every page and console
// response: HTTPS only, for a year, subdomains included.
const HSTS = "max-age=31536000; includeSubDomains"

// Headers are the headers every page carries; token pages add no-store.
func headers(lang string, private bool) map[string]string {
	h := map[string]string{
		"content-type":            "text/html; charset=utf-8",
		"content-language":        lang,
		"content-security-policy": CSP,
		"referrer-policy":         "no-referrer",
		"x-content-type-options":  "nosniff",
		"x-frame-options":         "DENY",
		"cache-control":           "no-cache",
	}
	h["strict-transport-security"] = HSTS
	if private {
		h["cache-control"] = "no-store"
	}
	return h
}

// Layout is what every page shows around its content.
type Layout struct {
	Lang, Dir string
	Title     string // of the page, in Lang
	Office    string // the office's id, in the header beside its title
	// OfficeName is the office's name from its profile (the header shows
	// it instead of the id); Links its legal pages, in the footer.
	OfficeName  string
	Links       *office.Links
	Stylesheets []string
	Languages   []LangLink
	Errors      []FieldError // the error summary, when there are errors
	// Form is the id of the page's form, if it has one: the language
	// switch's entries are then submit buttons of that form (LangField),
	// so that switching keeps what was typed; else links.
	Form string
	// Private pages (token links) are never stored by caches.
	Private bool
}

// SetOffice shows office profile p in the header and links its legal
// pages in the footer (nothing without a profile).
func (l *Layout) SetOffice(p *office.Profile) {
	if p == nil {
		return
	}
	links := office.LinksOf(p, p.Office, "", l.Lang)
	l.Office, l.OfficeName, l.Links = p.Office, p.NameIn(l.Lang), &links
}

// Confirm is the confirm page's data (confirm.html): it asks before a
// step that cannot be undone, with a form that posts again with
// confirm=yes. A set's own page data may stand in for it with the same
// fields (the console's, with its navigation: a "nav" template).
type Confirm struct {
	Layout
	TitleKey, TextKey, YesKey string
	// Text is said instead of TextKey's when that is empty (a text that
	// names the thing).
	Text         string
	Action, Back string
	// Hidden fields the post carries again; Stamp is the form's key
	// (posted twice, it does its work once).
	Invitation, CSRF, Stamp string
}

// LangLink is one entry of the language switch.
type LangLink struct {
	Code, Name, URL string
	Current         bool
}

// FieldError is an error for the summary and beside its field: Field is
// the element id it links to.
type FieldError struct {
	Field, Message string
}

// NewLayout starts a page in lang at path (query kept for the language
// switch: the invitation stays when the language changes).
func NewLayout(lang, title, office, path string, query url.Values) Layout {
	l := Layout{Lang: lang, Dir: i18n.Dir(lang), Title: title, Office: office, Stylesheets: Stylesheets()}
	for _, code := range i18n.Supported {
		q := url.Values{}
		for k, v := range query {
			if k != "lang" {
				q[k] = v
			}
		}
		q.Set("lang", code)
		l.Languages = append(l.Languages, LangLink{Code: code, Name: i18n.Name(code),
			URL: path + "?" + q.Encode(), Current: code == lang})
	}
	return l
}

// Set is a set of page templates: the layout's and those of an embedded
// file system, parsed at their first use.
type Set struct {
	// page returns the templates that render page name.
	page func(name string) (*template.Template, error)
}

// setFuncs are the template functions t and isolate, and more.
func setFuncs(more template.FuncMap) template.FuncMap {
	funcs := template.FuncMap{
		// t is the catalogue in the page's language.
		"t": func(lang, key string, args ...any) string { return i18n.T(lang, key, args...) },
		// isolate keeps a value (a version, a number) in its own direction
		// inside right-to-left text.
		"isolate": i18n.Isolate,
	}
	for k, f := range more {
		funcs[k] = f
	}
	return funcs
}

// common are the files every set has: the layout, its partials and the
// confirm page.
var common = []string{"templates/layout.html", "templates/confirm.html"}

// NewSet returns the templates of fsys that match pattern, with the
// layout and the template functions t and isolate, and more functions,
// parsed together at their first use. The public pages are a set of
// their own (pages); the console, in the admin function, is another, so
// that the public functions neither embed nor parse it.
func NewSet(fsys fs.FS, pattern string, more template.FuncMap) *Set {
	all := sync.OnceValue(func() *template.Template {
		t := template.Must(template.New("pages").Funcs(setFuncs(more)).ParseFS(templateFS, common...))
		return template.Must(t.ParseFS(fsys, pattern))
	})
	return &Set{page: func(string) (*template.Template, error) { return all(), nil }}
}

// pageSet is NewSet for the public pages, each parsed at its first use
// with the common files and only the files that define what they call
// (templateIndex.files): a cold start's first page parses a third of the
// templates. Every page of such a set is a file, and no template is
// defined twice (TestPagesDefineEachTemplateOnce).
func pageSet(fsys fs.FS, pattern string) *Set {
	index := sync.OnceValue(func() templateIndex { return indexTemplates(fsys, pattern) })
	var (
		mu     sync.Mutex
		parsed = map[string]*template.Template{}
	)
	return &Set{page: func(name string) (*template.Template, error) {
		mu.Lock()
		defer mu.Unlock()
		if t := parsed[name]; t != nil {
			return t, nil
		}
		files, err := index().files(name)
		if err != nil {
			return nil, err
		}
		t, err := template.New("pages").Funcs(setFuncs(nil)).ParseFS(fsys, files...)
		if err != nil {
			return nil, err
		}
		parsed[name] = t
		return t, nil
	}}
}

// templateIndex tells which file defines each template of a set (a
// page's own name included) and which templates each file calls.
type templateIndex struct {
	definedIn map[string]string
	calls     map[string][]string
}

// indexTemplates reads the files of fsys that match pattern.
func indexTemplates(fsys fs.FS, pattern string) templateIndex {
	ix := templateIndex{definedIn: map[string]string{}, calls: map[string][]string{}}
	files, _ := fs.Glob(fsys, pattern)
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			continue
		}
		ix.definedIn[path.Base(f)] = f
		for _, a := range actions(string(b)) {
			switch a.verb {
			case "define":
				ix.definedIn[a.name] = f
			case "block":
				ix.definedIn[a.name] = f
				ix.calls[f] = append(ix.calls[f], a.name)
			case "template":
				ix.calls[f] = append(ix.calls[f], a.name)
			}
		}
	}
	return ix
}

// files are the files that page name needs: the common ones, its own,
// and those that define what any of them calls.
func (ix templateIndex) files(name string) ([]string, error) {
	own, ok := ix.definedIn[name]
	if !ok || path.Base(own) != name {
		return nil, fmt.Errorf("html/template: no page %q", name)
	}
	files := append(append([]string(nil), common...), own)
	for i := 0; i < len(files); i++ {
		for _, called := range ix.calls[files[i]] {
			if f, ok := ix.definedIn[called]; ok && !slices.Contains(files, f) {
				files = append(files, f)
			}
		}
	}
	return files, nil
}

// action is a {{define}}, {{template}} or {{block}} of a template source.
type action struct{ verb, name string }

// actions finds the actions of src that name a template.
func actions(src string) []action {
	var out []action
	for {
		i := strings.Index(src, "{{")
		if i < 0 {
			return out
		}
		src = src[i+2:]
		a := strings.TrimLeft(strings.TrimPrefix(src, "-"), " \t\n")
		verb, rest, ok := strings.Cut(a, " ")
		if !ok || (verb != "define" && verb != "template" && verb != "block") {
			continue
		}
		rest = strings.TrimLeft(rest, " ")
		if !strings.HasPrefix(rest, `"`) {
			continue
		}
		if name, _, ok := strings.Cut(rest[1:], `"`); ok {
			out = append(out, action{verb, name})
		}
	}
}

var pages = pageSet(templateFS, "templates/*.html")

// Render executes the page template name with data (which embeds Layout)
// into an HTML response with status and the page headers.
func Render(status int, name string, lang string, private bool, data any) (Response, error) {
	return pages.Render(status, name, lang, private, data)
}

// Render executes the set's template name with data (see web.Render).
func (s *Set) Render(status int, name string, lang string, private bool, data any) (Response, error) {
	var b bytes.Buffer
	t, err := s.page(name)
	if err == nil {
		err = t.ExecuteTemplate(&b, name, data)
	}
	if err != nil {
		return Response{}, fmt.Errorf("render %s: %w", name, err)
	}
	return Response{StatusCode: status, Headers: headers(lang, private), Body: b.String()}, nil
}

// Defined reports whether name is one of the public pages.
func Defined(name string) bool { _, err := pages.page(name); return err == nil }

// Redirect answers 303 See Other to location (after a POST).
func Redirect(location, lang string, private bool) Response {
	h := headers(lang, private)
	delete(h, "content-type")
	h["location"] = location
	return Response{StatusCode: http.StatusSeeOther, Headers: h}
}

// Message renders a page that only says something: not found, closed,
// try again. Status is the HTTP status.
func Message(ctx context.Context, log *slog.Logger, status int, lang, titleKey, textKey string, args ...any) Response {
	resp, err := Render(status, "message.html", lang, false, struct {
		Layout
		Text string
	}{NewLayout(lang, i18n.T(lang, titleKey), "", "", nil), i18n.T(lang, textKey, args...)})
	if err != nil {
		log.ErrorContext(ctx, "render message page", "error", err)
		return Response{StatusCode: http.StatusInternalServerError, Headers: headers(lang, false), Body: "internal error"}
	}
	return resp
}

// Error renders the page of an error a page handler returns: the
// contract's statuses, the catalogue's message; internal errors are
// logged and say only that.
func Error(ctx context.Context, log *slog.Logger, lang string, err error) Response {
	e := apperr.As(err)
	if e == nil {
		log.ErrorContext(ctx, "internal error", "error", err)
		return Message(ctx, log, http.StatusInternalServerError, lang, "page.error_title", "internal")
	}
	log.InfoContext(ctx, "page request rejected", "code", string(e.Code), "reason", e.Key)
	status := map[apperr.Code]int{apperr.NotFound: 404, apperr.Closed: 409, apperr.Conflict: 409, apperr.TooLarge: 413,
		apperr.UnsupportedMediaType: 415, apperr.Forbidden: 403, apperr.RateLimited: 429, apperr.BadRequest: 400}[e.Code]
	if status == 0 {
		status = http.StatusBadRequest
	}
	title := "page.error_title"
	if e.Code == apperr.NotFound {
		title = "page.not_found_title"
	}
	resp := Message(ctx, log, status, lang, title, e.Key, e.Args...)
	if h := e.Header(); h != "" {
		resp.Headers["retry-after"] = h
	}
	return resp
}

// --- assets ---

// stylesheets are the fingerprinted paths of the CSS files, in order.
var stylesheets = sync.OnceValue(func() []string {
	kern, _ := assets.ByName("kern.min.css")
	site, _ := assets.ByName("site.css")
	return []string{kern.Path(), site.Path()}
})

// Stylesheets are the fingerprinted paths of the CSS files, in order.
func Stylesheets() []string { return stylesheets() }

// Asset serves /assets/{file}: fingerprinted names only, cached for a
// year (a new file has a new name); brotli or gzip as the client's
// Accept-Encoding allows, compressed at build time (shared/web/assets),
// never at the request.
func Asset(file, acceptEncoding string) (Response, bool) {
	a, ok := assets.All()[file]
	if !ok {
		return Response{}, false
	}
	resp := Response{StatusCode: http.StatusOK, Headers: map[string]string{
		"content-type": a.ContentType, "cache-control": assets.CacheControl,
		"x-content-type-options": "nosniff", "vary": "Accept-Encoding", "strict-transport-security": HSTS,
	}}
	switch {
	case a.Brotli != nil && httpapi.Accepts(acceptEncoding, "br"):
		resp.Body, resp.IsBase64Encoded = base64.StdEncoding.EncodeToString(a.Brotli), true
		resp.Headers["content-encoding"] = "br"
	case a.Gzip != nil && httpapi.AcceptsGzip(acceptEncoding):
		resp.Body, resp.IsBase64Encoded = base64.StdEncoding.EncodeToString(a.Gzip), true
		resp.Headers["content-encoding"] = "gzip"
	default:
		resp.Body = string(a.Body())
	}
	return resp, true
}
