package console

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
)

// TestCatalogueComplete: every console text exists in every language,
// with the German text's placeholders (in each plural form, which must
// include "other").
func TestCatalogueComplete(t *testing.T) {
	ph := regexp.MustCompile(`\{\d\}`)
	places := func(s string) []string { p := ph.FindAllString(s, -1); slices.Sort(p); return p }
	read := func(lang string) map[string]string {
		b, err := os.ReadFile("catalogue/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for k, v := range raw {
			var forms map[string]string
			if json.Unmarshal(v, &forms) == nil {
				if forms["other"] == "" {
					t.Errorf("%s %s: no plural form other", lang, k)
				}
				for f, text := range forms {
					if !slices.Contains([]string{"zero", "one", "two", "few", "many", "other"}, f) || text == "" {
						t.Errorf("%s %s: form %q %q", lang, k, f, text)
					} else if !slices.Equal(places(text), places(forms["other"])) {
						t.Errorf("%s %s: form %s has other placeholders", lang, k, f)
					}
				}
				m[k] = forms["other"]
				continue
			}
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				t.Fatalf("%s %s: %v", lang, k, err)
			}
			m[k] = s
		}
		return m
	}
	de := read("de")
	for _, lang := range i18n.Supported {
		c := read(lang)
		for k, v := range de {
			if c[k] == "" {
				t.Errorf("%s: missing %s", lang, k)
			} else if !slices.Equal(places(c[k]), places(v)) {
				t.Errorf("%s %s: placeholders differ from German", lang, k)
			}
		}
		if len(c) != len(de) {
			t.Errorf("%s: %d texts, German has %d", lang, len(c), len(de))
		}
	}
	if got := i18n.T("ar", "console.sign_out"); got != "تسجيل الخروج" {
		t.Errorf("the console's texts are not in the catalogue: %q", got)
	}
}

// TestCountsInWords: the console's counts take each language's plural
// form (German 1 Antwort, 2 Antworten; Arabic zero, one, two, few, many,
// other; Russian and Ukrainian one, few, many).
func TestCountsInWords(t *testing.T) {
	for _, c := range []struct {
		lang string
		want map[int]string
	}{
		{"de", map[int]string{0: "0 Antworten", 1: "1 Antwort", 2: "2 Antworten", 3: "3 Antworten", 11: "11 Antworten", 100: "100 Antworten"}},
		{"en", map[int]string{1: "1 answer", 2: "2 answers"}},
		{"ar", map[int]string{0: "0 إجابة", 1: "1 إجابة", 2: "2 إجابتان", 3: "3 إجابات", 11: "11 إجابة", 100: "100 إجابة"}},
		{"ru", map[int]string{1: "1 ответ", 2: "2 ответа", 3: "3 ответа", 5: "5 ответов", 11: "11 ответов", 21: "21 ответ", 100: "100 ответов"}},
		{"uk", map[int]string{1: "1 відповідь", 3: "3 відповіді", 11: "11 відповідей", 21: "21 відповідь", 100: "100 відповідей"}},
		{"tr", map[int]string{1: "1 yanıt", 2: "2 yanıt"}},
	} {
		for n, want := range c.want {
			if got := i18n.T(c.lang, "console.answers_count", n); got != want {
				t.Errorf("%s %d: %q, want %q", c.lang, n, got, want)
			}
		}
	}
	if got := i18n.T("de", "console.plan_step", 1, 0); got != "1 Tag nach der Einladung: 0 gesendet" {
		t.Errorf("German plan step: %q", got)
	}
	// The meeting's mails count people: one person is no "Personen".
	for _, c := range []struct {
		lang, key string
		n         int
		want      string
	}{
		{"de", "console.preview_text", 1, "Die Nachricht geht an 1 Person. Noch ist nichts verschickt."},
		{"de", "console.preview_text", 2, "Die Nachricht geht an 2 Personen, an jede einmal. Noch ist nichts verschickt."},
		{"de", "console.sent_flash", 1, "Die Nachricht ist unterwegs an 1 Person."},
		{"de", "console.cancelled_flash", 1, "Die Veranstaltung ist abgesagt. 1 Person bekommt eine E-Mail."},
		{"en", "console.sent_flash", 1, "The message is on its way to 1 person."},
		{"ar", "console.sent_flash", 2, "الرسالة في طريقها. عدد من تصلهم: 2."},
		{"ar", "console.mail_text_long", 5000, "النص طويل جدًا: الحد الأقصى لعدد الحروف 5000."},
		{"uk", "console.preview_text", 1, "Кількість отримувачів: 1, кожен отримає повідомлення один раз. Поки нічого не надіслано."},
	} {
		if got := i18n.T(c.lang, c.key, c.n); got != c.want {
			t.Errorf("%s %s %d: %q, want %q", c.lang, c.key, c.n, got, c.want)
		}
	}
}
