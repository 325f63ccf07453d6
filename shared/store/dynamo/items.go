package dynamo

import (
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// Keys of the one table (docs/storage.md). Every item has a type attribute
// and a struct below with its converters.
func meetingPK(id string) string   { return "MEETING#" + id }
func surveyPK(id string) string    { return "SURVEY#" + id }
func tokenPK(hash string) string   { return "TOKEN#" + hash }
func outboxPK(id string) string    { return "OUTBOX#" + id }
func idemPK(keyHash string) string { return "IDEM#" + keyHash }

const (
	defSK          = "DEF"
	regSKPrefix    = "REG#"
	emailSKPrefix  = "EMAIL#"
	orgSKPrefix    = "ORG#"
	invSKPrefix    = "INV#"
	responseSKPref = "RESP#"
	tokenSK        = "TOKEN"
	outboxSK       = "OUTBOX"
	idemSK         = "IDEM"
)

// OutboxRetention is how long sent mail records are kept.
const OutboxRetention = 30 * 24 * time.Hour

// item encodes one of this file's structs. They are ours and fixed, so a
// failure is a bug, not a condition to handle.
func item(v any) Item {
	m, err := attributevalue.MarshalMap(v)
	if err != nil {
		panic(fmt.Sprintf("dynamo: encode %T: %v", v, err))
	}
	return m
}

// head is what every item of personal or transient data starts with: its
// key, its type and its expiry (the TTL: no such item lives for ever).
type head struct {
	PK        string `dynamodbav:"pk"`
	SK        string `dynamodbav:"sk"`
	Type      string `dynamodbav:"type"`
	ExpiresAt int64  `dynamodbav:"expiresAt"`
}

// regItem is a registration. While waitlisted its id is on the meeting's
// waitlist (waitlistItem).
type regItem struct {
	head
	ID           string          `dynamodbav:"id"`
	MeetingID    string          `dynamodbav:"meetingId"`
	Office       string          `dynamodbav:"office"`
	Status       string          `dynamodbav:"status"`
	Name         string          `dynamodbav:"name"`
	Email        string          `dynamodbav:"email"`
	Organisation string          `dynamodbav:"organisation"`
	Role         string          `dynamodbav:"role"`
	Language     string          `dynamodbav:"language"`
	Needs        meeting.Needs   `dynamodbav:"needs"`
	Consent      meeting.Consent `dynamodbav:"consent"`
	Topics       []string        `dynamodbav:"topics,omitempty"`
	// NoticeVersion: the privacy notice's version the consent was given to.
	NoticeVersion string `dynamodbav:"noticeVersion,omitempty"`
	TokenHash     string `dynamodbav:"tokenHash"`
	InvitationID  string `dynamodbav:"invitationId,omitempty"`
	CreatedAt     string `dynamodbav:"createdAt"`
	UpdatedAt     string `dynamodbav:"updatedAt"`
}

func toRegItem(r *meeting.Registration) regItem {
	return regItem{
		head: head{meetingPK(r.MeetingID), regSKPrefix + r.ID, "registration", r.ExpiresAt.Unix()},
		ID:   r.ID, MeetingID: r.MeetingID, Office: r.Office, Status: string(r.Status),
		Name: r.Name, Email: r.Email, Organisation: r.Organisation, Role: r.Role, Language: r.Language,
		Needs: r.Needs, Consent: r.Consent, Topics: r.Topics, NoticeVersion: r.NoticeVersion, TokenHash: r.TokenHash, InvitationID: r.InvitationID,
		CreatedAt: r.CreatedAt.UTC().Format(time.RFC3339Nano), UpdatedAt: r.UpdatedAt.UTC().Format(time.RFC3339Nano),
	}
}

func (it regItem) registration() *meeting.Registration {
	created, _ := time.Parse(time.RFC3339Nano, it.CreatedAt)
	updated, _ := time.Parse(time.RFC3339Nano, it.UpdatedAt)
	return &meeting.Registration{
		ID: it.ID, MeetingID: it.MeetingID, Office: it.Office, Status: meeting.RegStatus(it.Status),
		Name: it.Name, Email: it.Email, Organisation: it.Organisation, Role: it.Role, Language: it.Language,
		Needs: it.Needs, Consent: it.Consent, Topics: it.Topics, NoticeVersion: it.NoticeVersion, TokenHash: it.TokenHash, InvitationID: it.InvitationID,
		CreatedAt: created, UpdatedAt: updated, ExpiresAt: time.Unix(it.ExpiresAt, 0),
	}
}

func decodeReg(it Item) (*meeting.Registration, error) {
	var ri regItem
	if err := attributevalue.UnmarshalMap(it, &ri); err != nil {
		return nil, fmt.Errorf("decode registration: %w", err)
	}
	return ri.registration(), nil
}

// tokenItem resolves the hash of a personal link's token to what it opens:
// a registration (manage link) or an invitation.
type tokenItem struct {
	head
	Kind           string `dynamodbav:"kind"` // meeting.TokenKind or invitation.TokenKind
	MeetingID      string `dynamodbav:"meetingId,omitempty"`
	RegistrationID string `dynamodbav:"registrationId,omitempty"`
	TargetKind     string `dynamodbav:"targetKind,omitempty"`
	TargetID       string `dynamodbav:"targetId,omitempty"`
	InvitationID   string `dynamodbav:"invitationId,omitempty"`
}

func newTokenItem(hash string, expires time.Time) tokenItem {
	return tokenItem{head: head{tokenPK(hash), tokenSK, "token", expires.Unix()}}
}

// emailLockItem holds an address's one live registration for a meeting;
// its key is a hash, so the address is not in a key.
type emailLockItem struct {
	head
	RegistrationID string `dynamodbav:"registrationId"`
}

// orgCountItem counts an organisation's live registrations for a meeting
// with a per-organisation limit. It is only ever written by orgStep's ADD.
type orgCountItem struct {
	head
	Live int `dynamodbav:"live"`
}

// outboxItem is a mail to send, written in the transaction of its event.
type outboxItem struct {
	head
	Kind           outbox.Kind `dynamodbav:"kind"`
	MeetingID      string      `dynamodbav:"meetingId,omitempty"`
	RegistrationID string      `dynamodbav:"registrationId,omitempty"`
	TargetKind     string      `dynamodbav:"targetKind,omitempty"`
	TargetID       string      `dynamodbav:"targetId,omitempty"`
	InvitationID   string      `dynamodbav:"invitationId,omitempty"`
	ResponseID     string      `dynamodbav:"responseId,omitempty"` // a Register item's answer
	Status         string      `dynamodbav:"status"`               // pending, sending, held, sent; failed (and resent)
	Office         string      `dynamodbav:"office,omitempty"`
	ByOffice       bool        `dynamodbav:"byOffice,omitempty"` // a coordinator's resend: no cap
	Error          string      `dynamodbav:"error,omitempty"`    // SES's error code of a failed mail, the reason of a held one
	FailedAt       string      `dynamodbav:"failedAt,omitempty"` // when it failed, was held back, or was sent after an unknown send
	// gsi1: until done OUTBOX#OPEN / <due>#<pk> (the sweep's), then while
	// failed or after an unknown send OFFICE#<office>#FAILED / <failedAt>#<pk>.
	GSI1PK       string `dynamodbav:"gsi1pk,omitempty"`
	GSI1SK       string `dynamodbav:"gsi1sk,omitempty"`
	LeaseUntil   int64  `dynamodbav:"leaseUntil,omitempty"`
	Holder       string `dynamodbav:"holder,omitempty"`    // the claim's token
	SendingAt    string `dynamodbav:"sendingAt,omitempty"` // a send began and its result is not recorded yet
	UnknownSends int    `dynamodbav:"unknownSends,omitempty"`
	HeldUntil    int64  `dynamodbav:"heldUntil,omitempty"` // epoch ms
	Attempts     int    `dynamodbav:"attempts,omitempty"`
	MessageID    string `dynamodbav:"messageId,omitempty"`
	CreatedAt    string `dynamodbav:"createdAt"`
	SentAt       string `dynamodbav:"sentAt,omitempty"`
}

// Outbox statuses.
const (
	outboxPending = "pending"
	outboxSending = "sending"
	outboxHeld    = "held"
	outboxSent    = "sent"
	outboxFailed  = "failed"
	outboxResent  = "resent"
)

func newOutbox(id string, kind outbox.Kind, now time.Time) outboxItem {
	return outboxItem{head: head{outboxPK(id), outboxSK, "outbox", now.Add(OutboxRetention).Unix()}, Kind: kind, Status: outboxPending,
		GSI1PK: openPK, GSI1SK: dueKey(now.Add(OutboxStuckAfter), outboxPK(id)), CreatedAt: now.UTC().Format(time.RFC3339Nano)}
}

func (it outboxItem) entry() *outbox.Item {
	return &outbox.Item{ID: it.PK, Kind: it.Kind, MeetingID: it.MeetingID, RegistrationID: it.RegistrationID,
		TargetKind: it.TargetKind, TargetID: it.TargetID, InvitationID: it.InvitationID, ResponseID: it.ResponseID, Office: it.Office, ByOffice: it.ByOffice,
		Attempts: it.Attempts, Holder: it.Holder, UnknownSends: it.UnknownSends}
}

// idemItem is an Idempotency-Key's claim: the first request's result, or
// (for the coordinators' multi-step requests) "pending" while it runs.
type idemItem struct {
	head
	RequestHash string `dynamodbav:"requestHash"`
	State       string `dynamodbav:"state"` // pending, done
	Status      int    `dynamodbav:"status,omitempty"`
	Body        string `dynamodbav:"body,omitempty"`
}

// Meeting definition items: the definition as one JSON document beside
// the counters and the attributes conditions read.
const (
	attrDefinition  = "definition"
	attrConfirmed   = "confirmed"
	attrWaiting     = "waiting"
	attrVersion     = "version"     // +1 on every definition write
	attrRescheduled = "rescheduled" // the sequence whose changes reached every item
)

// str and num are attribute values for expressions.
func str(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
