// Command export-bench measures the CSV and XLSX exports of survey responses against
// DynamoDB Local: rows per second and peak heap of the export path, next
// to a bare loop over the same Query pages, for two row counts (the heap
// should stay flat whatever the count). It starts its own DynamoDB Local
// unless LOCAL_DYNAMODB_URL is set.
//
//	go run ./scripts/export-bench -rows 100000
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/export"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

func main() {
	rows := flag.Int("rows", 100000, "responses in the large run")
	small := flag.Int("small", 10000, "responses in the small run")
	flag.Parse()
	if err := run(*small, *rows); err != nil {
		fmt.Fprintln(os.Stderr, "export-bench:", err)
		os.Exit(1)
	}
}

func run(counts ...int) error {
	ctx := context.Background()
	if os.Getenv("LOCAL_DYNAMODB_URL") == "" {
		root, err := localaws.FindRoot()
		if err != nil {
			return err
		}
		stack, err := localaws.Start(ctx, localaws.Options{Root: root, SESPort: -1})
		if err != nil {
			return err
		}
		defer stack.Stop()
		stack.Setenv()
	} else {
		(&localaws.Stack{DynamoURL: os.Getenv("LOCAL_DYNAMODB_URL")}).Setenv()
	}
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return err
	}
	db := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.DisableValidateResponseChecksum = true })
	fmt.Printf("CSV export of survey responses from DynamoDB Local (%d cores)\n", runtime.NumCPU())
	fmt.Printf("%9s  %14s  %14s  %7s  %12s  %12s\n", "rows", "bare rows/s", "export rows/s", "ratio", "bare heap", "export heap")
	for _, n := range counts {
		table := "export-bench-" + strconv.Itoa(n)
		if err := dynamo.CreateTable(ctx, db, table); err != nil {
			return err
		}
		store := dynamo.New(db, table)
		if err := seed.Load(ctx, store, time.Now()); err != nil {
			return err
		}
		if err := fill(ctx, db, table, n); err != nil {
			return err
		}
		bareRate, bareHeap, err := measure(func() (int, error) { return bare(ctx, db, table) })
		if err != nil {
			return err
		}
		tokens, _ := linktoken.New(make([]byte, 32))
		svc := admin.New(store, tokens, time.Now)
		c := &auth.Coordinator{Subject: "bench", Office: seed.Office}
		cw := &countingWriter{}
		expRate, expHeap, err := measure(func() (int, error) {
			err := svc.ExportResponses(ctx, c, seed.SurveyID, export.Options{Dialect: export.Excel}, cw)
			return n, err
		})
		if err != nil {
			return err
		}
		fmt.Printf("%9d  %14.0f  %14.0f  %6.0f%%  %9.1f MB  %9.1f MB   (%0.1f MB of CSV)\n", n, bareRate, expRate,
			100*expRate/bareRate, float64(bareHeap)/1e6, float64(expHeap)/1e6, float64(cw.n.Load())/1e6)
		ww := &countingWriter{}
		wordsRate, wordsHeap, err := measure(func() (int, error) {
			err := svc.ExportResponses(ctx, c, seed.SurveyID, export.Options{Dialect: export.Excel, Labels: true, Words: true, Lang: "de"}, ww)
			return n, err
		})
		if err != nil {
			return err
		}
		fmt.Printf("%9s  %14s  %14.0f  %6.0f%%  %12s  %9.1f MB   (%0.1f MB of CSV in words)\n", "CSV words", "", wordsRate,
			100*wordsRate/bareRate, "", float64(wordsHeap)/1e6, float64(ww.n.Load())/1e6)
		for _, words := range []bool{false, true} {
			xw := &countingWriter{}
			xlsxRate, xlsxHeap, err := measure(func() (int, error) {
				err := svc.ExportResponses(ctx, c, seed.SurveyID, export.Options{XLSX: true, Labels: true, Words: words, Lang: "de"}, xw)
				return n, err
			})
			if err != nil {
				return err
			}
			what := "XLSX codes"
			if words {
				what = "XLSX words" // and the second sheet in codes: the console's download
			}
			fmt.Printf("%9s  %14s  %14.0f  %6.0f%%  %12s  %9.1f MB   (%0.1f MB of XLSX)\n", what, "", xlsxRate,
				100*xlsxRate/bareRate, "", float64(xlsxHeap)/1e6, float64(xw.n.Load())/1e6)
		}
		_, _ = db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(table)})
	}
	return nil
}

type countingWriter struct{ n atomic.Int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n.Add(int64(len(p))); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)

// measure runs fn and returns rows per second and the peak heap in use
// while it ran (sampled every millisecond).
func measure(fn func() (int, error)) (float64, uint64, error) {
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	start := time.Now()
	n, err := fn()
	d := time.Since(start)
	close(stop)
	wg.Wait()
	return float64(n) / d.Seconds(), peak.Load(), err
}

// bare reads the same Query pages and only counts the items.
func bare(ctx context.Context, db *dynamodb.Client, table string) (int, error) {
	p := dynamodb.NewQueryPaginator(db, &dynamodb.QueryInput{
		TableName:              aws.String(table),
		KeyConditionExpression: aws.String("pk = :pk AND begins_with(sk, :p)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": &types.AttributeValueMemberS{Value: "SURVEY#" + seed.SurveyID}, ":p": &types.AttributeValueMemberS{Value: "RESP#"},
		},
	})
	n := 0
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return n, err
		}
		n += len(page.Items)
	}
	return n, nil
}

// fill writes n realistic responses with 8 writers in batches of 25.
func fill(ctx context.Context, db *dynamodb.Client, table string, n int) error {
	var next atomic.Int64
	errs := make(chan error, 8)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				start := int(next.Add(25)) - 25
				if start >= n {
					return
				}
				var reqs []types.WriteRequest
				for i := start; i < min(start+25, n); i++ {
					item, err := attributevalue.MarshalMap(map[string]any{
						"pk": "SURVEY#" + seed.SurveyID, "sk": fmt.Sprintf("RESP#%012d", i), "type": "response",
						"id": fmt.Sprintf("%026d", i), "surveyId": seed.SurveyID, "office": seed.Office,
						"submittedAt": time.Now().UTC().Format(time.RFC3339Nano), "language": "de",
						"answers": answersJSON(map[string]any{"org_name": fmt.Sprintf("Deutsch-Türkischer Kulturverein %d e.V.", i),
							"fields_of_activity": []string{"culture", "youth"}, "members": "20-49", "municipality": "Musterstadt",
							"contact_email": fmt.Sprintf("info%d@verein.example", i), "year_founded": 1990 + i%30,
							"needs": []string{"funding", "rooms"}, "needs_details": "Wir suchen Räume für 30 Personen – مساحة للاجتماعات"}),
						"consent":   map[string]bool{"privacy": true, "publishProfile": i%2 == 0},
						"expiresAt": time.Now().Add(730 * 24 * time.Hour).Unix(),
					})
					if err != nil {
						errs <- err
						return
					}
					reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: item}})
				}
				for len(reqs) > 0 {
					out, err := db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{table: reqs}})
					if err != nil {
						errs <- err
						return
					}
					reqs = out.UnprocessedItems[table]
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// answersJSON is the answers as the store keeps them: one JSON string.
func answersJSON(a map[string]any) string {
	b, _ := json.Marshal(a)
	return string(b)
}
