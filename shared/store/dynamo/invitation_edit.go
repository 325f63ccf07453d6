package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// The console's changes to one invitation. Each is one write whose
// condition is that the invitation is (still) there: a change that finds
// it gone is NotFound, and nothing is written.

// errInvitationGone is what a change of an invitation that is not there
// (any more) answers.
func errInvitationGone() error { return apperr.New(apperr.NotFound, "console.invitation_not_found") }

func invKey(v *invitation.Invitation) Item {
	return key(TargetPK(v.Kind, v.TargetID), invSKPrefix+v.ID)
}

// gone turns a failed condition on the invitation into NotFound.
func gone(err error, what string) error {
	var f *StepsFailed
	if errors.As(err, &f) && f.Failed(stepInvitation) {
		return errInvitationGone()
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// UpdateInvitation sets an invitation's organisation and language (its
// address stays: see MoveInvitation).
func (s InvitationAdmin) UpdateInvitation(ctx context.Context, v *invitation.Invitation, organisation, language string) error {
	_, err := s.single(ctx, step{stepInvitation, s.update(invKey(v), "SET #org = :org, #lang = :lang", "attribute_exists(#pk)",
		map[string]types.AttributeValue{":org": str(organisation), ":lang": str(language)})}, types.ReturnValueNone)
	return gone(err, "update invitation "+v.ID)
}

// MoveInvitation gives an invitation another address: its id and its
// personal link follow from the address, so in one transaction the old
// invitation and its link go and the new one (nu, with its token and
// mail unless it is objected) is written. Conflict when the new address
// is invited already.
func (s InvitationAdmin) MoveInvitation(ctx context.Context, old, nu *invitation.Invitation, now time.Time) error {
	steps := []step{
		{stepInvitation, types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: invKey(old),
			ConditionExpression: aws.String("attribute_exists(#pk)"), ExpressionAttributeNames: map[string]string{"#pk": AttrPK},
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}}},
		{"new invitation", s.put(item(toInvItem(nu)), true)},
	}
	if old.TokenHash != "" {
		steps = append(steps, step{"old token", types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: key(tokenPK(old.TokenHash), tokenSK)}}})
		steps = append(steps, s.draftGone(old)...)
	}
	if nu.Status != invitation.Objected && nu.Status != invitation.Planned {
		tok := newTokenItem(nu.TokenHash, nu.ExpiresAt)
		tok.Kind, tok.TargetKind, tok.TargetID, tok.InvitationID = invitation.TokenKind, string(nu.Kind), nu.TargetID, nu.ID
		steps = append(steps, step{"token", s.put(item(tok), false)}, step{stepOutbox, s.invMail(outbox.Invitation, nu, now)})
	}
	_, err := s.write(ctx, nil, steps...)
	var f *StepsFailed
	if errors.As(err, &f) && f.Failed("new invitation") {
		return apperr.New(apperr.Conflict, "console.invitation_exists")
	}
	return gone(err, "move invitation "+old.ID)
}

// DeleteInvitation deletes an invitation and its personal link's token:
// the link opens nothing any more, and a mail still queued for it is not
// sent (the mailer finds no invitation).
func (s InvitationAdmin) DeleteInvitation(ctx context.Context, v *invitation.Invitation) error {
	steps := []step{{stepInvitation, types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: invKey(v),
		ConditionExpression: aws.String("attribute_exists(#pk)"), ExpressionAttributeNames: map[string]string{"#pk": AttrPK},
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}}}}
	if v.TokenHash != "" {
		steps = append(steps, step{"token", types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: key(tokenPK(v.TokenHash), tokenSK)}}})
		steps = append(steps, s.draftGone(v)...)
	}
	_, err := s.write(ctx, nil, steps...)
	return gone(err, "delete invitation "+v.ID)
}

// MarkElsewhere records that a waiting invitee answered another way (the
// public link, on paper): the invitation counts as answered and leaves
// the reminder plan. False when it was not waiting (any more).
func (s InvitationAdmin) MarkElsewhere(ctx context.Context, v *invitation.Invitation, now time.Time) (bool, error) {
	_, err := s.single(ctx, step{stepInvitation, s.update(invKey(v), "SET #st = :st, #resp = :now REMOVE #next, #g1pk, #g1sk", "#st = :invited",
		map[string]types.AttributeValue{":st": str(string(invitation.Elsewhere)), ":invited": str(string(invitation.Invited)), ":now": num(now.Unix())})},
		types.ReturnValueNone)
	var f *StepsFailed
	if errors.As(err, &f) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("mark invitation %s answered elsewhere: %w", v.ID, err)
	}
	return true, nil
}

// ResendInvitation queues the invitation mail again, as a coordinator's
// (no cap), and records the mail's time; never for an invitation whose
// person objected (NotFound then, as for one that is gone).
func (s InvitationAdmin) ResendInvitation(ctx context.Context, v *invitation.Invitation, now time.Time) error {
	o := newOutbox(ulid.Make().String(), outbox.Invitation, now)
	o.TargetKind, o.TargetID, o.InvitationID, o.Office, o.ByOffice = string(v.Kind), v.TargetID, v.ID, v.Office, true
	_, err := s.write(ctx, nil,
		step{stepInvitation, s.update(invKey(v), "SET #last = :now", "attribute_exists(#pk) AND #st <> :objected AND #st <> :planned",
			map[string]types.AttributeValue{":now": num(now.Unix()), ":objected": str(string(invitation.Objected)), ":planned": str(string(invitation.Planned))})},
		step{stepOutbox, s.put(item(o), true)})
	return gone(err, "resend invitation "+v.ID)
}

// draftGone deletes what was entered through an invitation's personal
// link (survey.Draft) with the link: nothing of it is kept for a link
// that opens nothing any more.
func (s InvitationAdmin) draftGone(v *invitation.Invitation) []step {
	if v.Kind != invitation.Survey {
		return nil
	}
	return []step{{"draft", types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: key(surveyPK(v.TargetID), draftSKPrefix+v.TokenHash)}}}}
}
