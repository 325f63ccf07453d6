package dynamo

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// A console session: the key is the SHA-256 of the session cookie's ID
// token (the token itself is never stored); the item lives as long as the
// token (its TTL) or until sign-out deletes it.
type sessionItem struct {
	head
	Office    string `dynamodbav:"office"`
	CreatedAt string `dynamodbav:"createdAt"`
}

const sessionSK = "SESSION"

func sessionPK(hash string) string { return "SESSION#" + hash }

// PutSession records a console session that ends at expires.
func (s Sessions) PutSession(ctx context.Context, hash, office string, expires, now time.Time) error {
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: item(sessionItem{
		head:   head{sessionPK(hash), sessionSK, "session", expires.Unix()},
		Office: office, CreatedAt: now.UTC().Format(time.RFC3339Nano)})})
	if err != nil {
		return fmt.Errorf("put session: %w", err)
	}
	return nil
}

// SessionExists says whether the session of hash is recorded (strongly
// consistent: a session signed out a moment ago is gone). It reads the key
// only.
func (s Sessions) SessionExists(ctx context.Context, hash string) (bool, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(sessionPK(hash), sessionSK),
		ConsistentRead: aws.Bool(true), ProjectionExpression: aws.String("#pk"), ExpressionAttributeNames: map[string]string{"#pk": AttrPK}})
	if err != nil {
		return false, fmt.Errorf("get session: %w", err)
	}
	return out.Item != nil, nil
}

// DeleteSession ends the session of hash (no error if it is gone).
func (s Sessions) DeleteSession(ctx context.Context, hash string) error {
	if _, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: key(sessionPK(hash), sessionSK)}); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}
