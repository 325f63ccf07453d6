package dynamo_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// The directory's cache against DynamoDB Local: a record's consent puts
// its public entry in, a withdrawal takes it out in the same write, an
// erasure too; the entry holds no contact person or address; the yearly
// check is planned for active records with an address and queued once.
func TestDirectoryFollowsConsentAndErasure(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	s := env.Store.Orgs
	e := dynamo.Entries{Table: env.Store.Table}
	now := env.Clock.Now()
	const office = "lra-demo"
	mk := func(name, email string, publish bool) *org.Record {
		r := org.New(office, name, now)
		r.Contact = org.Contact{Email: email, Person: "Ayşe Secret", Role: "Vorstand"}
		r.Municipality, r.Fields, r.Offers = "Ludwigsburg", []string{"culture"}, []string{"rooms"}
		r.Consent = org.Consent{Publish: publish, Notice: "2026-12", At: now, By: "answer"}
		if err := s.CreateOrganisation(ctx, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	a := mk("Kulturverein Anadolu", "a@verein.example", true)
	mk("Stiller Verein", "s@verein.example", false)
	c := mk("Café International", "", true)

	list, err := e.Directory(ctx, office, now)
	if err != nil || len(list) != 2 || list[0].Name != "Café International" || list[1].ID != a.ID {
		t.Fatalf("directory: %+v %v", list, err)
	}
	for _, it := range env.Query(t, "ORGS#"+office, "DIR#") {
		for k, v := range it {
			if s, ok := v.(string); ok && (containsAny(s, "Ayşe Secret", "a@verein.example", "Vorstand")) {
				t.Fatalf("directory item %s holds contact data: %s", k, s)
			}
		}
	}
	if en, err := e.DirectoryEntry(ctx, office, a.ID, now); err != nil || en.Municipality != "Ludwigsburg" {
		t.Fatalf("entry: %+v %v", en, err)
	}

	// Withdrawal: gone at once.
	if _, err := s.UpdateOrganisation(ctx, office, a.ID, func(r *org.Record) ([]org.Event, error) {
		r.Consent = org.Consent{Publish: false, Notice: "2026-12", At: now, By: "entry"}
		return []org.Event{{At: now, Kind: org.Checked}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	if list, _ := e.Directory(ctx, office, now); len(list) != 1 || list[0].ID != c.ID {
		t.Fatalf("after the withdrawal: %+v", list)
	}
	if _, err := e.DirectoryEntry(ctx, office, a.ID, now); err == nil {
		t.Fatal("a withdrawn entry is still readable")
	}
	// Erasure: gone too.
	if err := s.EraseOrganisation(ctx, office, c.ID, now); err != nil {
		t.Fatal(err)
	}
	if list, _ := e.Directory(ctx, office, now); len(list) != 0 {
		t.Fatalf("after the erasure: %+v", list)
	}

	// The yearly check: two records with an address are planned a year
	// after their creation; queued once per mail id, then a year on.
	if due, _ := e.DueEntryChecks(ctx, now.Add(364*24*time.Hour), 10); len(due) != 0 {
		t.Fatalf("due too early: %+v", due)
	}
	due, err := e.DueEntryChecks(ctx, now.Add(366*24*time.Hour), 10)
	if err != nil || len(due) != 2 {
		t.Fatalf("due: %+v %v", due, err)
	}
	later := now.Add(366 * 24 * time.Hour)
	tok := org.EntryToken(env.Tokens, "entry-y1")
	for i := range 2 {
		ok, err := e.QueueYearlyEntryCheck(ctx, office, due[0].ID, "entry-y1", linktoken.Hash(tok), later)
		if err != nil || ok != (i == 0) {
			t.Fatalf("queue %d: %v %v", i, ok, err)
		}
	}
	if o, id, err := e.EntryByToken(ctx, tok, later); err != nil || o != office || id != due[0].ID {
		t.Fatalf("token: %s %s %v", o, id, err)
	}
	if _, _, err := e.EntryByToken(ctx, tok, later.Add(61*24*time.Hour)); err == nil {
		t.Fatal("an expired link opens")
	}
	if again, _ := e.DueEntryChecks(ctx, later, 10); len(again) != 1 || again[0].ID == due[0].ID {
		t.Fatalf("after the mail: %+v", again)
	}
}

func containsAny(s string, subs ...string) bool {
	return slices.ContainsFunc(subs, func(x string) bool { return strings.Contains(s, x) })
}
