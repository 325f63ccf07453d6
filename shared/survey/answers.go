package survey

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/go-playground/validator/v10"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// schema is a definition compiled for answer validation: per language, a
// struct type built at run time with one field per question, carrying json
// and validate tags derived from the definition and the question's label in
// that language. Decoding answers into it checks types and unknown ids;
// validator then checks required, lengths, formats, bounds and options, and
// its translations word the messages with the question's label.
type schema struct {
	def   *Definition
	types sync.Map // lang → reflect.Type, built on first use
	// hideable are the ids of the questions that may not be asked (a
	// showIf of their own or of their section, or retired); nil when
	// every question is always asked.
	hideable map[string]bool
	// public is the definition as respondents see it: without retired
	// questions and options (def itself when it has none).
	public *Definition
	// unframed is set when the definition was read without a copy of its
	// office's profile in it (FramedStore): the next page copies it.
	unframed atomic.Bool
}

func compile(def *Definition) *schema {
	s := &schema{def: def}
	conditional := map[string]bool{}
	for i := range def.Sections {
		if def.Sections[i].ShowIf != nil {
			conditional[def.Sections[i].ID] = true
		}
	}
	for i := range def.Questions {
		if q := &def.Questions[i]; q.Retired || q.ShowIf != nil || q.Section != "" && conditional[q.Section] {
			if s.hideable == nil {
				s.hideable = map[string]bool{}
			}
			s.hideable[q.ID] = true
		}
	}
	s.public = def.Public()
	return s
}

// Public is d as respondents see it (the page, a console preview):
// without retired questions and options; d itself when it has none,
// else a copy.
func (d *Definition) Public() *Definition {
	retired := false
	for _, q := range d.Questions {
		retired = retired || q.Retired
		for _, o := range q.Options {
			retired = retired || o.Retired
		}
	}
	if !retired {
		return d
	}
	c := *d
	c.Questions = make([]Question, 0, len(d.Questions))
	for _, q := range d.Questions {
		if q.Retired {
			continue
		}
		var offered []Option
		for _, o := range q.Options {
			if !o.Retired {
				offered = append(offered, o)
			}
		}
		q.Options = offered
		c.Questions = append(c.Questions, q)
	}
	return &c
}

// typeFor is the answer struct of lang: one field per question, with json
// and validate tags derived from the definition and the question's label
// in lang (in German where the survey lacks lang).
func (s *schema) typeFor(lang string) reflect.Type {
	if t, ok := s.types.Load(lang); ok {
		return t.(reflect.Type)
	}
	def := s.def
	fields := make([]reflect.StructField, len(def.Questions))
	for i := range def.Questions {
		q := &def.Questions[i]
		fields[i] = reflect.StructField{
			Name: "Q" + strconv.Itoa(i),
			Type: q.Kind().goType,
			Tag: reflect.StructTag(`json:"` + q.ID + `" validate:"` + rules(q, s.hideable[q.ID]) + `" ` +
				validation.LabelTag + `:` + strconv.Quote(q.Label.In(lang))),
		}
	}
	t := reflect.StructOf(fields)
	s.types.Store(lang, t)
	return t
}

// rules are the question's validator tags. A question that may be
// hidden is required only when asked: validate checks that.
func rules(q *Question, hideable bool) string {
	r := []string{"omitempty"}
	if q.Required && !hideable {
		r[0] = "required"
	}
	if k := q.Kind(); k.rules != nil {
		r = append(r, k.rules(q)...)
	}
	return strings.Join(r, ",")
}

// optionList is the codes a choice takes: its options but the retired
// ones.
func optionList(q *Question) string {
	codes := make([]string, 0, len(q.Options))
	for _, o := range q.Options {
		if !o.Retired {
			codes = append(codes, o.Code)
		}
	}
	return strings.Join(codes, " ")
}

// validate decodes raw answers and returns them as a map of question id to
// value in the one shape of Response.Answers (unanswered ones left out),
// or the field errors in lang; duplicate or case-variant answer ids are a
// bad request, as anywhere in a body. A question not asked (Asked: its
// conditions do not hold, or it is retired) is not required, and its
// value and any error on it are discarded. With only (question ids, not
// nil), validator checks the rules of only those answers (a page).
func (s *schema) validate(raw json.RawMessage, lang string, only []string) (map[string]any, []apperr.FieldError, error) {
	typ := s.typeFor(lang)
	if t := bytes.TrimLeft(raw, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return nil, []apperr.FieldError{{Field: "answers", Code: "type",
			Message: validation.Message(lang, "field_type", "answers")}}, nil
	}
	if err := validation.CheckKeys(raw, typ); err != nil {
		return nil, nil, err
	}
	v, dropped, fe := s.decode(raw, typ, lang)
	if fe != nil {
		return nil, []apperr.FieldError{*fe}, nil
	}
	for i := range s.def.Questions {
		if n := s.def.Questions[i].Kind().normalize; n != nil {
			f := v.Field(i)
			f.SetString(n(f.String()))
		}
	}
	var fes []apperr.FieldError
	if only != nil {
		var names []string
		for i := range s.def.Questions {
			for _, id := range only {
				if s.def.Questions[i].ID == id {
					names = append(names, "Q"+strconv.Itoa(i))
				}
			}
		}
		if len(names) > 0 {
			fes = validation.Struct(v.Addr().Interface(), lang, s.pathOf, names...)
		}
	} else {
		fes = validation.Struct(v.Addr().Interface(), lang, s.pathOf)
	}
	for i := range s.def.Questions {
		q := &s.def.Questions[i]
		if c := q.Kind().check; c != nil && v.Field(i).String() != "" {
			if code, msg := c(q, v.Field(i).String(), lang, q.Label.In(lang)); code != "" {
				fes = append(fes, apperr.FieldError{Field: "answers." + q.ID, Code: code, Message: msg})
			}
		}
	}
	out := make(map[string]any, len(s.def.Questions))
	for i := range s.def.Questions {
		f := v.Field(i)
		if f.IsZero() {
			continue
		}
		if f.Kind() == reflect.Pointer {
			f = f.Elem()
		}
		if f.Kind() == reflect.Int { // scale: whole numbers, stored as numbers
			out[s.def.Questions[i].ID] = float64(f.Int())
			continue
		}
		out[s.def.Questions[i].ID] = f.Interface()
	}
	if s.hideable != nil {
		fes = s.onlyAsked(out, fes, dropped, lang)
	}
	if len(fes) > 0 {
		return nil, fes, nil
	}
	return out, nil, nil
}

// decode decodes raw into a new value of typ. A value of the wrong type
// for a question that may be hidden is dropped and kept as its error
// (dropped), for onlyAsked to report if the question is asked after all;
// any other decoding error is the answers' one field error.
func (s *schema) decode(raw json.RawMessage, typ reflect.Type, lang string) (reflect.Value, map[string]apperr.FieldError, *apperr.FieldError) {
	var dropped map[string]apperr.FieldError
	for {
		ptr := reflect.New(typ)
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		err := dec.Decode(ptr.Interface())
		if err == nil {
			return ptr.Elem(), dropped, nil
		}
		fe := s.decodeError(err, lang)
		id := strings.TrimPrefix(fe.Field, "answers.")
		if _, seen := dropped[id]; fe.Code != "type" || !s.hideable[id] || seen {
			return reflect.Value{}, nil, &fe
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) != nil {
			return reflect.Value{}, nil, &fe
		}
		delete(m, id)
		if raw, err = json.Marshal(m); err != nil {
			return reflect.Value{}, nil, &fe
		}
		if dropped == nil {
			dropped = map[string]apperr.FieldError{}
		}
		dropped[id] = fe
	}
}

// onlyAsked applies what is asked given the answers (out, which keeps
// only the asked ones): the errors of questions not asked are dropped, an
// asked one that may be hidden is required if the definition says so
// (worded as the required tag words it), and a value of the wrong type
// dropped while decoding is an error if its question is asked. The
// errors come back in the order of the questions.
func (s *schema) onlyAsked(out map[string]any, fes []apperr.FieldError, dropped map[string]apperr.FieldError, lang string) []apperr.FieldError {
	asked := s.def.Asked(out)
	kept := fes[:0]
	for _, fe := range fes {
		id, isAnswer := strings.CutPrefix(fe.Field, "answers.")
		if !isAnswer || asked[id] {
			kept = append(kept, fe)
		}
	}
	for i := range s.def.Questions {
		q := &s.def.Questions[i]
		if !asked[q.ID] || !s.hideable[q.ID] {
			continue
		}
		if fe, ok := dropped[q.ID]; ok {
			kept = append(kept, fe)
		} else if _, answered := out[q.ID]; !answered && q.Required {
			kept = append(kept, apperr.FieldError{Field: "answers." + q.ID, Code: "required",
				Message: i18n.T(lang, "v.required", q.Label.In(lang))})
		}
	}
	for id := range out {
		if !asked[id] {
			delete(out, id)
		}
	}
	// In the order of the questions (the required ones were added last),
	// those not of one question first; no sort: its generic code would
	// weigh on the public functions.
	ordered := make([]apperr.FieldError, 0, len(kept))
	for _, fe := range kept {
		if s.def.question(strings.TrimPrefix(fe.Field, "answers.")) == nil {
			ordered = append(ordered, fe)
		}
	}
	for i := range s.def.Questions {
		for _, fe := range kept {
			if fe.Field == "answers."+s.def.Questions[i].ID {
				ordered = append(ordered, fe)
			}
		}
	}
	return ordered
}

func (s *schema) pathOf(fe validator.FieldError) string {
	name, _, _ := strings.Cut(fe.StructField(), "[")
	if i, err := strconv.Atoi(strings.TrimPrefix(name, "Q")); err == nil && i < len(s.def.Questions) {
		return "answers." + s.def.Questions[i].ID
	}
	return "answers"
}

func (s *schema) decodeError(err error, lang string) apperr.FieldError {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		id, _, _ := strings.Cut(te.Field, ".")
		label := id
		if q := s.def.question(id); q != nil {
			label = q.Label.In(lang)
		}
		return apperr.FieldError{Field: "answers." + id, Code: "type", Message: validation.Message(lang, "field_type", label)}
	}
	if name, ok := validation.UnknownJSONField(err); ok {
		return apperr.FieldError{Field: "answers." + name, Code: "unknown", Message: validation.Message(lang, "field_unknown", name)}
	}
	return apperr.FieldError{Field: "answers", Code: "type", Message: validation.Message(lang, "field_type", "answers")}
}

func (d *Definition) question(id string) *Question {
	for i := range d.Questions {
		if d.Questions[i].ID == id {
			return &d.Questions[i]
		}
	}
	return nil
}

// WebAddress is a web address answer as stored: trimmed, and a bare
// domain as people write it (verein.de, www.verein.de/kontakt) with
// https:// in front. Anything else is returned trimmed, for the rules
// to judge.
func WebAddress(s string) string {
	s = strings.TrimSpace(s)
	host := s
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 || strings.ContainsAny(s, " \t\r\n") {
		return s
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return s
		}
		for _, c := range l {
			if !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '-' {
				return s
			}
		}
	}
	tld := labels[len(labels)-1]
	for _, c := range tld {
		if !unicode.IsLetter(c) {
			return s
		}
	}
	if len([]rune(tld)) < 2 {
		return s
	}
	return "https://" + s
}
