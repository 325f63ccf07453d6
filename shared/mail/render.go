// Package mail renders every email the system sends — registration mails
// (confirmed, waitlisted, promoted, cancelled, meeting changed) and
// invitations and reminders: subject, plain text and HTML from one set of
// templates and a per-language catalogue, an iCalendar entry, and the MIME
// message around them.
package mail

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	_ "github.com/integration-offices/netzwerk-backend/shared/web/tplmethods" // the templates' methods
	htmltemplate "github.com/integration-offices/netzwerk-backend/third_party/htmltemplate"
	texttemplate "github.com/integration-offices/netzwerk-backend/third_party/texttemplate"
)

// Office is the office a mail is sent for: its profile signs the mail
// (name and contact), names the calendar entry's organiser, and gives the
// mail's footer the links to its legal pages under BaseURL. Without a
// profile a mail is signed as before, with no footer.
type Office struct {
	Profile *office.Profile
	BaseURL string // the public pages' base URL
}

// SenderName is the display name of the mail's From: the office's sender
// name, else fallback.
func (o Office) SenderName(fallback string) string {
	if o.Profile != nil && strings.TrimSpace(o.Profile.SenderName) != "" {
		return o.Profile.SenderName
	}
	return fallback
}

// Data is what an email is about.
type Data struct {
	Kind             outbox.Kind
	Registration     *meeting.Registration
	Meeting          *meeting.Meeting
	WaitlistPosition int
	ManageURL        string
	Office           Office
	// Message is what the office wrote (a Message mail).
	Message *meeting.Message
}

// Rendered is a rendered email.
type Rendered struct {
	Subject string
	Text    string
	HTML    string
	Lang    string
}

//go:embed templates/body.txt
var textSrc string

//go:embed templates/body.html
var htmlSrc string

// The templates are parsed on first use, not at start: only the mailer
// renders mail, and a package-level parse would run (and be linked) in
// every function that imports this package.
var (
	parseOnce sync.Once
	textTmpl  *texttemplate.Template
	htmlTmpl  *htmltemplate.Template
)

func parseTemplates() {
	textTmpl = texttemplate.Must(texttemplate.New("text").Parse(textSrc))
	htmlTmpl = htmltemplate.Must(htmltemplate.New("html").Parse(htmlSrc))
}

// view is the template's data: every string already in the right language
// (and, in right-to-left mails, every embedded name, address, link and
// time isolated so that it keeps its own direction).
type view struct {
	Lang, Dir             string
	Greeting, Lead, Extra string
	// Body is what the office wrote, a paragraph each (BodyLang: its
	// language when it falls back to German).
	Body     []string
	BodyLang string
	// Changes are what a move changed (ChangesTitle above them).
	ChangesTitle        string
	Changes             []string
	When, Where, Online string
	WhenText, Title     string
	TitleLang           string // the title's own language when it falls back to German
	Description         string
	Address, OnlineURL  string
	Deadline            string // until when to answer or register
	Action, ActionHint  string
	ActionURL           string
	// Own is an office's own text of an invitation or reminder, in
	// place of Lead, Description, Deadline, Extra and Action: paragraphs
	// of words and links.
	Own [][]segment
	// Object and ObjectURL: the link to object to further invitations
	// (invitations and reminders only).
	Object, ObjectURL string
	ClosingLines      []string
	// Contact is the office's address and contact, a line each; Links
	// its legal pages (LinksTitle above them), in the footer.
	Contact    []string
	LinksTitle string
	Links      []footerLink
}

// footerLink is a link of a mail's footer; Shown is its URL as the text
// part writes it (kept left to right in right-to-left mails).
type footerLink struct{ Label, URL, Shown string }

// Language is the language a mail is written in: lang if the system
// speaks it, else German.
func Language(lang string) string {
	if i18n.Load(lang) == nil {
		return i18n.Default
	}
	return lang
}

func newView(lang, greetName string, title i18n.Text, o Office) view {
	t, tl := title.Lang(lang)
	v := view{
		Lang: lang, Dir: i18n.Dir(lang), Greeting: i18n.T(lang, "mail.greeting", i18n.Isolate(lang, greetName)),
		When: i18n.T(lang, "mail.when"), Where: i18n.T(lang, "mail.where"), Online: i18n.T(lang, "mail.online"),
		Title: t, ClosingLines: strings.Split(i18n.T(lang, "mail.closing"), "\n"),
	}
	if tl != lang {
		v.TitleLang = tl
	}
	v.sign(o)
	return v
}

// sign signs the mail with the office's name and contact and adds the
// links of its legal pages in the mail's language.
func (v *view) sign(o Office) {
	p, lang := o.Profile, v.Lang
	if p == nil {
		return
	}
	iso := func(s string) string { return i18n.Isolate(lang, s) }
	v.ClosingLines = []string{i18n.T(lang, "mail.regards"), iso(p.NameIn(lang))}
	for _, l := range strings.Split(strings.ReplaceAll(p.Address, "\r", ""), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			v.Contact = append(v.Contact, iso(l))
		}
	}
	if p.Phone != "" {
		v.Contact = append(v.Contact, i18n.T(lang, "mail.phone", iso(p.Phone)))
	}
	if p.Email != "" {
		v.Contact = append(v.Contact, i18n.T(lang, "mail.email", iso(p.Email)))
	}
	if p.Website != "" {
		v.Contact = append(v.Contact, i18n.T(lang, "mail.website", iso(p.Website)))
	}
	l := office.LinksOf(p, p.Office, strings.TrimRight(o.BaseURL, "/"), lang)
	v.LinksTitle = i18n.T(lang, "page.legal_nav")
	for _, fl := range []footerLink{
		{Label: i18n.T(lang, "page.legal_privacy"), URL: l.Privacy},
		{Label: i18n.T(lang, "page.legal_accessibility"), URL: l.Accessibility},
		{Label: i18n.T(lang, "page.legal_feedback"), URL: l.Feedback},
		{Label: i18n.T(lang, "page.legal_easy"), URL: l.Easy},
		{Label: i18n.T(lang, "page.legal_imprint"), URL: l.Imprint},
	} {
		if fl.URL != "" {
			fl.Shown = iso(fl.URL)
			v.Links = append(v.Links, fl)
		}
	}
}

// Render renders d in the registrant's language (German if the system
// does not speak it).
func Render(d Data) (*Rendered, error) {
	lang := Language(d.Registration.Language)
	if d.Kind == outbox.Message {
		return renderMessage(d, lang)
	}
	kind := "mail." + string(d.Kind)
	if d.Kind == outbox.Updated && d.Registration.Status == meeting.Waitlisted {
		kind += ".waitlisted"
	}
	if _, ok := i18n.Load(i18n.Default)[kind+".subject"]; !ok {
		return nil, fmt.Errorf("mail: unknown kind %q", d.Kind)
	}
	m := d.Meeting
	place := i18n.Isolate(lang, fmt.Sprint(d.WaitlistPosition))
	v := newView(lang, d.Registration.Name, m.Title, d.Office)
	v.Lead, v.Extra = i18n.T(lang, kind+".lead", place), i18n.T(lang, kind+".extra", place)
	v.Description = m.Description.In(lang)
	v.when(m)
	if !seatHolder(d) {
		v.OnlineURL = "" // the link is for those with a seat
	}
	if d.Kind == outbox.Updated && m.Before != nil {
		v.changes(m, seatHolder(d))
	}
	if d.Kind != outbox.Cancelled && d.Kind != outbox.MeetingCancelled {
		v.Action, v.ActionHint, v.ActionURL = i18n.T(lang, "mail.manage"), i18n.T(lang, "mail.manage_hint"), d.ManageURL
	}
	return execute(v, i18n.T(lang, kind+".subject", m.Title.In(lang)))
}

// renderMessage renders what the office wrote to a meeting's people: its
// subject and text in the person's language (German where it has none),
// the meeting's facts and the person's link.
func renderMessage(d Data, lang string) (*Rendered, error) {
	if d.Message == nil {
		return nil, fmt.Errorf("mail: a message mail without its message")
	}
	m, msg := d.Meeting, d.Message
	v := newView(lang, d.Registration.Name, m.Title, d.Office)
	text, tl := msg.Text.Lang(lang)
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			v.Body = append(v.Body, p)
		}
	}
	if tl != lang {
		v.BodyLang = tl
	}
	v.when(m)
	if d.Registration.Status != meeting.Confirmed || m.Cancelled() {
		v.OnlineURL = ""
	}
	v.Action, v.ActionHint, v.ActionURL = i18n.T(lang, "mail.manage"), i18n.T(lang, "mail.manage_hint"), d.ManageURL
	return execute(v, msg.Subject.In(lang))
}

// changes lists what a move changed, before → now: the time, the place,
// the online link (for those with a seat) and the title.
func (v *view) changes(m *meeting.Meeting, seat bool) {
	b := m.Before
	was := *v
	was.when(&meeting.Meeting{Settings: meeting.Settings{StartsAt: b.StartsAt, EndsAt: b.EndsAt, TimeZone: b.TimeZone, Location: b.Location}})
	lang := v.Lang
	add := func(label, old, now string) {
		if old != now {
			v.Changes = append(v.Changes, label+": "+i18n.T(lang, "mail.change", orNone(lang, old), orNone(lang, now)))
		}
	}
	add(i18n.T(lang, "mail.what"), i18n.Isolate(lang, b.Title.In(lang)), i18n.Isolate(lang, m.Title.In(lang)))
	add(v.When, was.WhenText, v.WhenText)
	add(v.Where, was.Address, v.Address)
	if seat {
		add(v.Online, i18n.Isolate(lang, b.Location.OnlineURL), i18n.Isolate(lang, m.Location.OnlineURL))
	}
	if len(v.Changes) > 0 {
		v.ChangesTitle = i18n.T(lang, "mail.changes")
	}
}

// orNone is s, or a dash for nothing.
func orNone(lang, s string) string {
	if strings.TrimSpace(s) == "" || s == i18n.Isolate(lang, "") {
		return "–"
	}
	return s
}

// when fills in a meeting's time, in its own zone, and place.
func (v *view) when(m *meeting.Meeting) {
	lang, loc := v.Lang, m.Zone()
	s, e := m.StartsAt.In(loc), m.EndsAt.In(loc)
	clock := func(t time.Time) string { return i18n.Isolate(lang, i18n.Clock(lang, t)) }
	if s.YearDay() == e.YearDay() && s.Year() == e.Year() {
		v.WhenText = i18n.T(lang, "mail.time_span", i18n.Date(lang, s), clock(s), clock(e))
	} else {
		v.WhenText = i18n.T(lang, "mail.time_span_days", i18n.Date(lang, s), clock(s), i18n.Date(lang, e), clock(e))
	}
	v.WhenText += " (" + i18n.Isolate(lang, loc.String()) + ")"
	v.Address, v.OnlineURL = m.Location.Address, m.Location.OnlineURL
	if m.Location.Name != "" {
		v.Address = strings.TrimSpace(m.Location.Name + ", " + m.Location.Address)
	}
	v.Address = i18n.Isolate(lang, v.Address)
}

// Invitation is what an invitation or reminder mail is about: a survey
// (Title, Description) or a meeting.
type Invitation struct {
	Kind         outbox.Kind // invitation or reminder
	Language     string
	Organisation string
	Title        i18n.Text
	Description  i18n.Text
	Meeting      *meeting.Meeting // nil for a survey
	// ClosesAt is the survey's end, if it has one.
	ClosesAt *time.Time
	URL      string
	Office   Office
	// ObjectURL is the link to object to further invitations from the
	// office (/x/{token}).
	ObjectURL string
	// Text is the office's own text of this mail in its language (see
	// Texts), or "" for the catalogue's.
	Text string
}

// RenderInvitation renders an invitation or reminder in the invitation's
// language.
func RenderInvitation(d Invitation) (*Rendered, error) {
	lang := Language(d.Language)
	target, action := "survey", "mail.take_survey"
	if d.Meeting != nil {
		target, action = "meeting", "mail.register"
	}
	kind := "mail." + string(d.Kind) + "." + target
	if _, ok := i18n.Load(i18n.Default)[kind+".subject"]; !ok {
		return nil, fmt.Errorf("mail: unknown kind %q", d.Kind)
	}
	v := newView(lang, d.Organisation, d.Title, d.Office)
	v.Lead, v.Extra = i18n.T(lang, kind+".lead"), i18n.T(lang, kind+".extra")
	v.Description = d.Description.In(lang)
	v.Action, v.ActionHint, v.ActionURL = i18n.T(lang, action), i18n.T(lang, "mail.invite_hint"), d.URL
	if d.ObjectURL != "" {
		v.Object, v.ObjectURL = i18n.T(lang, "mail.object"), d.ObjectURL
	}
	if m := d.Meeting; m != nil {
		v.when(m)
		v.OnlineURL = "" // the link is for those who register
		v.Deadline = i18n.T(lang, "mail.deadline.meeting", dateTime(lang, m.RegistrationClosesAt.In(m.Zone())))
	} else if d.ClosesAt != nil {
		v.Deadline = i18n.T(lang, "mail.deadline.survey", dateTime(lang, d.ClosesAt.In(meeting.OfficeLocation())))
	}
	if d.Text != "" {
		v.ownText(d)
	}
	return execute(v, i18n.T(lang, kind+".subject", d.Title.In(lang)))
}

// ownText puts the office's own text in place of the catalogue's: its
// placeholders filled in, the personal link a link.
func (v *view) ownText(d Invitation) {
	lang := v.Lang
	iso := func(s string) string { return i18n.Isolate(lang, s) }
	deadline := "–"
	if m := d.Meeting; m != nil {
		deadline = dateTime(lang, m.RegistrationClosesAt.In(m.Zone()))
	} else if d.ClosesAt != nil {
		deadline = dateTime(lang, d.ClosesAt.In(meeting.OfficeLocation()))
	}
	contact := i18n.T(lang, "page.office_default")
	if p := d.Office.Profile; p != nil {
		var parts []string
		for _, s := range []string{p.NameIn(lang), p.Email, p.Phone} {
			if strings.TrimSpace(s) != "" {
				parts = append(parts, iso(s))
			}
		}
		contact = strings.Join(parts, ", ")
	}
	v.Own = body(d.Text, map[string]string{PhOrganisation: iso(d.Organisation), PhTitle: iso(d.Title.In(lang)),
		PhDeadline: deadline, PhContact: contact}, d.URL)
	v.Lead, v.Description, v.Deadline, v.Extra = "", "", "", ""
	v.Action, v.ActionHint, v.ActionURL = "", "", ""
}

// dateTime writes a day and a time of it as lang does, each kept in its
// own direction.
func dateTime(lang string, t time.Time) string {
	return i18n.T(lang, "mail.date_time", i18n.Isolate(lang, i18n.Date(lang, t)), i18n.Isolate(lang, i18n.Clock(lang, t)))
}

func execute(v view, subject string) (*Rendered, error) {
	var text, html bytes.Buffer
	parseOnce.Do(parseTemplates)
	if err := textTmpl.Execute(&text, v); err != nil {
		return nil, fmt.Errorf("mail: text template: %w", err)
	}
	if err := htmlTmpl.Execute(&html, v); err != nil {
		return nil, fmt.Errorf("mail: html template: %w", err)
	}
	return &Rendered{Subject: oneLine(subject), Text: text.String(), HTML: html.String(), Lang: v.Lang}, nil
}

// oneLine removes line breaks and other control characters: header values
// must never carry them.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }), " ")
}

// Feedback is a message from an office's feedback form, for the office.
type Feedback struct {
	Office  string // the office's name
	Message string
	Email   string // the sender's, optional
	Page    string // the page it is about, optional
	Lang    string // the language the sender wrote from
	At      time.Time
	// From is the office itself: the footer links its pages (the mail
	// goes to the office, so it is not signed with its contact).
	From Office
}

// RenderFeedback renders a feedback message for the office, in German
// (the office's working language).
func RenderFeedback(d Feedback) (*Rendered, error) {
	lang := i18n.Default
	v := newView(lang, d.Office, i18n.Text{lang: i18n.T(lang, "page.legal_feedback")}, d.From)
	v.Contact = nil
	v.Lead = i18n.T(lang, "mail.office_feedback.lead", dateTime(lang, d.At.In(meeting.OfficeLocation())))
	v.Description = d.Message
	var extra []string
	if d.Page != "" {
		extra = append(extra, i18n.T(lang, "mail.office_feedback.page", d.Page))
	}
	if d.Email != "" {
		extra = append(extra, i18n.T(lang, "mail.office_feedback.email", d.Email))
	} else {
		extra = append(extra, i18n.T(lang, "mail.office_feedback.no_email"))
	}
	extra = append(extra, i18n.T(lang, "mail.office_feedback.language", i18n.T(Language(d.Lang), "page.language_name")))
	v.Extra = strings.Join(extra, " · ")
	v.ClosingLines = []string{i18n.T(lang, "mail.office_feedback.closing")}
	return execute(v, i18n.T(lang, "mail.office_feedback.subject"))
}
