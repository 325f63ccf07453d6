package dynamo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// Meeting definition steps.
const stepMeeting = "meeting definition"

// meetingWrite writes a meeting's definition in one UpdateItem: the
// definition document, the attributes conditions read, and the counters
// (kept, or started at zero), under cond.
func (s *Table) meetingWrite(m *meeting.Meeting, cond string, vals map[string]types.AttributeValue) (step, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return step{}, fmt.Errorf("encode meeting %s: %w", m.ID, err)
	}
	closes := m.RegistrationClosesAt.Unix()
	if m.Cancelled() {
		closes = 0 // registering's condition (condOpen) refuses from now on
	}
	v := map[string]types.AttributeValue{
		":def": str(string(b)), ":cap": num(int64(m.Capacity)), ":closes": num(closes),
		":office": str(m.Office), ":type": str("meeting"), ":g1pk": str("OFFICE#" + m.Office + "#MEETINGS"),
		":g1sk": str(m.StartsAt.UTC().Format(time.RFC3339) + "#" + m.ID), ":zero": num(0), ":one": num(1),
		":seq": num(int64(m.Sequence)),
	}
	for k, x := range vals {
		v[k] = x
	}
	return step{stepMeeting, s.update(key(meetingPK(m.ID), defSK),
		"SET #def = :def, #cap = :cap, #closes = :closes, #office = :office, #type = :type, #g1pk = :g1pk, #g1sk = :g1sk, "+
			"#seq = :seq, #conf = if_not_exists(#conf, :zero), #wait = if_not_exists(#wait, :zero), "+
			"#resched = if_not_exists(#resched, :seq) ADD #ver :one", cond, v)}, nil
}

// PutMeeting creates or replaces a meeting's definition without
// conditions (the demo seed). Counters are kept.
func (s MeetingAdmin) PutMeeting(ctx context.Context, m *meeting.Meeting) error {
	st, err := s.meetingWrite(m, "", nil)
	if err != nil {
		return err
	}
	if _, err := s.write(ctx, nil, st); err != nil {
		return fmt.Errorf("put meeting %s: %w", m.ID, err)
	}
	return nil
}

// CreateMeeting stores a new meeting; an existing id is a conflict (one
// conditional write, so two concurrent creates cannot both win).
func (s MeetingAdmin) CreateMeeting(ctx context.Context, m *meeting.Meeting) error {
	st, err := s.meetingWrite(m, "attribute_not_exists(#pk)", nil)
	if err != nil {
		return err
	}
	_, err = s.write(ctx, nil, st)
	var f *StepsFailed
	if errors.As(err, &f) {
		return apperr.New(apperr.Conflict, "meeting_exists")
	}
	if err != nil {
		return fmt.Errorf("create meeting %s: %w", m.ID, err)
	}
	return nil
}

// UpdateMeeting replaces the definition of a meeting of m.Office that is
// still at m.Version (optimistic locking: a concurrent edit is a
// conflict), if its capacity holds the confirmed seats. It reports whether
// m.Sequence has changes that have not reached every item (Reschedule).
func (s MeetingAdmin) UpdateMeeting(ctx context.Context, m *meeting.Meeting) (pending bool, err error) {
	cond := "#office = :office AND #conf <= :cap AND #ver = :ver"
	if m.Version == 0 {
		cond = "#office = :office AND #conf <= :cap AND attribute_not_exists(#ver)"
	}
	st, err := s.meetingWrite(m, cond, map[string]types.AttributeValue{":ver": num(int64(m.Version))})
	if err != nil {
		return false, err
	}
	out, err := s.single(ctx, st, types.ReturnValueAllNew)
	var f *StepsFailed
	if errors.As(err, &f) {
		old := f.Old[stepMeeting]
		switch {
		case old == nil || strAttr(old, "office") != m.Office:
			return false, apperr.New(apperr.NotFound, "meeting_not_found")
		case intAttr(old, attrConfirmed) > m.Capacity:
			return false, apperr.New(apperr.Conflict, "capacity_below_confirmed", intAttr(old, attrConfirmed))
		}
		return false, apperr.New(apperr.Conflict, "meeting_changed")
	}
	if err != nil {
		return false, fmt.Errorf("update meeting %s: %w", m.ID, err)
	}
	return intAttr(out, attrRescheduled) < m.Sequence, nil
}

// Meeting reads a meeting with its counters (strongly consistent: seat
// counts shown to people should be current).
func (s Registrations) Meeting(ctx context.Context, id string) (*meeting.Meeting, meeting.Counters, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: &s.table, Key: key(meetingPK(id), defSK), ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return nil, meeting.Counters{}, fmt.Errorf("get meeting %s: %w", id, err)
	}
	if out.Item == nil {
		return nil, meeting.Counters{}, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	return decodeMeeting(out.Item)
}

func decodeMeeting(it Item) (*meeting.Meeting, meeting.Counters, error) {
	def := strAttr(it, attrDefinition)
	if def == "" {
		return nil, meeting.Counters{}, errors.New("meeting item without definition")
	}
	var m meeting.Meeting
	if err := json.Unmarshal([]byte(def), &m); err != nil {
		return nil, meeting.Counters{}, fmt.Errorf("decode meeting: %w", err)
	}
	m.Version = intAttr(it, attrVersion)
	return &m, countersOf(it), nil
}

func countersOf(it Item) meeting.Counters {
	return meeting.Counters{Confirmed: intAttr(it, attrConfirmed), Waiting: intAttr(it, attrWaiting)}
}

func intAttr(it Item, name string) int {
	if n, ok := it[name].(*types.AttributeValueMemberN); ok {
		v, _ := strconv.Atoi(n.Value)
		return v
	}
	return 0
}

func strAttr(it Item, name string) string {
	if v, ok := it[name].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

// Meetings lists the meetings of an office with their counters.
func (s MeetingAdmin) Meetings(ctx context.Context, office string) ([]*meeting.Meeting, []meeting.Counters, error) {
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

// rescheduleWorkers is how many item updates run at once when a meeting
// moves.
const rescheduleWorkers = 8

// Reschedule carries a meeting's change (m.Sequence) to every item it
// has: all items of the meeting and the token items of its registrations
// and invitations get the new expiry, and every live registration an
// "updated" mail. Each mail's outbox id is derived from the sequence and
// the registration, so a re-run (after a failure half-way) queues no mail
// twice. When all is done the meeting records the sequence as carried out.
func (s MeetingAdmin) Reschedule(ctx context.Context, m *meeting.Meeting, now time.Time) error {
	exp := num(m.ExpiresAt().Unix())
	var writes []types.TransactWriteItem
	setTTL := func(k Item) {
		writes = append(writes, s.update(k, "SET #ttl = :exp", "attribute_exists(#pk)", map[string]types.AttributeValue{":exp": exp}))
	}
	err := s.queryEach(ctx, meetingPK(m.ID), "", func(items []Item) error {
		for _, it := range items {
			sk := strAttr(it, AttrSK)
			if sk == defSK {
				continue
			}
			setTTL(key(meetingPK(m.ID), sk))
			if h := strAttr(it, "tokenHash"); h != "" {
				setTTL(key(tokenPK(h), tokenSK))
			}
			if strAttr(it, "type") != "registration" {
				continue
			}
			st := meeting.RegStatus(strAttr(it, "status"))
			if st != meeting.Confirmed && st != meeting.Waitlisted {
				continue
			}
			o := newOutbox(fmt.Sprintf("%s-%d-%s", outbox.Updated, m.Sequence, strAttr(it, "id")), outbox.Updated, now)
			o.MeetingID, o.RegistrationID, o.Office = m.ID, strAttr(it, "id"), m.Office
			writes = append(writes, s.put(item(o), true))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reschedule meeting %s: %w", m.ID, err)
	}
	if err := s.each(ctx, writes, rescheduleWorkers); err != nil {
		return fmt.Errorf("reschedule meeting %s: %w", m.ID, err)
	}
	_, err = s.write(ctx, nil, step{stepMeeting, s.update(key(meetingPK(m.ID), defSK), "SET #resched = :seq",
		"attribute_exists(#pk) AND #resched < :seq", map[string]types.AttributeValue{":seq": num(int64(m.Sequence))})})
	var f *StepsFailed
	if err != nil && !errors.As(err, &f) { // failed: a later sequence was carried out already
		return fmt.Errorf("reschedule meeting %s: %w", m.ID, err)
	}
	return nil
}

// each runs single-item writes, n at a time. A failed condition is not an
// error here: the item is gone, or (a put) there already.
func (s *Table) each(ctx context.Context, writes []types.TransactWriteItem, n int) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	work := make(chan types.TransactWriteItem)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for w := range work {
				_, err := s.write(ctx, nil, step{"item", w})
				var f *StepsFailed
				if err != nil && !errors.As(err, &f) {
					mu.Lock()
					first = cmpOr(first, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, w := range writes {
		mu.Lock()
		failed := first != nil
		mu.Unlock()
		if failed {
			break
		}
		work <- w
	}
	close(work)
	wg.Wait()
	return first
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
