// Package routes is the one route table of the HTTP API and the one table
// of functions. API Gateway routes (infra), the local dev server and the
// OpenAPI test read the routes; infra builds each function, its
// environment and its role from its Spec, and a test runs every function
// against DynamoDB Local and checks that each call it makes is allowed
// there. It imports nothing so that infra can use it without linking
// handler code.
package routes

// Function names one Lambda function (a directory under functions/).
type Function string

const (
	Survey  Function = "survey"
	Meeting Function = "meeting"
	Admin   Function = "admin"
	// Directory serves the public directory of an office's organisations
	// and the organisations' check of their entries (ORGANISATIONS.md).
	Directory Function = "directory"
)

// Route is one API Gateway HTTP API route.
type Route struct {
	Method   string
	Path     string // with {param} placeholders, as API Gateway writes them
	Function Function
	// Admin routes require a coordinator JWT (the authorizer in AWS, the
	// dev server's verifier locally).
	Admin bool
	// Page routes answer HTML for people with a browser, the others
	// JSON.
	Page bool
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

	{Method: "GET", Path: "/s/{surveyId}", Function: Survey, Page: true},
	{Method: "POST", Path: "/s/{surveyId}", Function: Survey, Page: true},
	{Method: "GET", Path: "/s/{surveyId}/thanks", Function: Survey, Page: true},
	{Method: "POST", Path: "/s/{surveyId}/erase", Function: Survey, Page: true},
	{Method: "GET", Path: "/assets/{file}", Function: Survey, Page: true},
	// An office's legal pages: privacy notice, accessibility statement,
	// the same in easy language, and the feedback form.
	{Method: "GET", Path: "/p/{officeId}/privacy", Function: Survey, Page: true},
	{Method: "GET", Path: "/p/{officeId}/accessibility", Function: Survey, Page: true},
	{Method: "GET", Path: "/p/{officeId}/easy", Function: Survey, Page: true},
	{Method: "GET", Path: "/p/{officeId}/feedback", Function: Survey, Page: true},
	{Method: "POST", Path: "/p/{officeId}/feedback", Function: Survey, Page: true},
	// The objection link of every invitation and reminder: whoever got
	// the mail may object to further mails of the office.
	{Method: "GET", Path: "/x/{token}", Function: Survey, Page: true},
	{Method: "POST", Path: "/x/{token}", Function: Survey, Page: true},
	{Method: "GET", Path: "/m/{meetingId}", Function: Meeting, Page: true},
	{Method: "POST", Path: "/m/{meetingId}", Function: Meeting, Page: true},
	{Method: "GET", Path: "/r/{token}", Function: Meeting, Page: true},
	{Method: "POST", Path: "/r/{token}/cancel", Function: Meeting, Page: true},
	{Method: "GET", Path: "/r/{token}/calendar.ics", Function: Meeting, Page: true},
	// The directory of an office's organisations, and the check of an
	// entry through its personal link (ORGANISATIONS.md).
	{Method: "GET", Path: "/d/{officeId}", Function: Directory, Page: true},
	{Method: "GET", Path: "/d/{officeId}/{orgId}", Function: Directory, Page: true},
	{Method: "GET", Path: "/directory/{officeId}", Function: Directory},
	{Method: "GET", Path: "/e/{token}", Function: Directory, Page: true},
	{Method: "POST", Path: "/e/{token}", Function: Directory, Page: true},

	// The coordinators' console: pages in the admin function, which checks
	// the session cookie itself (no JWT authorizer: browsers send cookies,
	// not bearer tokens). Literal paths before {param} ones.
	{Method: "GET", Path: "/console", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/sign-in", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/callback", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/sign-out", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/signed-out", Function: Admin, Page: true},
	// Public answers and registrations to link to the register: before
	// /console/organisations/{organisationId}.
	{Method: "GET", Path: "/console/organisations/unlinked", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/organisations/unlinked", Function: Admin, Page: true},
	// Before {surveyId}: the local gateway takes the first route that matches.
	{Method: "GET", Path: "/console/surveys/new", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/new", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/surveys/{surveyId}", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/invitations", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/reminders", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/surveys/{surveyId}/invitations/{invitationId}", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/invitations/{invitationId}", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/surveys/{surveyId}/mail-texts", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/mail-texts", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/surveys/{surveyId}/responses.csv", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/surveys/{surveyId}/responses.xlsx", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/responses/{responseId}/erase", Function: Admin, Page: true},
	// The survey's report (Bestandsaufnahme), printable and as XLSX, and
	// its free texts translated into German (translateAnswers).
	{Method: "GET", Path: "/console/surveys/{surveyId}/report", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/surveys/{surveyId}/report.xlsx", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/report/translate", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/surveys/{surveyId}/preview", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/preview", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/meetings/new", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/meetings", Function: Admin, Page: true},
	// Before /console/meetings/{meetingId}: the local gateway takes the
	// first route that matches (API Gateway the most specific).
	{Method: "POST", Path: "/console/meetings/from-need", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/meetings/{meetingId}", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/meetings/{meetingId}/edit", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/meetings/{meetingId}", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/meetings/{meetingId}/attendance", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/meetings/{meetingId}/cancel", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/meetings/{meetingId}/cancel", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/meetings/{meetingId}/message", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/meetings/{meetingId}/message", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/meetings/{meetingId}/invitations", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/meetings/{meetingId}/reminders", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/meetings/{meetingId}/invitations/send-planned", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/meetings/{meetingId}/invitations/{invitationId}", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/meetings/{meetingId}/invitations/{invitationId}", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/meetings/{meetingId}/mail-texts", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/meetings/{meetingId}/mail-texts", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/meetings/{meetingId}/registrations.csv", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/meetings/{meetingId}/registrations.xlsx", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/meetings/{meetingId}/registrations/{registrationId}/erase", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/mails/failed", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/mails/{mailId}/resend", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/audit", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/matches", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/meetings/{meetingId}/publish", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/office", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/office", Function: Admin, Page: true},
	// The register: literal paths before {organisationId}.
	{Method: "GET", Path: "/console/organisations", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/organisations.xlsx", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/organisations/invitations", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/organisations/entry-mails", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/organisations/{organisationId}", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/organisations/{organisationId}", Function: Admin, Page: true},
	// The survey editor (AUTHORING.md, "Console").
	{Method: "GET", Path: "/console/surveys/{surveyId}/edit", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/surveys/{surveyId}/edit/settings", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/edit/settings", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/surveys/{surveyId}/edit/section", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/edit/section", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/surveys/{surveyId}/edit/question", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/edit/question", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/surveys/{surveyId}/edit/condition", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/edit/condition", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/surveys/{surveyId}/edit/texts", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/edit/texts", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/edit/move", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/edit/remove", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/edit/publish", Function: Admin, Page: true},
	{Method: "GET", Path: "/console/surveys/{surveyId}/form.xlsx", Function: Admin, Page: true},
	{Method: "POST", Path: "/console/surveys/{surveyId}/form", Function: Admin, Page: true},

	{Method: "GET", Path: "/admin/surveys", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/surveys", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/surveys/{surveyId}", Function: Admin, Admin: true},
	{Method: "PUT", Path: "/admin/surveys/{surveyId}", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/surveys/{surveyId}/publish", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/surveys/{surveyId}/responses", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/surveys/{surveyId}/responses.csv", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/surveys/{surveyId}/responses.xlsx", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/surveys/{surveyId}/summary", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/surveys/{surveyId}/form.xlsx", Function: Admin, Admin: true},
	{Method: "PUT", Path: "/admin/surveys/{surveyId}/form.xlsx", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/surveys/{surveyId}/invitations", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/surveys/{surveyId}/invitations", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/surveys/{surveyId}/invitations/reminders", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/meetings", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/meetings", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/meetings/{meetingId}", Function: Admin, Admin: true},
	{Method: "PUT", Path: "/admin/meetings/{meetingId}", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/meetings/{meetingId}/registrations", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/meetings/{meetingId}/registrations.csv", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/meetings/{meetingId}/registrations.xlsx", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/meetings/{meetingId}/invitations", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/meetings/{meetingId}/invitations", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/meetings/{meetingId}/invitations/reminders", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/meetings/{meetingId}/invitations/send-planned", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/meetings/{meetingId}/publish", Function: Admin, Admin: true},
	{Method: "DELETE", Path: "/admin/meetings/{meetingId}/registrations/{registrationId}", Function: Admin, Admin: true},
	{Method: "DELETE", Path: "/admin/surveys/{surveyId}/responses/{responseId}", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/audit", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/mails/failed", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/mails/{mailId}/resend", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/office", Function: Admin, Admin: true},
	{Method: "PUT", Path: "/admin/office", Function: Admin, Admin: true},
	// The register of organisations (ORGANISATIONS.md).
	{Method: "GET", Path: "/admin/organisations", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/organisations", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/organisations.xlsx", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/organisations/entry-mails", Function: Admin, Admin: true},
	{Method: "GET", Path: "/admin/organisations/{organisationId}", Function: Admin, Admin: true},
	{Method: "PUT", Path: "/admin/organisations/{organisationId}", Function: Admin, Admin: true},
	{Method: "DELETE", Path: "/admin/organisations/{organisationId}", Function: Admin, Admin: true},
	{Method: "POST", Path: "/admin/organisations/{organisationId}/merge", Function: Admin, Admin: true},
}

// StreamFunctions are functions triggered by the table's stream, not by
// HTTP: the mailer sends the outbox's emails.
var StreamFunctions = []Function{Mailer}

// Mailer is the stream-triggered email sender.
const Mailer Function = "mailer"

// TopicFunctions are functions triggered by an SNS topic: the feedback
// function learns from SES's bounce and complaint events.
var TopicFunctions = []Function{Feedback}

// Feedback handles SES's bounce and complaint events.
const Feedback Function = "feedback"

// All returns every function: those of the routes, then the stream's and
// the topics'.
func All() []Function {
	return append(append(Functions(), StreamFunctions...), TopicFunctions...)
}

// Environment variables a function may read: app.ConfigFromEnv reads and
// checks those of the function's spec at start.
const (
	EnvTable         = "TABLE_NAME"
	EnvLinkSecretARN = "LINK_SECRET_ARN" // in AWS; locally LINK_SECRET (their forms: shared/app's linkSecretFromEnv)
	EnvPublicBaseURL = "PUBLIC_BASE_URL"
	EnvMailFrom      = "MAIL_FROM"
	EnvMailFromName  = "MAIL_FROM_NAME"
	EnvMailReplyTo   = "MAIL_REPLY_TO"
	EnvSESConfigSet  = "SES_CONFIGURATION_SET"
	EnvMailSendRate  = "MAIL_SEND_RATE" // optional: mails per second one mailer sends at most, below the account's rate
	// Per-client limits (0: off; unset: the defaults of shared/app).
	EnvLimitRegistrations = "LIMIT_REGISTRATIONS_PER_HOUR"    // registrations per client address and hour
	EnvLimitPerMeeting    = "LIMIT_REGISTRATIONS_PER_MEETING" // registrations per client address and meeting
	EnvLimitAnswers       = "LIMIT_ANSWERS_PER_HOUR"          // survey answers per client address and hour
	EnvLimitMails         = "LIMIT_MAILS_PER_ADDRESS_PER_DAY" // mails one recipient gets a day
	EnvPurgeCancelled     = "PURGE_CANCELLED_DAYS"            // days a cancelled registration is kept
	// The go-live guard: "1" (the stack, in AWS): no survey or meeting
	// of an office without a privacy notice in its profile is created or
	// saved; unset or "0": off (make dev).
	EnvRequirePrivacyNotice = "REQUIRE_PRIVACY_NOTICE"
	// Free texts of answers translated into German with Amazon
	// Translate (the stack's translateAnswers): "1" on; unset or "0":
	// off (make dev), nothing is sent anywhere.
	EnvTranslateAnswers = "TRANSLATE_ANSWERS"
	// The console's sign-in (shared/web/console).
	EnvConsoleIssuer   = "CONSOLE_ISSUER"    // the user pool's issuer URL
	EnvConsoleClientID = "CONSOLE_CLIENT_ID" // the app client (the ID token's audience)
	EnvConsoleAuthURL  = "CONSOLE_AUTH_URL"  // the managed login's domain
	EnvConsoleJWKSURL  = "CONSOLE_JWKS_URL"  // optional: the keys, if not at the issuer's well-known path
)

// Spec is what a function is given in AWS: its size, the environment
// variables it reads, and every action its role allows (DynamoDB actions
// on the table and on its index gsi1, SES actions). Transactions need the
// actions of their items (PutItem, UpdateItem, DeleteItem,
// ConditionCheckItem).
type Spec struct {
	MemoryMB   int
	TimeoutSec int
	Env        []string
	Table      []string
	Index      []string
	SES        []string
	// Account: actions without resource-level permissions, allowed on
	// every resource (the mailer reads the account's send rate).
	Account []string
}

// Specs is the table of functions.
var Specs = map[Function]Spec{
	// The public functions' ConditionCheckItem: a copy of the office's
	// profile written into a definition while the profile is the copied
	// one (shared/store/dynamo/frame.go). The survey's BatchGetItem: a
	// personal link's page reads the survey, the invitation and the draft
	// in one request (shared/store/dynamo/personal.go).
	Survey: {MemoryMB: 256, TimeoutSec: 10, Env: []string{EnvTable, EnvLinkSecretARN, EnvLimitAnswers, EnvOriginVerify},
		Table: []string{"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem"}},
	Meeting: {MemoryMB: 256, TimeoutSec: 15, Env: []string{EnvTable, EnvLinkSecretARN, EnvMailFrom, EnvLimitRegistrations, EnvLimitPerMeeting, EnvPurgeCancelled, EnvOriginVerify},
		Table: []string{"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem"},
		Index: []string{"dynamodb:Query"}},
	Admin: {MemoryMB: 1024, TimeoutSec: 29, Env: []string{EnvTable, EnvLinkSecretARN, EnvPurgeCancelled, EnvPublicBaseURL,
		EnvConsoleIssuer, EnvConsoleClientID, EnvConsoleAuthURL, EnvOriginVerify, EnvRequirePrivacyNotice, EnvTranslateAnswers},
		Table: []string{"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query",
			"dynamodb:ConditionCheckItem"}, // a merge erases its source only while the record merged into is as read
		Index: []string{"dynamodb:Query"}},
	// The directory's writes: an organisation's check of its entry (the
	// record with its list, lookups, directory entry and yearly plan, and
	// the form's per-client limit).
	Directory: {MemoryMB: 256, TimeoutSec: 10, Env: []string{EnvTable, EnvLinkSecretARN, EnvOriginVerify},
		Table: []string{"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"}},
	// The mailer's PutItem: a planned reminder's outbox mail, queued in
	// the transaction that moves its invitation on (shared/remind). Its
	// Query: the register's lookups and list (an answer or registration
	// taken into its record; reminders pass by bounced contacts).
	Mailer: {MemoryMB: 256, TimeoutSec: 60,
		Env:     []string{EnvTable, EnvLinkSecretARN, EnvPublicBaseURL, EnvMailFrom, EnvMailFromName, EnvMailReplyTo, EnvSESConfigSet, EnvMailSendRate, EnvLimitMails},
		Table:   []string{"dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:Query"},
		Index:   []string{"dynamodb:Query"},
		SES:     []string{"ses:SendEmail", "ses:SendRawEmail"},
		Account: []string{"ses:GetAccount"}},
	Feedback: {MemoryMB: 128, TimeoutSec: 30, Env: []string{EnvTable, EnvLinkSecretARN},
		Table: []string{"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"}},
}

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

// EnvOriginVerify is the secret the stack's CloudFront distribution sends
// with every request to the API (X-Origin-Verify): the HTTP functions
// take the visitor's address from CloudFront-Viewer-Address only on
// requests that carry it (shared/app). The stack sets it on every
// function of the route table.
const EnvOriginVerify = "ORIGIN_VERIFY"
