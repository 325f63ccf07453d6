package dynamo_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// seats is the demo meeting with capacity seats (changed by change) on a
// fresh table, and the meeting service on the areas the meeting function
// holds.
type seats struct {
	*testenv.Env
	svc *meeting.Service
}

func newSeats(t *testing.T, capacity int, opts []testenv.Option, change ...func(*meeting.Meeting)) *seats {
	t.Helper()
	env := testenv.New(t, opts...)
	env.PutDemoMeeting(t, capacity, change...)
	store := struct {
		dynamo.Registrations
		dynamo.Invitations
	}{env.Store.Registrations, env.Store.Invitations}
	svc := meeting.NewService(store, env.Tokens, env.Clock.Now)
	svc.Offices = office.NewCache(env.Store.Offices.Office, env.Clock.Now)
	env.Calls.Reset()
	return &seats{Env: env, svc: svc}
}

// request is a registration as the meeting page sends it.
func request(name, email string) *meeting.Request {
	yes := true
	return &meeting.Request{Name: name, Email: email, Organisation: "Verein " + name, Role: "Mitglied", Language: "de",
		Needs:   &meeting.Needs{Accessibility: "Rollstuhl", Interpretation: "ar", Dietary: "halal"},
		Consent: &meeting.Consent{Privacy: &yes}}
}

func (s *seats) register(name, email string) (*meeting.Result, error) {
	return s.svc.Register(context.Background(), seed.MeetingID, request(name, email), "de", nil)
}

// person registers the i-th person of a test.
func (s *seats) person(prefix string, i int) (*meeting.Result, error) {
	return s.register(fmt.Sprint("Teilnehmerin ", i), fmt.Sprintf("%s%d@verein.example", prefix, i))
}

func (s *seats) token(id string) string { return s.Tokens.Token(meeting.TokenKind, id) }

func (s *seats) cancel(id string) error {
	return s.svc.Cancel(context.Background(), s.token(id), nil)
}

// owned is the registration as its manage link shows it.
func (s *seats) owned(t *testing.T, id string) *meeting.Owner {
	t.Helper()
	o, err := s.svc.Owned(context.Background(), s.token(id), "de")
	if err != nil {
		t.Fatalf("manage view of %s: %v", id, err)
	}
	return o
}
