package surveyfn

import (
	"context"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// store is the survey function's view of the DynamoDB store: the calls
// survey.Store names, held as method values, so that the bootstrap does
// not keep every method of *dynamo.Store (see meetingfn's store).
type store struct {
	survey               func(context.Context, string) (*survey.Definition, error)
	saveResponse         func(context.Context, *survey.Response, *idempotency.Claim, *ratelimit.Use) (*idempotency.Replay, error)
	invitationByToken    func(context.Context, string) (*invitation.Invitation, error)
	responseByInvitation func(context.Context, string, string) (*survey.Response, error)
	eraseResponse        func(context.Context, string, string, *survey.Response, time.Time) error
}

func viewOf(s *dynamo.Store) *store {
	return &store{survey: s.Survey, saveResponse: s.SaveResponse, invitationByToken: s.InvitationByToken,
		responseByInvitation: s.ResponseByInvitation, eraseResponse: s.EraseResponse}
}

func (v *store) Survey(ctx context.Context, id string) (*survey.Definition, error) {
	return v.survey(ctx, id)
}

func (v *store) SaveResponse(ctx context.Context, r *survey.Response, claim *idempotency.Claim, use *ratelimit.Use) (*idempotency.Replay, error) {
	return v.saveResponse(ctx, r, claim, use)
}

func (v *store) InvitationByToken(ctx context.Context, tokenHash string) (*invitation.Invitation, error) {
	return v.invitationByToken(ctx, tokenHash)
}

func (v *store) ResponseByInvitation(ctx context.Context, surveyID, invitationID string) (*survey.Response, error) {
	return v.responseByInvitation(ctx, surveyID, invitationID)
}

func (v *store) EraseResponse(ctx context.Context, office, actor string, r *survey.Response, now time.Time) error {
	return v.eraseResponse(ctx, office, actor, r, now)
}

var _ survey.Store = (*store)(nil)
