package survey

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// checkConditions checks every showIf of d (AUTHORING.md): one level of
// all or any, not both, not empty; each condition names a question of an
// earlier section (questions without a section come before the first)
// and has exactly one test that fits that question's type and codes.
func checkConditions(f *validation.Fields, d *Definition) {
	// order is where a question is asked: 0 without a section, i+1 in
	// the i-th section; a condition may only name a lower one.
	order, byID := map[string]int{"": 0}, make(map[string]*Question, len(d.Questions))
	for i := range d.Sections {
		if _, dup := order[d.Sections[i].ID]; !dup {
			order[d.Sections[i].ID] = i + 1
		}
	}
	for i := range d.Questions {
		if q := &d.Questions[i]; byID[q.ID] == nil {
			byID[q.ID] = q
		}
	}
	for i := range d.Sections {
		checkShowIf(f, fmt.Sprintf("sections[%d].showIf", i), d.Sections[i].ShowIf, i+1, order, byID)
	}
	for i := range d.Questions {
		q := &d.Questions[i]
		at, ok := order[q.Section]
		if !ok || q.Retired {
			continue // an unknown section is reported as such; a retired question is never asked
		}
		checkShowIf(f, fmt.Sprintf("questions[%d].showIf", i), q.ShowIf, at, order, byID)
	}
}

func checkShowIf(f *validation.Fields, at string, s *ShowIf, place int, order map[string]int, byID map[string]*Question) {
	if s == nil {
		return
	}
	list, name := s.All, "all"
	if len(s.Any) > 0 || s.All == nil && s.Any != nil {
		list, name = s.Any, "any"
	}
	if len(s.All) > 0 && len(s.Any) > 0 || len(list) == 0 {
		f.Add(at, "showif", "def_showif")
		return
	}
	for j := range list {
		checkCondition(f, fmt.Sprintf("%s.%s[%d]", at, name, j), &list[j], place, order, byID)
	}
}

// tests names a condition's tests that are set.
func (c *Condition) tests() []string {
	var t []string
	for _, x := range []struct {
		name string
		set  bool
	}{{"in", c.In != nil}, {"notIn", c.NotIn != nil}, {"includes", c.Includes != nil},
		{"answered", c.Answered != nil}, {"gte", c.Gte != nil}, {"lte", c.Lte != nil}} {
		if x.set {
			t = append(t, x.name)
		}
	}
	return t
}

func checkCondition(f *validation.Fields, at string, c *Condition, place int, order map[string]int, byID map[string]*Question) {
	tests := c.tests()
	if len(tests) != 1 {
		f.Add(at, "test", "def_cond_test")
	}
	q := byID[c.Question]
	switch {
	case q == nil:
		f.Add(at+".question", "unknown", "def_cond_question", clip(c.Question))
		return
	case q.Retired:
		f.Add(at+".question", "retired", "def_cond_retired", q.ID)
		return
	case order[q.Section] >= place:
		f.Add(at+".question", "order", "def_cond_order", q.ID)
		return
	}
	if len(tests) != 1 {
		return
	}
	test := tests[0]
	k := q.Kind()
	// What a test fits, read from the type's entry: in and notIn a
	// choice of one (single choice, yes/no, scale), includes a choice of
	// many, gte and lte a type with bounds (number, scale, date).
	fits := map[string]func(*Kind) bool{
		"in": oneChoice, "notIn": oneChoice, "includes": func(k *Kind) bool { return k.Control == ControlChecks },
		"gte": ordered, "lte": ordered,
	}[test]
	if fits != nil && !fits(k) {
		f.Add(at+"."+test, "type", "def_cond_type", test, typesWith(fits))
		return
	}
	switch test {
	case "in", "notIn", "includes":
		codes := c.In
		if test == "notIn" {
			codes = c.NotIn
		} else if test == "includes" {
			codes = c.Includes
		}
		if len(codes) == 0 {
			f.Add(at+"."+test, "required", "def_cond_codes")
		}
		for j, code := range codes {
			if !answerCode(q, k, code) {
				f.Add(fmt.Sprintf("%s.%s[%d]", at, test, j), "unknown", "def_cond_code", clip(code))
			}
		}
	case "gte", "lte":
		b := c.Gte
		if test == "lte" {
			b = c.Lte
		}
		if k.Bounds == BoundsDate {
			if _, day := ParseDate(b.Date); !b.IsDate() || !day {
				f.Add(at+"."+test, "type", "def_bound_date")
			}
		} else if b.IsDate() {
			f.Add(at+"."+test, "type", "def_bound_number")
		}
	}
}

func oneChoice(k *Kind) bool { return k.Control == ControlRadios }
func ordered(k *Kind) bool   { return k.Bounds != BoundsNone }

// answerCode reports whether code is one of q's choices. A scale's are
// its whole numbers from min to max, judged without listing them: the
// definition's own bounds may be missing or far apart (reported as such).
func answerCode(q *Question, k *Kind, code string) bool {
	if k.WholeBounds {
		n, err := strconv.Atoi(code)
		return err == nil && strconv.Itoa(n) == code && q.Min != nil && q.Max != nil &&
			float64(n) >= q.Min.Number && float64(n) <= q.Max.Number
	}
	return slices.ContainsFunc(q.Choices(i18n.Default), func(c Choice) bool { return c.Code == code })
}
