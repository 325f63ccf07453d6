package admin

import (
	"context"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/office"
)

// OfficeStore is what the office profile needs from storage.
type OfficeStore interface {
	Office(ctx context.Context, id string) (*office.Profile, error)
	OfficeNotice(ctx context.Context, id, version string) (*office.PrivacyNotice, error)
	// PutOfficeIf stores a validated profile while the stored one is
	// still the one saved at read (zero: none); Conflict "office_changed"
	// otherwise.
	PutOfficeIf(ctx context.Context, p *office.Profile, read, now time.Time) error
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

// OfficeProfile returns the coordinator's office profile as stored, nil
// when the office has none (the console's header shows its name).
func (s *Service) OfficeProfile(ctx context.Context, c *auth.Coordinator) (*office.Profile, error) {
	p, err := s.store.Office(ctx, c.Office)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil
	}
	return p, err
}

// PutOffice validates and stores the coordinator's office profile. The
// read-only fields of p (office, updatedAt, noticeVersions, the notice's
// publishedAt) are ignored. A new privacy notice version is published
// beside the earlier ones; a published version keeps its text (409).
func (s *Service) PutOffice(ctx context.Context, c *auth.Coordinator, p office.Profile, lang string) (*office.Profile, error) {
	return s.putOffice(ctx, c, p, nil, lang)
}

// PutOfficeIf is PutOffice for a form: it saves only while the stored
// profile is the one the form was filled from (its updatedAt, zero when
// there was none), else Conflict "office_changed" and nothing written.
func (s *Service) PutOfficeIf(ctx context.Context, c *auth.Coordinator, p office.Profile, read time.Time, lang string) (*office.Profile, error) {
	return s.putOffice(ctx, c, p, &read, lang)
}

func (s *Service) putOffice(ctx context.Context, c *auth.Coordinator, p office.Profile, read *time.Time, lang string) (*office.Profile, error) {
	p.Office, p.NoticeVersions = c.Office, nil
	if p.PrivacyNotice != nil {
		n := *p.PrivacyNotice
		n.PublishedAt = nil
		p.PrivacyNotice = &n
	}
	if err := office.ValidateProfile(&p, lang); err != nil {
		return nil, err
	}
	put := func() error { return s.store.PutOffice(ctx, &p, s.now()) }
	if read != nil {
		put = func() error { return s.store.PutOfficeIf(ctx, &p, *read, s.now()) }
	}
	if err := put(); err != nil {
		return nil, err
	}
	return &p, nil
}
