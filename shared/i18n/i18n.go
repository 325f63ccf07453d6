// Package i18n negotiates the caller's language and holds the catalogue of
// the API's own messages. German is the default and the fallback.
package i18n

import (
	"fmt"

	"golang.org/x/text/language"
)

// Default is the language used when the caller asks for none we support.
const Default = "de"

// Supported lists the languages with a complete catalogue, default first.
// Adding one means: a catalogue entry here, validator translations in
// shared/validation, and labels in the survey definitions.
var Supported = []string{"de", "en"}

var matcher = language.NewMatcher(tags(Supported))

func tags(codes []string) []language.Tag {
	out := make([]language.Tag, len(codes))
	for i, c := range codes {
		out[i] = language.MustParse(c)
	}
	return out
}

// Negotiate picks the response language: an explicit ?lang= wins, then the
// Accept-Language header, then German.
func Negotiate(queryLang, acceptLanguage string) string {
	if queryLang != "" {
		if l, ok := Match(queryLang); ok {
			return l
		}
	}
	if acceptLanguage != "" {
		prefs, _, err := language.ParseAcceptLanguage(acceptLanguage)
		if err == nil && len(prefs) > 0 {
			_, idx, conf := matcher.Match(prefs...)
			if conf != language.No {
				return Supported[idx]
			}
		}
	}
	return Default
}

// Match maps one language tag ("en-GB", "de") to a supported language.
func Match(tag string) (string, bool) {
	t, err := language.Parse(tag)
	if err != nil {
		return "", false
	}
	_, idx, conf := matcher.Match(t)
	if conf == language.No {
		return "", false
	}
	return Supported[idx], true
}

// ContentLanguages are the languages that survey and meeting texts may
// carry, whether or not the API's own messages exist in them yet.
var ContentLanguages = []string{"de", "en", "tr", "ar", "fa", "ru", "uk"}

// IsContentLanguage reports whether code is one of ContentLanguages.
func IsContentLanguage(code string) bool {
	for _, s := range ContentLanguages {
		if s == code {
			return true
		}
	}
	return false
}

// T renders the message key in lang, falling back to German, then the key.
func T(lang, key string, args ...any) string {
	msg, ok := catalogue[lang][key]
	if !ok {
		msg, ok = catalogue[Default][key]
	}
	if !ok {
		msg = key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Text is a text per content language; German ("de") is the fallback.
type Text map[string]string

// In returns the text in lang, falling back to German.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	return t[Default]
}
