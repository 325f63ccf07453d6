package dynamo_test

import (
	"context"
	"sync"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// A merge into a record that is gone (a stale page: it was merged
// elsewhere a moment ago) changes nothing: the source stays. Two crossed
// merges at once (A into B, B into A) leave one of the two records, never
// neither.
func TestMergeNeverErasesBoth(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	s := env.Store.Orgs
	now := env.Clock.Now()
	const office = "lra-demo"
	mk := func(name string) *org.Record {
		r := org.New(office, name, now)
		if err := s.CreateOrganisation(ctx, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	a, b := mk("Verein Alpha"), mk("Verein Beta")
	if _, err := s.MergeOrganisations(ctx, office, b.ID, a.ID, now); err != nil {
		t.Fatal(err)
	}
	// Stale: B into A, A being gone.
	if _, err := s.MergeOrganisations(ctx, office, a.ID, b.ID, now); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("merge into an erased record: %v", err)
	}
	if _, err := s.Organisation(ctx, office, b.ID); err != nil {
		t.Fatalf("the merge into an erased record erased its source: %v", err)
	}

	for i := range 5 {
		c, d := mk("Verein C"+string(rune('a'+i))), mk("Verein D"+string(rune('a'+i)))
		var wg sync.WaitGroup
		wg.Go(func() { _, _ = s.MergeOrganisations(ctx, office, c.ID, d.ID, now) })
		wg.Go(func() { _, _ = s.MergeOrganisations(ctx, office, d.ID, c.ID, now) })
		wg.Wait()
		_, errC := s.Organisation(ctx, office, c.ID)
		_, errD := s.Organisation(ctx, office, d.ID)
		if errC != nil && errD != nil {
			t.Fatalf("round %d: crossed merges erased both records: %v / %v", i, errC, errD)
		}
	}
}
