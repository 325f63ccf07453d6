// Package i18n is every word the system writes, in the network's seven
// languages: the catalogues (catalogue/<lang>.json, one file per
// language, reviewable and complete: a test compares each with German),
// language negotiation, plurals by each language's CLDR rules, dates and
// times as each language writes them, and the writing direction. German is
// the default.
package i18n

import (
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-playground/locales"
	"github.com/go-playground/locales/ar"
	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/en_GB"
	"github.com/go-playground/locales/fa"
	"github.com/go-playground/locales/ru"
	"github.com/go-playground/locales/tr"
	"github.com/go-playground/locales/uk"
	"golang.org/x/text/language"

	"github.com/integration-offices/netzwerk-backend/shared/i18n/records"
)

// Default is the language used when the caller asks for none we support.
const Default = "de"

// Supported lists the languages of the system's own words, default first:
// every catalogue is complete in each of them. Survey and meeting texts
// may carry the same languages (ContentLanguages).
var Supported = []string{"de", "en", "tr", "ar", "fa", "ru", "uk"}

// names are the languages' own names, each its catalogue's
// page.language_name (a test keeps them equal). The language switch names
// all seven on every page: from this table, a cold start reads the one
// catalogue of the page's language, not seven (≈118 KB of JSON, ≈2 ms).
var names = map[string]string{
	"de": "Deutsch", "en": "English", "tr": "Türkçe", "ar": "العربية",
	"fa": "فارسی", "ru": "Русский", "uk": "Українська",
}

// Name is a supported language's name in that language ("Türkçe"), or
// the code itself for any other.
func Name(lang string) string {
	if n, ok := names[lang]; ok {
		return n
	}
	return lang
}

// ContentLanguages are the languages that survey and meeting texts may
// carry.
var ContentLanguages = Supported

// IsContentLanguage reports whether code is one of ContentLanguages.
func IsContentLanguage(code string) bool {
	for _, s := range ContentLanguages {
		if s == code {
			return true
		}
	}
	return false
}

// Dir is the writing direction of lang: "rtl" for Arabic and Farsi.
func Dir(lang string) string {
	if lang == "ar" || lang == "fa" {
		return "rtl"
	}
	return "ltr"
}

// Isolate embeds s (an address, a link, a name, a number) in text of
// lang so that it keeps its own direction: in right-to-left text it is
// wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (Unicode
// bidi), elsewhere it is returned as it is.
func Isolate(lang, s string) string {
	if Dir(lang) != "rtl" || s == "" {
		return s
	}
	return "\u2068" + s + "\u2069"
}

var matcher = sync.OnceValue(func() language.Matcher {
	tags := make([]language.Tag, len(Supported))
	for i, c := range Supported {
		tags[i] = language.MustParse(c)
	}
	return language.NewMatcher(tags)
})

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
			_, idx, conf := matcher().Match(prefs...)
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
	_, idx, conf := matcher().Match(t)
	if conf == language.No {
		return "", false
	}
	return Supported[idx], true
}

//go:generate go run ../../scripts/compress-assets catalogues

// files are the catalogues as the functions read them (<lang>.cat, written
// from the JSON sources beside them by `go generate ./shared/i18n`; the
// format is package records'): a page that renders on a cold start reads
// its language's without a decompressor or a JSON decoder (German: 34 µs
// against 459 µs as gzip-compressed JSON, BenchmarkCatalogue).
//
//go:embed catalogue/*.cat
var files embed.FS

// ReadCatalogue reads the catalogue name (<lang>.json) of fsys from its
// compressed copy, name + ".gz": the catalogues of packages that Extend
// the functions' own (the console's alone are 460 KB of JSON).
func ReadCatalogue(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name + ".gz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s.gz: %w", name, err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s.gz: %w", name, err)
	}
	return b, nil
}

// message is a catalogue entry: one text, or one per CLDR plural category
// ("one", "two", "few", "many", "other").
type message struct {
	text  string
	forms map[string]string
}

// Catalogue is one language's messages by key.
type Catalogue map[string]message

var catalogues sync.Map // lang → Catalogue, read on first use

// extra are more catalogues (<lang>.json at their root) that packages
// linked into some functions only add at init: the console's texts live
// in the admin function alone, not in every public function's binary.
var extra []fs.FS

// Extend adds a package's own catalogue files (<lang>.json.gz, made by
// `go generate ./shared/i18n` as this package's); call it from an init
// function (before the first Load).
func Extend(fsys fs.FS) { extra = append(extra, fsys) }

// Load returns the catalogue of lang (nil if there is none). Each is
// read once: a second caller while it is read (a page beside the
// prewarm) waits for it.
func Load(lang string) Catalogue {
	if c, ok := catalogues.Load(lang); ok {
		return c.(Catalogue)
	}
	once, _ := reads.LoadOrStore(lang, new(sync.Once))
	once.(*sync.Once).Do(func() {
		if c := read(lang); c != nil {
			catalogues.Store(lang, c)
		}
	})
	if c, ok := catalogues.Load(lang); ok {
		return c.(Catalogue)
	}
	return nil
}

// reads are the catalogues' reads, one sync.Once per language asked for.
var reads sync.Map

// read reads and decodes lang's catalogue and the extra ones.
func read(lang string) Catalogue {
	b, err := files.ReadFile("catalogue/" + lang + ".cat")
	if err != nil {
		return nil
	}
	all := string(b)
	c := make(Catalogue, records.Count(all))
	if err := records.Each(all, func(k string, e records.Entry) { c[k] = message{text: e.Text, forms: e.Forms} }); err != nil {
		panic(fmt.Sprintf("i18n: catalogue %s: %v", lang, err)) // ours, embedded: a bug
	}
	for _, fsys := range extra {
		if b, err := ReadCatalogue(fsys, lang+".json"); err == nil {
			if err := c.decode(b); err != nil {
				panic(fmt.Sprintf("i18n: extra catalogue %s: %v", lang, err))
			}
		}
	}
	return c
}

// decode adds the entries of a catalogue's JSON source to c.
func (c Catalogue) decode(b []byte) error {
	m, err := records.FromJSON(b)
	if err != nil {
		return err
	}
	for k, e := range m {
		c[k] = message{text: e.Text, forms: e.Forms}
	}
	return nil
}

// Keys returns the keys of a catalogue.
func (c Catalogue) Keys() []string {
	out := make([]string, 0, len(c))
	for k := range c {
		out = append(out, k)
	}
	return out
}

// Texts returns every text of an entry (each plural form).
func (c Catalogue) Texts(key string) []string {
	m := c[key]
	if m.forms == nil {
		return []string{m.text}
	}
	out := make([]string, 0, len(m.forms))
	for _, f := range m.forms {
		out = append(out, f)
	}
	return out
}

// lookup finds key in lang, else in German (a catalogue test keeps every
// language complete, so this is a last resort), else the key itself.
func lookup(lang, key string) message {
	if m, ok := Load(lang)[key]; ok {
		return m
	}
	if m, ok := Load(Default)[key]; ok {
		return m
	}
	return message{text: key}
}

// T renders the message key in lang, its placeholders {0}, {1}, …
// filled with args (ids, numbers, labels: never personal data in errors).
// A message with plural forms takes the form of its first int argument,
// the count, by lang's CLDR rules ("1 Antwort", "2 Antworten").
func T(lang, key string, args ...any) string {
	m := lookup(lang, key)
	text := m.text
	if m.forms != nil {
		text = m.forms["other"]
		for _, a := range args {
			if n, ok := a.(int); ok {
				if f, ok := m.forms[plural(lang, n)]; ok {
					text = f
				}
				break
			}
		}
	}
	return fill(text, args)
}

// N renders a message with plural forms for the count n (its {1} or the
// first number placeholder the text has), by lang's CLDR rules.
func N(lang, key string, n int, args ...any) string {
	m := lookup(lang, key)
	if m.forms == nil {
		return fill(m.text, args)
	}
	form, ok := m.forms[plural(lang, n)]
	if !ok {
		form = m.forms["other"]
	}
	return fill(form, args)
}

func fill(text string, args []any) string {
	if len(args) == 0 || !strings.Contains(text, "{") {
		return text
	}
	pairs := make([]string, 0, 2*len(args))
	for i, a := range args {
		pairs = append(pairs, "{"+strconv.Itoa(i)+"}", fmt.Sprint(a))
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// locale returns the CLDR data of lang (British English for en: the
// network is in Europe).
func locale(lang string) locales.Translator {
	switch lang {
	case "en":
		return en_GB.New()
	case "tr":
		return tr.New()
	case "ar":
		return ar.New()
	case "fa":
		return fa.New()
	case "ru":
		return ru.New()
	case "uk":
		return uk.New()
	}
	return de.New()
}

var localeCache sync.Map // lang → locales.Translator

func cldr(lang string) locales.Translator {
	if l, ok := localeCache.Load(lang); ok {
		return l.(locales.Translator)
	}
	l := locale(lang)
	localeCache.Store(lang, l)
	return l
}

func plural(lang string, n int) string {
	switch cldr(lang).CardinalPluralRule(float64(n), 0) {
	case locales.PluralRuleZero:
		return "zero"
	case locales.PluralRuleOne:
		return "one"
	case locales.PluralRuleTwo:
		return "two"
	case locales.PluralRuleFew:
		return "few"
	case locales.PluralRuleMany:
		return "many"
	}
	return "other"
}

// Plural is the CLDR plural category of the count n in lang: "zero",
// "one", "two", "few", "many" or "other" (German 1 one, 2 other; Arabic
// 0 zero, 1 one, 2 two, 3 and 11 few and many, 100 other; Russian and
// Ukrainian one, few, many).
func Plural(lang string, n int) string { return plural(lang, n) }

// Count renders a message with plural forms for the count n, which is its
// {0} (written as lang writes numbers); args are {1}, {2}, ….
func Count(lang, key string, n int, args ...any) string {
	return N(lang, key, n, append([]any{Number(lang, float64(n))}, args...)...)
}

// Number writes f as lang writes numbers: its decimal separator and minus
// sign, as many decimals as f has, digit groups only from five digits on
// (a year stays 2001, as German and Turkish write years; 2001,5 in German,
// 2001.5 in English, ٢٠٠١٫٥'s separator in Arabic with Western digits).
func Number(lang string, f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	l := cldr(lang)
	abs := math.Abs(f)
	s := strconv.FormatFloat(abs, 'f', -1, 64)
	digits := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		digits = len(s) - i - 1
		if abs < 10000 {
			s = s[:i] + decimalSep(l) + s[i+1:]
		}
	}
	if abs >= 10000 {
		s = l.FmtNumber(abs, uint64(digits))
	}
	if f < 0 {
		s = minusSign(l) + s
	}
	return s
}

// Percent writes a whole percentage as lang writes it ("50 %" in German,
// "%50" in Turkish, "50٪" in Arabic).
func Percent(lang string, n int) string { return cldr(lang).FmtPercent(float64(n), 0) }

// decimalSep is the locale's decimal separator ("," "." "٫").
func decimalSep(l locales.Translator) string {
	return strings.TrimSuffix(strings.TrimPrefix(l.FmtNumber(1.5, 1), "1"), "5")
}

// minusSign is the locale's minus sign (Arabic's carries a letter mark).
func minusSign(l locales.Translator) string {
	if m := strings.TrimSuffix(l.FmtNumber(-1, 0), "1"); m != "" {
		return m
	}
	return "-"
}

// Date writes a day as lang writes it in full ("Donnerstag, 18. März
// 2027", "четверг, 18 марта 2027 г.").
func Date(lang string, t time.Time) string { return cldr(lang).FmtDateFull(t) }

// Clock writes a time of day as lang writes it ("17:00").
func Clock(lang string, t time.Time) string { return cldr(lang).FmtTimeShort(t) }

// Text is a text per content language; German ("de") is the fallback.
type Text map[string]string

// In returns the text in lang, falling back to German.
func (t Text) In(lang string) string {
	s, _ := t.Lang(lang)
	return s
}

// Lang returns the text in lang, or (the fallback) the German text and
// "de": pages mark such text with its own language.
func (t Text) Lang(lang string) (string, string) {
	if s, ok := t[lang]; ok && s != "" {
		return s, lang
	}
	return t[Default], Default
}
