package stack_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/integration-offices/netzwerk-backend/infra/stack"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// TestTranslateAnswersSetting: translateAnswers is off by default (and
// in cdk.json); off, no role may call Amazon Translate and the admin
// function gets TRANSLATE_ANSWERS=0; on, the admin role alone gets
// translate:TranslateText (cdk-nag clean) and TRANSLATE_ANSWERS=1.
func TestTranslateAnswersSetting(t *testing.T) {
	base := map[string]any{"senderEmail": "netzwerk@integration.example", "publicBaseUrl": "https://integration.example",
		"corsOrigins": "https://integration.example"}
	for _, c := range []struct {
		set      any
		want, ok bool
	}{{nil, false, true}, {true, true, true}, {"false", false, true}, {"yes", false, false}} {
		ctx := map[string]any{}
		for k, v := range base {
			ctx[k] = v
		}
		if c.set != nil {
			ctx["translateAnswers"] = c.set
		}
		p, err := stack.PropsFromContext(awscdk.NewApp(&awscdk.AppProps{Context: &ctx}))
		if (err == nil) != c.ok || (err == nil && p.TranslateAnswers != c.want) {
			t.Errorf("context %v: %v, %v; want %v", c.set, p, err, c.want)
		}
	}
	b, err := os.ReadFile("../../cdk.json")
	if err != nil {
		t.Fatal(err)
	}
	var cdk struct{ Context map[string]any }
	if err := json.Unmarshal(b, &cdk); err != nil || cdk.Context["translateAnswers"] != false {
		t.Errorf("cdk.json: translateAnswers %v (%v), want false", cdk.Context["translateAnswers"], err)
	}

	// Off: the stack of the other tests.
	if grants := translateGrants(tpl); len(grants) > 0 {
		t.Errorf("off, yet roles may translate: %v", grants)
	}
	if v := envOf(tpl, synth.Stack, synth.Functions[routes.Admin]); v != "0" {
		t.Errorf("off: admin %s = %v", routes.EnvTranslateAnswers, v)
	}

	// On.
	dir := t.TempDir()
	for _, f := range routes.All() {
		_ = os.MkdirAll(filepath.Join(dir, string(f)), 0o755)
		_ = os.WriteFile(filepath.Join(dir, string(f), "bootstrap"), []byte("#!/bin/sh\n"), 0o755)
	}
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(filepath.Join(dir, "cdk.out"))})
	p := &stack.Props{Stage: "tr", Sender: "netzwerk@integration.example", SenderDomain: "integration.example",
		ReplyTo: "team@integration.example", PublicBaseURL: "https://integration.example", CorsOrigins: []string{"https://integration.example"},
		RetentionDays: 90, BuildDir: dir, LoginDomainPrefix: "netzwerk-tr", Region: "eu-central-1", RateLimit: 50, BurstLimit: 100,
		TranslateAnswers: true}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
	on := stack.New(app, p)
	var onTpl map[string]any
	raw, _ := json.Marshal(assertions.Template_FromStack(on.Stack, nil).ToJSON())
	_ = json.Unmarshal(raw, &onTpl)
	grants := translateGrants(onTpl)
	adminRole := *on.Stack.GetLogicalId(on.Functions[routes.Admin].Role().Node().DefaultChild().(awscdk.CfnElement))
	if len(grants) != 1 || grants[0] != adminRole {
		t.Errorf("on: roles that may translate %v, want only the admin's %s", grants, adminRole)
	}
	if v := envOf(onTpl, on.Stack, on.Functions[routes.Admin]); v != "1" {
		t.Errorf("on: admin %s = %v", routes.EnvTranslateAnswers, v)
	}
	for _, fn := range []routes.Function{routes.Survey, routes.Meeting} {
		if v := envOf(onTpl, on.Stack, on.Functions[fn]); v != nil {
			t.Errorf("on: %s has %s = %v", fn, routes.EnvTranslateAnswers, v)
		}
	}
	var msgs *[]*cxapi.SynthesisMessage
	check(t, "nag", func() {
		msgs = assertions.Annotations_FromStack(on.Stack).FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-IAM5.*")))
	})
	if msgs != nil {
		for _, m := range *msgs {
			t.Errorf("cdk-nag error at %s: %v", *m.Id, m.Entry.Data)
		}
	}
}

// translateGrants are the logical ids of the roles whose policies allow
// an Amazon Translate action.
func translateGrants(tpl map[string]any) []string {
	var out []string
	for _, r := range tpl["Resources"].(map[string]any) {
		res := r.(map[string]any)
		if res["Type"] != "AWS::IAM::Policy" {
			continue
		}
		p := props(res)
		doc, _ := json.Marshal(p["PolicyDocument"])
		if strings.Contains(string(doc), `"translate:`) {
			for _, role := range p["Roles"].([]any) {
				out = append(out, role.(map[string]any)["Ref"].(string))
			}
		}
	}
	return out
}

// envOf is the function's TRANSLATE_ANSWERS (nil: unset).
func envOf(tpl map[string]any, st awscdk.Stack, fn awslambda.Function) any {
	id := *st.GetLogicalId(fn.Node().DefaultChild().(awscdk.CfnElement))
	res := tpl["Resources"].(map[string]any)[id].(map[string]any)
	env, _ := props(res)["Environment"].(map[string]any)
	vars, _ := env["Variables"].(map[string]any)
	return vars[routes.EnvTranslateAnswers]
}
