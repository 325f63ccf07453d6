package localaws

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// StreamPoller reads a table's DynamoDB stream as Lambda's event source
// mapping does and hands batches to a stream handler: records of a batch in
// order, and on reported failures the batch again from the first failed
// record, up to MaxAttempts.
type StreamPoller struct {
	Client      *dynamodbstreams.Client
	Table       string
	Handler     func(context.Context, events.DynamoDBEvent) (events.DynamoDBEventResponse, error)
	Log         *slog.Logger
	Interval    time.Duration // between empty polls; default 100 ms
	MaxAttempts int           // per batch; default 5
	BatchSize   int32         // default 100
}

// Run polls until ctx ends.
func (p *StreamPoller) Run(ctx context.Context) error {
	if p.Interval == 0 {
		p.Interval = 100 * time.Millisecond
	}
	if p.MaxAttempts == 0 {
		p.MaxAttempts = 5
	}
	if p.BatchSize == 0 {
		p.BatchSize = 100
	}
	streams, err := p.Client.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: &p.Table})
	if err != nil {
		return fmt.Errorf("list streams: %w", err)
	}
	if len(streams.Streams) == 0 {
		return fmt.Errorf("table %s has no stream", p.Table)
	}
	arn := streams.Streams[len(streams.Streams)-1].StreamArn
	// Shard iterators per shard id; new shards are picked up on describe.
	iters := map[string]*string{}
	done := map[string]bool{}
	for {
		desc, err := p.Client.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: arn})
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("describe stream: %w", err)
		}
		for _, sh := range desc.StreamDescription.Shards {
			id := aws.ToString(sh.ShardId)
			if _, ok := iters[id]; ok || done[id] {
				continue
			}
			it, err := p.Client.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{
				StreamArn: arn, ShardId: sh.ShardId, ShardIteratorType: types.ShardIteratorTypeTrimHorizon,
			})
			if err != nil {
				return fmt.Errorf("shard iterator: %w", err)
			}
			iters[id] = it.ShardIterator
		}
		busy := false
		for id, it := range iters {
			out, err := p.Client.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: it, Limit: aws.Int32(p.BatchSize)})
			if err != nil {
				if ctx.Err() != nil {
					return nil
				}
				var expired *types.ExpiredIteratorException
				if errors.As(err, &expired) {
					delete(iters, id)
					continue
				}
				return fmt.Errorf("get records: %w", err)
			}
			if out.NextShardIterator == nil {
				delete(iters, id)
				done[id] = true
			} else {
				iters[id] = out.NextShardIterator
			}
			if len(out.Records) > 0 {
				busy = true
				p.deliver(ctx, arn, out.Records)
			}
		}
		if !busy {
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(p.Interval):
			}
		}
	}
}

// deliver hands one batch to the handler, retrying from the first failed
// record as Lambda does with ReportBatchItemFailures.
func (p *StreamPoller) deliver(ctx context.Context, arn *string, recs []types.Record) {
	batch := make([]events.DynamoDBEventRecord, len(recs))
	for i, r := range recs {
		batch[i] = ToEventRecord(r, aws.ToString(arn))
	}
	for attempt := 1; len(batch) > 0; attempt++ {
		resp, err := p.Handler(ctx, events.DynamoDBEvent{Records: batch})
		if err == nil && len(resp.BatchItemFailures) == 0 {
			return
		}
		if attempt >= p.MaxAttempts {
			p.Log.ErrorContext(ctx, "stream batch failed; giving up", "records", len(batch), "attempts", attempt)
			return
		}
		from := 0
		if err == nil {
			from = len(batch)
			for _, f := range resp.BatchItemFailures {
				for i, r := range batch {
					if r.Change.SequenceNumber == f.ItemIdentifier && i < from {
						from = i
					}
				}
			}
		}
		batch = batch[from:]
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Duration(attempt) * 200 * time.Millisecond):
		}
	}
}

// ToEventRecord converts a DynamoDB Streams record into the Lambda event
// record the stream handler gets in AWS.
func ToEventRecord(r types.Record, arn string) events.DynamoDBEventRecord {
	out := events.DynamoDBEventRecord{
		AWSRegion:      aws.ToString(r.AwsRegion),
		EventID:        aws.ToString(r.EventID),
		EventName:      string(r.EventName),
		EventSource:    "aws:dynamodb",
		EventVersion:   aws.ToString(r.EventVersion),
		EventSourceArn: arn,
	}
	if d := r.Dynamodb; d != nil {
		out.Change = events.DynamoDBStreamRecord{
			Keys:           toEventImage(d.Keys),
			NewImage:       toEventImage(d.NewImage),
			OldImage:       toEventImage(d.OldImage),
			SequenceNumber: aws.ToString(d.SequenceNumber),
			SizeBytes:      aws.ToInt64(d.SizeBytes),
			StreamViewType: string(d.StreamViewType),
		}
		if d.ApproximateCreationDateTime != nil {
			out.Change.ApproximateCreationDateTime = events.SecondsEpochTime{Time: *d.ApproximateCreationDateTime}
		}
	}
	return out
}

func toEventImage(m map[string]types.AttributeValue) map[string]events.DynamoDBAttributeValue {
	if m == nil {
		return nil
	}
	out := make(map[string]events.DynamoDBAttributeValue, len(m))
	for k, v := range m {
		out[k] = toEventValue(v)
	}
	return out
}

func toEventValue(v types.AttributeValue) events.DynamoDBAttributeValue {
	switch t := v.(type) {
	case *types.AttributeValueMemberS:
		return events.NewStringAttribute(t.Value)
	case *types.AttributeValueMemberN:
		return events.NewNumberAttribute(t.Value)
	case *types.AttributeValueMemberBOOL:
		return events.NewBooleanAttribute(t.Value)
	case *types.AttributeValueMemberB:
		return events.NewBinaryAttribute(t.Value)
	case *types.AttributeValueMemberSS:
		return events.NewStringSetAttribute(t.Value)
	case *types.AttributeValueMemberNS:
		return events.NewNumberSetAttribute(t.Value)
	case *types.AttributeValueMemberBS:
		return events.NewBinarySetAttribute(t.Value)
	case *types.AttributeValueMemberL:
		l := make([]events.DynamoDBAttributeValue, len(t.Value))
		for i, e := range t.Value {
			l[i] = toEventValue(e)
		}
		return events.NewListAttribute(l)
	case *types.AttributeValueMemberM:
		return events.NewMapAttribute(toEventImage(t.Value))
	}
	return events.NewNullAttribute()
}
