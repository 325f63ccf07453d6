package admin

import (
	"context"
	"slices"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// LinkingStore links public answers and registrations (those without a
// personal link) to the office's records (dynamo.Orgs).
type LinkingStore interface {
	// LinkedRefs are the answers and registrations linked so far: the
	// record of each id.
	LinkedRefs(ctx context.Context, office string) (map[string]string, error)
	// LinkPublic takes answer or registration ref into record id (the new
	// record fresh when id is empty): fn changes it and returns its
	// events; the record and the link are one write.
	LinkPublic(ctx context.Context, office, id, ref string, fresh *org.Record, fn func(*org.Record) ([]org.Event, error)) (*org.Record, error)
}

// Unlinked is a public answer or registration that names an organisation
// and is not linked to a record yet.
type Unlinked struct {
	Kind         string // "survey" or "meeting"
	TargetID     string
	Title        string // the survey's or meeting's, in the asked language
	Ref          string // the answer's or registration's id
	Organisation string
	At           time.Time
	// Suggested are the records of the same normalised name.
	Suggested []org.Summary
}

// Unlinked lists the office's public answers and registrations that name
// an organisation and are not linked yet, newest first, with the
// records of their names, and all records (for the choice). It reads
// every answer and registration of the office's surveys and meetings.
func (s *Service) Unlinked(ctx context.Context, c *auth.Coordinator, lang string) ([]Unlinked, []org.Summary, error) {
	now := s.now()
	linked, err := s.store.LinkedRefs(ctx, c.Office)
	if err != nil {
		return nil, nil, err
	}
	records, err := s.store.Organisations(ctx, c.Office, now)
	if err != nil {
		return nil, nil, err
	}
	byName := map[string][]org.Summary{}
	for _, r := range records {
		byName[org.Normalise(r.Name)] = append(byName[org.Normalise(r.Name)], r)
	}
	var out []Unlinked
	add := func(u Unlinked) {
		if linked[u.Ref] == "" && u.Organisation != "" {
			u.Suggested = byName[org.Normalise(u.Organisation)]
			out = append(out, u)
		}
	}
	surveys, err := s.store.Surveys(ctx, c.Office)
	if err != nil {
		return nil, nil, err
	}
	for _, d := range surveys {
		d.BindLegacyName()
		err := s.store.EachResponse(ctx, d.ID, func(page []*survey.Response) error {
			for _, r := range page {
				if r.InvitationID == "" {
					add(Unlinked{Kind: "survey", TargetID: d.ID, Title: d.Title.In(lang), Ref: r.ID, Organisation: d.OrganisationOf(r.Answers), At: r.SubmittedAt})
				}
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	meetings, _, err := s.store.Meetings(ctx, c.Office)
	if err != nil {
		return nil, nil, err
	}
	for _, m := range meetings {
		err := s.store.EachRegistration(ctx, m.ID, func(page []*meeting.Registration) error {
			for _, r := range page {
				if r.InvitationID == "" && r.Status != meeting.Cancelled && !r.Erased() {
					add(Unlinked{Kind: "meeting", TargetID: m.ID, Title: m.Title.In(lang), Ref: r.ID, Organisation: r.Organisation, At: r.CreatedAt})
				}
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	slices.SortStableFunc(out, func(a, b Unlinked) int { return b.At.Compare(a.At) })
	return out, records, nil
}

// LinkUnlinked links a public answer (kind "survey") or registration
// ("meeting") of the office to record orgID, or to a new record of its
// organisation's name when orgID is empty: the record gets its event
// (answered, registered) and, from an answer, the bound questions and
// the directory consent. Another office's survey, meeting or record is
// NotFound; an answer given through a personal link is linked already.
func (s *Service) LinkUnlinked(ctx context.Context, c *auth.Coordinator, kind, targetID, ref, orgID string) (*org.Record, error) {
	var name string
	var change func(*org.Record) []org.Event
	switch kind {
	case "survey":
		d, err := s.Survey(ctx, c, targetID)
		if err != nil {
			return nil, err
		}
		resp, err := s.store.Response(ctx, targetID, ref)
		if err != nil {
			return nil, err
		}
		if resp.InvitationID != "" {
			return nil, apperr.New(apperr.Conflict, "console.linked_already")
		}
		name = d.OrganisationOf(resp.Answers)
		change = func(r *org.Record) []org.Event { return []org.Event{r.TakeAnswer(d, resp, resp.ID)} }
	case "meeting":
		if _, err := s.Meeting(ctx, c, targetID); err != nil {
			return nil, err
		}
		reg, err := s.store.Registration(ctx, targetID, ref)
		if err != nil {
			return nil, err
		}
		if reg.InvitationID != "" {
			return nil, apperr.New(apperr.Conflict, "console.linked_already")
		}
		name = reg.Organisation
		var cancelled *time.Time
		if reg.Status == meeting.Cancelled {
			cancelled = &reg.UpdatedAt
		}
		change = func(*org.Record) []org.Event {
			return org.RegistrationEvents(reg.MeetingID, reg.ID, reg.CreatedAt, cancelled)
		}
	default:
		return nil, apperr.New(apperr.NotFound, "not_found")
	}
	var fresh *org.Record
	if orgID == "" {
		fresh = org.New(c.Office, name, s.now())
	}
	return s.store.LinkPublic(ctx, c.Office, orgID, ref, fresh, func(r *org.Record) ([]org.Event, error) { return change(r), nil })
}
