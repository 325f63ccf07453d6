package pages_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/chromedp/chromedp"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
)

// TestConsoleAuditInTheBrowser: the console's audit trail, reached from
// the navigation, lists the office's erasures in words, filters them by
// kind and days through its form, shows a day that is no day beside its
// field, passes axe-core and fits 320 px in German and Arabic, with and
// without errors.
func TestConsoleAuditInTheBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	// Audit items as an erasure leaves them (dynamo's auditStep).
	now := time.Now().UTC()
	for i, e := range []struct{ kind, id, actor string }{
		{"response", "01JRESPONSEAAAAAAAAAAAAAAA", "organisation"},
		{"registration", "01JREGISTRATIONAAAAAAAAAAA", "registrant"},
		{"response", "01JRESPONSEBBBBBBBBBBBBBBB", "coordinator:c-someone-else-with-a-long-id-0123456789"},
	} {
		at := now.Add(-time.Duration(i) * 24 * time.Hour).Format(time.RFC3339Nano)
		item, _ := attributevalue.MarshalMap(map[string]any{"pk": "OFFICE#" + seed.Office + "#AUDIT", "sk": at + "#" + e.id, "type": "audit",
			"expiresAt": now.Add(time.Hour).Unix(), "action": "erase", "kind": e.kind, "id": e.id, "actor": e.actor, "at": at})
		if _, err := s.db.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: &s.table, Item: item}); err != nil {
			t.Fatal(err)
		}
	}
	run(t, ctx, "dev sign-in", chromedp.Navigate(s.base+"/console/dev-sign-in?office="+seed.Office), chromedp.WaitReady("h1", chromedp.ByQuery))
	for _, c := range []struct{ lang, erased, filter string }{
		{"de", "Antwort auf eine Umfrage gelöscht", "Anmeldungen zu Treffen"},
		{"ar", "حُذفت إجابة على استبيان", "التسجيلات في اللقاءات"},
	} {
		run(t, ctx, "audit "+c.lang, chromedp.Navigate(s.base+"/console?lang="+c.lang), chromedp.WaitReady("h1", chromedp.ByQuery),
			chromedp.Click(`.console-nav a[href^="/console/audit"]`, chromedp.ByQuery), chromedp.WaitReady("table", chromedp.ByQuery))
		axe(t, ctx, "console audit "+c.lang)
		look(t, ctx, "console-audit-"+c.lang)
		var text string
		run(t, ctx, "read", chromedp.Text("main", &text, chromedp.ByQuery))
		if !strings.Contains(text, c.erased) || !strings.Contains(text, "01JREGISTRATIONAAAAAAAAAAA") {
			t.Errorf("%s: the page lacks its entries: %.300s", c.lang, text)
		}
		// Only registrations, through the form (keyboard: the radio's label).
		run(t, ctx, "filter "+c.lang, chromedp.Click(`label[for="kind-registration"]`, chromedp.ByQuery),
			chromedp.Click(`form.filter button[type="submit"]`, chromedp.ByQuery))
		var loc string
		for end := time.Now().Add(60 * time.Second); !strings.Contains(loc, "kind=registration") && time.Now().Before(end); {
			time.Sleep(100 * time.Millisecond)
			run(t, ctx, "where", chromedp.Location(&loc))
		}
		run(t, ctx, "filtered "+c.lang, chromedp.WaitReady("table", chromedp.ByQuery), chromedp.Text("main", &text, chromedp.ByQuery))
		if strings.Contains(text, "01JRESPONSE") || !strings.Contains(text, "01JREGISTRATIONAAAAAAAAAAA") {
			t.Errorf("%s: filtered by kind: %.300s", c.lang, text)
		}
		// A day that is no day: the error beside its field.
		run(t, ctx, "bad day "+c.lang, chromedp.Navigate(s.base+"/console/audit?lang="+c.lang+"&from=2026-02-30"), chromedp.WaitReady(".error-summary", chromedp.ByQuery))
		axe(t, ctx, "console audit with errors "+c.lang)
		look(t, ctx, "console-audit-errors-"+c.lang)
	}
}
