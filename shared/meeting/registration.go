package meeting

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/address"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/notice"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/ttlcache"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// RegStatus is the state of a registration.
type RegStatus string

const (
	Confirmed  RegStatus = "confirmed"
	Waitlisted RegStatus = "waitlisted"
	Cancelled  RegStatus = "cancelled"
)

// Needs are what a participant needs to take part.
type Needs struct {
	Accessibility  string `json:"accessibility,omitempty" validate:"max=500" dynamodbav:"accessibility,omitempty"`
	Interpretation string `json:"interpretation,omitempty" validate:"max=60" dynamodbav:"interpretation,omitempty"`
	Dietary        string `json:"dietary,omitempty" validate:"max=300" dynamodbav:"dietary,omitempty"`
}

// Consent is what the participant agreed to.
type Consent struct {
	Privacy *bool `json:"privacy" validate:"required,accepted" dynamodbav:"privacy"`
	Photos  bool  `json:"photos" dynamodbav:"photos"`
}

// Request is the wire model of POST /meetings/{id}/registrations.
type Request struct {
	Name         string   `json:"name" validate:"required,max=120,plain"`
	Email        string   `json:"email" validate:"required,max=254,email_ascii,email"`
	Organisation string   `json:"organisation" validate:"max=200,plain"`
	Role         string   `json:"role" validate:"max=120,plain"`
	Language     string   `json:"language" validate:"omitempty,language"`
	Invitation   string   `json:"invitation" validate:"max=200"`
	Needs        *Needs   `json:"needs"`
	Consent      *Consent `json:"consent" validate:"required"`
	// Topics are the codes of the meeting's topics that matter to the
	// person (optional).
	Topics []string `json:"topics,omitempty"`
}

// Registration is a stored registration.
type Registration struct {
	ID           string
	MeetingID    string
	Office       string
	Status       RegStatus
	Name         string
	Email        string
	Organisation string
	Role         string
	Language     string
	Needs        Needs
	Consent      Consent
	Topics       []string // codes of the meeting's topics chosen
	// NoticeVersion is the version of the privacy notice consent was given
	// to (at CreatedAt); "" when the meeting names none.
	NoticeVersion string
	TokenHash     string
	InvitationID  string // set when registered through a personal invitation
	CreatedAt     time.Time
	UpdatedAt     time.Time
	ExpiresAt     time.Time
}

// EmailKey identifies the person behind an address (for the one-live-
// registration rule: address.Person, so "Opfer+1@" is "opfer@") without
// putting the address into a key.
func EmailKey(email string) string {
	return linktoken.Hash("email\x00" + address.Person(email))
}

// OrgKey identifies an organisation name loosely (case and spaces).
func OrgKey(org string) string {
	return linktoken.Hash("org\x00" + strings.ToLower(strings.Join(strings.Fields(org), " ")))
}

// Outcome is what a registration's write decided: the list it went on,
// or (Replay, Status empty) the earlier result of the same
// Idempotency-Key, with nothing written.
type Outcome struct {
	Status RegStatus
	Replay *idempotency.Replay
}

// Store is what the meeting service needs from storage. Seat accounting is
// the store's: it must keep confirmed ≤ capacity under any concurrency.
type Store interface {
	// Meeting returns a meeting and its counters, or NotFound.
	Meeting(ctx context.Context, id string) (*Meeting, Counters, error)
	// Register takes a seat if one is free (no waitlist), else puts r on the
	// waitlist, in one atomic step with the email lock, the token lookup and
	// the outbox mail, and returns which (r, its status ignored, stays as it
	// is; a claim's result is the outcome's). Errors: Conflict (email holds a
	// live registration, organisation limit, seats changing too fast),
	// Closed (deadline passed). With a claim whose key is taken it stores
	// nothing and returns the earlier result (Outcome.Replay).
	// Each use of a per-client limit counts in the same step (Limited,
	// with the use's message, when the client is over one, and nothing is
	// stored).
	Register(ctx context.Context, m *Meeting, r *Registration, claim *idempotency.Claim, uses []*ratelimit.Use, now time.Time) (Outcome, error)
	// RegistrationByToken finds a registration by its token hash, or NotFound.
	RegistrationByToken(ctx context.Context, tokenHash string) (*Registration, error)
	// Invitation and InvitationByToken resolve personal links
	// (invitation.Resolve), or NotFound.
	Invitation(ctx context.Context, kind invitation.Kind, targetID, id string) (*invitation.Invitation, error)
	InvitationByToken(ctx context.Context, tokenHash string) (*invitation.Invitation, error)
	// Registration reads one registration, or NotFound.
	Registration(ctx context.Context, meetingID, id string) (*Registration, error)
	// WaitlistPosition is the current place of a waitlisted registration.
	WaitlistPosition(ctx context.Context, r *Registration) (int, error)
	// Cancel cancels r; a freed seat goes to the first on the waitlist in the
	// same atomic step. Cancelling a cancelled registration does nothing.
	// With an erasure it also removes the person's data (a cancelled
	// registration too) and leaves an audit item, in the same step.
	Cancel(ctx context.Context, m *Meeting, r *Registration, erase *Erasure, now time.Time) error
}

// Service serves the public meeting routes.
type Service struct {
	// Limit is the per-client limit of registrations (off when zero);
	// MeetingLimit the per-client limit of registrations for one meeting
	// (until its registration closes; off when zero).
	Limit, MeetingLimit ratelimit.Rule

	store  Store
	tokens *linktoken.Minter
	now    func() time.Time
	cache  *ttlcache.Cache[*Meeting]
	// Offices are the office profiles (nil: none): pages show the
	// office, and a consent names the office's notice when the meeting
	// names none.
	Offices *office.Cache
	// unframed are the ids of meetings read without a copy of their
	// office's profile in them (FramedStore): the next page copies it.
	unframed sync.Map
}

// FramedStore is a Store that keeps a copy of the office's profile in
// each meeting's definition (a frame) and reads both in one round trip:
// a cold page then makes one call before it renders, not two.
type FramedStore interface {
	// MeetingFramed is Meeting with the frame (nil when there is none).
	MeetingFramed(ctx context.Context, id string) (*Meeting, Counters, *office.Profile, error)
	// PutMeetingFrame copies p into meeting id while p is the office's
	// stored profile (Conflict when it is no longer).
	PutMeetingFrame(ctx context.Context, id string, p *office.Profile) error
	// RegistrationFramed is RegistrationByToken and MeetingFramed of its
	// meeting, the two reads after the link's lookup made at once.
	RegistrationFramed(ctx context.Context, tokenHash string) (*Registration, *Meeting, Counters, *office.Profile, error)
	// RegistrationFramedAt is RegistrationFramed of a link that names its
	// meeting and registration (ManageToken): both reads at once, with
	// no lookup before them.
	RegistrationFramedAt(ctx context.Context, meetingID, id string) (*Registration, *Meeting, Counters, *office.Profile, error)
}

// read is the store's Meeting. From a FramedStore the office's profile
// copied into the meeting comes in the same round trip and goes to the
// cache of profiles; a meeting without one is noted for profile.
func (s *Service) read(ctx context.Context, id string) (*Meeting, Counters, error) {
	fs, ok := s.store.(FramedStore)
	if !ok || s.Offices == nil {
		return s.store.Meeting(ctx, id)
	}
	m, c, frame, err := fs.MeetingFramed(ctx, id)
	if err != nil {
		return nil, c, err
	}
	s.framed(m, frame)
	return m, c, nil
}

// framed keeps frame, the profile read with m, or notes m for profile.
func (s *Service) framed(m *Meeting, frame *office.Profile) {
	if !s.Offices.Keep(m.Office, frame) {
		s.unframed.Store(m.ID, true)
	}
}

// owned is the registration of a personal link with its meeting.
func (s *Service) owned(ctx context.Context, token string) (*Registration, *Meeting, Counters, error) {
	fs, ok := s.store.(FramedStore)
	if !ok || s.Offices == nil {
		r, err := s.lookup(ctx, token)
		if err != nil {
			return nil, nil, Counters{}, err
		}
		m, c, err := s.store.Meeting(ctx, r.MeetingID)
		return r, m, c, err
	}
	var (
		r     *Registration
		m     *Meeting
		c     Counters
		frame *office.Profile
		err   error
	)
	if meetingID, id, signed := names(token); signed {
		r, m, c, frame, err = s.signed(ctx, fs, token, meetingID, id)
	} else if strings.Contains(token, ".") {
		err = apperr.New(apperr.NotFound, "registration_not_found")
	} else {
		r, m, c, frame, err = fs.RegistrationFramed(ctx, linktoken.Hash(token))
	}
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil, Counters{}, apperr.New(apperr.NotFound, "registration_not_found")
	}
	if err != nil {
		return nil, nil, Counters{}, err
	}
	s.framed(m, frame)
	return r, m, c, nil
}

// signed reads the registration and meeting a ManageToken names while
// its signature is checked, which may wait for the link secret (read
// from Secrets Manager at a cold start): the reads and that wait
// overlap. What was read is dropped unless the signature holds.
func (s *Service) signed(ctx context.Context, fs FramedStore, token, meetingID, id string) (*Registration, *Meeting, Counters, *office.Profile, error) {
	type read struct {
		r     *Registration
		m     *Meeting
		c     Counters
		frame *office.Profile
		err   error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan read, 1)
	go func() {
		var g read
		g.r, g.m, g.c, g.frame, g.err = fs.RegistrationFramedAt(ctx, meetingID, id)
		done <- g
	}()
	if _, ok := s.tokens.Open(manageKind, token); !ok {
		return nil, nil, Counters{}, nil, apperr.New(apperr.NotFound, "registration_not_found")
	}
	g := <-done
	return g.r, g.m, g.c, g.frame, g.err
}

// manageKind is what ManageToken signs for.
const manageKind = "manage-link"

// ManageToken returns the token of the manage link (/r/{token}) of
// registration id of meetingID. It names both, signed under the
// deployment's secret (linktoken.Sign: the names in base64url, a dot, their
// HMAC), so that the link's page reads the registration and its meeting
// at once instead of looking the token up first. Nothing of it is stored.
// Links mailed before it (a bare HMAC, TokenKind, without a dot) are
// still found by their token item.
func ManageToken(tokens *linktoken.Minter, meetingID, id string) string {
	return tokens.Sign(manageKind, meetingID+"/"+id)
}

// names returns the meeting and registration a token shaped as
// ManageToken's names, not yet checked (signed). A token without a dot is
// an earlier link, to be looked up; one with a dot that names nothing is
// unknown.
func names(token string) (meetingID, id string, signed bool) {
	payload, ok := linktoken.Peek(token)
	if ok {
		meetingID, id, ok = strings.Cut(payload, "/")
	}
	// The names are read before the signature is checked: only ids reach
	// a key (a registration's is a ULID, 26 of 0-9 and A-Z).
	return meetingID, id, ok && ValidID(meetingID) && ValidID(strings.ToLower(id))
}

// opened returns the meeting and registration a ManageToken names
// (signed), checked; for a token without a dot, an earlier link, nothing
// (it is looked up). Any other token is unknown.
func (s *Service) opened(token string) (meetingID, id string, signed bool, err error) {
	if !strings.Contains(token, ".") {
		return "", "", false, nil
	}
	meetingID, id, signed = names(token)
	if _, ok := s.tokens.Open(manageKind, token); !ok || !signed {
		return "", "", false, apperr.New(apperr.NotFound, "registration_not_found")
	}
	return meetingID, id, true, nil
}

// profile is the profile of m's office for its pages; when m was read
// without a frame, the profile is copied into it for the next cold page
// (once; a failed copy is tried again after the next read).
func (s *Service) profile(ctx context.Context, m *Meeting) (*office.Profile, error) {
	p, err := s.Offices.Get(ctx, m.Office)
	if err != nil || p == nil {
		return p, err
	}
	if _, ok := s.unframed.LoadAndDelete(m.ID); ok {
		// A cached profile older than the stored one (a save since) is
		// refused; the page shows and copies the saved one instead.
		var failed bool
		p, failed = s.Offices.Copy(ctx, m.Office, p, func(p *office.Profile) error {
			return s.store.(FramedStore).PutMeetingFrame(ctx, m.ID, p)
		})
		if failed {
			s.unframed.Store(m.ID, true)
		}
	}
	return p, nil
}

// CacheTTL bounds the staleness of cached meeting definitions. Seat
// counters are never taken from the cache: the store's conditions decide.
const CacheTTL = 60 * time.Second

// NewService returns the service.
func NewService(store Store, tokens *linktoken.Minter, now func() time.Time) *Service {
	return &Service{store: store, tokens: tokens, now: now, cache: ttlcache.New[*Meeting](CacheTTL)}
}

func (s *Service) meeting(ctx context.Context, id string) (*Meeting, error) {
	if !ValidID(id) {
		return nil, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	m, err := s.cache.Load(id, s.now(), func() (*Meeting, error) {
		m, _, err := s.read(ctx, id)
		return m, err
	})
	if err == nil && m.Draft {
		return nil, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	return m, err
}

// Get returns the meeting with live seat counts; with the token of a
// personal invitation to it, the invited organisation and address are
// pre-filled.
func (s *Service) Get(ctx context.Context, id, lang, token string) (*Public, error) {
	if !ValidID(id) {
		return nil, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	m, c, err := s.read(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.public(ctx, m, c, lang, token)
}

// public is Get of m as read with c.
func (s *Service) public(ctx context.Context, m *Meeting, c Counters, lang, token string) (*Public, error) {
	if m.Draft {
		return nil, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	now := s.now()
	s.cache.Put(m.ID, m, now)
	p := m.PublicView(lang, c, now)
	// The online link is for those with a seat (their page, mails and
	// calendar entry): the public view only says that there is one.
	p.Online, p.Location.OnlineURL = p.Location.OnlineURL != "", ""
	var err error
	if p.Profile, err = s.profile(ctx, m); err != nil {
		return nil, err
	}
	if token != "" {
		inv, err := s.invitation(ctx, m.ID, token)
		if err != nil {
			return nil, err
		}
		if inv != nil {
			p.Invitation = &Prefill{Organisation: inv.Organisation, Email: inv.Email}
		}
	}
	return p, nil
}

// Paged is a meeting's definition item as a public page reads it
// (PagedStore): the copy of the page alone, or the meeting with its
// counters, its frame and the digest a copy of its page must carry.
type Paged struct {
	Copy     []byte
	Digest   string
	Meeting  *Meeting
	Counters Counters
	Frame    *office.Profile
}

// PagedStore is a FramedStore that also keeps a copy of each public page
// as rendered (dynamo's pagecopy.go): a page that finds one of the
// meeting as stored, seats and all, answers it without rendering.
type PagedStore interface {
	FramedStore
	// MeetingPaged reads meeting id with its page's copy in lang by
	// build (nil, or one that is "": without copies).
	MeetingPaged(ctx context.Context, id, lang string, build func() string) (Paged, error)
	// PutMeetingCopy keeps page as that copy, for the item of digest.
	PutMeetingCopy(ctx context.Context, id, lang, digest string, page []byte) error
}

// GetOrCopy is Get for the public link, for a page in lang that build
// renders: the meeting is read with the copy of that page, and a copy of
// the meeting as stored is returned alone. Otherwise the meeting, and the
// digest a copy of its page must carry when one may be kept: the meeting
// and the office's profile shown are the ones just read together ("" otherwise).
func (s *Service) GetOrCopy(ctx context.Context, id, lang string, build func() string) ([]byte, *Public, string, error) {
	ps, paged := s.store.(PagedStore)
	if !paged || build == nil || s.Offices == nil || !ValidID(id) {
		p, err := s.Get(ctx, id, lang, "")
		return nil, p, "", err
	}
	mp, err := ps.MeetingPaged(ctx, id, lang, build)
	if err != nil {
		return nil, nil, "", err
	}
	if mp.Copy != nil {
		return mp.Copy, nil, "", nil
	}
	s.framed(mp.Meeting, mp.Frame)
	p, err := s.public(ctx, mp.Meeting, mp.Counters, lang, "")
	if err != nil || p.Profile == nil || mp.Frame == nil || !p.Profile.UpdatedAt.Equal(mp.Frame.UpdatedAt) || p.Profile.Office != mp.Frame.Office {
		return nil, p, "", err
	}
	return nil, p, mp.Digest, nil
}

// PutCopy keeps page as the copy in lang of meeting id's public page,
// rendered from the definition item of digest (GetOrCopy).
func (s *Service) PutCopy(ctx context.Context, id, lang, digest string, page []byte) error {
	ps, ok := s.store.(PagedStore)
	if !ok || digest == "" {
		return nil
	}
	return ps.PutMeetingCopy(ctx, id, lang, digest, page)
}

// Prefill is what a personal invitation fills in.
type Prefill struct {
	Organisation string `json:"organisation"`
	Email        string `json:"email"`
}

func (s *Service) invitation(ctx context.Context, id, token string) (*invitation.Invitation, error) {
	return invitation.Resolve(ctx, s.store, invitation.Meeting, id, token)
}

// Result is the public result of a registration: on the waitlist, the
// place in it.
type Result struct {
	RegistrationID   string    `json:"registrationId"`
	Status           RegStatus `json:"status"`
	WaitlistPosition int       `json:"waitlistPosition,omitempty"`
}

// Register validates and stores a registration.
func (s *Service) Register(ctx context.Context, id string, req *Request, lang string, claim *idempotency.Claim) (*Result, error) {
	m, err := s.meeting(ctx, id)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if m.Cancelled() {
		return nil, apperr.New(apperr.Closed, "meeting_cancelled")
	}
	if !now.Before(m.RegistrationClosesAt) {
		return nil, apperr.New(apperr.Closed, "registration_closed")
	}
	if m.InvitationOnly && req.Invitation == "" {
		return nil, apperr.New(apperr.Forbidden, "invitation_only")
	}
	// Names are names: spaces trimmed and collapsed (only spaces is
	// missing), then checked for links and hidden characters.
	req.Name, req.Organisation, req.Role = validation.Clean(req.Name), validation.Clean(req.Organisation), validation.Clean(req.Role)
	if fes := validation.Struct(req, lang, validation.WirePath); len(fes) > 0 {
		return nil, apperr.Validation(fes)
	}
	if err := checkChosen(m, req.Topics, lang); err != nil {
		return nil, err
	}
	var inv *invitation.Invitation
	if req.Invitation != "" {
		if inv, err = s.invitation(ctx, m.ID, req.Invitation); err != nil {
			return nil, err
		}
		if inv == nil {
			return nil, apperr.Validation([]apperr.FieldError{{Field: "invitation", Code: "unknown",
				Message: validation.Message(lang, "invitation_unknown", "")}})
		}
	}
	prof, err := s.Offices.Get(ctx, m.Office)
	if err != nil {
		return nil, err
	}
	r := &Registration{
		ID: ulid.Make().String(), MeetingID: m.ID, Office: m.Office,
		Name: req.Name, Email: strings.TrimSpace(req.Email),
		Organisation: req.Organisation, Role: req.Role,
		Language: req.Language, Consent: *req.Consent, Topics: req.Topics, NoticeVersion: notice.VersionOf(prof.Notice(m.PrivacyNotice)),
		CreatedAt: now.UTC().Truncate(time.Millisecond), ExpiresAt: m.ExpiresAt(),
	}
	r.UpdatedAt = r.CreatedAt
	if req.Needs != nil {
		r.Needs = *req.Needs
	}
	if inv != nil {
		r.InvitationID = inv.ID
	}
	if r.Language == "" {
		r.Language = lang
	}
	r.TokenHash = linktoken.Hash(s.tokens.Token(TokenKind, r.ID))
	if claim != nil {
		claim.Status = 201
		claim.ExpiresAt = now.Add(idempotency.Retention)
		// The result depends on the seat taken, known only in the write:
		// the store stores it with the claim (id and status; the place is
		// counted after the write).
		claim.Body = nil
	}
	uses := []*ratelimit.Use{s.Limit.Use(ctx, now), s.MeetingLimit.For(ctx, m.ID, m.RegistrationClosesAt)}
	out, err := s.store.Register(ctx, m, r, claim, uses, now)
	if err != nil {
		if apperr.As(err) != nil {
			return nil, err
		}
		return nil, fmt.Errorf("register for meeting %s: %w", id, err)
	}
	r.Status = out.Status
	res := &Result{RegistrationID: r.ID, Status: r.Status}
	if out.Replay != nil {
		if err := claim.Replayed(out.Replay, res); err != nil {
			return nil, err
		}
		if res.Status != Waitlisted {
			return res, nil
		}
		// The place is today's, not the one the first answer gave.
		if r, err = s.store.Registration(ctx, m.ID, res.RegistrationID); err != nil {
			return nil, err
		}
		if r.Status != Waitlisted {
			return res, nil
		}
	}
	if r.Status == Waitlisted {
		if res.WaitlistPosition, err = s.store.WaitlistPosition(ctx, r); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// TokenKind is the link-token kind of registrations.
const TokenKind = "registration"

// View is a registration as its owner and the coordinators see it; place
// is its place on the waitlist (0 when not waitlisted).
type View struct {
	RegistrationID   string    `json:"registrationId"`
	Status           RegStatus `json:"status"`
	WaitlistPosition int       `json:"waitlistPosition,omitempty"`
	Name             string    `json:"name"`
	Email            string    `json:"email"`
	Organisation     string    `json:"organisation,omitempty"`
	Role             string    `json:"role,omitempty"`
	Language         string    `json:"language"`
	Needs            Needs     `json:"needs"`
	Consent          Consent   `json:"consent"`
	Topics           []string  `json:"topics,omitempty"`
	NoticeVersion    string    `json:"noticeVersion,omitempty"`
	InvitationID     string    `json:"invitationId,omitempty"`
	CreatedAt        time.Time `json:"createdAt"`
	// Erased: the person's data is gone (their own request).
	Erased bool `json:"erased,omitempty"`
}

// ViewOf is r's view, with its waitlist place, times in zone.
func ViewOf(r *Registration, place int, zone *time.Location) View {
	return View{RegistrationID: r.ID, Status: r.Status, WaitlistPosition: place, Name: r.Name, Email: r.Email,
		Organisation: r.Organisation, Role: r.Role, Language: r.Language, Needs: r.Needs, Consent: r.Consent, Topics: r.Topics,
		NoticeVersion: r.NoticeVersion, InvitationID: r.InvitationID, CreatedAt: r.CreatedAt.In(zone)}
}

// Owner is GET /registrations/{token}: the registration as its owner sees
// it, with the meeting.
type Owner struct {
	View
	Meeting *Public `json:"meeting"`
}

// lookup finds a registration by token: a ManageToken by its names once
// its signature holds, an earlier link by its hash (one read). Malformed,
// forged and unknown tokens give the same answer.
func (s *Service) lookup(ctx context.Context, token string) (*Registration, error) {
	meetingID, id, signed, err := s.opened(token)
	if err != nil {
		return nil, err
	}
	var r *Registration
	if signed {
		r, err = s.store.Registration(ctx, meetingID, id)
	} else {
		r, err = s.store.RegistrationByToken(ctx, linktoken.Hash(token))
	}
	if err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			return nil, apperr.New(apperr.NotFound, "registration_not_found")
		}
		return nil, err
	}
	return r, nil
}

// Owned returns the registration for its owner.
func (s *Service) Owned(ctx context.Context, token, lang string) (*Owner, error) {
	r, m, c, err := s.owned(ctx, token)
	if err != nil {
		return nil, err
	}
	return s.owner(ctx, r, m, c, lang)
}

// RegPaged is a registration read with its meeting for the page of its
// link in a language: the page's copy alone when one is of the two items
// as read (nothing decoded then), else the two, the meeting's counters
// and frame, and the digest a copy of the page must carry ("": none may
// be kept).
type RegPaged struct {
	Copy         []byte
	Digest       string
	Registration *Registration
	Meeting      *Meeting
	Counters     Counters
	Frame        *office.Profile
}

// RegPagedStore is a FramedStore that also keeps a copy of the page of
// a registration's link as rendered (dynamo's regcopy.go).
type RegPagedStore interface {
	FramedStore
	// RegistrationPaged reads registration id of meeting meetingID with
	// the meeting (one round trip), and the registration's page copy in
	// lang by build.
	RegistrationPaged(ctx context.Context, meetingID, id, lang string, build func() string) (RegPaged, error)
	// PutRegistrationCopy keeps page as that copy, for the items of digest.
	PutRegistrationCopy(ctx context.Context, meetingID, id, digest string, page []byte) error
}

// OwnedOrCopy is Owned for the page in lang that build renders of a
// signed link (ManageToken): the registration and its meeting are read
// with the copy of that page while the signature is checked, and a copy
// of the two items as stored is returned alone. Otherwise the owner's
// view, and the digest a copy of the page must carry when one may be
// kept: the registration is confirmed, not erased, its meeting not
// cancelled, and the office's profile shown the one read with the meeting
// ("" otherwise). Links of before (a bare HMAC) read as Owned does.
func (s *Service) OwnedOrCopy(ctx context.Context, token, lang string, build func() string) ([]byte, *Owner, string, error) {
	ps, paged := s.store.(RegPagedStore)
	meetingID, id, signed := names(token)
	if !paged || build == nil || s.Offices == nil || !signed {
		o, err := s.Owned(ctx, token, lang)
		return nil, o, "", err
	}
	type read struct {
		p   RegPaged
		err error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan read, 1)
	go func() {
		p, err := ps.RegistrationPaged(ctx, meetingID, id, lang, build)
		done <- read{p, err}
	}()
	if _, ok := s.tokens.Open(manageKind, token); !ok { // what was read is dropped
		return nil, nil, "", apperr.New(apperr.NotFound, "registration_not_found")
	}
	g := <-done
	if apperr.CodeOf(g.err) == apperr.NotFound {
		return nil, nil, "", apperr.New(apperr.NotFound, "registration_not_found")
	}
	if g.err != nil {
		return nil, nil, "", g.err
	}
	if g.p.Copy != nil {
		return g.p.Copy, nil, "", nil
	}
	r, m, frame := g.p.Registration, g.p.Meeting, g.p.Frame
	s.framed(m, frame)
	o, err := s.owner(ctx, r, m, g.p.Counters, lang)
	if err != nil {
		return nil, nil, "", err
	}
	if r.Status != Confirmed || r.Erased() || m.Cancelled() || frame == nil || o.Meeting.Profile == nil ||
		!o.Meeting.Profile.UpdatedAt.Equal(frame.UpdatedAt) || o.Meeting.Profile.Office != frame.Office {
		return nil, o, "", nil
	}
	return nil, o, g.p.Digest, nil
}

// PutOwnedCopy keeps page as the copy of the page of token's registration,
// rendered from the items of digest (OwnedOrCopy).
func (s *Service) PutOwnedCopy(ctx context.Context, token, digest string, page []byte) error {
	ps, ok := s.store.(RegPagedStore)
	meetingID, id, signed := names(token)
	if !ok || digest == "" || !signed {
		return nil
	}
	return ps.PutRegistrationCopy(ctx, meetingID, id, digest, page)
}

// owner is the owner's view of registration r of meeting m.
func (s *Service) owner(ctx context.Context, r *Registration, m *Meeting, c Counters, lang string) (*Owner, error) {
	var err error
	place := 0
	if r.Status == Waitlisted {
		if place, err = s.store.WaitlistPosition(ctx, r); err != nil {
			return nil, err
		}
	}
	o := &Owner{View: ViewOf(r, place, m.Zone()), Meeting: m.PublicView(lang, c, s.now())}
	if r.Status != Confirmed || r.Erased() {
		o.Meeting.Online, o.Meeting.Location.OnlineURL = o.Meeting.Location.OnlineURL != "", ""
	}
	if o.Meeting.Profile, err = s.profile(ctx, m); err != nil {
		return nil, err
	}
	if r.Status == Cancelled || r.Erased() {
		// A link shows the person's data only while the registration is
		// live; after that only its status.
		o.View = View{RegistrationID: r.ID, Status: r.Status, Language: r.Language, CreatedAt: o.CreatedAt, Erased: r.Erased()}
	}
	return o, nil
}

// Registration returns the registration of token with its meeting (the
// manage page's calendar entry).
func (s *Service) Registration(ctx context.Context, token string) (*Registration, *Meeting, error) {
	r, m, _, err := s.owned(ctx, token)
	if err != nil {
		return nil, nil, err
	}
	return r, m, nil
}

// Erasure asks a cancellation to erase the person's data as well. Actor
// is who asked, for the audit item: Registrant (through the personal
// link) or "coordinator:" and the coordinator's id; never a name.
type Erasure struct {
	Actor string
	// KeepStatus erases without cancelling: the meeting has begun, and
	// whether the person had a seat is its history.
	KeepStatus bool
}

// Registrant is the actor of an erasure asked for through the personal link.
const Registrant = "registrant"

// Erased reports whether r's personal data has been erased.
func (r *Registration) Erased() bool { return r.Email == "" }

// Cancel cancels the registration of token; with erase, the person's data
// is removed at once (and no mail is sent). Repeating it is harmless;
// after the meeting has started cancelling is closed, erasing is not.
func (s *Service) Cancel(ctx context.Context, token string, erase *Erasure) error {
	r, err := s.lookup(ctx, token)
	if err != nil {
		return err
	}
	if r.Status == Cancelled && (erase == nil || r.Erased()) {
		return nil
	}
	m, _, err := s.read(ctx, r.MeetingID)
	if err != nil {
		return err
	}
	now := s.now()
	if m.Cancelled() {
		// The meeting is off: nothing to cancel, no seat to pass on (the
		// waitlist was told too); an erasure keeps the status.
		if erase == nil {
			return nil
		}
		erase.KeepStatus = true
	} else if !now.Before(m.StartsAt) {
		if erase == nil {
			return apperr.New(apperr.Closed, "meeting_started")
		}
		erase.KeepStatus = true
	}
	if err := s.store.Cancel(ctx, m, r, erase, now); err != nil {
		if apperr.As(err) != nil {
			return err
		}
		return fmt.Errorf("cancel registration %s: %w", r.ID, err)
	}
	return nil
}
