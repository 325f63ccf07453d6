// Command coldstart measures cold starts the way Lambda's provided.al2023
// runtime sees them. It starts DynamoDB Local and the local SES server,
// seeds the demo data, builds every function's bootstrap with the flags
// of scripts/build-lambdas (for this machine's architecture, so that it
// runs here) and the floor functions (./floor: aws-lambda-go plus one
// DynamoDB GetItem, with the SDK's usual configuration and, -tags lean,
// with ours; built with the releases of the modules that go.mod replaces
// with copies, as anyone's function is, and the lean one also with the
// copies, as ours are), then starts each bootstrap -n times, interleaved (each
// round in another order), against a
// stand-in for the Lambda Runtime API on 127.0.0.1. A first round before
// those is not measured (it writes the pages' copies), and DynamoDB Local
// is warmed with the pages' reads before the measured rounds (warmDynamo).
//
// Each bootstrap gets Lambda's environment only: the variables Lambda
// sets in every function (lambdaEnv) and the function's own as the stack
// sets them (routes.Specs), nothing of this machine's environment (its
// AWS_CA_BUNDLE alone makes the SDK's usual configuration parse every
// certificate of the system at start). The endpoints point at the local
// stand-ins; that is the one difference.
//
// It reports the medians of
//
//   - init: process start → the runtime's first "next invocation",
//   - invoke: that "next" → the answer to the first request (the one
//     request for work that is timed in a start),
//   - total: process start → that answer,
//   - faults: the process's page faults until it is stopped after that
//     answer (getrusage), which the machine's load moves far less than
//     times (what the page cache holds moves them: -evict),
//
// for the JSON routes, the pages the mails link to (/s/…, a personal
// link /s/…?invitation=…, /m/…, /r/…, and /r/… without the page copy
// the start before kept),
// the stylesheet, the admin's survey list and the mailer's empty batch,
// each beside both floors; then the warm invocations of a page and of the
// JSON GET of the same function. Rows marked "secret over TLS" read the
// link secret from a Secrets Manager stand-in over TLS (LINK_SECRET_ARN,
// as in AWS) instead of LINK_SECRET: its share of a cold start. Rows
// marked "over TLS" reach DynamoDB through a TLS stand-in as well, as
// every function does in AWS, beside both floors over TLS: the first
// handshake's verification is a cold start's largest single item there.
// Run it with `make coldstart`. With -against <revision>, the survey and
// meeting functions of that revision (on a table of their own) are
// measured beside this tree's, in the same rounds. With -evict, every
// start reads its bootstrap from the disk (evict_linux.go).
package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

const table = "coldstart"

// only limits the rows (-only); against names a revision whose survey and
// meeting functions are measured beside this tree's (-against).
var only, against string

// evict drops each bootstrap's pages from the page cache before it starts
// (-evict), so that it is read from the disk as in a fresh microVM.
var evict bool

// bin is one bootstrap to build.
type bin struct {
	name, pkg, tags string
	fn              routes.Function // whose environment it gets ("" for the floors)
	table           string          // its table, if not table
	// releases: built with the releases of the modules that go.mod
	// replaces with copies of its own (third_party), as anyone's function
	// is: the floors; "lean floor, copies" is the lean floor on the copies.
	releases bool
}

// tlsMode is what a row's bootstrap reaches over TLS, as in AWS.
type tlsMode int

const (
	plain     tlsMode = iota
	tlsSecret         // LINK_SECRET_ARN read from the TLS stand-in of Secrets Manager
	tlsAll            // that, and DynamoDB through a TLS stand-in in front of DynamoDB Local
)

// row is one measured start: a bootstrap and its first request.
type row struct {
	label, bin string
	event      any
	api        bool // an API Gateway answer: its status must be 200
	tls        tlsMode
	// before runs before each start (untimed): a row without the page
	// copy that the start before it kept.
	before func() error
}

func bins() []bin {
	return []bin{
		{"floor", "./scripts/coldstart/floor", "", "", "", true},
		{"lean floor", "./scripts/coldstart/floor", "lean", "", "", true},
		{"lean floor, copies", "./scripts/coldstart/floor", "lean", "", "", false},
		{"survey", "./functions/survey", "", routes.Survey, "", false},
		{"meeting", "./functions/meeting", "", routes.Meeting, "", false},
		{"admin", "./functions/admin", "", routes.Admin, "", false},
		{"mailer", "./functions/mailer", "", routes.Mailer, "", false},
	}
}

// browser is a GET as a browser sends it through API Gateway.
func browser(path string) events.APIGatewayV2HTTPRequest {
	u, _, _ := strings.Cut(path, "?")
	r := httptest.NewRequest(http.MethodGet, "https://netzwerk.example"+path, nil)
	r.RemoteAddr = "203.0.113.7:50000"
	for k, v := range map[string]string{
		"Accept":          "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
		"Accept-Encoding": "gzip, deflate, br, zstd", "Accept-Language": "de-DE,de;q=0.9,en;q=0.8",
		"User-Agent":     "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
		"Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Site": "none",
	} {
		r.Header.Set(k, v)
	}
	if strings.HasPrefix(u, "/assets/") {
		r.Header.Set("Accept", "text/css,*/*;q=0.1")
		r.Header.Set("Sec-Fetch-Dest", "style")
	}
	route, params, ok := localaws.Match(http.MethodGet, u)
	if !ok {
		panic("no route for " + path)
	}
	return localaws.Event(r, route, params, nil, "coldstart-1")
}

// arabic is e asked for by a browser set to Arabic.
func arabic(e events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
	e.Headers["accept-language"] = "ar,en;q=0.5"
	return e
}

// jsonGET is a GET of the JSON API (a fetch from an office's site).
func jsonGET(path string) events.APIGatewayV2HTTPRequest {
	e := browser(path)
	e.Headers["accept"] = "application/json"
	delete(e.Headers, "sec-fetch-dest")
	delete(e.Headers, "sec-fetch-mode")
	return e
}

func rows(fx fixture, css string) []row {
	token, uncopied, invited, dropCopy := fx.token, fx.uncopied, fx.invited, fx.dropCopy
	admin := jsonGET("/admin/surveys")
	admin.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
		JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: map[string]string{
			auth.ClaimSub: "coldstart", auth.ClaimGroups: "[" + auth.Group + "]", auth.ClaimOffice: "demo"}}}
	floor := jsonGET("/surveys/" + seed.SurveyID)
	return []row{
		{"floor", "floor", floor, true, plain, nil},
		{"lean floor", "lean floor", floor, true, plain, nil},
		{"lean floor, copies", "lean floor, copies", floor, true, plain, nil},
		{"survey GET /surveys/{id}", "survey", jsonGET("/surveys/" + seed.SurveyID), true, plain, nil},
		{"survey GET /s/{id}", "survey", browser("/s/" + seed.SurveyID), true, plain, nil},
		{"survey GET /s/{id}, in Arabic", "survey", arabic(browser("/s/" + seed.SurveyID)), true, plain, nil},
		{"survey GET /s/{id}, a personal link", "survey", browser("/s/" + seed.SurveyID + "?invitation=" + invited), true, plain, nil},
		{"survey GET /assets/{css}", "survey", browser(css), true, plain, nil},
		{"meeting GET /meetings/{id}", "meeting", jsonGET("/meetings/" + seed.MeetingID), true, plain, nil},
		{"meeting GET /m/{id}", "meeting", browser("/m/" + seed.MeetingID), true, plain, nil},
		{"meeting GET /r/{token}", "meeting", browser("/r/" + token), true, plain, nil},
		{"meeting GET /r/{token}, no copy", "meeting", browser("/r/" + uncopied), true, plain, dropCopy},
		{"admin GET /admin/surveys", "admin", admin, true, plain, nil},
		{"mailer, an empty batch", "mailer", events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{}}, false, plain, nil},
		{"survey GET /s/{id}, secret over TLS", "survey", browser("/s/" + seed.SurveyID), true, tlsSecret, nil},
		{"meeting GET /m/{id}, secret over TLS", "meeting", browser("/m/" + seed.MeetingID), true, tlsSecret, nil},
		{"floor, over TLS", "floor", floor, true, tlsAll, nil},
		{"lean floor, over TLS", "lean floor", floor, true, tlsAll, nil},
		{"survey GET /s/{id}, all over TLS", "survey", browser("/s/" + seed.SurveyID), true, tlsAll, nil},
		{"meeting GET /m/{id}, all over TLS", "meeting", browser("/m/" + seed.MeetingID), true, tlsAll, nil},
	}
}

func main() {
	n := flag.Int("n", 21, "starts of each row")
	warm := flag.Int("warm", 101, "warm invocations of each warm row")
	flag.StringVar(&only, "only", "", "measure only the rows whose label contains this (and the floors)")
	flag.BoolVar(&evict, "evict", false, "drop each bootstrap from the page cache before it starts: read from the disk at every start, as in a fresh microVM")
	flag.StringVar(&against, "against", "", "a git revision whose survey and meeting functions are measured beside this tree's, in the same rounds (rows marked @revision)")
	flag.Parse()
	if err := run(*n, *warm); err != nil {
		fmt.Fprintln(os.Stderr, "coldstart:", err)
		os.Exit(1)
	}
}

// setup is what the measurements share.
type setup struct {
	dir                 string
	stackEnv            map[string]string // the local stand-ins' endpoints
	secret              string            // LINK_SECRET (base64)
	secretsURL, certDir string            // the TLS stand-in for Secrets Manager and a CA bundle that trusts it
	dynamoTLS           string            // DynamoDB Local behind TLS
}

func run(n, warm int) error {
	ctx := context.Background()
	if pinned := pinHarness(); pinned {
		fmt.Printf("Each bootstrap runs on core %d alone; DynamoDB Local, the SES server and this harness on the others (pin_linux.go).\n", functionCore)
	}
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
	raw := make([]byte, 32)
	_, _ = rand.Read(raw)
	tokens, err := linktoken.New(raw)
	if err != nil {
		return err
	}
	fx, err := prepare(ctx, db, tokens, table)
	if err != nil {
		return err
	}

	dir, err := os.MkdirTemp("", "coldstart")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	s := &setup{dir: dir, stackEnv: stack.Env(), secret: base64.StdEncoding.EncodeToString(raw)}
	secrets, err := s.secretsStandIn()
	if err != nil {
		return err
	}
	defer secrets.Close()
	dynamoTLS, err := s.dynamoOverTLS()
	if err != nil {
		return err
	}
	defer dynamoTLS.Close()

	css := web.Stylesheets()[0]
	built := map[string]bin{}
	for _, b := range bins() {
		if err := s.build(root, b); err != nil {
			if b.fn == "" || b.fn == routes.Survey || b.fn == routes.Meeting {
				return fmt.Errorf("build %s: %w", b.name, err)
			}
			fmt.Fprintf(os.Stderr, "coldstart: build %s: %v; its rows are left out\n", b.name, err)
			continue
		}
		built[b.name] = b
	}

	all := rows(fx, css)
	fixtures := []fixture{fx}
	if against != "" {
		// Its own table: each build's page copies are strangers to the
		// other's (web.BuildID).
		afx, err := prepare(ctx, db, tokens, table+"-against")
		if err != nil {
			return err
		}
		if all, err = s.buildAgainst(root, built, all, rows(afx, css), table+"-against"); err != nil {
			return err
		}
		fixtures = append(fixtures, afx)
	}
	var rs []row
	for _, r := range all {
		if _, ok := built[r.bin]; ok && (only == "" || strings.Contains(r.label, only) || strings.Contains(r.label, "floor")) {
			rs = append(rs, r)
		}
	}
	type sample struct {
		init, invoke, total, cpu []time.Duration
		faults                   []int64
	}
	got := map[string]*sample{}
	for _, r := range rs {
		got[r.label] = &sample{}
	}
	// Round 0 is not measured: it writes the pages' copies, as a
	// deployment's first views do. Then DynamoDB Local is warmed
	// (warmDynamo).
	for round := range n + 1 {
		if round == 1 {
			for _, fx := range fixtures {
				if err := warmDynamo(ctx, fx.store, fx.invID); err != nil {
					return fmt.Errorf("warm DynamoDB Local: %w", err)
				}
			}
		}
		// A different order each round, the same in every run: no row
		// always follows the same one.
		for _, i := range mrand.New(mrand.NewPCG(1, uint64(round))).Perm(len(rs)) {
			r := rs[i]
			if r.before != nil {
				if err := r.before(); err != nil {
					return fmt.Errorf("%s: %w", r.label, err)
				}
			}
			rt, err := s.start(built[r.bin], r.tls)
			if err != nil {
				return fmt.Errorf("%s: %w", r.label, err)
			}
			a, err := rt.invoke(r.event, r.api)
			if err != nil {
				rt.stop()
				return fmt.Errorf("%s: %w", r.label, err)
			}
			rt.stop()
			rt.mu.Lock()
			init := rt.initDone.Sub(rt.started)
			rt.mu.Unlock()
			if round == 0 {
				continue
			}
			g := got[r.label]
			g.init, g.invoke, g.total = append(g.init, init), append(g.invoke, a.invoke), append(g.total, a.at.Sub(rt.started))
			g.cpu = append(g.cpu, rt.cmd.ProcessState.UserTime()+rt.cmd.ProcessState.SystemTime())
			g.faults = append(g.faults, faults(rt.cmd.ProcessState))
		}
	}
	floor, lean := got["floor"], got["lean floor"]
	fmt.Printf("%d starts of each row, interleaved; medians. Each bootstrap gets Lambda's environment only.\n", n)
	fmt.Println("floor: aws-lambda-go + one GetItem with the SDK's usual configuration (config.LoadDefaultConfig); lean floor: the same with ours, from Lambda's environment;")
	fmt.Println("both built with the modules' releases, as anyone's function is; \"lean floor, copies\": the lean floor built with this module's copies (third_party), as the functions are.")
	fmt.Println("init: exec → first \"next\"; invoke: that \"next\" → the first answer; total: exec → the first answer;")
	fmt.Println("CPU: the process's user and system time until it was stopped after its answer (less sensitive to the machine's load);")
	fmt.Println("faults: its page faults until then (getrusage; each first touch of a page of the bootstrap, its heap or its stacks), which the load moves far less than times.")
	fmt.Println("paired: the median of the ratios of each round's starts (a round starts every row once, one after the other),")
	fmt.Println("which the machine's drift between rounds disturbs less than the ratio of the medians.")
	fmt.Println()
	fmt.Println("| function, first request | init | × floor | × lean | invoke | × floor | total | × floor | × lean | CPU | × lean | faults | × lean | paired: init × lean | paired: total × floor |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, r := range rs {
		g := got[r.label]
		i, v, t, c := median(g.init), median(g.invoke), median(g.total), median(g.cpu)
		f := median(g.faults)
		fmt.Printf("| %s | %s | %.2f | %.2f | %s | %.2f | %s | %.2f | %.2f | %s | %.2f | %d | %.2f | %.2f | %.2f |\n", r.label,
			ms(i), ratio(i, median(floor.init)), ratio(i, median(lean.init)),
			ms(v), ratio(v, median(floor.invoke)),
			ms(t), ratio(t, median(floor.total)), ratio(t, median(lean.total)), ms(c), ratio(c, median(lean.cpu)),
			f, float64(f)/float64(median(lean.faults)), paired(g.init, lean.init), paired(g.total, floor.total))
	}
	if tf, ok := got["floor, over TLS"]; ok && len(tf.total) > 0 {
		fmt.Println()
		fmt.Println("Over TLS (every call to AWS, as in Lambda): beside the floor over TLS.")
		fmt.Println()
		fmt.Println("| first request, over TLS | total | CPU | faults | total × floor over TLS, paired | CPU × floor over TLS |")
		fmt.Println("| --- | --- | --- | --- | --- | --- |")
		for _, r := range rs {
			if r.tls != tlsAll {
				continue
			}
			g := got[r.label]
			fmt.Printf("| %s | %s | %s | %d | %.2f | %.2f |\n", r.label, ms(median(g.total)), ms(median(g.cpu)), median(g.faults),
				paired(g.total, tf.total), ratio(median(g.cpu), median(tf.cpu)))
		}
	}
	fmt.Println()
	fmt.Println("| bootstrap (this machine's architecture) | size |")
	fmt.Println("| --- | --- |")
	for _, b := range bins() {
		st, err := os.Stat(filepath.Join(dir, b.name))
		if err != nil {
			continue
		}
		fmt.Printf("| %s | %.2f MB |\n", b.name, float64(st.Size())/1e6)
	}

	if warm > 0 {
		fmt.Printf("\nWarm: one start each, %d invocations alternating, medians of \"next\" → answer.\n\n", warm)
		fmt.Println("| function | JSON GET | page | × JSON | other |")
		fmt.Println("| --- | --- | --- | --- | --- |")
		for _, w := range []struct {
			bin              string
			json, page, more any
			moreLabel        string
		}{
			{"survey", jsonGET("/surveys/" + seed.SurveyID), browser("/s/" + seed.SurveyID), browser(css), "stylesheet"},
			{"meeting", jsonGET("/meetings/" + seed.MeetingID), browser("/m/" + seed.MeetingID), browser("/r/" + fx.token), "/r/{token}"},
		} {
			rt, err := s.start(built[w.bin], plain)
			if err != nil {
				return err
			}
			var js, ps, ms_ []time.Duration
			for i := range warm + 1 {
				for k, ev := range []any{w.json, w.page, w.more} {
					a, err := rt.invoke(ev, true)
					if err != nil {
						rt.stop()
						return fmt.Errorf("warm %s: %w", w.bin, err)
					}
					if i == 0 { // the cold one
						continue
					}
					switch k {
					case 0:
						js = append(js, a.invoke)
					case 1:
						ps = append(ps, a.invoke)
					default:
						ms_ = append(ms_, a.invoke)
					}
				}
			}
			rt.stop()
			fmt.Printf("| %s | %s | %s | %.2f | %s %s |\n", w.bin, us(median(js)), us(median(ps)), ratio(median(ps), median(js)), w.moreLabel, us(median(ms_)))
		}
	}
	return nil
}

func ratio(a, b time.Duration) float64 { return float64(a) / float64(b) }

// paired is the median of a[i]/b[i]: the same round's starts of two rows.
func paired(a, b []time.Duration) float64 {
	rs := make([]float64, 0, len(a))
	for i := range min(len(a), len(b)) {
		rs = append(rs, float64(a[i])/float64(b[i]))
	}
	slices.Sort(rs)
	if len(rs) == 0 {
		return 0
	}
	if n := len(rs); n%2 == 0 {
		return (rs[n/2-1] + rs[n/2]) / 2
	}
	return rs[len(rs)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/1e6) }

func us(d time.Duration) string { return fmt.Sprintf("%.0f µs", float64(d)/1e3) }

func median[T cmp.Ordered](ds []T) T {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// lambdaEnv is the environment Lambda gives a provided.al2023 function
// (the variables it sets, with the values it uses), then the function's
// own as the stack sets them, pointed at the local stand-ins.
func (s *setup) lambdaEnv(b bin, runtimeAPI string, mode tlsMode) []string {
	name := strings.ReplaceAll(b.name, " ", "-")
	mem := 256
	if spec, ok := routes.Specs[b.fn]; ok {
		mem = spec.MemoryMB
	}
	env := map[string]string{
		"_HANDLER": "bootstrap", "AWS_REGION": "eu-central-1", "AWS_DEFAULT_REGION": "eu-central-1",
		"AWS_LAMBDA_FUNCTION_NAME": name, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": strconv.Itoa(mem),
		"AWS_LAMBDA_FUNCTION_VERSION": "$LATEST", "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
		"AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/" + name, "AWS_LAMBDA_LOG_STREAM_NAME": "2026/11/21/[$LATEST]0123456789abcdef0123456789abcdef",
		"AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "INFO",
		"AWS_ACCESS_KEY_ID": "ASIAEXAMPLEEXAMPLE00", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
		"AWS_SESSION_TOKEN":      strings.Repeat("IQoJb3JpZ2luX2VjEXAMPLE", 30),
		"AWS_LAMBDA_RUNTIME_API": runtimeAPI, "LAMBDA_TASK_ROOT": "/var/task", "LAMBDA_RUNTIME_DIR": "/var/runtime",
		"TZ": ":UTC", "LANG": "en_US.UTF-8", "PATH": "/usr/local/bin:/usr/bin/:/bin:/opt/bin",
		"LD_LIBRARY_PATH":          "/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib",
		"AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR", "AWS_XRAY_DAEMON_ADDRESS": "169.254.79.129:2000",
		"_AWS_XRAY_DAEMON_ADDRESS": "169.254.79.129", "_AWS_XRAY_DAEMON_PORT": "2000",
	}
	// Lambda's microVM shows the function two vCPUs, so Go runs two Ps
	// there; pinned to one core here (pin_linux.go), Go would run one.
	if functionCore >= 0 {
		env["GOMAXPROCS"] = "2"
	}
	// The local stand-ins instead of the region's endpoints.
	for k, v := range s.stackEnv {
		if strings.HasPrefix(k, "AWS_ENDPOINT_URL") {
			env[k] = v
		}
	}
	// The function's own variables, with the stack's values.
	own := map[string]string{
		routes.EnvTable: cmp.Or(b.table, table), routes.EnvPublicBaseURL: "https://netzwerk.example", routes.EnvMailFrom: "netzwerk@example.org",
		routes.EnvMailFromName: "Integration", routes.EnvMailReplyTo: "integration@example.org",
		routes.EnvLimitAnswers: "60", routes.EnvLimitRegistrations: "20", routes.EnvLimitPerMeeting: "3", routes.EnvLimitMails: "10", routes.EnvPurgeCancelled: "30",
		routes.EnvConsoleIssuer:   "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_EXAMPLE",
		routes.EnvConsoleClientID: "1example23456789", routes.EnvConsoleAuthURL: "https://netzwerk-test.auth.eu-central-1.amazoncognito.com",
		routes.EnvOriginVerify: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL",
	}
	vars := []string{routes.EnvTable}
	if spec, ok := routes.Specs[b.fn]; ok {
		vars = spec.Env
	}
	for _, k := range vars {
		switch {
		case k == routes.EnvLinkSecretARN && mode != plain:
			env[k] = "arn:aws:secretsmanager:eu-central-1:000000000000:secret:LinkSecret-AbCdEf"
			env["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = s.secretsURL
		case k == routes.EnvLinkSecretARN:
			env["LINK_SECRET"] = s.secret // locally the key itself, base64 (its forms: app's linkSecretFromEnv)
		case k == routes.EnvSESConfigSet || k == routes.EnvMailSendRate:
		default:
			env[k] = own[k]
		}
	}
	if mode == tlsAll {
		env["AWS_ENDPOINT_URL_DYNAMODB"] = s.dynamoTLS
	}
	if mode != plain {
		// The stand-ins' certificate (both have httptest's) in the system's
		// bundle with Lambda's roots (SSL_CERT_FILE), as every function and
		// floor verifies AWS's servers in Lambda, and in AWS_CA_BUNDLE for
		// ours, which trust it with Amazon's roots (shared/app's awsTLS),
		// as AWS's endpoints chain to those: each parses the certificates
		// it would in Lambda, and one more. (The floors get no
		// AWS_CA_BUNDLE: the SDK's usual configuration would parse the
		// system's bundle at start for it, which Lambda does not make it do.)
		env["SSL_CERT_FILE"] = filepath.Join(s.certDir, "bundle.pem")
		if b.fn != "" {
			env["AWS_CA_BUNDLE"] = filepath.Join(s.certDir, "standin.pem")
		}
	}
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	slices.Sort(out)
	return out
}

// dynamoOverTLS serves DynamoDB Local over TLS (httptest's certificate,
// as the Secrets Manager stand-in): the rows "over TLS" reach DynamoDB as
// a function in AWS does, with a TLS handshake at its first call.
func (s *setup) dynamoOverTLS() (*httptest.Server, error) {
	to, err := url.Parse(s.stackEnv["AWS_ENDPOINT_URL_DYNAMODB"])
	if err != nil || to.Host == "" {
		return nil, fmt.Errorf("DynamoDB Local's endpoint %q: %v", s.stackEnv["AWS_ENDPOINT_URL_DYNAMODB"], err)
	}
	proxy := &relay{to: to, client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16, IdleConnTimeout: time.Minute}}}
	srv := httptest.NewUnstartedServer(proxy)
	srv.EnableHTTP2 = false
	srv.StartTLS()
	s.dynamoTLS = srv.URL
	return srv, nil
}

// relay passes a request on to DynamoDB Local and its whole answer back.
// It reads the answer before it writes it, and sends a request again
// when the connection to DynamoDB Local fails: a streaming reverse proxy
// cut an answer in two in one start of several hundred.
type relay struct {
	to     *url.URL
	client *http.Client
}

func (p *relay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	var (
		resp *http.Response
		got  []byte
	)
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(r.Context(), r.Method, p.to.Scheme+"://"+p.to.Host+r.URL.RequestURI(), bytes.NewReader(body))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		req.Header = r.Header.Clone()
		if resp, err = p.client.Do(req); err == nil {
			got, err = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		if err == nil {
			break
		}
		fmt.Fprintf(os.Stderr, "coldstart: DynamoDB over TLS, attempt %d: %v\n", attempt+1, err)
		if attempt == 2 {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
	}
	for k, vs := range resp.Header {
		w.Header()[k] = vs
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(got)))
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(got)
}

// secretsStandIn serves Secrets Manager's GetSecretValue over TLS.
func (s *setup) secretsStandIn() (*httptest.Server, error) {
	secret := strings.Repeat("k", 64)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if r.Header.Get("X-Amz-Target") != "secretsmanager.GetSecretValue" {
			http.Error(w, `{"__type":"UnknownOperationException"}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		_ = json.NewEncoder(w).Encode(map[string]any{"ARN": "arn", "Name": "LinkSecret", "SecretString": secret, "VersionId": "v1"})
	}))
	srv.EnableHTTP2 = false
	srv.StartTLS()
	system, err := os.ReadFile("/etc/ssl/certs/ca-certificates.crt")
	if err != nil {
		system, err = os.ReadFile("/etc/pki/tls/certs/ca-bundle.crt")
	}
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("system CA bundle: %w", err)
	}
	standin := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	bundle := append(system, standin...)
	s.certDir = s.dir
	for name, b := range map[string][]byte{"bundle.pem": bundle, "standin.pem": standin} {
		if err := os.WriteFile(filepath.Join(s.certDir, name), b, 0o644); err != nil {
			srv.Close()
			return nil, err
		}
	}
	s.secretsURL = srv.URL
	return srv, nil
}

// runtime is one started bootstrap with its Runtime API stand-in.
type runtime struct {
	cmd      *exec.Cmd
	srv      *http.Server
	started  time.Time
	initDone time.Time // the first "next" arrived
	events   chan invocation
	answers  chan answer
	seq      int
	mu       sync.Mutex
	served   map[string]time.Time // request id → when its event went out
}

type invocation struct {
	id    string
	event []byte
}

type answer struct {
	id     string
	at     time.Time
	invoke time.Duration
	body   []byte
	err    error
}

// start starts b against a fresh Runtime API stand-in.
func (s *setup) start(b bin, mode tlsMode) (*runtime, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	rt := &runtime{events: make(chan invocation, 1), answers: make(chan answer, 1), served: map[string]time.Time{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2018-06-01/runtime/invocation/next", func(w http.ResponseWriter, r *http.Request) {
		rt.mu.Lock()
		if rt.initDone.IsZero() {
			rt.initDone = time.Now()
		}
		rt.mu.Unlock()
		var inv invocation
		select {
		case inv = <-rt.events:
		case <-r.Context().Done():
			return
		}
		h := w.Header()
		h.Set("Lambda-Runtime-Aws-Request-Id", inv.id)
		h.Set("Lambda-Runtime-Deadline-Ms", fmt.Sprint(time.Now().Add(30*time.Second).UnixMilli()))
		h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-central-1:000000000000:function:"+b.name)
		h.Set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000")
		rt.mu.Lock()
		rt.served[inv.id] = time.Now()
		rt.mu.Unlock()
		_, _ = w.Write(inv.event)
	})
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/response", func(w http.ResponseWriter, r *http.Request) {
		at := time.Now()
		body, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
		id := r.PathValue("id")
		rt.mu.Lock()
		served := rt.served[id]
		rt.mu.Unlock()
		rt.answers <- answer{id: id, at: at, invoke: at.Sub(served), body: body}
	})
	fail := func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
		select {
		case rt.answers <- answer{err: fmt.Errorf("function error: %s", body)}:
		default:
		}
	}
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/error", fail)
	mux.HandleFunc("POST /2018-06-01/runtime/init/error", fail)
	rt.srv = &http.Server{Handler: mux}
	go func() { _ = rt.srv.Serve(ln) }()

	exe := filepath.Join(s.dir, b.name)
	if evict {
		if err := dropCached(exe); err != nil {
			return nil, err
		}
	}
	rt.cmd = exec.Command(exe)
	rt.cmd.Env = s.lambdaEnv(b, ln.Addr().String(), mode)
	rt.cmd.Dir = "/"
	rt.cmd.Stdout, rt.cmd.Stderr = io.Discard, io.Discard
	if os.Getenv("COLDSTART_LOGS") != "" {
		rt.cmd.Stderr = os.Stderr
	}
	rt.started = time.Now()
	if err := startPinned(rt.cmd); err != nil {
		rt.srv.Close()
		return nil, err
	}
	return rt, nil
}

// invoke hands the function an event (the first is waiting for it from
// the start: its "next" is answered at once) and waits for its answer.
func (rt *runtime) invoke(event any, api bool) (answer, error) {
	b, err := json.Marshal(event)
	if err != nil {
		return answer{}, err
	}
	rt.seq++
	rt.events <- invocation{id: "coldstart-" + strconv.Itoa(rt.seq), event: b}
	select {
	case a := <-rt.answers:
		if a.err != nil {
			return a, a.err
		}
		if api {
			var resp events.APIGatewayV2HTTPResponse
			if err := json.Unmarshal(a.body, &resp); err != nil || resp.StatusCode != http.StatusOK {
				return a, fmt.Errorf("answer %d: %.300s", resp.StatusCode, a.body)
			}
		}
		return a, nil
	case <-time.After(20 * time.Second):
		return answer{}, errors.New("no answer within 20 s")
	}
}

func (rt *runtime) stop() {
	_ = rt.cmd.Process.Kill()
	_ = rt.cmd.Wait()
	rt.srv.Close()
}

// warmDynamo makes the reads of the measured pages 200 times each:
// DynamoDB Local's JVM compiles an operation's code only after many
// calls, so a read that only one row makes (a personal link's
// BatchGetItem) would otherwise take twice as long on DynamoDB Local's
// side as the GetItem that every row makes, which AWS does not do.
func warmDynamo(ctx context.Context, store *dynamo.Store, invID string) error {
	none := func() string { return "" }
	tokenHash := linktoken.Hash("warm") // no draft; the same read
	for range 200 {
		if _, err := store.SurveyPaged(ctx, seed.SurveyID, "de", none); err != nil {
			return err
		}
		if _, _, _, err := store.PersonalPaged(ctx, seed.SurveyID, "de#p", invID, tokenHash, none); err != nil {
			return err
		}
		if _, err := store.MeetingPaged(ctx, seed.MeetingID, "de", none); err != nil {
			return err
		}
	}
	return nil
}

// build builds b from the module at root into the setup's directory, with
// the flags of scripts/build-lambdas.
func (s *setup) build(root string, b bin) error {
	tags := "lambda.norpc,nethttpomithttp2,validator_novalidatefn"
	if b.tags != "" {
		tags += "," + b.tags
	}
	args := []string{"build", "-tags", tags, "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(s.dir, b.name)}
	env := append(os.Environ(), "CGO_ENABLED=0")
	if b.releases {
		mod, err := releasesModFile(root, s.dir)
		if err != nil {
			return err
		}
		args = append(args, "-modfile", mod)
		env = append(env, "GOFLAGS=-mod=mod") // the releases' go.sum lines, from the module proxy
	}
	build := exec.Command("go", append(args, b.pkg)...)
	build.Dir, build.Env, build.Stderr = root, env, os.Stderr
	return build.Run()
}

// releasesModFile writes root's go.mod and go.sum into dir without the
// replace directives that point into the module (./third_party): a
// build with it (-modfile) links the modules' releases.
func releasesModFile(root, dir string) (string, error) {
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", err
	}
	var kept []string
	for _, line := range strings.Split(string(mod), "\n") {
		if !strings.HasPrefix(line, "replace ") || !strings.Contains(line, "=> ./") {
			kept = append(kept, line)
		}
	}
	name := filepath.Join(dir, "releases.mod")
	if err := os.WriteFile(name, []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		return "", err
	}
	return name, os.WriteFile(filepath.Join(dir, "releases.sum"), sum, 0o644)
}

// buildAgainst builds the survey and meeting functions of the revision
// against (its tree from git archive) and returns rs with, after each row
// of theirs, its twin of theirs (the same request on table's fixture) for
// the revision's build, measured in the same rounds: an A/B of a change
// that the machine's drift between runs would hide.
func (s *setup) buildAgainst(root string, built map[string]bin, rs, theirs []row, table string) ([]row, error) {
	src := filepath.Join(s.dir, "against")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return nil, err
	}
	archive := exec.Command("sh", "-c", `git -C "$1" archive "$2" | tar -x -C "$3"`, "sh", root, against, src)
	archive.Stderr = os.Stderr
	if err := archive.Run(); err != nil {
		return nil, fmt.Errorf("-against %s: %w", against, err)
	}
	suffix := "@" + against
	var out []row
	for i, r := range rs {
		out = append(out, r)
		b, ok := built[r.bin]
		if !ok || (b.fn != routes.Survey && b.fn != routes.Meeting) {
			continue
		}
		if _, ok := built[r.bin+suffix]; !ok {
			ab := bin{b.name + suffix, b.pkg, b.tags, b.fn, table, false}
			if err := s.build(src, ab); err != nil {
				return nil, fmt.Errorf("-against %s: build %s: %w", against, b.name, err)
			}
			built[ab.name] = ab
		}
		r = theirs[i]
		r.label, r.bin = r.label+" "+suffix, r.bin+suffix
		out = append(out, r)
	}
	return out, nil
}

// fixture is a table's data for the rows: the demo's, a registration
// whose page copy is kept, one whose copy is dropped before each start,
// and a survey invitation for the personal link.
type fixture struct {
	store                           *dynamo.Store
	token, uncopied, invited, invID string
	dropCopy                        func() error
}

// prepare makes the table and its fixture.
func prepare(ctx context.Context, db *dynamodb.Client, tokens *linktoken.Minter, table string) (fixture, error) {
	if err := dynamo.CreateTable(ctx, db, table); err != nil {
		return fixture{}, err
	}
	store := dynamo.New(db, table)
	if err := seed.Load(ctx, store, time.Now()); err != nil {
		return fixture{}, err
	}
	register := func(name, email, org string) (string, error) {
		yes := true
		r, err := meeting.NewService(store, tokens, time.Now).Register(ctx, seed.MeetingID, &meeting.Request{
			Name: name, Email: email, Organisation: org, Language: "de", Consent: &meeting.Consent{Privacy: &yes}}, "de", nil)
		if err != nil {
			return "", fmt.Errorf("register: %w", err)
		}
		return r.RegistrationID, nil
	}
	// A registration for the /r/{token} page.
	reg, err := register("Ayşe Yılmaz", "ayse@verein.example", "DTKV e.V.")
	if err != nil {
		return fixture{}, err
	}
	token := meeting.ManageToken(tokens, seed.MeetingID, reg)
	// Another, whose page copy (dynamo's regcopy.go) is dropped before
	// each start: the first view of a link after a change.
	other, err := register("Oksana Kovalenko", "oksana@verein.example", "Світанок e.V.")
	if err != nil {
		return fixture{}, err
	}
	uncopied := meeting.ManageToken(tokens, seed.MeetingID, other)
	dropCopy := func() error {
		_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(table),
			Key: map[string]types.AttributeValue{dynamo.AttrPK: &types.AttributeValueMemberS{Value: "MEETING#" + seed.MeetingID},
				dynamo.AttrSK: &types.AttributeValueMemberS{Value: "REG#" + other}},
			UpdateExpression: aws.String("REMOVE #c"), ExpressionAttributeNames: map[string]string{"#c": "page#r"}})
		return err
	}
	// An invitation to the survey for its personal link, as mailed.
	now := time.Now()
	invID := invitation.ID(invitation.Survey, seed.SurveyID, "info@verein.example")
	invited := invitation.Link(tokens, invID)
	if _, _, err := store.PutInvitations(ctx, []*invitation.Invitation{{ID: invID, Kind: invitation.Survey, TargetID: seed.SurveyID,
		Office: seed.Office, Organisation: "Kulturbrücke e.V.", Email: "info@verein.example", Language: "de", Status: invitation.Invited,
		TokenHash: linktoken.Hash(tokens.Token(invitation.TokenKind, invID)), InvitedAt: now, LastMailAt: now, ExpiresAt: now.Add(30 * 24 * time.Hour)}}, now); err != nil {
		return fixture{}, fmt.Errorf("invite: %w", err)
	}
	if inv, err := invitation.Resolve(ctx, store, invitation.Survey, seed.SurveyID, invited); err != nil || inv == nil {
		return fixture{}, fmt.Errorf("the personal link opens no invitation (%v)", err)
	}
	return fixture{store, token, uncopied, invited, invID, dropCopy}, nil
}
