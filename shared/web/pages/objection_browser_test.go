package pages_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

var objectionLink = regexp.MustCompile(`https?://\S+/x/\S+`)

// TestObjectionInTheBrowser: the objection link of an invitation's mail,
// in German and Arabic: the page with its one button and the page after
// it are axe-clean and fit 320 px, the button is reached by keyboard and
// the footer links the office's pages; the press records the objection.
func TestObjectionInTheBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	tokens, _ := linktoken.New(secret)
	store := dynamo.New(s.db, s.table)
	now := time.Now()
	for _, lang := range []string{"de", "ar"} {
		email := "objection-" + lang + "@" + s.domain
		id := invitation.ID(invitation.Survey, seed.SurveyID, email)
		org := map[string]string{"de": "Kulturbrücke e.V.", "ar": "جمعية الثقافة العربية"}[lang]
		if _, _, err := store.PutInvitations(context.Background(), []*invitation.Invitation{{ID: id, Kind: invitation.Survey, TargetID: seed.SurveyID,
			Office: seed.Office, Organisation: org, Email: email, Language: lang, Status: invitation.Invited,
			TokenHash: linktoken.Hash(tokens.Token(invitation.TokenKind, id)), InvitedAt: now, LastMailAt: now, ExpiresAt: now.Add(30 * 24 * time.Hour)}}, now); err != nil {
			t.Fatal(err)
		}
		var link string
		for deadline := time.Now().Add(60 * time.Second); link == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			for _, m := range inbox(t, email) {
				link = objectionLink.FindString(m)
			}
		}
		if link == "" {
			t.Fatalf("%s: no objection link in the invitation's mail", lang)
		}
		run(t, ctx, "open the link", chromedp.Navigate(link), chromedp.WaitReady("#objection-submit", chromedp.ByQuery))
		var text string
		run(t, ctx, "read", chromedp.Text("main", &text, chromedp.ByQuery))
		if !strings.Contains(text, org) {
			t.Errorf("%s: the page does not name the organisation: %q", lang, text)
		}
		axe(t, ctx, "objection "+lang)
		look(t, ctx, "objection-"+lang)
		keyboard(t, ctx, "objection "+lang)
		footer(t, ctx, "objection "+lang)
		submitAfter(t, ctx, "#objection-submit")
		var loc string
		run(t, ctx, "after", chromedp.Location(&loc), chromedp.Text("h1", &text, chromedp.ByQuery))
		if !strings.Contains(loc, "done=1") || text != map[string]string{"de": "Widerspruch gespeichert", "ar": "تم تسجيل الاعتراض"}[lang] {
			t.Fatalf("%s: after the button at %s: %q %s", lang, loc, text, pageText(ctx))
		}
		axe(t, ctx, "objection done "+lang)
		fits(t, ctx, "objection-done-"+lang)
	}
	if n := len(s.items(t, "objection")); n != 2 {
		t.Errorf("%d objections stored, want 2", n)
	}
}
