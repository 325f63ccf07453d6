package pages

import (
	"context"
	"net/http"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// Preview is how the console shows a survey as an organisation sees it
// (PreviewSurvey): its forms post to the preview, which shows the next
// page and never stores anything.
type Preview struct {
	// Action is the preview's path, where its forms post.
	Action string
	// BannerKey and DoneKey are the catalogue keys of the banner that says
	// this is a preview and of the text after the last page (said in the
	// page's language, which its language switch changes).
	BannerKey, DoneKey string
	// CSRF is the console session's token, a hidden field of its forms.
	CSRF string
}

// PreviewSurvey shows survey id of svc (whose store is the console's:
// it serves the definition and stores nothing) as its page does, through
// the public link: form nil is the first page, else a posted page is
// answered with the next one. The answers are checked by the same
// service as the public page's, and never sent.
func PreviewSurvey(ctx context.Context, svc *survey.Service, tokens *linktoken.Minter, now func() time.Time, id, lang string, form *web.Form, p *Preview) (httpapi.Response, error) {
	h := &surveyPages{svc: svc, tokens: tokens, now: now, preview: p}
	if form == nil {
		f, err := svc.Form(ctx, id, "")
		if err != nil {
			return httpapi.Response{}, err
		}
		return h.render(http.StatusOK, f, id, "", web.NewForm(lang, nil), "", 0)
	}
	form.Lang = lang
	return h.post(ctx, nil, id, form)
}

// previewDone is the preview's page after the last one: nothing sent.
func (h *surveyPages) previewDone(f *survey.Form, lang string) (httpapi.Response, error) {
	title, _ := text(f.Def.Title, lang)
	layout := web.NewLayout(lang, title, f.Def.Office, h.preview.Action, nil)
	layout.SetOffice(f.Office)
	return web.Render(http.StatusOK, "message.html", lang, true, struct {
		web.Layout
		Text string
	}{layout, i18n.T(lang, h.preview.DoneKey)})
}
