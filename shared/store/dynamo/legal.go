package dynamo

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/legal"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
)

// feedbackItem is a message to an office from its feedback form (a
// barrier, a problem); it goes after legal.FeedbackRetention.
type feedbackItem struct {
	head
	ID       string `dynamodbav:"id"`
	Office   string `dynamodbav:"office"`
	Message  string `dynamodbav:"message"`
	Email    string `dynamodbav:"email,omitempty"`
	Page     string `dynamodbav:"page,omitempty"`
	Language string `dynamodbav:"language"`
	At       string `dynamodbav:"at"`
}

func feedbackPK(office string) string { return "OFFICE#" + office + "#FEEDBACK" }

// SaveFeedback writes a message and its mail to the office in one
// transaction with the client's limit (rate_limited over it: nothing
// written).
func (s Legal) SaveFeedback(ctx context.Context, f *legal.Feedback, use *ratelimit.Use) error {
	o := newOutbox("FEEDBACK-"+f.ID, outbox.OfficeFeedback, f.At)
	o.TargetKind, o.TargetID, o.Office = "feedback", f.ID, f.Office
	steps := append([]step{
		{"feedback", s.put(item(feedbackItem{head: head{feedbackPK(f.Office), f.ID, "feedback", f.ExpiresAt.Unix()},
			ID: f.ID, Office: f.Office, Message: f.Message, Email: f.Email, Page: f.Page, Language: f.Language,
			At: f.At.Format(time.RFC3339Nano)}), true)},
		{stepOutbox, s.put(item(o), true)},
	}, s.limitSteps(use)...)
	if _, err := s.write(ctx, nil, steps...); err != nil {
		if err := limited(err, use, f.At); apperr.As(err) != nil {
			return err
		}
		return fmt.Errorf("save feedback: %w", err)
	}
	return nil
}

// Feedback reads one message to office (NotFound once it is gone).
func (s LegalAdmin) Feedback(ctx context.Context, office, id string) (*legal.Feedback, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(feedbackPK(office), id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, fmt.Errorf("get feedback: %w", err)
	}
	if out.Item == nil {
		return nil, apperr.New(apperr.NotFound, "feedback_not_found")
	}
	var it feedbackItem
	if err := attributevalue.UnmarshalMap(out.Item, &it); err != nil {
		return nil, fmt.Errorf("decode feedback: %w", err)
	}
	at, _ := time.Parse(time.RFC3339Nano, it.At)
	return &legal.Feedback{ID: it.ID, Office: it.Office, Message: it.Message, Email: it.Email, Page: it.Page,
		Language: it.Language, At: at, ExpiresAt: time.Unix(it.ExpiresAt, 0)}, nil
}
