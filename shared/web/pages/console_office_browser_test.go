package pages_test

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
)

// TestConsoleOfficeFormInTheBrowser: the office profile's form in German
// and Arabic, as it comes and with errors (beside the fields and in the
// summary), is axe-clean and fits 320 px; fixed, it saves, and a public
// page (not opened before: nothing cached) shows the new name.
func TestConsoleOfficeFormInTheBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	run(t, ctx, "dev sign-in", chromedp.Navigate(s.base+"/console/dev-sign-in?office="+seed.Office), chromedp.WaitReady("h1", chromedp.ByQuery))
	for _, lang := range []string{"de", "ar"} {
		run(t, ctx, "office form "+lang, chromedp.Navigate(s.base+"/console?lang="+lang), chromedp.WaitReady("h1", chromedp.ByQuery),
			chromedp.Click(`nav a[href^="/console/office"]`, chromedp.ByQuery), chromedp.WaitReady("#senderName", chromedp.ByQuery))
		axe(t, ctx, "console office form "+lang)
		fits(t, ctx, "console-office-"+lang)
		// The sender name emptied and a notice text changed without a new
		// version: two errors.
		run(t, ctx, "errors", emulation.SetScriptExecutionDisabled(false),
			chromedp.Evaluate(`document.querySelector("#senderName").value = ""; document.querySelector("#privacyNotice-text-de").value = "## Neu\nGeänderter Text"`, nil),
			emulation.SetScriptExecutionDisabled(true))
		loads(t, ctx, "send", chromedp.Click(`form.stack button[type="submit"]`, chromedp.ByQuery))
		var summary string
		run(t, ctx, "summary", chromedp.WaitReady(".error-summary", chromedp.ByQuery), chromedp.Text(".error-summary", &summary, chromedp.ByQuery))
		if n := strings.Count(summary, "\n"); !strings.Contains(summary, map[string]string{"de": "neue Fassung", "ar": "نسخة جديدة"}[lang]) || n < 2 {
			t.Errorf("%s: summary %q", lang, summary)
		}
		axe(t, ctx, "console office form with errors "+lang)
		look(t, ctx, "console-office-errors-"+lang)
	}
	run(t, ctx, "fix", chromedp.Navigate(s.base+"/console/office?lang=de"), chromedp.WaitReady("#senderName", chromedp.ByQuery),
		emulation.SetScriptExecutionDisabled(false), chromedp.Evaluate(`document.querySelector("#name-de").value = ""`, nil), emulation.SetScriptExecutionDisabled(true),
		chromedp.SendKeys("#name-de", "Landratsamt Musterkreis – Integrationsbüro", chromedp.ByQuery))
	loads(t, ctx, "save", chromedp.Click(`form.stack button[type="submit"]`, chromedp.ByQuery))
	var flash string
	run(t, ctx, "saved", chromedp.WaitReady(".kern-alert--success", chromedp.ByQuery), chromedp.Text(".kern-alert--success", &flash, chromedp.ByQuery))
	if !strings.Contains(flash, "gespeichert") {
		t.Errorf("after saving: %q %s", flash, pageText(ctx))
	}
	axe(t, ctx, "console office saved de")
	var office string
	run(t, ctx, "public page", chromedp.Navigate(s.base+"/p/demo/privacy?lang=de"), chromedp.WaitReady("h1", chromedp.ByQuery),
		chromedp.Text(".site-header__office", &office, chromedp.ByQuery))
	if office != "Landratsamt Musterkreis – Integrationsbüro" {
		t.Errorf("public header: %q", office)
	}
}
