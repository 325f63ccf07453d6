// Package survey is the needs-survey domain: survey definitions, answer
// validation driven by a definition, and the service behind the public routes.
package survey

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/notice"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
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
	TypeDate           QuestionType = "date"
)

// Default and hard maximum lengths (in characters) of text answers.
const (
	DefaultTextMax     = 300
	DefaultLongTextMax = 4000
	HardTextMax        = 20000
	DefaultRetention   = 730 // days, two years: the usual term for network contact data
	// MaxScaleSteps bounds a scale's radios (0 to 10 is 11): a wider one
	// is a number question, and a typo (max 100000000) must not make a
	// page of a hundred million radios.
	MaxScaleSteps = 21
)

// Option is one choice of a single- or multiple-choice question.
type Option struct {
	Code  string `json:"code"`
	Label Text   `json:"label"`
	// Retired: removed after the survey had answers (lock.go); kept for
	// exports, no longer offered.
	Retired bool `json:"retired,omitempty"`
}

// Question is one question. ID and option codes are stable: exports and
// stored answers use them, labels may change.
type Question struct {
	ID      string       `json:"id"`
	Type    QuestionType `json:"type"`
	Section string       `json:"section,omitempty"`
	Label   Text         `json:"label"`
	Help    Text         `json:"help,omitempty"`
	Rules
	Options []Option `json:"options,omitempty"`
	// Profile binds the answer to a field of the organisation's record.
	Profile Profile `json:"profile,omitempty"`
	// ShowIf: the question is asked only when this holds (condition.go).
	ShowIf *ShowIf `json:"showIf,omitempty"`
	// Retired: removed after the survey had answers (lock.go); never
	// asked, kept in the definition for exports.
	Retired bool `json:"retired,omitempty"`
}

// Rules are what an answer must be, the same in every language.
type Rules struct {
	Required  bool   `json:"required"`
	MaxLength int    `json:"maxLength,omitempty"`
	Min       *Bound `json:"min,omitempty"`
	Max       *Bound `json:"max,omitempty"`
	// Integer: a number question takes whole numbers only (its form
	// field then offers a keypad without a decimal separator).
	Integer bool `json:"integer,omitempty"`
	// Handles: a web address question also takes a social-media name
	// such as @verein or @verein@mastodon.social, kept as written.
	Handles bool `json:"handles,omitempty"`
}

// Section groups questions for display.
type Section struct {
	ID    string `json:"id"`
	Title Text   `json:"title"`
	// ShowIf: the section is shown only when this holds (condition.go).
	ShowIf *ShowIf `json:"showIf,omitempty"`
}

// Settings are what coordinators set for a survey: the body of POST and
// PUT /admin/surveys. The office and the time of change are the service's;
// the id too, but for a requested slug on create.
type Settings struct {
	ID            string     `json:"id"`
	Title         Text       `json:"title"`
	Description   Text       `json:"description,omitempty"`
	OpensAt       *time.Time `json:"opensAt,omitempty"`
	ClosesAt      *time.Time `json:"closesAt,omitempty"`
	RetentionDays int        `json:"retentionDays,omitempty"`
	// PrivacyNotice is what the form's consent refers to.
	PrivacyNotice *notice.Notice `json:"privacyNotice,omitempty"`
	// RemindAfterDays plans reminders to invitees who have not answered:
	// that many days after their invitation, each once
	// (invitation.CheckPlan), until the survey closes.
	RemindAfterDays []int      `json:"remindAfterDays,omitempty"`
	Sections        []Section  `json:"sections,omitempty"`
	Questions       []Question `json:"questions"`
	CopiedFrom      string     `json:"copiedFrom,omitempty"` // the survey this one was copied from (next year's round)
}

// Definition is a survey as coordinators define it.
type Definition struct {
	Settings
	// Stage: draft or published ("" is published).
	Stage     Stage     `json:"status,omitempty"`
	Office    string    `json:"office"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// Definition makes the definition that settings describe, with id, for
// office.
func (s Settings) Definition(id, office string, now time.Time) *Definition {
	s.ID = id
	return &Definition{Settings: s, Office: office, UpdatedAt: now.UTC()}
}

// Status is where now falls in the survey's window.
type Status string

const (
	StatusScheduled Status = "scheduled"
	StatusOpen      Status = "open"
	StatusClosed    Status = "closed"
	// StatusDraft: not public yet (Definition.Draft); only the office's
	// lists show it, StatusAt never returns it.
	StatusDraft Status = "draft"
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

// reservedIDs are the names of the survey page's own form fields that a
// question id could take: the personal link's hidden field "invitation"
// and the page's language parameter "lang". The page's other
// fields (the bot guard, the language switch, the consents) have a dot,
// which no id has.
var reservedIDs = map[string]bool{"invitation": true, "lang": true}

// ValidID reports whether s can be a survey id (also used for path checks,
// so that no malformed id ever reaches the store).
func ValidID(s string) bool { return validation.ValidID(s) }

// ParseDefinition decodes and validates a definition (the demo seed's
// file: its errors are in German).
func ParseDefinition(data []byte) (*Definition, error) {
	var d Definition
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("decode survey definition: %w", err)
	}
	if err := ValidateDefinition(&d, i18n.Default); err != nil {
		if e := apperr.As(err); e != nil {
			return nil, fmt.Errorf("invalid survey definition: %v", e.Fields)
		}
		return nil, err
	}
	return &d, nil
}

// MaxDefinition is the largest definition (JSON bytes) the admin routes
// take: 200 questions in seven languages (AUTHORING.md).
const MaxDefinition = 1 << 20

// MaxRetentionDays bounds how long responses may be kept.
const MaxRetentionDays = 3650

// ValidateDefinition checks a definition and returns every problem found at once,
// as field errors in lang with their paths (questions[3].options[1].code).
func ValidateDefinition(d *Definition, lang string) error {
	f := validation.NewFields(lang)
	validation.CheckHead(f, d.ID, d.Office, d.Title, d.Description)
	if d.OpensAt != nil && d.ClosesAt != nil && !d.OpensAt.Before(*d.ClosesAt) {
		f.Add("closesAt", "after", "def_window")
	}
	if d.RetentionDays < 0 || d.RetentionDays > MaxRetentionDays {
		f.Add("retentionDays", "range", "def_between", 0, MaxRetentionDays)
	}
	notice.Check(d.PrivacyNotice, f, "privacyNotice")
	invitation.CheckPlan(f, "remindAfterDays", d.RemindAfterDays)
	sections := map[string]bool{}
	for i, s := range d.Sections {
		at := fmt.Sprintf("sections[%d]", i)
		checkCode(f, at+".id", s.ID, sections)
		validation.CheckText(f, at+".title", s.Title, true)
	}
	if len(d.Questions) == 0 {
		f.Add("questions", "required", "def_no_questions")
	}
	seen, profiles := map[string]bool{}, map[Profile]bool{}
	for i := range d.Questions {
		q := &d.Questions[i]
		at := fmt.Sprintf("questions[%d]", i)
		checkCode(f, at+".id", q.ID, seen)
		if reservedIDs[q.ID] {
			f.Add(at+".id", "reserved", "def_reserved_id", q.ID)
		}
		if q.Section != "" && !sections[q.Section] && !q.Retired { // a retired one keeps a removed section
			f.Add(at+".section", "unknown", "def_unknown_section", clip(q.Section))
		}
		validation.CheckText(f, at+".label", q.Label, true)
		validation.CheckText(f, at+".help", q.Help, false)
		if q.MaxLength < 0 || q.MaxLength > HardTextMax {
			f.Add(at+".maxLength", "range", "def_between", 0, HardTextMax)
		}
		k, ok := KindOf(q.Type)
		if !ok {
			f.Add(at+".type", "type", "def_type", clip(string(q.Type)))
			k = &unknownKind
		}
		checkBounds(f, at, q, k)
		if k.Options {
			if !slices.ContainsFunc(q.Options, func(o Option) bool { return !o.Retired }) {
				f.Add(at+".options", "required", "def_no_options")
			}
			codes := map[string]bool{}
			for j, o := range q.Options {
				oat := fmt.Sprintf("%s.options[%d]", at, j)
				checkCode(f, oat+".code", o.Code, codes)
				validation.CheckText(f, oat+".label", o.Label, true)
			}
		} else if len(q.Options) > 0 {
			f.Add(at+".options", "type", "def_options_only_choice")
		}
		if q.Profile != "" && !q.Retired {
			fit, known := profileFit[q.Profile]
			switch {
			case !known:
				f.Add(at+".profile", "unknown", "def_profile_unknown", clip(string(q.Profile)))
			case profiles[q.Profile]:
				f.Add(at+".profile", "duplicate", "def_profile_duplicate", string(q.Profile))
			case fit.Type != q.Type:
				f.Add(at+".profile", "type", "def_profile_type", string(q.Profile), string(fit.Type))
			}
			profiles[q.Profile] = true
		}
		if q.Integer && !k.Integer {
			f.Add(at+".integer", "type", "def_rule_only_type", "integer", typesWith(func(k *Kind) bool { return k.Integer }))
		}
		if q.Handles && !k.Handles {
			f.Add(at+".handles", "type", "def_rule_only_type", "handles", typesWith(func(k *Kind) bool { return k.Handles }))
		}
	}
	checkConditions(f, d)
	return f.Err()
}

// checkBounds checks a question's min and max: of the kind its type
// takes, min not above max; a scale's both given, whole, min below max.
func checkBounds(f *validation.Fields, at string, q *Question, k *Kind) {
	if k.Bounds == BoundsNone {
		return
	}
	ok := true
	for _, b := range []struct {
		path string
		b    *Bound
	}{{at + ".min", q.Min}, {at + ".max", q.Max}} {
		switch {
		case b.b == nil:
		case k.Bounds == BoundsDate:
			if _, day := ParseDate(b.b.Date); !b.b.IsDate() || !day {
				f.Add(b.path, "type", "def_bound_date")
				ok = false
			}
		case b.b.IsDate():
			f.Add(b.path, "type", "def_bound_number")
			ok = false
		}
	}
	if !ok {
		return
	}
	if k.WholeBounds {
		if q.Min == nil || q.Max == nil || q.Min.Number >= q.Max.Number || q.Min.Number != float64(int(q.Min.Number)) || q.Max.Number != float64(int(q.Max.Number)) {
			f.Add(at+".max", "range", "def_scale")
		} else if q.Max.Number-q.Min.Number >= MaxScaleSteps {
			f.Add(at+".max", "range", "def_scale_steps", MaxScaleSteps)
		}
		return
	}
	if q.Min != nil && q.Max != nil && (q.Min.Number > q.Max.Number || q.Min.Date > q.Max.Date) {
		f.Add(at+".min", "range", "def_min_max")
	}
}

// checkCode checks a section id, question id or option code at path: a
// code, and not one of seen (which it joins).
func checkCode(f *validation.Fields, path, code string, seen map[string]bool) {
	switch {
	case !validation.Code(code):
		f.Add(path, "code", "def_code")
	case seen[code]:
		f.Add(path, "duplicate", "def_duplicate")
	}
	seen[code] = true
}

// clip keeps client-chosen names short in messages.
func clip(s string) string {
	if len(s) > 64 {
		return s[:61] + "…"
	}
	return s
}

// MaxLen returns the effective maximum length of a text answer.
func (q *Question) MaxLen() int {
	if q.MaxLength > 0 {
		return q.MaxLength
	}
	if n := q.Kind().MaxLength; n > 0 {
		return n
	}
	return DefaultTextMax
}
