package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

func init() {
	attrNames["#tok"] = "tokenHash"
	attrNames["#inv"] = "invitedAt"
}

// SendPlanned sends a planned invitation: in one transaction, on the
// condition that it is still planned, it becomes invited (v's token hash,
// time and next reminder), its link's token is written and its mail
// queued, as PutInvitations writes a new one. False when it was not
// planned any more (sent by a concurrent run, deleted): nothing written,
// so concurrent sends mail each invitee once.
func (s InvitationAdmin) SendPlanned(ctx context.Context, v *invitation.Invitation, now time.Time) (bool, error) {
	upd := "SET #st = :invited, #tok = :tok, #inv = :now, #last = :now"
	vals := map[string]types.AttributeValue{":invited": str(string(invitation.Invited)), ":planned": str(string(invitation.Planned)),
		":tok": str(v.TokenHash), ":now": num(now.Unix())}
	if !v.NextReminderAt.IsZero() {
		upd += ", #next = :next, #g1pk = :g1pk, #g1sk = :g1sk"
		vals[":next"] = num(v.NextReminderAt.Unix())
		vals[":g1pk"], vals[":g1sk"] = str(remindPK), str(remindKey(v.NextReminderAt, TargetPK(v.Kind, v.TargetID), v.ID))
	}
	tok := newTokenItem(v.TokenHash, v.ExpiresAt)
	tok.Kind, tok.TargetKind, tok.TargetID, tok.InvitationID = invitation.TokenKind, string(v.Kind), v.TargetID, v.ID
	_, err := s.write(ctx, nil,
		step{stepInvitation, s.update(invKey(v), upd, "#st = :planned", vals)},
		step{"token", s.put(item(tok), false)},
		step{stepOutbox, s.invMail(outbox.Invitation, v, now)})
	var f *StepsFailed
	if errors.As(err, &f) && f.Failed(stepInvitation) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("send planned invitation %s: %w", v.ID, err)
	}
	return true, nil
}
