// Package dirpages serves the directory function's routes: the public
// directory of an office's organisations as pages (/d/…) and as JSON for
// the office's own website (/directory/…), and an organisation's check of
// its entry through its personal link (/e/{token}). Its templates are a
// set of their own, so that the survey and meeting functions neither
// embed nor parse them.
package dirpages

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/directory"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

//go:embed templates/*.html
var templateFS embed.FS

var set = web.NewSet(templateFS, "templates/*.html", nil)

// PageSize is how many entries one page of the directory shows.
const PageSize = 50

// Router serves the directory function's routes.
func Router(log *slog.Logger, svc *directory.Service, tokens *linktoken.Minter) *httpapi.Router {
	h := &handlers{svc: svc, tokens: tokens}
	return httpapi.NewRouter(log).Serves(routes.Directory, map[string]httpapi.HandlerFunc{
		"GET /d/{officeId}":         page(log, h.list),
		"GET /d/{officeId}/{orgId}": page(log, h.profile),
		"GET /directory/{officeId}": h.json,
		"GET /e/{token}":            page(log, h.entry),
		"POST /e/{token}":           page(log, h.save),
	})
}

// page turns a page handler's error into an error page.
func page(log *slog.Logger, fn httpapi.HandlerFunc) httpapi.HandlerFunc {
	return func(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
		resp, err := fn(ctx, req, lang)
		if err != nil {
			return web.Error(ctx, log, lang, err), nil
		}
		return resp, nil
	}
}

type handlers struct {
	svc    *directory.Service
	tokens *linktoken.Minter
}

// Path is the path of an office's directory.
func Path(officeID string) string { return "/d/" + officeID }

// EntryPath is the path of a check-your-entry link.
func EntryPath(token string) string { return "/e/" + url.PathEscape(token) }

// label is a code's label as a page shows it, with its language when not
// the page's and, where it leads somewhere, a link.
type label struct {
	Label, Lang, URL string
	// Other: the link's text (a profile's "who offers this?").
	Other string
}

func labels(kind string, codes []string, lang string, link func(code string) string) []label {
	out := make([]label, 0, len(codes))
	for _, c := range codes {
		l, ll := directory.Label(kind, c, lang)
		v := label{Label: l, Lang: ll}
		if link != nil {
			v.URL = link(c)
		}
		out = append(out, v)
	}
	return out
}

type entryView struct {
	Name, Municipality, Website, PublicContact, URL string
	OffersText, SeeksText                           string
	Fields, Languages, Offers, Seeks                []label
}

// filterOf reads the filter of a directory request.
func filterOf(req *httpapi.Request) directory.Filter {
	q := func(n string) string {
		v := strings.TrimSpace(httpapi.Query(req, n))
		if len(v) > 200 {
			v = v[:200]
		}
		return v
	}
	return directory.Filter{Q: q("q"), Field: q("field"), Municipality: q("municipality"), Language: q("language"), Offer: q("offer"), Seek: q("seek")}
}

// filterQuery is a filter as a query (with lang).
func filterQuery(f directory.Filter, lang string) url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"q": f.Q, "field": f.Field, "municipality": f.Municipality, "language": f.Language, "offer": f.Offer, "seek": f.Seek} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if lang != "" {
		q.Set("lang", lang)
	}
	return q
}

type listView struct {
	web.Layout
	Heading, Action, Reset, Count string
	Filtered                      bool
	Inputs                        []web.Input
	Entries                       []entryView
	Pager, Prev, Next             string
}

func (h *handlers) list(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id := req.PathParameters["officeId"]
	p, all, err := h.svc.List(ctx, id)
	if err != nil {
		return httpapi.Response{}, err
	}
	f := filterOf(req)
	path := Path(id)
	var shown []org.Entry
	for i := range all {
		if f.Match(&all[i]) {
			shown = append(shown, all[i])
		}
	}
	pages := max((len(shown)+PageSize-1)/PageSize, 1)
	n, _ := strconv.Atoi(httpapi.Query(req, "page"))
	n = min(max(n, 1), pages)
	query := filterQuery(f, "")
	if n > 1 {
		query.Set("page", strconv.Itoa(n))
	}
	l := web.NewLayout(lang, i18n.T(lang, "dir.title"), id, path, query)
	l.SetOffice(p)
	v := listView{Layout: l, Heading: i18n.T(lang, "dir.title"), Action: path, Reset: path + "?lang=" + lang,
		Filtered: f != directory.Filter{}, Count: i18n.Count(lang, "dir.count", len(shown))}
	v.Inputs = filterInputs(f, all, lang)
	at := func(page int) string {
		q := filterQuery(f, lang)
		q.Set("page", strconv.Itoa(page))
		return path + "?" + q.Encode()
	}
	if pages > 1 {
		v.Pager = i18n.T(lang, "dir.page", n, pages)
		if n > 1 {
			v.Prev = at(n - 1)
		}
		if n < pages {
			v.Next = at(n + 1)
		}
	}
	for _, e := range shown[min((n-1)*PageSize, len(shown)):min(n*PageSize, len(shown))] {
		v.Entries = append(v.Entries, h.view(e, path, lang))
	}
	return set.Render(http.StatusOK, "directory.html", lang, false, v)
}

// view is an entry as the list shows it: offers and seeks link to the
// list filtered by them.
func (h *handlers) view(e org.Entry, path, lang string) entryView {
	filtered := func(name string) func(string) string {
		return func(code string) string { return path + "?" + url.Values{name: {code}, "lang": {lang}}.Encode() }
	}
	return entryView{Name: e.Name, Municipality: e.Municipality, Website: e.Website, PublicContact: e.PublicContact,
		URL: path + "/" + e.ID + "?lang=" + lang, OffersText: e.OffersText, SeeksText: e.SeeksText,
		Fields: labels(directory.KindField, e.Fields, lang, filtered("field")), Languages: labels(directory.KindLanguage, e.Languages, lang, nil),
		Offers: labels(directory.KindOffer, e.Offers, lang, filtered("offer")), Seeks: labels(directory.KindOffer, e.Seeks, lang, filtered("seek"))}
}

// filterInputs are the filter form's controls: a name search and a select
// each of the fields, places, languages, offers and seeks that occur.
func filterInputs(f directory.Filter, all []org.Entry, lang string) []web.Input {
	form := web.NewForm(lang, filterQuery(f, ""))
	used := map[string]map[string]bool{"field": {}, "municipality": {}, "language": {}, "offer": {}, "seek": {}}
	for _, e := range all {
		for _, c := range e.Fields {
			used["field"][c] = true
		}
		for _, c := range e.Languages {
			used["language"][c] = true
		}
		for _, c := range e.Offers {
			used["offer"][c] = true
		}
		for _, c := range e.Seeks {
			used["seek"][c] = true
		}
		if e.Municipality != "" {
			used["municipality"][e.Municipality] = true
		}
	}
	options := func(name, kind string) []web.Option {
		var codes []string
		for c := range used[name] {
			codes = append(codes, c)
		}
		if v := form.Get(name); v != "" && !used[name][v] {
			codes = append(codes, v) // what was asked for stays selected
		}
		out := make([]web.Option, 0, len(codes))
		for _, c := range codes {
			l, ll := c, ""
			if kind != "" {
				l, ll = directory.Label(kind, c, lang)
			}
			out = append(out, web.Option{Code: c, Label: l, Lang: ll})
		}
		slices.SortFunc(out, func(a, b web.Option) int { return strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)) })
		return out
	}
	any := i18n.T(lang, "dir.any")
	return []web.Input{
		form.Input(web.Input{Name: "q", Type: "search", Label: i18n.T(lang, "dir.q"), Dir: "auto", MaxLength: 200, Autocomplete: "off"}),
		form.Input(web.Input{Name: "field", Label: i18n.T(lang, "dir.field"), Options: options("field", directory.KindField), Choose: any}),
		form.Input(web.Input{Name: "municipality", Label: i18n.T(lang, "dir.municipality"), Options: options("municipality", ""), Choose: any}),
		form.Input(web.Input{Name: "language", Label: i18n.T(lang, "dir.language"), Options: options("language", directory.KindLanguage), Choose: any}),
		form.Input(web.Input{Name: "offer", Label: i18n.T(lang, "dir.offer"), Options: options("offer", directory.KindOffer), Choose: any}),
		form.Input(web.Input{Name: "seek", Label: i18n.T(lang, "dir.seek"), Options: options("seek", directory.KindOffer), Choose: any}),
	}
}

type profileView struct {
	web.Layout
	Back  string
	Entry entryView
}

func (h *handlers) profile(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id, orgID := req.PathParameters["officeId"], req.PathParameters["orgId"]
	p, e, err := h.svc.Entry(ctx, id, orgID)
	if err != nil {
		return httpapi.Response{}, err
	}
	path := Path(id)
	l := web.NewLayout(lang, e.Name, id, path+"/"+orgID, nil)
	l.SetOffice(p)
	v := h.view(*e, path, lang)
	// So that organisations find each other: beside each offer, who seeks
	// it; beside each seek, who offers it.
	for i, c := range e.Offers {
		v.Offers[i].URL = path + "?" + url.Values{"seek": {c}, "lang": {lang}}.Encode()
		v.Offers[i].Other = i18n.T(lang, "dir.who_seeks", v.Offers[i].Label)
	}
	for i, c := range e.Seeks {
		v.Seeks[i].URL = path + "?" + url.Values{"offer": {c}, "lang": {lang}}.Encode()
		v.Seeks[i].Other = i18n.T(lang, "dir.who_offers", v.Seeks[i].Label)
	}
	return set.Render(http.StatusOK, "profile.html", lang, false, profileView{Layout: l, Back: path + "?lang=" + lang, Entry: v})
}

// Document is the directory as JSON (GET /directory/{officeId}): the
// office, its published entries and the labels of the codes they use in
// the requested language.
type Document struct {
	Office        string                       `json:"office"`
	Name          string                       `json:"name"`
	Language      string                       `json:"language"`
	URL           string                       `json:"url"`
	Organisations []org.Entry                  `json:"organisations"`
	Labels        map[string]map[string]string `json:"labels"`
}

// CacheControl lets browsers and caches keep the JSON but ask again each
// time (If-None-Match → 304): an organisation that withdraws its consent
// is gone on the next load of the office's website too.
const CacheControl = "public, no-cache"

func (h *handlers) json(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id := req.PathParameters["officeId"]
	p, all, err := h.svc.List(ctx, id)
	if err != nil {
		return httpapi.Response{}, err
	}
	f := filterOf(req)
	doc := Document{Office: id, Name: p.NameIn(lang), Language: lang, URL: Path(id), Organisations: []org.Entry{},
		Labels: map[string]map[string]string{"fields": {}, "languages": {}, "offers": {}}}
	for _, e := range all {
		if !f.Match(&e) {
			continue
		}
		doc.Organisations = append(doc.Organisations, e)
		for _, g := range []struct {
			name, kind string
			codes      []string
		}{{"fields", directory.KindField, e.Fields}, {"languages", directory.KindLanguage, e.Languages},
			{"offers", directory.KindOffer, e.Offers}, {"offers", directory.KindOffer, e.Seeks}} {
			for _, c := range g.codes {
				doc.Labels[g.name][c], _ = directory.Label(g.kind, c, lang)
			}
		}
	}
	body, err := json.Marshal(doc)
	if err != nil {
		return httpapi.Response{}, err
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	resp := httpapi.Raw(http.StatusOK, body, lang)
	resp.Headers["cache-control"] = CacheControl
	resp.Headers["etag"] = etag
	resp.Headers["vary"] = "Origin, Accept-Language"
	if o := header(req, "origin"); o != "" && allowed(p, o) {
		resp.Headers["access-control-allow-origin"] = o
	}
	if inm := header(req, "if-none-match"); inm != "" && slices.Contains(strings.Split(strings.ReplaceAll(inm, " ", ""), ","), etag) {
		resp.StatusCode, resp.Body = http.StatusNotModified, ""
		delete(resp.Headers, "content-type")
	}
	return resp, nil
}

// allowed reports whether origin is one of the office's websites (its
// profile's origins).
func allowed(p *office.Profile, origin string) bool {
	for _, o := range p.Origins {
		if strings.EqualFold(strings.TrimSuffix(o, "/"), origin) {
			return true
		}
	}
	return false
}

func header(req *httpapi.Request, name string) string {
	for k, v := range req.Headers {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}
