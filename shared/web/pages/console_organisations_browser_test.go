package pages_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// TestOrganisationsInTheBrowser: the register in the console, without
// JavaScript: search, filter, select two and invite them to the demo
// survey, open a record, edit it (a mistake first), merge a duplicate
// into it, erase its contact person; axe-core in German and Arabic, with
// and without errors; 320 px without sideways scrolling.
func TestOrganisationsInTheBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	store := dynamo.New(s.db, s.table)
	put := func(name, email string, change func(*org.Record)) *org.Record {
		r := org.New(seed.Office, name, time.Now())
		r.Contact = org.Contact{Email: email, Language: "de"}
		if change != nil {
			change(r)
		}
		if err := store.CreateOrganisation(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	dtkv := put("Deutsch-Türkischer Kulturverein e.V.", "dtkv@"+s.domain, func(r *org.Record) {
		r.Fields, r.Municipality, r.Languages, r.Offers = []string{"culture", "youth"}, "Mannheim", []string{"tr", "de"}, []string{"rooms"}
		r.Consent = org.Consent{Publish: true, Notice: "1", At: time.Now(), By: "answer"}
	})
	arab := put("جمعية الثقافة العربية", "arab@"+s.domain, func(r *org.Record) { r.Fields, r.Municipality = []string{"culture"}, "Heidelberg" })
	put("Українська громада Мангейм", "ukr@"+s.domain, func(r *org.Record) { r.Fields, r.Municipality = []string{"migration"}, "Mannheim" })
	put("Sportverein Süd", "sport@"+s.domain, func(r *org.Record) {
		r.Fields, r.State, r.Contact.Stale = []string{"sport"}, org.ContactBounced, true
	})
	dup := put("DTKV", "", nil)

	run(t, ctx, "dev sign-in", chromedp.Navigate(s.base+"/console/dev-sign-in?office="+seed.Office), chromedp.WaitReady("h1", chromedp.ByQuery))
	for _, lang := range []string{"de", "ar"} {
		loads(t, ctx, "home "+lang, chromedp.Navigate(s.base+"/console?lang="+lang))
		loads(t, ctx, "organisations "+lang, chromedp.Click(`.console-nav a[href^="/console/organisations"]`, chromedp.ByQuery))
		axe(t, ctx, "organisations "+lang)
		look(t, ctx, "console-organisations-"+lang)
		loads(t, ctx, "record "+lang, chromedp.Navigate(s.base+"/console/organisations/"+dtkv.ID+"?lang="+lang))
		axe(t, ctx, "organisation "+lang)
		look(t, ctx, "console-organisation-"+lang)
		// A mistake: the page again with the error beside its field.
		run(t, ctx, "bad address", chromedp.SetValue("#contact-email", "kaputt", chromedp.ByQuery))
		loads(t, ctx, "save bad", chromedp.Click(`form input[value="save"] ~ button[type="submit"]`, chromedp.ByQuery))
		run(t, ctx, "summary", chromedp.WaitReady(".error-summary", chromedp.ByQuery))
		axe(t, ctx, "organisation with errors "+lang)
		look(t, ctx, "console-organisation-errors-"+lang)
	}

	// Search, then filter.
	loads(t, ctx, "list", chromedp.Navigate(s.base+"/console/organisations?lang=de"))
	run(t, ctx, "search", chromedp.SendKeys("#q", "kultur", chromedp.ByQuery))
	loads(t, ctx, "search", chromedp.Click(`form.filter button[type="submit"]`, chromedp.ByQuery))
	mainText := func() string {
		var text, loc string
		run(t, ctx, "read", chromedp.Text("main", &text, chromedp.ByQuery), chromedp.Location(&loc))
		return loc + "\n" + text
	}
	text := mainText()
	if !strings.Contains(text, "Deutsch-Türkischer Kulturverein") || strings.Contains(text, "Sportverein") {
		t.Errorf("search: %.500s", text)
	}
	loads(t, ctx, "list", chromedp.Navigate(s.base+"/console/organisations?lang=de"))
	run(t, ctx, "filter", chromedp.SetValue("#field", "culture", chromedp.ByQuery))
	loads(t, ctx, "filter", chromedp.Click(`form.filter button[type="submit"]`, chromedp.ByQuery))
	if text = mainText(); !strings.Contains(text, "2 von 5 Organisationen") || strings.Contains(text, "Українська") {
		t.Errorf("filter: %.500s", text)
	}
	// Select the two shown, invite them to the demo survey.
	run(t, ctx, "select", chromedp.Click("#org-"+dtkv.ID, chromedp.ByID), chromedp.Click("#org-"+arab.ID, chromedp.ByID),
		chromedp.SetValue("#target", "survey:"+seed.SurveyID, chromedp.ByQuery))
	loads(t, ctx, "invite", chromedp.Click(`button[name="scope"][value="selected"]`, chromedp.ByQuery))
	if text = mainText(); !strings.Contains(text, "Eingeladen: 2") {
		t.Fatalf("invite: %.800s", text)
	}
	if n := len(s.items(t, "invitation")); n != 2 {
		t.Errorf("%d invitations, want 2", n)
	}

	// Open the record from the list, edit it.
	loads(t, ctx, "open", chromedp.Click(`a[href^="/console/organisations/`+dtkv.ID+`"]`, chromedp.ByQuery))
	run(t, ctx, "edit", chromedp.SetValue("#municipality", "Mannheim-Neckarstadt", chromedp.ByQuery))
	loads(t, ctx, "save", chromedp.Click(`form input[value="save"] ~ button[type="submit"]`, chromedp.ByQuery))
	if text = mainText(); !strings.Contains(text, "gespeichert") || !strings.Contains(text, "Mannheim-Neckarstadt") || !strings.Contains(text, "eingeladen") {
		t.Errorf("after saving: %.1500s", text)
	}
	// Merge the duplicate into it: a confirm step.
	run(t, ctx, "choose", chromedp.SetValue("#from", dup.ID, chromedp.ByQuery))
	loads(t, ctx, "merge", chromedp.Click(`form input[value="merge"] ~ div ~ button, form input[value="merge"] ~ button`, chromedp.ByQuery))
	axe(t, ctx, "merge confirm de")
	look(t, ctx, "console-organisation-merge-de")
	loads(t, ctx, "confirm merge", chromedp.Click(`.kern-alert form button[type="submit"]`, chromedp.ByQuery))
	if text = mainText(); !strings.Contains(text, "zusammengeführt") || !strings.Contains(text, "DTKV") {
		t.Errorf("after merging: %.1500s", text)
	}
	// Erase the contact person: a confirm step.
	loads(t, ctx, "erase contact", chromedp.Click(`form input[value="erase-contact"] ~ button`, chromedp.ByQuery))
	loads(t, ctx, "confirm erase", chromedp.Click(`.kern-alert form button[type="submit"]`, chromedp.ByQuery))
	if text = mainText(); !strings.Contains(text, "Ansprechperson ist gelöscht") || strings.Contains(text, "dtkv@") {
		t.Errorf("after erasing the contact: %.1500s", text)
	}
	fits(t, ctx, "console-organisation-after")
}
