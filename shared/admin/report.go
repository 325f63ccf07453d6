package admin

import (
	"context"
	"errors"
	"sort"
	"sync"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Report is a survey's Bestandsaufnahme: who answered, how, and what
// (the console's summary of every answer), the free texts with their
// organisation where it consented to being named, and the shares of the
// round the survey was copied from.
type Report struct {
	Survey *survey.Definition
	// Invitations: invited, answered, and marked as answered elsewhere.
	Invitations InvitationCounts
	// ByInvitation and ByPublic count the answers by their channel.
	ByInvitation, ByPublic int
	// Languages counts the answers by the language they were given in,
	// most first.
	Languages []LanguageCount
	Summary   *Summary
	// Texts are each text question's answers, in the order they came.
	Texts map[string][]TextAnswer
	// Earlier is the round this survey was copied from (nil: none of
	// the office's).
	Earlier *Round
}

// LanguageCount is how many answers came in one language.
type LanguageCount struct {
	Lang  string
	Count int
}

// TextAnswer is one free text of a report: as written, with its
// organisation only when the answer consented to being named.
type TextAnswer struct {
	ResponseID   string
	Language     string
	Text         string
	Organisation string // "" : anonymous
	// German is the stored machine translation ("" : none).
	German string
}

// Round is an earlier round of a survey: its shares (percent of those
// asked) by question id and option code.
type Round struct {
	ID     string
	Year   int
	Shares map[string]map[string]int
}

// Reported reports whether a text question's answers are listed in a
// report: not those bound to the organisation's record (its name, its
// contacts), which say who answered, not what.
func Reported(q *survey.Question) bool {
	return q.Profile == "" && q.Kind().Summary == survey.SummaryTexts
}

// Report builds the report of one of the office's surveys in one pass
// over its answers (and one over the earlier round's).
func (s *Service) Report(ctx context.Context, c *auth.Coordinator, id, lang string) (*Report, error) {
	d, err := s.Survey(ctx, c, id)
	if err != nil {
		return nil, err
	}
	// The invitations and the earlier round are read while the answers
	// are: three reads at once, not one after the other.
	var counts InvitationCounts
	var earlier *Round
	var countErr, earlierErr error
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		counts, _, countErr = s.InvitationOverview(ctx, c, invitation.Survey, id, 0)
	}()
	go func() {
		defer wg.Done()
		earlier, earlierErr = s.earlierRound(ctx, d, lang)
	}()
	rep := &Report{Survey: d, Texts: map[string][]TextAnswer{}}
	reported := map[string]bool{}
	for i := range d.Questions {
		if q := &d.Questions[i]; Reported(q) {
			reported[q.ID] = true
		}
	}
	langs := map[string]int{}
	sm := newSummer(d, lang)
	var german map[string]string // the translations of the response at hand
	sm.text = func(qid string, r *survey.Response, t string) {
		if !reported[qid] {
			return
		}
		a := TextAnswer{ResponseID: r.ID, Language: r.Language, Text: t, German: german[qid]}
		if r.Consent.PublishProfile {
			a.Organisation = d.OrganisationOf(r.Answers)
		}
		rep.Texts[qid] = append(rep.Texts[qid], a)
	}
	err = s.store.EachResponseTranslated(ctx, id, func(rs []*survey.Response, tr []map[string]string) error {
		for i, r := range rs {
			german = tr[i]
			sm.add(r)
			langs[r.Language]++
			if r.InvitationID != "" {
				rep.ByInvitation++
			} else {
				rep.ByPublic++
			}
		}
		return nil
	})
	wg.Wait()
	if err := errors.Join(err, countErr, earlierErr); err != nil {
		return nil, err
	}
	rep.Invitations, rep.Earlier = counts, earlier
	rep.Summary = sm.finish()
	for l, n := range langs {
		rep.Languages = append(rep.Languages, LanguageCount{Lang: l, Count: n})
	}
	sort.Slice(rep.Languages, func(i, j int) bool {
		a, b := rep.Languages[i], rep.Languages[j]
		return a.Count > b.Count || (a.Count == b.Count && a.Lang < b.Lang)
	})
	return rep, nil
}

// earlierRound sums up the survey d was copied from, when it is the same
// office's and still there.
func (s *Service) earlierRound(ctx context.Context, d *survey.Definition, lang string) (*Round, error) {
	if d.CopiedFrom == "" || d.CopiedFrom == d.ID || !survey.ValidID(d.CopiedFrom) {
		return nil, nil
	}
	old, err := s.store.Survey(ctx, d.CopiedFrom)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if old.Office != d.Office {
		return nil, nil // another office's survey is none of this one's
	}
	sm := newSummer(old, lang)
	if err := s.store.EachResponse(ctx, old.ID, func(rs []*survey.Response) error {
		for _, r := range rs {
			sm.add(r)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	r := &Round{ID: old.ID, Year: roundYear(old).In(s.Zone).Year(), Shares: map[string]map[string]int{}}
	for _, q := range sm.finish().Questions {
		if q.Counts == nil {
			continue
		}
		m := map[string]int{}
		for code, n := range q.Counts {
			m[code] = Share(n, q.Asked)
		}
		r.Shares[q.ID] = m
	}
	return r, nil
}

// Share is n of of in whole percent, rounded (0 of nobody).
func Share(n, of int) int {
	if of == 0 {
		return 0
	}
	return (n*100 + of/2) / of
}

// roundYear is when a round ran: its close, else its opening, else its
// last change.
func roundYear(d *survey.Definition) time.Time {
	switch {
	case d.ClosesAt != nil:
		return *d.ClosesAt
	case d.OpensAt != nil:
		return *d.OpensAt
	}
	return d.UpdatedAt
}
