package app

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/integration-offices/netzwerk-backend/shared/meeting"
)

func lambdaEnv(t *testing.T) {
	t.Setenv("AWS_REGION", "eu-central-1")
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	t.Setenv("AWS_SESSION_TOKEN", "session")
	t.Setenv("AWS_ENDPOINT_URL", "")
	t.Setenv("AWS_ENDPOINT_URL_DYNAMODB", "")
	t.Setenv("AWS_ENDPOINT_URL_SESV2", "")
	t.Setenv("AWS_ENDPOINT_URL_SECRETS_MANAGER", "")
}

// The configuration is what Lambda's environment says: region, the role's
// credentials, and endpoint overrides per service as the SDK documents.
func TestAWSConfigFromLambdaEnvironment(t *testing.T) {
	lambdaEnv(t)
	t.Setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000")
	cfg, err := AWSConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	creds, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil || creds.AccessKeyID != "AKIDEXAMPLE" || creds.SessionToken != "session" || cfg.Region != "eu-central-1" {
		t.Fatalf("config %q, credentials %+v, %v", cfg.Region, creds, err)
	}
	if got := dynamodb.NewFromConfig(cfg).Options().BaseEndpoint; got == nil || *got != "http://127.0.0.1:8000" {
		t.Errorf("DynamoDB endpoint %v, want the override", got)
	}
	if got := sesv2.NewFromConfig(cfg).Options().BaseEndpoint; got != nil {
		t.Errorf("SES endpoint %q, want the region's", *got)
	}
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9999")
	if got := sesv2.NewFromConfig(cfg).Options().BaseEndpoint; got == nil || *got != "http://127.0.0.1:9999" {
		t.Errorf("SES endpoint %v, want AWS_ENDPOINT_URL", got)
	}

	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	if _, err := AWSConfig(context.Background()); err == nil || strings.Contains(err.Error(), "AKIDEXAMPLE") {
		t.Errorf("missing credentials: %v", err)
	}
}

// In AWS the link secret comes from Secrets Manager: one signed
// GetSecretValue call at start, which this stand-in checks as AWS would
// (protocol headers, SigV4 for the secretsmanager service, the secret id).
func TestLinkSecretFromSecretsManager(t *testing.T) {
	lambdaEnv(t)
	const arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:LinkSecret-abc"
	secret := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("k", 32)))
	deny := false
	asked := make(chan bool, 2)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked <- true
		body, _ := io.ReadAll(r.Body)
		var in struct{ SecretId string }
		auth := r.Header.Get("Authorization")
		switch {
		case r.Method != http.MethodPost || r.Header.Get("X-Amz-Target") != "secretsmanager.GetSecretValue" ||
			r.Header.Get("Content-Type") != "application/x-amz-json-1.1":
			t.Errorf("request %s %q %q", r.Method, r.Header.Get("X-Amz-Target"), r.Header.Get("Content-Type"))
		case !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") || !strings.Contains(auth, "/eu-central-1/secretsmanager/aws4_request") ||
			r.Header.Get("X-Amz-Security-Token") != "session":
			t.Errorf("not signed for secretsmanager: %q", auth)
		case json.Unmarshal(body, &in) != nil || in.SecretId != arn:
			t.Errorf("body %s", body)
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		if deny {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"__type":"AccessDeniedException","message":"not allowed"}`)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"ARN": arn, "Name": "LinkSecret", "SecretString": secret})
	}))
	defer srv.Close()
	t.Setenv("AWS_ENDPOINT_URL_SECRETS_MANAGER", srv.URL)
	// Over TLS, through the configuration's client (awsTLS), which trusts
	// the stand-in through AWS_CA_BUNDLE.
	bundle := filepath.Join(t.TempDir(), "standin.pem")
	if err := os.WriteFile(bundle, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_CA_BUNDLE", bundle)
	cfg, err := AWSConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m, err := LinkTokens(Deps{AWS: cfg, Config: Config{LinkSecretARN: arn}})
	if err != nil {
		t.Fatal(err)
	}
	select { // the read starts at once, before any token is asked for
	case <-asked:
	case <-time.After(5 * time.Second):
		t.Fatal("LinkTokens did not start reading the secret")
	}
	if m.Token("registration", "r1") == "" {
		t.Fatal("no token")
	}
	// The read starts at once, the first token waits for it; a read that
	// fails ends the process (lateFailure), naming the kind, never the secret.
	deny = true
	var failed error
	lateFailure = func(_ *slog.Logger, err error) { failed = err }
	defer func() { lateFailure = fail }()
	m, err = LinkTokens(Deps{AWS: cfg, Config: Config{LinkSecretARN: arn}})
	if err != nil {
		t.Fatal(err)
	}
	m.Token("registration", "r1")
	if failed == nil || !strings.Contains(failed.Error(), "AccessDeniedException") || strings.Contains(failed.Error(), secret) {
		t.Errorf("denied: %v", failed)
	}
}

// The registrations one client address may make for one meeting: 3 when
// the environment does not say, 0 switches the limit off, anything but a
// whole number is refused at start.
func TestRegistrationsPerMeetingFromEnvironment(t *testing.T) {
	t.Setenv("TABLE_NAME", "t")
	for v, want := range map[string]int{"": 3, "0": 0, "7": 7} {
		t.Setenv("LIMIT_REGISTRATIONS_PER_MEETING", v)
		if c, err := ConfigFromEnv(); err != nil || c.RegistrationsPerMeeting != want {
			t.Errorf("%q: %d, %v; want %d", v, c.RegistrationsPerMeeting, err, want)
		}
	}
	t.Setenv("LIMIT_REGISTRATIONS_PER_MEETING", "-1")
	if _, err := ConfigFromEnv(); err == nil {
		t.Error("-1 accepted")
	}
}

// The meeting function checks for the time zone database once its start is
// over (CheckZonesLater): the offices' zone is kept for its pages; a system
// without the database ends the process (lateFailure), as a failed start.
func TestCheckZonesLater(t *testing.T) {
	failed := make(chan error, 1)
	lateFailure = func(_ *slog.Logger, err error) { failed <- err }
	defer func() { lateFailure, loadZone = fail, meeting.LoadZone }()
	read := make(chan string, 1)
	loadZone = func(name string) (*time.Location, error) {
		read <- name
		return meeting.LoadZone(name)
	}
	CheckZonesLater(Deps{})
	if name := <-read; name != meeting.OfficeZone {
		t.Errorf("read %q", name)
	}
	// A function's: not during its start, at its first event.
	d := Deps{first: newFirst()}
	CheckZonesLater(d)
	select {
	case <-read:
		t.Error("read during the start")
	case <-time.After(2 * idleAfterStart):
	}
	if _, err := startedBy(copied, d.first)(context.Background(), events.APIGatewayV2HTTPRequest{RouteKey: "GET /m/{meetingId}"}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-read:
	case <-time.After(10 * time.Second):
		t.Fatal("not read at the first event")
	}
	loadZone = func(string) (*time.Location, error) { return nil, errors.New("unknown time zone Europe/Berlin") }
	CheckZonesLater(Deps{})
	select {
	case err := <-failed:
		if !strings.Contains(err.Error(), "no time zone database") {
			t.Errorf("failure: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a missing zone database did not end the process")
	}
}
