package dynamo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// msgSKPrefix: a meeting's messages (pk MEETING#<id>, sk MSG#<id>).
const msgSKPrefix = "MSG#"

// MailRegistrants queues mail kind (ref: the message a Message mail
// carries) to every registration of m whose status is one of statuses
// and whose person has an address, and returns how many that are. Each
// mail's outbox id is derived from kind, ref and the registration, and is
// written only if new: a repeat (a second click, a concurrent post, a
// re-run after a failure half-way) mails nobody twice. The registrations
// are read strongly consistent, after the write that caused the mails.
func (s MeetingAdmin) MailRegistrants(ctx context.Context, m *meeting.Meeting, kind outbox.Kind, ref string, statuses []meeting.RegStatus, now time.Time) (int, error) {
	var writes []types.TransactWriteItem
	in := &dynamodb.QueryInput{TableName: &s.table, ConsistentRead: aws.Bool(true),
		KeyConditionExpression:    aws.String("pk = :pk AND begins_with(sk, :prefix)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(meetingPK(m.ID)), ":prefix": str(regSKPrefix)}}
	for p := dynamodb.NewQueryPaginator(s.db.Query, in); p.HasMorePages(); {
		page, err := p.NextPage(ctx)
		if err != nil {
			return 0, fmt.Errorf("mail registrants of %s: %w", m.ID, err)
		}
		for _, it := range page.Items {
			st := meeting.RegStatus(strAttr(it, "status"))
			if !slices.Contains(statuses, st) || strAttr(it, "email") == "" {
				continue
			}
			id := strAttr(it, "id")
			oid := string(kind) + "-" + id
			if ref != "" {
				oid = string(kind) + "-" + ref + "-" + id
			}
			o := newOutbox(oid, kind, now)
			o.MeetingID, o.RegistrationID, o.Office = m.ID, id, m.Office
			if ref != "" {
				o.TargetKind, o.TargetID = string(outbox.Message), ref
			}
			writes = append(writes, s.put(item(o), true))
		}
	}
	if err := s.each(ctx, writes, rescheduleWorkers); err != nil {
		return 0, fmt.Errorf("mail registrants of %s: %w", m.ID, err)
	}
	return len(writes), nil
}

// messageItem is an office's message to a meeting's people.
type messageItem struct {
	head
	Doc    string `dynamodbav:"doc"`
	SentTo int    `dynamodbav:"sentTo"`
}

// PutMessage stores a message of a meeting that expires with it; one that
// is there already (the same post again) is left as it is.
func (s MeetingAdmin) PutMessage(ctx context.Context, msg *meeting.Message, expires time.Time) error {
	b, err := json.Marshal(msg)
	if err != nil {
		return fmt.Errorf("encode message %s: %w", msg.ID, err)
	}
	_, err = s.write(ctx, nil, step{"message", s.put(item(messageItem{head: head{meetingPK(msg.MeetingID), msgSKPrefix + msg.ID, "message", expires.Unix()},
		Doc: string(b), SentTo: msg.Count}), true)})
	var f *StepsFailed
	if errors.As(err, &f) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("put message %s: %w", msg.ID, err)
	}
	return nil
}

// CountMessage records how many people a message went to. The
// attribute is no reserved word, so it needs no entry in attrNames (whose
// init every function runs).
func (s MeetingAdmin) CountMessage(ctx context.Context, meetingID, id string, n int) error {
	_, err := s.write(ctx, nil, step{"message", s.update(key(meetingPK(meetingID), msgSKPrefix+id), "SET sentTo = :n",
		"attribute_exists(#pk)", map[string]types.AttributeValue{":n": num(int64(n))})})
	if err != nil {
		return fmt.Errorf("count message %s: %w", id, err)
	}
	return nil
}

// Messages lists a meeting's messages, newest first.
func (s MeetingAdmin) Messages(ctx context.Context, meetingID string) ([]*meeting.Message, error) {
	var out []*meeting.Message
	err := s.queryEach(ctx, meetingPK(meetingID), msgSKPrefix, func(items []Item) error {
		for _, it := range items {
			msg, err := decodeMessage(it)
			if err != nil {
				return err
			}
			out = append(out, msg)
		}
		return nil
	})
	slices.SortFunc(out, func(a, b *meeting.Message) int { return b.SentAt.Compare(a.SentAt) })
	return out, err
}

// Message reads one of a meeting's messages (the mailer's), or NotFound.
func (s Outbox) Message(ctx context.Context, meetingID, id string) (*meeting.Message, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(meetingPK(meetingID), msgSKPrefix+id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, fmt.Errorf("get message %s: %w", id, err)
	}
	if out.Item == nil {
		return nil, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	return decodeMessage(out.Item)
}

func decodeMessage(it Item) (*meeting.Message, error) {
	var msg meeting.Message
	if err := json.Unmarshal([]byte(strAttr(it, "doc")), &msg); err != nil {
		return nil, fmt.Errorf("decode message: %w", err)
	}
	msg.Count = intAttr(it, "sentTo")
	return &msg, nil
}
