// Package validation holds the one validator instance of the project and its
// translators, so that field errors read naturally in the caller's language.
package validation

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/en"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	detrans "github.com/go-playground/validator/v10/translations/de"
	entrans "github.com/go-playground/validator/v10/translations/en"

	"github.com/integration-offices/netzwerk-backend/shared/address"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/ids"
)

// LabelTag is the struct tag whose value names a field in messages. Structs
// built at run time (survey answers) put the question's label there; wire
// structs put a readable name.
const LabelTag = "label"

// PathTag is the struct tag that gives the field path reported to clients
// ("answers.org_name"); without it the json name is used.
const PathTag = "path"

var (
	validate = validator.New(validator.WithRequiredStructEnabled())
	// plain keeps validator's own email check, which "email" builds on.
	plain        = validator.New()
	translators  = map[string]ut.Translator{}
	phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 ()/.\-]{4,30}[0-9]$`)
)

func init() {
	validate.RegisterTagNameFunc(func(f reflect.StructField) string {
		if l := f.Tag.Get(LabelTag); l != "" {
			return l
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	must(validate.RegisterValidation("phone", func(fl validator.FieldLevel) bool {
		return phonePattern.MatchString(fl.Field().String())
	}))
	must(validate.RegisterValidation("language", func(fl validator.FieldLevel) bool {
		return i18n.IsContentLanguage(fl.Field().String())
	}))
	// email: an address SES can deliver to. The local part must be ASCII
	// (SES rejects others on every retry; email_ascii says so in words);
	// an internationalised domain is checked in its punycode form.
	must(validate.RegisterValidation("email", func(fl validator.FieldLevel) bool {
		a, ok := address.ASCII(fl.Field().String())
		return ok && plain.Var(a, "email") == nil
	}))
	must(validate.RegisterValidation("email_ascii", func(fl validator.FieldLevel) bool {
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
	must(validate.RegisterValidation("number_range", func(fl validator.FieldLevel) bool {
		v := math.Abs(fl.Field().Float())
		return v == 0 || (v >= 1e-130 && v < 1e126)
	}))
	// accepted: a consent that must be given (true), not merely present.
	must(validate.RegisterValidation("accepted", func(fl validator.FieldLevel) bool {
		return fl.Field().Kind() == reflect.Bool && fl.Field().Bool()
	}))

	uni := ut.New(de.New(), de.New(), en.New())
	register := map[string]func(*validator.Validate, ut.Translator) error{
		"de": detrans.RegisterDefaultTranslations,
		"en": entrans.RegisterDefaultTranslations,
	}
	for _, lang := range i18n.Supported {
		tr, ok := uni.GetTranslator(lang)
		if !ok {
			panic("validation: no locale for " + lang)
		}
		must(register[lang](validate, tr))
		for _, tag := range []string{"phone", "language", "http_url", "accepted", "email_ascii", "number_range"} {
			must(validate.RegisterTranslation(tag, tr, addMessage(lang, tag), translateSimple(tag)))
		}
		translators[lang] = tr
	}
}

func addMessage(lang, key string) validator.RegisterTranslationsFunc {
	return func(tr ut.Translator) error { return tr.Add(key, i18n.T(lang, key), true) }
}

func translateSimple(key string) validator.TranslationFunc {
	return func(tr ut.Translator, fe validator.FieldError) string {
		msg, err := tr.T(key, fe.Field())
		if err != nil {
			return fe.Field()
		}
		return msg
	}
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// Struct validates s and returns field errors in lang, or nil. pathOf maps a
// validator error to the client-facing field path.
func Struct(s any, lang string, pathOf func(validator.FieldError) string) []apperr.FieldError {
	err := validate.Struct(s)
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		// InvalidValidationError: a programming error, not a client one.
		panic(fmt.Sprintf("validation: %v", err))
	}
	tr := Translator(lang)
	out := make([]apperr.FieldError, 0, len(ves))
	for _, fe := range ves {
		out = append(out, apperr.FieldError{Field: pathOf(fe), Code: fe.Tag(), Message: fe.Translate(tr)})
	}
	return out
}

// Translator returns the translator for lang (German if unsupported).
func Translator(lang string) ut.Translator {
	if tr, ok := translators[lang]; ok {
		return tr
	}
	return translators[i18n.Default]
}

// Message renders a catalogue message that has a {0} field placeholder.
func Message(lang, key, field string) string {
	return strings.ReplaceAll(i18n.T(lang, key), "{0}", field)
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
// ("Submission.consent.privacy") into the client's field path
// ("consent.privacy").
func WirePath(fe validator.FieldError) string {
	_, path, _ := strings.Cut(fe.Namespace(), ".")
	return path
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
	if !ids.Valid(id) {
		f.Add("id", "id", "def_id")
	}
	if !ids.Valid(office) {
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
