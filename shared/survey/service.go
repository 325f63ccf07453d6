package survey

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/notice"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/ttlcache"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// Store is what the survey service needs from storage.
type Store interface {
	// Survey returns a definition, or an apperr NotFound error.
	Survey(ctx context.Context, id string) (*Definition, error)
	// SaveResponse stores r in one conditional write together with claim
	// (if any) and the use of a per-client limit (if any: Limited when the
	// client is over it). When the claim's key is already taken it stores
	// nothing and returns the earlier result.
	SaveResponse(ctx context.Context, r *Response, claim *idempotency.Claim, use *ratelimit.Use) (*idempotency.Replay, error)
	// Invitation and InvitationByToken resolve personal links
	// (invitation.Resolve), or NotFound.
	Invitation(ctx context.Context, kind invitation.Kind, targetID, id string) (*invitation.Invitation, error)
	InvitationByToken(ctx context.Context, tokenHash string) (*invitation.Invitation, error)
	// ResponseByInvitation returns the answer given through an invitation,
	// or NotFound.
	ResponseByInvitation(ctx context.Context, surveyID, invitationID string) (*Response, error)
	// EraseResponse deletes r and records who asked in office's audit
	// trail, in one step (NotFound when r is not there).
	EraseResponse(ctx context.Context, office, actor string, r *Response, now time.Time) error
}

// Organisation is the actor of an erasure asked for through a personal
// survey link.
const Organisation = "organisation"

// Submission is the wire model of POST /surveys/{id}/responses.
type Submission struct {
	Language   string          `json:"language" validate:"omitempty,language"`
	Invitation string          `json:"invitation" validate:"omitempty,max=200"`
	Answers    json.RawMessage `json:"answers" validate:"required"`
	Consent    *Consent        `json:"consent" validate:"required"`
}

// Consent is what the respondent agreed to.
type Consent struct {
	Privacy            *bool `json:"privacy" validate:"required,accepted" dynamodbav:"privacy"`
	PublishProfile     bool  `json:"publishProfile" dynamodbav:"publishProfile"`
	ContactForMeetings bool  `json:"contactForMeetings" dynamodbav:"contactForMeetings"`
}

// Response is a stored survey answer.
type Response struct {
	ID          string
	SurveyID    string
	Office      string
	SubmittedAt time.Time
	Language    string
	// Answers maps question ids to answers of one shape: string (texts and
	// single choice), float64 (number, scale), bool (yes/no) or []string
	// (multiple choice). Unanswered questions are absent.
	Answers map[string]any
	Consent Consent
	// NoticeVersion is the version of the privacy notice consent was given
	// to (at SubmittedAt); "" when the survey names none.
	NoticeVersion string
	// InvitationID links an answer given through a personal link.
	InvitationID string
	ExpiresAt    time.Time
}

// Receipt is the public result of a submission.
type Receipt struct {
	ResponseID  string    `json:"responseId"`
	SubmittedAt time.Time `json:"submittedAt"`
}

// CacheTTL bounds how stale a cached definition may be in a warm container.
const CacheTTL = 60 * time.Second

// Service serves the public survey routes.
type Service struct {
	// Limit is the per-client limit of answers (off when zero).
	Limit ratelimit.Rule
	store Store
	now   func() time.Time
	cache *ttlcache.Cache[*schema]
	// Offices are the office profiles (nil: none): pages show the
	// office, and a consent names the office's notice when the survey
	// names none.
	Offices *office.Cache
}

// NewService returns a service on store. now is the clock (time.Now in
// production).
func NewService(store Store, now func() time.Time) *Service {
	return &Service{store: store, now: now, cache: ttlcache.New[*schema](CacheTTL)}
}

// load returns the compiled definition, from the container cache while it
// is younger than CacheTTL. A draft is not public: not found, and not
// cached, so that it is public as soon as it is published.
func (s *Service) load(ctx context.Context, id string) (*schema, error) {
	if !ValidID(id) {
		return nil, apperr.New(apperr.NotFound, "survey_not_found")
	}
	return s.cache.Load(id, s.now(), func() (*schema, error) {
		fs, framed := s.store.(FramedStore)
		var (
			def   *Definition
			frame *office.Profile
			err   error
		)
		if framed {
			def, frame, err = fs.SurveyFramed(ctx, id)
		} else {
			def, err = s.store.Survey(ctx, id)
		}
		if err != nil {
			return nil, err
		}
		return s.schemaOf(def, frame, framed)
	})
}

// schemaOf compiles def, read with frame (from a FramedStore: framed).
func (s *Service) schemaOf(def *Definition, frame *office.Profile, framed bool) (*schema, error) {
	if def.Draft() {
		return nil, apperr.New(apperr.NotFound, "survey_not_found")
	}
	sc := compile(def)
	if framed && s.Offices != nil && !s.Offices.Keep(def.Office, frame) {
		sc.unframed.Store(true)
	}
	return sc, nil
}

// Paged is a survey's definition item as a cold public page reads it
// (PagedStore): the copy of the page alone, or the definition with its
// frame and the digest a copy of its page must carry.
type Paged struct {
	Copy   []byte
	Digest string
	Def    *Definition
	Frame  *office.Profile
}

// PagedStore is a FramedStore that also keeps a copy of each public page
// as rendered (dynamo's pagecopy.go): a cold page that finds one of the
// definition as stored answers it without decoding or rendering.
type PagedStore interface {
	FramedStore
	// SurveyPaged reads survey id's definition with its page's copy in
	// lang by build (nil, or one that is "": without copies).
	SurveyPaged(ctx context.Context, id, lang string, build func() string) (Paged, error)
	// PutSurveyCopy keeps page as that copy, for the item of digest.
	PutSurveyCopy(ctx context.Context, id, lang, digest string, page []byte) error
}

// FormOrCopy is Form for the public link, for a page in lang that build
// renders: when the definition is not cached, it is read with the copy
// of that page (PagedStore), and a copy of the definition as stored is
// returned alone. Otherwise the Form, and the digest that a copy of its
// page must carry when one may be kept: the definition and the office's
// profile shown are the ones just read together ("" otherwise).
func (s *Service) FormOrCopy(ctx context.Context, id, lang string, build func() string) ([]byte, *Form, string, error) {
	ps, paged := s.store.(PagedStore)
	if _, cached := s.cache.Get(id, s.now()); cached || !paged || build == nil || !ValidID(id) {
		f, err := s.Form(ctx, id, "")
		return nil, f, "", err
	}
	p, err := ps.SurveyPaged(ctx, id, lang, build)
	if err != nil {
		return nil, nil, "", err
	}
	if p.Copy != nil {
		return p.Copy, nil, "", nil
	}
	f, digest, err := s.pagedForm(ctx, id, p)
	return nil, f, digest, err
}

// pagedForm is the public form of survey id as p read it (no copy), and
// p's digest when a copy of its page may be kept: the office's profile
// shown is the one read with the survey ("" otherwise).
func (s *Service) pagedForm(ctx context.Context, id string, p Paged) (*Form, string, error) {
	sc, err := s.schemaOf(p.Def, p.Frame, true)
	if err != nil {
		return nil, "", err
	}
	s.cache.Put(id, sc, s.now())
	f, err := s.publicForm(ctx, id, sc) // this read's, not the cache's (another request's in a shared process)
	if err != nil || f.Office == nil || p.Frame == nil || !f.Office.UpdatedAt.Equal(p.Frame.UpdatedAt) || f.Office.Office != p.Frame.Office {
		return f, "", err
	}
	return f, p.Digest, nil
}

// PutCopy keeps page as the copy in lang of survey id's public page,
// rendered from the definition item of digest (FormOrCopy).
func (s *Service) PutCopy(ctx context.Context, id, lang, digest string, page []byte) error {
	ps, ok := s.store.(PagedStore)
	if !ok || digest == "" {
		return nil
	}
	return ps.PutSurveyCopy(ctx, id, lang, digest, page)
}

// FramedStore is a Store that keeps a copy of the office's profile in
// each survey's definition (a frame) and reads both in one round trip: a
// cold page then makes one call before it renders, not two.
type FramedStore interface {
	// SurveyFramed is Survey with the frame (nil when there is none).
	SurveyFramed(ctx context.Context, id string) (*Definition, *office.Profile, error)
	// PutSurveyFrame copies p into survey id while p is the office's
	// stored profile (Conflict when it is no longer).
	PutSurveyFrame(ctx context.Context, id string, p *office.Profile) error
}

// office is the profile of the office of survey id (sc); when sc was
// read without a frame, it is copied into the survey for the next cold
// page (once; a failed copy is tried again at the next read).
func (s *Service) office(ctx context.Context, id string, sc *schema) (*office.Profile, error) {
	p, err := s.Offices.Get(ctx, sc.def.Office)
	if err != nil || p == nil || !sc.unframed.CompareAndSwap(true, false) {
		return p, err
	}
	// A cached profile older than the stored one (a save since) is
	// refused; the page shows and copies the saved one instead.
	p, failed := s.Offices.Copy(ctx, sc.def.Office, p, func(p *office.Profile) error {
		return s.store.(FramedStore).PutSurveyFrame(ctx, id, p)
	})
	if failed {
		sc.unframed.Store(true)
	}
	return p, nil
}

// Get returns the survey as respondents see it, in lang. With a token of
// a personal invitation to it, the invited organisation is pre-filled.
func (s *Service) Get(ctx context.Context, id, lang, token string) (*PublicSurvey, error) {
	sc, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	p := publicView(sc.def, lang, s.now())
	if token != "" {
		inv, err := s.invitation(ctx, id, token)
		if err != nil {
			return nil, err
		}
		if inv != nil {
			p.Invitation = &Prefill{Organisation: inv.Organisation, Answered: inv.Status == invitation.Answered}
		}
	}
	return p, nil
}

func (s *Service) invitation(ctx context.Context, id, token string) (*invitation.Invitation, error) {
	return invitation.Resolve(ctx, s.store, invitation.Survey, id, token)
}

// Check validates a submission as Submit does, storing nothing: a page
// that found a mistake of its own (a number that is none) still reports
// every other one at once.
func (s *Service) Check(ctx context.Context, id string, sub *Submission, lang string) error {
	_, _, _, err := s.check(ctx, id, sub, lang, nil)
	return err
}

// CheckPage is Check for a page of the survey that shows the questions
// ids (the survey answered one section per page): their answers' rules
// are checked, those of the other questions' not (a page left forward
// is checked alone, and everything again when the answer is sent); what
// it reports of the others is not complete.
func (s *Service) CheckPage(ctx context.Context, id string, sub *Submission, lang string, ids []string) error {
	if ids == nil {
		ids = []string{}
	}
	_, _, _, err := s.check(ctx, id, sub, lang, ids)
	return err
}

// check is the one validation of a submission: the survey is open, the
// wire fields and the answers are valid, an invitation is one to this
// survey. With only (question ids, not nil), the rules of only those
// answers are checked (CheckPage).
func (s *Service) check(ctx context.Context, id string, sub *Submission, lang string, only []string) (*schema, map[string]any, *invitation.Invitation, error) {
	sc, err := s.load(ctx, id)
	if err != nil {
		return nil, nil, nil, err
	}
	switch sc.def.StatusAt(s.now()) {
	case StatusScheduled:
		return nil, nil, nil, apperr.New(apperr.Closed, "survey_not_open_yet")
	case StatusClosed:
		return nil, nil, nil, apperr.New(apperr.Closed, "survey_closed")
	}
	fes := validation.Struct(sub, lang, validation.WirePath)
	var answers map[string]any
	if len(sub.Answers) > 0 {
		var afes []apperr.FieldError
		if answers, afes, err = sc.validate(sub.Answers, lang, only); err != nil {
			return nil, nil, nil, err
		}
		fes = append(fes, afes...)
	}
	if len(fes) > 0 {
		return nil, nil, nil, apperr.Validation(fes)
	}
	var inv *invitation.Invitation
	if sub.Invitation != "" {
		if inv, err = s.invitation(ctx, sc.def.ID, sub.Invitation); err != nil {
			return nil, nil, nil, err
		}
		if inv == nil {
			return nil, nil, nil, apperr.Validation([]apperr.FieldError{{Field: "invitation", Code: "unknown",
				Message: validation.Message(lang, "invitation_unknown", "")}})
		}
	}
	return sc, answers, inv, nil
}

// Submit validates and stores a response. It returns the receipt, or with an
// idempotency claim whose key was used before, the first request's result.
func (s *Service) Submit(ctx context.Context, id string, sub *Submission, lang string, claim *idempotency.Claim) (*Receipt, error) {
	sc, answers, inv, err := s.check(ctx, id, sub, lang, nil)
	if err != nil {
		return nil, err
	}
	// The office's notice is only read when the survey names none of its
	// own: a submission stays one write round trip.
	var prof *office.Profile
	if sc.def.PrivacyNotice == nil {
		if prof, err = s.Offices.Get(ctx, sc.def.Office); err != nil {
			return nil, err
		}
	}
	now := s.now()
	r := &Response{
		ID:            ulid.Make().String(),
		SurveyID:      sc.def.ID,
		Office:        sc.def.Office,
		SubmittedAt:   now.UTC().Truncate(time.Millisecond),
		Language:      sub.Language,
		Answers:       answers,
		Consent:       *sub.Consent,
		NoticeVersion: notice.VersionOf(prof.Notice(sc.def.PrivacyNotice)),
		ExpiresAt:     now.Add(sc.def.Retention()),
	}
	if r.Language == "" {
		r.Language = lang
	}
	if inv != nil {
		r.InvitationID = inv.ID
	}
	receipt := &Receipt{ResponseID: r.ID, SubmittedAt: r.SubmittedAt}
	if claim != nil {
		claim.Status = 201
		claim.ExpiresAt = now.Add(idempotency.Retention)
		if claim.Body, err = json.Marshal(receipt); err != nil {
			return nil, fmt.Errorf("encode receipt: %w", err)
		}
	}
	replay, err := s.store.SaveResponse(ctx, r, claim, s.Limit.Use(ctx, now))
	if err != nil {
		return nil, fmt.Errorf("save response for survey %s: %w", id, err)
	}
	if replay != nil {
		var first Receipt
		if err := claim.Replayed(replay, &first); err != nil {
			return nil, err
		}
		return &first, nil
	}
	return receipt, nil
}

// Form is what the survey page shows: the definition (without retired
// questions and options), where now falls in
// its window, and through a personal link the invited organisation and
// its earlier answers (to change until the survey closes).
type Form struct {
	Def        *Definition
	Status     Status
	Invitation *Prefill
	Earlier    *Response
	// Office is the office's profile (nil without one).
	Office *office.Profile
}

// publicForm is the survey of sc for its public page.
func (s *Service) publicForm(ctx context.Context, id string, sc *schema) (*Form, error) {
	f := &Form{Def: sc.public, Status: sc.def.StatusAt(s.now())}
	var err error
	if f.Office, err = s.office(ctx, id, sc); err != nil {
		return nil, err
	}
	return f, nil
}

// Form returns the survey for its page; token is a personal link's.
func (s *Service) Form(ctx context.Context, id, token string) (*Form, error) {
	// A personal link's invitation is looked up (two reads, one after the
	// other) while the definition is read, not after it.
	var (
		inv  *invitation.Invitation
		ierr error
		done chan struct{}
	)
	if token != "" {
		done = make(chan struct{})
		go func() {
			defer close(done)
			inv, ierr = s.invitation(ctx, id, token)
		}()
	}
	sc, err := s.load(ctx, id)
	if done != nil {
		<-done
	}
	if err != nil {
		return nil, err
	}
	f, err := s.publicForm(ctx, id, sc)
	if err != nil || token == "" {
		return f, err
	}
	if ierr != nil {
		return f, ierr
	}
	return f, s.personal(ctx, id, f, inv)
}

// personal fills in f what a personal link's invitation inv shows (nil:
// none, the link is unknown): its organisation, and the answer given.
func (s *Service) personal(ctx context.Context, id string, f *Form, inv *invitation.Invitation) error {
	if inv == nil {
		return nil
	}
	f.Invitation = &Prefill{Organisation: inv.Organisation, Answered: inv.Status == invitation.Answered}
	if f.Invitation.Answered {
		r, err := s.store.ResponseByInvitation(ctx, id, inv.ID)
		if err != nil && apperr.CodeOf(err) != apperr.NotFound {
			return err
		}
		f.Earlier = r
	}
	return nil
}

// PersonalCopy is what a personal link's page copy adds to the language
// in its name: the page of the survey's personal links as an invitation
// not yet answered first shows it, with marks where the link and the
// organisation go (shared/web/pages' survey.go).
const PersonalCopy = "#p"

// PersonalStore is a PagedStore that reads a personal link's page at
// once (dynamo's personal.go).
type PersonalStore interface {
	PagedStore
	// PersonalPaged is SurveyPaged with the invitation invitationID to
	// survey id and the draft of a link's tokenHash (each nil when there
	// is none), in one read.
	PersonalPaged(ctx context.Context, id, lang, invitationID, tokenHash string, build func() string) (Paged, *invitation.Invitation, *Draft, error)
}

// Personal is what a personal link's page is made of (PersonalOrCopy).
type Personal struct {
	// Copy is the copy of the page as the link's first view shows it,
	// when it is that view (not yet answered, no draft) and the copy is
	// of the survey as read; Organisation is the invitation's.
	Copy         []byte
	Organisation string
	// Form is the survey as Form returns it (nil with a Copy), and
	// Digest the digest a copy of the page must carry when one may be
	// kept ("" otherwise).
	Form   *Form
	Digest string
	// Draft is where the organisation stopped (nil: nowhere, or the link
	// is not one to this survey).
	Draft *Draft
}

// PersonalOrCopy is Form for a personal link's page in lang that build
// renders, with the link's draft from drafts. When the survey is not
// cached it is read with that page's copy (PersonalCopy) beside the
// link's invitation and draft: in one read (PersonalStore) when the link
// names its invitation (invitation.Link), else side by side.
func (s *Service) PersonalOrCopy(ctx context.Context, id, link, lang string, build func() string, drafts *Drafts) (Personal, error) {
	ps, paged := s.store.(PagedStore)
	if _, cached := s.cache.Get(id, s.now()); cached || !paged || build == nil || !ValidID(id) || link == "" {
		var f *Form
		d, err := beside(ctx, drafts, id, link, func() (err error) {
			f, err = s.Form(ctx, id, link)
			return err
		})
		if err != nil {
			return Personal{}, err
		}
		if f.Invitation == nil {
			d = nil
		}
		return Personal{Form: f, Draft: d}, nil
	}
	invID, token := invitation.Split(link)
	if pp, ok := ps.(PersonalStore); ok && invID != "" && drafts != nil {
		p, inv, d, err := pp.PersonalPaged(ctx, id, lang+PersonalCopy, invID, draftKey(link), build)
		if err != nil {
			return Personal{}, err
		}
		if !invitation.Holds(inv, invitation.Survey, id, token) {
			inv, d = nil, nil
		}
		return s.personalPage(ctx, id, link, p, inv, d)
	}
	var (
		p   Paged
		inv *invitation.Invitation
	)
	d, err := beside(ctx, drafts, id, link, func() error {
		var ierr error
		done := make(chan struct{})
		go func() {
			defer close(done)
			inv, ierr = s.invitation(ctx, id, link)
		}()
		var err error
		p, err = ps.SurveyPaged(ctx, id, lang+PersonalCopy, build)
		<-done
		if err != nil {
			return err
		}
		return ierr
	})
	if err != nil {
		return Personal{}, err
	}
	if inv == nil {
		d = nil
	}
	return s.personalPage(ctx, id, link, p, inv, d)
}

// personalPage is Personal of survey id's item as read (p) for a link
// whose invitation is inv (nil: none) and draft d.
func (s *Service) personalPage(ctx context.Context, id, link string, p Paged, inv *invitation.Invitation, d *Draft) (Personal, error) {
	if p.Copy != nil {
		if inv == nil || inv.Status == invitation.Answered || d != nil { // not the first view's page: read as Form does
			f, err := s.Form(ctx, id, link)
			return Personal{Form: f, Draft: d}, err
		}
		return Personal{Copy: p.Copy, Organisation: inv.Organisation}, nil
	}
	f, digest, err := s.pagedForm(ctx, id, p)
	if err != nil {
		return Personal{}, err
	}
	if err := s.personal(ctx, id, f, inv); err != nil {
		return Personal{}, err
	}
	if f.Invitation == nil || f.Invitation.Answered || d != nil {
		digest = ""
	}
	return Personal{Form: f, Digest: digest, Draft: d}, nil
}

// beside runs read while the draft of link is read from drafts (nil: no
// draft is read); read's error first.
func beside(ctx context.Context, drafts *Drafts, id, link string, read func() error) (*Draft, error) {
	if drafts == nil {
		return nil, read()
	}
	var (
		d    *Draft
		derr error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		d, derr = drafts.Load(ctx, id, link)
	}()
	err := read()
	<-done
	if err != nil {
		return nil, err
	}
	return d, derr
}

// EraseByInvitation erases the answer given through the personal link of
// token at the organisation's request; the invitation is marked erased,
// so no reminder follows. Without an answer it is NotFound.
func (s *Service) EraseByInvitation(ctx context.Context, id, token string) error {
	sc, err := s.load(ctx, id)
	if err != nil {
		return err
	}
	inv, err := s.invitation(ctx, id, token)
	if err != nil {
		return err
	}
	if inv == nil {
		return apperr.New(apperr.NotFound, "invitation_unknown")
	}
	r, err := s.store.ResponseByInvitation(ctx, id, inv.ID)
	if err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			return apperr.New(apperr.NotFound, "response_not_found")
		}
		return err
	}
	return s.store.EraseResponse(ctx, sc.def.Office, Organisation, r, s.now())
}
