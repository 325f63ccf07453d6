package console_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// seedRegister writes n records of office, a few at a time through the
// store (one transaction each: record, list entry, lookups).
func seedRegister(b testing.TB, a *testenv.Functions, office string, n int) {
	b.Helper()
	fields := []string{"culture", "youth", "sport", "education", "migration", "women"}
	places := []string{"Mannheim", "Heidelberg", "Weinheim", "Schwetzingen", "Wiesloch"}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r := org.New(office, fmt.Sprintf("Verein %04d Ü", i), time.Now())
			r.Contact = org.Contact{Email: fmt.Sprintf("v%04d@bench.example", i), Language: "de"}
			r.Fields, r.Municipality = []string{fields[i%len(fields)], fields[(i/7)%len(fields)]}, places[i%len(places)]
			r.Offers, r.Languages = []string{"rooms"}, []string{"de", "tr"}
			if i%9 == 0 {
				r.Answered = map[string]time.Time{"s": time.Now()}
			}
			var err error
			for range 5 { // a list bucket written by many at once: try again
				if err = a.Store.CreateOrganisation(context.Background(), r); err == nil {
					return
				}
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
}

// BenchmarkOrganisationList5000: the console's list of a register of
// 5,000 organisations, its first page and a filtered one, against
// DynamoDB Local: the round trips of the list (the service) and of the
// whole page, and the time a request takes.
func BenchmarkOrganisationList5000(b *testing.B) {
	a := testenv.NewFunctions(b)
	s, h := a.SignIn(b)
	start := time.Now()
	seedRegister(b, a, "demo", 5000)
	b.Logf("seeded 5,000 records in %v", time.Since(start).Round(time.Millisecond))
	c := &auth.Coordinator{Office: "demo", Subject: "bench"}
	for _, q := range []struct {
		name  string
		query string
		f     org.Filter
	}{{"first page", "", org.Filter{}}, {"filtered", "field=culture&municipality=Mannheim&answered=no", org.Filter{Field: "culture", Municipality: "Mannheim", Answered: "no"}}} {
		b.Run("list "+q.name, func(b *testing.B) {
			// A container's first read (cold: the stamp and the list),
			// then the list unchanged (the stamp, the list from memory).
			svc := admin.New(a.Store, a.Tokens, time.Now)
			a.Calls.Reset()
			list, err := svc.Organisations(context.Background(), c, admin.OrgQuery{Filter: q.f})
			if err != nil || len(list.Items) == 0 {
				b.Fatal(err, list)
			}
			cold := a.Calls.Reset()
			if _, err := svc.Organisations(context.Background(), c, admin.OrgQuery{Filter: q.f}); err != nil {
				b.Fatal(err)
			}
			warm := a.Calls.Reset()
			if len(cold) > 2 || len(warm) > 2 {
				b.Fatalf("the list took %v cold, %v warm", cold, warm)
			}
			b.Logf("round trips: cold %v, warm %v", cold, warm)
			b.ResetTimer()
			for b.Loop() {
				if _, err := svc.Organisations(context.Background(), c, admin.OrgQuery{Filter: q.f}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(cold)), "cold-roundtrips")
			b.ReportMetric(float64(len(warm)), "roundtrips")
		})
		b.Run("list cold "+q.name, func(b *testing.B) {
			for b.Loop() {
				svc := admin.New(a.Store, a.Tokens, time.Now)
				if _, err := svc.Organisations(context.Background(), c, admin.OrgQuery{Filter: q.f}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("page "+q.name, func(b *testing.B) {
			r := s.Request(routes.Route{Method: "GET", Path: "/console/organisations"}, "demo", "")
			r.Query = q.query
			a.Calls.Reset()
			if resp := a.Do(b, h, r); resp.StatusCode != 200 {
				b.Fatalf("page: %d", resp.StatusCode)
			}
			a.Do(b, h, r)
			calls := a.Calls.Reset()
			b.Logf("the page's round trips (warm): %v", calls)
			b.ResetTimer()
			for b.Loop() {
				if resp := a.Do(b, h, r); resp.StatusCode != 200 {
					b.Fatalf("page: %d", resp.StatusCode)
				}
			}
			b.ReportMetric(float64(len(calls)/2), "roundtrips")
		})
	}
}
