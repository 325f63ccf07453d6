package dynamo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
)

// An objection (Art. 21 DSGVO) is an item in its office's partition,
// keyed by the keyed hash of the person behind the address
// (invitation.PersonKey), so that no address is stored: OFFICE#<office> /
// OBJECTION#<personKey>, with the time of the first objection and a long
// TTL (invitation.ObjectionRetention).
const objectionSKPrefix = "OBJECTION#"

func init() {
	attrNames["#objectedAt"] = "objectedAt"
	attrNames["#next"] = "nextReminderAt"
	attrNames["#plan"] = "planSent"
}

// Object records that the person behind personKey objects to invitations
// from office: repeating it changes nothing but the item's expiry (the
// first time stays). An invitation v that still waits for an answer is
// marked objected and leaves the reminder plan; one that was answered
// keeps its state.
func (s Legal) Object(ctx context.Context, office, personKey string, v *invitation.Invitation, now time.Time) error {
	_, err := s.single(ctx, step{"objection", s.update(key(officePK(office), objectionSKPrefix+personKey),
		"SET #type = :t, #ttl = :ttl, #objectedAt = if_not_exists(#objectedAt, :now)", "", map[string]types.AttributeValue{
			":t": str("objection"), ":ttl": num(now.Add(invitation.ObjectionRetention).Unix()), ":now": str(now.UTC().Format(time.RFC3339)),
		})}, types.ReturnValueNone)
	if err != nil {
		return fmt.Errorf("record objection: %w", err)
	}
	if v == nil {
		return nil
	}
	return LegalAdmin{s.Table}.MarkObjected(ctx, v, now)
}

// objectedStatus marks a waiting invitation objected (the write fails its
// condition for any other state).
func (s *Table) objectedStatus(pk, id string, now time.Time) types.TransactWriteItem {
	return s.update(key(pk, invSKPrefix+id), "SET #st = :objected, #resp = :now REMOVE #next, #g1pk, #g1sk", "#st = :invited",
		map[string]types.AttributeValue{":objected": str(string(invitation.Objected)), ":invited": str(string(invitation.Invited)), ":now": num(now.Unix())})
}

// MarkObjected marks invitation v objected if it still waits for an
// answer (the mailer and the reminder run find objections at send time).
func (s LegalAdmin) MarkObjected(ctx context.Context, v *invitation.Invitation, now time.Time) error {
	_, err := s.single(ctx, step{stepInvitation, s.objectedStatus(TargetPK(v.Kind, v.TargetID), v.ID, now)}, types.ReturnValueNone)
	var f *StepsFailed
	if err != nil && !errors.As(err, &f) {
		return fmt.Errorf("mark invitation %s objected: %w", v.ID, err)
	}
	return nil
}

// Objected reports whether the person behind personKey objected to
// invitations from office.
func (s Legal) Objected(ctx context.Context, office, personKey string) (bool, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(officePK(office), objectionSKPrefix+personKey),
		ProjectionExpression: aws.String("#pk"), ExpressionAttributeNames: map[string]string{"#pk": AttrPK}})
	if err != nil {
		return false, fmt.Errorf("read objection: %w", err)
	}
	return out.Item != nil, nil
}

// Objections returns the person keys of everyone who objected to
// invitations from office (an upload checks its list against them).
func (s LegalAdmin) Objections(ctx context.Context, office string) (map[string]bool, error) {
	out := map[string]bool{}
	p := dynamodb.NewQueryPaginator(s.db.Query, &dynamodb.QueryInput{TableName: &s.table,
		KeyConditionExpression:    aws.String("#pk = :pk AND begins_with(#sk, :pre)"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrPK, "#sk": AttrSK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(officePK(office)), ":pre": str(objectionSKPrefix)},
		ProjectionExpression:      aws.String("#sk")})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("objections of %s: %w", office, err)
		}
		for _, it := range page.Items {
			out[strings.TrimPrefix(strAttr(it, AttrSK), objectionSKPrefix)] = true
		}
	}
	return out, nil
}
