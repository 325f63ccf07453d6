package survey

import "strings"

// Profile is the field of an organisation's record that a question's
// answer fills (through a personal link).
type Profile string

// ProfileName is the binding of the question that asks for the
// organisation's name: the invitation prefills it, the console names an
// answer by it.
const ProfileName Profile = "name"

// profileFit is, for each field a question may bind to, the type of
// question that fits it and the page's autocomplete for it.
var profileFit = map[Profile]struct {
	Type         QuestionType
	Autocomplete string
}{
	ProfileName:    {TypeText, "organization"},
	"email":        {TypeEmail, "email"},
	"contact":      {TypeText, "name"},
	"municipality": {TypeText, "address-level2"},
	"website":      {TypeURL, "url"},
	"fields":       {TypeMultipleChoice, ""},
	"languages":    {TypeMultipleChoice, ""},
	"offers":       {TypeMultipleChoice, ""},
	"seeks":        {TypeMultipleChoice, ""},
}

// Autocomplete is the autocomplete token of the question's control: its
// binding's, else its type's ("" for none).
func (q *Question) Autocomplete() string {
	if f, ok := profileFit[q.Profile]; ok && f.Autocomplete != "" {
		return f.Autocomplete
	}
	return q.Kind().Autocomplete
}

// legacyNameID is the id by which a text question was the organisation's
// name before questions declared bindings.
const legacyNameID = "org_name"

// BindLegacyName gives a definition stored before questions declared
// bindings the binding its "org_name" question had by its id: when no
// question binds anything, a question "org_name" of the type the name
// binding takes binds the name.
// The store applies it to every definition it reads, so surveys made
// before keep their organisation's name (the personal link's prefill,
// the console's answer list).
func (d *Definition) BindLegacyName() {
	for _, q := range d.Questions {
		if q.Profile != "" {
			return
		}
	}
	for i := range d.Questions {
		if q := &d.Questions[i]; q.ID == legacyNameID && q.Type == profileFit[ProfileName].Type {
			q.Profile = ProfileName
		}
	}
}

// Bound returns the question bound to p (one asked before a retired
// one), or nil.
func (d *Definition) Bound(p Profile) *Question {
	var retired *Question
	for i := range d.Questions {
		if q := &d.Questions[i]; q.Profile == p {
			if !q.Retired {
				return q
			}
			if retired == nil {
				retired = q
			}
		}
	}
	return retired
}

// OrganisationOf is the organisation's name in an answer to d; empty when
// the survey does not ask for it or the answer left it out.
func (d *Definition) OrganisationOf(answers map[string]any) string {
	q := d.Bound(ProfileName)
	if q == nil {
		return ""
	}
	s, _ := answers[q.ID].(string)
	return strings.TrimSpace(s)
}
