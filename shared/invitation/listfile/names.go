package listfile

import (
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// columnNames are the header names a list's columns may have, in each
// of the system's languages (lower case): coordinators write the header
// in their own language as often as in English.
var columnNames = map[string][]string{
	"organisation": {"organisation", "organization", "organisation name", "organization name", "name der organisation", "organisationsname", "verein", "träger",
		"kuruluş", "kurum", "dernek", "kuruluş adı",
		"المنظمة", "منظمة", "الجمعية", "اسم المنظمة",
		"سازمان", "نام سازمان", "انجمن",
		"организация", "название организации", "объединение",
		"організація", "назва організації", "об'єднання", "об’єднання"},
	"email": {"email", "e-mail", "e-mail-adresse", "email address", "e-mail address", "mail", "mail address", "emailadresse", "e-mail adresse",
		"e-posta", "eposta", "e-posta adresi",
		"البريد الإلكتروني", "البريد", "بريد إلكتروني",
		"ایمیل", "نشانی ایمیل", "پست الکترونیک", "رایانامه",
		"электронная почта", "эл. почта", "e-mail адрес", "почта", "адрес электронной почты",
		"електронна пошта", "ел. пошта", "пошта", "адреса електронної пошти"},
	"language": {"language", "sprache", "lang", "dil", "اللغة", "لغة", "زبان", "язык", "мова"},
}

// Column names the column a header cell means ("organisation", "email",
// "language"), or "".
func Column(header string) string {
	h := strings.ToLower(strings.Join(strings.Fields(strings.TrimPrefix(header, "\ufeff")), " "))
	for col, names := range columnNames {
		for _, n := range names {
			if h == n {
				return col
			}
		}
	}
	return ""
}

// languageNames are names people write for the system's languages, in
// German, English and the language itself (and common short forms), by
// code; the codes themselves and their names in the catalogues count too.
var languageNames = map[string][]string{
	"de": {"deutsch", "german", "almanca", "الألمانية", "آلمانی", "немецкий", "німецька", "ger", "deu"},
	"en": {"englisch", "english", "ingilizce", "i̇ngilizce", "الإنجليزية", "انگلیسی", "английский", "англійська", "eng"},
	"tr": {"türkisch", "turkish", "türkçe", "turkce", "türkce", "التركية", "ترکی", "турецкий", "турецька", "tur"},
	"ar": {"arabisch", "arabic", "arapça", "العربية", "عربي", "عربی", "арабский", "арабська", "ara"},
	"fa": {"persisch", "farsi", "persian", "dari", "farsça", "الفارسية", "فارسی", "persisch/farsi", "персидский", "фарси", "перська", "фарсі", "fas", "per"},
	"ru": {"russisch", "russian", "rusça", "الروسية", "روسی", "русский", "російська", "rus"},
	"uk": {"ukrainisch", "ukrainian", "ukraynaca", "الأوكرانية", "اوکراینی", "украинский", "українська", "ukr", "ua"},
}

// LanguageCode reads a language as a list names it: a code ("tr", "TR",
// "tr-TR"), or a name ("Türkisch", "Turkish", "Türkçe", "ua"). A value it
// does not know comes back as written, for the check to refuse.
func LanguageCode(v string) string {
	s := strings.ToLower(strings.TrimSpace(v))
	if s == "" {
		return ""
	}
	base, _, _ := strings.Cut(strings.ReplaceAll(s, "_", "-"), "-") // "tr-TR"
	for _, code := range i18n.Supported {
		if base == code {
			return code
		}
	}
	for _, code := range i18n.Supported {
		if s == code || s == strings.ToLower(i18n.Name(code)) {
			return code
		}
		for _, n := range languageNames[code] {
			if s == n {
				return code
			}
		}
	}
	return strings.TrimSpace(v)
}
