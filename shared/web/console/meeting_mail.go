package console

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/mail"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// The meeting's pages that mail its people: cancelling it as a whole,
// writing to them, and the confirm step before a move is saved.

// hidden is a form value a confirm step carries on.
type hidden struct{ Name, Value string }

// confirmStep is a page that asks before a step that mails people: what
// happens (Lines), what changes (Changes), and a form that posts the
// same values again with confirm=yes (or confirm=edit: back to the form
// with them).
type confirmStep struct {
	base
	Heading      string
	Lines        []string
	Changes      []string
	Action, Back string
	Yes, Edit    string
	Hidden       []hidden
}

// carry are a posted form's values for a confirm step to post again:
// all but the CSRF token, the stamp and the step's own field.
func carry(form *Form) []hidden {
	var out []hidden
	keys := make([]string, 0, len(form.Values))
	for k := range form.Values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if k == CSRFField || k == web.StampField || k == "confirm" || k == web.LangField {
			continue
		}
		for _, v := range form.Values[k] {
			out = append(out, hidden{k, v})
		}
	}
	return out
}

func (c *Console) renderConfirm(status int, v confirmStep) (Response, error) {
	return pages.Render(status, "meeting_confirm.html", v.Lang, true, v)
}

// --- cancelling a meeting ---

func (c *Console) cancelMeetingPage(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	return c.askCancel(ctx, s, req, lang, req.PathParameters["meetingId"])
}

// askCancel is the confirm page of a meeting's cancellation: it names how
// many people are told.
func (c *Console) askCancel(ctx context.Context, s *Session, req *Request, lang, id string) (Response, error) {
	mv, err := c.svc.Meeting(ctx, s.Coordinator, id)
	if err != nil {
		return Response{}, err
	}
	path := "/console/meetings/" + id
	if mv.Cancelled() {
		return web.Redirect(path+flash(req), lang, true), nil
	}
	b := withLang(c.base(s, lang, "console.cancel_meeting_title", path+"/cancel", mv.Title.In(lang)), req)
	b.Stamp = b.StampFor(path + "/cancel")
	v := confirmStep{base: b, Heading: i18n.T(lang, "console.cancel_meeting_title", mv.Title.In(lang)),
		Lines: []string{i18n.T(lang, "console.cancel_meeting_told", admin.Told(mv), mv.Confirmed, mv.Waiting),
			i18n.T(lang, "console.cancel_meeting_text")},
		Action: path + "/cancel" + b.Q, Back: path + b.Q, Yes: i18n.T(lang, "console.cancel_meeting_yes")}
	return c.renderConfirm(http.StatusOK, v)
}

func (c *Console) cancelMeeting(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	id := req.PathParameters["meetingId"]
	if form.Get("confirm") != "yes" {
		return c.askCancel(ctx, s, req, lang, id)
	}
	n, err := c.svc.CancelMeeting(ctx, s.Coordinator, id)
	if err != nil {
		return Response{}, err
	}
	return web.Redirect("/console/meetings/"+id+flash(req, "cancelled", n), lang, true), nil
}

// --- writing to a meeting's people ---

// messageFields are the message form's fields in their order.
var messageFields = []string{"recipients", "subject.de", "text.de"}

type messageForm struct {
	base
	Heading, Meeting string
	Action, Back     string
	Recipients       web.Input
	Subjects, Texts  web.LangGroup
}

func (c *Console) messagePage(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	mv, err := c.svc.Meeting(ctx, s.Coordinator, req.PathParameters["meetingId"])
	if err != nil {
		return Response{}, err
	}
	return c.renderMessage(http.StatusOK, s, req, mv, newForm(lang, url.Values{"recipients": {string(meeting.ToConfirmed)}}))
}

func (c *Console) renderMessage(status int, s *Session, req *Request, mv *admin.MeetingView, form *Form) (Response, error) {
	lang := form.Lang
	path := "/console/meetings/" + mv.ID
	f := messageForm{base: withLang(c.base(s, lang, "console.message_title", path+"/message", mv.Title.In(lang)), req),
		Heading: i18n.T(lang, "console.message_title", mv.Title.In(lang)), Meeting: when(lang, mv.StartsAt, mv.Zone())}
	f.Action, f.Back = path+"/message"+f.Q, path+f.Q
	f.Stamp = c.stamp(form, path+"/message")
	f.Errors = form.Summary(messageFields, map[string]string{"recipients": "recipients"})
	// The summary names the field: subject and text may both say "the
	// German text is missing" (every language's mistake is shown at the
	// German field).
	for i, e := range f.Errors {
		switch e.Field {
		case web.FieldID("subject.de"):
			f.Errors[i].Message = i18n.T(lang, "console.message_subjects") + ": " + e.Message
		case web.FieldID("text.de"):
			f.Errors[i].Message = i18n.T(lang, "console.message_texts") + ": " + e.Message
		}
	}
	r := field(lang, "recipients", "radio", "console.message_to", "", true)
	r.ID = "recipients"
	for _, to := range []meeting.Recipients{meeting.ToConfirmed, meeting.ToWaitlisted, meeting.ToAll} {
		r.Options = append(r.Options, web.Option{Code: string(to), Label: i18n.T(lang, "console.to_"+string(to), admin.MessageRecipients(mv, to))})
	}
	f.Recipients = form.Input(r)
	f.Subjects = form.Langs("subject", i18n.T(lang, "console.message_subjects"), i18n.T(lang, "console.message_langs_hint"),
		web.Input{Type: "text", MaxLength: meeting.MaxSubject, Required: true})
	f.Texts = form.Langs("text", i18n.T(lang, "console.message_texts"), "", web.Input{Rows: 8, MaxLength: meeting.MaxMessageText, Required: true})
	return pages.Render(status, "meeting_message.html", lang, true, f)
}

// preview is the mail as the console's own language's reader gets it.
type preview struct {
	confirmStep
	To, Subject, Text string
	TextLang          string
}

func (c *Console) sendMessage(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	mv, err := c.svc.Meeting(ctx, s.Coordinator, req.PathParameters["meetingId"])
	if err != nil {
		return Response{}, err
	}
	in := admin.MessageInput{Recipients: meeting.Recipients(form.Text("recipients")), Subject: form.Texts("subject"), Text: form.Texts("text")}
	step := form.Get("confirm")
	if step == "edit" {
		return c.renderMessage(http.StatusOK, s, req, mv, form)
	}
	if form.Merge(admin.CheckMessage(in, lang), messageFields) {
		return c.renderMessage(http.StatusUnprocessableEntity, s, req, mv, form)
	}
	n := admin.MessageRecipients(mv, in.Recipients)
	if n == 0 {
		form.Fail("recipients", i18n.T(lang, "console.no_recipients"))
		return c.renderMessage(http.StatusUnprocessableEntity, s, req, mv, form)
	}
	path := "/console/meetings/" + mv.ID
	if step != "yes" {
		return c.previewMessage(ctx, s, req, mv, form, in, n)
	}
	msg, err := c.svc.SendMessage(ctx, s.Coordinator, mv.ID, in, form.Get(web.StampField), lang)
	if err != nil {
		if form.Merge(err, messageFields) {
			return c.renderMessage(http.StatusUnprocessableEntity, s, req, mv, form)
		}
		return Response{}, err
	}
	return web.Redirect(path+flash(req, "sent", msg.Count)+"#messages", lang, true), nil
}

// previewMessage shows the mail as it goes out (its text part, as a
// person reading the console's language gets it) before it is sent.
func (c *Console) previewMessage(ctx context.Context, s *Session, req *Request, mv *admin.MeetingView, form *Form, in admin.MessageInput, n int) (Response, error) {
	lang := form.Lang
	p, err := c.svc.OfficeProfile(ctx, s.Coordinator)
	if err != nil {
		return Response{}, err
	}
	reader := &meeting.Registration{Name: i18n.T(lang, "console.preview_name"), Language: lang, Status: meeting.Confirmed}
	if in.Recipients == meeting.ToWaitlisted {
		reader.Status = meeting.Waitlisted
	}
	r, err := mail.Render(mail.Data{Kind: outbox.Message, Registration: reader, Meeting: mv.Meeting, Office: mail.Office{Profile: p},
		ManageURL: i18n.T(lang, "console.preview_link"), Message: &meeting.Message{Subject: in.Subject, Text: in.Text}})
	if err != nil {
		return Response{}, fmt.Errorf("render message preview: %w", err)
	}
	path := "/console/meetings/" + mv.ID
	b := withLang(c.base(s, lang, "console.preview_title", path+"/message"), req)
	b.Stamp = c.stamp(form, path+"/message")
	v := preview{confirmStep: confirmStep{base: b, Heading: i18n.T(lang, "console.preview_title"),
		Lines:  []string{i18n.T(lang, "console.preview_text", n)},
		Action: path + "/message" + b.Q, Yes: i18n.T(lang, "console.send_to", n), Edit: i18n.T(lang, "console.change_message"),
		Hidden: carry(form)},
		To: i18n.T(lang, "console.to_"+string(in.Recipients), n), Subject: r.Subject, Text: r.Text}
	return pages.Render(http.StatusOK, "meeting_preview.html", lang, true, v)
}

// messageRow is a sent message on the meeting's page.
type messageRow struct {
	When, To, Subject string
}

func messageRows(msgs []*meeting.Message, lang string, mv *admin.MeetingView) []messageRow {
	out := make([]messageRow, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, messageRow{When: when(lang, m.SentAt, mv.Zone()), To: i18n.T(lang, "console.to_"+string(m.Recipients), m.Count),
			Subject: m.Subject.In(lang)})
	}
	return out
}

// --- moving a meeting ---

// askMove is the confirm step before a meeting's new time or place is
// saved: it names how many people get a mail and what changes. ok is
// false when no step is needed (nothing a calendar shows changed, nobody
// registered, or the step was confirmed).
func (c *Console) askMove(s *Session, req *Request, form *Form, old *admin.MeetingView, set meeting.Settings) (Response, bool, error) {
	lang := form.Lang
	n := admin.Told(old)
	m := set.Meeting(old.ID, old.Office, c.svc.Now())
	if form.Get("confirm") == "yes" || n == 0 || !m.Moved(old.Meeting) || meeting.ValidateMeeting(m, lang) != nil {
		return Response{}, false, nil
	}
	path := "/console/meetings/" + old.ID
	b := withLang(c.base(s, lang, "console.move_title", path), req)
	b.Stamp = c.stamp(form, path)
	v := confirmStep{base: b, Heading: i18n.T(lang, "console.move_title"),
		Lines:  []string{i18n.T(lang, "console.move_told", n, old.Confirmed, old.Waiting)},
		Action: path + b.Q, Yes: i18n.T(lang, "console.move_yes"), Edit: i18n.T(lang, "console.move_edit"), Hidden: carry(form)}
	iso := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return "–"
		}
		return i18n.Isolate(lang, s)
	}
	add := func(label, was, now string) {
		if was != now {
			v.Changes = append(v.Changes, i18n.T(lang, "console.change", label, iso(was), iso(now)))
		}
	}
	span := func(x *meeting.Meeting) string {
		z := x.Zone()
		return when(lang, x.StartsAt, z) + " – " + when(lang, x.EndsAt, z) + " (" + x.TimeZone + ")"
	}
	place := func(l meeting.Location) string { return strings.Trim(l.Name+", "+l.Address, ", ") }
	add(i18n.T(lang, "console.title"), old.Title[i18n.Default], m.Title[i18n.Default])
	add(i18n.T(lang, "console.date"), span(old.Meeting), span(m))
	add(i18n.T(lang, "console.place"), place(old.Location), place(m.Location))
	add(i18n.T(lang, "console.online"), old.Location.OnlineURL, m.Location.OnlineURL)
	resp, err := c.renderConfirm(http.StatusOK, v)
	return resp, true, err
}
