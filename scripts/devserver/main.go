// Command devserver is `make dev`: it starts DynamoDB Local and the local
// SES server on 127.0.0.1, creates the table, seeds the demo data and serves
// the API at http://127.0.0.1:8080 through the Lambdas' own handlers.
// `devserver token [office]` (scripts/dev-token) prints a coordinator token
// for an office (default demo) that it accepts.
//
// Settings (environment): PORT (8080), DYNAMODB_PORT (8000), SES_PORT (8005),
// DEV_DATA_DIR (.dev), TABLE_NAME (netzwerk-dev); SES_MAX_SEND_RATE (the
// local SES account's rate, which the mailer paces to: 14 mails/s),
// MAIL_SEND_RATE (a lower cap), SES_THROTTLE=n (SES refuses every n-th
// of the first 1,000 sends as over the rate, and runs of five from every
// 500th: the mailer must still send each mail once).
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/mailerfn"
	"github.com/integration-offices/netzwerk-backend/shared/auth/devtoken"
	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/remind"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "token" {
		if err := printToken(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "dev-token:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "make dev:", err)
		os.Exit(1)
	}
}

// dataDir is where make dev keeps its data: DEV_DATA_DIR or .dev.
func dataDir() (string, error) {
	root, err := localaws.FindRoot()
	if err != nil {
		return "", err
	}
	return envStr("DEV_DATA_DIR", filepath.Join(root, ".dev")), nil
}

// printToken prints a coordinator token for an office (default demo),
// valid 12 hours, signed with the dev server's key.
func printToken(args []string) error {
	office := seed.Office
	if len(args) > 0 {
		office = args[0]
	}
	dir, err := dataDir()
	if err != nil {
		return err
	}
	key, err := devtoken.Key(filepath.Join(dir, "jwt-dev-key.pem"))
	if err != nil {
		return err
	}
	tok, err := devtoken.Mint(key, office, 12*time.Hour, time.Now())
	if err != nil {
		return err
	}
	fmt.Println(tok)
	return nil
}

func envInt(name string, def int) (int, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 65535 {
		return 0, fmt.Errorf("%s=%q is not a port number", name, v)
	}
	return n, nil
}

func envFloat(name string, def float64) (float64, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("%s=%q is not a number", name, v)
	}
	return f, nil
}

// throttleSES puts a fault injector in front of the local SES server for
// the mailer (AWS_ENDPOINT_URL_SESV2) and reports its refusals every 10 s.
func throttleSES(ctx context.Context, target string, every int64) error {
	faults, err := localaws.NewThrottlingSES(target)
	if err != nil {
		return err
	}
	faults.Every, faults.EveryUntil, faults.RunEvery, faults.RunLength = every, 1000, 500, 5
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go func() { _ = http.Serve(l, faults) }()
	go func() {
		<-ctx.Done()
		l.Close()
	}()
	os.Setenv("AWS_ENDPOINT_URL_SESV2", "http://"+l.Addr().String())
	go func() {
		var last int64
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(10 * time.Second):
			}
			if sends, refused := faults.Counts(); sends != last {
				last = sends
				fmt.Printf("SES_THROTTLE: %d sends, %d refused as over the rate\n", sends, refused)
			}
		}
	}()
	return nil
}

func envStr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func run() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	port, err := envInt("PORT", 8080)
	if err != nil {
		return err
	}
	ddbPort, err := envInt("DYNAMODB_PORT", 8000)
	if err != nil {
		return err
	}
	sesPort, err := envInt("SES_PORT", 8005)
	if err != nil {
		return err
	}
	root, err := localaws.FindRoot()
	if err != nil {
		return err
	}
	dataDir, err := dataDir()
	if err != nil {
		return err
	}
	table := envStr("TABLE_NAME", "netzwerk-dev")
	sesRate, err := envFloat("SES_MAX_SEND_RATE", localaws.LocalSendRate)
	if err != nil {
		return err
	}
	throttle, err := envFloat("SES_THROTTLE", 0)
	if err != nil {
		return err
	}

	unlock, err := lock(filepath.Join(dataDir, "dev.lock"))
	if err != nil {
		return err
	}
	defer unlock()

	// Take the API port first: if it is busy, say so before starting Java.
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("port %d on 127.0.0.1 is in use (set PORT=… to use another): %w", port, err)
	}
	for name, p := range map[string]int{"DYNAMODB_PORT": ddbPort, "SES_PORT": sesPort} {
		if l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p))); err != nil {
			ln.Close()
			return fmt.Errorf("port %d on 127.0.0.1 is in use (set %s=… to use another)", p, name)
		} else {
			l.Close()
		}
	}

	fmt.Println("Starting DynamoDB Local and the local SES server …")
	stack, err := localaws.Start(ctx, localaws.Options{
		Root: root, DynamoPort: ddbPort, SESPort: sesPort, SESMaxSendRate: sesRate,
		DataDir: filepath.Join(dataDir, "dynamodb"), Log: newPrefixWriter(os.Stderr),
	})
	if err != nil {
		ln.Close()
		return err
	}
	defer stack.Stop()
	stack.Setenv()
	if throttle >= 1 {
		if err := throttleSES(ctx, stack.SESURL, int64(throttle)); err != nil {
			return err
		}
	}
	os.Setenv("TABLE_NAME", table)
	secret, err := linkSecret(filepath.Join(dataDir, "link-secret"))
	if err != nil {
		return err
	}
	defaults := map[string]string{
		"LINK_SECRET":     secret,
		"PUBLIC_BASE_URL": fmt.Sprintf("http://127.0.0.1:%d", port),
		"MAIL_FROM":       "netzwerk@integration.example",
		"MAIL_FROM_NAME":  "Stabsstelle für Integration (Demo)",
		"MAIL_REPLY_TO":   "integration@integration.example",
	}
	for k, v := range defaults {
		if os.Getenv(k) == "" {
			os.Setenv(k, v)
		}
	}

	// The console signs in through the stand-in of Cognito's managed
	// login: its settings are set before they are checked.
	key, err := devtoken.Key(filepath.Join(dataDir, "jwt-dev-key.pem"))
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	cognito := &localaws.Cognito{Key: key, Office: seed.Office, Prefix: "/dev/cognito"}
	for k, v := range cognito.ConsoleEnv(base) {
		os.Setenv(k, v)
	}
	// make dev never sends an answer's text to Amazon Translate, whatever
	// the shell says: the report shows the originals (translateAnswers is
	// a setting of the stack in AWS).
	os.Setenv(routes.EnvTranslateAnswers, "0")
	log := slog.New(lambdacontext.NewLogHandler())
	deps, err := app.NewDeps(ctx, log, routes.All()...)
	if err != nil {
		return err
	}
	if err := dynamo.CreateTable(ctx, deps.DB, table); err != nil {
		return err
	}
	if err := seed.Load(ctx, dynamo.New(deps.DB, table), time.Now()); err != nil {
		return err
	}
	handlers, err := localaws.Handlers(deps)
	if err != nil {
		return err
	}
	srv, err := localaws.NewGateway(handlers, log)
	if err != nil {
		return err
	}
	srv.Extra = http.NewServeMux()
	cognito.Handle(srv.Extra)
	srv.Verifier = &devtoken.Verifier{Key: &key.PublicKey, Issuer: devtoken.Issuer, Audience: devtoken.Audience}
	token, err := devtoken.Mint(key, seed.Office, 12*time.Hour, time.Now())
	if err != nil {
		return err
	}
	mailHandler, err := mailerfn.New(deps)
	if err != nil {
		return err
	}
	awsCfg, err := app.AWSConfig(ctx)
	if err != nil {
		return err
	}
	poller := &localaws.StreamPoller{Client: dynamodbstreams.NewFromConfig(awsCfg), Table: table, Handler: mailHandler, Log: log}
	go func() {
		if err := poller.Run(ctx); err != nil {
			log.Error("stream poller stopped", "error", err)
		}
	}()
	// The stack's sweep schedule: stuck and held outbox mails (every
	// minute here, every five in AWS).
	sweep := &localaws.Schedule{Handler: mailHandler, Event: mailer.SweepEvent(), Interval: time.Minute, Timeout: time.Minute, Log: log}
	go sweep.Run(ctx)
	// The stack's reminder schedule: the planned reminders that are due
	// (every minute here, every hour in AWS); make remind-now runs them
	// at once (POST /dev/remind-now, the dev server's alone).
	reminders := &localaws.Schedule{Handler: mailHandler, Event: mailer.RemindEvent(), Interval: time.Minute, Timeout: time.Minute, Log: log}
	go reminders.Run(ctx)
	if err := handleRemindNow(srv.Extra, deps); err != nil {
		return err
	}
	fmt.Printf(`
  Survey page  %[1]s/s/%[2]s   (?lang=ar, tr, fa, ru, uk, en)
  Meeting page %[1]s/m/%[7]s
  Console      %[1]s/console/dev-sign-in?office=%[8]s   (signs in a coordinator of office %[8]s)
  API          %[1]s  (e.g. %[1]s/surveys/%[2]s, %[1]s/meetings/%[7]s)
  SES inbox    %[3]s
  DynamoDB     %[4]s  (table %[5]s, data in %[6]s)

  Coordinator token for office "%[8]s" (12 h; more with scripts/dev-token [office]):
  %[9]s

  curl -H "Authorization: Bearer $TOKEN" %[1]s/admin/surveys

  Ctrl-C stops everything.

`, base, seed.SurveyID, stack.SESURL, stack.DynamoURL, table, dataDir, seed.MeetingID, seed.Office, token)
	return srv.Run(ctx, ln)
}

// linkSecret returns the local link-token secret (base64), made once and
// kept in the data directory so that links in sent mails keep working.
func linkSecret(path string) (string, error) {
	if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
		return strings.TrimSpace(string(b)), nil
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	s := base64.StdEncoding.EncodeToString(raw)
	if err := os.WriteFile(path, []byte(s+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return s, nil
}

// lock makes sure only one make dev runs per data directory.
func lock(path string) (func(), error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		pid, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another make dev is already running (pid %s) on %s: use it, or stop it with Ctrl-C first", string(pid), filepath.Dir(path))
		}
		return nil, err
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())), 0)
	return func() { f.Close() }, nil
}

// handleRemindNow serves POST /dev/remind-now (make remind-now): one run
// of the planned reminders against make dev's table, as the schedule's;
// it answers what the run did. The mails go out through the stream as
// any other.
func handleRemindNow(mux *http.ServeMux, deps app.Deps) error {
	tokens, err := app.LinkTokens(deps)
	if err != nil {
		return err
	}
	runner := remind.New(deps.Store(), tokens, deps.Now, deps.Log)
	mux.HandleFunc("POST /dev/remind-now", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), time.Minute)
		defer cancel()
		res, err := runner.Run(ctx)
		if err != nil {
			deps.Log.Error("remind-now", "error", err)
			http.Error(w, "the run failed: see make dev's log", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(res)
	})
	return nil
}
