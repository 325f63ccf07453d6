package app

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// stackEnv is a complete environment as the stack gives it (the link
// secret from Secrets Manager).
func stackEnv() map[string]string {
	return map[string]string{
		routes.EnvTable: "Netzwerk-prod-Table", routes.EnvLinkSecretARN: "arn:aws:secretsmanager:eu-central-1:123456789012:secret:LinkSecret-AbCdEf",
		routes.EnvPublicBaseURL: "https://netzwerk.example", routes.EnvMailFrom: "netzwerk@integration.example",
		routes.EnvMailFromName: "Integration", routes.EnvMailReplyTo: "team@integration.example", routes.EnvSESConfigSet: "MailConfigurationSet",
		routes.EnvMailSendRate: "10", routes.EnvLimitRegistrations: "20", routes.EnvLimitPerMeeting: "3", routes.EnvLimitAnswers: "60",
		routes.EnvLimitMails: "10", routes.EnvPurgeCancelled: "30", routes.EnvRequirePrivacyNotice: "1",
		routes.EnvConsoleIssuer:   "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_EXAMPLE",
		routes.EnvConsoleClientID: "1example23456789", routes.EnvConsoleAuthURL: "https://netzwerk.auth.eu-central-1.amazoncognito.com",
		routes.EnvOriginVerify: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL",
	}
}

// only keeps the variables fn's spec lists, as the stack does.
func only(fn routes.Function, env map[string]string) map[string]string {
	out := map[string]string{}
	for _, k := range routes.Specs[fn].Env {
		if v, ok := env[k]; ok {
			out[k] = v
		}
	}
	return out
}

// malformed are values each variable refuses.
var malformed = map[string][]string{
	routes.EnvLinkSecretARN:        {"LinkSecret", "arn:aws:s3:::bucket"},
	routes.EnvPublicBaseURL:        {"netzwerk.example", "http://netzwerk.example", "https://", "/console"},
	routes.EnvMailFrom:             {"netzwerk", "Netzwerk <netzwerk@integration.example>", "netzwerk@"},
	routes.EnvMailReplyTo:          {"team"},
	routes.EnvMailSendRate:         {"fast", "-1", "NaN", "+Inf"},
	routes.EnvLimitRegistrations:   {"ten", "-1"},
	routes.EnvLimitPerMeeting:      {"2.5"},
	routes.EnvLimitAnswers:         {"-3"},
	routes.EnvLimitMails:           {"many"},
	routes.EnvPurgeCancelled:       {"30d"},
	routes.EnvRequirePrivacyNotice: {"yes", "true"},
	routes.EnvConsoleIssuer:        {"netzwerk-local-dev", "http://cognito.example/pool"},
	routes.EnvConsoleAuthURL:       {"netzwerk.auth.eu-central-1.amazoncognito.com", "http://localhost:8080/dev/cognito"},
	routes.EnvConsoleClientID:      {"an id"},
}

// Every function starts with the stack's environment and refuses to
// start, naming the variable, when one it needs is missing or one it
// reads is malformed; all problems are reported at once.
func TestConfigOfEveryFunction(t *testing.T) {
	for _, fn := range routes.All() {
		env := only(fn, stackEnv())
		c, err := configFrom(mapEnv(env), fn)
		if err != nil {
			t.Fatalf("%s with the stack's environment: %v", fn, err)
		}
		if c.Table == "" || c.LinkSecretARN == "" || c.LinkSecret != nil {
			t.Errorf("%s: %+v", fn, c)
		}
		var needed []string
		for _, k := range routes.Specs[fn].Env {
			if required[k] {
				needed = append(needed, k)
				e := without(env, k)
				if _, err := configFrom(mapEnv(e), fn); err == nil || !strings.Contains(err.Error(), k) {
					t.Errorf("%s without %s: %v", fn, k, err)
				}
			}
			for _, v := range malformed[k] {
				e := with(env, k, v)
				_, err := configFrom(mapEnv(e), fn)
				if err == nil || !strings.Contains(err.Error(), k) {
					t.Errorf("%s with %s=%q: %v", fn, k, v, err)
				}
			}
		}
		// All at once: every needed variable missing, each named.
		_, err = configFrom(mapEnv(map[string]string{}), fn)
		for _, k := range needed {
			if err == nil || !strings.Contains(err.Error(), k) {
				t.Errorf("%s with nothing set: %v does not name %s", fn, err, k)
			}
		}
	}
	// The admin function's console settings are needed; the survey
	// function does without them.
	if _, err := configFrom(mapEnv(only(routes.Survey, stackEnv())), routes.Survey); err != nil {
		t.Error(err)
	}
}

// make dev serves on http://127.0.0.1 and signs in through its own
// stand-in there: the only http URLs taken.
func TestConfigOfTheDevServer(t *testing.T) {
	env := stackEnv()
	delete(env, routes.EnvLinkSecretARN)
	env["LINK_SECRET"] = base64.StdEncoding.EncodeToString(make([]byte, 32))
	env[routes.EnvPublicBaseURL] = "http://127.0.0.1:8080"
	env[routes.EnvConsoleIssuer] = "http://127.0.0.1/netzwerk-local-dev"
	env[routes.EnvConsoleAuthURL] = "http://127.0.0.1:8080/dev/cognito"
	env[routes.EnvConsoleJWKSURL] = "http://127.0.0.1:8080/dev/cognito/jwks.json"
	delete(env, routes.EnvRequirePrivacyNotice)
	c, err := configFrom(mapEnv(env), routes.All()...)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.LinkSecret) != 32 || c.LinkSecretARN != "" || c.RequirePrivacyNotice {
		t.Errorf("%+v", c)
	}
}

// LINK_SECRET is base64 of at least 32 bytes; a value that is not, or
// too short, is refused without showing it.
func TestLinkSecretForms(t *testing.T) {
	key := make([]byte, 32)
	for i := range key {
		key[i] = byte(i)
	}
	for _, tc := range []struct {
		value string
		ok    bool
	}{
		{base64.StdEncoding.EncodeToString(key), true},
		{base64.StdEncoding.EncodeToString(key[:31]), false},
		{base64.RawURLEncoding.EncodeToString(append(key, 0xfb, 0xff)), false}, // URL-safe, unpadded
		{"not base64 at all!", false},
		{hex.EncodeToString(key), true}, // 64 hex digits are base64 too: decoded as base64, to other bytes
	} {
		env := map[string]string{routes.EnvTable: "t", "LINK_SECRET": tc.value}
		c, err := configFrom(mapEnv(env), routes.Survey)
		if (err == nil) != tc.ok {
			t.Errorf("LINK_SECRET %q: %v", tc.value, err)
		}
		if err != nil && strings.Contains(err.Error(), tc.value) {
			t.Errorf("the error shows the secret: %v", err)
		}
		if tc.ok && tc.value == base64.StdEncoding.EncodeToString(key) && string(c.LinkSecret) != string(key) {
			t.Errorf("LINK_SECRET decoded to %x", c.LinkSecret)
		}
	}
	// LINK_SECRET wins over LINK_SECRET_ARN.
	env := map[string]string{routes.EnvTable: "t", "LINK_SECRET": base64.StdEncoding.EncodeToString(key), routes.EnvLinkSecretARN: "arn:aws:secretsmanager:eu-central-1:1:secret:x"}
	if c, err := configFrom(mapEnv(env), routes.Survey); err != nil || c.LinkSecretARN != "" || c.LinkSecret == nil {
		t.Errorf("both set: %+v %v", c, err)
	}
}

func mapEnv(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func without(env map[string]string, k string) map[string]string {
	out := with(env, k, "")
	delete(out, k)
	return out
}

func with(env map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(env)+1)
	for key, val := range env {
		out[key] = val
	}
	out[k] = v
	return out
}
