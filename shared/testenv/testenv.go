// Package testenv gives integration tests the real local stand-ins:
// DynamoDB Local and the local SES server, started once per test run (by
// scripts/test-stack, which exports their URLs) or, when a package's tests
// run alone, once per test binary. Each test gets a table of its own.
package testenv

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
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
)

// Main runs a package's tests with the stand-ins available. Use it from
// TestMain: os.Exit(testenv.Main(m)).
func Main(m *testing.M) int {
	dynamoURL, sesURL = os.Getenv(EnvDynamo), os.Getenv(EnvSES)
	if dynamoURL == "" || sesURL == "" {
		root, err := localaws.FindRoot()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		stack, err := localaws.Start(context.Background(), localaws.Options{Root: root})
		if err != nil {
			fmt.Fprintln(os.Stderr, "testenv:", err)
			return 1
		}
		defer stack.Stop()
		dynamoURL, sesURL = stack.DynamoURL, stack.SESURL
	}
	stack := &localaws.Stack{DynamoURL: dynamoURL, SESURL: sesURL}
	stack.Setenv()
	return m.Run()
}

// DynamoURL is the endpoint of DynamoDB Local.
func DynamoURL() string { return dynamoURL }

// SESURL is the endpoint of the local SES server.
func SESURL() string { return sesURL }

// AWSConfig is an SDK configuration for the stand-ins; opts may add
// middleware (e.g. call counters).
func AWSConfig(t testing.TB) aws.Config {
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
	if dynamoURL == "" {
		t.Fatal("testenv: call testenv.Main from TestMain")
	}
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

// ClearSES empties the local SES inbox.
func ClearSES(t testing.TB) {
	t.Helper()
	resp, err := http.Post(sesURL+"/clear-store", "application/json", nil)
	if err != nil {
		t.Fatalf("clear ses store: %v", err)
	}
	resp.Body.Close()
}
