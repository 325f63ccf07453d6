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
	htmltemplate "html/template"
	"strings"
	"sync"
	texttemplate "text/template"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// Data is what an email is about.
type Data struct {
	Kind             outbox.Kind
	Registration     *meeting.Registration
	Meeting          *meeting.Meeting
	WaitlistPosition int
	ManageURL        string
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

// view is the template's data: every string already in the right language.
type view struct {
	Lang, Dir             string
	Greeting, Lead, Extra string
	When, Where, Online   string
	WhenText, Title       string
	Description           string
	Address, OnlineURL    string
	Action, ActionHint    string
	ActionURL             string
	ClosingLines          []string
}

// Render renders d in the registrant's language (German if not available).
func Render(d Data) (*Rendered, error) {
	code := d.Registration.Language
	l, ok := texts[code]
	if !ok {
		code = i18n.Default
		l = texts[code]
	}
	name := string(d.Kind)
	if d.Kind == outbox.Updated && d.Registration.Status == meeting.Waitlisted {
		name += ".waitlisted"
	}
	kt, ok := l.Kinds[name]
	if !ok {
		return nil, fmt.Errorf("mail: unknown kind %q", name)
	}
	m := d.Meeting
	lead, extra := kt.Lead, kt.Extra
	switch {
	case d.Kind == outbox.Waitlisted:
		lead = fmt.Sprintf(kt.Lead, d.WaitlistPosition)
	case name == "updated.waitlisted":
		extra = fmt.Sprintf(kt.Extra, d.WaitlistPosition)
	}
	v := view{
		Lang: code, Dir: l.Dir, Greeting: fmt.Sprintf(l.Greeting, d.Registration.Name),
		Lead: lead, Extra: extra, When: l.When, Where: l.Where, Online: l.Online,
		WhenText: l.formatSpan(m.StartsAt, m.EndsAt, m.Zone()), Title: m.Title.In(code),
		Description: m.Description.In(code), Address: m.Location.Address, OnlineURL: m.Location.OnlineURL,
		ClosingLines: strings.Split(l.Closing, "\n"),
	}
	if d.Kind != outbox.Cancelled {
		v.Action, v.ActionHint, v.ActionURL = l.Manage, l.ManageHint, d.ManageURL
	}
	v.place(m)
	return execute(v, fmt.Sprintf(kt.Subject, m.Title.In(code)))
}

func (v *view) place(m *meeting.Meeting) {
	v.Address, v.OnlineURL = m.Location.Address, m.Location.OnlineURL
	if m.Location.Name != "" {
		v.Address = strings.TrimSpace(m.Location.Name + ", " + m.Location.Address)
	}
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
	URL          string
}

// RenderInvitation renders an invitation or reminder.
func RenderInvitation(d Invitation) (*Rendered, error) {
	code := d.Language
	l, ok := texts[code]
	if !ok {
		code = i18n.Default
		l = texts[code]
	}
	target, action := "survey", l.TakeSurvey
	if d.Meeting != nil {
		target, action = "meeting", l.Register
	}
	kt, ok := l.Kinds[string(d.Kind)+"."+target]
	if !ok {
		return nil, fmt.Errorf("mail: unknown kind %q", d.Kind)
	}
	v := view{
		Lang: code, Dir: l.Dir, Greeting: fmt.Sprintf(l.Greeting, d.Organisation), Lead: kt.Lead, Extra: kt.Extra,
		When: l.When, Where: l.Where, Online: l.Online, Title: d.Title.In(code), Description: d.Description.In(code),
		Action: action, ActionHint: l.InviteHint, ActionURL: d.URL, ClosingLines: strings.Split(l.Closing, "\n"),
	}
	if m := d.Meeting; m != nil {
		v.WhenText = l.formatSpan(m.StartsAt, m.EndsAt, m.Zone())
		v.place(m)
	}
	return execute(v, fmt.Sprintf(kt.Subject, d.Title.In(code)))
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

func (l lang) formatSpan(start, end time.Time, loc *time.Location) string {
	s, e := start.In(loc), end.In(loc)
	out := fmt.Sprintf(l.DateFmt, l.Weekdays[s.Weekday()], s.Day(), l.Months[s.Month()-1], s.Year(),
		s.Format("15:04"), e.Format("15:04"))
	if e.YearDay() != s.YearDay() || e.Year() != s.Year() {
		out = fmt.Sprintf(l.DateFmt, l.Weekdays[s.Weekday()], s.Day(), l.Months[s.Month()-1], s.Year(),
			s.Format("15:04"), fmt.Sprintf("%d. %s %s", e.Day(), l.Months[e.Month()-1], e.Format("15:04")))
	}
	return out + " (" + loc.String() + ")"
}

// oneLine removes line breaks and other control characters: header values
// must never carry them.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }), " ")
}
