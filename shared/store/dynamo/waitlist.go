package dynamo

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/meeting"
)

// A meeting's waitlist is one item beside the meeting: the ids of the
// waiting registrations, in line. A registration joins it in its own
// transaction by appending its id (list_append), so the line is the order
// in which those transactions committed, whatever their ids or clocks say:
// read after the commit, a registration's place in it is exact. Every step
// that takes a registration off the waitlist removes its id in the same
// transaction, on the condition that the id is still where it was read
// (so a line that moved meanwhile makes that transaction look again).
const (
	waitlistSK = "WAITLIST"
	// stepWaitlist is the name of the waitlist item's step.
	stepWaitlist = "waitlist"
	// attrLine is the waitlist item's list of registration ids.
	attrLine = "line"
)

// joinWaitlist appends r's id to m's waitlist (creating it).
func (s *Table) joinWaitlist(m *meeting.Meeting, r *meeting.Registration) step {
	return step{stepWaitlist, s.update(key(meetingPK(m.ID), waitlistSK), "SET #line = list_append(if_not_exists(#line, :empty), :me), #type = :type, #ttl = :exp", "",
		map[string]types.AttributeValue{":empty": &types.AttributeValueMemberL{Value: []types.AttributeValue{}},
			":me":   &types.AttributeValueMemberL{Value: []types.AttributeValue{str(r.ID)}},
			":type": str("waitlist"), ":exp": num(m.ExpiresAt().Unix())})}
}

// leaveWaitlist removes id from the meeting's waitlist as the step name,
// given the line as read: only if id is still at its place there (none
// when it is not in line).
func (s *Table) leaveWaitlist(name, meetingID string, line []string, id string) []step {
	i := slices.Index(line, id)
	if i < 0 {
		return nil
	}
	at := fmt.Sprintf("#line[%d]", i)
	return []step{{name, s.update(key(meetingPK(meetingID), waitlistSK), "REMOVE "+at, at+" = :id",
		map[string]types.AttributeValue{":id": str(id)})}}
}

// waitlist reads a meeting's line, strongly consistent (nil: nobody
// waits).
func (s *Table) waitlist(ctx context.Context, meetingID string) ([]string, error) {
	return s.line(ctx, meetingID, "#line")
}

// line reads the projection of a meeting's line.
func (s *Table) line(ctx context.Context, meetingID, projection string) ([]string, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(meetingPK(meetingID), waitlistSK),
		ConsistentRead: aws.Bool(true), ProjectionExpression: aws.String(projection),
		ExpressionAttributeNames: map[string]string{"#line": attrLine}})
	if err != nil {
		return nil, fmt.Errorf("get waitlist: %w", err)
	}
	var line []string
	if v, ok := out.Item[attrLine]; ok {
		if err := attributevalue.Unmarshal(v, &line); err != nil {
			return nil, fmt.Errorf("decode waitlist: %w", err)
		}
	}
	return line, nil
}

// WaitlistPosition implements meeting.Store: r's place in line (0 when it
// is not in line).
func (s Registrations) WaitlistPosition(ctx context.Context, r *meeting.Registration) (int, error) {
	line, err := s.waitlist(ctx, r.MeetingID)
	if err != nil {
		return 0, err
	}
	return slices.Index(line, r.ID) + 1, nil
}

// firstWaiting returns the first registration on m's waitlist (what
// promoting it needs: its ids), or nil.
func (s *Table) firstWaiting(ctx context.Context, m *meeting.Meeting) (*meeting.Registration, error) {
	line, err := s.line(ctx, m.ID, "#line[0]")
	if err != nil || len(line) == 0 {
		return nil, err
	}
	return &meeting.Registration{ID: line[0], MeetingID: m.ID, Office: m.Office, Status: meeting.Waitlisted}, nil
}

// WaitlistOrder returns the current waitlist place of every waitlisted
// registration: the order in which they are promoted.
func (s MeetingAdmin) WaitlistOrder(ctx context.Context, meetingID string) (map[string]int, error) {
	line, err := s.waitlist(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(line))
	for i, id := range line {
		out[id] = i + 1
	}
	return out, nil
}
