package survey

import "slices"

// ShowIf is when a question or a section is asked: all of its conditions
// hold, or any of them (one of the two lists, one level: AUTHORING.md).
// A nil ShowIf always holds.
type ShowIf struct {
	All []Condition `json:"all,omitempty"`
	Any []Condition `json:"any,omitempty"`
}

// Condition is one test of an earlier section's question. Exactly one
// test is set.
type Condition struct {
	Question string `json:"question"`
	// In and NotIn: the answer's code (a single choice's option, "yes" or
	// "no", a scale's value as text) is, or is not, one of these. NotIn
	// holds for an unanswered question too.
	In    []string `json:"in,omitempty"`
	NotIn []string `json:"notIn,omitempty"`
	// Includes: any of these codes is chosen in a multiple choice.
	Includes []string `json:"includes,omitempty"`
	// Answered: the question was (true) or was not (false) answered.
	Answered *bool `json:"answered,omitempty"`
	// Gte and Lte: the answer (number, scale, date) is at least or at most
	// this; an unanswered question passes neither.
	Gte *Bound `json:"gte,omitempty"`
	Lte *Bound `json:"lte,omitempty"`
}

// Stage is whether a survey is public yet.
type Stage string

const (
	// StageDraft: not public (the public routes answer 404); the console
	// previews it.
	StageDraft Stage = "draft"
	// StagePublished: open, scheduled or closed by its dates. A
	// definition without a stage is published.
	StagePublished Stage = "published"
)

// Draft reports whether the survey is not public yet.
func (d *Definition) Draft() bool { return d.Stage == StageDraft }

// Holds reports whether the conditions hold for answers (stored answers
// by question id: string, float64, bool or []string; a missing id is
// unanswered).
func (s *ShowIf) Holds(answers map[string]any) bool {
	if s == nil {
		return true
	}
	if len(s.Any) > 0 {
		return slices.ContainsFunc(s.Any, func(c Condition) bool { return c.Holds(answers) })
	}
	for _, c := range s.All {
		if !c.Holds(answers) {
			return false
		}
	}
	return true
}

// Holds reports whether the condition holds for answers.
func (c *Condition) Holds(answers map[string]any) bool {
	v, answered := answers[c.Question]
	vals := AnswerValues(v)
	answered = answered && len(vals) > 0 && !(len(vals) == 1 && vals[0] == "")
	switch {
	case c.Answered != nil:
		return answered == *c.Answered
	case c.In != nil:
		return answered && len(vals) == 1 && slices.Contains(c.In, vals[0])
	case c.NotIn != nil:
		return !answered || len(vals) != 1 || !slices.Contains(c.NotIn, vals[0])
	case c.Includes != nil:
		return answered && slices.ContainsFunc(vals, func(s string) bool { return slices.Contains(c.Includes, s) })
	case c.Gte != nil:
		return answered && compare(v, c.Gte) >= 0
	case c.Lte != nil:
		return answered && compareOK(v, c.Lte) && compare(v, c.Lte) <= 0
	}
	return false
}

// compare orders an answer against a bound: a number against a number, a
// date (YYYY-MM-DD) against a date; -2 when they do not compare (which
// no test passes: see compareOK).
func compare(v any, b *Bound) int {
	switch a := v.(type) {
	case float64:
		if b.IsDate() {
			return -2
		}
		switch {
		case a < b.Number:
			return -1
		case a > b.Number:
			return 1
		}
		return 0
	case string:
		if !b.IsDate() {
			return -2
		}
		switch {
		case a < b.Date:
			return -1
		case a > b.Date:
			return 1
		}
		return 0
	}
	return -2
}

func compareOK(v any, b *Bound) bool { return compare(v, b) != -2 }

// Asked returns the ids of the questions asked given answers: a question
// is asked when it is not retired and its section's showIf and its own
// hold, each judged on the answers to asked questions only. Questions without a section come
// first; sections in their order (a condition names only an earlier
// section's question, so one pass decides all).
func (d *Definition) Asked(answers map[string]any) map[string]bool {
	asked := make(map[string]bool, len(d.Questions))
	seen := make(map[string]any, len(answers))
	decide := func(section string, shown bool) {
		for i := range d.Questions {
			q := &d.Questions[i]
			if q.Section != section {
				continue
			}
			if shown && !q.Retired && q.ShowIf.Holds(seen) {
				asked[q.ID] = true
			}
		}
		for i := range d.Questions { // visible to later sections' conditions
			if q := &d.Questions[i]; q.Section == section && asked[q.ID] {
				if v, ok := answers[q.ID]; ok {
					seen[q.ID] = v
				}
			}
		}
	}
	decide("", true)
	for i := range d.Sections {
		s := &d.Sections[i]
		decide(s.ID, s.ShowIf.Holds(seen))
	}
	return asked
}

// Conditional reports whether any question or section of the survey has
// a condition.
func (d *Definition) Conditional() bool {
	for i := range d.Sections {
		if d.Sections[i].ShowIf != nil {
			return true
		}
	}
	for i := range d.Questions {
		if d.Questions[i].ShowIf != nil {
			return true
		}
	}
	return false
}
