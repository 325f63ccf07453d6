package console_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/integration-offices/netzwerk-backend/shared/app/directoryfn"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// Check-your-entry mails against DynamoDB Local and the local SES server:
// the console's post (selected records, repeated field organisations)
// queues one mail per record with a usable address, skips the bounced
// and address-less ones, and mails once when the same form is posted
// twice at once; the mail's link opens the entry. A year later the
// schedule asks again, once, however often it runs.
func TestEntryMailsOnceAndYearly(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	ctx := context.Background()
	now := a.Clock.Now()
	mk := func(name, email string, state org.State) string {
		r := org.New(seed.Office, name, now)
		r.Contact, r.State = org.Contact{Email: email, Language: "uk"}, state
		if err := a.Store.CreateOrganisation(ctx, r); err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	good := mk("Українська громада", "ua@entry-once.example", org.Active)
	bounced := mk("Verein Unzustellbar", "weg@entry-once.example", org.ContactBounced)
	none := mk("Verein ohne Adresse", "", org.Active)

	const path = "/console/organisations/entry-mails"
	post := s.Request(routes.Route{Method: "POST", Path: path}, "demo", "")
	post.Body += "&" + url.Values{"organisations": {good, bounced, none}, "back": {"/console/organisations"},
		web.StampField: {testenv.Stamp(path)}}.Encode()
	var wg sync.WaitGroup
	codes := make([]int, 2)
	locs := make([]string, 2)
	for i := range codes {
		wg.Go(func() {
			r := a.Do(t, h, post)
			codes[i], locs[i] = r.StatusCode, r.Headers["location"]
		})
	}
	wg.Wait()
	var ok int
	for i, c := range codes {
		if c == 303 {
			ok++
			if !strings.Contains(locs[i], "entryMails=1") || !strings.Contains(locs[i], "entrySkipped=2") {
				t.Errorf("flash: %s", locs[i])
			}
		} else if c != 409 {
			t.Errorf("post %d: %d", i, c)
		}
	}
	if ok == 0 {
		t.Fatalf("no post went through: %v", codes)
	}
	// The page it leads back to says so (the list here; the record's
	// page sends its own path as back).
	loc := locs[0]
	if codes[0] != 303 {
		loc = locs[1]
	}
	get := s.Request(routes.Route{Method: "GET", Path: "/console/organisations"}, "demo", "")
	get.Query = loc[strings.Index(loc, "?")+1:]
	if r := a.Do(t, h, get); r.StatusCode != 200 || !strings.Contains(r.Body, i18n.Count("de", "console.entry_mails_queued", 1)) {
		t.Errorf("list after the post: %d, no flash", r.StatusCode)
	}
	rec := s.Request(routes.Route{Method: "GET", Path: "/console/organisations/{organisationId}"}, "demo", "")
	rec.Params = map[string]string{"organisationId": good}
	if r := a.Do(t, h, rec); !strings.Contains(r.Body, `name="back" value="/console/organisations/`+good+`"`) {
		t.Errorf("the record page's entry-mail form sends no back path")
	}
	checks := func() int {
		n := 0
		for _, it := range a.Items(t)["outbox"] {
			if it["kind"] == "entry_check" {
				n++
			}
		}
		return n
	}
	if n := checks(); n != 1 {
		t.Fatalf("%d entry-check mails queued, want 1", n)
	}
	ses := sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), "")
	m := mailer.New(a.Store, ses, a.Tokens, mailer.Config{From: "netzwerk@integration.example", BaseURL: "https://integration.example"}, a.Log(), a.Clock.Now)
	m.Entries = dynamo.Entries{Table: a.Store.Table}
	deliver := func() {
		var ev events.DynamoDBEvent
		for i, it := range a.Items(t)["outbox"] {
			ev.Records = append(ev.Records, events.DynamoDBEventRecord{EventName: "INSERT", Change: events.DynamoDBStreamRecord{
				SequenceNumber: fmt.Sprint(i), NewImage: map[string]events.DynamoDBAttributeValue{
					"pk": events.NewStringAttribute(it["pk"].(string)), "type": events.NewStringAttribute("outbox")}}})
		}
		if resp, err := m.Handle(ctx, ev); err != nil || len(resp.BatchItemFailures) > 0 {
			t.Fatalf("mailer: %v %+v", err, resp)
		}
	}
	deliver()
	deliver() // the stream again: nothing more
	inbox := testenv.Inbox(t, "entry-once.example")
	if len(inbox) != 1 || !strings.Contains(inbox[0].Destination.To[0], "ua@entry-once.example") {
		t.Fatalf("inbox: %+v", inbox)
	}
	link := regexp.MustCompile(`https://integration\.example/e/([A-Za-z0-9_-]+)\?lang=uk`).FindStringSubmatch(inbox[0].Body.Text)
	if link == nil || !strings.Contains(inbox[0].Body.Text, "Перевірити запис") {
		t.Fatalf("mail: %s\n%s", inbox[0].Subject, inbox[0].Body.Text)
	}
	dir, err := directoryfn.New(a.Deps())
	if err != nil {
		t.Fatal(err)
	}
	if r := testenv.Page(t, dir, "GET", "/e/{token}", "/e/"+link[1], map[string]string{"token": link[1]}, "lang=uk", nil, nil); r.StatusCode != 200 || !strings.Contains(r.Body, "Українська громада") {
		t.Fatalf("the mail's link: %d %s", r.StatusCode, r.Body)
	}

	// A year on, the schedule asks the active record again (not the
	// bounced one, not the one without address), once per year however
	// often it runs.
	a.Clock.Add(366 * 24 * time.Hour)
	for range 3 {
		if _, err := m.YearlyEntryChecks(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := checks(); n != 2 {
		t.Fatalf("%d entry-check mails after a year, want 2", n)
	}
	deliver()
	if inbox := testenv.Inbox(t, "entry-once.example"); len(inbox) != 2 {
		t.Fatalf("inbox after a year: %d", len(inbox))
	}
	// The next year, again once.
	a.Clock.Add(366 * 24 * time.Hour)
	for range 2 {
		if _, err := m.YearlyEntryChecks(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := checks(); n != 3 {
		t.Fatalf("%d entry-check mails after two years, want 3", n)
	}
}
