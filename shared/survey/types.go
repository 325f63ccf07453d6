package survey

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// Shape is the shape of a stored answer in Response.Answers.
type Shape int

const (
	ShapeText   Shape = iota // string
	ShapeNumber              // float64
	ShapeCodes               // []string: the chosen option codes
	ShapeYesNo               // bool
	ShapeDate                // string, YYYY-MM-DD
)

// Control is how the survey page asks a question.
type Control int

const (
	ControlInput    Control = iota // an <input> of Kind.InputType
	ControlTextarea                // long text
	ControlRadios                  // one of the choices (a select when there are many)
	ControlChecks                  // any of the choices
)

// BoundKind is what a question's min and max are.
type BoundKind int

const (
	BoundsNone   BoundKind = iota // the type takes no bounds (any given are ignored)
	BoundsNumber                  // numbers
	BoundsDate                    // dates, YYYY-MM-DD
)

// Summary is what the console's summary shows of a question's answers.
type Summary int

const (
	SummaryNone    Summary = iota // nothing (addresses: contact data, not findings)
	SummaryTexts                  // the answers as written
	SummaryCounts                 // how often each choice was chosen
	SummaryNumbers                // min, median and max
)

// Kind is everything about one question type: the stored answer, the
// page's control, the definition's rules and the answer's checks. Every
// part of the project that treats question types differently reads it.
type Kind struct {
	Type  QuestionType
	Value Shape
	// goType is the field type answers decode into: a type error there
	// is the answer's field error.
	goType  reflect.Type
	Control Control
	// InputType, InputMode and Autocomplete are the <input>'s attributes
	// (ControlInput only; empty: left out).
	InputType, InputMode, Autocomplete string
	// LTR: written left to right in every language (addresses, numbers,
	// dates), in Arabic and Persian too.
	LTR bool
	// Options: the question lists its choices (and needs at least one).
	Options bool
	Bounds  BoundKind
	Summary Summary
	// WholeBounds: min and max are required whole numbers with min < max
	// (a scale's ends).
	WholeBounds bool
	// MaxLength is the default maximum length of a text answer; 0: the
	// answer is no text.
	MaxLength int
	// Integer: the question may take whole numbers only (Rules.Integer).
	Integer bool
	// Handles: the question may take social-media names too
	// (Rules.Handles).
	Handles bool
	// XLSForm is the type's name in a spreadsheet's type column
	// (shared/xlsform, docs/xlsform.md); a type with options adds its
	// list's name. XLSFormWhole is the name of an Integer type whose
	// question takes whole numbers only; XLSFormAlso are more names read
	// as the type.
	XLSForm, XLSFormWhole string
	XLSFormAlso           []string
	// Hint is the catalogue key of the format the page shows under the
	// control ("" for none).
	Hint string
	// rules are the validator tags after required/omitempty.
	rules func(q *Question) []string
	// check judges a non-empty answer beyond the tags: the field error's
	// code and catalogue message, or "" when it is fine.
	check func(q *Question, s, lang, label string) (code, msg string)
	// normalize turns a text answer into its stored form.
	normalize func(string) string
	// parse reads the values a form posted (not all empty) into the
	// answer's JSON value; false: unreadable, worded by bad.
	parse func(q *Question, vals []string) (any, bool)
	bad   func(q *Question, lang, label string) string
	// choices are a choice without options' fixed choices.
	choices func(q *Question, lang string) []Choice
}

// Choice is one choice of a question as shown: its code (the stored
// answer, or the number a scale stores, as text) and its label in a
// language; Lang is set when the label falls back to another language.
type Choice struct {
	Code, Label, Lang string
}

func text1(_ *Question, vals []string) (any, bool) { return vals[0], true }

func textRules(extra ...string) func(q *Question) []string {
	return func(q *Question) []string { return append(extra, "max="+strconv.Itoa(q.MaxLen())) }
}

func bounds(q *Question) []string {
	var r []string
	if q.Min != nil {
		r = append(r, "min="+q.Min.String())
	}
	if q.Max != nil {
		r = append(r, "max="+q.Max.String())
	}
	return r
}

// optionChoices are the options offered: retired ones are not.
func optionChoices(q *Question, lang string) []Choice {
	c := make([]Choice, 0, len(q.Options))
	for _, o := range q.Options {
		if o.Retired {
			continue
		}
		l, ll := o.Label.Lang(lang)
		if ll == lang {
			ll = ""
		}
		c = append(c, Choice{Code: o.Code, Label: l, Lang: ll})
	}
	return c
}

var (
	stringType = reflect.TypeFor[string]()
	numberType = reflect.TypeFor[*float64]()
)

// kinds is the table of question types, in the order the API documents
// them, built on first use (table): its entries' functions read it back,
// and a function that never asks a question (the meeting function links
// this package) does not carry the table's code.
var (
	kinds     []Kind
	kindsOnce sync.Once
)

// table returns the table of question types.
func table() []Kind {
	kindsOnce.Do(buildKinds)
	return kinds
}

func buildKinds() {
	kinds = []Kind{
		{Type: TypeText, XLSForm: "text", Value: ShapeText, Summary: SummaryTexts, goType: stringType, Control: ControlInput, InputType: "text",
			MaxLength: DefaultTextMax, rules: textRules(), parse: text1},
		{Type: TypeLongText, XLSForm: "long_text", Value: ShapeText, Summary: SummaryTexts, goType: stringType, Control: ControlTextarea,
			MaxLength: DefaultLongTextMax, rules: textRules(), parse: text1},
		{Type: TypeEmail, XLSForm: "email", Value: ShapeText, goType: stringType, Control: ControlInput, InputType: "email",
			Autocomplete: "email", LTR: true, MaxLength: 254, rules: textRules("email_ascii", "email"), parse: text1},
		{Type: TypePhone, XLSForm: "phone", Value: ShapeText, goType: stringType, Control: ControlInput, InputType: "tel",
			LTR: true, MaxLength: 40, rules: textRules("phone"), parse: text1},
		{Type: TypeURL, XLSForm: "url", Value: ShapeText, goType: stringType, Control: ControlInput, InputType: "url",
			LTR: true, MaxLength: 2000, Handles: true, normalize: WebAddress, parse: text1,
			rules: func(q *Question) []string {
				if q.Handles {
					return textRules("web_or_handle")(q)
				}
				return textRules("http_url")(q)
			}},
		{Type: TypeNumber, XLSForm: "decimal", XLSFormWhole: "integer", Value: ShapeNumber, Summary: SummaryNumbers, goType: numberType, Control: ControlInput,
			// A text field: a number field drops what it cannot read (ca.
			// 2005 became .2005, 1,5 became 15); ParseNumber reads what
			// people type.
			InputType: "text", InputMode: "decimal", Bounds: BoundsNumber, Integer: true,
			rules: func(q *Question) []string {
				r := []string{"number_range"}
				if q.Integer {
					r = append(r, "whole")
				}
				return append(r, bounds(q)...)
			},
			parse: func(q *Question, vals []string) (any, bool) { return ParseNumber(vals[0], q.Integer) },
			bad: func(q *Question, lang, label string) string {
				return i18n.T(lang, "page.number", label, NumberExample(q, lang))
			}},
		{Type: TypeSingleChoice, XLSForm: "select_one", Value: ShapeText, Summary: SummaryCounts, goType: stringType, Control: ControlRadios, Options: true,
			rules:   func(q *Question) []string { return []string{"oneof=" + optionList(q)} },
			parse:   text1,
			choices: optionChoices},
		{Type: TypeMultipleChoice, XLSForm: "select_multiple", Value: ShapeCodes, Summary: SummaryCounts, goType: reflect.TypeFor[[]string](), Control: ControlChecks, Options: true,
			rules: func(q *Question) []string {
				var r []string
				if q.Required {
					r = append(r, "min=1")
				}
				return append(r, "unique", "dive", "oneof="+optionList(q))
			},
			parse:   func(_ *Question, vals []string) (any, bool) { return vals, true },
			choices: optionChoices},
		{Type: TypeYesNo, XLSForm: "yes_no", Value: ShapeYesNo, Summary: SummaryCounts, goType: reflect.TypeFor[*bool](), Control: ControlRadios,
			parse: func(_ *Question, vals []string) (any, bool) {
				switch vals[0] {
				case "yes":
					return true, true
				case "no":
					return false, true
				}
				return vals[0], true // a type error, worded by the service
			},
			choices: func(_ *Question, lang string) []Choice {
				return []Choice{{Code: "yes", Label: i18n.T(lang, "page.yes")}, {Code: "no", Label: i18n.T(lang, "page.no")}}
			}},
		{Type: TypeScale, XLSForm: "scale", XLSFormAlso: []string{"range"}, Value: ShapeNumber, Summary: SummaryCounts, goType: reflect.TypeFor[*int](), Control: ControlRadios,
			Bounds: BoundsNumber, WholeBounds: true, rules: bounds,
			parse: func(_ *Question, vals []string) (any, bool) { return ParseNumber(vals[0], true) },
			bad: func(q *Question, lang, label string) string {
				return i18n.T(lang, "page.number", label, NumberExample(q, lang))
			},
			choices: func(q *Question, _ string) []Choice {
				var c []Choice
				for x := int(q.Min.Number); x <= int(q.Max.Number); x++ {
					s := strconv.Itoa(x)
					c = append(c, Choice{Code: s, Label: s})
				}
				return c
			}},
		{Type: TypeDate, XLSForm: "date", Value: ShapeDate, Summary: SummaryTexts, goType: stringType, Control: ControlInput,
			// type=date works without JavaScript; a browser without a date
			// picker shows a text field, hence the hint with the format.
			InputType: "date", LTR: true, Bounds: BoundsDate, Hint: "page.date_hint",
			parse: func(_ *Question, vals []string) (any, bool) { return strings.TrimSpace(vals[0]), true },
			check: checkDate},
	}
	unknownKind = Kind{Value: ShapeText, goType: stringType, Control: ControlInput, InputType: "text",
		MaxLength: DefaultTextMax, rules: textRules(), parse: text1}
}

// checkDate judges a date answer: a real day written YYYY-MM-DD, within
// the question's bounds.
func checkDate(q *Question, s, lang, label string) (string, string) {
	d, ok := ParseDate(s)
	if !ok {
		return "date", i18n.T(lang, "v.date", label)
	}
	if q.Min != nil {
		if m, ok := ParseDate(q.Min.Date); ok && d.Before(m) {
			return "min", i18n.T(lang, "v.date_min", label, i18n.Isolate(lang, q.Min.Date))
		}
	}
	if q.Max != nil {
		if m, ok := ParseDate(q.Max.Date); ok && d.After(m) {
			return "max", i18n.T(lang, "v.date_max", label, i18n.Isolate(lang, q.Max.Date))
		}
	}
	return "", ""
}

// ParseDate reads a day written YYYY-MM-DD.
func ParseDate(s string) (time.Time, bool) {
	if len(s) != len(time.DateOnly) {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// typesWith names the types whose entry has has, for messages.
func typesWith(has func(*Kind) bool) string {
	var names []string
	for _, k := range table() {
		if has(&k) {
			names = append(names, string(k.Type))
		}
	}
	return strings.Join(names, ", ")
}

// Kinds is the table of question types.
func Kinds() []Kind { return table() }

// KindOf returns the type's entry; false for an unknown type.
func KindOf(t QuestionType) (*Kind, bool) {
	k := table()
	for i := range k {
		if k[i].Type == t {
			return &k[i], true
		}
	}
	return nil, false
}

// unknownKind stands for a type the table lacks (a definition that did
// not pass Validate): a text, so nothing else breaks on it.
var unknownKind Kind

// Kind is the entry of the question's type.
func (q *Question) Kind() *Kind {
	if k, ok := KindOf(q.Type); ok {
		return k
	}
	return &unknownKind
}

// Choices are the question's choices in lang: its options, yes and no,
// or a scale's numbers; none for a question without choices.
func (q *Question) Choices(lang string) []Choice {
	if k := q.Kind(); k.choices != nil {
		return k.choices(q, lang)
	}
	return nil
}

// FormValue reads what a form posted for the question (vals not all
// empty) into its answer's JSON value; false: unreadable, and the
// message in lang says what to write.
func (q *Question) FormValue(vals []string, lang string) (any, string, bool) {
	k := q.Kind()
	if v, ok := k.parse(q, vals); ok {
		return v, "", true
	}
	label, _ := q.Label.Lang(lang)
	return nil, k.bad(q, lang, label), false
}

// AnswerValues are a stored answer as a form's values (nil when
// unanswered): the inverse of FormValue.
func AnswerValues(v any) []string {
	switch a := v.(type) {
	case string:
		return []string{a}
	case float64:
		return []string{strconv.FormatFloat(a, 'f', -1, 64)}
	case bool:
		if a {
			return []string{"yes"}
		}
		return []string{"no"}
	case []string:
		return a
	}
	return nil
}

// Bound is a question's min or max: a number for a number or scale
// question, a date written YYYY-MM-DD (a JSON string) for a date question.
type Bound struct {
	Number float64
	Date   string
	isDate bool
}

// NumberBound is a number as a bound.
func NumberBound(f float64) *Bound { return &Bound{Number: f} }

// DateBound is a day, YYYY-MM-DD, as a bound.
func DateBound(s string) *Bound { return &Bound{Date: s, isDate: true} }

// IsDate reports whether the bound was written as a date (a string).
func (b *Bound) IsDate() bool { return b.isDate }

func (b *Bound) String() string {
	if b.isDate {
		return b.Date
	}
	return strconv.FormatFloat(b.Number, 'f', -1, 64)
}

func (b Bound) MarshalJSON() ([]byte, error) {
	if b.isDate {
		return json.Marshal(b.Date)
	}
	return json.Marshal(b.Number)
}

func (b *Bound) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		b.isDate = true
		return json.Unmarshal(data, &b.Date)
	}
	if err := json.Unmarshal(data, &b.Number); err != nil {
		return &json.UnmarshalTypeError{Value: "value", Type: reflect.TypeFor[Bound]()}
	}
	return nil
}
