// Package demo is a store that serves the demo survey and meeting from
// memory and keeps nothing: fuzzers and benchmarks measure decoding,
// validation, the services' rules and rendering, not DynamoDB.
package demo

import (
	"context"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Store is the demo survey and meeting, with the meeting's counters; it
// is both services' store. Every registration gets a seat, no personal
// link or registration is known.
type Store struct {
	SurveyDef  *survey.Definition
	MeetingDef *meeting.Meeting
	Counters   meeting.Counters
}

// New is the demo survey and the demo meeting as of now.
func New() *Store {
	return &Store{SurveyDef: seed.DemoSurvey(), MeetingDef: seed.DemoMeeting(time.Now())}
}

var (
	_ survey.Store  = (*Store)(nil)
	_ meeting.Store = (*Store)(nil)
)

func (d *Store) Survey(context.Context, string) (*survey.Definition, error) { return d.SurveyDef, nil }

func (d *Store) SaveResponse(context.Context, *survey.Response, *idempotency.Claim, *ratelimit.Use) (*idempotency.Replay, error) {
	return nil, nil
}

func (d *Store) EraseResponse(context.Context, string, string, *survey.Response, time.Time) error {
	return nil
}

func (d *Store) ResponseByInvitation(context.Context, string, string) (*survey.Response, error) {
	return nil, apperr.New(apperr.NotFound, "not_found")
}

func (d *Store) InvitationByToken(context.Context, string) (*invitation.Invitation, error) {
	return nil, apperr.New(apperr.NotFound, "invitation_unknown")
}

func (d *Store) Invitation(context.Context, invitation.Kind, string, string) (*invitation.Invitation, error) {
	return nil, apperr.New(apperr.NotFound, "invitation_unknown")
}

func (d *Store) Meeting(context.Context, string) (*meeting.Meeting, meeting.Counters, error) {
	return d.MeetingDef, d.Counters, nil
}

func (d *Store) Register(context.Context, *meeting.Meeting, *meeting.Registration, *idempotency.Claim, []*ratelimit.Use, time.Time) (meeting.Outcome, error) {
	return meeting.Outcome{Status: meeting.Confirmed}, nil
}

func (d *Store) RegistrationByToken(context.Context, string) (*meeting.Registration, error) {
	return nil, apperr.New(apperr.NotFound, "registration_not_found")
}

func (d *Store) Registration(context.Context, string, string) (*meeting.Registration, error) {
	return nil, apperr.New(apperr.NotFound, "registration_not_found")
}

func (d *Store) WaitlistPosition(context.Context, *meeting.Registration) (int, error) { return 1, nil }

func (d *Store) Cancel(context.Context, *meeting.Meeting, *meeting.Registration, *meeting.Erasure, time.Time) error {
	return nil
}
