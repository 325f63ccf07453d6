// Package testenv gives integration tests the real local stand-ins:
// DynamoDB Local and the local SES server, started once per test run (by
// scripts/with-local-aws, which exports their URLs) or, when a package's tests
// run alone, once per test binary. Each test gets a table of its own.
package testenv

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

// Environment variables through which a test run shares one stack.
const (
	EnvDynamo = "LOCAL_DYNAMODB_URL"
	EnvSES    = "LOCAL_SES_URL"
)

var (
	dynamoURL, sesURL string
	tableSeq          atomic.Int64

	startOnce sync.Once
	startErr  error
	started   *localaws.Stack
)

// Main runs a package's tests; the stand-ins start on first use (so fuzz
// workers and benchmarks on in-memory stores never start Java). Use it from
// TestMain: os.Exit(testenv.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if started != nil {
		started.Stop()
	}
	return code
}

// ensure makes the stand-ins available: those of the test run (URLs in the
// environment) or, when a package's tests run alone, ones started now.
func ensure(t testing.TB) {
	t.Helper()
	startOnce.Do(func() {
		dynamoURL, sesURL = os.Getenv(EnvDynamo), os.Getenv(EnvSES)
		if dynamoURL == "" || sesURL == "" {
			root, err := localaws.FindRoot()
			if err != nil {
				startErr = err
				return
			}
			started, startErr = localaws.Start(context.Background(), localaws.Options{Root: root})
			if startErr != nil {
				return
			}
			dynamoURL, sesURL = started.DynamoURL, started.SESURL
		}
		(&localaws.Stack{DynamoURL: dynamoURL, SESURL: sesURL}).Setenv()
		// A key of this test binary's own: with-local-aws starts DynamoDB
		// Local with a database per key, so packages do not share one.
		os.Setenv("AWS_ACCESS_KEY_ID", fmt.Sprintf("test%d", os.Getpid()))
	})
	if startErr != nil {
		t.Fatalf("testenv: %v", startErr)
	}
}

// DynamoURL is the endpoint of DynamoDB Local.
func DynamoURL(t testing.TB) string { ensure(t); return dynamoURL }

// SESURL is the endpoint of the local SES server.
func SESURL(t testing.TB) string { ensure(t); return sesURL }

// AWSConfig is an SDK configuration for the stand-ins.
func AWSConfig(t testing.TB) aws.Config {
	ensure(t)
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		t.Fatalf("aws config: %v", err)
	}
	return cfg
}

// Table creates a fresh table for the test, deleted when it ends, and
// returns a client and the table's name.
func Table(t testing.TB, optFns ...func(*dynamodb.Options)) (*dynamodb.Client, string) {
	t.Helper()
	ensure(t)
	// DynamoDB Local's error responses fail the SDK's CRC32 check, which
	// only logs a warning; skip the check against the stand-in.
	optFns = append([]func(*dynamodb.Options){func(o *dynamodb.Options) { o.DisableValidateResponseChecksum = true }}, optFns...)
	db := dynamodb.NewFromConfig(AWSConfig(t), optFns...)
	name := fmt.Sprintf("t%d-%d-%s", time.Now().UnixNano()%1e9, tableSeq.Add(1), sanitize(t.Name()))
	if len(name) > 200 {
		name = name[:200]
	}
	ctx := context.Background()
	if err := dynamo.CreateTable(ctx, db, name); err != nil {
		t.Fatalf("create table: %v", err)
	}
	t.Cleanup(func() {
		_, _ = db.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	})
	return db, name
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '_'
	}, s)
}

// Items returns every item of a table by its type attribute (a Scan:
// tests only).
func Items(t testing.TB, db *dynamodb.Client, table string) map[string][]map[string]any {
	t.Helper()
	out := map[string][]map[string]any{}
	p := dynamodb.NewScanPaginator(db, &dynamodb.ScanInput{TableName: &table, ConsistentRead: aws.Bool(true)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var items []map[string]any
		if err := attributevalue.UnmarshalListOfMaps(page.Items, &items); err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			answersJSON(t, it)
			typ, _ := it["type"].(string)
			out[typ] = append(out[typ], it)
		}
	}
	return out
}

// answersJSON decodes a stored response's answers (kept as one JSON
// string, shared/store/dynamo) into the map tests compare.
func answersJSON(t testing.TB, it map[string]any) {
	t.Helper()
	if s, ok := it["answers"].(string); ok && it["type"] == "response" {
		var m map[string]any
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			t.Fatalf("stored answers: %v", err)
		}
		it["answers"] = m
	}
}
