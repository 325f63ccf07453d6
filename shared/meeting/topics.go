package meeting

import (
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// Topic is a subject of a meeting (issue 23: a meeting made from a need
// is about it). Its page lists the topics, and registrants may say which
// of them matter to them.
type Topic struct {
	// Code is stable (what registrations store): a survey option's code
	// rules, so that a need's option code is a topic's code as it is.
	Code  string    `json:"code"`
	Label i18n.Text `json:"label"`
}

// Limits of a meeting's topics.
const (
	MaxTopics     = 12
	MaxTopicLabel = 120 // runes per language
)

// checkTopics checks a meeting's topics: at most MaxTopics, codes valid
// and unique, each label German required, plain text (one line, no link)
// of at most MaxTopicLabel characters in every language.
func checkTopics(f *validation.Fields, ts []Topic) {
	if len(ts) > MaxTopics {
		f.Add("topics", "range", "def_topics_max", MaxTopics)
	}
	seen := map[string]bool{}
	for i, t := range ts {
		at := "topics[" + strconv.Itoa(i) + "]"
		switch {
		case !validation.Code(t.Code):
			f.Add(at+".code", "code", "def_code")
		case seen[t.Code]:
			f.Add(at+".code", "duplicate", "def_duplicate")
		}
		seen[t.Code] = true
		validation.CheckText(f, at+".label", t.Label, true)
		for _, l := range i18n.Supported {
			if s := t.Label[l]; utf8.RuneCountInString(s) > MaxTopicLabel || !validation.Plain(s) {
				f.Add(at+".label."+l, "plain", "def_topic_label", MaxTopicLabel)
			}
		}
	}
}

// PublicTopic is a topic in one language; Lang is its label's own
// language when it fell back to German (pages mark it).
type PublicTopic struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Lang  string `json:"-"`
}

// publicTopics are ts in lang.
func publicTopics(ts []Topic, lang string) []PublicTopic {
	var out []PublicTopic
	for _, t := range ts {
		s, l := t.Label.Lang(lang)
		if l == lang {
			l = ""
		}
		out = append(out, PublicTopic{Code: t.Code, Label: s, Lang: l})
	}
	return out
}

// checkChosen checks a registration's chosen topics: each one of m's,
// none twice (so no more than m has).
func checkChosen(m *Meeting, chosen []string, lang string) error {
	for i, c := range chosen {
		key := ""
		switch {
		case !slices.ContainsFunc(m.Topics, func(t Topic) bool { return t.Code == c }):
			key = "v.oneof"
		case slices.Contains(chosen[:i], c):
			key = "v.unique"
		default:
			continue
		}
		return apperr.Validation([]apperr.FieldError{{Field: "topics", Code: key[2:],
			Message: validation.Message(lang, key, i18n.T(lang, "field.topics"))}})
	}
	return nil
}

// TopicCount is a topic and how many registrations chose it.
type TopicCount struct {
	Code, Label string
	Count       int
}

// TopicTotals counts per topic of m the confirmed registrations that
// chose it (labels in lang), in m's order.
func TopicTotals(m *Meeting, rs []View, lang string) []TopicCount {
	out := make([]TopicCount, len(m.Topics))
	for i, t := range m.Topics {
		out[i] = TopicCount{Code: t.Code, Label: t.Label.In(lang)}
		for _, r := range rs {
			if r.Status == Confirmed && slices.Contains(r.Topics, t.Code) {
				out[i].Count++
			}
		}
	}
	return out
}

// TopicLabels are the labels in lang of the codes (a code m no longer
// has stays a code).
func TopicLabels(m *Meeting, codes []string, lang string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = c
		for _, t := range m.Topics {
			if t.Code == c {
				out[i] = t.Label.In(lang)
			}
		}
	}
	return out
}
