package dirpages

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"github.com/integration-offices/netzwerk-backend/shared/directory"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// entryFields are the check form's fields in their order on the page.
var entryFields = []string{"name", "municipality", "website", "publicContact", "fields", "languages", "offers", "offersText", "seeks", "seeksText", "publish"}

type noticeLink struct{ URL, Label string }

type checkView struct {
	web.Layout
	Action, Stamp, Saved, Directory string
	Inputs                          []web.Input
	Publish                         web.Input
	Notice                          *noticeLink
}

// valuesOf are a correction as the form's values.
func valuesOf(c directory.Correction) url.Values {
	v := url.Values{"name": {c.Name}, "municipality": {c.Municipality}, "website": {c.Website}, "publicContact": {c.PublicContact},
		"offersText": {c.OffersText}, "seeksText": {c.SeeksText}, "fields": c.Fields, "languages": c.Languages, "offers": c.Offers, "seeks": c.Seeks}
	if c.Publish {
		v.Set("publish", "true")
	}
	return v
}

// correctionOf reads a posted form.
func correctionOf(f *web.Form) directory.Correction {
	return directory.Correction{Name: f.Text("name"), Municipality: f.Text("municipality"), Website: f.Text("website"),
		PublicContact: f.Text("publicContact"), OffersText: f.Multiline("offersText"), SeeksText: f.Multiline("seeksText"),
		Fields: f.Values["fields"], Languages: f.Values["languages"], Offers: f.Values["offers"], Seeks: f.Values["seeks"], Publish: f.Bool("publish")}
}

// choices are the options of a group of codes: the known ones and those
// the record (or the post) has.
func choices(kind string, have []string, lang string) []web.Option {
	codes := directory.Codes(kind, lang)
	for _, c := range have {
		if !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	out := make([]web.Option, 0, len(codes))
	for _, c := range codes {
		l, ll := directory.Label(kind, c, lang)
		out = append(out, web.Option{Code: c, Label: l, Lang: ll})
	}
	return out
}

func (h *handlers) renderCheck(status int, chk *directory.Check, token string, form *web.Form, stamp string) (httpapi.Response, error) {
	lang := form.Lang
	path := EntryPath(token)
	l := web.NewLayout(lang, i18n.T(lang, "dir.entry_title"), chk.Record.Office, path, nil)
	l.SetOffice(chk.Office)
	l.Private, l.Form = true, "entry-form"
	l.Errors = form.Summary(entryFields, map[string]string{"fields": "fields", "languages": "languages", "offers": "offers", "seeks": "seeks"})
	if stamp == "" {
		stamp = web.Stamp(h.tokens, path, h.svc.Now())
	}
	group := func(name, label, kind string) web.Input {
		return form.Input(web.Input{Name: name, ID: name, Type: "checkbox", Label: label, Options: choices(kind, form.Values[name], lang), MarkOptional: true})
	}
	v := checkView{Layout: l, Action: path + "?lang=" + lang, Stamp: stamp, Inputs: []web.Input{
		form.Input(web.Input{Name: "name", Type: "text", Label: i18n.T(lang, "dir.entry_name"), Autocomplete: "organization", Dir: "auto", MaxLength: org.MaxName, Required: true}),
		form.Input(web.Input{Name: "municipality", Type: "text", Label: i18n.T(lang, "dir.municipality"), Autocomplete: "address-level2", Dir: "auto", MaxLength: org.MaxName, MarkOptional: true}),
		form.Input(web.Input{Name: "website", Type: "url", Label: i18n.T(lang, "dir.website"), Hint: i18n.T(lang, "dir.entry_website_hint"), Autocomplete: "url", MaxLength: 300, MarkOptional: true}),
		form.Input(web.Input{Name: "publicContact", Type: "text", Label: i18n.T(lang, "dir.entry_public_contact"), Hint: i18n.T(lang, "dir.entry_public_contact_hint"), Dir: "auto", MaxLength: org.MaxName, Autocomplete: "off", MarkOptional: true}),
		group("fields", i18n.T(lang, "dir.fields"), directory.KindField),
		group("languages", i18n.T(lang, "dir.languages"), directory.KindLanguage),
		group("offers", i18n.T(lang, "dir.entry_offers"), directory.KindOffer),
		form.Input(web.Input{Name: "offersText", Label: i18n.T(lang, "dir.entry_offers_text"), Rows: 3, Dir: "auto", MaxLength: org.MaxText, MarkOptional: true}),
		group("seeks", i18n.T(lang, "dir.entry_seeks"), directory.KindOffer),
		form.Input(web.Input{Name: "seeksText", Label: i18n.T(lang, "dir.entry_seeks_text"), Rows: 3, Dir: "auto", MaxLength: org.MaxText, MarkOptional: true}),
	}, Publish: form.Input(web.Input{Name: "publish", Type: "checkbox", Label: i18n.T(lang, "dir.entry_publish"), Hint: i18n.T(lang, "dir.entry_publish_hint")})}
	if n := chk.Office.Notice(nil); n != nil {
		v.Notice = &noticeLink{URL: n.URL + "&lang=" + lang, Label: i18n.T(lang, "dir.entry_privacy", i18n.Isolate(lang, n.Version))}
	}
	return set.Render(status, "entry.html", lang, true, v)
}

// entry shows the check form; ?saved=1 is the page after a save (it says
// whether the entry is in the directory now). It changes nothing.
func (h *handlers) entry(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	token := req.PathParameters["token"]
	chk, err := h.svc.Open(ctx, token)
	if err != nil {
		return httpapi.Response{}, err
	}
	if httpapi.Query(req, "saved") == "1" {
		l := web.NewLayout(lang, i18n.T(lang, "dir.entry_saved_title"), chk.Record.Office, EntryPath(token), url.Values{"saved": {"1"}})
		l.SetOffice(chk.Office)
		l.Private = true
		msg := "dir.entry_saved_withdrawn"
		if chk.Record.Published() {
			msg = "dir.entry_saved_published"
		}
		return set.Render(http.StatusOK, "entry.html", lang, true, checkView{Layout: l, Saved: i18n.T(lang, msg),
			Directory: Path(chk.Record.Office) + "?lang=" + lang})
	}
	return h.renderCheck(http.StatusOK, chk, token, web.NewForm(lang, valuesOf(directory.CorrectionOf(chk.Record))), "")
}

func (h *handlers) save(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	token := req.PathParameters["token"]
	chk, err := h.svc.Open(ctx, token)
	if err != nil {
		return httpapi.Response{}, err
	}
	form, err := web.ReadForm(req, lang)
	if err != nil {
		return httpapi.Response{}, err
	}
	path := EntryPath(token)
	if to, ok := web.SwitchTo(form.Values, lang); ok {
		form.Lang = to
		return h.renderCheck(http.StatusOK, chk, token, form, web.KeepStamp(h.tokens, form.Values, path, h.svc.Now()))
	}
	if err := web.CheckGuard(h.tokens, form.Values, path, h.svc.Now()); err != nil {
		form.Fail("name", i18n.T(lang, "page.try_again"))
		return h.renderCheck(http.StatusUnprocessableEntity, chk, token, form, "")
	}
	_, err = h.svc.Save(ctx, token, correctionOf(form), lang)
	if form.Merge(err, entryFields) {
		return h.renderCheck(http.StatusUnprocessableEntity, chk, token, form, "")
	}
	if err != nil {
		return httpapi.Response{}, err // rate_limited: 429 with Retry-After
	}
	return web.Redirect(path+"?saved=1&lang="+lang, lang, true), nil
}
