package pages_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
)

// TestEditorInTheBrowser: a coordinator makes a survey in the console's
// editor with the keyboard and the mouse only, no JavaScript: an empty
// survey, three sections, questions of several types with options, a
// condition, a translated label, publish. axe-core checks the editor's
// pages in German and Arabic, with and without errors; each page fits
// 320 px.
func TestEditorInTheBrowser(t *testing.T) {
	s := newSite(t)
	// A browser signed in: one browser's time is bounded, so each part of
	// the walk has its own.
	signedIn := func() context.Context {
		ctx := browser(t)
		run(t, ctx, "dev sign-in", chromedp.Navigate(s.base+"/console/dev-sign-in?office="+seed.Office), chromedp.WaitReady("h1", chromedp.ByQuery))
		return ctx
	}
	ctx := signedIn()
	var loc string

	for _, lang := range []string{"de", "ar"} {
		run(t, ctx, "new survey "+lang, chromedp.Navigate(s.base+"/console/surveys/new?lang="+lang), chromedp.WaitReady("form", chromedp.ByQuery))
		axe(t, ctx, "editor start "+lang)
		look(t, ctx, "console-editor-new-"+lang)
		run(t, ctx, "create without a title "+lang, chromedp.Click(`#empty ~ form button[type="submit"]`, chromedp.ByQuery), chromedp.WaitReady(".error-summary", chromedp.ByQuery))
		axe(t, ctx, "editor start with errors "+lang)
		fits(t, ctx, "console-editor-new-errors-"+lang)
	}

	// An empty survey.
	run(t, ctx, "create", chromedp.Navigate(s.base+"/console/surveys/new?lang=de"), chromedp.WaitReady("form", chromedp.ByQuery),
		chromedp.SendKeys("#title-de", "Bedarfe der Vereine 2027", chromedp.ByQuery),
		chromedp.Click(`#empty ~ form button[type="submit"]`, chromedp.ByQuery), chromedp.WaitReady("#sections", chromedp.ByQuery),
		chromedp.Location(&loc))
	if !strings.Contains(loc, "/edit") {
		t.Fatalf("after creating at %s: %s", loc, pageText(ctx))
	}
	// The pages in German (the browser asks for English): the links and
	// forms keep ?lang.
	edit := strings.SplitN(loc, "?", 2)[0]
	de := edit + "?lang=de"

	// Three sections.
	for _, title := range []string{"Über Ihren Verein", "Räume", "Wünsche"} {
		run(t, ctx, "section "+title, chromedp.Navigate(de), chromedp.WaitReady("#sections", chromedp.ByQuery),
			chromedp.Click(`a.kern-btn[href*="/edit/section"]`, chromedp.ByQuery), chromedp.WaitReady("#title-de", chromedp.ByQuery),
			chromedp.SendKeys("#title-de", title, chromedp.ByQuery),
			chromedp.Click(`form.stack button[type="submit"]`, chromedp.ByQuery), chromedp.WaitReady("#sections", chromedp.ByQuery))
	}

	ctx = signedIn()
	// A single choice in "Räume": the type on its own page, then the form;
	// its options added row by row.
	run(t, ctx, "add question", chromedp.Navigate(de), chromedp.WaitReady("#s-raeume", chromedp.ByQuery),
		chromedp.Click(`#s-raeume a[href*="/edit/question?"][href*="section="]`, chromedp.ByQuery), chromedp.WaitReady("#type", chromedp.ByQuery))
	axe(t, ctx, "editor question type de")
	look(t, ctx, "console-editor-type-de")
	run(t, ctx, "single choice", chromedp.Click("#type-single_choice", chromedp.ByQuery), chromedp.Click(`form.stack button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitReady("#label-de", chromedp.ByQuery))
	// Saved without a label: the errors beside their fields.
	run(t, ctx, "save empty", chromedp.Click(`button[value="save"]`, chromedp.ByQuery), chromedp.WaitReady(".error-summary", chromedp.ByQuery))
	axe(t, ctx, "editor question with errors de")
	look(t, ctx, "console-editor-question-errors-de")
	run(t, ctx, "fill question", chromedp.SendKeys("#label-de", "Hat Ihr Verein eigene Räume?", chromedp.ByQuery),
		chromedp.SendKeys("#label-ar", "هل لدى جمعيتكم قاعات خاصة؟", chromedp.ByQuery),
		chromedp.Click("#required", chromedp.ByQuery),
		chromedp.SendKeys("#options-new-code", "yes", chromedp.ByQuery), chromedp.SendKeys("#options-new-label-de", "Ja", chromedp.ByQuery),
		chromedp.Click(`button[value="add"]`, chromedp.ByQuery), chromedp.WaitReady("#options-0-code", chromedp.ByQuery),
		chromedp.SendKeys("#options-new-code", "no", chromedp.ByQuery), chromedp.SendKeys("#options-new-label-de", "Nein", chromedp.ByQuery),
		chromedp.Click(`button[value="add"]`, chromedp.ByQuery), chromedp.WaitReady("#options-1-code", chromedp.ByQuery))
	axe(t, ctx, "editor question de")
	look(t, ctx, "console-editor-question-de")
	run(t, ctx, "save question", chromedp.SendKeys("#label-de", kb.Enter, chromedp.ByQuery), chromedp.WaitReady("#sections", chromedp.ByQuery))

	ctx = signedIn()
	// A multiple choice and a number in "Wünsche".
	addQuestion := func(typ, label string, fill ...chromedp.Action) {
		t.Helper()
		run(t, ctx, "add "+typ, chromedp.Navigate(de), chromedp.WaitReady("#s-wuensche", chromedp.ByQuery),
			chromedp.Click(`#s-wuensche a[href*="/edit/question?"][href*="section="]`, chromedp.ByQuery), chromedp.WaitReady("#type", chromedp.ByQuery),
			chromedp.Click("#type-"+typ, chromedp.ByQuery), chromedp.Click(`form.stack button[type="submit"]`, chromedp.ByQuery),
			chromedp.WaitReady("#label-de", chromedp.ByQuery), chromedp.SendKeys("#label-de", label, chromedp.ByQuery))
		run(t, ctx, "fill "+typ, fill...)
		var at string
		// Enter in the question's text sends the form with its first button,
		// save (keyboard only).
		run(t, ctx, "save "+typ, chromedp.SendKeys("#label-de", kb.Enter, chromedp.ByQuery), chromedp.WaitReady("#sections, .error-summary", chromedp.ByQuery), chromedp.Location(&at))
		if !strings.Contains(at, "saved=1") {
			t.Fatalf("saving the %s question at %s: %s", typ, at, pageText(ctx))
		}
	}
	addQuestion("multiple_choice", "Was brauchen Sie?",
		chromedp.SendKeys("#options-new-code", "rooms", chromedp.ByQuery), chromedp.SendKeys("#options-new-label-de", "Räume", chromedp.ByQuery),
		chromedp.Click(`button[value="add"]`, chromedp.ByQuery), chromedp.WaitReady("#options-0-code", chromedp.ByQuery),
		chromedp.SendKeys("#options-new-code", "funding", chromedp.ByQuery), chromedp.SendKeys("#options-new-label-de", "Fördermittel", chromedp.ByQuery))
	addQuestion("number", "Wie viele Mitglieder hat Ihr Verein?", chromedp.SendKeys("#min", "0", chromedp.ByQuery))

	ctx = signedIn()
	// The condition: "Was brauchen Sie?" only when there are no own rooms.
	run(t, ctx, "condition", chromedp.Navigate(de), chromedp.WaitReady("#q-was_brauchen_sie", chromedp.ByQuery),
		chromedp.Click(`#q-was_brauchen_sie a[href*="/edit/condition"]`, chromedp.ByQuery), chromedp.WaitReady("#on", chromedp.ByQuery),
		emulation.SetScriptExecutionDisabled(false),
		chromedp.SetValue("#on", "hat_ihr_verein_eigene_raeume", chromedp.ByQuery),
		emulation.SetScriptExecutionDisabled(true),
		chromedp.Click(`form[method="get"] button`, chromedp.ByQuery), chromedp.WaitReady("#test", chromedp.ByQuery))
	run(t, ctx, "condition without values", chromedp.Click(`button[value="add"]`, chromedp.ByQuery), chromedp.WaitReady(".error-summary", chromedp.ByQuery))
	axe(t, ctx, "editor condition with errors de")
	run(t, ctx, "condition values", chromedp.Click("#test", chromedp.ByQuery), chromedp.Click("#codes-1", chromedp.ByQuery),
		chromedp.Click(`button[value="add"]`, chromedp.ByQuery), chromedp.WaitReady("#current", chromedp.ByQuery))
	axe(t, ctx, "editor condition de")
	look(t, ctx, "console-editor-condition-de")

	// A translated label, beside the German one.
	run(t, ctx, "texts", chromedp.Navigate(edit+"/texts?to=en&lang=de"), chromedp.WaitReady("form", chromedp.ByQuery),
		chromedp.SendKeys("#title-en", "Needs of the associations 2027", chromedp.ByQuery),
		chromedp.SendKeys("#questions-1-label-en", "Does your association have rooms of its own?", chromedp.ByQuery),
		chromedp.Click(`form.stack button[type="submit"]`, chromedp.ByQuery), chromedp.WaitReady(".kern-alert--success", chromedp.ByQuery))
	axe(t, ctx, "editor texts de")
	look(t, ctx, "console-editor-texts-de")

	for _, lang := range []string{"de", "ar"} {
		ctx = signedIn()
		run(t, ctx, "editor "+lang, chromedp.Navigate(edit+"?lang="+lang), chromedp.WaitReady("#sections", chromedp.ByQuery))
		axe(t, ctx, "editor "+lang)
		look(t, ctx, "console-editor-"+lang)
		run(t, ctx, "settings "+lang, chromedp.Navigate(edit+"/settings?lang="+lang), chromedp.WaitReady("form", chromedp.ByQuery))
		axe(t, ctx, "editor settings "+lang)
		fits(t, ctx, "console-editor-settings-"+lang)
		run(t, ctx, "question "+lang, chromedp.Navigate(edit+"/question?id=hat_ihr_verein_eigene_raeume&lang="+lang), chromedp.WaitReady("#label-de", chromedp.ByQuery))
		axe(t, ctx, "editor question "+lang)
		fits(t, ctx, "console-editor-question-"+lang)
		run(t, ctx, "texts "+lang, chromedp.Navigate(edit+"/texts?to=ar&lang="+lang), chromedp.WaitReady("form", chromedp.ByQuery))
		axe(t, ctx, "editor texts "+lang)
		fits(t, ctx, "console-editor-texts-ar-"+lang)
		run(t, ctx, "condition "+lang, chromedp.Navigate(edit+"/condition?question=was_brauchen_sie&on=hat_ihr_verein_eigene_raeume&lang="+lang), chromedp.WaitReady("#test", chromedp.ByQuery))
		axe(t, ctx, "editor condition "+lang)
		fits(t, ctx, "console-editor-condition-"+lang)
	}
	ctx = signedIn()
	// Arabic with errors: the settings with the window backwards.
	run(t, ctx, "settings errors ar", chromedp.Navigate(edit+"/settings?lang=ar"), chromedp.WaitReady("form", chromedp.ByQuery),
		emulation.SetScriptExecutionDisabled(false),
		chromedp.SetValue("#opensAt", "2027-03-01T09:00", chromedp.ByQuery), chromedp.SetValue("#closesAt", "2027-02-01T09:00", chromedp.ByQuery),
		emulation.SetScriptExecutionDisabled(true),
		chromedp.Click(`form.stack button[type="submit"]`, chromedp.ByQuery), chromedp.WaitReady(".error-summary", chromedp.ByQuery))
	axe(t, ctx, "editor settings with errors ar")
	fits(t, ctx, "console-editor-settings-errors-ar")

	// A file that is no spreadsheet, uploaded in the editor: the problem
	// named, nothing saved.
	ctx = signedIn()
	bad := filepath.Join(t.TempDir(), "umfrage.xlsx")
	if err := os.WriteFile(bad, []byte("keine Tabelle"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"de", "ar"} {
		run(t, ctx, "spreadsheet "+lang, chromedp.Navigate(edit+"?lang="+lang), chromedp.WaitReady("#spreadsheet", chromedp.ByQuery),
			chromedp.SetUploadFiles("#file", []string{bad}, chromedp.ByQuery),
			chromedp.Click(`form.upload button`, chromedp.ByQuery), chromedp.WaitReady(".error-summary", chromedp.ByQuery))
		axe(t, ctx, "editor spreadsheet with errors "+lang)
		fits(t, ctx, "console-editor-sheet-errors-"+lang)
	}

	// Publish, after a confirm.
	run(t, ctx, "editor", chromedp.Navigate(de), chromedp.WaitReady("#sections", chromedp.ByQuery))
	var text string
	run(t, ctx, "read", chromedp.Text("main", &text, chromedp.ByQuery))
	for _, want := range []string{"Hat Ihr Verein eigene Räume?", "Was brauchen Sie?", "Nur wenn: „Hat Ihr Verein eigene Räume?“ ist Nein", "Wie viele Mitglieder"} {
		if !strings.Contains(text, want) {
			t.Errorf("the editor lacks %q", want)
		}
	}
	if strings.Contains(text, "Entwurf") {
		run(t, ctx, "publish", chromedp.Click(`#publish ~ form button`, chromedp.ByQuery), chromedp.WaitReady(`input[name="confirm"]`, chromedp.ByQuery))
		axe(t, ctx, "editor publish confirm de")
		run(t, ctx, "confirm", chromedp.Click(`input[name="confirm"] ~ button`, chromedp.ByQuery), chromedp.WaitReady("#sections", chromedp.ByQuery),
			chromedp.Text("main", &text, chromedp.ByQuery))
		if !strings.Contains(text, "Die Umfrage ist veröffentlicht.") {
			t.Errorf("after publishing: %s", pageText(ctx))
		}
	} else {
		t.Error("a new survey is no draft")
	}
}
