package stack_test

// Infra tests run without -race and without t.Parallel: jsii's runtime is
// not goroutine-safe. The stack is synthesized once per test binary.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/integration-offices/netzwerk-backend/infra/stack"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

var (
	synth    *stack.Stack
	template assertions.Template
	tpl      map[string]any // the template as JSON
)

func TestMain(m *testing.M) {
	code := run(m)
	jsii.Close()
	os.Exit(code)
}

func run(m *testing.M) int {
	// Lambda assets: stand-in bootstraps (the real ones come from make build).
	dir, err := os.MkdirTemp("", "netzwerk-build")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	for _, f := range routes.All() {
		_ = os.MkdirAll(filepath.Join(dir, string(f)), 0o755)
		_ = os.WriteFile(filepath.Join(dir, string(f), "bootstrap"), []byte("#!/bin/sh\n"), 0o755)
	}
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(filepath.Join(dir, "cdk.out"))})
	p := &stack.Props{Stage: "test", Sender: "netzwerk@integration.example", SenderDomain: "integration.example",
		ReplyTo: "team@integration.example", PublicBaseURL: "https://integration.example", CorsOrigins: []string{"https://integration.example"},
		RetentionDays: 90, AlarmEmail: "ops@integration.example", BuildDir: dir, LoginDomainPrefix: "netzwerk-test", Region: "eu-central-1", RateLimit: 50, BurstLimit: 100}
	if err := p.Validate(); err != nil {
		panic(err)
	}
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
	synth = stack.New(app, p)
	template = assertions.Template_FromStack(synth.Stack, nil)
	b, _ := json.Marshal(template.ToJSON())
	_ = json.Unmarshal(b, &tpl)
	return m.Run()
}

// check turns a failed assertion (a panic from jsii) into a test failure.
func check(t *testing.T, what string, fn func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s: %v", what, r)
		}
	}()
	fn()
}

func resources(typ string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for id, r := range tpl["Resources"].(map[string]any) {
		res := r.(map[string]any)
		if res["Type"] == typ {
			out[id] = res
		}
	}
	return out
}

func props(r map[string]any) map[string]any {
	p, _ := r["Properties"].(map[string]any)
	return p
}

func TestFunctions(t *testing.T) {
	fns := resources("AWS::Lambda::Function")
	want := len(routes.All())
	// One helper: CDK's deployment of the stylesheets into the assets
	// bucket, which runs at deploy (its role: TestCdn).
	if len(fns) != want+1 {
		t.Fatalf("%d functions, want %d and the assets' deployment (no other helper Lambdas)", len(fns), want)
	}
	for id, fn := range fns {
		p := props(fn)
		if strings.HasPrefix(id, "CustomCDKBucketDeployment") {
			continue
		}
		if p["Runtime"] != "provided.al2023" || p["Handler"] != "bootstrap" || fmt.Sprint(p["Architectures"]) != "[arm64]" {
			t.Errorf("%s: runtime %v handler %v arch %v", id, p["Runtime"], p["Handler"], p["Architectures"])
		}
		if p["MemorySize"] == nil || p["Timeout"] == nil {
			t.Errorf("%s: memory and timeout must be explicit", id)
		}
		if lc, _ := p["LoggingConfig"].(map[string]any); lc == nil || lc["LogFormat"] != "JSON" || lc["LogGroup"] == nil {
			t.Errorf("%s: logging %v", id, p["LoggingConfig"])
		}
		env, _ := p["Environment"].(map[string]any)
		vars, _ := env["Variables"].(map[string]any)
		if vars["TABLE_NAME"] == nil {
			t.Errorf("%s: no TABLE_NAME", id)
		}
	}
	check(t, "log groups with retention", func() {
		// each function's, the API's access log and the assets' deployment's
		template.ResourcePropertiesCountIs(jsii.String("AWS::Logs::LogGroup"), &map[string]any{"RetentionInDays": 90}, jsii.Number(float64(want+2)))
	})
}

func TestTable(t *testing.T) {
	check(t, "table", func() {
		template.HasResource(jsii.String("AWS::DynamoDB::Table"), &map[string]any{
			"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain",
			"Properties": map[string]any{
				"BillingMode":                      "PAY_PER_REQUEST",
				"PointInTimeRecoverySpecification": map[string]any{"PointInTimeRecoveryEnabled": true},
				"TimeToLiveSpecification":          map[string]any{"AttributeName": "expiresAt", "Enabled": true},
				"StreamSpecification":              map[string]any{"StreamViewType": "NEW_AND_OLD_IMAGES"},
				"DeletionProtectionEnabled":        true,
				"SSESpecification":                 map[string]any{"SSEEnabled": true},
			},
		})
	})
}

// TestRoutesMatchTheRouteTable: every route of the table is in the
// template and nothing else; the authorizer guards exactly /admin routes.
func TestRoutesMatchTheRouteTable(t *testing.T) {
	var got, want []string
	for _, r := range resources("AWS::ApiGatewayV2::Route") {
		p := props(r)
		key := p["RouteKey"].(string)
		got = append(got, key)
		admin := strings.Contains(key, " /admin/")
		if admin != (p["AuthorizationType"] == "JWT") || admin != (p["AuthorizerId"] != nil) {
			t.Errorf("%s: authorization %v", key, p["AuthorizationType"])
		}
	}
	for _, r := range routes.Table {
		want = append(want, r.Key())
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("template routes differ from the route table:\n%s\n---\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	check(t, "JWT authorizer on the user pool", func() {
		template.HasResourceProperties(jsii.String("AWS::ApiGatewayV2::Authorizer"), &map[string]any{
			"AuthorizerType": "JWT", "IdentitySource": []any{"$request.header.Authorization"},
		})
	})
}

func TestStage(t *testing.T) {
	check(t, "default stage with access logs and throttling", func() {
		template.HasResourceProperties(jsii.String("AWS::ApiGatewayV2::Stage"), &map[string]any{
			"StageName": "$default", "AutoDeploy": true,
			"AccessLogSettings":    assertions.Match_ObjectLike(&map[string]any{"Format": assertions.Match_StringLikeRegexp(jsii.String(`"requestId":"\$context.requestId"`))}),
			"DefaultRouteSettings": map[string]any{"ThrottlingRateLimit": 50, "ThrottlingBurstLimit": 100},
		})
	})
	check(t, "CORS from context", func() {
		template.HasResourceProperties(jsii.String("AWS::ApiGatewayV2::Api"), &map[string]any{
			"CorsConfiguration": assertions.Match_ObjectLike(&map[string]any{"AllowOrigins": []any{"https://integration.example"}}),
		})
	})
}

func TestCognito(t *testing.T) {
	check(t, "user pool", func() {
		template.HasResourceProperties(jsii.String("AWS::Cognito::UserPool"), &map[string]any{
			"AdminCreateUserConfig": map[string]any{"AllowAdminCreateUserOnly": true},
			"MfaConfiguration":      "ON",
			"EnabledMfas":           []any{"SOFTWARE_TOKEN_MFA"},
			"Policies": map[string]any{"PasswordPolicy": assertions.Match_ObjectLike(&map[string]any{
				"MinimumLength": 12, "RequireLowercase": true, "RequireUppercase": true, "RequireNumbers": true, "RequireSymbols": true})},
			"Schema": assertions.Match_ArrayWith(&[]any{assertions.Match_ObjectLike(&map[string]any{"Name": "office", "AttributeDataType": "String"})}),
		})
	})
	check(t, "group coordinators", func() {
		template.HasResourceProperties(jsii.String("AWS::Cognito::UserPoolGroup"), &map[string]any{"GroupName": "coordinators"})
	})
	check(t, "app client cannot write the office", func() {
		template.HasResourceProperties(jsii.String("AWS::Cognito::UserPoolClient"), &map[string]any{
			"GenerateSecret": false, "ReadAttributes": assertions.Match_ArrayWith(&[]any{"custom:office"}),
		})
	})
	for id, c := range resources("AWS::Cognito::UserPoolClient") {
		p := props(c)
		// An absent or empty WriteAttributes lets the signed-in user write
		// every attribute, custom:office too (aws-cdk #21835, #30608): the
		// list must be there, and hold only locale.
		if w, ok := p["WriteAttributes"].([]any); !ok || fmt.Sprint(w) != "[locale]" {
			t.Errorf("%s: WriteAttributes %#v, want exactly [locale]: never custom:office, never empty", id, p["WriteAttributes"])
		}
		if r, _ := p["ReadAttributes"].([]any); fmt.Sprint(r) != "[custom:office email locale]" {
			t.Errorf("%s: ReadAttributes %v, want [custom:office email locale]", id, p["ReadAttributes"])
		}
		// Sign-out revokes the refresh token (POST /oauth2/revoke).
		if p["EnableTokenRevocation"] != true {
			t.Errorf("%s: EnableTokenRevocation %v, want true", id, p["EnableTokenRevocation"])
		}
		// Accounts that read health data: the code grant only, sessions of
		// hours (refresh tokens at most a day).
		if fmt.Sprint(p["AllowedOAuthFlows"]) != "[code]" || p["AllowedOAuthFlowsUserPoolClient"] != true {
			t.Errorf("%s: OAuth flows %v, want the code grant only", id, p["AllowedOAuthFlows"])
		}
		units, _ := p["TokenValidityUnits"].(map[string]any)
		refresh, _ := p["RefreshTokenValidity"].(float64)
		if hours := map[any]float64{"minutes": refresh / 60, "hours": refresh, "days": refresh * 24}[units["RefreshToken"]]; hours <= 0 || hours > 24 {
			t.Errorf("%s: refresh tokens valid %v %v, want at most a day", id, refresh, units["RefreshToken"])
		}
		// The console: the code grant with PKCE (a public client, no
		// secret), back to the console's callback, out to its sign-out page.
		if p["GenerateSecret"] == true || fmt.Sprint(p["SupportedIdentityProviders"]) != "[COGNITO]" {
			t.Errorf("%s: a public client of the pool's own users expected, got secret %v, providers %v", id, p["GenerateSecret"], p["SupportedIdentityProviders"])
		}
		if fmt.Sprint(p["CallbackURLs"]) != "[https://integration.example/console/callback]" || fmt.Sprint(p["LogoutURLs"]) != "[https://integration.example/console/signed-out]" {
			t.Errorf("%s: callback %v, logout %v", id, p["CallbackURLs"], p["LogoutURLs"])
		}
	}
}

// TestConsoleSignIn: the managed login's domain, and the admin function
// knows the pool, the client and the domain (it verifies the console's
// cookie itself).
func TestConsoleSignIn(t *testing.T) {
	check(t, "user pool domain", func() {
		template.HasResourceProperties(jsii.String("AWS::Cognito::UserPoolDomain"), &map[string]any{
			"Domain": "netzwerk-test", "UserPoolId": assertions.Match_AnyValue()})
	})
	found := false
	for _, f := range resources("AWS::Lambda::Function") {
		env, _ := props(f)["Environment"].(map[string]any)
		vars, _ := env["Variables"].(map[string]any)
		if vars[routes.EnvConsoleIssuer] == nil {
			continue
		}
		found = true
		for _, k := range []string{routes.EnvConsoleIssuer, routes.EnvConsoleClientID, routes.EnvConsoleAuthURL, routes.EnvPublicBaseURL} {
			if vars[k] == nil || vars[k] == "" {
				t.Errorf("the admin function lacks %s", k)
			}
		}
	}
	if !found {
		t.Error("no function has the console's settings")
	}
}

func TestMailer(t *testing.T) {
	check(t, "stream event source", func() {
		template.HasResourceProperties(jsii.String("AWS::Lambda::EventSourceMapping"), &map[string]any{
			"BatchSize": 25, "BisectBatchOnFunctionError": true, "MaximumRetryAttempts": 5,
			"FunctionResponseTypes": []any{"ReportBatchItemFailures"},
			"DestinationConfig":     map[string]any{"OnFailure": map[string]any{"Destination": assertions.Match_AnyValue()}},
		})
	})
	for id, m := range resources("AWS::Lambda::EventSourceMapping") {
		filters := props(m)["FilterCriteria"].(map[string]any)["Filters"].([]any)
		var pattern map[string]any
		_ = json.Unmarshal([]byte(filters[0].(map[string]any)["Pattern"].(string)), &pattern)
		if fmt.Sprint(pattern) != "map[dynamodb:map[NewImage:map[type:map[S:[outbox]]]] eventName:[INSERT]]" {
			t.Errorf("%s: filter %v, want outbox inserts only", id, pattern)
		}
	}
	check(t, "encrypted dead-letter queue", func() {
		template.HasResourceProperties(jsii.String("AWS::SQS::Queue"), &map[string]any{"SqsManagedSseEnabled": true})
	})
	check(t, "SES identity and configuration set", func() {
		template.ResourceCountIs(jsii.String("AWS::SES::EmailIdentity"), jsii.Number(1))
		template.ResourceCountIs(jsii.String("AWS::SES::ConfigurationSet"), jsii.Number(1))
	})
	// The mailer paces to the account's send rate, which it reads at start:
	// no fixed rate by default, and the role may read the account.
	check(t, "the mailer reads the account's send rate", func() {
		template.HasResourceProperties(jsii.String("AWS::IAM::Policy"), &map[string]any{
			"PolicyDocument": map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{
				map[string]any{"Action": "ses:GetAccount", "Effect": "Allow", "Resource": "*"}})},
			"Roles": []any{map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^MailerRole"))}},
		})
	})
	for id, fn := range resources("AWS::Lambda::Function") {
		vars, _ := props(fn)["Environment"].(map[string]any)["Variables"].(map[string]any)
		if vars[routes.EnvMailSendRate] != nil {
			t.Errorf("%s: MAIL_SEND_RATE %v set, want the account's rate", id, vars[routes.EnvMailSendRate])
		}
	}
}

// TestMailerSweep: a schedule invokes the mailer every five minutes with
// the sweep's event (allowed for that rule only), and each mail the sweep
// finds stuck is counted and alarmed on.
func TestMailerSweep(t *testing.T) {
	mailerSchedule(t, outbox.SweepSource, "rate(5 minutes)")
	check(t, "stuck mails are counted", func() {
		template.HasResourceProperties(jsii.String("AWS::Logs::MetricFilter"), &map[string]any{
			"FilterPattern":         `{ $.message = "outbox item stuck" }`,
			"MetricTransformations": []any{assertions.Match_ObjectLike(&map[string]any{"MetricName": "OutboxMailsStuck", "MetricValue": "1"})},
		})
	})
	check(t, "and alarmed on", func() {
		template.HasResourceProperties(jsii.String("AWS::CloudWatch::Alarm"), &map[string]any{"MetricName": "OutboxMailsStuck", "Threshold": 1})
	})
}

// TestMailerReminders: a schedule of its own invokes the mailer every hour
// with the reminder event (allowed for that rule only): the planned
// reminders.
func TestMailerReminders(t *testing.T) {
	mailerSchedule(t, outbox.RemindSource, "rate(1 hour)")
}

// mailerSchedule checks that exactly one event rule invokes the mailer
// with the one-record event of source at rate, and that the function's
// resource policy allows that rule.
func mailerSchedule(t *testing.T, source, rate string) {
	t.Helper()
	var ruleID string
	for id, r := range resources("AWS::Events::Rule") {
		p := props(r)
		targets := p["Targets"].([]any)
		target := targets[0].(map[string]any)
		var ev struct {
			Records []struct {
				EventSource string `json:"eventSource"`
			}
		}
		if err := json.Unmarshal([]byte(fmt.Sprint(target["Input"])), &ev); err != nil || len(ev.Records) != 1 {
			t.Errorf("rule %s: input %v (%v), want one record", id, target["Input"], err)
			continue
		}
		if ev.Records[0].EventSource != source {
			continue
		}
		if ruleID != "" {
			t.Errorf("two rules send %s", source)
		}
		ruleID = id
		if p["ScheduleExpression"] != rate || p["State"] != "ENABLED" {
			t.Errorf("%s rule %v, want %s", source, p, rate)
		}
		if len(targets) != 1 || !strings.HasPrefix(fmt.Sprint(target["Arn"]), "map[Fn::GetAtt:[Mailer") {
			t.Errorf("%s targets %v, want the mailer", source, targets)
		}
	}
	if ruleID == "" {
		t.Fatalf("no rule sends the mailer %s", source)
	}
	check(t, "only the rule may invoke the mailer", func() {
		template.HasResourceProperties(jsii.String("AWS::Lambda::Permission"), &map[string]any{
			"Action": "lambda:InvokeFunction", "Principal": "events.amazonaws.com",
			"FunctionName": map[string]any{"Fn::GetAtt": assertions.Match_ArrayWith(&[]any{assertions.Match_StringLikeRegexp(jsii.String("^Mailer"))})},
			"SourceArn":    map[string]any{"Fn::GetAtt": []any{ruleID, "Arn"}},
		})
	})
}

// TestLeastPrivilege: no wildcard actions, no wildcard resources for
// DynamoDB or SES, SES only for the mailer, no managed policies.
func TestLeastPrivilege(t *testing.T) {
	sesRoles := map[string]bool{}
	for id, pol := range resources("AWS::IAM::Policy") {
		doc := props(pol)["PolicyDocument"].(map[string]any)
		for _, st := range doc["Statement"].([]any) {
			s := st.(map[string]any)
			actions := fmt.Sprint(s["Action"])
			if strings.Contains(actions, "*") && !strings.Contains(actions, "dynamodb:ListStreams") {
				t.Errorf("%s: wildcard action %s", id, actions)
			}
			if (strings.Contains(actions, "dynamodb:") || strings.Contains(actions, "ses:")) && fmt.Sprint(s["Resource"]) == "*" &&
				actions != "dynamodb:ListStreams" && actions != "ses:GetAccount" {
				t.Errorf("%s: %s on every resource", id, actions)
			}
			if strings.Contains(actions, "ses:") {
				sesRoles[fmt.Sprint(props(pol)["Roles"])] = true
			}
		}
	}
	if len(sesRoles) != 1 {
		t.Errorf("SES permissions on %d roles, want only the mailer's", len(sesRoles))
	}
	for id, role := range resources("AWS::IAM::Role") {
		if mp := props(role)["ManagedPolicyArns"]; mp != nil {
			t.Errorf("%s: managed policies %v", id, mp)
		}
	}
}

func TestAlarmsAndOutputs(t *testing.T) {
	n := len(routes.All())
	if got := len(resources("AWS::CloudWatch::Alarm")); got != 2*n+8 {
		t.Errorf("%d alarms, want %d (errors and throttles per function, API 5xx, DLQ, table throttles, SES bounce and complaint rates, the mailer's iterator age, mails failed for good, stuck outbox mails)", got, 2*n+8)
	}
	check(t, "mails failed for good are counted", func() {
		template.HasResourceProperties(jsii.String("AWS::Logs::MetricFilter"), &map[string]any{
			"FilterPattern":         `{ $.message = "mail failed for good" }`,
			"MetricTransformations": []any{assertions.Match_ObjectLike(&map[string]any{"MetricName": "MailsFailedForGood", "MetricValue": "1"})},
		})
	})
	for metric, threshold := range map[string]float64{"Reputation.BounceRate": 0.05, "Reputation.ComplaintRate": 0.001, "IteratorAge": 900000} {
		check(t, "alarm on "+metric, func() {
			template.HasResourceProperties(jsii.String("AWS::CloudWatch::Alarm"), &map[string]any{"MetricName": metric, "Threshold": threshold})
		})
	}
	check(t, "alarm mail", func() {
		template.HasResourceProperties(jsii.String("AWS::SNS::Subscription"), &map[string]any{"Protocol": "email", "Endpoint": "ops@integration.example"})
	})
	outputs := tpl["Outputs"].(map[string]any)
	for _, o := range []string{"ApiUrl", "UserPoolId", "UserPoolClientId", "TableName"} {
		if outputs[o] == nil {
			t.Errorf("no output %s", o)
		}
	}
}

// TestCdkNag: AwsSolutions checks report nothing unacknowledged.
func TestCdkNag(t *testing.T) {
	for _, level := range []string{"error", "warning"} {
		var msgs *[]*cxapi.SynthesisMessage
		check(t, "nag "+level, func() {
			a := assertions.Annotations_FromStack(synth.Stack)
			if level == "error" {
				msgs = a.FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*")))
			} else {
				msgs = a.FindWarning(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*")))
			}
		})
		if msgs != nil && len(*msgs) > 0 {
			for _, m := range *msgs {
				t.Errorf("cdk-nag %s at %s: %v", level, *m.Id, m.Entry.Data)
			}
		}
	}
}

// TestTableIsTheStoresTable: the synthesized table has the keys, index,
// stream and TTL of the store's own schema (what CreateTable makes locally).
func TestTableIsTheStoresTable(t *testing.T) {
	want, ttl := dynamo.Schema("x")
	tables := resources("AWS::DynamoDB::Table")
	if len(tables) != 1 {
		t.Fatalf("%d tables", len(tables))
	}
	for _, tb := range tables {
		p := props(tb)
		asJSON := func(v any) string { b, _ := json.Marshal(v); return string(b) }
		var keys []map[string]string
		for _, k := range want.KeySchema {
			keys = append(keys, map[string]string{"AttributeName": *k.AttributeName, "KeyType": string(k.KeyType)})
		}
		if asJSON(p["KeySchema"]) != asJSON(keys) {
			t.Errorf("key schema %s, store %s", asJSON(p["KeySchema"]), asJSON(keys))
		}
		var attrs []map[string]string
		for _, a := range want.AttributeDefinitions {
			attrs = append(attrs, map[string]string{"AttributeName": *a.AttributeName, "AttributeType": string(a.AttributeType)})
		}
		sortByName := func(v []any) []string {
			var out []string
			for _, x := range v {
				out = append(out, asJSON(x))
			}
			sort.Strings(out)
			return out
		}
		var wantAttrs []any
		_ = json.Unmarshal([]byte(asJSON(attrs)), &wantAttrs)
		if fmt.Sprint(sortByName(p["AttributeDefinitions"].([]any))) != fmt.Sprint(sortByName(wantAttrs)) {
			t.Errorf("attributes %v, store %v", p["AttributeDefinitions"], attrs)
		}
		gsis := p["GlobalSecondaryIndexes"].([]any)
		if len(gsis) != len(want.GlobalSecondaryIndexes) {
			t.Fatalf("%d indexes, store %d", len(gsis), len(want.GlobalSecondaryIndexes))
		}
		g := gsis[0].(map[string]any)
		wg := want.GlobalSecondaryIndexes[0]
		var gkeys []map[string]string
		for _, k := range wg.KeySchema {
			gkeys = append(gkeys, map[string]string{"AttributeName": *k.AttributeName, "KeyType": string(k.KeyType)})
		}
		if g["IndexName"] != *wg.IndexName || asJSON(g["KeySchema"]) != asJSON(gkeys) ||
			g["Projection"].(map[string]any)["ProjectionType"] != string(wg.Projection.ProjectionType) {
			t.Errorf("index %v, store %s %s", g, *wg.IndexName, asJSON(gkeys))
		}
		if p["StreamSpecification"].(map[string]any)["StreamViewType"] != string(want.StreamSpecification.StreamViewType) {
			t.Errorf("stream %v", p["StreamSpecification"])
		}
		if p["TimeToLiveSpecification"].(map[string]any)["AttributeName"] != ttl {
			t.Errorf("TTL %v, store %s", p["TimeToLiveSpecification"], ttl)
		}
	}
}

// TestFunctionsAsTheTableSays: each function has exactly the environment
// and the DynamoDB and SES actions that routes.Specs gives it (a test in
// shared/httpapi checks the Specs against the calls the code makes).
func TestFunctionsAsTheTableSays(t *testing.T) {
	roleOf := map[string]routes.Function{}
	for name, fn := range synth.Functions {
		p := props(resourceOf(fn.Node().DefaultChild()))
		env, _ := p["Environment"].(map[string]any)
		vars, _ := env["Variables"].(map[string]any)
		var got []string
		for k := range vars {
			got = append(got, k)
		}
		var want []string
		for _, k := range routes.Specs[name].Env {
			if k != routes.EnvMailSendRate || vars[k] != nil { // optional: unset by default
				want = append(want, k)
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: environment %v, table says %v", name, got, want)
		}
		if p["MemorySize"] != float64(routes.Specs[name].MemoryMB) || p["Timeout"] != float64(routes.Specs[name].TimeoutSec) {
			t.Errorf("%s: memory %v timeout %v", name, p["MemorySize"], p["Timeout"])
		}
		roleOf[fmt.Sprint(p["Role"])] = name
	}
	granted := map[routes.Function]map[string]bool{}
	for _, pol := range resources("AWS::IAM::Policy") {
		p := props(pol)
		for _, r := range p["Roles"].([]any) {
			name, ok := roleOf[fmt.Sprintf("map[Fn::GetAtt:[%s Arn]]", r.(map[string]any)["Ref"])]
			if !ok {
				continue
			}
			if granted[name] == nil {
				granted[name] = map[string]bool{}
			}
			for _, st := range p["PolicyDocument"].(map[string]any)["Statement"].([]any) {
				acts := st.(map[string]any)["Action"]
				list, ok := acts.([]any)
				if !ok {
					list = []any{acts}
				}
				for _, a := range list {
					granted[name][a.(string)] = true
				}
			}
		}
	}
	for name, spec := range routes.Specs {
		for _, a := range slices.Concat(spec.Table, spec.Index, spec.SES, spec.Account) {
			if !granted[name][a] {
				t.Errorf("%s: %s in the table, not in its role", name, a)
			}
		}
		for a := range granted[name] {
			if (strings.HasPrefix(a, "dynamodb:") || strings.HasPrefix(a, "ses:")) && !slices.Contains(spec.Table, a) &&
				!slices.Contains(spec.Index, a) && !slices.Contains(spec.SES, a) && !slices.Contains(spec.Account, a) && !streamAction(a) {
				t.Errorf("%s: role allows %s, which the table does not list", name, a)
			}
		}
	}
}

// streamAction is what the stream event source grants the mailer.
func streamAction(a string) bool {
	return slices.Contains([]string{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"}, a)
}

func resourceOf(c constructs.IConstruct) map[string]any {
	id := *synth.Stack.GetLogicalId(c.(awscdk.CfnElement))
	return tpl["Resources"].(map[string]any)[id].(map[string]any)
}

// SES publishes bounces and complaints of the configuration set to a topic
// (TLS only) that the feedback function is subscribed to.
func TestSesFeedback(t *testing.T) {
	check(t, "event destination", func() {
		template.HasResourceProperties(jsii.String("AWS::SES::ConfigurationSetEventDestination"), &map[string]any{
			"EventDestination": assertions.Match_ObjectLike(&map[string]any{
				"Enabled": true, "MatchingEventTypes": []any{"bounce", "complaint"},
				"SnsDestination": map[string]any{"TopicARN": map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^SesFeedback"))}},
			}),
		})
	})
	check(t, "the feedback function reads the topic", func() {
		template.HasResourceProperties(jsii.String("AWS::SNS::Subscription"), &map[string]any{
			"Protocol": "lambda", "TopicArn": map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^SesFeedback"))},
			"Endpoint": map[string]any{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^Feedback")), "Arn"}},
		})
	})
}
