package thirdparty

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/schemas"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestDynamoDBSchemasAtFirstCall: the DynamoDB copy makes an operation's
// schemas at its first call (README.md, "dynamodb"), and its requests and
// answers are those of the release. Many goroutines make the first calls
// of operations that share shapes at once (go test -race checks them);
// the stand-in answers each as DynamoDB would, a failed condition with
// the item, which decodes through the error schemas made at start.
func TestDynamoDBSchemasAtFirstCall(t *testing.T) {
	if schemas.GetItemInput != nil || schemas.TransactWriteItemsInput != nil || schemas.CreateTableInput != nil {
		t.Fatal("operation schemas made before any call")
	}
	if schemas.DynamoDB_20120810 == nil || schemas.ConditionalCheckFailedException == nil || schemas.AttributeValue_M == nil {
		t.Fatal("the service's and the errors' schemas are not made at start")
	}
	var mu sync.Mutex
	bodies := map[string][]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "DynamoDB_20120810.")
		mu.Lock()
		bodies[op] = append(bodies[op], string(b))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		switch op {
		case "GetItem":
			io.WriteString(w, `{"Item":{"pk":{"S":"Grüße, Şule, مرحبا"},"n":{"N":"7"},"l":{"L":[{"M":{"b":{"BOOL":true}}}]}}}`)
		case "PutItem":
			w.Header().Set("X-Amzn-ErrorType", "ConditionalCheckFailedException")
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"pk":{"S":"x"}}}`)
		case "Query":
			io.WriteString(w, `{"Count":1,"Items":[{"pk":{"S":"Привіт"}}],"LastEvaluatedKey":{"pk":{"S":"Привіт"}}}`)
		default:
			io.WriteString(w, `{}`)
		}
	}))
	defer srv.Close()
	db := dynamodb.New(dynamodb.Options{
		Region: "eu-central-1", BaseEndpoint: aws.String(srv.URL), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
	})
	key := map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "ORG#ä"}, "sk": &types.AttributeValueMemberS{Value: "DEF"}}
	ctx := context.Background()
	calls := []func(t *testing.T){
		func(t *testing.T) {
			out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("t"), Key: key, ConsistentRead: aws.Bool(true)})
			if err != nil {
				t.Error(err)
				return
			}
			if s := out.Item["pk"].(*types.AttributeValueMemberS).Value; s != "Grüße, Şule, مرحبا" {
				t.Errorf("GetItem: %q", s)
			}
			l := out.Item["l"].(*types.AttributeValueMemberL).Value
			if len(l) != 1 || !l[0].(*types.AttributeValueMemberM).Value["b"].(*types.AttributeValueMemberBOOL).Value {
				t.Errorf("GetItem: list %#v", l)
			}
		},
		func(t *testing.T) {
			_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("t"), Item: key, ConditionExpression: aws.String("attribute_not_exists(pk)"),
				ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld})
			var cf *types.ConditionalCheckFailedException
			if !errors.As(err, &cf) || cf.Item["pk"].(*types.AttributeValueMemberS).Value != "x" {
				t.Errorf("PutItem: %v", err)
			}
		},
		func(t *testing.T) {
			out, err := db.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("t"), KeyConditionExpression: aws.String("pk = :p"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":p": &types.AttributeValueMemberS{Value: "Привіт"}}})
			if err != nil || out.Count != 1 || out.Items[0]["pk"].(*types.AttributeValueMemberS).Value != "Привіт" || out.LastEvaluatedKey == nil {
				t.Errorf("Query: %v %#v", err, out)
			}
		},
		func(t *testing.T) {
			_, err := db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{ClientRequestToken: aws.String("retry-1"), TransactItems: []types.TransactWriteItem{
				{Update: &types.Update{TableName: aws.String("t"), Key: key, UpdateExpression: aws.String("ADD n :one"),
					ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}}}},
				{Put: &types.Put{TableName: aws.String("t"), Item: key}},
			}})
			if err != nil {
				t.Error(err)
			}
		},
	}
	var wg sync.WaitGroup
	for range 8 {
		for _, call := range calls {
			wg.Add(1)
			go func() {
				defer wg.Done()
				call(t)
			}()
		}
	}
	wg.Wait()
	if schemas.CreateTableInput != nil {
		t.Error("the schemas of an operation never called were made")
	}
	// The requests as the release writes them (compared as JSON values).
	want := map[string]string{
		"GetItem":            `{"ConsistentRead":true,"Key":{"pk":{"S":"ORG#ä"},"sk":{"S":"DEF"}},"TableName":"t"}`,
		"PutItem":            `{"ConditionExpression":"attribute_not_exists(pk)","Item":{"pk":{"S":"ORG#ä"},"sk":{"S":"DEF"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD","TableName":"t"}`,
		"Query":              `{"ExpressionAttributeValues":{":p":{"S":"Привіт"}},"KeyConditionExpression":"pk = :p","TableName":"t"}`,
		"TransactWriteItems": `{"ClientRequestToken":"retry-1","TransactItems":[{"Update":{"ExpressionAttributeValues":{":one":{"N":"1"}},"Key":{"pk":{"S":"ORG#ä"},"sk":{"S":"DEF"}},"TableName":"t","UpdateExpression":"ADD n :one"}},{"Put":{"Item":{"pk":{"S":"ORG#ä"},"sk":{"S":"DEF"}},"TableName":"t"}}]}`,
	}
	for op, w := range want {
		if len(bodies[op]) != 8 {
			t.Errorf("%s: %d requests, want 8", op, len(bodies[op]))
		}
		for _, b := range bodies[op] {
			if !sameJSON(t, b, w) {
				t.Errorf("%s: %s, want %s", op, b, w)
				break
			}
		}
	}
}

// sameJSON tells whether two JSON texts hold the same value.
func sameJSON(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		t.Fatalf("%s: %v", a, err)
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	xs, _ := json.Marshal(x)
	ys, _ := json.Marshal(y)
	return string(xs) == string(ys)
}
