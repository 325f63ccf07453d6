package dynamo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
)

var _ meeting.Store = (*Store)(nil)

func meetingPK(id string) string { return "MEETING#" + id }
func waitPK(id string) string    { return "MEETING#" + id + "#WAIT" }
func ticketSK(n int) string      { return fmt.Sprintf("%010d", n) }

const (
	meetingDefSK = "DEF"
	regSKPref    = "REG#"
	emailSKPref  = "EMAIL#"
	orgSKPref    = "ORG#"
	// OutboxRetention is how long sent mail records are kept.
	OutboxRetention = 30 * 24 * time.Hour
)

// PutMeeting creates or updates a meeting's definition. Counters are kept:
// they belong to the registrations, not the definition.
func (s *Store) PutMeeting(ctx context.Context, m *meeting.Meeting) error {
	return s.writeMeeting(ctx, m, nil)
}

// writeMeeting writes a meeting's definition (counters kept, or started at
// zero) in one UpdateItem, under cond if given. A failed cond returns
// *types.ConditionalCheckFailedException with the old item.
func (s *Store) writeMeeting(ctx context.Context, m *meeting.Meeting, cond *string) error {
	if err := m.Validate(); err != nil {
		return err
	}
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encode meeting %s: %w", m.ID, err)
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		ConditionExpression:                 cond,
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
		TableName:                           &s.table, Key: key(meetingPK(m.ID), meetingDefSK),
		UpdateExpression: aws.String("SET #def = :def, #cap = :cap, #closes = :closes, #office = :office, #type = :type, " +
			"#g1pk = :g1pk, #g1sk = :g1sk, #conf = if_not_exists(#conf, :zero), #wait = if_not_exists(#wait, :zero), " +
			"#seq = if_not_exists(#seq, :zero)"),
		ExpressionAttributeNames: map[string]string{
			"#def": "definition", "#cap": "capacity", "#closes": "closesAt", "#office": "office", "#type": "type",
			"#g1pk": AttrGSI1PK, "#g1sk": AttrGSI1SK, "#conf": "confirmed", "#wait": "waiting", "#seq": "waitSeq",
		},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":def": str(string(b)), ":cap": num(int64(m.Capacity)), ":closes": num(m.RegistrationClosesAt.Unix()),
			":office": str(m.Office), ":type": str("meeting"), ":g1pk": str("OFFICE#" + m.Office + "#MEETINGS"),
			":g1sk": str(m.StartsAt.UTC().Format(time.RFC3339) + "#" + m.ID), ":zero": num(0),
		},
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ccf
	}
	if err != nil {
		return fmt.Errorf("put meeting %s: %w", m.ID, err)
	}
	return nil
}

// Meeting reads a meeting with its counters (strongly consistent: seat
// counts shown to people should be current).
func (s *Store) Meeting(ctx context.Context, id string) (*meeting.Meeting, meeting.Counters, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: &s.table, Key: key(meetingPK(id), meetingDefSK), ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return nil, meeting.Counters{}, fmt.Errorf("get meeting %s: %w", id, err)
	}
	if out.Item == nil {
		return nil, meeting.Counters{}, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	return decodeMeeting(out.Item)
}

func decodeMeeting(item map[string]types.AttributeValue) (*meeting.Meeting, meeting.Counters, error) {
	def, ok := item["definition"].(*types.AttributeValueMemberS)
	if !ok {
		return nil, meeting.Counters{}, errors.New("meeting item without definition")
	}
	var m meeting.Meeting
	if err := json.Unmarshal([]byte(def.Value), &m); err != nil {
		return nil, meeting.Counters{}, fmt.Errorf("decode meeting: %w", err)
	}
	return &m, meeting.Counters{Confirmed: intAttr(item, "confirmed"), Waiting: intAttr(item, "waiting")}, nil
}

func intAttr(item map[string]types.AttributeValue, name string) int {
	if n, ok := item[name].(*types.AttributeValueMemberN); ok {
		v, _ := strconv.Atoi(n.Value)
		return v
	}
	return 0
}

// regItem is the stored shape of a registration.
type regItem struct {
	PK             string          `dynamodbav:"pk"`
	SK             string          `dynamodbav:"sk"`
	GSI1PK         string          `dynamodbav:"gsi1pk,omitempty"`
	GSI1SK         string          `dynamodbav:"gsi1sk,omitempty"`
	Type           string          `dynamodbav:"type"`
	ID             string          `dynamodbav:"id"`
	MeetingID      string          `dynamodbav:"meetingId"`
	Office         string          `dynamodbav:"office"`
	Status         string          `dynamodbav:"status"`
	WaitlistTicket int             `dynamodbav:"waitlistTicket,omitempty"`
	Name           string          `dynamodbav:"name"`
	Email          string          `dynamodbav:"email"`
	Organisation   string          `dynamodbav:"organisation"`
	Role           string          `dynamodbav:"role"`
	Language       string          `dynamodbav:"language"`
	Needs          meeting.Needs   `dynamodbav:"needs"`
	Consent        meeting.Consent `dynamodbav:"consent"`
	TokenHash      string          `dynamodbav:"tokenHash"`
	InvitationID   string          `dynamodbav:"invitationId,omitempty"`
	CreatedAt      string          `dynamodbav:"createdAt"`
	UpdatedAt      string          `dynamodbav:"updatedAt"`
	ExpiresAt      int64           `dynamodbav:"expiresAt"`
}

func toRegItem(r *meeting.Registration) regItem {
	it := regItem{
		PK: meetingPK(r.MeetingID), SK: regSKPref + r.ID, Type: "registration",
		ID: r.ID, MeetingID: r.MeetingID, Office: r.Office, Status: string(r.Status), WaitlistTicket: r.WaitlistTicket,
		Name: r.Name, Email: r.Email, Organisation: r.Organisation, Role: r.Role, Language: r.Language,
		Needs: r.Needs, Consent: r.Consent, TokenHash: r.TokenHash, InvitationID: r.InvitationID,
		CreatedAt: r.CreatedAt.UTC().Format(time.RFC3339Nano), UpdatedAt: r.UpdatedAt.UTC().Format(time.RFC3339Nano),
		ExpiresAt: r.ExpiresAt.Unix(),
	}
	if r.Status == meeting.Waitlisted {
		it.GSI1PK, it.GSI1SK = waitPK(r.MeetingID), ticketSK(r.WaitlistTicket)
	}
	return it
}

func fromRegItem(it regItem) *meeting.Registration {
	created, _ := time.Parse(time.RFC3339Nano, it.CreatedAt)
	updated, _ := time.Parse(time.RFC3339Nano, it.UpdatedAt)
	return &meeting.Registration{
		ID: it.ID, MeetingID: it.MeetingID, Office: it.Office, Status: meeting.RegStatus(it.Status),
		WaitlistTicket: it.WaitlistTicket, Name: it.Name, Email: it.Email, Organisation: it.Organisation,
		Role: it.Role, Language: it.Language, Needs: it.Needs, Consent: it.Consent, TokenHash: it.TokenHash, InvitationID: it.InvitationID,
		CreatedAt: created, UpdatedAt: updated, ExpiresAt: time.Unix(it.ExpiresAt, 0),
	}
}

// outboxPut is the mail to send for an event, written in the event's
// transaction; the mailer picks it up from the table's stream.
func (s *Store) outboxPut(kind string, r *meeting.Registration, now time.Time) types.TransactWriteItem {
	return types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: map[string]types.AttributeValue{
		AttrPK: str("OUTBOX#" + ulid.Make().String()), AttrSK: str("OUTBOX"), "type": str("outbox"),
		"kind": str(kind), "meetingId": str(r.MeetingID), "registrationId": str(r.ID), "status": str("pending"),
		"createdAt": str(now.UTC().Format(time.RFC3339Nano)), AttrTTL: num(now.Add(OutboxRetention).Unix()),
	}}}
}

// Register implements meeting.Store: see the interface. A free seat costs
// one transaction; a full meeting costs the failed transaction, one ticket
// update and the waitlist transaction.
func (s *Store) Register(ctx context.Context, m *meeting.Meeting, r *meeting.Registration, claim *idempotency.Claim, now time.Time) (*idempotency.Replay, error) {
	off := 0
	if claim != nil {
		off = 1
	}
	// seatUpdate counts one more in counter (#conf: a seat, #wait: the
	// waitlist) if cond holds and registration is still open.
	seatUpdate := func(counter, cond string) *types.Update {
		return &types.Update{
			TableName: &s.table, Key: key(meetingPK(m.ID), meetingDefSK),
			UpdateExpression:    aws.String("ADD " + counter + " :one"),
			ConditionExpression: aws.String("attribute_exists(pk) AND " + cond + " AND #closes > :now"),
			ExpressionAttributeNames: map[string]string{
				"#conf": "confirmed", "#cap": "capacity", "#wait": "waiting", "#closes": "closesAt",
			},
			ExpressionAttributeValues:           map[string]types.AttributeValue{":one": num(1), ":zero": num(0), ":now": num(now.Unix())},
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
		}
	}
	for attempt := 0; attempt < 10; attempt++ {
		// First try a seat.
		r.Status, r.WaitlistTicket = meeting.Confirmed, 0
		replay, err := s.registerTx(ctx, m, r, claim, now,
			seatUpdate("#conf", "#conf < #cap AND #wait = :zero"))
		if err == nil {
			return replay, nil
		}
		full, err := s.registerFailure(err, off, countsOrg(m, r), now)
		if !full {
			return nil, err
		}
		// Full: draw a waitlist ticket, then join the waitlist unless a
		// seat came free meanwhile.
		out, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
			TableName: &s.table, Key: key(meetingPK(m.ID), meetingDefSK),
			UpdateExpression:          aws.String("ADD #seq :one"),
			ConditionExpression:       aws.String("attribute_exists(pk)"),
			ExpressionAttributeNames:  map[string]string{"#seq": "waitSeq"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":one": num(1)},
			ReturnValues:              types.ReturnValueUpdatedNew,
		})
		if err != nil {
			return nil, fmt.Errorf("draw waitlist ticket: %w", err)
		}
		r.Status, r.WaitlistTicket = meeting.Waitlisted, intAttr(out.Attributes, "waitSeq")
		replay, err = s.registerTx(ctx, m, r, claim, now,
			seatUpdate("#wait", "(#conf >= #cap OR #wait > :zero)"))
		if err == nil {
			return replay, nil
		}
		if full, err = s.registerFailure(err, off, countsOrg(m, r), now); full {
			return nil, err
		}
		if err != nil {
			return nil, err
		}
		// A seat came free between the two steps: try for it again.
	}
	return nil, errors.New("register: seat state kept changing")
}

// registerFailure classifies a cancelled registration transaction. It
// returns full=true when the meeting condition failed with registration
// still open; otherwise the error to return (nil: retry).
func (s *Store) registerFailure(err error, off int, withOrg bool, now time.Time) (full bool, _ error) {
	var c *Canceled
	if !errors.As(err, &c) {
		return false, err
	}
	switch {
	case c.Failed(off):
		old := c.Reasons[off].Item
		if old == nil {
			return false, apperr.New(apperr.NotFound, "meeting_not_found")
		}
		if int64(intAttr(old, "closesAt")) <= now.Unix() {
			return false, apperr.New(apperr.Closed, "registration_closed")
		}
		return true, nil
	case c.Failed(off + 2):
		return false, apperr.New(apperr.Conflict, "already_registered")
	case withOrg && c.Failed(off+5):
		return false, apperr.New(apperr.Conflict, "organisation_limit")
	}
	return false, err
}

// countsOrg reports whether a registration counts against a per-organisation
// limit (and so carries the organisation counter in its transaction).
func countsOrg(m *meeting.Meeting, r *meeting.Registration) bool {
	return m.MaxPerOrganisation > 0 && r.Organisation != ""
}

// registerTx writes [claim], meeting update, registration, email lock,
// token, outbox, [organisation counter], [invitation] — registerFailure
// reads failures by these positions.
func (s *Store) registerTx(ctx context.Context, m *meeting.Meeting, r *meeting.Registration, claim *idempotency.Claim, now time.Time, meetingUpdate *types.Update) (*idempotency.Replay, error) {
	if claim != nil {
		b, err := json.Marshal(meeting.ResultOf(r))
		if err != nil {
			return nil, err
		}
		claim.Body = b
	}
	reg, err := attributevalue.MarshalMap(toRegItem(r))
	if err != nil {
		return nil, fmt.Errorf("encode registration: %w", err)
	}
	exp := num(r.ExpiresAt.Unix())
	items := []types.TransactWriteItem{
		{Update: meetingUpdate},
		{Put: &types.Put{TableName: &s.table, Item: reg, ConditionExpression: condNew}},
		{Put: &types.Put{TableName: &s.table, ConditionExpression: condNew, Item: map[string]types.AttributeValue{
			AttrPK: str(meetingPK(m.ID)), AttrSK: str(emailSKPref + meeting.EmailKey(r.Email)),
			"type": str("email-lock"), "registrationId": str(r.ID), AttrTTL: exp,
		}}},
	}
	items = append(items,
		types.TransactWriteItem{Put: &types.Put{TableName: &s.table, ConditionExpression: condNew, Item: map[string]types.AttributeValue{
			AttrPK: str("TOKEN#" + r.TokenHash), AttrSK: str("TOKEN"), "type": str("token"), "kind": str(meeting.TokenKind),
			"meetingId": str(r.MeetingID), "registrationId": str(r.ID), AttrTTL: exp,
		}}},
		s.outboxPut(string(r.Status), r, now),
	)
	if countsOrg(m, r) {
		items = append(items, types.TransactWriteItem{Update: &types.Update{
			TableName: &s.table, Key: key(meetingPK(m.ID), orgSKPref+meeting.OrgKey(r.Organisation)),
			UpdateExpression:          aws.String("ADD #live :one SET #type = :type, #ttl = :exp"),
			ConditionExpression:       aws.String("attribute_not_exists(#live) OR #live < :max"),
			ExpressionAttributeNames:  map[string]string{"#live": "live", "#type": "type", "#ttl": AttrTTL},
			ExpressionAttributeValues: map[string]types.AttributeValue{":one": num(1), ":max": num(int64(m.MaxPerOrganisation)), ":type": str("org-count"), ":exp": exp},
		}})
	}
	if r.InvitationID != "" {
		items = append(items, s.markInvitation(meetingPK(m.ID), r.InvitationID, "registered", now))
	}
	return s.transactWithClaim(ctx, claim, items...)
}

// RegistrationByToken implements meeting.Store.
func (s *Store) RegistrationByToken(ctx context.Context, tokenHash string) (*meeting.Registration, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key("TOKEN#"+tokenHash, "TOKEN")})
	if err != nil {
		return nil, fmt.Errorf("get token: %w", err)
	}
	if out.Item == nil || out.Item["kind"] == nil || out.Item["kind"].(*types.AttributeValueMemberS).Value != meeting.TokenKind {
		return nil, apperr.New(apperr.NotFound, "registration_not_found")
	}
	var t struct {
		MeetingID      string `dynamodbav:"meetingId"`
		RegistrationID string `dynamodbav:"registrationId"`
	}
	if err := attributevalue.UnmarshalMap(out.Item, &t); err != nil {
		return nil, fmt.Errorf("decode token: %w", err)
	}
	return s.Registration(ctx, t.MeetingID, t.RegistrationID)
}

// Registration reads one registration (strongly consistent).
func (s *Store) Registration(ctx context.Context, meetingID, id string) (*meeting.Registration, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: &s.table, Key: key(meetingPK(meetingID), regSKPref+id), ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return nil, fmt.Errorf("get registration %s: %w", id, err)
	}
	if out.Item == nil {
		return nil, apperr.New(apperr.NotFound, "registration_not_found")
	}
	var it regItem
	if err := attributevalue.UnmarshalMap(out.Item, &it); err != nil {
		return nil, fmt.Errorf("decode registration %s: %w", id, err)
	}
	return fromRegItem(it), nil
}

// WaitlistPosition implements meeting.Store: 1 + those ahead in line.
func (s *Store) WaitlistPosition(ctx context.Context, r *meeting.Registration) (int, error) {
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{
		TableName: &s.table, IndexName: aws.String(IndexGSI1), Select: types.SelectCount,
		KeyConditionExpression:   aws.String("#pk = :pk AND #sk < :sk"),
		ExpressionAttributeNames: map[string]string{"#pk": AttrGSI1PK, "#sk": AttrGSI1SK},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(waitPK(r.MeetingID)), ":sk": str(ticketSK(r.WaitlistTicket)),
		},
	})
	if err != nil {
		return 0, fmt.Errorf("count waitlist: %w", err)
	}
	return int(out.Count) + 1, nil
}

// firstWaiting returns the first registration on the waitlist, or nil.
func (s *Store) firstWaiting(ctx context.Context, meetingID string) (*meeting.Registration, error) {
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{
		TableName: &s.table, IndexName: aws.String(IndexGSI1), Limit: aws.Int32(1),
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrGSI1PK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(waitPK(meetingID))},
	})
	if err != nil {
		return nil, fmt.Errorf("query waitlist: %w", err)
	}
	if len(out.Items) == 0 {
		return nil, nil
	}
	var it regItem
	if err := attributevalue.UnmarshalMap(out.Items[0], &it); err != nil {
		return nil, fmt.Errorf("decode waitlisted registration: %w", err)
	}
	return fromRegItem(it), nil
}

// setStatus moves a registration from one status to another; leaving the
// waitlist removes it from the waitlist index.
func (s *Store) setStatus(r *meeting.Registration, from, to meeting.RegStatus, now time.Time) types.TransactWriteItem {
	return types.TransactWriteItem{Update: &types.Update{
		TableName: &s.table, Key: key(meetingPK(r.MeetingID), regSKPref+r.ID),
		UpdateExpression:          aws.String("SET #st = :to, #up = :now REMOVE #g1pk, #g1sk"),
		ConditionExpression:       aws.String("#st = :from"),
		ExpressionAttributeNames:  map[string]string{"#st": "status", "#up": "updatedAt", "#g1pk": AttrGSI1PK, "#g1sk": AttrGSI1SK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":to": str(string(to)), ":from": str(string(from)), ":now": str(now.UTC().Format(time.RFC3339Nano))},
	}}
}

func (s *Store) meetingAdd(meetingID, counter string, delta int64, cond string) types.TransactWriteItem {
	return types.TransactWriteItem{Update: &types.Update{
		TableName: &s.table, Key: key(meetingPK(meetingID), meetingDefSK),
		UpdateExpression:          aws.String("ADD #c :d"),
		ConditionExpression:       aws.String(cond),
		ExpressionAttributeNames:  map[string]string{"#c": counter, "#wait": "waiting"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":d": num(delta), ":zero": num(0)},
	}}
}

// Cancel implements meeting.Store. A confirmed seat passes to the first on
// the waitlist in the same transaction, so the seat count never dips and no
// newcomer can take a seat ahead of the waitlist. Conditions on every item
// make a stale view fail and retry instead of double-promoting.
func (s *Store) Cancel(ctx context.Context, m *meeting.Meeting, r *meeting.Registration, now time.Time) error {
	for attempt := 0; attempt < 20; attempt++ {
		cur, err := s.Registration(ctx, r.MeetingID, r.ID)
		if err != nil {
			return err
		}
		if cur.Status == meeting.Cancelled {
			return nil
		}
		items := []types.TransactWriteItem{
			s.setStatus(cur, cur.Status, meeting.Cancelled, now),
			{Delete: &types.Delete{TableName: &s.table, Key: key(meetingPK(m.ID), emailSKPref+meeting.EmailKey(cur.Email))}},
			s.outboxPut(string(meeting.Cancelled), cur, now),
		}
		if m.MaxPerOrganisation > 0 && cur.Organisation != "" {
			items = append(items, types.TransactWriteItem{Update: &types.Update{
				TableName: &s.table, Key: key(meetingPK(m.ID), orgSKPref+meeting.OrgKey(cur.Organisation)),
				UpdateExpression: aws.String("ADD #live :d"), ConditionExpression: aws.String("#live > :zero"),
				ExpressionAttributeNames:  map[string]string{"#live": "live"},
				ExpressionAttributeValues: map[string]types.AttributeValue{":d": num(-1), ":zero": num(0)},
			}})
		}
		switch cur.Status {
		case meeting.Waitlisted:
			items = append(items, s.meetingAdd(m.ID, "waiting", -1, "#wait > :zero"))
		case meeting.Confirmed:
			next, err := s.firstWaiting(ctx, m.ID)
			if err != nil {
				return err
			}
			if next != nil {
				items = append(items,
					s.setStatus(next, meeting.Waitlisted, meeting.Confirmed, now),
					s.meetingAdd(m.ID, "waiting", -1, "#wait > :zero"),
					s.outboxPut("promoted", next, now))
			} else {
				items = append(items, s.meetingAdd(m.ID, "confirmed", -1, "#wait = :zero"))
			}
		}
		_, err = s.transactWithClaim(ctx, nil, items...)
		if err == nil {
			return nil
		}
		var c *Canceled
		if !errors.As(err, &c) {
			return err
		}
		// Someone else changed the waitlist or this registration: look again.
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * 5 * time.Millisecond):
		}
	}
	return errors.New("cancel: waitlist kept changing")
}

// CreateMeeting stores a new meeting; an existing id is a conflict (one
// conditional write, so two concurrent creates cannot both win).
func (s *Store) CreateMeeting(ctx context.Context, m *meeting.Meeting) error {
	err := s.writeMeeting(ctx, m, aws.String("attribute_not_exists(pk)"))
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return apperr.New(apperr.Conflict, "meeting_exists")
	}
	return err
}

// UpdateMeeting replaces a meeting's definition if it belongs to m.Office
// and its new capacity holds the confirmed seats (one conditional update).
func (s *Store) UpdateMeeting(ctx context.Context, m *meeting.Meeting) error {
	err := s.writeMeeting(ctx, m, aws.String("#office = :office AND #conf <= :cap"))
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		if old := ccf.Item; old != nil {
			if o, ok := old["office"].(*types.AttributeValueMemberS); ok && o.Value == m.Office {
				return apperr.New(apperr.Conflict, "capacity_below_confirmed", intAttr(old, "confirmed"))
			}
		}
		return apperr.New(apperr.NotFound, "meeting_not_found")
	}
	return err
}

// FillFreeSeats promotes waitlisted registrations while seats are free
// (after a capacity increase), each in its own conditional transaction.
func (s *Store) FillFreeSeats(ctx context.Context, m *meeting.Meeting, now time.Time) (int, error) {
	promoted := 0
	for attempt := 0; attempt < 10000; attempt++ {
		_, c, err := s.Meeting(ctx, m.ID)
		if err != nil {
			return promoted, err
		}
		if c.Confirmed >= m.Capacity || c.Waiting == 0 {
			return promoted, nil
		}
		next, err := s.firstWaiting(ctx, m.ID)
		if err != nil || next == nil {
			return promoted, err
		}
		_, err = s.transactWithClaim(ctx, nil,
			s.setStatus(next, meeting.Waitlisted, meeting.Confirmed, now),
			types.TransactWriteItem{Update: &types.Update{
				TableName: &s.table, Key: key(meetingPK(m.ID), meetingDefSK),
				UpdateExpression:          aws.String("ADD #conf :one, #wait :minus"),
				ConditionExpression:       aws.String("#conf < #cap AND #wait > :zero"),
				ExpressionAttributeNames:  map[string]string{"#conf": "confirmed", "#wait": "waiting", "#cap": "capacity"},
				ExpressionAttributeValues: map[string]types.AttributeValue{":one": num(1), ":minus": num(-1), ":zero": num(0)},
			}},
			s.outboxPut("promoted", next, now))
		var cc *Canceled
		if err == nil {
			promoted++
		} else if !errors.As(err, &cc) {
			return promoted, err
		}
	}
	return promoted, nil
}

// Meetings lists the meetings of an office with their counters.
func (s *Store) Meetings(ctx context.Context, office string) ([]*meeting.Meeting, []meeting.Counters, error) {
	items, err := s.queryIndex(ctx, "OFFICE#"+office+"#MEETINGS")
	if err != nil {
		return nil, nil, err
	}
	ms := make([]*meeting.Meeting, 0, len(items))
	cs := make([]meeting.Counters, 0, len(items))
	for _, it := range items {
		m, c, err := decodeMeeting(it)
		if err != nil {
			return nil, nil, err
		}
		ms, cs = append(ms, m), append(cs, c)
	}
	return ms, cs, nil
}

// RegistrationsPage returns a page of a meeting's registrations.
func (s *Store) RegistrationsPage(ctx context.Context, meetingID, cursor string, limit int) ([]*meeting.Registration, string, error) {
	items, next, err := s.queryPage(ctx, meetingPK(meetingID), regSKPref, cursor, limit)
	if err != nil {
		return nil, "", err
	}
	out, err := decodeRegs(items)
	return out, next, err
}

// EachRegistration streams a meeting's registrations page by page.
func (s *Store) EachRegistration(ctx context.Context, meetingID string, fn func([]*meeting.Registration) error) error {
	return s.queryEach(ctx, meetingPK(meetingID), regSKPref, func(items []Item) error {
		rs, err := decodeRegs(items)
		if err != nil {
			return err
		}
		return fn(rs)
	})
}

// WaitlistOrder returns the current waitlist position of every waitlisted
// registration (bounded by the waitlist's length).
func (s *Store) WaitlistOrder(ctx context.Context, meetingID string) (map[string]int, error) {
	out := map[string]int{}
	p := dynamodb.NewQueryPaginator(s.db, &dynamodb.QueryInput{
		TableName: &s.table, IndexName: aws.String(IndexGSI1),
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrGSI1PK, "#id": "id"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(waitPK(meetingID))},
		ProjectionExpression:      aws.String("#id"),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("query waitlist: %w", err)
		}
		for _, it := range page.Items {
			if id, ok := it["id"].(*types.AttributeValueMemberS); ok {
				out[id.Value] = len(out) + 1
			}
		}
	}
	return out, nil
}

func decodeRegs(items []Item) ([]*meeting.Registration, error) {
	out := make([]*meeting.Registration, len(items))
	for i, it := range items {
		var ri regItem
		if err := attributevalue.UnmarshalMap(it, &ri); err != nil {
			return nil, fmt.Errorf("decode registration: %w", err)
		}
		out[i] = fromRegItem(ri)
	}
	return out, nil
}
