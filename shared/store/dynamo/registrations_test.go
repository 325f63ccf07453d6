package dynamo_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// A registration with a free seat is one write: one TransactWriteItems
// once the meeting is cached.
func TestRegistrationCostsOneRoundTrip(t *testing.T) {
	s := newSeats(t, 5, nil)
	if _, err := s.svc.Get(context.Background(), seed.MeetingID, "de", ""); err != nil { // warms the cache
		t.Fatal(err)
	}
	s.Calls.Reset()
	if _, err := s.register("Eins", "eins@verein.example"); err != nil {
		t.Fatal(err)
	}
	if ops := s.Calls.Reset(); len(ops) != 1 || ops[0] != "TransactWriteItems" {
		t.Fatalf("registration with a free seat made %v, want one TransactWriteItems", ops)
	}
}

// Concurrent registrations never oversell: 200 at once for 40 seats give
// 40 seats and 160 distinct waitlist places, each told truly.
func TestConcurrentRegistrationsNeverOversell(t *testing.T) {
	s := newSeats(t, 40, nil, func(m *meeting.Meeting) { m.MaxWaitlist = 160 })
	const n = 200
	var wg sync.WaitGroup
	results := make([]*meeting.Result, n)
	errs := make([]error, n)
	sem := make(chan struct{}, 50)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i], errs[i] = s.person("t", i)
		}(i)
	}
	wg.Wait()
	order, err := s.Store.WaitlistOrder(context.Background(), seed.MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	confirmed, places := 0, map[int]int{}
	for i, r := range results {
		if errs[i] != nil {
			t.Fatalf("registration %d: %v", i, errs[i])
		}
		switch r.Status {
		case meeting.Confirmed:
			confirmed++
		case meeting.Waitlisted:
			// The place told was true when it was counted: only
			// registrations that came earlier and were still being
			// written can have moved ahead since.
			place := order[r.RegistrationID]
			places[place]++
			if r.WaitlistPosition < 1 || r.WaitlistPosition > place {
				t.Errorf("told place %d, the place is %d", r.WaitlistPosition, place)
			}
		}
	}
	if confirmed != 40 || len(places) != 160 {
		t.Fatalf("confirmed %d, distinct waitlist places %d", confirmed, len(places))
	}
	for p := 1; p <= 160; p++ {
		if places[p] != 1 {
			t.Fatalf("waitlist place %d held %d times", p, places[p])
		}
	}
	items := s.Items(t)
	got := testenv.CountStatus(items["registration"])
	if got["confirmed"] != 40 || got["waitlisted"] != 160 {
		t.Fatalf("stored %v", got)
	}
	if c := s.Counters(t); c.Confirmed != 40 || c.Waiting != 160 {
		t.Fatalf("counters %+v", c)
	}
	if len(items["outbox"]) != 200 {
		t.Fatalf("%d mails queued, want 200", len(items["outbox"]))
	}
}

// Seats freed under load go to the waitlist, each to exactly one person
// and first to those who waited before; counters match the items.
func TestCancelWhileRegistering(t *testing.T) {
	s := newSeats(t, 40, nil)
	var confirmedIDs []string
	waiting := map[string]bool{} // on the waitlist before the cancellations
	for i := 0; i < 50; i++ {
		r, err := s.register(fmt.Sprint("P", i), fmt.Sprintf("p%d@verein.example", i))
		if err != nil {
			t.Fatal(err)
		}
		if r.Status == meeting.Confirmed {
			confirmedIDs = append(confirmedIDs, r.RegistrationID)
		} else {
			waiting[r.RegistrationID] = true
		}
	}
	if len(confirmedIDs) != 40 {
		t.Fatalf("setup: %d confirmed", len(confirmedIDs))
	}
	stop := make(chan struct{})
	var maxSeen int
	var watch sync.WaitGroup
	watch.Add(1)
	go func() { // confirmed never exceeds capacity at any point
		defer watch.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if c := s.Counters(t); c.Confirmed > maxSeen {
				maxSeen = c.Confirmed
			}
		}
	}()
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(id string) {
			defer wg.Done()
			if err := s.cancel(id); err != nil {
				t.Errorf("cancel: %v", err)
			}
		}(confirmedIDs[i])
	}
	for i := 50; i < 70; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, err := s.register(fmt.Sprint("P", i), fmt.Sprintf("p%d@verein.example", i)); err != nil {
				t.Errorf("register: %v", err)
			}
		}(i)
	}
	wg.Wait()
	close(stop)
	watch.Wait()
	if maxSeen > 40 {
		t.Fatalf("confirmed reached %d", maxSeen)
	}
	items := s.Items(t)
	got := testenv.CountStatus(items["registration"])
	c := s.Counters(t)
	if got["confirmed"] != 40 || got["cancelled"] != 10 || got["waitlisted"] != 20 || c.Confirmed != 40 || c.Waiting != 20 {
		t.Fatalf("items %v, counters %+v", got, c)
	}
	promoted := map[string]int{}
	for _, o := range items["outbox"] {
		if o["kind"] == "promoted" {
			promoted[o["registrationId"].(string)]++
		}
	}
	if len(promoted) != 10 {
		t.Fatalf("%d promotions, want 10", len(promoted))
	}
	for id, n := range promoted {
		if n != 1 {
			t.Fatalf("registration %s promoted %d times", id, n)
		}
	}
	// The promoted came first: the ten seats went to the ten who waited
	// before, not to anyone who joined the waitlist meanwhile.
	for id := range waiting {
		if promoted[id] != 1 {
			t.Errorf("%s waited first and still waits", id)
		}
	}
}
