package survey

import "strings"

// OrgNameQuestion is the id of the question that asks for the
// organisation's name: the console names an answer by it.
const OrgNameQuestion = "org_name"

// OrganisationOf is the organisation's name in an answer; empty when the
// survey does not ask for it or the answer left it out.
func OrganisationOf(answers map[string]any) string {
	s, _ := answers[OrgNameQuestion].(string)
	return strings.TrimSpace(s)
}
