package pages_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// TestConsoleInvitationsInTheBrowser: the survey page's parts, one
// invitation added by its form and opened from the list, its change form
// with an error, its delete question, the mail texts with an unknown
// placeholder and the reminder's confirm step pass axe-core and fit 320
// px, in German and in Arabic, without JavaScript.
func TestConsoleInvitationsInTheBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	survey := s.base + "/console/surveys/" + seed.SurveyID
	run(t, ctx, "dev sign-in", chromedp.Navigate(s.base+"/console/dev-sign-in?office="+seed.Office), chromedp.WaitReady("h1", chromedp.ByQuery))
	// shot checks that the page fits 320 px and, with WIDE_SHOTS=dir,
	// saves it at 320 and 1280 px, taken in a tab of its own (a full
	// screenshot leaves the tab's later clicks off their targets).
	shot := func(name string) {
		fits(t, ctx, name)
		dir := os.Getenv("WIDE_SHOTS")
		if dir == "" {
			return
		}
		var url string
		run(t, ctx, "where", chromedp.Location(&url))
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		run(t, tab, "open "+name, emulation.SetScriptExecutionDisabled(true), chromedp.Navigate(url), chromedp.WaitReady("h1", chromedp.ByQuery))
		for _, w := range []int64{320, 1280} {
			var png []byte
			run(t, tab, "screenshot", emulation.SetDeviceMetricsOverride(w, 900, 1, w < 600), chromedp.FullScreenshot(&png, 100))
			_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, w)), png, 0o644)
		}
	}
	for _, lang := range []string{"de", "ar"} {
		q := "?lang=" + lang
		run(t, ctx, "survey page "+lang, chromedp.Navigate(survey+q), chromedp.WaitReady("#invitations", chromedp.ByQuery))
		axe(t, ctx, "console survey page "+lang)
		shot("console-survey-" + lang)

		// One invitation by the form on the invitations part.
		org := "Kulturverein " + lang
		run(t, ctx, "add one "+lang, chromedp.SetValue("#organisation", org, chromedp.ByQuery),
			chromedp.SetValue("#email", lang+"@"+s.domain, chromedp.ByQuery), chromedp.SetValue("#language", "tr", chromedp.ByQuery),
			chromedp.Click(`form[aria-labelledby="add-title"] button`, chromedp.ByQuery), chromedp.WaitReady(".kern-alert--success", chromedp.ByQuery))
		if text := mainText(t, ctx); !strings.Contains(text, org) || !strings.Contains(text, lang+"@"+s.domain) {
			t.Fatalf("%s: after adding, the page lacks %q or its address: %s", lang, org, text)
		}
		// The list links it (followed as a link: a click can miss in a table that scrolls sideways).
		var href string
		var found bool
		link := `a[href*="/invitations/` + invitation.ID(invitation.Survey, seed.SurveyID, lang+"@"+s.domain) + `"]`
		run(t, ctx, "find its link "+lang, chromedp.AttributeValue(link, "href", &href, &found, chromedp.ByQuery, chromedp.AtLeast(0)))
		if !found {
			t.Fatalf("%s: the list does not link the invitation", lang)
		}
		run(t, ctx, "open it "+lang, chromedp.Navigate(s.base+href), chromedp.WaitReady("#change", chromedp.ByQuery))
		if text := mainText(t, ctx); !strings.Contains(text, org) {
			t.Errorf("%s: the invitation page lacks its organisation", lang)
		}
		axe(t, ctx, "console invitation "+lang)
		shot("console-invitation-" + lang)

		// A bad address: the form again with its error.
		run(t, ctx, "bad address "+lang, chromedp.SetValue("#email", "kein-at", chromedp.ByQuery),
			chromedp.Click(`#change ~ form button, section[aria-labelledby="change"] form button`, chromedp.ByQuery), chromedp.WaitReady(".error-summary", chromedp.ByQuery))
		axe(t, ctx, "console invitation with an error "+lang)
		fits(t, ctx, "console-invitation-error-"+lang)

		// Delete asks first.
		run(t, ctx, "delete question "+lang, chromedp.Click(`form:has(input[value="delete"]) button`, chromedp.ByQuery), chromedp.WaitReady(`input[name="confirm"]`, chromedp.ByQuery))
		axe(t, ctx, "console invitation delete question "+lang)
		fits(t, ctx, "console-invitation-delete-"+lang)

		// Mail texts: the page, then an unknown placeholder refused.
		run(t, ctx, "mail texts "+lang, chromedp.Navigate(survey+"/mail-texts"+q), chromedp.WaitReady("#texts", chromedp.ByQuery))
		axe(t, ctx, "console mail texts "+lang)
		shot("console-mail-texts-" + lang)
		run(t, ctx, "unknown placeholder "+lang, chromedp.SetValue(`textarea[name="invitation.tr"]`, "Merhaba {isim}: {link}", chromedp.ByQuery),
			chromedp.Click(`button[value="preview"]`, chromedp.ByQuery), chromedp.WaitReady(".error-summary", chromedp.ByQuery))
		if text := mainText(t, ctx); !strings.Contains(text, "{isim}") {
			t.Errorf("%s: the error does not name the unknown placeholder", lang)
		}
		axe(t, ctx, "console mail texts with an error "+lang)
		fits(t, ctx, "console-mail-texts-error-"+lang)

		// The reminder's confirm step: an invitation of two days ago is due.
		tokens, err := linktoken.New(secret)
		if err != nil {
			t.Fatal(err)
		}
		past := admin.New(dynamo.New(s.db, s.table), tokens, func() time.Time { return time.Now().Add(-48 * time.Hour) })
		if _, err := past.Invite(context.Background(), &auth.Coordinator{Office: seed.Office}, invitation.Survey, seed.SurveyID,
			[]invitation.Entry{{Organisation: "Alter Verein", Email: "old-" + lang + "@" + s.domain, Language: "ar"}}, nil, "de"); err != nil {
			t.Fatal(err)
		}
		run(t, ctx, "remind "+lang, chromedp.Navigate(survey+q), chromedp.WaitReady("#remind-title", chromedp.ByQuery),
			chromedp.Click(`form[aria-labelledby="remind-title"] button`, chromedp.ByQuery), chromedp.WaitReady(`input[name="confirm"]`, chromedp.ByQuery))
		if text := mainText(t, ctx); !strings.Contains(text, "العربية: ") || !strings.Contains(text, " – ") {
			t.Errorf("%s: the reminder's confirm step does not count per language: %s", lang, text)
		}
		axe(t, ctx, "console remind confirm "+lang)
		look(t, ctx, "console-remind-"+lang)
	}
}

// mainText is the text of the page's main part.
func mainText(t *testing.T, ctx context.Context) string {
	t.Helper()
	var text string
	run(t, ctx, "read main", chromedp.Text("main", &text, chromedp.ByQuery))
	return text
}
