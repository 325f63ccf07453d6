package admin

import (
	"context"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/office"
)

// OfficeStore is what the office profile needs from storage.
type OfficeStore interface {
	Office(ctx context.Context, id string) (*office.Profile, error)
	OfficeNotice(ctx context.Context, id, version string) (*office.PrivacyNotice, error)
}

// Office returns the coordinator's office profile with the current privacy
// notice's text; an office without a profile gets an empty one (office
// set, nothing else), which a PUT fills in.
func (s *Service) Office(ctx context.Context, c *auth.Coordinator) (*office.Profile, error) {
	p, err := s.store.Office(ctx, c.Office)
	if apperr.CodeOf(err) == apperr.NotFound {
		return &office.Profile{Office: c.Office}, nil
	}
	if err != nil {
		return nil, err
	}
	if v := p.NoticeVersion(); v != "" {
		n, err := s.store.OfficeNotice(ctx, c.Office, v)
		if err != nil {
			return nil, err
		}
		p.PrivacyNotice = n
	}
	return p, nil
}

// PutOffice validates and stores the coordinator's office profile. The
// read-only fields of p (office, updatedAt, noticeVersions, the notice's
// publishedAt) are ignored. A new privacy notice version is published
// beside the earlier ones; a published version keeps its text (409).
func (s *Service) PutOffice(ctx context.Context, c *auth.Coordinator, p office.Profile, lang string) (*office.Profile, error) {
	p.Office, p.NoticeVersions = c.Office, nil
	if p.PrivacyNotice != nil {
		n := *p.PrivacyNotice
		n.PublishedAt = nil
		p.PrivacyNotice = &n
	}
	if err := p.Validate(lang); err != nil {
		return nil, err
	}
	if err := s.store.PutOffice(ctx, &p, s.now()); err != nil {
		return nil, err
	}
	return &p, nil
}
