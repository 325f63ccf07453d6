package dirpages_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/app/directoryfn"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// thousand is the demo office with n published records like those of a
// real network (names in several scripts, a place, fields, languages,
// offers and seeks with a sentence each).
func thousand(tb testing.TB, n int) *testenv.Env {
	tb.Helper()
	env := testenv.Seeded(tb)
	now := env.Clock.Now()
	names := []string{"Deutsch-Türkischer Kulturverein", "جمعية الجالية العربية", "Українська громада", "Afrikanischer Elternverein",
		"Iranischer Kulturkreis", "Русскоязычный клуб", "Frauencafé International"}
	places := []string{"Ludwigsburg", "Bietigheim-Bissingen", "Kornwestheim", "Marbach am Neckar", "Remseck"}
	var wg sync.WaitGroup
	work := make(chan int)
	for range 8 {
		wg.Go(func() {
			for i := range work {
				r := org.New(seed.Office, fmt.Sprintf("%s %d e.V.", names[i%len(names)], i), now)
				r.Contact = org.Contact{Email: fmt.Sprintf("org%d@size.example", i), Person: "Kontakt", Language: "de"}
				r.Municipality, r.Website = places[i%len(places)], fmt.Sprintf("https://verein-%d.example", i)
				r.Fields = []string{"culture", "education", "youth"}[:1+i%3]
				r.Languages = []string{"de", "tr", "ar"}[:1+i%3]
				r.Offers, r.Seeks = []string{"rooms", "interpreting"}[:1+i%2], []string{"volunteers", "funding"}[:1+(i+1)%2]
				r.OffersText = "Wir bieten unseren Saal für Treffen anderer Vereine an, abends und am Wochenende."
				r.SeeksText = "Wir suchen Ehrenamtliche für die Hausaufgabenhilfe."
				r.Consent = org.Consent{Publish: true, Notice: "2026-11", At: now, By: "answer"}
				if err := env.Store.CreateOrganisation(context.Background(), r); err != nil {
					tb.Error(err)
				}
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	return env
}

// The directory JSON of 1,000 published entries stays under 300 KB with
// gzip (the measure), read from the cache in one Query.
func TestDirectoryJSONSizeOf1000(t *testing.T) {
	env := thousand(t, 1000)
	fn, err := directoryfn.New(env.Deps())
	if err != nil {
		t.Fatal(err)
	}
	env.Calls.Reset()
	r := testenv.Page(t, fn, "GET", "/directory/{officeId}", "/directory/demo", map[string]string{"officeId": seed.Office}, "lang=de", nil, nil)
	if r.StatusCode != 200 {
		t.Fatalf("%d %s", r.StatusCode, r.Body)
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	_, _ = w.Write([]byte(r.Body))
	_ = w.Close()
	t.Logf("directory JSON of 1,000 entries: %d bytes, %d bytes gzip; DynamoDB calls: %v", len(r.Body), gz.Len(), env.Calls.Reset())
	if gz.Len() > 300_000 {
		t.Errorf("%d bytes gzip, over 300 KB", gz.Len())
	}
}

// BenchmarkDirectoryPage is the server time of /d/{office} (the first
// page of 50) and of the JSON for 1,000 published entries against
// DynamoDB Local.
func BenchmarkDirectoryPage(b *testing.B) {
	env := thousand(b, 1000)
	fn, err := directoryfn.New(env.Deps())
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, route, path, query string }{
		{"page", "/d/{officeId}", "/d/demo", "lang=de"},
		{"filtered", "/d/{officeId}", "/d/demo", "lang=de&offer=rooms&language=tr"},
		{"json", "/directory/{officeId}", "/directory/demo", "lang=de"},
	} {
		b.Run(c.name, func(b *testing.B) {
			start := time.Now()
			for b.Loop() {
				if r := testenv.Page(b, fn, "GET", c.route, c.path, map[string]string{"officeId": seed.Office}, c.query, nil, nil); r.StatusCode != 200 {
					b.Fatal(r.StatusCode)
				}
			}
			b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/page")
		})
	}
}
