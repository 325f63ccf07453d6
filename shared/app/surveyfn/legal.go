package surveyfn

import (
	"context"

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
