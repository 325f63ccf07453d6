package pages_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// TestReportInTheBrowser: the report of the demo survey with answers in
// German, Arabic and Russian passes axe-core and fits 320 px in German
// and in Arabic; printed (print media), the console's navigation, the
// download and the buttons are gone, the office's name and the date
// stay, and the tables' heads repeat on every page; it prints to A4.
// With translateAnswers on, each text in another language than German
// and the whole report have a translate button (axe-clean, hidden in
// print).
// REPORT_SHOTS=dir saves it at 320 and 1280 px, printed (PDF) too.
func TestReportInTheBrowser(t *testing.T) {
	// On, for the translate buttons to be checked too (never pressed
	// here: that would call Amazon Translate).
	t.Setenv(routes.EnvTranslateAnswers, "1")
	s := newSite(t)
	store := dynamo.New(s.db, s.table)
	now := time.Now()
	for i, a := range []struct {
		lang, org, text string
		publish         bool
	}{
		{"de", "Kulturverein Mitte e.V.", "Wir brauchen Räume für Sprachkurse am Abend.", true},
		{"ar", "جمعية الأمل", "نحتاج إلى قاعة للاجتماعات يوم السبت", true},
		{"ru", "Русский дом", "Нам нужен зал на 100 человек.", false},
		{"tr", "Köln Türk Derneği", "Gönüllü arıyoruz, özellikle gençler için. Uzun bir metin: " + strings.Repeat("çok ", 40), false},
	} {
		r := &survey.Response{ID: ulid.Make().String(), SurveyID: seed.SurveyID, Office: seed.Office, SubmittedAt: now, Language: a.lang,
			Answers: map[string]any{"org_name": a.org, "fields_of_activity": []string{"culture", "youth"}, "members": "20-49",
				"needs": []string{"rooms", []string{"funding", "volunteers"}[i%2]}, "own_rooms": i%2 == 0, "room_size": float64(20 + 30*i),
				"volunteers": float64(3 * i), "needs_details": a.text, "network_connectedness": float64(1 + i)},
			Consent: survey.Consent{PublishProfile: a.publish}, ExpiresAt: now.Add(time.Hour)}
		if _, err := store.SaveResponse(context.Background(), r, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	ctx := browser(t)
	report := s.base + "/console/surveys/" + seed.SurveyID + "/report"
	run(t, ctx, "dev sign-in", chromedp.Navigate(s.base+"/console/dev-sign-in?office="+seed.Office), chromedp.WaitReady("h1", chromedp.ByQuery))
	dir := os.Getenv("REPORT_SHOTS")
	for _, lang := range []string{"de", "ar"} {
		run(t, ctx, "report "+lang, chromedp.Navigate(report+"?lang="+lang), chromedp.WaitReady("#rate", chromedp.ByQuery))
		text := mainText(t, ctx)
		for _, want := range []string{"نحتاج إلى قاعة للاجتماعات يوم السبت", "Нам нужен зал на 100 человек.", "جمعية الأمل"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the report lacks %q", lang, want)
			}
		}
		var buttons []*cdp.Node
		run(t, ctx, "translate buttons", chromedp.Nodes(`form[action*="/report/translate"] button`, &buttons, chromedp.ByQueryAll))
		if len(buttons) != 4 { // ar, ru, tr and the whole report's
			t.Errorf("%s: %d translate buttons, want 4", lang, len(buttons))
		}
		if strings.Contains(text, "Русский дом") {
			t.Errorf("%s: the report names an organisation that did not consent", lang)
		}
		axe(t, ctx, "console report "+lang)
		fits(t, ctx, "console-report-"+lang)
		if dir != "" {
			for _, w := range []int64{320, 1280} {
				// The top, the first choice question and the free texts,
				// each a screen of 900 px.
				for _, at := range []string{"h1", "#q-needs", "#q-needs_details"} {
					var png []byte
					run(t, ctx, "screenshot", emulation.SetDeviceMetricsOverride(w, 900, 1, w < 600),
						chromedp.ScrollIntoView(at, chromedp.ByQuery), chromedp.CaptureScreenshot(&png))
					_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("report-%s-%d-%s.png", lang, w, strings.Trim(at, "#"))), png, 0o644)
				}
			}
			run(t, ctx, "wide", wide())
		}

		// Printed.
		var shown struct {
			Nav, Actions, Header, Meta, Head string
			Buttons                          int
		}
		run(t, ctx, "print media "+lang, emulation.SetEmulatedMedia().WithMedia("print"),
			emulation.SetScriptExecutionDisabled(false),
			chromedp.Evaluate(`(() => { const d = s => { const e = document.querySelector(s); return e ? getComputedStyle(e).display : "missing" };
				return {Nav: d(".console-nav"), Actions: d(".report-actions"), Header: d(".site-header"), Meta: d(".report-meta"), Head: d(".report-q thead"),
				Buttons: [...document.querySelectorAll("main button")].filter(b => b.getClientRects().length > 0).length} })()`, &shown),
			emulation.SetScriptExecutionDisabled(true))
		if shown.Nav != "none" || shown.Actions != "none" || shown.Meta == "none" || shown.Meta == "missing" || shown.Head != "table-header-group" || shown.Buttons != 0 {
			t.Errorf("%s printed: %+v", lang, shown)
		}
		var meta string
		run(t, ctx, "meta", chromedp.Text(".report-meta", &meta, chromedp.ByQuery))
		if !strings.Contains(meta, "Stabsstelle") && !strings.Contains(meta, "·") {
			t.Errorf("%s: printed without the office's name: %q", lang, meta)
		}
		var pdf []byte
		run(t, ctx, "pdf "+lang, chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().WithPreferCSSPageSize(true).Do(ctx)
			return err
		}), emulation.SetEmulatedMedia().WithMedia(""))
		if !bytes.HasPrefix(pdf, []byte("%PDF")) || !a4.Match(pdf) {
			t.Errorf("%s: not an A4 PDF (%d bytes)", lang, len(pdf))
		}
		if dir != "" {
			_ = os.WriteFile(filepath.Join(dir, "report-"+lang+".pdf"), pdf, 0o644)
		}
	}
}

// a4 is an A4 page's box in a PDF (595 × 842 points).
var a4 = regexp.MustCompile(`/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]`)
