package meetingfn

import (
	"context"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// store is the meeting function's view of the DynamoDB store: the seven
// calls meeting.Store names, held as method values. Handing the service
// the *dynamo.Store itself would keep every one of its methods (surveys,
// admin, exports) in this bootstrap, for html/template calls methods by
// name and so the linker keeps all exported methods of any type used
// through an interface. Budget: make size.
type store struct {
	meeting             func(context.Context, string) (*meeting.Meeting, meeting.Counters, error)
	register            func(context.Context, *meeting.Meeting, *meeting.Registration, *idempotency.Claim, []*ratelimit.Use, time.Time) (*idempotency.Replay, error)
	registrationByToken func(context.Context, string) (*meeting.Registration, error)
	invitationByToken   func(context.Context, string) (*invitation.Invitation, error)
	registration        func(context.Context, string, string) (*meeting.Registration, error)
	waitlistPosition    func(context.Context, *meeting.Registration) (int, error)
	cancel              func(context.Context, *meeting.Meeting, *meeting.Registration, *meeting.Erasure, time.Time) error
}

func viewOf(s *dynamo.Store) *store {
	return &store{meeting: s.Meeting, register: s.Register, registrationByToken: s.RegistrationByToken,
		invitationByToken: s.InvitationByToken, registration: s.Registration, waitlistPosition: s.WaitlistPosition, cancel: s.Cancel}
}

func (v *store) Meeting(ctx context.Context, id string) (*meeting.Meeting, meeting.Counters, error) {
	return v.meeting(ctx, id)
}

func (v *store) Register(ctx context.Context, m *meeting.Meeting, r *meeting.Registration, claim *idempotency.Claim, uses []*ratelimit.Use, now time.Time) (*idempotency.Replay, error) {
	return v.register(ctx, m, r, claim, uses, now)
}

func (v *store) RegistrationByToken(ctx context.Context, tokenHash string) (*meeting.Registration, error) {
	return v.registrationByToken(ctx, tokenHash)
}

func (v *store) InvitationByToken(ctx context.Context, tokenHash string) (*invitation.Invitation, error) {
	return v.invitationByToken(ctx, tokenHash)
}

func (v *store) Registration(ctx context.Context, meetingID, id string) (*meeting.Registration, error) {
	return v.registration(ctx, meetingID, id)
}

func (v *store) WaitlistPosition(ctx context.Context, r *meeting.Registration) (int, error) {
	return v.waitlistPosition(ctx, r)
}

func (v *store) Cancel(ctx context.Context, m *meeting.Meeting, r *meeting.Registration, erase *meeting.Erasure, now time.Time) error {
	return v.cancel(ctx, m, r, erase, now)
}

var _ meeting.Store = (*store)(nil)
