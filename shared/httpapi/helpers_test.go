package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/surveyfn"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// api is a survey function wired to a fresh table in DynamoDB Local.
type api struct {
	handler app.Handler
	db      *dynamodb.Client
	table   string
	store   *dynamo.Store
	logs    *syncBuffer
	calls   *callCounter
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// callCounter counts DynamoDB operations through an SDK middleware.
type callCounter struct {
	mu  sync.Mutex
	ops []string
}

func (c *callCounter) option(o *dynamodb.Options) {
	o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
		return s.Initialize.Add(middleware.InitializeMiddlewareFunc("countCalls",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				c.mu.Lock()
				c.ops = append(c.ops, awsmiddleware.GetOperationName(ctx))
				c.mu.Unlock()
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
	})
}

func (c *callCounter) reset() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	ops := c.ops
	c.ops = nil
	return ops
}

func newAPI(t *testing.T) *api {
	t.Helper()
	calls := &callCounter{}
	db, table := testenv.Table(t, calls.option)
	store := dynamo.New(db, table)
	if err := seed.Load(context.Background(), store, time.Now()); err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	h, err := surveyfn.New(app.Deps{Log: log, DB: db, Config: app.Config{Table: table, LinkSecret: testSecret}, Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	calls.reset()
	return &api{handler: h, db: db, table: table, store: store, logs: logs, calls: calls}
}

func loadEvent(t *testing.T, name string) events.APIGatewayV2HTTPRequest {
	t.Helper()
	b, err := os.ReadFile("../../events/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ev
}

// submitEvent is the sample submit event with another body and headers.
func submitEvent(t *testing.T, surveyID, body string, headers map[string]string) events.APIGatewayV2HTTPRequest {
	ev := loadEvent(t, "survey-submit.json")
	ev.PathParameters = map[string]string{"surveyId": surveyID}
	ev.RawPath = "/surveys/" + surveyID + "/responses"
	ev.Body = body
	delete(ev.Headers, "idempotency-key")
	for k, v := range headers {
		if v == "" {
			delete(ev.Headers, k)
		} else {
			ev.Headers[k] = v
		}
	}
	return ev
}

type errorJSON struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Fields  []struct {
			Field, Code, Message string
		} `json:"fields"`
	} `json:"error"`
}

func (a *api) call(t *testing.T, ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPResponse {
	t.Helper()
	resp, err := a.handler(context.Background(), ev)
	if err != nil {
		t.Fatalf("handler returned error: %v", err)
	}
	return resp
}

// responses returns the stored responses of a survey.
func (a *api) responses(t *testing.T, surveyID string) []map[string]any {
	t.Helper()
	out, err := a.db.Query(context.Background(), &dynamodb.QueryInput{
		TableName:              &a.table,
		KeyConditionExpression: aws.String("pk = :pk AND begins_with(sk, :resp)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": &types.AttributeValueMemberS{Value: "SURVEY#" + surveyID}, ":resp": &types.AttributeValueMemberS{Value: "RESP#"},
		},
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	var items []map[string]any
	if err := attributevalue.UnmarshalListOfMaps(out.Items, &items); err != nil {
		t.Fatal(err)
	}
	return items
}

// itemCount counts every item in the table (Scan: tests only).
func (a *api) itemCount(t *testing.T) int {
	t.Helper()
	out, err := a.db.Scan(context.Background(), &dynamodb.ScanInput{TableName: &a.table, Select: types.SelectCount, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	return int(out.Count)
}
