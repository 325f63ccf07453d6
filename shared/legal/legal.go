// Package legal is what the public may do on an office's legal pages:
// read its privacy notice in any published version, report a
// barrier or a problem (stored with a TTL and mailed to the office), and
// object to further invitations from the office (Art. 21 DSGVO).
package legal

import (
	"context"
	"strings"
	"time"
	"unicode"

	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// Store is what the legal pages need from storage.
type Store interface {
	OfficeNotice(ctx context.Context, office, version string) (*office.PrivacyNotice, error)
	// SaveFeedback stores a message with its mail to the office, counted
	// against the client's limit in the same write.
	SaveFeedback(ctx context.Context, f *Feedback, use *ratelimit.Use) error
}

// Service serves the legal pages.
type Service struct {
	Offices *office.Cache
	// Limit is the per-client limit of feedback messages.
	Limit ratelimit.Rule
	store Store
	now   func() time.Time
}

// New returns the service.
func New(store Store, offices *office.Cache, now func() time.Time) *Service {
	return &Service{store: store, Offices: offices, now: now}
}

// Office returns an office's profile, NotFound without one.
func (s *Service) Office(ctx context.Context, id string) (*office.Profile, error) {
	p, err := s.Offices.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, apperr.New(apperr.NotFound, "office_not_found")
	}
	return p, nil
}

// Notice returns an office's privacy notice: version, or the current one
// when version is "".
func (s *Service) Notice(ctx context.Context, id, version string) (*office.Profile, *office.PrivacyNotice, error) {
	p, err := s.Office(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if version == "" {
		version = p.NoticeVersion()
	}
	if version == "" || len(version) > 40 {
		return p, nil, apperr.New(apperr.NotFound, "notice_not_found")
	}
	n, err := s.store.OfficeNotice(ctx, id, version)
	return p, n, err
}

// Feedback is a message to an office about a barrier or a problem.
type Feedback struct {
	ID       string
	Office   string
	Message  string
	Email    string // optional: for an answer
	Page     string // optional: the page it is about
	Language string
	At       time.Time
	// ExpiresAt: the message goes after FeedbackRetention.
	ExpiresAt time.Time
}

// FeedbackPerHour is how many messages one client address sends an
// hour at most (the form's per-client limit).
const FeedbackPerHour = 10

// FeedbackRetention is how long a message is kept: long enough for the
// office to answer and to report on barriers once a year.
const FeedbackRetention = 365 * 24 * time.Hour

// Limits of a message.
const (
	MaxMessage = 5000
	MaxPage    = 500
)

// FeedbackRequest is the feedback form.
type FeedbackRequest struct {
	Message, Email, Page string
}

// Check validates a message: every problem at once, in lang.
func (r *FeedbackRequest) Check(lang string) error {
	r.Message, r.Email, r.Page = strings.TrimSpace(r.Message), strings.TrimSpace(r.Email), strings.TrimSpace(r.Page)
	f := validation.NewFields(lang)
	switch {
	case r.Message == "":
		f.Add("message", "required", "feedback_message_required")
	case len([]rune(r.Message)) > MaxMessage || !text(r.Message):
		f.Add("message", "text", "office_text", MaxMessage)
	}
	if r.Email != "" && (len(r.Email) > 254 || !validEmail(r.Email)) {
		f.Add("email", "email", "office_email")
	}
	if len([]rune(r.Page)) > MaxPage || !text(r.Page) || strings.ContainsAny(r.Page, "\r\n") {
		f.Add("page", "text", "office_text", MaxPage)
	}
	return f.Err()
}

func text(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return false
		}
	}
	return true
}

// validEmail is the check of the registration form's address: one @, a
// dot in the domain, no spaces.
func validEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && at < len(s)-3 && strings.Contains(s[at:], ".") && !strings.ContainsAny(s, " \t<>,;\"")
}

// SendFeedback stores a message to office and queues its mail to the
// office's address; a client over its limit gets rate_limited and nothing
// is stored.
func (s *Service) SendFeedback(ctx context.Context, id string, req FeedbackRequest, lang string) (*Feedback, error) {
	if _, err := s.Office(ctx, id); err != nil {
		return nil, err
	}
	if err := req.Check(lang); err != nil {
		return nil, err
	}
	now := s.now()
	f := &Feedback{ID: ulid.Make().String(), Office: id, Message: req.Message, Email: req.Email, Page: req.Page,
		Language: lang, At: now.UTC(), ExpiresAt: now.Add(FeedbackRetention)}
	if err := s.store.SaveFeedback(ctx, f, s.Limit.Use(ctx, now)); err != nil {
		return nil, err
	}
	return f, nil
}
