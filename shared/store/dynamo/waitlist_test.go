package dynamo_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// 200 registrations at once for 40 seats (waitlist bound high enough, no
// per-client limits): the places told to the 160 on the waitlist are
// 1..160, each once, and each is the place the registration has
// afterwards, on the manage link too; cancelled seats go to the waitlist
// in that order, and the places of those still waiting move up by as many.
func TestWaitlistPlacesToldUnderLoadAreExact(t *testing.T) {
	s := newSeats(t, 40, nil, func(m *meeting.Meeting) { m.MaxWaitlist = 400 })
	const n = 200
	var wg sync.WaitGroup
	start := make(chan struct{})
	results := make([]*meeting.Result, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			results[i], errs[i] = s.person("w", i)
		}()
	}
	close(start)
	wg.Wait()
	told := map[int]string{} // place → registration
	var confirmed []string
	for i, r := range results {
		if errs[i] != nil {
			t.Fatalf("registration %d: %v", i, errs[i])
		}
		switch r.Status {
		case meeting.Confirmed:
			confirmed = append(confirmed, r.RegistrationID)
		case meeting.Waitlisted:
			if other, ok := told[r.WaitlistPosition]; ok {
				t.Errorf("place %d told to %s and to %s", r.WaitlistPosition, other, r.RegistrationID)
			}
			told[r.WaitlistPosition] = r.RegistrationID
		}
	}
	if len(confirmed) != 40 {
		t.Fatalf("%d confirmed, want 40", len(confirmed))
	}
	for p := 1; p <= 160; p++ {
		if told[p] == "" {
			t.Errorf("nobody was told place %d", p)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	order, err := s.Store.WaitlistOrder(context.Background(), seed.MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	for p, id := range told {
		if order[id] != p {
			t.Errorf("%s was told place %d, the waitlist has it at %d", id, p, order[id])
		}
	}
	place := func(id string) (meeting.RegStatus, int) {
		o := s.owned(t, id)
		return o.Status, o.WaitlistPosition
	}
	for _, p := range []int{1, 2, 80, 159, 160} {
		if st, got := place(told[p]); st != meeting.Waitlisted || got != p {
			t.Errorf("manage link of place %d: %s at %d", p, st, got)
		}
	}
	// Ten seats freed one after another go to places 1..10, in order.
	const freed = 10
	for i := range freed {
		if err := s.cancel(confirmed[i]); err != nil {
			t.Fatalf("cancel: %v", err)
		}
		if st, _ := place(told[i+1]); st != meeting.Confirmed {
			t.Fatalf("after %d cancellations place %d is %s, want confirmed", i+1, i+1, st)
		}
		if st, got := place(told[i+2]); st != meeting.Waitlisted || got != 1 {
			t.Fatalf("after %d cancellations place %d is %s at %d, want waitlisted at 1", i+1, i+2, st, got)
		}
	}
	for _, p := range []int{freed + 1, 50, 160} {
		if st, got := place(told[p]); st != meeting.Waitlisted || got != p-freed {
			t.Errorf("told place %d: now %s at %d, want %d", p, st, got, p-freed)
		}
	}
}

// A registration and the manage view give the place on the waitlist,
// not an ever-growing ticket number.
func TestWaitlistPlaceIsThePlace(t *testing.T) {
	s := newSeats(t, 1, nil)
	ids := map[string]string{}
	for _, who := range []string{"a", "b", "c"} {
		res, err := s.register("Person "+who, who+"@verein.example")
		if err != nil {
			t.Fatalf("%s: %v", who, err)
		}
		ids[who] = res.RegistrationID
	}
	// b (place 1) cancels: c moves up to place 1; d joins at place 2.
	if err := s.cancel(ids["b"]); err != nil {
		t.Fatalf("cancel: %v", err)
	}
	res, err := s.register("Person d", "d@verein.example")
	if err != nil || res.Status != meeting.Waitlisted || res.WaitlistPosition != 2 {
		t.Errorf("d: %+v %v; want waitlisted at place 2", res, err)
	}
	if res != nil {
		ids["d"] = res.RegistrationID
	}
	for who, want := range map[string]int{"c": 1, "d": 2} {
		if o := s.owned(t, ids[who]); o.WaitlistPosition != want {
			t.Errorf("%s: manage view says place %d, want %d", who, o.WaitlistPosition, want)
		}
	}
}

// The waitlist is bounded (by default twice the capacity): 200 parallel
// registrations for 40 seats fill the seats and 80 places, the other 80
// hear "waitlist full" (a conflict) and nothing of theirs is stored or
// mailed.
func TestWaitlistIsBounded(t *testing.T) {
	s := newSeats(t, 40, nil)
	const n = 200
	var wg sync.WaitGroup
	errs := make([]error, n)
	sem := make(chan struct{}, 50)
	for i := range n {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			_, errs[i] = s.person("t", i)
		}(i)
	}
	wg.Wait()
	registered, full := 0, 0
	for _, err := range errs {
		switch e := apperr.As(err); {
		case err == nil:
			registered++
		case e != nil && e.Code == apperr.Conflict && e.Key == "waitlist_full":
			full++
		default:
			t.Errorf("registration: %v; want a seat, a place or waitlist_full", err)
		}
	}
	if registered != 120 || full != 80 {
		t.Fatalf("%d registered, %d told the waitlist is full; want 120 and 80", registered, full)
	}
	items := s.Items(t)
	if got := testenv.CountStatus(items["registration"]); got["confirmed"] != 40 || got["waitlisted"] != 80 {
		t.Fatalf("stored %v", got)
	}
	if c := s.Counters(t); c.Confirmed != 40 || c.Waiting != 80 {
		t.Fatalf("counters %+v", c)
	}
	if len(items["outbox"]) != 120 || len(items["email-lock"]) != 120 || len(items["token"]) != 120 {
		t.Fatalf("%d mails, %d locks, %d tokens; want 120 each", len(items["outbox"]), len(items["email-lock"]), len(items["token"]))
	}
	p, err := s.svc.Get(context.Background(), seed.MeetingID, "de", "")
	if err != nil || !p.WaitlistFull || p.Status != meeting.StatusFull {
		t.Fatalf("public view after: %+v %v", p, err)
	}
	// A cancellation frees a seat for the first waiting; the place that
	// frees on the waitlist takes a new registration again.
	var seat string
	for _, r := range items["registration"] {
		if r["status"] == "confirmed" {
			seat = r["id"].(string)
			break
		}
	}
	if err := s.cancel(seat); err != nil {
		t.Fatalf("cancel: %v", err)
	}
	if res, err := s.register("Nachzüglerin", "late@verein.example"); err != nil || res.Status != meeting.Waitlisted {
		t.Fatalf("after a cancellation: %+v %v", res, err)
	}
	if c := s.Counters(t); c.Confirmed != 40 || c.Waiting != 80 {
		t.Fatalf("counters after: %+v", c)
	}
}

// A seat that comes free between the seat attempt and the waitlist
// attempt must not lose the registration: it takes the seat.
func TestRegistrationNotLostWhenASeatComesFree(t *testing.T) {
	var s *seats
	var first string // the one confirmed registration
	hook := testenv.AfterFirstFailedTx(func() {
		// Another client cancels the one confirmed seat in between.
		other := meeting.NewService(dynamo.New(s.DB, s.Table), s.Tokens, time.Now)
		if err := other.Cancel(context.Background(), s.token(first), nil); err != nil {
			t.Errorf("cancel in between: %v", err)
		}
	})
	s = newSeats(t, 1, []testenv.Option{testenv.Client(hook)})
	res, err := s.register("Erste Person", "erste@verein.example")
	if err != nil {
		t.Fatalf("first: %v", err)
	}
	first = res.RegistrationID

	res, err = s.register("Zweite Person", "zweite@verein.example")
	if err != nil {
		t.Fatalf("second: %v", err)
	}
	items := s.Items(t)
	var stored map[string]any
	for _, r := range items["registration"] {
		if r["id"] == res.RegistrationID {
			stored = r
		}
	}
	if stored == nil {
		t.Fatalf("answered %+v but stored nothing", res)
	}
	if stored["status"] != string(res.Status) || res.Status != meeting.Confirmed {
		t.Errorf("answered %+v, stored status %v; want confirmed (the seat was free)", res, stored["status"])
	}
	if c := s.Counters(t); c.Confirmed != 1 || c.Waiting != 0 {
		t.Errorf("counters %+v, want 1 confirmed, 0 waiting", c)
	}
	kinds := map[string]int{}
	for _, o := range items["outbox"] {
		kinds[o["kind"].(string)]++
	}
	if kinds["confirmed"] != 2 || kinds["cancelled"] != 1 {
		t.Errorf("outbox kinds %v: want 2 confirmed and 1 cancelled mail", kinds)
	}
}
