// Package routes is the one route table of the HTTP API. API Gateway routes
// (infra), the local dev server and the OpenAPI test all read it; nothing
// else lists routes. It imports nothing so that infra can use it without
// linking handler code.
package routes

// Function names one Lambda function (a directory under functions/).
type Function string

const (
	Survey  Function = "survey"
	Meeting Function = "meeting"
	Admin   Function = "admin"
)

// Route is one API Gateway HTTP API route.
type Route struct {
	Method   string
	Path     string // with {param} placeholders, as API Gateway writes them
	Function Function
	// Admin routes require a coordinator JWT (the authorizer in AWS, the
	// dev server's verifier locally).
	Admin bool
}

// Key is the API Gateway route key, e.g. "GET /surveys/{surveyId}".
func (r Route) Key() string { return r.Method + " " + r.Path }

// Table is every route of the API.
var Table = []Route{
	{Method: "GET", Path: "/surveys/{surveyId}", Function: Survey},
	{Method: "POST", Path: "/surveys/{surveyId}/responses", Function: Survey},
	{Method: "GET", Path: "/meetings/{meetingId}", Function: Meeting},
	{Method: "POST", Path: "/meetings/{meetingId}/registrations", Function: Meeting},
	{Method: "GET", Path: "/registrations/{token}", Function: Meeting},
	{Method: "DELETE", Path: "/registrations/{token}", Function: Meeting},

	{Method: "GET", Path: "/admin/surveys", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/surveys", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/surveys/{surveyId}", Function: Admin, Admin: true},
	{Method: "PUT", Path: "/admin/surveys/{surveyId}", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/surveys/{surveyId}/responses", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/surveys/{surveyId}/responses.csv", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/surveys/{surveyId}/summary", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/surveys/{surveyId}/invitations", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/surveys/{surveyId}/invitations", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/surveys/{surveyId}/invitations/reminders", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/meetings", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/meetings", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/meetings/{meetingId}", Function: Admin, Admin: true},
	{Method: "PUT", Path: "/admin/meetings/{meetingId}", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/meetings/{meetingId}/registrations", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/meetings/{meetingId}/registrations.csv", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/meetings/{meetingId}/invitations", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/meetings/{meetingId}/invitations", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/meetings/{meetingId}/invitations/reminders", Function: Admin, Admin: true},
}

// StreamFunctions are functions triggered by the table's stream, not by
// HTTP: the mailer sends the outbox's emails.
var StreamFunctions = []Function{Mailer}

// Mailer is the stream-triggered email sender.
const Mailer Function = "mailer"

// Functions returns the distinct functions in table order.
func Functions() []Function {
	var out []Function
	seen := map[Function]bool{}
	for _, r := range Table {
		if !seen[r.Function] {
			seen[r.Function] = true
			out = append(out, r.Function)
		}
	}
	return out
}

// Of returns the routes served by f.
func Of(f Function) []Route {
	var out []Route
	for _, r := range Table {
		if r.Function == f {
			out = append(out, r)
		}
	}
	return out
}
