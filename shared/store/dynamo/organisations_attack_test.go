package dynamo_test

import (
	"context"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// A coordinator's erasure of a published record (the console's and the
// admin API's path, with its audit entry) takes it out of the public
// directory at once, as the erasure without audit does.
func TestErasureByCoordinatorLeavesTheDirectory(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	s := env.Store.Orgs
	e := dynamo.Entries{Table: env.Store.Table}
	now := env.Clock.Now()
	const office = "lra-demo"
	r := org.New(office, "Kulturverein Anadolu", now)
	r.Contact = org.Contact{Email: "a@verein.example"}
	r.Consent = org.Consent{Publish: true, Notice: "2026-12", At: now, By: "answer"}
	if err := s.CreateOrganisation(ctx, r); err != nil {
		t.Fatal(err)
	}
	if list, _ := e.Directory(ctx, office, now); len(list) != 1 {
		t.Fatalf("directory before: %+v", list)
	}
	if err := s.EraseOrganisationBy(ctx, office, "coordinator", r.ID, now); err != nil {
		t.Fatal(err)
	}
	if list, _ := e.Directory(ctx, office, now); len(list) != 0 {
		t.Errorf("an erased record is still in the directory: %+v", list)
	}
	if _, err := e.DirectoryEntry(ctx, office, r.ID, now); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("an erased record's profile: %v", err)
	}
	if due := env.Query(t, "ORGS#"+office, "DUE#"+r.ID); len(due) != 0 {
		t.Errorf("an erased record's yearly check is still planned: %+v", due)
	}
}
