package dynamo

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/mailtext"
)

// mailTextsSK is the item of a survey's or meeting's own mail texts, in
// its partition beside the definition.
const mailTextsSK = "MAILTEXTS"

type mailTextsItem struct {
	PK         string    `dynamodbav:"pk"`
	SK         string    `dynamodbav:"sk"`
	Type       string    `dynamodbav:"type"`
	Invitation i18n.Text `dynamodbav:"invitation,omitempty"`
	Reminder   i18n.Text `dynamodbav:"reminder,omitempty"`
	UpdatedAt  int64     `dynamodbav:"updatedAt"`
}

// MailTexts reads the own invitation and reminder texts of a survey or
// meeting; nil when it has none.
func (s Wording) MailTexts(ctx context.Context, kind invitation.Kind, targetID string) (*mailtext.Texts, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(TargetPK(kind, targetID), mailTextsSK), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, fmt.Errorf("get mail texts: %w", err)
	}
	if out.Item == nil {
		return nil, nil
	}
	var it mailTextsItem
	if err := attributevalue.UnmarshalMap(out.Item, &it); err != nil {
		return nil, fmt.Errorf("decode mail texts: %w", err)
	}
	return &mailtext.Texts{Invitation: it.Invitation, Reminder: it.Reminder}, nil
}

// PutMailTexts stores the own texts of a survey or meeting (checked by
// the caller); texts without any removes them.
func (s Wording) PutMailTexts(ctx context.Context, kind invitation.Kind, targetID string, t *mailtext.Texts, now time.Time) error {
	k := key(TargetPK(kind, targetID), mailTextsSK)
	if t == nil || (len(t.Invitation) == 0 && len(t.Reminder) == 0) {
		if _, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: k}); err != nil {
			return fmt.Errorf("delete mail texts: %w", err)
		}
		return nil
	}
	it := mailTextsItem{PK: TargetPK(kind, targetID), SK: mailTextsSK, Type: "mailtexts", Invitation: t.Invitation, Reminder: t.Reminder, UpdatedAt: now.Unix()}
	if _, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: item(it)}); err != nil {
		return fmt.Errorf("put mail texts: %w", err)
	}
	return nil
}
