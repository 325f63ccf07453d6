package pages_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// TestDirectoryInTheBrowser: the office's directory, a profile and the
// check of an entry in German and Arabic, axe-clean and fitting 320 px;
// the filter "who offers rooms" by its select and button; the check
// page's withdrawal (untick, send), after which the directory no longer
// lists the organisation.
func TestDirectoryInTheBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	store := dynamo.New(s.db, s.table)
	tokens, _ := linktoken.New(secret)
	now := time.Now()
	mk := func(name, place string, fields, langs, offers, seeks []string, text string) *org.Record {
		r := org.New(seed.Office, name, now)
		r.Contact = org.Contact{Email: strings.ToLower(ulidish(name)) + "@" + s.domain, Person: "Kontaktperson Geheim", Language: "de"}
		r.Municipality, r.Website, r.Fields, r.Languages, r.Offers, r.Seeks, r.OffersText = place, "https://verein.example", fields, langs, offers, seeks, text
		r.Consent = org.Consent{Publish: true, Notice: "2026-11", At: now, By: "answer"}
		if err := store.CreateOrganisation(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	dtk := mk("Deutsch-Türkischer Kulturverein e.V.", "Ludwigsburg", []string{"culture", "youth"}, []string{"de", "tr"}, []string{"rooms", "know_how"}, []string{"volunteers"},
		"Unser Saal (60 Plätze) steht abends und am Wochenende anderen Vereinen offen.")
	mk("جمعية الجالية العربية", "Bietigheim-Bissingen", []string{"education", "women"}, []string{"ar", "de"}, []string{"interpreting"}, []string{"rooms", "funding"}, "")
	mk("Українська громада Людвігсбург", "Ludwigsburg", []string{"refugees", "counselling"}, []string{"uk", "ru", "de"}, []string{"volunteers", "translation"}, []string{"rooms"}, "")
	token := org.EntryToken(tokens, "entry-browser")
	if err := store.QueueEntryCheck(context.Background(), seed.Office, dtk.ID, "entry-browser", linktoken.Hash(token), now); err != nil {
		t.Fatal(err)
	}
	var text string
	for _, lang := range []string{"de", "ar"} {
		run(t, ctx, "the directory", chromedp.Navigate(s.base+"/d/demo?lang="+lang), chromedp.WaitReady("#filter-submit", chromedp.ByQuery))
		run(t, ctx, "read", chromedp.Text("main", &text, chromedp.ByQuery))
		if !strings.Contains(text, "Deutsch-Türkischer") || !strings.Contains(text, "Українська") || strings.Contains(text, "Geheim") {
			t.Fatalf("%s: directory: %s", lang, text)
		}
		axe(t, ctx, "directory "+lang)
		look(t, ctx, "directory-"+lang)
		footer(t, ctx, "directory "+lang)
		// Who offers rooms?
		run(t, ctx, "filter", chromedp.SetValue("#offer", "rooms", chromedp.ByQuery))
		submitAfter(t, ctx, "#filter-submit")
		run(t, ctx, "filtered", chromedp.WaitReady("#results", chromedp.ByQuery), chromedp.Text("main", &text, chromedp.ByQuery))
		if !strings.Contains(text, "Deutsch-Türkischer") || strings.Contains(text, "جمعية الجالية") || strings.Contains(text, "Українська громада") {
			t.Fatalf("%s: who offers rooms: %s", lang, text)
		}
		axe(t, ctx, "directory filtered "+lang)
		fits(t, ctx, "directory-filtered-"+lang)
		run(t, ctx, "a profile", chromedp.Navigate(s.base+"/d/demo/"+dtk.ID+"?lang="+lang), chromedp.WaitReady("h1", chromedp.ByQuery),
			chromedp.Text("main", &text, chromedp.ByQuery))
		if !strings.Contains(text, "Unser Saal") {
			t.Fatalf("%s: profile: %s", lang, text)
		}
		axe(t, ctx, "profile "+lang)
		look(t, ctx, "directory-profile-"+lang)
		// The check page, and with an error.
		run(t, ctx, "the check page", chromedp.Navigate(s.base+"/e/"+token+"?lang="+lang), chromedp.WaitReady("#entry-submit", chromedp.ByQuery))
		axe(t, ctx, "entry "+lang)
		look(t, ctx, "entry-"+lang)
		keyboard(t, ctx, "entry "+lang)
		// Sent at once: the form's minimum fill time says try again.
		run(t, ctx, "send at once", chromedp.Navigate(s.base+"/e/"+token+"?lang="+lang), chromedp.WaitReady("#entry-submit", chromedp.ByQuery),
			chromedp.Click("#entry-submit", chromedp.ByQuery))
		ectx, cancel := context.WithTimeout(ctx, 30*time.Second)
		run(t, ectx, "errors", chromedp.WaitReady(".error-summary", chromedp.ByQuery))
		cancel()
		axe(t, ctx, "entry with errors "+lang)
		fits(t, ctx, "entry-errors-"+lang)
	}
	// Withdraw: untick and send; the directory lists it no more.
	run(t, ctx, "the check page", chromedp.Navigate(s.base+"/e/"+token+"?lang=de"), chromedp.WaitReady("#entry-submit", chromedp.ByQuery),
		chromedp.Click("#publish", chromedp.ByQuery))
	submitAfter(t, ctx, "#entry-submit")
	run(t, ctx, "saved", chromedp.Text("main", &text, chromedp.ByQuery))
	if !strings.Contains(text, "nicht im Verzeichnis") {
		t.Fatalf("after the withdrawal: %s", text)
	}
	axe(t, ctx, "entry saved de")
	fits(t, ctx, "entry-saved-de")
	run(t, ctx, "the directory again", chromedp.Navigate(s.base+"/d/demo?lang=de"), chromedp.WaitReady("#results", chromedp.ByQuery),
		chromedp.Text("main", &text, chromedp.ByQuery))
	if strings.Contains(text, "Deutsch-Türkischer") || !strings.Contains(text, "2 Organisationen") {
		t.Fatalf("withdrawn, but: %s", text)
	}
}

// ulidish is a name as letters for an address.
func ulidish(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "org" + time.Now().Format("150405.000000")[7:]
	}
	return b.String()
}
