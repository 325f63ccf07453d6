package stack

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2integrations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// httpAPI is the HTTP API with its $default stage (access logs,
// throttling) and a route for every entry of the route table; the admin
// routes need the coordinators' authorizer. It returns the stage.
func (s *Stack) httpAPI(st awscdk.Stack, p *Props, authorizer awsapigatewayv2.IHttpRouteAuthorizer, logDays awslogs.RetentionDays) awsapigatewayv2.HttpStage {
	var origins []*string
	for _, o := range p.CorsOrigins {
		origins = append(origins, jsii.String(o))
	}
	s.Api = awsapigatewayv2.NewHttpApi(st, jsii.String("Api"), &awsapigatewayv2.HttpApiProps{
		ApiName:            jsii.String("netzwerk-" + p.Stage),
		CreateDefaultStage: jsii.Bool(false),
		CorsPreflight: &awsapigatewayv2.CorsPreflightOptions{
			AllowOrigins: &origins,
			AllowMethods: &[]awsapigatewayv2.CorsHttpMethod{awsapigatewayv2.CorsHttpMethod_GET, awsapigatewayv2.CorsHttpMethod_POST,
				awsapigatewayv2.CorsHttpMethod_PUT, awsapigatewayv2.CorsHttpMethod_DELETE},
			AllowHeaders:  jsii.Strings("Content-Type", "Authorization", "Idempotency-Key", "Accept-Language"),
			ExposeHeaders: jsii.Strings("Content-Disposition", "Content-Language"),
			MaxAge:        awscdk.Duration_Hours(jsii.Number(1)),
		},
	})
	accessLogs := awslogs.NewLogGroup(st, jsii.String("ApiAccessLogs"), &awslogs.LogGroupProps{
		Retention: logDays, RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	stage := awsapigatewayv2.NewHttpStage(st, jsii.String("DefaultStage"), &awsapigatewayv2.HttpStageProps{
		HttpApi: s.Api, StageName: jsii.String("$default"), AutoDeploy: jsii.Bool(true),
		AccessLogSettings: &accessLogSettings{
			destination: awsapigatewayv2.NewLogGroupLogDestination(accessLogs),
			format: awsapigateway.AccessLogFormat_Custom(jsii.String(
				`{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime",` +
					`"routeKey":"$context.routeKey","status":"$context.status","responseLength":"$context.responseLength",` +
					`"latency":"$context.responseLatency","integrationLatency":"$context.integrationLatency",` +
					`"integrationError":"$context.integrationErrorMessage","authorizerError":"$context.authorizer.error"}`)),
		},
		Throttle: &awsapigatewayv2.ThrottleSettings{RateLimit: jsii.Number(p.RateLimit), BurstLimit: jsii.Number(p.BurstLimit)},
	})
	s.routes(st, authorizer)
	return stage
}

// routes are the API's routes, one per entry of the route table, each to
// its function's integration.
func (s *Stack) routes(st awscdk.Stack, authorizer awsapigatewayv2.IHttpRouteAuthorizer) {
	integrations := map[routes.Function]awsapigatewayv2.HttpRouteIntegration{}
	for _, r := range routes.Table {
		in, ok := integrations[r.Function]
		if !ok {
			in = awsapigatewayv2integrations.NewHttpLambdaIntegration(jsii.String(string(r.Function)+"Integration"), s.Functions[r.Function], nil)
			integrations[r.Function] = in
		}
		props := &awsapigatewayv2.HttpRouteProps{
			HttpApi:     s.Api,
			RouteKey:    awsapigatewayv2.HttpRouteKey_With(jsii.String(r.Path), awsapigatewayv2.HttpMethod(r.Method)),
			Integration: in,
		}
		if r.Admin {
			props.Authorizer = authorizer
		}
		route := awsapigatewayv2.NewHttpRoute(st, jsii.String("Route "+r.Key()), props)
		if !r.Admin {
			cdknag.NagSuppressions_AddResourceSuppressions(route, &[]*cdknag.NagPackSuppression{{
				Id:     jsii.String("AwsSolutions-APIG4"),
				Reason: jsii.String("Public route by design: organisations answer surveys and register without an account; personal links carry their own tokens."),
			}}, jsii.Bool(true))
		}
	}
}

// accessLogSettings implements the HTTP API stage's access-log settings.
type accessLogSettings struct {
	destination awsapigatewayv2.IAccessLogDestination
	format      awsapigateway.AccessLogFormat
}

func (a *accessLogSettings) Destination() awsapigatewayv2.IAccessLogDestination { return a.destination }
func (a *accessLogSettings) Format() awsapigateway.AccessLogFormat              { return a.format }
