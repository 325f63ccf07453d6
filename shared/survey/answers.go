package survey

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/go-playground/validator/v10"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
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
}

func compile(def *Definition) *schema { return &schema{def: def} }

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
			Tag: reflect.StructTag(`json:"` + q.ID + `" validate:"` + rules(q) + `" ` +
				validation.LabelTag + `:` + strconv.Quote(q.Label.In(lang))),
		}
	}
	t := reflect.StructOf(fields)
	s.types.Store(lang, t)
	return t
}

func rules(q *Question) string {
	r := []string{"omitempty"}
	if q.Required {
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
// bad request, as anywhere in a body.
func (s *schema) validate(raw json.RawMessage, lang string) (map[string]any, []apperr.FieldError, error) {
	typ := s.typeFor(lang)
	if t := bytes.TrimLeft(raw, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return nil, []apperr.FieldError{{Field: "answers", Code: "type",
			Message: validation.Message(lang, "field_type", "answers")}}, nil
	}
	if err := validation.CheckKeys(raw, typ); err != nil {
		return nil, nil, err
	}
	ptr := reflect.New(typ)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(ptr.Interface()); err != nil {
		return nil, []apperr.FieldError{s.decodeError(err, lang)}, nil
	}
	v := ptr.Elem()
	for i := range s.def.Questions {
		if n := s.def.Questions[i].Kind().normalize; n != nil {
			f := v.Field(i)
			f.SetString(n(f.String()))
		}
	}
	fes := validation.Struct(ptr.Interface(), lang, s.pathOf)
	for i := range s.def.Questions {
		q := &s.def.Questions[i]
		if c := q.Kind().check; c != nil && v.Field(i).String() != "" {
			if code, msg := c(q, v.Field(i).String(), lang, q.Label.In(lang)); code != "" {
				fes = append(fes, apperr.FieldError{Field: "answers." + q.ID, Code: code, Message: msg})
			}
		}
	}
	if len(fes) > 0 {
		return nil, fes, nil
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
	return out, nil, nil
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
