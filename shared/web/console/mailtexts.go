package console

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/mail"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// The invitation and reminder texts of a survey or meeting: a text per
// language each, filled in with the catalogue's until the office writes
// its own, a preview of each mail in each language, saved with the
// survey or meeting. A text the same as the catalogue's (or empty) is not
// stored: that language keeps getting the catalogue's text.

// mailKinds are the mails whose texts the page sets, in its order.
var mailKinds = []outbox.Kind{outbox.Invitation, outbox.Reminder}

// mailTextFields are the page's fields, in order.
var mailTextFields = func() []string {
	var out []string
	for _, k := range mailKinds {
		for _, l := range i18n.Supported {
			out = append(out, string(k)+"."+l)
		}
	}
	return out
}()

// mailTarget is what the texts and their previews need of a survey or
// meeting.
type mailTarget struct {
	inv      mail.Invitation // the sample mail: title, description, deadline
	title    i18n.Text
	deadline bool
	public   string // the public page's path
}

func (c *Console) mailTarget(ctx context.Context, s *Session, kind invitation.Kind, id string) (*mailTarget, error) {
	if kind == invitation.Meeting {
		mv, err := c.svc.Meeting(ctx, s.Coordinator, id)
		if err != nil {
			return nil, err
		}
		return &mailTarget{inv: mail.Invitation{Title: mv.Title, Description: mv.Description, Meeting: mv.Meeting},
			title: mv.Title, deadline: true, public: "/m/" + url.PathEscape(id)}, nil
	}
	d, err := c.svc.Survey(ctx, s.Coordinator, id)
	if err != nil {
		return nil, err
	}
	return &mailTarget{inv: mail.Invitation{Title: d.Title, Description: d.Description, ClosesAt: d.ClosesAt},
		title: d.Title, deadline: d.ClosesAt != nil, public: "/s/" + url.PathEscape(id)}, nil
}

// defaultText is the catalogue's text of kind in lang for the target.
func (t *mailTarget) defaultText(kind outbox.Kind, lang string) string {
	return mail.DefaultText(kind, t.inv.Meeting != nil, lang, t.deadline)
}

// sameWords: two texts that differ only in spaces and line ends.
func sameWords(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

// textsOf reads the posted texts: those empty or the same as the
// catalogue's are left out.
func textsOf(form *Form, t *mailTarget) *mail.Texts {
	out := &mail.Texts{Invitation: i18n.Text{}, Reminder: i18n.Text{}}
	for _, k := range mailKinds {
		for _, l := range i18n.Supported {
			text := form.Multiline(string(k) + "." + l)
			if text == "" || sameWords(text, t.defaultText(k, l)) {
				continue
			}
			if k == outbox.Reminder {
				out.Reminder[l] = text
			} else {
				out.Invitation[l] = text
			}
		}
	}
	return out
}

// mailTextsPage is the view of mailtexts.html.
type mailTextsPage struct {
	base
	Target, Back, Action string
	Placeholders         []placeholderDoc
	Groups               []web.LangGroup
	Previews             []previewGroup
	Saved, NoDeadline    bool
}

type placeholderDoc struct{ Name, Text string }

type previewGroup struct {
	ID, Title string
	Items     []previewItem
}

type previewItem struct {
	Lang, Name, Dir, Subject, Text string
	Own                            bool // the office's own text, not the catalogue's
}

func (c *Console) mailTextsGet(kind invitation.Kind) handler {
	return func(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
		id := target(req, kind)
		t, err := c.mailTarget(ctx, s, kind, id)
		if err != nil {
			return Response{}, err
		}
		own, err := c.svc.MailTexts(ctx, s.Coordinator, kind, id)
		if err != nil {
			return Response{}, err
		}
		values := url.Values{}
		for _, k := range mailKinds {
			for _, l := range i18n.Supported {
				text := own.Of(k, l)
				if text == "" {
					text = t.defaultText(k, l)
				}
				values.Set(string(k)+"."+l, text)
			}
		}
		return c.renderMailTexts(ctx, s, req, kind, id, t, newForm(lang, values), http.StatusOK)
	}
}

func (c *Console) mailTextsPost(kind invitation.Kind) postHandler {
	return func(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
		id := target(req, kind)
		t, err := c.mailTarget(ctx, s, kind, id)
		if err != nil {
			return Response{}, err
		}
		texts := textsOf(form, t)
		if form.Get("action") == "preview" {
			// Shown, not stored; mistakes are said all the same.
			status := http.StatusOK
			if err := admin.CheckMailTexts(texts, lang); err != nil {
				if !form.Merge(err, mailTextFields) {
					return Response{}, err
				}
				status = http.StatusUnprocessableEntity
			}
			return c.renderMailTexts(ctx, s, req, kind, id, t, form, status)
		}
		err = c.svc.SaveMailTexts(ctx, s.Coordinator, kind, id, texts, lang)
		if err == nil {
			return web.Redirect(pagePath(kind, id)+"/mail-texts"+flash(req, "saved", 1), lang, true), nil
		}
		if !form.Merge(err, mailTextFields) {
			return Response{}, err
		}
		return c.renderMailTexts(ctx, s, req, kind, id, t, form, http.StatusUnprocessableEntity)
	}
}

// renderMailTexts shows the texts of form with a preview of each mail in
// each language (a text with mistakes shows none).
func (c *Console) renderMailTexts(ctx context.Context, s *Session, req *Request, kind invitation.Kind, id string, t *mailTarget, form *Form, status int) (Response, error) {
	lang := form.Lang
	path := pagePath(kind, id) + "/mail-texts"
	p := mailTextsPage{Target: t.title.In(lang), Back: pagePath(kind, id), Action: path, Saved: flashInt(req, "saved") == 1, NoDeadline: !t.deadline}
	p.base = withLang(c.base(s, lang, "console.mail_texts_title", path, t.title.In(lang)), req)
	p.Stamp = c.stamp(form, path)
	p.Errors = form.Summary(mailTextFields, nil)
	for _, ph := range mail.Placeholders {
		p.Placeholders = append(p.Placeholders, placeholderDoc{Name: "{" + ph + "}", Text: i18n.T(lang, "console.placeholder_"+ph)})
	}
	profile, err := c.svc.OfficeProfile(ctx, s.Coordinator)
	if err != nil {
		return Response{}, err
	}
	base := c.sessions.cfg.BaseURL
	texts := textsOf(form, t)
	for _, k := range mailKinds {
		g := web.LangGroup{ID: web.FieldID(string(k)), Legend: i18n.T(lang, "console.mail_text_"+string(k)), Hint: i18n.T(lang, "console.mail_text_hint")}
		pg := previewGroup{ID: "preview-" + string(k), Title: i18n.T(lang, "console.mail_preview_"+string(k))}
		for _, l := range i18n.Supported {
			name := string(k) + "." + l
			g.Inputs = append(g.Inputs, form.Input(web.Input{Name: name, Label: i18n.Name(l), Rows: 10, MaxLength: mail.MaxText, FieldLang: l, Dir: "auto"}))
			if form.Err(name) != "" {
				continue
			}
			d := t.inv
			d.Kind, d.Language, d.Organisation, d.Text = k, l, i18n.T(l, "console.sample_organisation"), texts.Of(k, l)
			d.Office = mail.Office{Profile: profile, BaseURL: base}
			d.URL = base + t.public + "?invitation=…&lang=" + l
			d.ObjectURL = base + "/x/…?lang=" + l
			r, err := mail.RenderInvitation(d)
			if err != nil {
				return Response{}, err
			}
			pg.Items = append(pg.Items, previewItem{Lang: l, Name: i18n.Name(l), Dir: i18n.Dir(l), Subject: r.Subject, Text: r.Text, Own: d.Text != ""})
		}
		p.Groups, p.Previews = append(p.Groups, g), append(p.Previews, pg)
	}
	return pages.Render(status, "mailtexts.html", lang, true, p)
}

// remindLine is a language of the reminder's confirm step: how many get
// the reminder in it, with which text.
type remindLine struct {
	Lang, Name string
	Count      int
	Own        bool
}

// remindConfirm asks before reminders go out by hand: how many get one,
// per language, with the office's own text or the standard one.
func (c *Console) remindConfirm(ctx context.Context, s *Session, req *Request, lang string, kind invitation.Kind, id string) (Response, error) {
	title, err := c.targetTitle(ctx, s, kind, id, lang)
	if err != nil {
		return Response{}, err
	}
	counts, err := c.svc.RemindLanguages(ctx, s.Coordinator, kind, id)
	if err != nil {
		return Response{}, err
	}
	own, err := c.svc.MailTexts(ctx, s.Coordinator, kind, id)
	if err != nil {
		return Response{}, err
	}
	action := pagePath(kind, id) + "/reminders"
	v := struct {
		base
		Action, Back, Texts string
		Lines               []remindLine
		Total               int
	}{base: withLang(c.base(s, lang, "console.remind_confirm_title", action, title), req), Action: action,
		Back: pagePath(kind, id), Texts: pagePath(kind, id) + "/mail-texts"}
	v.Stamp = v.StampFor(action)
	for _, l := range i18n.Supported {
		if n := counts[l]; n > 0 {
			v.Lines = append(v.Lines, remindLine{Lang: l, Name: i18n.Name(l), Count: n, Own: own.Of(outbox.Reminder, l) != ""})
			v.Total += n
		}
	}
	return pages.Render(http.StatusOK, "remind.html", lang, true, v)
}
