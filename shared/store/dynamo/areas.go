package dynamo

import "github.com/aws/aws-sdk-go-v2/service/dynamodb"

// The areas of the table, each a type with its own methods on the one
// Table. Services declare the interface they consume in their own package
// and get the area types that satisfy it.
//
// An area splits where the public functions (survey, meeting) stop: the
// type a public function holds has only the methods it calls, and the rest
// of the area is its Admin type (the console, the API, the mailer). Where
// a library calls methods by a name known only at run time (the standard
// library's html/template did before the templates moved to a copy,
// third_party/README.md; the admin function's libraries do), the linker
// keeps every exported method of any type used through an interface: a
// Responses holding the survey listing would keep it, and all it calls. Cross-area
// transactions are built from the Table's unexported step builders by
// the type that owns the operation, so each stays one transaction.
type (
	// Responses: a survey's definition as the public page reads it, its
	// answers given and erased.
	Responses struct{ *Table }
	// SurveyAdmin: definitions written and listed, answers paged.
	SurveyAdmin struct{ *Table }
	// Registrations: a meeting as the public page reads it, registering,
	// cancelling, the waitlist place.
	Registrations struct{ *Table }
	// MeetingAdmin: meetings written, listed and rescheduled, free seats
	// filled, registrations paged, the waitlist's order.
	MeetingAdmin struct{ *Table }
	// Invitations: a personal link resolved, an invitation read.
	Invitations struct{ *Table }
	// InvitationAdmin: invitations written (with their mails), paged,
	// reminded by hand and given a changed reminder plan.
	InvitationAdmin struct{ *Table }
	// Outbox: the mailer's claim and sends, held and failed mails, the
	// per-person mail cap.
	Outbox struct{ *Table }
	// MailAdmin: an office's failed mails listed and sent again.
	MailAdmin struct{ *Table }
	// Suppressions: SES's bounces and complaints.
	Suppressions struct{ *Table }
	// AuditLog: an office's audit trail, read.
	AuditLog struct{ *Table }
	// Sessions: the console's sign-in sessions.
	Sessions struct{ *Table }
	// Offices: an office's profile and privacy notices, read.
	Offices struct{ *Table }
	// OfficeAdmin: an office's profile written.
	OfficeAdmin struct{ *Table }
	// Legal: the feedback form's messages and objections, as the public
	// pages write them.
	Legal struct{ *Table }
	// LegalAdmin: a feedback message read, objections listed and marked.
	LegalAdmin struct{ *Table }
	// Reminders: the planned reminders of invitations.
	Reminders struct{ *Table }
	// Keys: Idempotency-Keys of multi-step requests.
	Keys struct{ *Table }
	// Wording: a survey's or meeting's own invitation and reminder texts.
	Wording struct{ *Table }
	// Drafts: what was entered through a personal survey link, kept
	// between visits until the answer is sent.
	Drafts struct{ *Table }
	// Orgs: the office's organisations (ORGANISATIONS.md), their
	// histories, lookups and list.
	Orgs struct{ *Table }
)

// Store is every area on one table, for the seed, the scripts and the
// tests. The functions hold only the areas they use: every method of a
// type used through an interface stays in the bootstrap, and each of
// Store's is a wrapper of its own.
type Store struct {
	*Table
	Responses
	SurveyAdmin
	Registrations
	MeetingAdmin
	Invitations
	InvitationAdmin
	Outbox
	MailAdmin
	Suppressions
	AuditLog
	Sessions
	Offices
	OfficeAdmin
	Legal
	LegalAdmin
	Reminders
	Keys
	Wording
	Drafts
	Orgs
}

// New returns every area on table. Build db once per container.
func New(db *dynamodb.Client, table string) *Store { return StoreOf(NewTable(db, table)) }

// StoreOf returns every area on t.
func StoreOf(t *Table) *Store {
	return &Store{t, Responses{t}, SurveyAdmin{t}, Registrations{t}, MeetingAdmin{t}, Invitations{t}, InvitationAdmin{t},
		Outbox{t}, MailAdmin{t}, Suppressions{t}, AuditLog{t}, Sessions{t}, Offices{t}, OfficeAdmin{t}, Legal{t}, LegalAdmin{t}, Reminders{t}, Keys{t}, Wording{t}, Drafts{t}, Orgs{t}}
}
