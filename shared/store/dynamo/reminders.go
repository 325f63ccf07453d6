package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// remindPK is the gsi1 partition of the invitations that wait for a
// planned reminder; their gsi1sk starts with its due time, so the run
// reads exactly those due (remindKey).
const remindPK = "REMIND#DUE"

func remindKey(due time.Time, pk, id string) string { return dueTime(due) + "#" + pk + "#" + id }

// DueReminders lists up to limit invitations whose planned reminder is
// due at now, the oldest first.
func (s Reminders) DueReminders(ctx context.Context, now time.Time, limit int) ([]*invitation.Invitation, error) {
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{TableName: &s.table, IndexName: aws.String(IndexGSI1),
		KeyConditionExpression:    aws.String("#pk = :pk AND #sk < :upto"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrGSI1PK, "#sk": AttrGSI1SK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(remindPK), ":upto": str(dueTime(now) + "$")},
		Limit:                     aws.Int32(int32(limit))})
	if err != nil {
		return nil, fmt.Errorf("due reminders: %w", err)
	}
	list := make([]*invitation.Invitation, 0, len(out.Items))
	for _, it := range out.Items {
		v, err := decodeInvitation(it)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	return list, nil
}

// planned is the condition of a planned reminder's writes: the invitation
// still waits, for the same reminder of its plan as the caller read.
func plannedCond(v *invitation.Invitation) (string, map[string]types.AttributeValue) {
	vals := map[string]types.AttributeValue{":invited": str(string(invitation.Invited)), ":due": num(v.NextReminderAt.Unix())}
	cond := "#st = :invited AND #next = :due AND "
	if v.PlanSent == 0 {
		cond += "attribute_not_exists(#plan)"
	} else {
		cond += "#plan = :sent"
		vals[":sent"] = num(int64(v.PlanSent))
	}
	return cond, vals
}

// nextUpdate is the update of an invitation's next planned reminder, as
// a SET clause's assignments or a REMOVE clause: the index key while one
// is due, none after the last.
func nextUpdate(v *invitation.Invitation, next time.Time, vals map[string]types.AttributeValue) (set, remove string) {
	if next.IsZero() {
		return "", "REMOVE #next, #g1pk, #g1sk"
	}
	vals[":next"], vals[":rpk"], vals[":rsk"] = num(next.Unix()), str(remindPK), str(remindKey(next, TargetPK(v.Kind, v.TargetID), v.ID))
	return "#next = :next, #g1pk = :rpk, #g1sk = :rsk", ""
}

// planUpdate is the update that sets only the next planned reminder.
func planUpdate(v *invitation.Invitation, next time.Time, vals map[string]types.AttributeValue) string {
	set, remove := nextUpdate(v, next, vals)
	if remove != "" {
		return remove
	}
	return "SET " + set
}

// SendPlannedReminder queues the due planned reminder of v (read by
// DueReminders) with its mail, and moves the invitation on to next (zero:
// the plan is done), in one transaction whose condition is that the
// invitation still waits for this very reminder: however many runs find
// it at once, one mail goes out. False: another run sent it, or the
// invitation changed (answered, objected) since it was read.
func (s Reminders) SendPlannedReminder(ctx context.Context, v *invitation.Invitation, next, now time.Time) (bool, error) {
	cond, vals := plannedCond(v)
	vals[":now"], vals[":one"] = num(now.Unix()), num(1)
	upd := "SET #last = :now"
	set, remove := nextUpdate(v, next, vals)
	if set != "" {
		upd += ", " + set
	}
	upd += " ADD #rem :one, #plan :one " + remove
	_, err := s.write(ctx, nil,
		step{stepInvitation, s.update(key(TargetPK(v.Kind, v.TargetID), invSKPrefix+v.ID), upd, cond, vals)},
		step{stepOutbox, s.invMail(outbox.Reminder, v, now)},
	)
	var f *StepsFailed
	if errors.As(err, &f) && f.Failed(stepInvitation) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("planned reminder %s: %w", v.ID, err)
	}
	return true, nil
}

// Replan moves v's next planned reminder (as read) to next, or takes it
// out of the plan (zero), without a mail: the plan changed, the target
// closes before it, or the invitee was mailed too recently.
func (s Reminders) Replan(ctx context.Context, v *invitation.Invitation, next time.Time) error {
	cond, vals := plannedCond(v)
	upd := planUpdate(v, next, vals)
	_, err := s.single(ctx, step{stepInvitation, s.update(key(TargetPK(v.Kind, v.TargetID), invSKPrefix+v.ID), upd, cond, vals)}, types.ReturnValueNone)
	var f *StepsFailed
	if err != nil && !errors.As(err, &f) {
		return fmt.Errorf("replan reminder %s: %w", v.ID, err)
	}
	return nil
}

// DropPlan takes an invitation out of the reminder plan, whatever it
// waited for (its state is no longer invited).
func (s Reminders) DropPlan(ctx context.Context, v *invitation.Invitation) error {
	_, err := s.single(ctx, step{stepInvitation, s.update(key(TargetPK(v.Kind, v.TargetID), invSKPrefix+v.ID),
		"REMOVE #next, #g1pk, #g1sk", "attribute_exists(#pk)", nil)}, types.ReturnValueNone)
	var f *StepsFailed
	if err != nil && !errors.As(err, &f) {
		return fmt.Errorf("drop reminder plan %s: %w", v.ID, err)
	}
	return nil
}

// SetPlan gives a target's waiting invitation the next reminder of a
// changed plan (zero: none), whatever it waited for before; invitations
// in any other state are left alone.
func (s InvitationAdmin) SetPlan(ctx context.Context, v *invitation.Invitation, next time.Time) error {
	vals := map[string]types.AttributeValue{":invited": str(string(invitation.Invited))}
	upd := planUpdate(v, next, vals)
	_, err := s.single(ctx, step{stepInvitation, s.update(key(TargetPK(v.Kind, v.TargetID), invSKPrefix+v.ID), upd, "#st = :invited", vals)},
		types.ReturnValueNone)
	var f *StepsFailed
	if err != nil && !errors.As(err, &f) {
		return fmt.Errorf("set reminder plan %s: %w", v.ID, err)
	}
	return nil
}

// Suppression is why SES reported the person of personKey (bounce,
// complaint), or "".
func (s Suppressions) Suppression(ctx context.Context, personKey string) (string, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: keyOfSuppression(personKey),
		ProjectionExpression: aws.String("#reason"), ExpressionAttributeNames: map[string]string{"#reason": "reason"}})
	if err != nil {
		return "", fmt.Errorf("read suppression: %w", err)
	}
	return strAttr(out.Item, "reason"), nil
}

// MarkUnreachable marks a waiting invitation bounced or complained (SES
// reported its person) and takes it out of the plan.
func (s Reminders) MarkUnreachable(ctx context.Context, v *invitation.Invitation, status invitation.Status, now time.Time) error {
	_, err := s.single(ctx, step{stepInvitation, s.update(key(TargetPK(v.Kind, v.TargetID), invSKPrefix+v.ID),
		"SET #st = :st, #resp = :now REMOVE #next, #g1pk, #g1sk", "#st = :invited", map[string]types.AttributeValue{
			":st": str(string(status)), ":invited": str(string(invitation.Invited)), ":now": num(now.Unix())})}, types.ReturnValueNone)
	var f *StepsFailed
	if err != nil && !errors.As(err, &f) {
		return fmt.Errorf("mark invitation %s unreachable: %w", v.ID, err)
	}
	return nil
}
