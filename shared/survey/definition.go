// Package survey is the needs-survey domain: survey definitions, answer
// validation driven by a definition, and the service behind the public routes.
package survey

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// Text is a text per language code; German ("de") is required.
type Text = i18n.Text

// QuestionType is the kind of answer a question takes.
type QuestionType string

const (
	TypeText           QuestionType = "text"
	TypeLongText       QuestionType = "long_text"
	TypeEmail          QuestionType = "email"
	TypePhone          QuestionType = "phone"
	TypeURL            QuestionType = "url"
	TypeNumber         QuestionType = "number"
	TypeSingleChoice   QuestionType = "single_choice"
	TypeMultipleChoice QuestionType = "multiple_choice"
	TypeYesNo          QuestionType = "yes_no"
	TypeScale          QuestionType = "scale"
)

// Default and hard maximum lengths (in characters) of text answers.
const (
	DefaultTextMax     = 300
	DefaultLongTextMax = 4000
	HardTextMax        = 20000
	DefaultRetention   = 730 // days, two years: the usual term for network contact data
)

// Option is one choice of a single- or multiple-choice question.
type Option struct {
	Code  string `json:"code"`
	Label Text   `json:"label"`
}

// Question is one question. ID and option codes are stable: exports and
// stored answers use them, labels may change.
type Question struct {
	ID        string       `json:"id"`
	Type      QuestionType `json:"type"`
	Section   string       `json:"section,omitempty"`
	Label     Text         `json:"label"`
	Help      Text         `json:"help,omitempty"`
	Required  bool         `json:"required,omitempty"`
	MaxLength int          `json:"maxLength,omitempty"`
	Min       *float64     `json:"min,omitempty"`
	Max       *float64     `json:"max,omitempty"`
	Options   []Option     `json:"options,omitempty"`
}

// Section groups questions for display.
type Section struct {
	ID    string `json:"id"`
	Title Text   `json:"title"`
}

// Definition is a survey as coordinators define it.
type Definition struct {
	ID            string     `json:"id"`
	Office        string     `json:"office"`
	Title         Text       `json:"title"`
	Description   Text       `json:"description,omitempty"`
	OpensAt       *time.Time `json:"opensAt,omitempty"`
	ClosesAt      *time.Time `json:"closesAt,omitempty"`
	RetentionDays int        `json:"retentionDays,omitempty"`
	Sections      []Section  `json:"sections,omitempty"`
	Questions     []Question `json:"questions"`
	UpdatedAt     time.Time  `json:"updatedAt"`
}

// Status is where now falls in the survey's window.
type Status string

const (
	StatusScheduled Status = "scheduled"
	StatusOpen      Status = "open"
	StatusClosed    Status = "closed"
)

// StatusAt returns the survey's status at now.
func (d *Definition) StatusAt(now time.Time) Status {
	switch {
	case d.OpensAt != nil && now.Before(*d.OpensAt):
		return StatusScheduled
	case d.ClosesAt != nil && !now.Before(*d.ClosesAt):
		return StatusClosed
	}
	return StatusOpen
}

// Retention is how long responses are kept.
func (d *Definition) Retention() time.Duration {
	days := d.RetentionDays
	if days <= 0 {
		days = DefaultRetention
	}
	return time.Duration(days) * 24 * time.Hour
}

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,62}$`)
	codePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
)

// ValidID reports whether s can be a survey id (also used for path checks,
// so that no malformed id ever reaches the store).
func ValidID(s string) bool { return idPattern.MatchString(s) }

// ParseDefinition decodes and validates a definition.
func ParseDefinition(data []byte) (*Definition, error) {
	var d Definition
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("decode survey definition: %w", err)
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return &d, nil
}

// Validate checks a definition and returns every problem found at once.
func (d *Definition) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !ValidID(d.ID) {
		bad("survey id %q: want 2-63 of a-z, 0-9 and -", d.ID)
	}
	if d.Office == "" || !ValidID(d.Office) {
		bad("survey %s: office %q: want 2-63 of a-z, 0-9 and -", d.ID, d.Office)
	}
	checkText := func(where string, t Text, required bool) {
		if required && t[i18n.Default] == "" {
			bad("%s: missing German (de) text", where)
		}
		for lang := range t {
			if !i18n.IsContentLanguage(lang) {
				bad("%s: unknown language %q", where, lang)
			}
		}
	}
	checkText("survey "+d.ID+" title", d.Title, true)
	checkText("survey "+d.ID+" description", d.Description, false)
	if d.OpensAt != nil && d.ClosesAt != nil && !d.OpensAt.Before(*d.ClosesAt) {
		bad("survey %s: opensAt must be before closesAt", d.ID)
	}
	if d.RetentionDays < 0 || d.RetentionDays > 3650 {
		bad("survey %s: retentionDays %d: want 0-3650", d.ID, d.RetentionDays)
	}
	sections := map[string]bool{}
	for _, s := range d.Sections {
		if !codePattern.MatchString(s.ID) || sections[s.ID] {
			bad("survey %s: section id %q invalid or duplicate", d.ID, s.ID)
		}
		sections[s.ID] = true
		checkText("section "+s.ID+" title", s.Title, true)
	}
	if len(d.Questions) == 0 {
		bad("survey %s: no questions", d.ID)
	}
	seen := map[string]bool{}
	for i := range d.Questions {
		q := &d.Questions[i]
		where := fmt.Sprintf("question %d (%s)", i+1, q.ID)
		if !codePattern.MatchString(q.ID) {
			bad("%s: id: want 1-64 of a-z, 0-9, _ and -", where)
		}
		if seen[q.ID] {
			bad("%s: duplicate question id", where)
		}
		seen[q.ID] = true
		if q.Section != "" && !sections[q.Section] {
			bad("%s: unknown section %q", where, q.Section)
		}
		checkText(where+" label", q.Label, true)
		checkText(where+" help", q.Help, false)
		if q.MaxLength < 0 || q.MaxLength > HardTextMax {
			bad("%s: maxLength %d: want 0-%d", where, q.MaxLength, HardTextMax)
		}
		switch q.Type {
		case TypeText, TypeLongText, TypeEmail, TypePhone, TypeURL, TypeYesNo:
		case TypeNumber:
			if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
				bad("%s: min greater than max", where)
			}
		case TypeScale:
			if q.Min == nil || q.Max == nil || *q.Min >= *q.Max || *q.Min != float64(int(*q.Min)) || *q.Max != float64(int(*q.Max)) {
				bad("%s: scale needs whole-number min < max", where)
			}
		case TypeSingleChoice, TypeMultipleChoice:
			if len(q.Options) == 0 {
				bad("%s: no options", where)
			}
			codes := map[string]bool{}
			for _, o := range q.Options {
				if !codePattern.MatchString(o.Code) {
					bad("%s: option code %q: want 1-64 of a-z, 0-9, _ and -", where, o.Code)
				}
				if codes[o.Code] {
					bad("%s: duplicate option code %q", where, o.Code)
				}
				codes[o.Code] = true
				checkText(where+" option "+o.Code, o.Label, true)
			}
		default:
			bad("%s: unknown type %q", where, q.Type)
		}
		if len(q.Options) > 0 && q.Type != TypeSingleChoice && q.Type != TypeMultipleChoice {
			bad("%s: options only on choice questions", where)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid survey definition: %w", errors.Join(errs...))
	}
	return nil
}

// MaxLen returns the effective maximum length of a text answer.
func (q *Question) MaxLen() int {
	switch {
	case q.MaxLength > 0:
		return q.MaxLength
	case q.Type == TypeLongText:
		return DefaultLongTextMax
	case q.Type == TypeEmail:
		return 254
	case q.Type == TypeURL:
		return 2000
	case q.Type == TypePhone:
		return 40
	}
	return DefaultTextMax
}
