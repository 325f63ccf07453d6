package pages_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// TestLegalPagesInTheBrowser: the office's privacy notice (current and an
// earlier version), accessibility statement, Leichte Sprache page and
// feedback form (empty, with errors, thank-you) in German and Arabic:
// axe finds no violation and nothing scrolls sideways at 320 px; the
// feedback form's errors are in its summary and beside the field.
func TestLegalPagesInTheBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	for _, lang := range []string{"de", "ar"} {
		for _, p := range []struct{ name, path string }{
			{"privacy", "/p/demo/privacy"},
			{"privacy-version", "/p/demo/privacy?version=2026-11"},
			{"accessibility", "/p/demo/accessibility"},
			{"easy", "/p/demo/easy"},
		} {
			u := s.base + p.path
			if strings.Contains(u, "?") {
				u += "&lang=" + lang
			} else {
				u += "?lang=" + lang
			}
			run(t, ctx, "open "+p.name, chromedp.Navigate(u), chromedp.WaitReady("h1", chromedp.ByQuery))
			axe(t, ctx, p.name+" "+lang)
			if p.name == "privacy" { // the README's pictures
				look(t, ctx, p.name+"-"+lang)
			} else {
				fits(t, ctx, p.name+"-"+lang)
			}
			footer(t, ctx, p.name+" "+lang)
		}
		run(t, ctx, "open feedback", chromedp.Navigate(s.base+"/p/demo/feedback?lang="+lang+"&page=/s/"+seed.SurveyID), chromedp.WaitReady("form", chromedp.ByQuery))
		axe(t, ctx, "feedback "+lang)
		fits(t, ctx, "feedback-"+lang)
		keyboard(t, ctx, "feedback "+lang)
		submitAfter(t, ctx, `main button[type="submit"]`)
		var summary, beside string
		run(t, ctx, "errors", chromedp.Text(".error-summary", &summary, chromedp.ByQuery), chromedp.Text("#message-error", &beside, chromedp.ByQuery))
		if want := map[string]string{"de": "Bitte schreiben Sie Ihre Nachricht.", "ar": "يُرجى كتابة رسالتك."}[lang]; !strings.Contains(summary, want) || strings.TrimSpace(beside) != want {
			t.Errorf("%s: summary %q, beside the field %q", lang, summary, beside)
		}
		if v := value(t, ctx, "#page"); v != "/s/"+seed.SurveyID {
			t.Errorf("%s: the page field lost its value: %q", lang, v)
		}
		axe(t, ctx, "feedback with errors "+lang)
		fits(t, ctx, "feedback-errors-"+lang)
		run(t, ctx, "write", chromedp.SendKeys("#message", map[string]string{"de": "Der Kontrast der Knöpfe ist zu schwach.", "ar": "التباين ضعيف جدًا."}[lang], chromedp.ByQuery))
		submitAfter(t, ctx, `main button[type="submit"]`)
		var loc string
		run(t, ctx, "thanks", chromedp.Location(&loc))
		if !strings.Contains(loc, "sent=1") {
			t.Fatalf("%s: after sending at %s: %s", lang, loc, pageText(ctx))
		}
		axe(t, ctx, "feedback thanks "+lang)
		fits(t, ctx, "feedback-thanks-"+lang)
		footer(t, ctx, "feedback thanks "+lang)
	}
	if n := len(s.items(t, "feedback")); n != 2 {
		t.Errorf("%d feedback messages stored, want 2", n)
	}
}

// TestFooterOnEveryPublicPage: on the survey, its thank-you page, the
// meeting and a registration's page, in German and Arabic, every link of
// the footer (the office's legal pages) gets the focus by Tab, visibly,
// and its text is readable (at least 14 px, inside the page at 320 px).
func TestFooterOnEveryPublicPage(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	tokens, _ := linktoken.New(secret)
	priv := true
	res, err := meeting.NewService(dynamo.New(s.db, s.table), tokens, time.Now).Register(context.Background(), seed.MeetingID,
		&meeting.Request{Name: "Jürgen Weiß", Email: "juergen@" + s.domain, Language: "de", Consent: &meeting.Consent{Privacy: &priv}}, "de", (*idempotency.Claim)(nil))
	if err != nil {
		t.Fatal(err)
	}
	token := tokens.Token(meeting.TokenKind, res.RegistrationID)
	for _, lang := range []string{"de", "ar"} {
		for _, p := range []struct{ name, path string }{
			{"survey", "/s/" + seed.SurveyID},
			{"thanks", "/s/" + seed.SurveyID + "/thanks"},
			{"meeting", "/m/" + seed.MeetingID},
			{"registration", "/r/" + token},
		} {
			run(t, ctx, "open "+p.name, chromedp.Navigate(s.base+p.path+"?lang="+lang), chromedp.WaitReady("footer", chromedp.ByQuery))
			footer(t, ctx, p.name+" "+lang)
			run(t, ctx, "narrow", emulation.SetDeviceMetricsOverride(narrowest, 800, 1, true))
			readable(t, ctx, p.name+" "+lang+" at 320 px")
			run(t, ctx, "wide", wide())
		}
	}
}

// footer tabs through the page from its start until past the footer:
// each footer link gets the focus, visibly; and the footer is readable.
func footer(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	var links []string
	var stops int
	run(t, ctx, "footer links", emulation.SetScriptExecutionDisabled(false),
		chromedp.Evaluate(`[...document.querySelectorAll("footer a[href]")].map(a => a.getAttribute("href"))`, &links),
		chromedp.Evaluate(`[...document.querySelectorAll("a[href], input:not([type=hidden]), select, textarea, button")].filter(e => e.tabIndex >= 0).length`, &stops),
		chromedp.Evaluate(`document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0)`, nil))
	if len(links) < 5 {
		t.Errorf("%s: the footer has %d links, want the office's five: %v", what, len(links), links)
	}
	reached := map[string]bool{}
	for i := 0; i < stops+2 && len(reached) < len(links); i++ {
		var focus struct {
			Href    string `json:"href"`
			Footer  bool   `json:"footer"`
			Visible bool   `json:"visible"`
		}
		run(t, ctx, "tab", chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(`(() => { const e = document.activeElement, s = getComputedStyle(e);
			return {href: e.getAttribute("href") || "", footer: !!e.closest("footer"), visible: s.outlineStyle !== "none" || s.boxShadow !== "none"} })()`, &focus))
		if focus.Footer {
			reached[focus.Href] = true
			if !focus.Visible {
				t.Errorf("%s: the focus on the footer's %s is not visible", what, focus.Href)
			}
		}
	}
	run(t, ctx, "scripts off", emulation.SetScriptExecutionDisabled(true))
	for _, l := range links {
		if !reached[l] {
			t.Errorf("%s: Tab does not reach the footer's %s", what, l)
		}
	}
	readable(t, ctx, what)
}

// readable checks the footer's text: at least 14 px, every link inside
// the page's width.
func readable(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	var bad []string
	run(t, ctx, "footer text", emulation.SetScriptExecutionDisabled(false), chromedp.Evaluate(`[...document.querySelectorAll("footer p, footer a")].flatMap(e => {
		const r = e.getBoundingClientRect(), px = parseFloat(getComputedStyle(e).fontSize), w = document.documentElement.clientWidth;
		return (px < 14 || r.left < 0 || r.right > w + 1 || r.width === 0) ? [e.tagName + " " + e.textContent.trim().slice(0, 30) + " " + px + "px " + Math.round(r.left) + ".." + Math.round(r.right) + "/" + w] : [] })`, &bad),
		emulation.SetScriptExecutionDisabled(true))
	for _, b := range bad {
		t.Errorf("%s: footer not readable: %s", what, b)
	}
}
