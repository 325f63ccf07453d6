package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// TargetPK is the partition of what an invitation is for.
func TargetPK(kind invitation.Kind, id string) string {
	if kind == invitation.Meeting {
		return meetingPK(id)
	}
	return surveyPK(id)
}

type invItem struct {
	head
	ID           string `dynamodbav:"id"`
	Kind         string `dynamodbav:"kind"`
	TargetID     string `dynamodbav:"targetId"`
	Office       string `dynamodbav:"office"`
	Organisation string `dynamodbav:"organisation"`
	OrgID        string `dynamodbav:"orgId,omitempty"`
	Email        string `dynamodbav:"email"`
	Language     string `dynamodbav:"language"`
	Status       string `dynamodbav:"status"`
	TokenHash    string `dynamodbav:"tokenHash"`
	InvitedAt    int64  `dynamodbav:"invitedAt"`
	LastMailAt   int64  `dynamodbav:"lastMailAt"`
	Reminders    int    `dynamodbav:"reminders"`
	RespondedAt  int64  `dynamodbav:"respondedAt,omitempty"`
	// The reminder plan: when the next planned reminder is due (also the
	// gsi1 key REMIND#DUE / <due>#<pk>#<id> while the invitation waits
	// for it) and how many of the plan went out.
	NextReminderAt int64  `dynamodbav:"nextReminderAt,omitempty"`
	PlanSent       int    `dynamodbav:"planSent,omitempty"`
	GSI1PK         string `dynamodbav:"gsi1pk,omitempty"`
	GSI1SK         string `dynamodbav:"gsi1sk,omitempty"`
}

func toInvItem(v *invitation.Invitation) invItem {
	it := invItem{head: head{TargetPK(v.Kind, v.TargetID), invSKPrefix + v.ID, "invitation", v.ExpiresAt.Unix()}, ID: v.ID,
		Kind: string(v.Kind), TargetID: v.TargetID, Office: v.Office, Organisation: v.Organisation, OrgID: v.OrgID, Email: v.Email,
		Language: v.Language, Status: string(v.Status), TokenHash: v.TokenHash, InvitedAt: v.InvitedAt.Unix(),
		LastMailAt: v.LastMailAt.Unix(), Reminders: v.Reminders}
	if !v.RespondedAt.IsZero() {
		it.RespondedAt = v.RespondedAt.Unix()
	}
	it.PlanSent = v.PlanSent
	if !v.NextReminderAt.IsZero() && v.Status == invitation.Invited {
		it.NextReminderAt = v.NextReminderAt.Unix()
		it.GSI1PK, it.GSI1SK = remindPK, remindKey(v.NextReminderAt, it.PK, v.ID)
	}
	return it
}

func (it invItem) invitation() *invitation.Invitation {
	v := &invitation.Invitation{ID: it.ID, Kind: invitation.Kind(it.Kind), TargetID: it.TargetID, Office: it.Office,
		Organisation: it.Organisation, OrgID: it.OrgID, Email: it.Email, Language: it.Language, Status: invitation.Status(it.Status),
		TokenHash: it.TokenHash, InvitedAt: time.Unix(it.InvitedAt, 0), LastMailAt: time.Unix(it.LastMailAt, 0),
		Reminders: it.Reminders, ExpiresAt: time.Unix(it.ExpiresAt, 0)}
	if it.RespondedAt != 0 {
		v.RespondedAt = time.Unix(it.RespondedAt, 0)
	}
	if it.NextReminderAt != 0 {
		v.NextReminderAt = time.Unix(it.NextReminderAt, 0)
	}
	v.PlanSent = it.PlanSent
	return v
}

func (s *Table) invMail(kind outbox.Kind, v *invitation.Invitation, now time.Time) types.TransactWriteItem {
	o := newOutbox(ulid.Make().String(), kind, now)
	o.TargetKind, o.TargetID, o.InvitationID, o.Office = string(v.Kind), v.TargetID, v.ID, v.Office
	return s.put(item(o), false)
}

// invitesPerTx is how many invitations one transaction writes: three items
// each (invitation, token, mail) within DynamoDB's 100.
const invitesPerTx = 33

// PutInvitations writes new invitations, each with its token lookup and
// its mail, in transactions whose invitation puts fail when the
// invitation exists: concurrent uploads of one list invite each address
// once and send one mail. An invitation that exists gets the uploaded
// contact fields (organisation, language), never a new state or mail.
// It returns how many were new and how many existed.
func (s InvitationAdmin) PutInvitations(ctx context.Context, invs []*invitation.Invitation, now time.Time) (invited, existing int, err error) {
	var known []*invitation.Invitation
	for len(invs) > 0 {
		chunk := invs[:min(invitesPerTx, len(invs))]
		invs = invs[len(chunk):]
		for len(chunk) > 0 {
			steps := make([]step, 0, 3*len(chunk))
			for _, v := range chunk {
				steps = append(steps, step{v.ID, s.put(item(toInvItem(v)), true)})
				if v.Status == invitation.Objected || v.Status == invitation.Planned {
					continue // listed, never mailed (planned: not yet)
				}
				tok := newTokenItem(v.TokenHash, v.ExpiresAt)
				tok.Kind, tok.TargetKind, tok.TargetID, tok.InvitationID = invitation.TokenKind, string(v.Kind), v.TargetID, v.ID
				steps = append(steps,
					step{"token " + v.ID, s.put(item(tok), false)},
					step{"mail " + v.ID, s.invMail(outbox.Invitation, v, now)})
			}
			_, err := s.write(ctx, nil, steps...)
			var f *StepsFailed
			if err != nil && !errors.As(err, &f) {
				return invited, len(known), fmt.Errorf("put invitations: %w", err)
			}
			if err == nil {
				for _, v := range chunk {
					if v.Status != invitation.Objected && v.Status != invitation.Planned {
						invited++
					}
				}
				break
			}
			// Those that exist (an earlier or concurrent upload wrote
			// them) leave the chunk.
			rest := chunk[:0:0]
			for _, v := range chunk {
				if f.Failed(v.ID) {
					known = append(known, v)
				} else {
					rest = append(rest, v)
				}
			}
			chunk = rest
		}
	}
	writes := make([]types.TransactWriteItem, 0, len(known))
	existing = len(known)
	for _, v := range known {
		k := key(TargetPK(v.Kind, v.TargetID), invSKPrefix+v.ID)
		vals := map[string]types.AttributeValue{":org": str(v.Organisation), ":lang": str(v.Language)}
		set := "SET #org = :org, #lang = :lang"
		if v.OrgID != "" { // its organisation's record, as the upload linked it
			set, vals[":oid"] = set+", orgId = :oid", str(v.OrgID)
		}
		if v.Status != invitation.Objected {
			writes = append(writes, s.update(k, set, "attribute_exists(#pk)", vals))
			continue
		}
		// The address objected since it was invited: a waiting invitation
		// says so now and leaves the reminder plan; one that was answered
		// keeps its state.
		existing--
		writes = append(writes, s.update(k, set, "attribute_exists(#pk)", vals),
			s.objectedStatus(TargetPK(v.Kind, v.TargetID), v.ID, now))
	}
	if err := s.each(ctx, writes, rescheduleWorkers); err != nil {
		return invited, existing, fmt.Errorf("update invitations: %w", err)
	}
	return invited, existing, nil
}

// InvitationsPage returns a page of a target's invitations.
func (s InvitationAdmin) InvitationsPage(ctx context.Context, kind invitation.Kind, targetID, cursor string, limit int) ([]*invitation.Invitation, string, error) {
	return pageOf(ctx, s.Table, TargetPK(kind, targetID), invSKPrefix, cursor, limit, decodeInvitation)
}

// EachInvitation streams a target's invitations.
func (s InvitationAdmin) EachInvitation(ctx context.Context, kind invitation.Kind, targetID string, fn func(*invitation.Invitation) error) error {
	return eachOf(ctx, s.Table, TargetPK(kind, targetID), invSKPrefix, decodeInvitation, func(page []*invitation.Invitation) error {
		for _, v := range page {
			if err := fn(v); err != nil {
				return err
			}
		}
		return nil
	})
}

// Invitation reads one invitation.
func (s Invitations) Invitation(ctx context.Context, kind invitation.Kind, targetID, id string) (*invitation.Invitation, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(TargetPK(kind, targetID), invSKPrefix+id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, fmt.Errorf("get invitation: %w", err)
	}
	if out.Item == nil {
		return nil, apperr.New(apperr.NotFound, "invitation_unknown")
	}
	return decodeInvitation(out.Item)
}

func decodeInvitation(it Item) (*invitation.Invitation, error) {
	var ii invItem
	if err := attributevalue.UnmarshalMap(it, &ii); err != nil {
		return nil, fmt.Errorf("decode invitation: %w", err)
	}
	return ii.invitation(), nil
}

// InvitationByToken resolves an invitation link (NotFound if unknown).
func (s Invitations) InvitationByToken(ctx context.Context, tokenHash string) (*invitation.Invitation, error) {
	t, err := s.token(ctx, tokenHash)
	if err != nil {
		return nil, err
	}
	if t == nil || t.Kind != invitation.TokenKind {
		return nil, apperr.New(apperr.NotFound, "invitation_unknown")
	}
	return s.Invitation(ctx, invitation.Kind(t.TargetKind), t.TargetID, t.InvitationID)
}

// Remind queues a reminder unless the invitee has answered or was mailed
// within invitation.ReminderGap; the check and the mail are one
// transaction, so concurrent reminder runs send at most one.
func (s InvitationAdmin) Remind(ctx context.Context, v *invitation.Invitation, now time.Time) (bool, error) {
	_, err := s.write(ctx, nil,
		step{stepInvitation, s.update(key(TargetPK(v.Kind, v.TargetID), invSKPrefix+v.ID), "SET #last = :now ADD #rem :one",
			"#st = :invited AND #last <= :cutoff", map[string]types.AttributeValue{
				":now": num(now.Unix()), ":one": num(1), ":invited": str(string(invitation.Invited)),
				":cutoff": num(now.Add(-invitation.ReminderGap).Unix()),
			})},
		step{stepOutbox, s.invMail(outbox.Reminder, v, now)},
	)
	var f *StepsFailed
	if errors.As(err, &f) && f.Failed(stepInvitation) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("remind %s: %w", v.ID, err)
	}
	return true, nil
}

// markInvitation records that an invitee answered or registered.
// The invitation leaves the reminder plan: nothing is due any more.
func (s *Table) markInvitation(pk, id, status string, at time.Time) types.TransactWriteItem {
	return s.update(key(pk, invSKPrefix+id), "SET #st = :st, #resp = :at REMOVE #next, #g1pk, #g1sk", "attribute_exists(#pk)",
		map[string]types.AttributeValue{":st": str(status), ":at": num(at.Unix())})
}
