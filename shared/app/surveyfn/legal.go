package surveyfn

import (
	"context"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/legal"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// legalStore is the legal pages' view of the store, held as method
// values for the reason of store (see viewOf).
type legalStore struct {
	notice       func(context.Context, string, string) (*office.PrivacyNotice, error)
	saveFeedback func(context.Context, *legal.Feedback, *ratelimit.Use) error
}

func legalViewOf(s *dynamo.Store) *legalStore {
	return &legalStore{notice: s.OfficeNotice, saveFeedback: s.SaveFeedback}
}

func (v *legalStore) OfficeNotice(ctx context.Context, id, version string) (*office.PrivacyNotice, error) {
	return v.notice(ctx, id, version)
}

func (v *legalStore) SaveFeedback(ctx context.Context, f *legal.Feedback, use *ratelimit.Use) error {
	return v.saveFeedback(ctx, f, use)
}

var _ legal.Store = (*legalStore)(nil)

// objectionStore is the objection link's view of the store (see viewOf).
type objectionStore struct {
	invitation func(context.Context, invitation.Kind, string, string) (*invitation.Invitation, error)
	object     func(context.Context, string, string, *invitation.Invitation, time.Time) error
	objected   func(context.Context, string, string) (bool, error)
}

func objectionViewOf(s *dynamo.Store) *objectionStore {
	return &objectionStore{invitation: s.Invitation, object: s.Object, objected: s.Objected}
}

func (v *objectionStore) Invitation(ctx context.Context, kind invitation.Kind, targetID, id string) (*invitation.Invitation, error) {
	return v.invitation(ctx, kind, targetID, id)
}

func (v *objectionStore) Object(ctx context.Context, office, personKey string, inv *invitation.Invitation, now time.Time) error {
	return v.object(ctx, office, personKey, inv, now)
}

func (v *objectionStore) Objected(ctx context.Context, office, personKey string) (bool, error) {
	return v.objected(ctx, office, personKey)
}

var _ legal.ObjectionStore = (*objectionStore)(nil)
