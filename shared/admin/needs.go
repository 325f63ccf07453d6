package admin

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// From needs to the next meeting (issue 23): who seeks what others
// offer, and a meeting draft made from a need with the organisations
// that named it as its planned invitations.

// MatchFilter narrows the matches: one code, one municipality ("" all).
type MatchFilter struct {
	Code, Municipality string
}

// Party is an organisation named on the matches page (it consented to
// the directory).
type Party struct {
	ID, Name, Municipality string
}

// Match is one code: who seeks it and who offers it. Only organisations
// in the directory are named; the others are counted.
type Match struct {
	Code, Label string
	// Survey and Question are where the code is an option (a question
	// bound to seeks first): a meeting about it can be made from there.
	Survey, Question              string
	Seekers, Offerers             []Party
	HiddenSeekers, HiddenOfferers int
}

// Seeking and Offering count every organisation of the code's sides.
func (m *Match) Seeking() int  { return len(m.Seekers) + m.HiddenSeekers }
func (m *Match) Offering() int { return len(m.Offerers) + m.HiddenOfferers }

// Matches is the matches page: the codes that pass the filter (those
// sought and offered first), and what the filter can choose from.
type Matches struct {
	Needs []Match
	// Codes are every code sought or offered in the register, with its
	// label; Municipalities every municipality of those organisations.
	Codes          []survey.Choice
	Municipalities []string
}

// Matches crosses the seeks of the office's organisations with the
// offers of others, per code (labels in lang from the office's surveys'
// options, else the code), from the register's list (one Query).
func (s *Service) Matches(ctx context.Context, c *auth.Coordinator, lang string, f MatchFilter) (*Matches, error) {
	sums, err := s.store.Organisations(ctx, c.Office, s.now())
	if err != nil {
		return nil, err
	}
	labels, err := s.codeLabels(ctx, c.Office, lang)
	if err != nil {
		return nil, err
	}
	match := func(code string) *Match {
		if l, ok := labels[code]; ok {
			return &Match{Code: code, Label: l.label, Survey: l.survey, Question: l.question}
		}
		return &Match{Code: code, Label: code}
	}
	out := &Matches{}
	byCode := map[string]*Match{}
	muns := map[string]string{}
	for i := range sums {
		sm := &sums[i]
		if sm.State == org.Erased {
			continue
		}
		if len(sm.Seeks)+len(sm.Offers) == 0 {
			continue
		}
		if m := strings.TrimSpace(sm.Municipality); m != "" {
			muns[org.Normalise(m)] = m
		}
		for _, code := range append(slices.Clone(sm.Seeks), sm.Offers...) {
			if byCode[code] == nil {
				byCode[code] = match(code)
			}
		}
		if f.Municipality != "" && org.Normalise(sm.Municipality) != org.Normalise(f.Municipality) {
			continue
		}
		p := Party{ID: sm.ID, Name: sm.Name, Municipality: sm.Municipality}
		for _, code := range sm.Seeks {
			if m := byCode[code]; sm.Publish {
				m.Seekers = append(m.Seekers, p)
			} else {
				m.HiddenSeekers++
			}
		}
		for _, code := range sm.Offers {
			if m := byCode[code]; sm.Publish {
				m.Offerers = append(m.Offerers, p)
			} else {
				m.HiddenOfferers++
			}
		}
	}
	for code, m := range byCode {
		out.Codes = append(out.Codes, survey.Choice{Code: code, Label: m.Label})
		if (f.Code == "" || f.Code == code) && m.Seeking()+m.Offering() > 0 {
			out.Needs = append(out.Needs, *m)
		}
	}
	// sort.Slice, not slices.SortFunc: no sort code of its own for each
	// element type in the admin function (its size budget).
	sort.Slice(out.Codes, func(i, j int) bool { return strings.ToLower(out.Codes[i].Label) < strings.ToLower(out.Codes[j].Label) })
	// Needs that others can meet first, then by how many seek them.
	sort.Slice(out.Needs, func(i, j int) bool {
		a, b := &out.Needs[i], &out.Needs[j]
		if am, bm := a.Seeking() > 0 && a.Offering() > 0, b.Seeking() > 0 && b.Offering() > 0; am != bm {
			return am
		}
		if a.Seeking() != b.Seeking() {
			return a.Seeking() > b.Seeking()
		}
		return strings.ToLower(a.Label) < strings.ToLower(b.Label)
	})
	for _, m := range muns {
		out.Municipalities = append(out.Municipalities, m)
	}
	slices.SortFunc(out.Municipalities, func(a, b string) int { return cmp.Compare(org.Normalise(a), org.Normalise(b)) })
	return out, nil
}

// codeSource is an option code's label and where it is asked.
type codeSource struct {
	label, survey, question string
	rank                    int
}

// codeLabels are the labels in lang of the option codes of the office's
// surveys, each from the question it is best asked in: one bound to
// seeks, else one bound to offers, else a multiple choice, else any.
func (s *Service) codeLabels(ctx context.Context, office, lang string) (map[string]codeSource, error) {
	ds, err := s.store.Surveys(ctx, office)
	if err != nil {
		return nil, err
	}
	out := map[string]codeSource{}
	for _, d := range ds {
		for _, q := range d.Questions {
			rank := 0
			switch {
			case q.Profile == "seeks":
				rank = 3
			case q.Profile == "offers":
				rank = 2
			case q.Kind().Control == survey.ControlChecks:
				rank = 1
			}
			for _, o := range q.Options {
				if old, ok := out[o.Code]; ok && old.rank >= rank {
					continue
				}
				out[o.Code] = codeSource{label: o.Label.In(lang), survey: d.ID, question: q.ID, rank: rank}
			}
		}
	}
	return out, nil
}

// NeedMeeting says what MeetingFromNeed made.
type NeedMeeting struct {
	MeetingID string `json:"meetingId"`
	// Planned counts the planned invitations; NoAddress the answers that
	// named the need without an address to invite.
	Planned   int `json:"planned"`
	NoAddress int `json:"noAddress"`
}

// Defaults of a meeting made from a need: the coordinator sets date and
// place before publishing it.
const (
	needMeetingWeeks    = 4
	needMeetingCapacity = 40
)

// MeetingFromNeed makes a meeting draft about an option of a choice
// question of one of the office's surveys: titled after the option in
// every language, its topic in its description, and as its planned
// invitations the organisations whose answers chose the option (through
// a personal link: that invitation's organisation and address; through
// the public link: the answer's bound name and address). Another
// office's survey is NotFound; a question or option it lacks is a 400
// and nothing is made.
func (s *Service) MeetingFromNeed(ctx context.Context, c *auth.Coordinator, surveyID, questionID, option, lang string) (*NeedMeeting, error) {
	d, err := s.Survey(ctx, c, surveyID)
	if err != nil {
		return nil, err
	}
	var q *survey.Question
	for i := range d.Questions {
		if d.Questions[i].ID == questionID && len(d.Questions[i].Options) > 0 {
			q = &d.Questions[i]
		}
	}
	var opt *survey.Option
	if q != nil {
		for i := range q.Options {
			if q.Options[i].Code == option {
				opt = &q.Options[i]
			}
		}
	}
	if opt == nil {
		return nil, apperr.New(apperr.BadRequest, "console.need_unknown")
	}
	entries, orgIDs, noAddress, err := s.chosenBy(ctx, d, q.ID, option)
	if err != nil {
		return nil, err
	}
	now := s.now()
	id, err := newID(c.Office, "", lang)
	if err != nil {
		return nil, err
	}
	set := needSettings(opt.Label, d.Title, now, s.Zone)
	set.Topics = needTopic(opt)
	m := set.Meeting(id, c.Office, now)
	m.Draft = true
	if err := meeting.ValidateMeeting(m, lang); err != nil {
		return nil, err
	}
	if err := s.store.CreateMeeting(ctx, m); err != nil {
		return nil, err
	}
	objections, err := s.store.Objections(ctx, c.Office)
	if err != nil {
		return nil, err
	}
	tgt := targetInfo{expires: m.ExpiresAt(), until: m.RegistrationClosesAt, planned: true}
	invs := make([]*invitation.Invitation, 0, len(entries))
	for i, e := range entries {
		v := s.newInvitation(c, invitation.Meeting, id, e, tgt, objections, now, lang)
		v.OrgID = orgIDs[i]
		invs = append(invs, v)
	}
	if _, _, err := s.store.PutInvitations(ctx, invs, now); err != nil {
		return nil, err
	}
	return &NeedMeeting{MeetingID: id, Planned: len(invs), NoAddress: noAddress}, nil
}

// needSettings are a meeting draft's settings about the need label:
// "Netzwerktreffen: Räume" in every language, the topic and the survey
// it came from in the description, four weeks ahead at 18:00 in zone.
func needSettings(label, surveyTitle i18n.Text, now time.Time, zone *time.Location) meeting.Settings {
	title, desc := i18n.Text{}, i18n.Text{}
	for _, l := range i18n.Supported {
		title[l] = i18n.T(l, "console.need_meeting_title", label.In(l))
		desc[l] = i18n.T(l, "console.need_meeting_description", label.In(l), surveyTitle.In(l))
	}
	day := now.In(zone).AddDate(0, 0, 7*needMeetingWeeks)
	starts := time.Date(day.Year(), day.Month(), day.Day(), 18, 0, 0, 0, zone)
	return meeting.Settings{Title: title, Description: desc, StartsAt: starts, EndsAt: starts.Add(2 * time.Hour),
		TimeZone: zone.String(), Capacity: needMeetingCapacity, RegistrationClosesAt: starts.AddDate(0, 0, -1)}
}

// needTopic is the topic of a meeting about option: its code, and its
// label in each language it has that a topic can carry (one line of
// plain text, clipped to meeting.MaxTopicLabel); none when German cannot.
func needTopic(opt *survey.Option) []meeting.Topic {
	label := i18n.Text{}
	for _, l := range i18n.Supported {
		r := []rune(strings.Join(strings.Fields(opt.Label[l]), " "))
		if len(r) > meeting.MaxTopicLabel {
			r = append(r[:meeting.MaxTopicLabel-1], '…')
		}
		if t := string(r); t != "" && validation.Plain(t) {
			label[l] = t
		}
	}
	if label[i18n.Default] == "" || !validation.Code(opt.Code) {
		return nil
	}
	return []meeting.Topic{{Code: opt.Code, Label: label}}
}

// chosenBy are the organisations whose answers chose option of question
// qid: one entry per address (the first answer's), with its record;
// noAddress counts the answers without one.
func (s *Service) chosenBy(ctx context.Context, d *survey.Definition, qid, option string) ([]invitation.Entry, []string, int, error) {
	var nameQ, emailQ string
	for _, q := range d.Questions {
		switch {
		case q.Profile == survey.ProfileName:
			nameQ = q.ID
		case q.Profile == "email", emailQ == "" && q.Kind().InputType == "email":
			emailQ = q.ID
		}
	}
	var entries []invitation.Entry
	var orgs []string
	seen := map[string]bool{}
	noAddress := 0
	err := s.store.EachResponse(ctx, d.ID, func(rs []*survey.Response) error {
		for _, r := range rs {
			if !chose(r.Answers[qid], option) {
				continue
			}
			var e invitation.Entry
			orgID := ""
			if r.InvitationID != "" {
				v, err := s.store.Invitation(ctx, invitation.Survey, d.ID, r.InvitationID)
				if err != nil && apperr.CodeOf(err) != apperr.NotFound {
					return err
				}
				if v != nil {
					e, orgID = invitation.Entry{Organisation: v.Organisation, Email: v.Email, Language: v.Language}, v.OrgID
				}
			}
			if e.Email == "" {
				e.Email, _ = r.Answers[emailQ].(string)
				e.Organisation, _ = r.Answers[nameQ].(string)
				e.Language = r.Language
			}
			e.Email = strings.TrimSpace(e.Email)
			if e.Email == "" || checkEntry(&e, i18n.Default) != nil {
				noAddress++
				continue
			}
			if k := invitation.ID(invitation.Meeting, "", e.Email); !seen[k] {
				seen[k] = true
				entries, orgs = append(entries, e), append(orgs, orgID)
			}
		}
		return nil
	})
	return entries, orgs, noAddress, err
}

// chose reports whether an answer (single or multiple choice) is or
// holds option.
func chose(answer any, option string) bool {
	switch a := answer.(type) {
	case string:
		return a == option
	case []string:
		return slices.Contains(a, option)
	case []any:
		return slices.Contains(a, any(option))
	}
	return false
}

// SendPlanned sends a published meeting's planned invitations: each gets
// its link and its mail once (concurrent runs too: the store's condition
// is that it is still planned). A draft is a conflict: its page is not
// public yet.
func (s *Service) SendPlanned(ctx context.Context, c *auth.Coordinator, id string) (*InviteResult, error) {
	mv, err := s.Meeting(ctx, c, id)
	if err != nil {
		return nil, err
	}
	if mv.Draft {
		return nil, apperr.New(apperr.Conflict, "console.meeting_draft_unsent")
	}
	if mv.Cancelled() {
		return nil, apperr.New(apperr.Conflict, "meeting_cancelled")
	}
	objections, err := s.store.Objections(ctx, c.Office)
	if err != nil {
		return nil, err
	}
	now := s.now()
	res := &InviteResult{}
	err = s.store.EachInvitation(ctx, invitation.Meeting, id, func(v *invitation.Invitation) error {
		if v.Status != invitation.Planned {
			return nil
		}
		if objections[invitation.PersonKey(s.tokens, v.Email)] {
			res.Objected++
			return nil // stays planned and unsent; the list shows it
		}
		v.TokenHash = linktoken.Hash(s.tokens.Token(invitation.TokenKind, v.ID))
		v.InvitedAt, v.LastMailAt, v.Status = now, now, invitation.Invited
		v.NextReminderAt = invitation.NextReminder(mv.RemindAfterDays, now, 0, mv.RegistrationClosesAt)
		ok, err := s.store.SendPlanned(ctx, v, now)
		if ok {
			res.Invited++
		} else if err == nil {
			res.AlreadyInvited++
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// PublishMeeting makes a meeting draft public: checked as any meeting
// (its place set), past the go-live guard. A published one stays as it
// is.
func (s *Service) PublishMeeting(ctx context.Context, c *auth.Coordinator, id, lang string) (*MeetingView, error) {
	mv, err := s.Meeting(ctx, c, id)
	if err != nil || !mv.Draft {
		return mv, err
	}
	m := *mv.Meeting
	m.Draft, m.UpdatedAt = false, s.now().UTC()
	if err := meeting.ValidateMeeting(&m, lang); err != nil {
		return nil, err
	}
	if err := s.goLive(ctx, c); err != nil {
		return nil, err
	}
	if _, err := s.store.UpdateMeeting(ctx, &m); err != nil {
		return nil, err
	}
	return s.Meeting(ctx, c, id)
}
