package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
)

// 200 registrations at once for 40 seats (waitlist bound high enough, no
// per-client limits): the places the 201s tell the 160 on the waitlist are
// 1..160, each once, and each is the place the registration has
// afterwards, on the manage link too; cancelled seats go to the waitlist
// in that order, and the places of those still waiting move up by as many.
func TestWaitlistPlacesToldUnderLoadAreExact(t *testing.T) {
	a := newMeetingAPI(t, 40, func(m *meeting.Meeting) { m.MaxWaitlist = 400 })
	const n = 200
	var wg sync.WaitGroup
	start := make(chan struct{})
	results := make([]meeting.Result, n)
	statuses := make([]int, n)
	bodies := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			statuses[i], bodies[i] = a.register(t, regBody(fmt.Sprint("Teilnehmerin ", i), fmt.Sprintf("w%d@verein.example", i)), nil)
			_ = json.Unmarshal([]byte(bodies[i]), &results[i])
		}()
	}
	close(start)
	wg.Wait()
	told := map[int]string{} // place → registration
	var confirmed []string
	for i, r := range results {
		if statuses[i] != 201 {
			t.Fatalf("registration %d: %d %s", i, statuses[i], bodies[i])
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
	order, err := a.store.WaitlistOrder(context.Background(), seed.MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	for p, id := range told {
		if order[id] != p {
			t.Errorf("%s was told place %d, the waitlist has it at %d", id, p, order[id])
		}
	}
	place := func(id string) (meeting.RegStatus, int) {
		_, body := a.do(t, "GET", "/registrations/{token}", "token", a.tokens.Token(meeting.TokenKind, id), "", nil)
		var o meeting.Owner
		if err := json.Unmarshal([]byte(body), &o); err != nil {
			t.Fatalf("manage view: %s", body)
		}
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
		if status, body := a.do(t, "DELETE", "/registrations/{token}", "token", a.tokens.Token(meeting.TokenKind, confirmed[i]), "", nil); status != 200 {
			t.Fatalf("cancel: %d %s", status, body)
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
