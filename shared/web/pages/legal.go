package pages

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/legal"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// Legal returns the handlers of an office's legal pages: its
// privacy notice, accessibility statement, feedback form and Leichte
// Sprache page. The survey function serves them.
func Legal(log *slog.Logger, svc *legal.Service, tokens *linktoken.Minter, now func() time.Time) map[string]httpapi.HandlerFunc {
	h := &legalPages{svc: svc, tokens: tokens, now: now}
	return map[string]httpapi.HandlerFunc{
		"GET /p/{officeId}/privacy":       page(log, h.privacy),
		"GET /p/{officeId}/accessibility": page(log, h.accessibility),
		"GET /p/{officeId}/easy":          page(log, h.easy),
		"GET /p/{officeId}/feedback":      page(log, h.feedback),
		"POST /p/{officeId}/feedback":     page(log, h.sendFeedback),
	}
}

// With merges handler maps (a function's pages from several files).
func With(maps ...map[string]httpapi.HandlerFunc) map[string]httpapi.HandlerFunc {
	out := map[string]httpapi.HandlerFunc{}
	for _, m := range maps {
		for k, h := range m {
			out[k] = h
		}
	}
	return out
}

type legalPages struct {
	svc    *legal.Service
	tokens *linktoken.Minter
	now    func() time.Time
}

// blockView is a paragraph, heading or list of a text, with the text's
// language when it is not the page's.
type blockView struct {
	office.Block
	Lang string
}

func blocks(t i18n.Text, lang string) []blockView {
	s, l := text(t, lang)
	var out []blockView
	for _, b := range office.Blocks(s) {
		out = append(out, blockView{Block: b, Lang: l})
	}
	return out
}

// layoutOf is a legal page's layout: the office's name and links.
func layoutOf(p *office.Profile, lang, titleKey, page string, query url.Values) web.Layout {
	l := web.NewLayout(lang, i18n.T(lang, titleKey), p.Office, office.Path(p.Office, page), query)
	l.SetOffice(p)
	return l
}

type privacyView struct {
	web.Layout
	Name, Version, Published string
	Binding                  bool // the page is not in German: the German text binds
	Blocks                   []blockView
	Officer                  office.Officer
	Versions                 []versionView
}

type versionView struct {
	Version, URL string
	Current      bool
}

func (h *legalPages) privacy(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id, version := req.PathParameters["officeId"], httpapi.Query(req, "version")
	p, n, err := h.svc.Notice(ctx, id, version)
	if err != nil {
		return httpapi.Response{}, err
	}
	q := url.Values{}
	if version != "" {
		q.Set("version", version)
	}
	v := privacyView{Layout: layoutOf(p, lang, "page.legal_privacy", office.PagePrivacy, q), Name: p.NameIn(lang),
		Version: n.Version, Binding: lang != i18n.Default, Blocks: blocks(n.Text, lang), Officer: p.DataProtectionOfficer}
	if n.PublishedAt != nil {
		v.Published = i18n.Date(lang, *n.PublishedAt)
	}
	for _, ver := range slices.Backward(p.NoticeVersions) {
		v.Versions = append(v.Versions, versionView{Version: ver, Current: ver == n.Version,
			URL: office.Path(id, office.PagePrivacy) + "?" + url.Values{"version": {ver}, "lang": {lang}}.Encode()})
	}
	return web.Render(http.StatusOK, "privacy.html", lang, false, v)
}

type accessibilityView struct {
	web.Layout
	Name, Status, Reviewed string
	Barriers               []blockView
	Body                   office.Body
	Feedback, Email, Phone string
}

func (h *legalPages) accessibility(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	p, err := h.svc.Office(ctx, req.PathParameters["officeId"])
	if err != nil {
		return httpapi.Response{}, err
	}
	a := p.Accessibility
	v := accessibilityView{Layout: layoutOf(p, lang, "page.legal_accessibility", office.PageAccessibility, nil), Name: p.NameIn(lang),
		Status: i18n.T(lang, "page.a11y_status_"+a.Status), Barriers: blocks(a.KnownBarriers, lang), Body: a.EnforcementBody,
		Feedback: office.Path(p.Office, office.PageFeedback) + "?lang=" + lang, Email: p.Email, Phone: p.Phone}
	if d, err := time.Parse(time.DateOnly, a.ReviewedOn); err == nil {
		v.Reviewed = i18n.Date(lang, d)
	}
	return web.Render(http.StatusOK, "accessibility.html", lang, false, v)
}

type easyView struct {
	web.Layout
	Name, Email, Phone, Address, Feedback string
	// What, Form, Data, Help: the sections' sentences, one a paragraph.
	What, Form, Data, Help []string
}

func (h *legalPages) easy(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	p, err := h.svc.Office(ctx, req.PathParameters["officeId"])
	if err != nil {
		return httpapi.Response{}, err
	}
	return web.Render(http.StatusOK, "easy.html", lang, false, easyView{Layout: layoutOf(p, lang, "page.legal_easy", office.PageEasy, nil),
		Name: p.NameIn(lang), Email: p.Email, Phone: p.Phone, Address: p.Address,
		Feedback: office.Path(p.Office, office.PageFeedback) + "?lang=" + lang,
		What:     strings.Split(i18n.T(lang, "page.easy_what", p.NameIn(lang)), "\n"), Form: strings.Split(i18n.T(lang, "page.easy_form"), "\n"),
		Data: strings.Split(i18n.T(lang, "page.easy_data"), "\n"), Help: strings.Split(i18n.T(lang, "page.easy_help"), "\n")})
}

type feedbackView struct {
	web.Layout
	Name, Action, Stamp string
	Inputs              []web.Input
}

func (h *legalPages) feedback(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	p, err := h.svc.Office(ctx, req.PathParameters["officeId"])
	if err != nil {
		return httpapi.Response{}, err
	}
	if httpapi.Query(req, "sent") == "1" {
		l := layoutOf(p, lang, "page.feedback_sent_title", office.PageFeedback, nil)
		return web.Render(http.StatusOK, "message.html", lang, false, struct {
			web.Layout
			Text string
		}{l, i18n.T(lang, "page.feedback_sent")})
	}
	return h.renderFeedback(http.StatusOK, p, web.NewForm(lang, url.Values{"page": {httpapi.Query(req, "page")}}), "")
}

// feedbackFields are the form's fields in their order on the page.
var feedbackFields = []string{"message", "email", "page"}

func (h *legalPages) renderFeedback(status int, p *office.Profile, form *web.Form, stamp string) (httpapi.Response, error) {
	lang := form.Lang
	path := office.Path(p.Office, office.PageFeedback)
	l := layoutOf(p, lang, "page.legal_feedback", office.PageFeedback, nil)
	l.Errors, l.Form = form.Summary(feedbackFields, nil), "feedback-form"
	if stamp == "" {
		stamp = web.Stamp(h.tokens, path, h.now())
	}
	v := feedbackView{Layout: l, Name: p.NameIn(lang), Action: path + "?lang=" + lang, Stamp: stamp, Inputs: []web.Input{
		form.Input(web.Input{Name: "message", Label: i18n.T(lang, "page.feedback_message"), Hint: i18n.T(lang, "page.feedback_message_hint"),
			Rows: 6, MaxLength: 5000, Dir: "auto", Required: true}),
		form.Input(web.Input{Name: "email", Type: "email", Label: i18n.T(lang, "page.feedback_email"), Hint: i18n.T(lang, "page.feedback_email_hint"),
			Autocomplete: "email", MaxLength: 254, MarkOptional: true}),
		form.Input(web.Input{Name: "page", Type: "text", Label: i18n.T(lang, "page.feedback_page"), Hint: i18n.T(lang, "page.feedback_page_hint"),
			Autocomplete: "off", MaxLength: legal.MaxPage, Dir: "auto", MarkOptional: true}),
	}}
	return web.Render(status, "feedback.html", lang, false, v)
}

func (h *legalPages) sendFeedback(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id := req.PathParameters["officeId"]
	p, err := h.svc.Office(ctx, id)
	if err != nil {
		return httpapi.Response{}, err
	}
	form, err := web.ReadForm(req, lang)
	if err != nil {
		return httpapi.Response{}, err
	}
	path := office.Path(id, office.PageFeedback)
	if to, ok := web.SwitchTo(form.Values, lang); ok {
		form.Lang = to
		return h.renderFeedback(http.StatusOK, p, form, web.KeepStamp(h.tokens, form.Values, path, h.now()))
	}
	if err := web.CheckGuard(h.tokens, form.Values, path, h.now()); err != nil {
		form.Fail("message", i18n.T(lang, "page.try_again"))
		return h.renderFeedback(http.StatusUnprocessableEntity, p, form, "")
	}
	_, err = h.svc.SendFeedback(ctx, id, legal.FeedbackRequest{Message: form.Get("message"), Email: form.Get("email"), Page: form.Get("page")}, lang)
	if form.Merge(err, feedbackFields) {
		return h.renderFeedback(http.StatusUnprocessableEntity, p, form, "")
	}
	if err != nil {
		return httpapi.Response{}, err // rate_limited: 429 with Retry-After
	}
	return web.Redirect(path+"?sent=1&lang="+lang, lang, false), nil
}
