package dynamo

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// pagedQuery is a Query of n pages of one item each (a stand-in for
// DynamoDB: the store's own package cannot import testenv, which imports
// it); page i (from 0) first calls at(i, ctx), and running counts the
// calls under way.
func pagedQuery(n int, running *atomic.Int32, at func(int, context.Context) error) *Table {
	q := func(ctx context.Context, in *dynamodb.QueryInput, _ ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
		running.Add(1)
		defer running.Add(-1)
		i := 0
		if in.ExclusiveStartKey != nil {
			i, _ = strconv.Atoi(in.ExclusiveStartKey["i"].(*types.AttributeValueMemberS).Value)
			i++
		}
		if err := at(i, ctx); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		it := Item{"i": str(strconv.Itoa(i))}
		out := &dynamodb.QueryOutput{Items: []Item{it}}
		if i < n-1 {
			out.LastEvaluatedKey = it
		}
		return out, nil
	}
	return &Table{table: "t", db: calls{Query: q}}
}

// settles waits up to a second for no Query to be under way.
func settles(t *testing.T, running *atomic.Int32) {
	t.Helper()
	for end := time.Now().Add(time.Second); running.Load() != 0; time.Sleep(time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("%d reads still under way after queryEach returned", running.Load())
		}
	}
}

// TestQueryEachStopsItsReaderWhenTheCallbackFails: a callback's error
// midway is queryEach's error, and the reader reading ahead (here blocked
// in a slow page) is cancelled and reads nothing more.
func TestQueryEachStopsItsReaderWhenTheCallbackFails(t *testing.T) {
	var running atomic.Int32
	var calls atomic.Int32
	s := pagedQuery(10, &running, func(i int, ctx context.Context) error {
		calls.Add(1)
		if i == 2 { // the page read ahead while page 1 fails
			<-ctx.Done()
		}
		return nil
	})
	boom := errors.New("boom")
	done := make(chan error, 1)
	go func() {
		done <- s.queryEach(context.Background(), "pk", "p", func(items []Item) error {
			if items[0]["i"].(*types.AttributeValueMemberS).Value == "1" {
				return boom
			}
			return nil
		})
	}()
	select {
	case err := <-done:
		if !errors.Is(err, boom) {
			t.Fatalf("queryEach: %v, want the callback's error", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("queryEach deadlocked after the callback's error")
	}
	settles(t, &running)
	if n := calls.Load(); n > 3 {
		t.Errorf("%d pages read, want at most 3", n)
	}
}

// TestQueryEachOnACancelledContextIsAnError: a context cancelled before
// or between pages is queryEach's error, never a nil error with some of
// the items (an export cut short must not look complete).
func TestQueryEachOnACancelledContextIsAnError(t *testing.T) {
	var running atomic.Int32
	s := pagedQuery(3, &running, func(int, context.Context) error { return nil })
	for range 200 {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		pages := 0
		err := s.queryEach(ctx, "pk", "p", func([]Item) error { pages++; return nil })
		if err == nil {
			t.Fatalf("queryEach on a cancelled context: nil error after %d pages", pages)
		}
	}
	for range 200 {
		ctx, cancel := context.WithCancel(context.Background())
		pages := 0
		err := s.queryEach(ctx, "pk", "p", func([]Item) error { pages++; cancel(); return nil })
		if err == nil && pages != 3 {
			t.Fatalf("queryEach cancelled after the first page: nil error after %d of 3 pages", pages)
		}
		cancel()
	}
	settles(t, &running)
}
