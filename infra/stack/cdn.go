package stack

import (
	"net/url"
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfrontorigins"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3deployment"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/integration-offices/netzwerk-backend/shared/web/assets"
)

// PageCSP is the Content-Security-Policy the distribution adds where a
// response has none (the stylesheets from S3): the pages' own (web.CSP; a
// test keeps them equal).
const PageCSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// originVerifySecret is the secret the distribution sends with every
// request to the API (X-Origin-Verify) and the HTTP functions compare
// (ORIGIN_VERIFY): the visitor's address is taken from CloudFront only on
// requests that carry it (shared/app, cloudfront.go).
func originVerifySecret(st awscdk.Stack) awssecretsmanager.Secret {
	s := awssecretsmanager.NewSecret(st, jsii.String("OriginVerify"), &awssecretsmanager.SecretProps{
		Description: jsii.String("Sent by the CloudFront distribution with every request to the API: proves that a request came through it (the functions then trust CloudFront-Viewer-Address)."),
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			PasswordLength: jsii.Number(48), ExcludePunctuation: jsii.Bool(true),
		},
	})
	cdknag.NagSuppressions_AddResourceSuppressions(s, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-SMG4"),
		Reason: jsii.String("The distribution's header and the functions' environment take the value at deploy; a rotation is a deploy (it proves only the way a request came and opens nothing)."),
	}}, jsii.Bool(false))
	return s
}

// cdn puts a CloudFront distribution in front of the HTTP API, on the
// public base URL's host when a certificate is given: /assets/* from an
// S3 bucket (the fingerprinted stylesheets, cached for a year, compressed
// by CloudFront), everything else passed to the API uncached with every
// header, cookie and query string but Host (the console's cookies, the
// API's Authorization), and the pages' security headers on every
// response. The functions never see a stylesheet request in AWS.
func (s *Stack) cdn(st awscdk.Stack, p *Props, originVerify awssecretsmanager.Secret, days awslogs.RetentionDays) awscloudfront.Distribution {
	bucket := awss3.NewBucket(st, jsii.String("Assets"), &awss3.BucketProps{
		BlockPublicAccess: awss3.BlockPublicAccess_BLOCK_ALL(),
		Encryption:        awss3.BucketEncryption_S3_MANAGED,
		EnforceSSL:        jsii.Bool(true),
		ObjectOwnership:   awss3.ObjectOwnership_BUCKET_OWNER_ENFORCED,
		RemovalPolicy:     awscdk.RemovalPolicy_RETAIN,
	})
	cdknag.NagSuppressions_AddResourceSuppressions(bucket, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-S1"),
		Reason: jsii.String("The bucket holds only the public, fingerprinted stylesheets; its one reader is the distribution (origin access control), and access logs would keep visitors' addresses for nothing."),
	}}, jsii.Bool(false))

	// The assets, one deployment per content type, under the names the
	// pages link (assets/<name>.<hash>.<ext>); old names stay for pages
	// still open in a browser (no pruning).
	byType := map[string][]assets.File{}
	for _, f := range assets.All() {
		byType[f.ContentType] = append(byType[f.ContentType], f)
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	sort.Strings(types)
	logs := awslogs.NewLogGroup(st, jsii.String("AssetsDeploymentLogs"), &awslogs.LogGroupProps{Retention: days, RemovalPolicy: awscdk.RemovalPolicy_DESTROY})
	// CDK's deployment handler (a Lambda that runs at deploy only) gets a
	// role of our own with only what it does, not CDK's grants (wildcard
	// actions, a managed policy): read its source from the CDK assets
	// bucket, list and write assets/ of ours, write its log.
	role := awsiam.NewRole(st, jsii.String("AssetsDeploymentRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("CDK's deployment of the stylesheets into the assets bucket: only what it does"),
	})
	cdkAssets := awscdk.Fn_Sub(jsii.String("arn:${AWS::Partition}:s3:::"+strings.ReplaceAll(*awscdk.DefaultStackSynthesizer_DEFAULT_FILE_ASSETS_BUCKET_NAME(),
		"${Qualifier}", *awscdk.DefaultStackSynthesizer_DEFAULT_QUALIFIER())+"/*"), nil)
	for _, a := range []struct {
		actions  []string
		resource *string
	}{
		{[]string{"s3:GetObject"}, cdkAssets},
		{[]string{"s3:ListBucket"}, bucket.BucketArn()},
		{[]string{"s3:PutObject"}, bucket.ArnForObjects(jsii.String("assets/*"))},
		{[]string{"logs:CreateLogStream", "logs:PutLogEvents"}, logs.LogGroupArn()},
	} {
		role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings(a.actions...), Resources: &[]*string{a.resource}}))
	}
	cdknag.NagSuppressions_AddResourceSuppressions(role, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-IAM5"),
		Reason: jsii.String("Objects by prefix: the deployment reads its source zip from the CDK assets bucket (named by the bootstrap) and writes the fingerprinted files under assets/ of the stack's own bucket."),
		AppliesTo: &[]any{jsii.String("Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*"),
			jsii.String("Resource::<Assets9A31D427.Arn>/assets/*")},
	}}, jsii.Bool(true))
	deployRole := role.WithoutPolicyUpdates(nil)
	for i, t := range types {
		files := byType[t]
		sort.Slice(files, func(a, b int) bool { return files[a].Hashed < files[b].Hashed })
		var sources []awss3deployment.ISource
		for _, f := range files {
			sources = append(sources, awss3deployment.Source_Data(jsii.String("assets/"+f.Hashed), jsii.String(string(f.Body())), nil))
		}
		id := "AssetsDeployment"
		if i > 0 {
			id += t
		}
		awss3deployment.NewBucketDeployment(st, jsii.String(id), &awss3deployment.BucketDeploymentProps{
			DestinationBucket: bucket, Sources: &sources, Prune: jsii.Bool(false), RetainOnDelete: jsii.Bool(true),
			ContentType:  jsii.String(t),
			CacheControl: &[]awss3deployment.CacheControl{awss3deployment.CacheControl_FromString(jsii.String(assets.CacheControl))},
			LogGroup:     logs, MemoryLimit: jsii.Number(256), Role: deployRole,
		})
	}
	cdknag.NagSuppressions_AddResourceSuppressionsByPath(st, jsii.String("/"+*st.Node().Path()+"/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C256MiB"),
		&[]*cdknag.NagPackSuppression{{
			Id:     jsii.String("AwsSolutions-L1"),
			Reason: jsii.String("CDK's own deployment handler (Python, its runtime is CDK's choice): it runs at deploy only and serves no request."),
		}}, jsii.Bool(true))

	headers := awscloudfront.NewResponseHeadersPolicy(st, jsii.String("SecurityHeaders"), &awscloudfront.ResponseHeadersPolicyProps{
		Comment: jsii.String("netzwerk " + p.Stage + ": the pages' security headers on every response"),
		SecurityHeadersBehavior: &awscloudfront.ResponseSecurityHeadersBehavior{
			StrictTransportSecurity: &awscloudfront.ResponseHeadersStrictTransportSecurity{
				AccessControlMaxAge: awscdk.Duration_Days(jsii.Number(365)), IncludeSubdomains: jsii.Bool(true), Override: jsii.Bool(true)},
			ContentTypeOptions: &awscloudfront.ResponseHeadersContentTypeOptions{Override: jsii.Bool(true)},
			FrameOptions:       &awscloudfront.ResponseHeadersFrameOptions{FrameOption: awscloudfront.HeadersFrameOption_DENY, Override: jsii.Bool(true)},
			ReferrerPolicy:     &awscloudfront.ResponseHeadersReferrerPolicy{ReferrerPolicy: awscloudfront.HeadersReferrerPolicy_NO_REFERRER, Override: jsii.Bool(true)},
			// The functions send their own (the console's differs); the
			// pages' where a response has none.
			ContentSecurityPolicy: &awscloudfront.ResponseHeadersContentSecurityPolicy{ContentSecurityPolicy: jsii.String(PageCSP), Override: jsii.Bool(false)},
		},
	})
	apiHost := awscdk.Fn_Select(jsii.Number(2), awscdk.Fn_Split(jsii.String("/"), s.Api.ApiEndpoint(), nil))
	api := awscloudfrontorigins.NewHttpOrigin(apiHost, &awscloudfrontorigins.HttpOriginProps{
		ProtocolPolicy:     awscloudfront.OriginProtocolPolicy_HTTPS_ONLY,
		OriginSslProtocols: &[]awscloudfront.OriginSslPolicy{awscloudfront.OriginSslPolicy_TLS_V1_2},
		CustomHeaders:      &map[string]*string{"X-Origin-Verify": originVerify.SecretValue().UnsafeUnwrap()},
	})
	props := &awscloudfront.DistributionProps{
		Comment: jsii.String("netzwerk " + p.Stage),
		DefaultBehavior: &awscloudfront.BehaviorOptions{
			Origin: api, AllowedMethods: awscloudfront.AllowedMethods_ALLOW_ALL(),
			CachePolicy:           awscloudfront.CachePolicy_CACHING_DISABLED(),
			OriginRequestPolicy:   awscloudfront.OriginRequestPolicy_ALL_VIEWER_EXCEPT_HOST_HEADER(),
			ViewerProtocolPolicy:  awscloudfront.ViewerProtocolPolicy_REDIRECT_TO_HTTPS,
			ResponseHeadersPolicy: headers,
			Compress:              jsii.Bool(false), // the functions compress their pages
		},
		AdditionalBehaviors: &map[string]*awscloudfront.BehaviorOptions{
			"/assets/*": {
				Origin:         awscloudfrontorigins.S3BucketOrigin_WithOriginAccessControl(bucket, nil),
				AllowedMethods: awscloudfront.AllowedMethods_ALLOW_GET_HEAD(),
				CachePolicy:    awscloudfront.CachePolicy_CACHING_OPTIMIZED(), Compress: jsii.Bool(true),
				ViewerProtocolPolicy: awscloudfront.ViewerProtocolPolicy_REDIRECT_TO_HTTPS, ResponseHeadersPolicy: headers,
			},
		},
		HttpVersion: awscloudfront.HttpVersion_HTTP2_AND_3,
		PriceClass:  awscloudfront.PriceClass_PRICE_CLASS_100, // Europe and North America: the offices' visitors are in Germany
	}
	suppress := []*cdknag.NagPackSuppression{
		{Id: jsii.String("AwsSolutions-CFR1"), Reason: jsii.String("No geo restriction: people open their links from wherever they are (travel, family abroad).")},
		{Id: jsii.String("AwsSolutions-CFR2"), Reason: jsii.String("WAF is a paid add-on an office can attach; the API's stage throttle and the per-client limits counted in the table guard the forms.")},
		{Id: jsii.String("AwsSolutions-CFR3"), Reason: jsii.String("No CloudFront access logs: they would keep every visitor's address; the HTTP API's access log records each request the functions serve.")},
	}
	if p.CertificateArn != "" {
		u, _ := url.Parse(p.PublicBaseURL)
		props.DomainNames = jsii.Strings(u.Hostname())
		props.Certificate = awscertificatemanager.Certificate_FromCertificateArn(st, jsii.String("CdnCertificate"), jsii.String(p.CertificateArn))
		props.MinimumProtocolVersion = awscloudfront.SecurityPolicyProtocol_TLS_V1_2_2021
	} else {
		suppress = append(suppress, &cdknag.NagPackSuppression{Id: jsii.String("AwsSolutions-CFR4"),
			Reason: jsii.String("Without a certificateArn the distribution answers on its cloudfront.net name, whose default certificate CloudFront does not let us limit to TLS 1.2; with one (the public base URL's host) it takes TLSv1.2_2021.")})
	}
	d := awscloudfront.NewDistribution(st, jsii.String("Cdn"), props)
	cdknag.NagSuppressions_AddResourceSuppressions(d, &suppress, jsii.Bool(false))
	awscdk.NewCfnOutput(st, jsii.String("CdnDomainName"), &awscdk.CfnOutputProps{Value: d.DistributionDomainName(),
		Description: jsii.String("The distribution: point the public base URL's host at it (CNAME or alias)")})
	return d
}
