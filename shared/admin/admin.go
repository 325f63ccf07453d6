// Package admin is what coordinators do: manage their office's surveys and
// meetings, read answers and registrations, export them, and invite
// organisations. Every method takes the coordinator and treats another
// office's ids exactly like unknown ones.
package admin

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/audit"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/export"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// Store is what the admin service needs from storage.
type Store interface {
	Survey(ctx context.Context, id string) (*survey.Definition, error)
	CreateSurvey(ctx context.Context, d *survey.Definition) error
	// UpdateSurvey replaces the definition saved at prev (its updatedAt):
	// a save in between is a conflict.
	UpdateSurvey(ctx context.Context, d *survey.Definition, prev time.Time) error
	// PublishSurvey writes d, published by actor, with its audit entry,
	// over the definition saved at prev.
	PublishSurvey(ctx context.Context, d *survey.Definition, prev time.Time, actor string, now time.Time) error
	// HasResponses reports whether a survey has any answer.
	HasResponses(ctx context.Context, surveyID string) (bool, error)
	// ExtendDrafts moves the expiry of the survey's drafts (what was
	// entered through personal links) to until where it is earlier.
	ExtendDrafts(ctx context.Context, surveyID string, until time.Time) error
	Surveys(ctx context.Context, office string) ([]*survey.Definition, error)
	ResponsesPage(ctx context.Context, surveyID, cursor string, limit int) ([]*survey.Response, string, error)
	EachResponse(ctx context.Context, surveyID string, fn func([]*survey.Response) error) error
	// EachResponseTranslated is EachResponse with each answer's stored
	// machine translations (question id → German; nil: none).
	EachResponseTranslated(ctx context.Context, surveyID string, fn func([]*survey.Response, []map[string]string) error) error
	// SetTranslations stores an answer's machine translations, all of
	// them (NotFound when r is gone or was answered anew).
	SetTranslations(ctx context.Context, r *survey.Response, german map[string]string) error

	Meeting(ctx context.Context, id string) (*meeting.Meeting, meeting.Counters, error)
	CreateMeeting(ctx context.Context, m *meeting.Meeting) error
	// UpdateMeeting writes m if the stored meeting is still at m.Version;
	// pending: m.Sequence has not yet reached every item (Reschedule).
	UpdateMeeting(ctx context.Context, m *meeting.Meeting) (pending bool, err error)
	Reschedule(ctx context.Context, m *meeting.Meeting, now time.Time) error
	FillFreeSeats(ctx context.Context, m *meeting.Meeting, now time.Time) (int, error)
	Meetings(ctx context.Context, office string) ([]*meeting.Meeting, []meeting.Counters, error)
	RegistrationsPage(ctx context.Context, meetingID, cursor string, limit int) ([]*meeting.Registration, string, error)
	EachRegistration(ctx context.Context, meetingID string, fn func([]*meeting.Registration) error) error
	WaitlistOrder(ctx context.Context, meetingID string) (map[string]int, error)
	// MailRegistrants queues mail kind (about message ref, if any) once to
	// each registration of m in one of statuses, and counts them.
	MailRegistrants(ctx context.Context, m *meeting.Meeting, kind outbox.Kind, ref string, statuses []meeting.RegStatus, now time.Time) (int, error)
	// PutMessage stores a meeting's message (kept when there already);
	// CountMessage records how many it went to; Messages lists them.
	PutMessage(ctx context.Context, msg *meeting.Message, expires time.Time) error
	CountMessage(ctx context.Context, meetingID, id string, n int) error
	Messages(ctx context.Context, meetingID string) ([]*meeting.Message, error)

	// PutInvitations writes new invitations with their mails; existing
	// ones get the contact fields only.
	PutInvitations(ctx context.Context, invs []*invitation.Invitation, now time.Time) (invited, existing int, err error)
	InvitationsPage(ctx context.Context, kind invitation.Kind, targetID, cursor string, limit int) ([]*invitation.Invitation, string, error)
	EachInvitation(ctx context.Context, kind invitation.Kind, targetID string, fn func(*invitation.Invitation) error) error
	Remind(ctx context.Context, v *invitation.Invitation, now time.Time) (bool, error)
	// SendPlanned sends a planned invitation (v with its token hash and
	// times) with its link and mail, if it is still planned.
	SendPlanned(ctx context.Context, v *invitation.Invitation, now time.Time) (bool, error)
	// Objections are the person keys of those who objected to
	// invitations from office.
	Objections(ctx context.Context, office string) (map[string]bool, error)
	// SetPlan gives a waiting invitation the next reminder of a changed
	// plan (zero: none).
	SetPlan(ctx context.Context, v *invitation.Invitation, next time.Time) error
	// InvitationStore: one invitation read and changed.
	InvitationStore
	// MailTextStore: the own invitation and reminder texts.
	MailTextStore

	// Registration reads one registration, or NotFound.
	Registration(ctx context.Context, meetingID, id string) (*meeting.Registration, error)
	// Cancel cancels r and, with an erasure, erases its person's data and
	// records it in the audit trail (see meeting.Store).
	Cancel(ctx context.Context, m *meeting.Meeting, r *meeting.Registration, erase *meeting.Erasure, now time.Time) error
	// Response reads one answer of a survey, or NotFound.
	Response(ctx context.Context, surveyID, id string) (*survey.Response, error)
	// EraseResponse deletes an answer and records it in the audit trail.
	EraseResponse(ctx context.Context, office, actor string, r *survey.Response, now time.Time) error
	// FailedMails lists an office's mails that failed for good.
	FailedMails(ctx context.Context, office string, limit int) ([]outbox.Failed, error)
	// ResendMail sends one of them again (NotFound when it is not one).
	ResendMail(ctx context.Context, office, id string, now time.Time) error
	// AuditPage lists a page of an office's audit trail, newest first,
	// that f lets through, after cursor.
	AuditPage(ctx context.Context, office string, f audit.Filter, cursor string, limit int) ([]audit.Entry, string, error)

	OfficeStore
	// RegisterStore: the office's organisations.
	RegisterStore
	// LinkingStore: public answers and registrations linked to them.
	LinkingStore
	// EntryMailStore: check-your-entry mails (entrymails.go).
	EntryMailStore
	// PutOffice stores a validated office profile, publishing a new
	// privacy notice version (Conflict when a published one changed).
	PutOffice(ctx context.Context, p *office.Profile, now time.Time) error
}

// Service serves the admin routes.
type Service struct {
	store  Store
	tokens *linktoken.Minter
	now    func() time.Time
	// Zone is the offices' time zone for exports.
	Zone *time.Location
	// RequirePrivacyNotice is the go-live guard (goLive): on in AWS, off
	// in make dev.
	RequirePrivacyNotice bool
	// orgLists: the register's lists as last read (summaries).
	orgLists listCache
	// Translator translates free texts into German (translateAnswers in
	// the stack's settings); nil: off, nothing is ever sent.
	Translator Translator
}

// New returns the service.
func New(store Store, tokens *linktoken.Minter, now func() time.Time) *Service {
	zone, err := meeting.LoadZone("Europe/Berlin")
	if err != nil {
		zone = time.UTC
	}
	return &Service{store: store, tokens: tokens, now: now, Zone: zone}
}

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.now() }

// Page is a page of a list with the cursor of the next one.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"nextCursor,omitempty"`
}

// MaxPage is the largest page size.
const MaxPage = 100

func pageSize(limit int) int {
	if limit <= 0 || limit > MaxPage {
		return MaxPage
	}
	return limit
}

// newID makes an office-scoped public id that nobody can guess:
// "<office>-<slug>-<random>", or "<office>-<random>" without a slug. The
// random part is 10 characters of a ULID's randomness (50 bits): the link
// to a survey or meeting reaches those it is sent to, not whoever tries
// names.
func newID(office, requested, lang string) (string, error) {
	random := strings.ToLower(ulid.Make().String()[16:])
	if requested == "" {
		return office + "-" + random, nil
	}
	if !strings.HasPrefix(requested, office+"-") {
		requested = office + "-" + requested
	}
	requested += "-" + random
	if !survey.ValidID(requested) {
		f := validation.NewFields(lang)
		f.Add("id", "id", "def_id")
		return "", f.Err()
	}
	return requested, nil
}

// --- surveys ---

// SurveySummary is a survey in a list.
type SurveySummary struct {
	ID        string        `json:"id"`
	Title     string        `json:"title"`
	Status    survey.Status `json:"status"`
	OpensAt   *time.Time    `json:"opensAt,omitempty"`
	ClosesAt  *time.Time    `json:"closesAt,omitempty"`
	Questions int           `json:"questions"`
	UpdatedAt time.Time     `json:"updatedAt"`
}

// Surveys lists the office's surveys.
func (s *Service) Surveys(ctx context.Context, c *auth.Coordinator, lang string) ([]SurveySummary, error) {
	defs, err := s.store.Surveys(ctx, c.Office)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := make([]SurveySummary, 0, len(defs))
	for _, d := range defs {
		status := d.StatusAt(now)
		if d.Draft() {
			status = survey.StatusDraft
		}
		out = append(out, SurveySummary{ID: d.ID, Title: d.Title.In(lang), Status: status, OpensAt: d.OpensAt,
			ClosesAt: d.ClosesAt, Questions: len(d.Questions), UpdatedAt: d.UpdatedAt})
	}
	return out, nil
}

// Survey returns one of the office's definitions.
func (s *Service) Survey(ctx context.Context, c *auth.Coordinator, id string) (*survey.Definition, error) {
	if !survey.ValidID(id) {
		return nil, apperr.New(apperr.NotFound, "survey_not_found")
	}
	d, err := s.store.Survey(ctx, id)
	if err != nil {
		return nil, err
	}
	if d.Office != c.Office {
		return nil, apperr.New(apperr.NotFound, "survey_not_found")
	}
	if d.Stage == "" { // stored before surveys had stages: published
		d.Stage = survey.StagePublished
	}
	return d, nil
}

// CreateSurvey validates a definition and stores it for the office,
// published.
func (s *Service) CreateSurvey(ctx context.Context, c *auth.Coordinator, settings survey.Settings, lang string) (*survey.Definition, error) {
	return s.CreateSurveyAs(ctx, c, settings, survey.StagePublished, lang)
}

// CreateSurveyAs validates a definition and stores it for the office as
// a draft or published ("": published).
func (s *Service) CreateSurveyAs(ctx context.Context, c *auth.Coordinator, settings survey.Settings, stage survey.Stage, lang string) (*survey.Definition, error) {
	if stage == "" {
		stage = survey.StagePublished
	}
	if stage != survey.StageDraft && stage != survey.StagePublished {
		f := validation.NewFields(lang)
		f.Add("status", "oneof", "def_status")
		return nil, f.Err()
	}
	id, err := newID(c.Office, settings.ID, lang)
	if err != nil {
		return nil, err
	}
	d := settings.Definition(id, c.Office, s.now())
	d.Stage = stage
	return d, checkAndSave(survey.ValidateDefinition(d, lang), func() error {
		if err := s.goLive(ctx, c); err != nil {
			return err
		}
		return s.store.CreateSurvey(ctx, d)
	})
}

// UpdateSurvey validates and replaces one of the office's definitions; the
// store's conditional write checks the office (another office's id: not
// found). The stage stays (PublishSurvey publishes). Once the survey has
// answers, its ids, types and codes are locked (survey.Lock): a changed
// type is a 422, a question or option left out is kept, retired.
func (s *Service) UpdateSurvey(ctx context.Context, c *auth.Coordinator, id string, settings survey.Settings, lang string) (*survey.Definition, error) {
	if !survey.ValidID(id) {
		return nil, apperr.New(apperr.NotFound, "survey_not_found")
	}
	old, err := s.Survey(ctx, c, id)
	if err != nil {
		return nil, err
	}
	d := settings.Definition(id, c.Office, s.now())
	d.Stage = old.Stage
	if err := checkAndSave(survey.ValidateDefinition(d, lang), func() error {
		answered, err := s.store.HasResponses(ctx, id)
		if err != nil {
			return err
		}
		if answered {
			if err := survey.Lock(old, d, lang); err != nil {
				return err
			}
		}
		if err := s.goLive(ctx, c); err != nil {
			return err
		}
		return s.store.UpdateSurvey(ctx, d, old.UpdatedAt)
	}); err != nil {
		return d, err
	}
	now := s.now()
	if old.ClosesAt != nil && (d.ClosesAt == nil || d.ClosesAt.After(*old.ClosesAt)) {
		// Extended: what was entered through personal links is kept
		// until the survey closes now.
		if err := s.store.ExtendDrafts(ctx, id, survey.DraftExpiry(d, now)); err != nil {
			return d, err
		}
	}
	return d, s.replan(ctx, invitation.Survey, id, surveyTarget(old, now), surveyTarget(d, now))
}

// PublishSurvey publishes one of the office's surveys, recording who did
// in the audit trail; publishing a published survey changes nothing.
func (s *Service) PublishSurvey(ctx context.Context, c *auth.Coordinator, id string) (*survey.Definition, error) {
	d, err := s.Survey(ctx, c, id)
	if err != nil || !d.Draft() {
		return d, err
	}
	if err := s.goLive(ctx, c); err != nil {
		return nil, err
	}
	now, prev := s.now(), d.UpdatedAt
	d.Stage, d.UpdatedAt = survey.StagePublished, now.UTC()
	if err := s.store.PublishSurvey(ctx, d, prev, "coordinator:"+c.Subject, now); err != nil {
		return nil, err
	}
	return d, nil
}

// checkAndSave saves a definition if its validation found nothing:
// validation before the store, always; a store failure stays internal.
func checkAndSave(invalid error, save func() error) error {
	if invalid != nil {
		return invalid
	}
	return save()
}

// ResponseView is a response in the admin listing.
type ResponseView struct {
	ID           string         `json:"responseId"`
	SubmittedAt  time.Time      `json:"submittedAt"`
	Language     string         `json:"language"`
	InvitationID string         `json:"invitationId,omitempty"`
	Answers      map[string]any `json:"answers"`
	Consent      survey.Consent `json:"consent"`
	// NoticeVersion: the privacy notice's version the consent was given to.
	NoticeVersion string `json:"noticeVersion,omitempty"`
}

// Responses returns a page of a survey's responses.
func (s *Service) Responses(ctx context.Context, c *auth.Coordinator, id, cursor string, limit int) (*Page[ResponseView], error) {
	if _, err := s.Survey(ctx, c, id); err != nil {
		return nil, err
	}
	rs, next, err := s.store.ResponsesPage(ctx, id, cursor, pageSize(limit))
	if err != nil {
		return nil, err
	}
	p := &Page[ResponseView]{Items: make([]ResponseView, len(rs)), NextCursor: next}
	for i, r := range rs {
		p.Items[i] = ResponseView{ID: r.ID, SubmittedAt: r.SubmittedAt.In(s.Zone), Language: r.Language,
			InvitationID: r.InvitationID, Answers: r.Answers, Consent: r.Consent, NoticeVersion: r.NoticeVersion}
	}
	return p, nil
}

// QuestionSummary sums up the answers of one question: choice questions
// count each option, number questions give min, median and max, text
// questions list their texts (at most MaxTexts). Asked counts the
// responses that were asked the question (all of them unless it has
// conditions): a conditional question's shares are of those asked.
type QuestionSummary struct {
	ID          string         `json:"id"`
	Type        string         `json:"type"`
	Label       string         `json:"label"`
	Conditional bool           `json:"conditional,omitempty"`
	Asked       int            `json:"asked"`
	Answered    int            `json:"answered"`
	Counts      map[string]int `json:"counts,omitempty"`
	Min         *float64       `json:"min,omitempty"`
	Median      *float64       `json:"median,omitempty"`
	Max         *float64       `json:"max,omitempty"`
	Texts       []string       `json:"texts,omitempty"`
	numbers     []float64
}

// MaxTexts bounds the free texts a summary lists per question.
const MaxTexts = 500

// Sources of answers a summary can be limited to.
const (
	SourceAll     = ""
	SourceInvited = "invited" // through a personal invitation link
	SourcePublic  = "public"  // through the survey's public link
)

// Summary is GET /admin/surveys/{id}/summary.
type Summary struct {
	SurveyID  string            `json:"surveyId"`
	Responses int               `json:"responses"`
	Questions []QuestionSummary `json:"questions"`
}

// Summary counts, for every choice question (single, multiple, yes/no,
// scale), how often each option was chosen; for number questions their
// min, median and max; for text questions it lists the texts. source
// limits it to the answers through invitations or through the public link.
func (s *Service) Summary(ctx context.Context, c *auth.Coordinator, id, lang, source string) (*Summary, error) {
	d, err := s.Survey(ctx, c, id)
	if err != nil {
		return nil, err
	}
	sm := newSummer(d, lang)
	err = s.store.EachResponse(ctx, id, func(rs []*survey.Response) error {
		for _, r := range rs {
			if (source == SourceInvited && r.InvitationID == "") || (source == SourcePublic && r.InvitationID != "") {
				continue
			}
			sm.add(r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sm.finish(), nil
}

// summer counts a survey's answers into a Summary, one response at a
// time: the one counter of the console's summary and the report.
type summer struct {
	d           *survey.Definition
	sum         *Summary
	idx         map[string]int
	conditional bool
	// text, if set, is told of each text answer of a question asked
	// (the report keeps them with their response).
	text func(qid string, r *survey.Response, t string)
}

func newSummer(d *survey.Definition, lang string) *summer {
	sum := &Summary{SurveyID: d.ID, Questions: []QuestionSummary{}}
	idx := map[string]int{}
	for _, q := range d.Questions {
		if q.Retired {
			continue // asked no more: its old answers are in the exports
		}
		qs := QuestionSummary{ID: q.ID, Type: string(q.Type), Label: q.Label.In(lang), Counts: map[string]int{}}
		switch q.Kind().Summary {
		case survey.SummaryNumbers, survey.SummaryTexts:
			qs.Counts = nil
		case survey.SummaryCounts:
			for _, c := range q.Choices(lang) {
				qs.Counts[c.Code] = 0
			}
		default:
			continue
		}
		idx[q.ID] = len(sum.Questions)
		sum.Questions = append(sum.Questions, qs)
	}
	conditional := d.Conditional()
	if conditional {
		shown := map[string]bool{}
		for _, sec := range d.Sections {
			shown[sec.ID] = sec.ShowIf == nil
		}
		for _, q := range d.Questions {
			if i, ok := idx[q.ID]; ok {
				sum.Questions[i].Conditional = q.ShowIf != nil || (q.Section != "" && !shown[q.Section])
			}
		}
	}
	return &summer{d: d, sum: sum, idx: idx, conditional: conditional}
}

// add counts one response.
func (sm *summer) add(r *survey.Response) {
	sum := sm.sum
	sum.Responses++
	var asked map[string]bool
	if sm.conditional {
		asked = sm.d.Asked(r.Answers)
	}
	for qid, i := range sm.idx {
		if asked == nil || asked[qid] {
			sum.Questions[i].Asked++
		}
	}
	for qid, v := range r.Answers {
		i, ok := sm.idx[qid]
		if !ok || (asked != nil && !asked[qid]) {
			continue // not asked: a value kept from before is no answer
		}
		qs := &sum.Questions[i]
		qs.Answered++
		switch t := v.(type) {
		case string:
			if qs.Counts == nil {
				if sm.text != nil {
					sm.text(qid, r, t)
				}
				if len(qs.Texts) < MaxTexts {
					qs.Texts = append(qs.Texts, t)
				}
				continue
			}
			qs.Counts[t]++
		case bool:
			if t {
				qs.Counts["yes"]++
			} else {
				qs.Counts["no"]++
			}
		case float64:
			if qs.Counts == nil {
				qs.numbers = append(qs.numbers, t)
				continue
			}
			qs.Counts[fmt.Sprint(int(t))]++
		case []string:
			for _, code := range t {
				qs.Counts[code]++
			}
		}
	}
}

// finish sets the number questions' statistics and returns the summary.
func (sm *summer) finish() *Summary {
	for i := range sm.sum.Questions {
		sm.sum.Questions[i].stats()
	}
	return sm.sum
}

// stats sets min, median and max of a number question's answers.
func (qs *QuestionSummary) stats() {
	n := qs.numbers
	if len(n) == 0 {
		return
	}
	slices.Sort(n)
	lo, hi := n[0], n[len(n)-1]
	med := n[len(n)/2]
	if len(n)%2 == 0 {
		med = (n[len(n)/2-1] + n[len(n)/2]) / 2
	}
	qs.Min, qs.Median, qs.Max, qs.numbers = &lo, &med, &hi, nil
}

// ExportResponses writes a survey's responses as CSV or XLSX (with a
// sheet of the questions) to w, one Query page at a time.
func (s *Service) ExportResponses(ctx context.Context, c *auth.Coordinator, id string, o export.Options, w io.Writer) error {
	d, err := s.Survey(ctx, c, id)
	if err != nil {
		return err
	}
	o.Zone = s.Zone
	return export.Table(w, o, i18n.T(o.Lang, "export.sheet_answers"), func(o export.Options) []export.Cell { return export.ResponseHeader(d, o) },
		func(fn func([]*survey.Response) error) error { return s.store.EachResponse(ctx, id, fn) },
		func(row []export.Cell, r *survey.Response, o export.Options) []export.Cell {
			return export.ResponseRow(row, d, r, o)
		},
		export.QuestionSheet(d, o))
}

// ExportName is the file name of an export: .xlsx, .csv for Excel, or
// -rfc4180.csv (the two CSVs are different files, and a download of one
// must not overwrite the other).
func ExportName(id, what string, xlsx bool, d export.Dialect, now time.Time) string {
	ext := "csv"
	switch {
	case xlsx:
		ext = "xlsx"
	case d.Name == export.RFC4180.Name:
		ext = "rfc4180.csv"
	}
	return fmt.Sprintf("%s-%s-%s.%s", id, what, now.Format("2006-01-02"), ext)
}

// Response returns one answer of a survey of the coordinator's office.
func (s *Service) Response(ctx context.Context, c *auth.Coordinator, surveyID, id string) (*ResponseView, error) {
	d, err := s.Survey(ctx, c, surveyID)
	if err != nil {
		return nil, err
	}
	r, err := s.store.Response(ctx, d.ID, id)
	if err != nil {
		return nil, err
	}
	return &ResponseView{ID: r.ID, SubmittedAt: r.SubmittedAt.In(s.Zone), Language: r.Language,
		InvitationID: r.InvitationID, Answers: r.Answers, Consent: r.Consent, NoticeVersion: r.NoticeVersion}, nil
}

// EraseResponse erases one answer of a survey of the coordinator's office
// at its organisation's request, recording the coordinator in the audit
// trail.
func (s *Service) EraseResponse(ctx context.Context, c *auth.Coordinator, surveyID, id string) error {
	d, err := s.Survey(ctx, c, surveyID)
	if err != nil {
		return err
	}
	r, err := s.store.Response(ctx, d.ID, id)
	if err != nil {
		return err
	}
	return s.store.EraseResponse(ctx, c.Office, "coordinator:"+c.Subject, r, s.now())
}

// FailedMails lists the mails of the coordinator's office that failed for
// good (newest first, at most MaxPage).
func (s *Service) FailedMails(ctx context.Context, c *auth.Coordinator) ([]outbox.Failed, error) {
	return s.store.FailedMails(ctx, c.Office, MaxPage)
}

// ResendMail sends a failed mail of the coordinator's office again, as it
// reads today (the registration's or invitation's current data).
func (s *Service) ResendMail(ctx context.Context, c *auth.Coordinator, id string) error {
	return s.store.ResendMail(ctx, c.Office, id, s.now())
}
