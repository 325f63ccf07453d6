// Package memory is an in-memory store for unit tests and benchmarks of
// pure logic. Storage paths are tested against DynamoDB Local (store/dynamo).
package memory

import (
	"context"
	"sync"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

var _ survey.Store = (*Store)(nil)

// Store keeps everything in maps behind one mutex.
type Store struct {
	mu        sync.Mutex
	surveys   map[string]*survey.Definition
	responses map[string][]*survey.Response
	claims    map[string]*idempotency.Claim
	meetings  map[string]*meetingState
	tokens    map[string]*meeting.Registration
}

// New returns an empty store.
func New() *Store {
	return &Store{
		surveys:   map[string]*survey.Definition{},
		responses: map[string][]*survey.Response{},
		claims:    map[string]*idempotency.Claim{},
	}
}

// PutSurvey stores a definition.
func (s *Store) PutSurvey(_ context.Context, d *survey.Definition) error {
	if err := d.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.surveys[d.ID] = d
	return nil
}

// Survey returns a definition.
func (s *Store) Survey(_ context.Context, id string) (*survey.Definition, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.surveys[id]
	if !ok {
		return nil, apperr.New(apperr.NotFound, "survey_not_found")
	}
	return d, nil
}

// SaveResponse stores r unless claim's key was used before.
func (s *Store) SaveResponse(_ context.Context, r *survey.Response, claim *idempotency.Claim) (*idempotency.Replay, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if claim != nil {
		if c, ok := s.claims[claim.KeyHash]; ok {
			return &idempotency.Replay{RequestHash: c.RequestHash, Status: c.Status, Body: c.Body}, nil
		}
		s.claims[claim.KeyHash] = claim
	}
	s.responses[r.SurveyID] = append(s.responses[r.SurveyID], r)
	return nil, nil
}

// Responses returns the responses of a survey (for tests).
func (s *Store) Responses(surveyID string) []*survey.Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*survey.Response(nil), s.responses[surveyID]...)
}

// InvitationByToken finds nothing: invitations are stored in DynamoDB only.
func (s *Store) InvitationByToken(context.Context, string) (*invitation.Invitation, error) {
	return nil, apperr.New(apperr.NotFound, "invitation_unknown")
}
