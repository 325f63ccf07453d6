package pages_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

var meetingInvitation = regexp.MustCompile(`https?://[^\s]+/m/[^\s?]+\?invitation=[^\s]+`)

// TestConsoleInTheBrowser: a coordinator signs in (the dev sign-in), makes
// a meeting through the form, uploads an invitation list, the invited
// organisation registers through the link in its mail, and the console
// shows the registration and its needs; the XLSX download keeps Arabic and
// Turkish text. axe-core checks every console page in German and Arabic.
func TestConsoleInTheBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	run(t, ctx, "dev sign-in", chromedp.Navigate(s.base+"/console/dev-sign-in?office="+seed.Office), chromedp.WaitReady("h1", chromedp.ByQuery))
	var loc string
	run(t, ctx, "home", chromedp.Location(&loc))
	if !strings.HasSuffix(loc, "/console") {
		t.Fatalf("after the dev sign-in at %s: %s", loc, pageText(ctx))
	}
	for _, lang := range []string{"de", "ar"} {
		run(t, ctx, "home "+lang, chromedp.Navigate(s.base+"/console?lang="+lang), chromedp.WaitReady("h1", chromedp.ByQuery))
		axe(t, ctx, "console home "+lang)
		weigh(t, ctx, "console home "+lang)
		look(t, ctx, "console-home-"+lang)
		run(t, ctx, "survey "+lang, chromedp.Navigate(s.base+"/console/surveys/"+seed.SurveyID+"?lang="+lang), chromedp.WaitReady("h1", chromedp.ByQuery))
		axe(t, ctx, "console survey "+lang)
		weigh(t, ctx, "console survey "+lang)
		look(t, ctx, "console-survey-"+lang)
		run(t, ctx, "new meeting "+lang, chromedp.Navigate(s.base+"/console/meetings/new?lang="+lang), chromedp.WaitReady("form", chromedp.ByQuery))
		axe(t, ctx, "console meeting form "+lang)
		fits(t, ctx, "console-meeting-form-"+lang)
		// Sent empty (but for a topic with a link): the errors beside
		// their fields.
		run(t, ctx, "send empty", chromedp.SendKeys("#topics-de", "Mehr auf www.example.org", chromedp.ByQuery), chromedp.Click(`form.stack button[type="submit"]`, chromedp.ByQuery), chromedp.WaitReady(".error-summary", chromedp.ByQuery))
		axe(t, ctx, "console meeting form with errors "+lang)
		look(t, ctx, "console-meeting-form-errors-"+lang)
	}

	// A meeting through the form (datetime fields set directly: how a
	// person types a date depends on the browser's locale).
	start := time.Now().AddDate(0, 1, 0)
	run(t, ctx, "new meeting", chromedp.Navigate(s.base+"/console/meetings/new"), chromedp.WaitReady("form", chromedp.ByQuery),
		chromedp.SendKeys("#title-de", "Netzwerktreffen Winter", chromedp.ByQuery),
		chromedp.SendKeys("#title-ar", "لقاء الشبكة الشتوي", chromedp.ByQuery),
		chromedp.SendKeys("#location-name", "Bürgersaal", chromedp.ByQuery),
		chromedp.SendKeys("#location-address", "Marktplatz 1, 79098 Freiburg", chromedp.ByQuery),
		chromedp.SendKeys("#topics-de", "Räume für Vereine\nFördermittel beantragen", chromedp.ByQuery),
		chromedp.SendKeys("#topics-ar", "قاعات للجمعيات", chromedp.ByQuery),
		emulation.SetScriptExecutionDisabled(false),
		chromedp.SetValue("#startsAt", start.Format("2006-01-02")+"T18:00", chromedp.ByQuery),
		chromedp.SetValue("#endsAt", start.Format("2006-01-02")+"T20:00", chromedp.ByQuery),
		chromedp.SetValue("#registrationClosesAt", start.AddDate(0, 0, -2).Format("2006-01-02")+"T12:00", chromedp.ByQuery),
		chromedp.SetValue("#capacity", "", chromedp.ByQuery),
		emulation.SetScriptExecutionDisabled(true),
		chromedp.SendKeys("#capacity", "25", chromedp.ByQuery),
		chromedp.Click(`form.stack button[type="submit"]`, chromedp.ByQuery), chromedp.WaitReady(".facts", chromedp.ByQuery),
		chromedp.Location(&loc))
	if !strings.Contains(loc, "/console/meetings/demo-") {
		t.Fatalf("after creating the meeting at %s: %s", loc, pageText(ctx))
	}
	meetingPath := strings.SplitN(strings.TrimPrefix(loc, s.base), "?", 2)[0]

	// The invitation list, with a Turkish and an Arabic organisation.
	email := "verein@" + s.domain
	list := filepath.Join(t.TempDir(), "einladungen.csv")
	csv := "organisation;email;language\nTürk Kültür Derneği Şanlıurfa;" + email + ";tr\nجمعية الجالية العربية;arab@" + s.domain + ";ar\n"
	if err := os.WriteFile(list, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "upload", chromedp.SetUploadFiles("#file", []string{list}, chromedp.ByQuery),
		chromedp.Click(`form.upload button`, chromedp.ByQuery), chromedp.WaitReady(".kern-alert--success", chromedp.ByQuery))
	axe(t, ctx, "console meeting de")
	link := ""
	for deadline := time.Now().Add(60 * time.Second); link == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		for _, m := range inbox(t, email) {
			link = meetingInvitation.FindString(m)
		}
	}
	if link == "" {
		t.Fatal("no invitation mail with a link to the meeting")
	}
	run(t, ctx, "open the invitation", chromedp.Navigate(link), chromedp.WaitReady("form", chromedp.ByQuery),
		chromedp.SendKeys("#name", "Ayşe Yılmaz", chromedp.ByQuery),
		chromedp.SendKeys("#role", "منسقة المشاريع", chromedp.ByQuery),
		chromedp.SendKeys("#needs-interpretation", "Arabisch", chromedp.ByQuery),
		chromedp.Click("#consent-privacy", chromedp.ByQuery), chromedp.Click(`label[for="topics-1"]`, chromedp.ByQuery))
	submitAfter(t, ctx, `main button[type="submit"]`)
	run(t, ctx, "registered", chromedp.Location(&loc))
	if !strings.Contains(loc, "/r/") {
		t.Fatalf("after registering at %s: %s", loc, pageText(ctx))
	}

	for _, lang := range []string{"de", "ar"} {
		run(t, ctx, "meeting in the console "+lang, chromedp.Navigate(s.base+meetingPath+"?lang="+lang), chromedp.WaitReady("#registrations", chromedp.ByQuery))
		axe(t, ctx, "console meeting "+lang)
		weigh(t, ctx, "console meeting "+lang)
		look(t, ctx, "console-meeting-"+lang)
		var text string
		run(t, ctx, "read", chromedp.Text("main", &text, chromedp.ByQuery))
		for _, want := range []string{"Ayşe Yılmaz", "Türk Kültür Derneği Şanlıurfa", "1 ×", "Arabisch", "1 × Fördermittel beantragen",
			map[string]string{"de": "0 × Räume für Vereine", "ar": "0 × قاعات للجمعيات"}[lang]} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the console's meeting page lacks %q: %s", lang, want, text)
			}
		}
		run(t, ctx, "attendance "+lang, chromedp.Navigate(s.base+meetingPath+"/attendance?lang="+lang), chromedp.WaitReady("table", chromedp.ByQuery))
		axe(t, ctx, "console attendance "+lang)
		fits(t, ctx, "console-attendance-"+lang)
		run(t, ctx, "edit "+lang, chromedp.Navigate(s.base+meetingPath+"/edit?lang="+lang), chromedp.WaitReady("form", chromedp.ByQuery))
		axe(t, ctx, "console edit "+lang)
		fits(t, ctx, "console-edit-"+lang)
	}

	// A list with a bad line: the page says which, and nobody is invited.
	bad := filepath.Join(t.TempDir(), "bad.csv")
	_ = os.WriteFile(bad, []byte("organisation;email\nGut e.V.;gut@"+s.domain+"\nSchlecht e.V.;keine-adresse\n"), 0o644)
	run(t, ctx, "bad upload", chromedp.Navigate(s.base+meetingPath+"?lang=ar"), chromedp.WaitReady("#file", chromedp.ByQuery),
		chromedp.SetUploadFiles("#file", []string{bad}, chromedp.ByQuery),
		chromedp.Click(`form.upload button`, chromedp.ByQuery), chromedp.WaitReady(".error-summary", chromedp.ByQuery))
	axe(t, ctx, "console upload errors ar")
	fits(t, ctx, "console-upload-errors-ar")
	var summary string
	run(t, ctx, "summary", chromedp.Text(".error-summary", &summary, chromedp.ByQuery))
	if !strings.Contains(summary, "3") {
		t.Errorf("the error summary does not name line 3: %q", summary)
	}
	if got := len(inbox(t, "gut@"+s.domain)); got != 0 {
		t.Errorf("a list with a bad line sent %d mails", got)
	}

	// The erase button asks first; sign-out ends the session.
	run(t, ctx, "erase", chromedp.Navigate(s.base+meetingPath+"?lang=ar"), chromedp.WaitReady("#registrations", chromedp.ByQuery),
		chromedp.Click(`form[action*="/erase"] button`, chromedp.ByQuery), chromedp.WaitReady(`input[name="confirm"]`, chromedp.ByQuery))
	axe(t, ctx, "console erase question ar")
	fits(t, ctx, "console-erase-question-ar")
	defer func() {
		run(t, ctx, "console", chromedp.Navigate(s.base+"/console"), chromedp.WaitReady("h1", chromedp.ByQuery))
		// Waits for the signed-out page itself: the console's own page has
		// a link to /console too, and axe on a page that is navigating away
		// fails.
		loads(t, ctx, "sign out", chromedp.Click(`.console-nav button`, chromedp.ByQuery))
		run(t, ctx, "signed out", chromedp.WaitReady(`main > p > a[href="/console"]`, chromedp.ByQuery))
		axe(t, ctx, "console signed out de")
		fits(t, ctx, "console-signed-out-de")
		var left []*network.Cookie
		run(t, ctx, "cookies after sign-out", chromedp.ActionFunc(func(c context.Context) error {
			var err error
			left, err = network.GetCookies().Do(c)
			return err
		}))
		for _, c := range left {
			if c.Name == "__Host-netzwerk-console" {
				t.Error("the session cookie outlived the sign-out")
			}
		}
	}()

	// The XLSX download, with the browser's session cookie.
	var cookies []*network.Cookie
	run(t, ctx, "cookies", chromedp.ActionFunc(func(c context.Context) error {
		var err error
		cookies, err = network.GetCookies().Do(c)
		return err
	}))
	req, _ := http.NewRequest("GET", s.base+meetingPath+"/registrations.xlsx", nil)
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("XLSX download: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, r := range rows {
		all += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"Ayşe Yılmaz", "Türk Kültür Derneği Şanlıurfa", "منسقة المشاريع", "Arabisch"} {
		if !strings.Contains(all, want) {
			t.Errorf("the XLSX lacks %q:\n%s", want, all)
		}
	}
}

// consoleBudget is a console page with its CSS, gzip (the public
// meeting page's budget).
const consoleBudget = 30_000

// weigh holds the page in the browser, with its CSS, gzip, to the budget.
func weigh(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	css := 0
	for _, p := range web.Stylesheets() {
		resp, ok := web.Asset(regexp.MustCompile(`[^/]+$`).FindString(p), "")
		if !ok {
			t.Fatalf("asset %s", p)
		}
		css += gz(resp.Body)
	}
	var html string
	run(t, ctx, "html", chromedp.OuterHTML("html", &html, chromedp.ByQuery))
	total := gz("<!DOCTYPE html>"+html) + css
	t.Logf("%s: %d bytes gzip with its CSS", what, total)
	if total > consoleBudget {
		t.Errorf("%s: %d bytes gzip with its CSS, budget %d", what, total, consoleBudget)
	}
}
