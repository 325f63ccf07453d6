package dynamo

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
)

// Item is one raw table item.
type Item = map[string]types.AttributeValue

// Cursors are the sort key of the last item of a page, base64url-encoded.
// A cursor only ever continues a Query in the caller's own partition and
// prefix: one that decodes to another prefix is rejected.
func encodeCursor(last Item) string {
	sk, ok := last[AttrSK].(*types.AttributeValueMemberS)
	if !ok {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte(sk.Value))
}

func decodeCursor(cursor, prefix string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || !strings.HasPrefix(string(b), prefix) {
		return "", apperr.New(apperr.BadRequest, "bad_cursor")
	}
	return string(b), nil
}

// queryPage reads one page of a partition's items whose sort key starts
// with prefix, after cursor.
func (s *Table) queryPage(ctx context.Context, pk, prefix, cursor string, limit int) ([]Item, string, error) {
	in := &dynamodb.QueryInput{
		TableName:                 &s.table,
		KeyConditionExpression:    aws.String("pk = :pk AND begins_with(sk, :prefix)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(pk), ":prefix": str(prefix)},
		Limit:                     aws.Int32(int32(limit)),
	}
	if cursor != "" {
		sk, err := decodeCursor(cursor, prefix)
		if err != nil {
			return nil, "", err
		}
		in.ExclusiveStartKey = key(pk, sk)
	}
	out, err := s.db.Query(ctx, in)
	if err != nil {
		return nil, "", fmt.Errorf("query %s: %w", prefix, err)
	}
	next := ""
	if out.LastEvaluatedKey != nil && len(out.Items) > 0 {
		next = encodeCursor(out.Items[len(out.Items)-1])
	}
	return out.Items, next, nil
}

// queryEach streams every page of a partition's items with prefix (all
// of them for "") to fn, one call at a time, while the next page is read:
// a report of 1,000 answers (three pages) waits on DynamoDB for the
// first page only, then overlaps decoding with reading.
func (s *Table) queryEach(ctx context.Context, pk, prefix string, fn func([]Item) error) error {
	in := &dynamodb.QueryInput{
		TableName:                 &s.table,
		KeyConditionExpression:    aws.String("pk = :pk AND begins_with(sk, :prefix)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(pk), ":prefix": str(prefix)},
	}
	if prefix == "" {
		in.KeyConditionExpression = aws.String("pk = :pk")
		delete(in.ExpressionAttributeValues, ":prefix")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // fn's error stops the reader
	type read struct {
		items []Item
		err   error
	}
	pages := make(chan read, 1)
	go func() {
		defer close(pages)
		p := dynamodb.NewQueryPaginator(s.db.Query, in)
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			r := read{err: err}
			if err == nil {
				r.items = page.Items
			}
			select {
			case pages <- r:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	for r := range pages {
		if r.err != nil {
			return fmt.Errorf("query %s: %w", prefix, r.err)
		}
		if err := fn(r.items); err != nil {
			return err
		}
	}
	// The reader also stops, without a word, when the caller's context
	// ends: then not every page was read.
	return ctx.Err()
}

// queryIndex reads all items of a gsi1 partition (small lists: an office's
// surveys or meetings).
func (s *Table) queryIndex(ctx context.Context, pk string) ([]Item, error) {
	var out []Item
	p := dynamodb.NewQueryPaginator(s.db.Query, &dynamodb.QueryInput{
		TableName: &s.table, IndexName: aws.String(IndexGSI1),
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrGSI1PK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(pk)},
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("query index %s: %w", pk, err)
		}
		out = append(out, page.Items...)
	}
	return out, nil
}

// pageOf reads one page of a partition's items with prefix, decoded.
func pageOf[T any](ctx context.Context, s *Table, pk, prefix, cursor string, limit int, decode func(Item) (T, error)) ([]T, string, error) {
	items, next, err := s.queryPage(ctx, pk, prefix, cursor, limit)
	if err != nil {
		return nil, "", err
	}
	out, err := decodeAll(items, decode)
	return out, next, err
}

// eachOf streams every page of a partition's items with prefix to fn,
// decoded.
func eachOf[T any](ctx context.Context, s *Table, pk, prefix string, decode func(Item) (T, error), fn func([]T) error) error {
	return s.queryEach(ctx, pk, prefix, func(items []Item) error {
		out, err := decodeAll(items, decode)
		if err != nil {
			return err
		}
		return fn(out)
	})
}

func decodeAll[T any](items []Item, decode func(Item) (T, error)) ([]T, error) {
	out := make([]T, len(items))
	for i, it := range items {
		v, err := decode(it)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}
