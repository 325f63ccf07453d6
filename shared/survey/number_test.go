package survey_test

import (
	"math"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Numbers as people type them into a text field: a decimal comma or
// point, thousands grouped by points, commas or spaces, Arabic and
// Persian digits; anything else (ca. 2005, NaN, Inf) is no number.
func TestNumbersAsPeopleWriteThem(t *testing.T) {
	for _, c := range []struct {
		in      string
		integer bool
		want    float64
		ok      bool
	}{
		{"2005", true, 2005, true},
		{" 2005 ", true, 2005, true},
		{"1,5", false, 1.5, true},
		{"1.5", false, 1.5, true},
		{"0,25", false, 0.25, true},
		{",5", false, 0.5, true},
		{"-3", false, -3, true},
		{"−3", false, -3, true},
		{"+3", false, 3, true},
		{"1.000", true, 1000, true},
		{"1,000", true, 1000, true},
		{"1.000", false, 1, true},
		{"1.234,5", false, 1234.5, true},
		{"1,234.5", false, 1234.5, true},
		{"1.234.567", true, 1234567, true},
		{"1 000", true, 1000, true},
		{"10\u00a0000", true, 10000, true},
		{"10\u202f000,5", false, 10000.5, true},
		{"١٩٨٧", true, 1987, true},
		{"۱۳۹۹", true, 1399, true},
		{"٣٫٥", false, 3.5, true},
		{"١٢٬٠٠٠", true, 12000, true},
		{"ca. 2005", true, 0, false},
		{"2005 ca.", true, 0, false},
		{"NaN", false, 0, false},
		{"nan", false, 0, false},
		{"Inf", false, 0, false},
		{"-infinity", false, 0, false},
		{"+Inf", false, 0, false},
		{"1e5", false, 0, false},
		{"0x10", false, 0, false},
		{"", false, 0, false},
		{"-", false, 0, false},
		{",", false, 0, false},
		{"1,2,3", false, 0, false},
		{"1.2.3", false, 0, false},
		{"12.34.5", false, 0, false},
		{"1,5,000", false, 0, false},
		{"1.000,5.5", false, 0, false},
		{"1 0", true, 0, false},
		{"--3", false, 0, false},
		{"3-", false, 0, false},
		{strings.Repeat("9", 400), false, 0, false},
	} {
		got, ok := survey.ParseNumber(c.in, c.integer)
		if ok != c.ok || (ok && got != c.want) || math.IsNaN(got) || math.IsInf(got, 0) {
			t.Errorf("survey.ParseNumber(%q, integer %v) = %v, %v; want %v, %v", c.in, c.integer, got, ok, c.want, c.ok)
		}
	}
}

// The example in a number field's error fits the question.
func TestNumberExampleFitsTheQuestion(t *testing.T) {
	f := survey.NumberBound
	for _, c := range []struct {
		rules survey.Rules
		lang  string
		want  string
	}{
		{survey.Rules{Integer: true, Min: f(1900), Max: f(2100)}, "de", "2005"},
		{survey.Rules{Integer: true, Min: f(0), Max: f(1000)}, "de", "12"},
		{survey.Rules{Integer: true, Min: f(50000), Max: f(60000)}, "de", "50000"},
		{survey.Rules{Integer: true}, "en", "12"},
		{survey.Rules{}, "de", "2,5"},
		{survey.Rules{}, "en", "2.5"},
		{survey.Rules{Min: f(10)}, "de", "12"},
	} {
		q := survey.Question{Type: survey.TypeNumber, Rules: c.rules}
		if got := survey.NumberExample(&q, c.lang); got != c.want {
			t.Errorf("%+v in %s: %q, want %q", c.rules, c.lang, got, c.want)
		}
	}
}
