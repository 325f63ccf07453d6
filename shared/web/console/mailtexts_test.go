package console_test

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestConsoleMailTexts: the texts page shows the catalogue's texts with
// placeholders and a preview per language; a text with an unknown
// placeholder or without the link is refused, naming them, and nothing
// is stored; a preview stores nothing; saved texts are what the mailer
// sends, placeholders filled in, in each recipient's language (a
// language without an own text gets the catalogue's); the reminder
// button first says how many get which text per language.
func TestConsoleMailTexts(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	sp := map[string]string{"surveyId": seed.SurveyID}
	route := "/console/surveys/{surveyId}/mail-texts"
	get := s.Request(routes.Route{Method: "GET", Path: route}, "demo", "")
	get.Params = sp

	page := a.Do(t, h, get)
	lead := i18n.T("de", "mail.invitation.survey.lead")
	if page.StatusCode != 200 || !strings.Contains(html.UnescapeString(page.Body), lead) || !strings.Contains(page.Body, "{link}") ||
		!strings.Contains(page.Body, `name="reminder.uk"`) || !strings.Contains(page.Body, `class="mail-preview" lang="ar" dir="rtl"`) {
		t.Fatalf("texts page: %d %.3000s", page.StatusCode, page.Body)
	}
	// Another office: 404.
	other := s.Request(routes.Route{Method: "GET", Path: route}, "other-office", "")
	other.Params = sp
	if r := a.Do(t, h, other); r.StatusCode != 404 {
		t.Errorf("another office's texts: %d, want 404", r.StatusCode)
	}

	ownDe := "Liebe Leute von {organisation},\n\nbitte antworten Sie bis {deadline} zu „{title}“:\n{link}\n\nFragen? {contact}"
	ownTrReminder := "Sayın {organisation}, lütfen ankete katılın: {link}"
	form := func(action string, change url.Values) url.Values {
		v := url.Values{"action": {action}}
		for k, vs := range change {
			v[k] = vs
		}
		return v
	}

	// Refused: an unknown placeholder (named, with what is allowed), a text without the link; nothing stored.
	for name, c := range map[string]struct {
		values url.Values
		says   []string
	}{
		"unknown placeholder": {url.Values{"invitation.tr": {"Merhaba {name} ve {Organisation}: {link}"}}, []string{"{name}", "{Organisation}", "{organisation}"}},
		"no link":             {url.Values{"invitation.de": {"Bitte antworten Sie."}}, []string{"{link}"}},
	} {
		r := a.Do(t, h, postForm(t, a, s, h, "demo", route, sp, form("save", c.values)))
		body := html.UnescapeString(r.Body)
		if r.StatusCode != 422 || !strings.Contains(body, `error-summary`) {
			t.Errorf("%s: %d, want 422 with the error summary", name, r.StatusCode)
		}
		for _, w := range c.says {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the error does not name %s", name, w)
			}
		}
		if it := a.Get(t, "SURVEY#"+seed.SurveyID, "MAILTEXTS"); it != nil {
			t.Fatalf("%s: texts stored: %v", name, it)
		}
	}
	// Preview: the own text filled in for a sample organisation; nothing stored.
	r := a.Do(t, h, postForm(t, a, s, h, "demo", route, sp, form("preview", url.Values{"invitation.de": {ownDe}})))
	if r.StatusCode != 200 || !strings.Contains(html.UnescapeString(r.Body), "Liebe Leute von Beispielverein e. V.,") {
		t.Errorf("preview: %d, want 200 with the own text filled in", r.StatusCode)
	}
	if it := a.Get(t, "SURVEY#"+seed.SurveyID, "MAILTEXTS"); it != nil {
		t.Fatalf("a preview stored texts: %v", it)
	}
	// Saved: only what differs from the catalogue's.
	values := url.Values{}
	page = a.Do(t, h, get)
	for _, k := range []string{"invitation", "reminder"} {
		for _, l := range i18n.Supported {
			values.Set(k+"."+l, textareaValue(t, page.Body, k+"."+l))
		}
	}
	values.Set("invitation.de", ownDe)
	values.Set("reminder.tr", ownTrReminder)
	r = a.Do(t, h, postForm(t, a, s, h, "demo", route, sp, form("save", values)))
	if r.StatusCode != 303 || !strings.Contains(r.Headers["location"], "saved=1") {
		t.Fatalf("save: %d %q %.2000s", r.StatusCode, r.Headers["location"], r.Body)
	}
	it := a.Get(t, "SURVEY#"+seed.SurveyID, "MAILTEXTS")
	if it == nil || len(it["invitation"].(map[string]any)) != 1 || len(it["reminder"].(map[string]any)) != 1 {
		t.Fatalf("stored texts: %v, want the German invitation and the Turkish reminder only", it)
	}

	// Invitations made two days ago (so that a reminder may go out now).
	ctx := context.Background()
	coord := &auth.Coordinator{Office: "demo"}
	past := admin.New(a.Store, a.Tokens, func() time.Time { return time.Now().Add(-48 * time.Hour) })
	if _, err := past.Invite(ctx, coord, invitation.Survey, seed.SurveyID, []invitation.Entry{
		{Organisation: "Kulturverein Süd", Email: "de@texts.example", Language: "de"},
		{Organisation: "Türk Kültür Derneği", Email: "tr@texts.example", Language: "tr"},
	}, nil, "de"); err != nil {
		t.Fatal(err)
	}
	// The reminder button asks first: per language, how many, which text.
	remind := postForm(t, a, s, h, "demo", "/console/surveys/{surveyId}/reminders", sp, url.Values{})
	r = a.Do(t, h, remind)
	body := html.UnescapeString(r.Body)
	if r.StatusCode != 200 || !strings.Contains(body, "Deutsch: 1 – Standardtext") || !strings.Contains(body, "Türkçe: 1 – eigener Text") ||
		!strings.Contains(body, `name="confirm" value="yes"`) || mailsOf(t, a, "reminder") != 0 {
		t.Fatalf("reminder confirm step: %d %.3000s", r.StatusCode, r.Body)
	}
	remind = postForm(t, a, s, h, "demo", "/console/surveys/{surveyId}/reminders", sp, url.Values{"confirm": {"yes"}})
	if r = a.Do(t, h, remind); r.StatusCode != 303 || !strings.Contains(r.Headers["location"], "reminded=2") {
		t.Fatalf("remind: %d %q", r.StatusCode, r.Headers["location"])
	}

	a.Deliver(t, sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), ""), mailer.Config{})
	mails := map[string][]testenv.Mail{}
	for _, m := range testenv.Inbox(t, "texts.example") {
		to := m.Destination.To[0]
		to = to[strings.LastIndexByte(to, '<')+1:]
		mails[strings.TrimSuffix(to, ">")] = append(mails[strings.TrimSuffix(to, ">")], m)
	}
	if len(mails["de@texts.example"]) != 2 || len(mails["tr@texts.example"]) != 2 {
		t.Fatalf("mails: %d German, %d Turkish, want 2 each", len(mails["de@texts.example"]), len(mails["tr@texts.example"]))
	}
	text := func(to, subject string) testenv.Mail {
		for _, m := range mails[to] {
			if strings.Contains(m.Subject, subject) {
				return m
			}
		}
		t.Fatalf("no mail %q to %s", subject, to)
		return testenv.Mail{}
	}
	de := text("de@texts.example", "Einladung")
	if !strings.Contains(de.Body.Text, "Liebe Leute von Kulturverein Süd,") || !strings.Contains(de.Body.Text, "/s/"+seed.SurveyID+"?invitation=") ||
		strings.Contains(de.Body.Text, "{") || strings.Contains(de.Body.Text, lead) {
		t.Errorf("the German invitation is not the own text filled in:\n%s", de.Body.Text)
	}
	if !strings.Contains(de.Body.HTML, `href="https://integration.example/s/`+seed.SurveyID+`?invitation=`) {
		t.Errorf("the German invitation's HTML has no link:\n%s", de.Body.HTML)
	}
	if m := text("de@texts.example", "Erinnerung"); !strings.Contains(m.Body.Text, i18n.T("de", "mail.reminder.survey.lead")[:40]) {
		t.Errorf("the German reminder is not the standard one:\n%s", m.Body.Text)
	}
	trInv := text("tr@texts.example", "davet")
	if !strings.Contains(trInv.Body.Text, i18n.T("tr", "mail.invitation.survey.lead")[:30]) {
		t.Errorf("the Turkish invitation is not the standard one:\n%s", trInv.Body.Text)
	}
	trRem := text("tr@texts.example", "Hatırlatma")
	if !strings.Contains(trRem.Body.Text, "Sayın Türk Kültür Derneği, lütfen ankete katılın: https://integration.example/s/"+seed.SurveyID+"?invitation=") {
		t.Errorf("the Turkish reminder is not the own text filled in:\n%s", trRem.Body.Text)
	}
}

// mailsOf counts the queued mails of kind.
func mailsOf(t *testing.T, a *testenv.Functions, kind string) int {
	n := 0
	for _, it := range a.Items(t)["outbox"] {
		if it["kind"] == kind {
			n++
		}
	}
	return n
}

// textareaValue is the text of the textarea named name in a page.
func textareaValue(t *testing.T, page, name string) string {
	t.Helper()
	i := strings.Index(page, `name="`+name+`"`)
	if i < 0 {
		t.Fatalf("no textarea %s", name)
	}
	rest := page[i:]
	rest = rest[strings.Index(rest, ">")+1:]
	return html.UnescapeString(rest[:strings.Index(rest, "</textarea>")])
}
