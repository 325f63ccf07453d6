package pages_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
)

// TestConsoleFailedMailsInTheBrowser: the console's page of mails that
// need a look shows a failed, a held and a possibly doubled mail, passes
// axe-core and fits 320 px in German and Arabic, and its button sends the
// held mail now.
func TestConsoleFailedMailsInTheBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	body := `{"name":"Zeynep Aydın","email":"zeynep@` + s.domain + `","organisation":"Kulturverein","language":"tr","consent":{"privacy":true}}`
	resp, err := http.Post(s.base+"/meetings/"+seed.MeetingID+"/registrations", "application/json", strings.NewReader(body))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("register: %v %v", err, resp)
	}
	var res struct{ RegistrationID string }
	_ = json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	// Three outbox items as the mailer leaves them (the stream finds each
	// done): failed for good, held back by the daily cap, sent after a send
	// whose result is unknown.
	now := time.Now().UTC()
	at := now.Format(time.RFC3339Nano)
	for _, it := range []map[string]any{
		{"status": "failed", "kind": "confirmed", "error": "MessageRejected", "gsi1pk": "OFFICE#" + seed.Office + "#FAILED"},
		{"status": "held", "kind": "cancelled", "error": "daily cap", "heldUntil": now.Truncate(24 * time.Hour).Add(24 * time.Hour).UnixMilli(), "gsi1pk": "OUTBOX#OPEN"},
		{"status": "sent", "kind": "waitlisted", "unknownSends": 1, "messageId": "m-1", "gsi1pk": "OFFICE#" + seed.Office + "#FAILED"},
	} {
		pk := "OUTBOX#" + ulid.Make().String()
		it["pk"], it["sk"], it["type"], it["expiresAt"], it["createdAt"], it["failedAt"], it["gsi1sk"] = pk, "OUTBOX", "outbox", now.Add(time.Hour).Unix(), at, at, at+"#"+pk
		it["office"], it["meetingId"], it["registrationId"], it["attempts"] = seed.Office, seed.MeetingID, res.RegistrationID, 1
		item, _ := attributevalue.MarshalMap(it)
		if _, err := s.db.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: &s.table, Item: item}); err != nil {
			t.Fatal(err)
		}
	}

	run(t, ctx, "dev sign-in", chromedp.Navigate(s.base+"/console/dev-sign-in?office="+seed.Office), chromedp.WaitReady("h1", chromedp.ByQuery))
	for _, lang := range []string{"de", "ar"} {
		run(t, ctx, "failed mails "+lang, chromedp.Navigate(s.base+"/console?lang="+lang), chromedp.WaitReady("h1", chromedp.ByQuery),
			chromedp.Click(`.console-nav a[href^="/console/mails/failed"]`, chromedp.ByQuery), chromedp.WaitReady("table", chromedp.ByQuery))
		axe(t, ctx, "console failed mails "+lang)
		look(t, ctx, "console-failed-mails-"+lang)
		var text string
		run(t, ctx, "read", chromedp.Text("main", &text, chromedp.ByQuery))
		reason := map[string]string{"de": "SES hat die E-Mail abgelehnt", "ar": "رفضت SES الرسالة"}[lang]
		for _, want := range []string{"Zeynep Aydın", "zeynep@" + s.domain, "MessageRejected", reason} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the page lacks %q", lang, want)
			}
		}
	}
	run(t, ctx, "send the held one now", chromedp.Navigate(s.base+"/console/mails/failed?lang=de"), chromedp.WaitReady("table", chromedp.ByQuery),
		chromedp.Click(`button[aria-label^="Jetzt senden"]`, chromedp.ByQuery), chromedp.WaitReady(".kern-alert--success", chromedp.ByQuery))
	axe(t, ctx, "console failed mails after a resend de")
	var forms []*cdp.Node
	run(t, ctx, "resend buttons", chromedp.Nodes(`form[action*="/resend"]`, &forms, chromedp.ByQueryAll))
	if len(forms) != 1 {
		t.Errorf("%d resend buttons after sending the held mail, want the failed one's", len(forms))
	}
}
