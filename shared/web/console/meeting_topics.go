package console

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
)

// A meeting's topics in its form: a textarea per language (topics.<lang>),
// one line per topic, the same line in each language. In another language
// than German, an empty line or the German text is no translation (the
// page shows the German text, marked as German).

// topicValues fills in the topics' textareas from ts: a language with a
// translation of any topic gets a line per topic, the German text where
// it has none (a textarea drops a leading empty line).
func topicValues(v url.Values, ts []meeting.Topic) {
	for _, l := range i18n.Supported {
		lines := make([]string, len(ts))
		some := false
		for i, t := range ts {
			lines[i], some = t.Label.In(l), some || t.Label[l] != ""
		}
		if some {
			v.Set("topics."+l, strings.Join(lines, "\n"))
		}
	}
}

// readTopics reads the topics from the form: line i of every language is
// topic i (a line empty in all of them is none; in another language, the
// German text of topic i, now or in old, is no translation). A topic
// keeps its code where old had its German label, or, with as many topics
// as before, had one in its place whose label is gone (an edited label);
// a new one gets a code made from its German label.
func readTopics(form *Form, old []meeting.Topic) []meeting.Topic {
	var ts []meeting.Topic
	for _, l := range i18n.Supported {
		text := strings.TrimRight(strings.ReplaceAll(form.Get("topics."+l), "\r\n", "\n"), " \t\r\n")
		if text == "" {
			continue
		}
		for i, line := range strings.Split(text, "\n") {
			for len(ts) <= i {
				ts = append(ts, meeting.Topic{Label: i18n.Text{}})
			}
			// The German text (also old's, which the form filled in) is
			// no translation.
			if line = strings.TrimSpace(line); line != "" && (l == i18n.Default || line != ts[i].Label[i18n.Default] &&
				(i >= len(old) || line != old[i].Label[i18n.Default])) {
				ts[i].Label[l] = line
			}
		}
	}
	ts = slices.DeleteFunc(ts, func(t meeting.Topic) bool { return len(t.Label) == 0 })
	labels := map[string]string{} // German label → old code
	for _, t := range old {
		labels[t.Label[i18n.Default]] = t.Code
	}
	used := map[string]bool{}
	for i := range ts {
		if c, ok := labels[ts[i].Label[i18n.Default]]; ok && !used[c] {
			ts[i].Code = c
		} else if len(ts) == len(old) && !used[old[i].Code] && !slices.ContainsFunc(ts, func(t meeting.Topic) bool { return t.Label[i18n.Default] == old[i].Label[i18n.Default] }) {
			ts[i].Code = old[i].Code
		}
		used[ts[i].Code] = true
	}
	for i := range ts {
		if ts[i].Code == "" {
			ts[i].Code = topicCode(ts[i].Label[i18n.Default], used)
			used[ts[i].Code] = true
		}
	}
	return ts
}

// topicCode makes a code from a German label ("Räume für Vereine" →
// raeume_fuer_vereine), at most 40 characters, not one of used.
func topicCode(label string, used map[string]bool) string {
	var b strings.Builder
	for _, r := range strings.ToLower(label) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == 'ä' || r == 'ö' || r == 'ü':
			b.WriteString(map[rune]string{'ä': "ae", 'ö': "oe", 'ü': "ue"}[r])
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteByte('_')
		}
	}
	code := strings.Join(strings.FieldsFunc(b.String(), func(r rune) bool { return r == '_' }), "_")
	if len(code) > 40 {
		code = strings.TrimRight(code[:40], "_")
	}
	if code == "" {
		code = "topic"
	}
	for n, base := 2, code; used[code]; n++ {
		code = base + "_" + strconv.Itoa(n)
	}
	return code
}

// topicErrors puts the field errors of the topics on the German
// textarea, each naming its line ("Thema 2: …").
func topicErrors(err error, lang string) {
	e := apperr.As(err)
	if e == nil {
		return
	}
	for i, fe := range e.Fields {
		rest, ok := strings.CutPrefix(fe.Field, "topics")
		if !ok || rest != "" && rest[0] != '[' {
			continue
		}
		e.Fields[i].Field = "topics.de"
		if n, _, ok := strings.Cut(strings.TrimPrefix(rest, "["), "]"); ok {
			k, _ := strconv.Atoi(n)
			e.Fields[i].Message = i18n.T(lang, "console.topic_line", k+1, fe.Message)
		}
	}
}
