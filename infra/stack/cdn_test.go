package stack_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/integration-offices/netzwerk-backend/infra/stack"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	"github.com/integration-offices/netzwerk-backend/shared/web/assets"
)

// The managed policies the distribution uses (CloudFront's ids).
const (
	cachingDisabled           = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
	cachingOptimized          = "658327ea-f89d-4fab-a63d-7e88639e58f6"
	allViewerExceptHostHeader = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
)

// TestCdn: CloudFront in front of the HTTP API; /assets/* from a private,
// encrypted, TLS-only bucket that only the distribution reads (origin
// access control), cached and compressed by CloudFront; everything else
// to the API uncached with all but the Host header, and the secret that
// lets the functions trust CloudFront-Viewer-Address; the pages' security
// headers on every response.
func TestCdn(t *testing.T) {
	check(t, "bucket: no public access, encrypted, objects owned by the bucket", func() {
		template.HasResource(jsii.String("AWS::S3::Bucket"), &map[string]any{
			"DeletionPolicy": "Retain",
			"Properties": assertions.Match_ObjectLike(&map[string]any{
				"PublicAccessBlockConfiguration": map[string]any{"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true},
				"BucketEncryption": map[string]any{"ServerSideEncryptionConfiguration": []any{
					map[string]any{"ServerSideEncryptionByDefault": map[string]any{"SSEAlgorithm": "AES256"}}}},
				"OwnershipControls": map[string]any{"Rules": []any{map[string]any{"ObjectOwnership": "BucketOwnerEnforced"}}},
			}),
		})
	})
	check(t, "bucket policy: TLS only; reads by the distribution alone", func() {
		template.HasResourceProperties(jsii.String("AWS::S3::BucketPolicy"), &map[string]any{
			"PolicyDocument": assertions.Match_ObjectLike(&map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{
				assertions.Match_ObjectLike(&map[string]any{"Effect": "Deny", "Action": "s3:*",
					"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}}),
				assertions.Match_ObjectLike(&map[string]any{"Effect": "Allow", "Action": "s3:GetObject",
					"Principal": map[string]any{"Service": "cloudfront.amazonaws.com"},
					"Condition": map[string]any{"StringEquals": map[string]any{"AWS:SourceArn": assertions.Match_AnyValue()}}}),
			})}),
		})
	})
	check(t, "origin access control", func() {
		template.HasResourceProperties(jsii.String("AWS::CloudFront::OriginAccessControl"), &map[string]any{
			"OriginAccessControlConfig": assertions.Match_ObjectLike(&map[string]any{"OriginAccessControlOriginType": "s3", "SigningBehavior": "always", "SigningProtocol": "sigv4"}),
		})
	})
	check(t, "security headers", func() {
		template.HasResourceProperties(jsii.String("AWS::CloudFront::ResponseHeadersPolicy"), &map[string]any{
			"ResponseHeadersPolicyConfig": assertions.Match_ObjectLike(&map[string]any{"SecurityHeadersConfig": map[string]any{
				"StrictTransportSecurity": map[string]any{"AccessControlMaxAgeSec": 31536000, "IncludeSubdomains": true, "Override": true},
				"ContentTypeOptions":      map[string]any{"Override": true},
				"FrameOptions":            map[string]any{"FrameOption": "DENY", "Override": true},
				"ReferrerPolicy":          map[string]any{"ReferrerPolicy": "no-referrer", "Override": true},
				"ContentSecurityPolicy":   map[string]any{"ContentSecurityPolicy": web.CSP, "Override": false},
			}}),
		})
	})
	if stack.PageCSP != web.CSP || web.HSTS != "max-age=31536000; includeSubDomains" {
		t.Errorf("the distribution's headers are not the pages': %q, %q", stack.PageCSP, web.HSTS)
	}
	dists := resources("AWS::CloudFront::Distribution")
	if len(dists) != 1 {
		t.Fatalf("%d distributions", len(dists))
	}
	var cfg map[string]any
	for _, d := range dists {
		cfg = props(d)["DistributionConfig"].(map[string]any)
	}
	def := cfg["DefaultCacheBehavior"].(map[string]any)
	if def["CachePolicyId"] != cachingDisabled || def["OriginRequestPolicyId"] != allViewerExceptHostHeader ||
		def["ViewerProtocolPolicy"] != "redirect-to-https" || len(def["AllowedMethods"].([]any)) != 7 || def["ResponseHeadersPolicyId"] == nil {
		t.Errorf("default behaviour (the API): %v", def)
	}
	behaviours := cfg["CacheBehaviors"].([]any)
	if len(behaviours) != 1 {
		t.Fatalf("behaviours %v", behaviours)
	}
	a := behaviours[0].(map[string]any)
	if a["PathPattern"] != "/assets/*" || a["CachePolicyId"] != cachingOptimized || a["Compress"] != true ||
		a["ViewerProtocolPolicy"] != "redirect-to-https" || a["ResponseHeadersPolicyId"] == nil || a["OriginRequestPolicyId"] != nil {
		t.Errorf("/assets/*: %v", a)
	}
	origins := map[string]map[string]any{}
	for _, o := range cfg["Origins"].([]any) {
		origins[o.(map[string]any)["Id"].(string)] = o.(map[string]any)
	}
	api, s3 := origins[def["TargetOriginId"].(string)], origins[a["TargetOriginId"].(string)]
	if api == nil || s3 == nil || s3["OriginAccessControlId"] == nil || !strings.Contains(js(api["DomainName"]), "ApiEndpoint") {
		t.Fatalf("origins %v", origins)
	}
	if c := api["CustomOriginConfig"].(map[string]any); c["OriginProtocolPolicy"] != "https-only" || js(c["OriginSSLProtocols"]) != `["TLSv1.2"]` {
		t.Errorf("API origin: %v", c)
	}
	headers := api["OriginCustomHeaders"].([]any)
	h := headers[0].(map[string]any)
	secret := js(h["HeaderValue"])
	if len(headers) != 1 || h["HeaderName"] != "X-Origin-Verify" || !strings.Contains(secret, "{{resolve:secretsmanager:") {
		t.Fatalf("API origin headers: %v", headers)
	}
	// Every HTTP function compares what CloudFront sends with its own copy.
	for _, f := range routes.Functions() {
		vars := props(resourceOf(synth.Functions[f].Node().DefaultChild()))["Environment"].(map[string]any)["Variables"].(map[string]any)
		if js(vars[routes.EnvOriginVerify]) != secret {
			t.Errorf("%s: %s %s, the distribution sends %s", f, routes.EnvOriginVerify, js(vars[routes.EnvOriginVerify]), secret)
		}
	}
	// The stylesheets, under their fingerprinted names, with the year-long cache.
	check(t, "assets deployed with their headers", func() {
		template.HasResourceProperties(jsii.String("Custom::CDKBucketDeployment"), &map[string]any{
			"Prune": false, "RetainOnDelete": true,
			"SystemMetadata": map[string]any{"cache-control": assets.CacheControl, "content-type": "text/css; charset=utf-8"},
		})
	})
	n := 0
	for _, d := range resources("Custom::CDKBucketDeployment") {
		n += len(props(d)["SourceObjectKeys"].([]any))
	}
	if n != len(assets.All()) {
		t.Errorf("%d files deployed, %d assets", n, len(assets.All()))
	}
	if tpl["Outputs"].(map[string]any)["CdnDomainName"] == nil {
		t.Error("no output CdnDomainName")
	}
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestCertificateMustBeInUsEast1: CloudFront takes certificates from
// us-east-1 only; another region's is refused before a deploy fails.
func TestCertificateMustBeInUsEast1(t *testing.T) {
	p := func(arn string) *stack.Props {
		return &stack.Props{Stage: "test", Sender: "a@b.example", PublicBaseURL: "https://b.example", CorsOrigins: []string{"https://b.example"},
			RetentionDays: 90, LoginDomainPrefix: "netzwerk-test", CertificateArn: arn}
	}
	if err := p("arn:aws:acm:eu-central-1:123456789012:certificate/abc").Validate(); err == nil || !strings.Contains(err.Error(), "us-east-1") {
		t.Errorf("eu-central-1 certificate: %v", err)
	}
	if err := p("arn:aws:acm:us-east-1:123456789012:certificate/abc").Validate(); err != nil {
		t.Errorf("us-east-1 certificate: %v", err)
	}
}
