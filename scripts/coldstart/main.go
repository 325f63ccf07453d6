// Command coldstart measures cold starts the way Lambda's provided.al2023
// runtime sees them. It starts DynamoDB Local and the local SES server,
// seeds the demo data, builds every function's bootstrap with the flags
// of scripts/build-lambdas (for this machine's architecture, so that it
// runs here) and a floor function (./floor: aws-lambda-go plus one
// DynamoDB GetItem), then starts each bootstrap -n times, interleaved,
// against a stand-in for the Lambda Runtime API on 127.0.0.1 and reports
// the medians of
//
//   - init: process start → the runtime's first "next invocation", and
//   - first answer: process start → the response to a real first request
//     (a GET of the demo survey or meeting, the admin's survey list, an
//     empty stream batch for the mailer),
//
// each beside the floor's. Run it with `make coldstart`.
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

const table = "coldstart"

// fn is one function to start: its package and its first request.
type fn struct {
	name, pkg string
	event     any
	api       bool   // answers an API Gateway request: its statusCode must be 200
	tags      string // build tags besides ours
}

func functions() []fn {
	get := func(route string, params map[string]string) events.APIGatewayV2HTTPRequest {
		return events.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: route, PathParameters: params,
			Headers: map[string]string{"accept-language": "de"}}
	}
	admin := get("GET /admin/surveys", nil)
	admin.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
		JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: map[string]string{
			auth.ClaimSub: "coldstart", auth.ClaimGroups: "[" + auth.Group + "]", auth.ClaimOffice: "demo"}}}
	return []fn{
		{"floor", "./scripts/coldstart/floor", get("GET /surveys/{surveyId}", nil), true, ""},
		{"lean floor", "./scripts/coldstart/floor", get("GET /surveys/{surveyId}", nil), true, "lean"},
		{"survey", "./functions/survey", get("GET /surveys/{surveyId}", map[string]string{"surveyId": seed.SurveyID}), true, ""},
		{"meeting", "./functions/meeting", get("GET /meetings/{meetingId}", map[string]string{"meetingId": seed.MeetingID}), true, ""},
		{"admin", "./functions/admin", admin, true, ""},
		{"mailer", "./functions/mailer", events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{}}, false, ""},
	}
}

func main() {
	n := flag.Int("n", 15, "starts of each function")
	flag.Parse()
	if err := run(*n); err != nil {
		fmt.Fprintln(os.Stderr, "coldstart:", err)
		os.Exit(1)
	}
}

func run(n int) error {
	ctx := context.Background()
	root, err := localaws.FindRoot()
	if err != nil {
		return err
	}
	stack, err := localaws.Start(ctx, localaws.Options{Root: root})
	if err != nil {
		return err
	}
	defer stack.Stop()
	stack.Setenv()
	cfg, err := app.AWSConfig(ctx)
	if err != nil {
		return err
	}
	db := dynamodb.NewFromConfig(cfg)
	if err := dynamo.CreateTable(ctx, db, table); err != nil {
		return err
	}
	if err := seed.Load(ctx, dynamo.New(db, table), time.Now()); err != nil {
		return err
	}

	dir, err := os.MkdirTemp("", "coldstart")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	env := os.Environ()
	for k, v := range stack.Env() {
		env = append(env, k+"="+v)
	}
	env = append(env, "TABLE_NAME="+table, "LINK_SECRET="+base64.StdEncoding.EncodeToString(secret),
		"MAIL_FROM=netzwerk@example.org", "PUBLIC_BASE_URL=http://127.0.0.1:8080",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=256", "AWS_LAMBDA_LOG_FORMAT=JSON")

	fns := functions()
	for _, f := range fns {
		// The flags of scripts/build-lambdas.
		tags := "lambda.norpc,nethttpomithttp2"
		if f.tags != "" {
			tags += "," + f.tags
		}
		build := exec.Command("go", "build", "-tags", tags, "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, f.name), f.pkg)
		build.Dir, build.Env, build.Stderr = root, append(os.Environ(), "CGO_ENABLED=0"), os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build %s: %w", f.name, err)
		}
	}
	inits, firsts := map[string][]time.Duration{}, map[string][]time.Duration{}
	for round := range n {
		for i := range fns {
			f := fns[(round+i)%len(fns)] // a different order each round
			init, first, err := once(filepath.Join(dir, f.name), env, f)
			if err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
			inits[f.name], firsts[f.name] = append(inits[f.name], init), append(firsts[f.name], first)
		}
	}
	floorInit, floorFirst := median(inits["floor"]), median(firsts["floor"])
	leanInit, leanFirst := median(inits["lean floor"]), median(firsts["lean floor"])
	fmt.Printf("%d starts each, interleaved; medians. floor: the SDK's usual configuration; lean floor: ours (Lambda's environment only)\n\n", n)
	fmt.Println("| function | init | × floor | × lean floor | init + first answer | × floor | × lean floor | binary |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, f := range fns {
		st, _ := os.Stat(filepath.Join(dir, f.name))
		i, a := median(inits[f.name]), median(firsts[f.name])
		fmt.Printf("| %s | %s | %.2f | %.2f | %s | %.2f | %.2f | %.1f MB |\n", f.name, ms(i), float64(i)/float64(floorInit), float64(i)/float64(leanInit),
			ms(a), float64(a)/float64(floorFirst), float64(a)/float64(leanFirst), float64(st.Size())/1e6)
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/1e6) }

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// once starts bin against a fresh Runtime API stand-in, hands it f's
// event and returns the time to its first "next" and to its answer.
func once(bin string, env []string, f fn) (init, first time.Duration, err error) {
	event, _ := json.Marshal(f.event)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, 0, err
	}
	var start, next time.Time
	type answer struct {
		at   time.Time
		body []byte
		err  error
	}
	answered := make(chan answer, 1)
	var mu sync.Mutex // guards served and next, set by the stand-in's handlers
	served := false
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2018-06-01/runtime/invocation/next", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		again := served
		served, next = true, time.Now()
		mu.Unlock()
		if again { // the function waits for its next event: hold it until we stop it
			<-r.Context().Done()
			return
		}
		h := w.Header()
		h.Set("Lambda-Runtime-Aws-Request-Id", "coldstart-1")
		h.Set("Lambda-Runtime-Deadline-Ms", fmt.Sprint(time.Now().Add(30*time.Second).UnixMilli()))
		h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-central-1:000000000000:function:"+f.name)
		h.Set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000")
		_, _ = w.Write(event)
	})
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/response", func(w http.ResponseWriter, r *http.Request) {
		at := time.Now()
		b, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
		answered <- answer{at: at, body: b}
	})
	fail := func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
		answered <- answer{err: fmt.Errorf("function error: %s", b)}
	}
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/error", fail)
	mux.HandleFunc("POST /2018-06-01/runtime/init/error", fail)
	srv := &http.Server{Handler: mux}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	cmd := exec.Command(bin)
	cmd.Env = append(slices.Clone(env), "AWS_LAMBDA_RUNTIME_API="+ln.Addr().String(), "AWS_LAMBDA_FUNCTION_NAME="+f.name)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	start = time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	select {
	case a := <-answered:
		if a.err != nil {
			return 0, 0, a.err
		}
		if f.api {
			var resp events.APIGatewayV2HTTPResponse
			if err := json.Unmarshal(a.body, &resp); err != nil || resp.StatusCode != http.StatusOK {
				return 0, 0, fmt.Errorf("first answer %d: %.200s", resp.StatusCode, a.body)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		return next.Sub(start), a.at.Sub(start), nil
	case <-time.After(20 * time.Second):
		return 0, 0, errors.New("no answer within 20 s")
	}
}
