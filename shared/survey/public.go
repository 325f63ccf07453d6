package survey

import "time"

// PublicSurvey is GET /surveys/{id}: the definition with texts in one
// language and no office-internal fields.
type PublicSurvey struct {
	ID          string           `json:"id"`
	Language    string           `json:"language"`
	Title       string           `json:"title"`
	Description string           `json:"description,omitempty"`
	Status      Status           `json:"status"`
	OpensAt     *time.Time       `json:"opensAt,omitempty"`
	ClosesAt    *time.Time       `json:"closesAt,omitempty"`
	Sections    []PublicSection  `json:"sections,omitempty"`
	Questions   []PublicQuestion `json:"questions"`
	// Invitation is set when the survey was opened through a personal link.
	Invitation *Prefill `json:"invitation,omitempty"`
}

// Prefill is what a personal invitation fills in.
type Prefill struct {
	Organisation string `json:"organisation"`
	Answered     bool   `json:"answered"` // a new answer replaces the earlier one
}

// PublicSection is a section title in one language, and when it is
// shown.
type PublicSection struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	ShowIf *ShowIf `json:"showIf,omitempty"`
}

// PublicQuestion is a question with texts in one language.
type PublicQuestion struct {
	ID    string       `json:"id"`
	Type  QuestionType `json:"type"`
	Label string       `json:"label"`
	Help  string       `json:"help,omitempty"`
	// Section and rules as in the definition; MaxLength is set for every
	// text answer (the default when the definition has none).
	Section string `json:"section,omitempty"`
	Rules
	Options []PublicOption `json:"options,omitempty"`
	// ShowIf: the question is asked only when this holds; Required then
	// means required when asked.
	ShowIf *ShowIf `json:"showIf,omitempty"`
}

// PublicOption is an option with its label in one language.
type PublicOption struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

func publicView(d *Definition, lang string, now time.Time) *PublicSurvey {
	p := &PublicSurvey{
		ID: d.ID, Language: lang, Title: d.Title.In(lang), Description: d.Description.In(lang),
		Status: d.StatusAt(now), OpensAt: d.OpensAt, ClosesAt: d.ClosesAt,
		Questions: make([]PublicQuestion, 0, len(d.Questions)),
	}
	for _, s := range d.Sections {
		p.Sections = append(p.Sections, PublicSection{ID: s.ID, Title: s.Title.In(lang), ShowIf: s.ShowIf})
	}
	for i := range d.Questions {
		q := &d.Questions[i]
		if q.Retired { // never asked: kept for the office's exports only
			continue
		}
		pq := PublicQuestion{ID: q.ID, Type: q.Type, Section: q.Section, Label: q.Label.In(lang),
			Help: q.Help.In(lang), Rules: q.Rules, ShowIf: q.ShowIf}
		pq.MaxLength = 0
		if q.Kind().MaxLength > 0 {
			pq.MaxLength = q.MaxLen()
		}
		for _, o := range q.Options {
			if !o.Retired {
				pq.Options = append(pq.Options, PublicOption{Code: o.Code, Label: o.Label.In(lang)})
			}
		}
		p.Questions = append(p.Questions, pq)
	}
	return p
}
