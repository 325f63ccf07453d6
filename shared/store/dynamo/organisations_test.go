package dynamo_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// The register against DynamoDB Local: lines of an upload link to records
// by address, then by name, else make one; concurrent uploads of the same
// list make each record once; saves over a newer version are refused;
// the list is one read and follows every write; merge keeps both
// histories; erase leaves nothing but a tombstone.
func TestRegisterLinksSavesListsMergesAndErases(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	s := env.Store.Orgs
	now := env.Clock.Now()
	const office = "lra-demo"
	invited := func(target string) func(int) org.Event {
		return func(i int) org.Event {
			return org.Event{At: now, Kind: org.Invited, Target: "survey", TargetID: target, Ref: fmt.Sprint("inv", i)}
		}
	}

	links := []org.Link{
		{Name: "Deutsch-Türkischer Kulturverein e.V.", Email: "info@dtk.example", Language: "tr"},
		{Name: "جمعية الجالية العربية", Email: "kontakt@arab.example", Language: "ar"},
		{Name: "Українська громада", Email: "ua@gromada.example", Language: "uk"},
	}
	// Twenty concurrent uploads of the same three lines: three records.
	var wg sync.WaitGroup
	results := make([][]string, 20)
	errs := make([]error, 20)
	for i := range results {
		wg.Go(func() { results[i], errs[i] = s.LinkOrganisations(ctx, office, links, invited("s1"), now) })
	}
	wg.Wait()
	for i := range results {
		if errs[i] != nil {
			t.Fatalf("upload %d: %v", i, errs[i])
		}
		for j := range links {
			if results[i][j] != results[0][j] {
				t.Fatalf("upload %d line %d linked to %s, upload 0 to %s", i, j, results[i][j], results[0][j])
			}
		}
	}
	list, err := s.Organisations(ctx, office, now)
	if err != nil || len(list) != 3 {
		t.Fatalf("list: %d records, %v", len(list), err)
	}

	// By address whatever the name; by name (legal form and case aside)
	// when the address is new; else new.
	ids, err := s.LinkOrganisations(ctx, office, []org.Link{
		{Name: "DTK", Email: "INFO@dtk.example"},
		{Name: "deutsch-türkischer kulturverein", Email: "vorstand@dtk.example"},
		{Name: "Русский клуб", Email: "club@ru.example"},
	}, invited("s2"), now)
	if err != nil {
		t.Fatal(err)
	}
	dtk := results[0][0]
	if ids[0] != dtk || ids[1] != dtk || ids[2] == dtk {
		t.Fatalf("linked %v, want the first two to %s and a new one", ids, dtk)
	}
	hist, err := s.History(ctx, office, dtk)
	if err != nil || len(hist) != 3 { // s1 once (twenty uploads), s2 twice (two lines)
		t.Fatalf("history %v, %v", hist, err)
	}

	// A save over a version read before another save is a conflict.
	a, _ := s.Organisation(ctx, office, dtk)
	b, _ := s.Organisation(ctx, office, dtk)
	a.Municipality = "Heidelberg"
	if err := s.SaveOrganisation(ctx, a, org.Event{At: now, Kind: org.Answered, Target: "survey", TargetID: "s1", Ref: "r1"}); err != nil {
		t.Fatal(err)
	}
	b.Municipality = "Mannheim"
	if err := s.SaveOrganisation(ctx, b); !errors.Is(err, dynamo.ErrRecordChanged) {
		t.Fatalf("save over an old version: %v", err)
	}
	list, _ = s.Organisations(ctx, office, now)
	f := org.Filter{Municipality: "heidelberg", Answered: org.AnsweredThisYear}
	var hits []org.Summary
	for i := range list {
		if f.Match(&list[i], now) {
			hits = append(hits, list[i])
		}
	}
	if len(list) != 4 || len(hits) != 1 || hits[0].ID != dtk || hits[0].Surveys != 1 {
		t.Fatalf("list %d, filtered %+v", len(list), hits)
	}

	// Merge: the Russian club into the DTK (say the coordinator knows
	// better): both histories on one record, the other gone, its
	// address leads to the one.
	ru := ids[2]
	merged, err := s.MergeOrganisations(ctx, office, dtk, ru, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Organisation(ctx, office, ru); err == nil {
		t.Fatal("merged record still there")
	}
	hist, _ = s.History(ctx, office, dtk)
	if len(hist) != 6 || len(merged.EarlierNames) == 0 { // 4 + 1 + the merge
		t.Fatalf("after merge: history %d events, earlier names %v", len(hist), merged.EarlierNames)
	}
	if list, _ = s.Organisations(ctx, office, now); len(list) != 3 {
		t.Fatalf("list after merge: %d", len(list))
	}

	// Erase: nothing of the record but its tombstone.
	if err := s.EraseOrganisation(ctx, office, dtk, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Organisation(ctx, office, dtk); err == nil {
		t.Fatal("erased record still readable")
	}
	if hist, _ = s.History(ctx, office, dtk); len(hist) != 0 {
		t.Fatalf("erased record's history: %d", len(hist))
	}
	if id, _ := s.OrganisationByAddress(ctx, office, "info@dtk.example"); id != "" {
		t.Fatal("erased record's address still leads to it")
	}
	if list, _ = s.Organisations(ctx, office, now); len(list) != 2 {
		t.Fatalf("list after erase: %d", len(list))
	}
	// Another office sees nothing of it.
	if list, _ = s.Organisations(ctx, "other-office", now); len(list) != 0 {
		t.Fatal("another office's list is not empty")
	}
}
