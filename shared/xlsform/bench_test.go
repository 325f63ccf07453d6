package xlsform

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// big is a definition of 200 questions in seven languages: 20 sections
// of 10 questions, every third a choice of six options, every section
// after the first shown on a condition.
func big() *survey.Definition {
	all := func(s string) survey.Text {
		t := survey.Text{}
		for _, l := range i18n.Supported {
			t[l] = s + " (" + l + ") – ein Text von üblicher Länge, wie ihn ein Fragebogen hat"
		}
		return t
	}
	d := &survey.Definition{Settings: survey.Settings{ID: "big", Title: all("Titel"), Description: all("Beschreibung")}, Office: "demo"}
	for s := 0; s < 20; s++ {
		sec := survey.Section{ID: fmt.Sprintf("s%d", s), Title: all("Abschnitt")}
		if s > 0 {
			sec.ShowIf = &survey.ShowIf{Any: []survey.Condition{{Question: fmt.Sprintf("q%d", (s-1)*10), In: []string{"o1", "o2"}}, {Question: fmt.Sprintf("q%d", (s-1)*10+1), Answered: yes()}}}
		}
		d.Sections = append(d.Sections, sec)
		for i := 0; i < 10; i++ {
			n := s*10 + i
			q := survey.Question{ID: fmt.Sprintf("q%d", n), Type: survey.TypeText, Section: sec.ID, Label: all("Frage"), Help: all("Hilfe")}
			if i%3 == 0 {
				q.Type = survey.TypeSingleChoice
				for o := 0; o < 6; o++ {
					q.Options = append(q.Options, survey.Option{Code: fmt.Sprintf("o%d", o), Label: all("Option")})
				}
			}
			d.Questions = append(d.Questions, q)
		}
	}
	return d
}

func TestBigRoundTrip(t *testing.T) {
	d := big()
	if err := survey.ValidateDefinition(d, "de"); err != nil {
		t.Fatal(apperr.As(err).Fields)
	}
	sameSettings(t, d.Settings, roundTrip(t, d))
}

// BenchmarkRead200Questions: reading a workbook of 200 questions in seven
// languages (AUTHORING.md's largest definition).
func BenchmarkRead200Questions(b *testing.B) {
	var buf bytes.Buffer
	if err := Write(&buf, big()); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(buf.Len()), "workbook-bytes")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(buf.Bytes(), "de"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWrite200Questions(b *testing.B) {
	d := big()
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
}
