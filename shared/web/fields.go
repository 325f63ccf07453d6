package web

import (
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	template "github.com/integration-offices/netzwerk-backend/third_party/htmltemplate"
)

// Messages are the catalogue keys of what a getter says about a value it
// cannot read (the page's own catalogue: the console has its words).
type Messages struct {
	Number, Decimal, Time, Date string
}

// --- getters: each reads one field and records its error on the form ---

// Text is a field's value, trimmed.
func (f *Form) Text(name string) string { return strings.TrimSpace(f.Get(name)) }

// Multiline is a textarea's value with "\n" line breaks (browsers send
// CRLF), trimmed.
func (f *Form) Multiline(name string) string { return Multiline(f.Get(name)) }

// Multiline is s with "\n" line breaks, trimmed.
func Multiline(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }

// Bool is a checkbox: checked when it was sent with value "true".
func (f *Form) Bool(name string) bool { return f.Get(name) == "true" }

// Lines is a textarea's non-empty lines, each trimmed.
func (f *Form) Lines(name string) []string {
	var out []string
	for _, l := range strings.Split(f.Get(name), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Texts reads a text per language from the fields prefix.<lang> of
// i18n.Supported, without the empty ones (nil when all are); line breaks
// as "\n".
func (f *Form) Texts(prefix string) i18n.Text {
	t := i18n.Text{}
	for _, l := range i18n.Supported {
		if v := f.Multiline(prefix + "." + l); v != "" {
			t[l] = v
		}
	}
	if len(t) == 0 {
		return nil
	}
	return t
}

// Int reads a whole number (0 when empty); one that is none is an error
// of the field.
func (f *Form) Int(name string) int { return f.int(name, f.Text(name)) }

func (f *Form) int(name, v string) int {
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		f.Fail(name, i18n.T(f.Lang, f.Messages.Number))
	}
	return n
}

// Ints reads a list of whole numbers separated by commas, semicolons or
// spaces ("7, 14").
func (f *Form) Ints(name string) []int {
	var out []int
	for _, v := range strings.FieldsFunc(f.Get(name), func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		out = append(out, f.int(name, v))
	}
	return out
}

// Decimal reads a number the way a survey's number answer is read
// (survey.ParseNumber: a decimal comma or point, "2,5", "2.5", thousands
// grouped; nil when empty).
func (f *Form) Decimal(name string) *float64 {
	v := f.Text(name)
	if v == "" {
		return nil
	}
	n, ok := survey.ParseNumber(v, false)
	if !ok {
		key := f.Messages.Decimal
		if key == "" {
			key = f.Messages.Number
		}
		f.Fail(name, i18n.T(f.Lang, key))
		return nil
	}
	return &n
}

// LocalTime is the value format of a datetime-local input.
const LocalTime = "2006-01-02T15:04"

// Time reads a datetime-local value in zone (zero when empty).
func (f *Form) Time(name string, zone *time.Location) time.Time {
	return f.parseTime(name, LocalTime, zone, f.Messages.Time)
}

// Date reads a date input's value (YYYY-MM-DD) in zone (zero when empty).
func (f *Form) Date(name string, zone *time.Location) time.Time {
	key := f.Messages.Date
	if key == "" {
		key = f.Messages.Time
	}
	return f.parseTime(name, time.DateOnly, zone, key)
}

func (f *Form) parseTime(name, layout string, zone *time.Location, key string) time.Time {
	v := f.Text(name)
	if v == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation(layout, v, zone)
	if err != nil {
		f.Fail(name, i18n.T(f.Lang, key))
	}
	return t
}

// --- field errors ---

// Fail records message as the error of field (a form field's name); a
// field keeps its first error.
func (f *Form) Fail(field, message string) {
	if f.errs == nil {
		f.errs = map[string]string{}
	}
	if _, ok := f.errs[field]; !ok {
		f.errs[field] = message
	}
}

// Failed reports whether a field has an error.
func (f *Form) Failed() bool { return len(f.errs) > 0 }

// Err is the error of field, or "".
func (f *Form) Err(field string) string { return f.errs[field] }

// Merge records the field errors of a validation error, each on the
// field of fields (the form's, in their order on the page) its path
// belongs to (FieldOf). It reports whether err was one.
func (f *Form) Merge(err error, fields []string) bool {
	e := apperr.As(err)
	if e == nil || e.Code != apperr.ValidationFailed {
		return false
	}
	for _, fe := range e.Fields {
		f.Fail(FieldOf(fe.Field, fields), fe.Message)
	}
	return true
}

// FieldOf is the field of a form that shows the error of a validation
// field path: the field itself; the field of a list's entry
// (remindAfterDays[1] → remindAfterDays) or of a part (location →
// location.name); for a text per language, its German field, the one a
// text requires (title.en → title.de). A path the form does not show goes
// to its first field. Without fields, the path is its own field.
func FieldOf(path string, fields []string) string {
	if len(fields) == 0 || slices.Contains(fields, path) {
		return path
	}
	stem := path
	if i := strings.LastIndexByte(path, '.'); i > 0 && slices.Contains(i18n.Supported, path[i+1:]) {
		stem = path[:i]
	}
	for _, name := range fields {
		switch {
		case strings.HasPrefix(path, name+".") || strings.HasPrefix(path, name+"["):
			return name
		case strings.HasPrefix(name, stem+"."):
			return name
		}
	}
	return fields[0]
}

// FieldID is the element id of a field path, one rule for every page:
// dots and brackets become dashes (title.de → title-de, questions[2].label
// → questions-2-label); a survey's answer is its question's control
// (answers.q1 → q-q1).
func FieldID(path string) string {
	if q, ok := strings.CutPrefix(path, "answers."); ok {
		path = "q." + q
	}
	var b strings.Builder
	for _, r := range path {
		switch r {
		case '.', '[':
			b.WriteByte('-')
		case ']':
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// Summary lists the form's errors in the order of fields (the page's),
// each linked to its element (FieldID, or anchors' for a field whose
// error links elsewhere: a group of radios to its first, the page's main
// for the form as a whole); errors of other fields follow, linked to the
// first field.
func (f *Form) Summary(fields []string, anchors map[string]string) []FieldError {
	var out []FieldError
	id := func(field string) string {
		if a, ok := anchors[field]; ok {
			return a
		}
		return FieldID(field)
	}
	for _, name := range fields {
		if m, ok := f.errs[name]; ok {
			out = append(out, FieldError{Field: id(name), Message: m})
		}
	}
	var rest []string
	for name := range f.errs {
		if !slices.Contains(fields, name) {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	for _, name := range rest {
		link := name
		if _, ok := anchors[name]; !ok && len(fields) > 0 {
			link = fields[0]
		}
		out = append(out, FieldError{Field: id(link), Message: f.errs[name]})
	}
	return out
}

// NewForm is a form to render, filled in with values (a new one, or
// what is stored), in lang.
func NewForm(lang string, values url.Values) *Form {
	if values == nil {
		values = url.Values{}
	}
	return &Form{Values: values, Lang: lang}
}

// --- the input partial ---

// Input is one form control as the input partial ("input" in
// layout.html) renders it: label with the required (or optional) marker,
// hint, error, and the control with its aria-describedby and KERN's error
// classes. Name is the field's name; the element id is FieldID(Name).
//
// Type says which control: an input of that type ("text", "email",
// "date", "file"…); with Rows a textarea; with Options and no Type a
// select; "radio" or "checkbox" with Options a group of them in a
// fieldset whose legend is Label (the first one's id is ID, the others'
// ID-1, ID-2…); "checkbox" without Options one checkbox, value "true".
type Input struct {
	Lang               string // the page's: the marker's words
	ID, Name           string
	Type               string
	Label, Hint, Value string
	// LabelLang and HintLang are the label's and the hint's language when
	// they fell back to another than the page's (written left to right).
	LabelLang, HintLang string
	// Format says how to write the value (a date): a second hint.
	Format       string
	Autocomplete string
	// Dir: "auto" for what people type in any script; email and url
	// inputs are always ltr.
	Dir string
	// FieldLang is the language of one entry of a text per language.
	FieldLang string
	Rows      int // a textarea of this many rows
	MaxLength int
	InputMode string
	Min, Max  string
	// Verbatim: no capitals, no spelling check (a @handle is no word).
	Verbatim bool
	Required bool
	// MarkOptional says "(optional)" beside the label of a field that is
	// not required (the public forms do; the console marks only required
	// ones).
	MarkOptional bool
	Options      []Option
	// Choose is a select's empty first option.
	Choose string
	// Checked: a single checkbox is ticked; Values: the options chosen.
	Checked bool
	Values  []string
	Accept  string // a file input's
	// Inline lays a group's radios or checkboxes out in a row (a filter's
	// few short choices).
	Inline bool
	Err    string
}

// Option is an entry of a select or of a group of radios or checkboxes;
// Lang is its label's language when not the page's; ID, a radio's or
// checkbox's own element id (else the group's ID, numbered).
type Option struct{ Code, Label, Lang, ID string }

// Check is one radio or checkbox of a group.
type Check struct {
	ID, Code, Label, Lang string
	Checked               bool
	// Attrs are a select option's attributes, built in Go (see Attrs).
	Attrs template.HTMLAttr
	// HTML is the whole radio or checkbox with its label: a survey has
	// hundreds of them, and one template action each instead of a dozen
	// halves the time to render it.
	HTML template.HTML
}

// html writes a radio or checkbox with its label: the input's class,
// its other attributes and the label's language (see Attrs).
func (c *Check) html(class string, attrs template.HTMLAttr, bad bool) template.HTML {
	var b strings.Builder
	b.WriteString("\n<div class=\"kern-form-check")
	if bad {
		b.WriteString(" kern-form-check--error")
	}
	b.WriteString("\">\n<input class=\"")
	b.WriteString(class)
	b.WriteString("\"")
	b.WriteString(string(attrs))
	b.WriteString(">\n<label class=\"kern-label\" for=\"")
	b.WriteString(html.EscapeString(c.ID))
	b.WriteString("\"")
	b.WriteString(string(new(Attrs).Lang(c.Lang).HTML()))
	b.WriteString(">")
	b.WriteString(html.EscapeString(c.Label))
	b.WriteString("</label>\n</div>")
	return template.HTML(b.String())
}

// Group reports whether the control is a group of radios or checkboxes.
func (in Input) Group() bool {
	return (in.Type == "radio" || in.Type == "checkbox") && len(in.Options) > 0
}

// Checks are a group's radios or checkboxes.
func (in Input) Checks() []Check {
	out := make([]Check, len(in.Options))
	for n, o := range in.Options {
		id := o.ID
		if id == "" {
			id = in.ID
			if n > 0 {
				id += "-" + strconv.Itoa(n)
			}
		}
		c := Check{ID: id, Code: o.Code, Label: o.Label, Lang: o.Lang, Checked: slices.Contains(in.Values, o.Code)}
		class := "kern-form-check__checkbox"
		if in.Type == "radio" {
			class = "kern-form-check__radio"
		}
		a := new(Attrs).Set("type", in.Type).Set("id", id).Set("name", in.Name).Set("value", o.Code).Flag("checked", c.Checked)
		if in.Err != "" {
			a.Set("aria-invalid", "true")
		}
		c.HTML = c.html(class, a.HTML(), in.Err != "")
		out[n] = c
	}
	return out
}

// SelectOptions are a select's options, each with its attributes (value,
// language, selected) built in Go.
func (in Input) SelectOptions() []Check {
	out := make([]Check, len(in.Options))
	for n, o := range in.Options {
		out[n] = Check{Code: o.Code, Label: o.Label, Lang: o.Lang,
			Attrs: new(Attrs).Set("value", o.Code).Set("lang", o.Lang).Flag("selected", in.Selected(o.Code)).HTML()}
	}
	return out
}

// ControlAttrs are the attributes that every input, select and textarea
// carries after its name, built in Go (see Attrs). The forms are
// novalidate (the server checks, the error summary says what is wrong),
// so required is aria-required; a file input's required is the
// browser's to check: no file, no post.
func (in Input) ControlAttrs() template.HTMLAttr {
	a := new(Attrs)
	if in.MaxLength > 0 {
		a.Set("maxlength", strconv.Itoa(in.MaxLength))
	}
	a.Set("inputmode", in.InputMode).Set("min", in.Min).Set("max", in.Max)
	if in.Verbatim {
		a.Set("autocapitalize", "none").Set("spellcheck", "false")
	}
	a.Set("autocomplete", in.Autocomplete).Set("lang", in.FieldLang)
	if in.Type == "email" || in.Type == "url" {
		a.Set("dir", "ltr")
	} else {
		a.Set("dir", in.Dir)
	}
	if in.Required {
		if in.Type == "file" {
			a.Flag("required", true)
		} else {
			a.Set("aria-required", "true")
		}
	}
	if in.Err != "" {
		a.Set("aria-invalid", "true")
	}
	return a.Set("aria-describedby", in.Described()).HTML()
}

// Selected reports whether a select's option code is chosen.
func (in Input) Selected(code string) bool {
	return code == in.Value || slices.Contains(in.Values, code)
}

// Described is the control's aria-describedby: its hint, its format and
// its error.
func (in Input) Described() string {
	var ids []string
	if in.Hint != "" {
		ids = append(ids, in.ID+"-hint")
	}
	if in.Format != "" {
		ids = append(ids, in.ID+"-format")
	}
	if in.Err != "" {
		ids = append(ids, in.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// Input fills in a control for field name from the form: its id, value
// (a single checkbox: ticked; a group: its values), error and the page's
// language.
func (f *Form) Input(in Input) Input {
	if in.ID == "" {
		in.ID = FieldID(in.Name)
	}
	in.Lang, in.Value, in.Err = f.Lang, f.Get(in.Name), f.Err(in.Name)
	if in.Type == "checkbox" && len(in.Options) == 0 {
		in.Checked = f.Bool(in.Name)
	}
	if len(in.Options) > 0 {
		in.Values = f.Values[in.Name]
	}
	return in
}

// LangGroup is a text per language: one input per language of
// i18n.Supported (fields Name.<lang>) in a fieldset; the German one is
// the one a text requires and shows the text's error.
type LangGroup struct {
	ID, Legend, Hint string
	Inputs           []Input
}

// Langs fills in a text per language's group from the form; in is the
// template of each entry (Rows, MaxLength, Required for German).
func (f *Form) Langs(prefix, legend, hint string, in Input) LangGroup {
	g := LangGroup{ID: FieldID(prefix), Legend: legend, Hint: hint}
	required := in.Required
	for _, l := range i18n.Supported {
		e := in
		e.Name, e.ID, e.Label, e.FieldLang, e.Dir = prefix+"."+l, "", i18n.T(l, "page.language_name"), l, "auto"
		e.Required = required && l == i18n.Default
		e = f.Input(e)
		if l != i18n.Default {
			e.Err = ""
		}
		g.Inputs = append(g.Inputs, e)
	}
	return g
}
