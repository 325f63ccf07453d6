// Package validation holds the one validator of the project and words its
// field errors from the catalogue (shared/i18n) in the caller's language,
// naming each field by its label, not its key.
package validation

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"

	"github.com/integration-offices/netzwerk-backend/shared/address"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// LabelTag is the struct tag whose value names a field in messages. Structs
// built at run time (survey answers) put the question's label in the
// caller's language there; wire structs leave it out, and their fields are
// named by the catalogue's "field.<json name>".
const LabelTag = "label"

// wireName marks a field name taken from the json tag, to be looked up as
// "field.<name>" in the catalogue.
const wireName = "~"

// validator is built on first use: a function that validates nothing
// (a GET) never pays for it.
var validate = sync.OnceValue(func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	plain := validator.New() // keeps validator's own email check, which "email" builds on
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		if l := f.Tag.Get(LabelTag); l != "" {
			return l
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return wireName + name
	})
	// Compiled here, not at package start: its counted repetition makes a
	// large program that a function which validates nothing need not build.
	phonePattern := regexp.MustCompile(`^\+?[0-9][0-9 ()/.\-]{4,30}[0-9]$`)
	must(v.RegisterValidation("phone", func(fl validator.FieldLevel) bool {
		return phonePattern.MatchString(fl.Field().String())
	}))
	must(v.RegisterValidation("language", func(fl validator.FieldLevel) bool {
		return i18n.IsContentLanguage(fl.Field().String())
	}))
	// email: an address SES can deliver to. The local part must be ASCII
	// (SES rejects others on every retry; email_ascii says so in words);
	// an internationalised domain is checked in its punycode form.
	must(v.RegisterValidation("email", func(fl validator.FieldLevel) bool {
		a, ok := address.ASCII(fl.Field().String())
		return ok && plain.Var(a, "email") == nil
	}))
	must(v.RegisterValidation("email_ascii", func(fl validator.FieldLevel) bool {
		local, _, _ := strings.Cut(fl.Field().String(), "@")
		for i := 0; i < len(local); i++ {
			if local[i] < 0x21 || local[i] > 0x7e {
				return false
			}
		}
		return true
	}))
	// number_range: a number DynamoDB can store (magnitude 1e-130 to
	// below 1e126; float64 never has more than its 38 digits).
	must(v.RegisterValidation("number_range", func(fl validator.FieldLevel) bool {
		x := math.Abs(fl.Field().Float())
		return x == 0 || (x >= 1e-130 && x < 1e126)
	}))
	// whole: a number without a fractional part.
	must(v.RegisterValidation("whole", func(fl validator.FieldLevel) bool {
		x := fl.Field().Float()
		return x == math.Trunc(x)
	}))
	// web_or_handle: a web address (http or https) or a social-media
	// name: @name, or @name@server as the fediverse writes it.
	handlePattern := regexp.MustCompile(`^@[A-Za-z0-9._-]{1,64}(@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)?$`)
	must(v.RegisterValidation("web_or_handle", func(fl validator.FieldLevel) bool {
		s := fl.Field().String()
		return handlePattern.MatchString(s) || plain.Var(s, "http_url") == nil
	}))
	// plain: a name, organisation or role that may stand in a mail's
	// greeting (see Plain).
	must(v.RegisterValidation("plain", func(fl validator.FieldLevel) bool {
		return Plain(fl.Field().String())
	}))
	// accepted: a consent that must be given (true), not merely present.
	must(v.RegisterValidation("accepted", func(fl validator.FieldLevel) bool {
		return fl.Field().Kind() == reflect.Bool && fl.Field().Bool()
	}))
	return v
})

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// label is how a field is named in lang.
func label(lang, name string) string {
	if key, ok := strings.CutPrefix(name, wireName); ok {
		if l := i18n.T(lang, "field."+key); l != "field."+key {
			return l
		}
		return key
	}
	return name
}

// message words a field error in lang.
func message(lang string, fe validator.FieldError) string {
	l := label(lang, fe.Field())
	kind := fe.Kind()
	n, _ := strconv.Atoi(fe.Param())
	switch fe.Tag() {
	case "required":
		return i18n.T(lang, "v.required", l)
	case "max":
		if kind == reflect.String {
			return i18n.N(lang, "v.max_len", n, l, fe.Param())
		}
		return i18n.T(lang, "v.max_value", l, fe.Param())
	case "min":
		if kind == reflect.Slice {
			return i18n.T(lang, "v.min_choices", l)
		}
		return i18n.T(lang, "v.min_value", l, fe.Param())
	case "oneof":
		return i18n.T(lang, "v.oneof", l)
	case "unique":
		return i18n.T(lang, "v.unique", l)
	case "email":
		return i18n.T(lang, "v.email", l)
	case "phone", "language", "http_url", "accepted", "email_ascii", "number_range", "plain", "whole", "web_or_handle":
		return i18n.T(lang, fe.Tag(), l)
	}
	return i18n.T(lang, "v.invalid", l)
}

// Struct validates s and returns field errors in lang, or nil. pathOf maps a
// validator error to the client-facing field path. With fields (names of
// s's fields), only those are validated.
func Struct(s any, lang string, pathOf func(validator.FieldError) string, fields ...string) []apperr.FieldError {
	var err error
	if len(fields) > 0 {
		err = validate().StructPartial(s, fields...)
	} else {
		err = validate().Struct(s)
	}
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		// InvalidValidationError: a programming error, not a client one.
		panic(fmt.Sprintf("validation: %v", err))
	}
	out := make([]apperr.FieldError, 0, len(ves))
	for _, fe := range ves {
		out = append(out, apperr.FieldError{Field: pathOf(fe), Code: fe.Tag(), Message: message(lang, fe)})
	}
	return out
}

// Message renders a catalogue message whose {0} is a field's label.
func Message(lang, key, field string) string {
	return i18n.T(lang, key, field)
}

// UnknownJSONField extracts the name from encoding/json's unknown-field
// error, which has no error type of its own. Overlong names are elided.
func UnknownJSONField(err error) (string, bool) {
	name, ok := strings.CutPrefix(err.Error(), "json: unknown field ")
	if !ok {
		return "", false
	}
	name, uerr := strconv.Unquote(name)
	if uerr != nil || len(name) > 64 {
		return "…", true
	}
	return name, true
}

// WirePath turns validator's namespace of a wire struct
// ("Submission.~consent.~privacy") into the client's field path
// ("consent.privacy").
func WirePath(fe validator.FieldError) string {
	_, path, _ := strings.Cut(fe.Namespace(), ".")
	return strings.ReplaceAll(path, wireName, "")
}

// Fields collects field errors, each with its path and a catalogue message
// in one language.
type Fields struct {
	lang string
	list []apperr.FieldError
}

// NewFields starts a collection of field errors in lang.
func NewFields(lang string) *Fields { return &Fields{lang: lang} }

// Add records that the field at path is invalid: code names the rule,
// key and args the catalogue message.
func (f *Fields) Add(path, code, key string, args ...any) {
	f.list = append(f.list, apperr.FieldError{Field: path, Code: code, Message: i18n.T(f.lang, key, args...)})
}

// Err returns a validation_failed error with the fields, or nil.
func (f *Fields) Err() error {
	if len(f.list) == 0 {
		return nil
	}
	return apperr.Validation(f.list)
}

// CheckHead checks what every survey and meeting definition starts with:
// its id and office, a title with German, and a description.
func CheckHead(f *Fields, id, office string, title, description i18n.Text) {
	if !ValidID(id) {
		f.Add("id", "id", "def_id")
	}
	if !ValidID(office) {
		f.Add("office", "id", "def_id")
	}
	CheckText(f, "title", title, true)
	CheckText(f, "description", description, false)
}

// CheckText checks a text per language at path: German required if
// required, every language one the system knows.
func CheckText(f *Fields, path string, t i18n.Text, required bool) {
	if required && strings.TrimSpace(t[i18n.Default]) == "" {
		f.Add(path+"."+i18n.Default, "required", "def_german")
	}
	for lang := range t {
		if !i18n.IsContentLanguage(lang) {
			f.Add(path+"."+clip(lang), "language", "def_language", clip(lang))
		}
	}
}
