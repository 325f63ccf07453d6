package admin

import (
	"context"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
)

// goLive is the go-live guard: with RequirePrivacyNotice on
// (in AWS), a survey or meeting of an office whose profile has no
// privacy notice is neither created nor saved; 409 conflict
// "office_no_privacy_notice", in the caller's language. A form may only
// go online with the notice it must link (Art. 13 DSGVO).
func (s *Service) goLive(ctx context.Context, c *auth.Coordinator) error {
	if !s.RequirePrivacyNotice {
		return nil
	}
	p, err := s.store.Office(ctx, c.Office)
	if err != nil && apperr.CodeOf(err) != apperr.NotFound {
		return err
	}
	if p == nil || p.PrivacyNotice == nil || p.PrivacyNotice.Version == "" {
		return apperr.New(apperr.Conflict, "office_no_privacy_notice")
	}
	return nil
}
