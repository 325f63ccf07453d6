package stack

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2authorizers"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2integrations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsses"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
)

var retention = map[int]awslogs.RetentionDays{
	1: awslogs.RetentionDays_ONE_DAY, 3: awslogs.RetentionDays_THREE_DAYS, 5: awslogs.RetentionDays_FIVE_DAYS,
	7: awslogs.RetentionDays_ONE_WEEK, 14: awslogs.RetentionDays_TWO_WEEKS, 30: awslogs.RetentionDays_ONE_MONTH,
	60: awslogs.RetentionDays_TWO_MONTHS, 90: awslogs.RetentionDays_THREE_MONTHS, 120: awslogs.RetentionDays_FOUR_MONTHS,
	150: awslogs.RetentionDays_FIVE_MONTHS, 180: awslogs.RetentionDays_SIX_MONTHS, 365: awslogs.RetentionDays_ONE_YEAR,
	400: awslogs.RetentionDays_THIRTEEN_MONTHS, 545: awslogs.RetentionDays_EIGHTEEN_MONTHS, 731: awslogs.RetentionDays_TWO_YEARS,
}

// Stack is the synthesized stack with the parts tests look at.
type Stack struct {
	awscdk.Stack
	Table     awsdynamodb.Table
	Api       awsapigatewayv2.HttpApi
	Functions map[routes.Function]awslambda.Function
}

// New defines the stack.
func New(scope constructs.Construct, p *Props) *Stack {
	logDays, ok := retention[p.RetentionDays]
	if !ok {
		panic(fmt.Sprintf("retentionDays %d: use one of CloudWatch's periods (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731)", p.RetentionDays))
	}
	st := awscdk.NewStack(scope, jsii.String("Netzwerk-"+p.Stage), &awscdk.StackProps{
		Env:         p.env(),
		Description: jsii.String("Integration office network backend: needs surveys, meeting registrations, coordinator exports (" + p.Stage + ")"),
	})
	awscdk.Tags_Of(st).Add(jsii.String("project"), jsii.String("netzwerk-backend"), nil)
	awscdk.Tags_Of(st).Add(jsii.String("stage"), jsii.String(p.Stage), nil)
	s := &Stack{Stack: st, Functions: map[routes.Function]awslambda.Function{}}

	// --- DynamoDB: one table, see docs/storage.md ---
	s.Table = awsdynamodb.NewTable(st, jsii.String("Table"), &awsdynamodb.TableProps{
		PartitionKey:                     &awsdynamodb.Attribute{Name: jsii.String(dynamo.AttrPK), Type: awsdynamodb.AttributeType_STRING},
		SortKey:                          &awsdynamodb.Attribute{Name: jsii.String(dynamo.AttrSK), Type: awsdynamodb.AttributeType_STRING},
		BillingMode:                      awsdynamodb.BillingMode_PAY_PER_REQUEST,
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: jsii.Bool(true)},
		TimeToLiveAttribute:              jsii.String(dynamo.AttrTTL),
		Stream:                           awsdynamodb.StreamViewType_NEW_AND_OLD_IMAGES,
		DeletionProtection:               jsii.Bool(true),
		RemovalPolicy:                    awscdk.RemovalPolicy_RETAIN,
		Encryption:                       awsdynamodb.TableEncryption_AWS_MANAGED,
	})
	s.Table.AddGlobalSecondaryIndex(&awsdynamodb.GlobalSecondaryIndexProps{
		IndexName:      jsii.String(dynamo.IndexGSI1),
		PartitionKey:   &awsdynamodb.Attribute{Name: jsii.String(dynamo.AttrGSI1PK), Type: awsdynamodb.AttributeType_STRING},
		SortKey:        &awsdynamodb.Attribute{Name: jsii.String(dynamo.AttrGSI1SK), Type: awsdynamodb.AttributeType_STRING},
		ProjectionType: awsdynamodb.ProjectionType_ALL,
	})

	// --- the link secret: 64 random characters, generated at deploy ---
	secret := awssecretsmanager.NewSecret(st, jsii.String("LinkSecret"), &awssecretsmanager.SecretProps{
		Description: jsii.String("Key of the personal links (manage registration, invitations). Rotating it invalidates links already sent."),
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			PasswordLength: jsii.Number(64), ExcludePunctuation: jsii.Bool(true),
		},
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	cdknag.NagSuppressions_AddResourceSuppressions(secret, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-SMG4"),
		Reason: jsii.String("The link key signs personal links already sent by email; automatic rotation would break every open manage and invitation link."),
	}}, jsii.Bool(false))

	// The secret the CloudFront distribution sends the API (cdn.go).
	originVerify := originVerifySecret(st)

	// --- SES: sender identity and a configuration set ---
	identity := awsses.Identity_Email(jsii.String(p.Sender))
	identityName := p.Sender
	if p.SenderDomain != "" {
		identity, identityName = awsses.Identity_Domain(jsii.String(p.SenderDomain)), p.SenderDomain
	}
	configSet := awsses.NewConfigurationSet(st, jsii.String("MailConfigurationSet"), &awsses.ConfigurationSetProps{
		SendingEnabled: jsii.Bool(true), ReputationMetrics: jsii.Bool(true),
		SuppressionReasons: awsses.SuppressionReasons_BOUNCES_AND_COMPLAINTS,
	})
	awsses.NewEmailIdentity(st, jsii.String("MailIdentity"), &awsses.EmailIdentityProps{Identity: identity, ConfigurationSet: configSet})

	// --- Lambda functions, one per directory of functions/, each as the
	// table of functions (routes.Specs) says: size, environment, role ---
	env := map[string]*string{
		routes.EnvTable:         s.Table.TableName(),
		routes.EnvLinkSecretARN: secret.SecretArn(),
		routes.EnvPublicBaseURL: jsii.String(strings.TrimRight(p.PublicBaseURL, "/")),
		routes.EnvMailFrom:      jsii.String(p.Sender),
		routes.EnvMailFromName:  jsii.String("Integration"),
		routes.EnvMailReplyTo:   jsii.String(p.ReplyTo),
		routes.EnvSESConfigSet:  configSet.ConfigurationSetName(),
		// The console's sign-in: set on the admin function below, once the
		// user pool, its domain and its app client exist.
		routes.EnvConsoleIssuer: jsii.String(""), routes.EnvConsoleClientID: jsii.String(""), routes.EnvConsoleAuthURL: jsii.String(""),
		// The mailer paces to the account's SES send rate, read at start;
		// mailSendRate, when set, keeps it lower. One mailer runs per stream
		// shard (no parallelisation factor); a small table has one shard, so
		// one mailer has the whole rate.
		routes.EnvMailSendRate: jsii.String(mailSendRate(p.MailSendRate)),
		// Per-client limits, counted in the table (API Gateway's stage
		// throttle stays the outer guard).
		routes.EnvLimitRegistrations: jsii.String(strconv.Itoa(p.RegistrationsPerHour)),
		routes.EnvLimitPerMeeting:    jsii.String(strconv.Itoa(p.RegistrationsPerMeeting)),
		routes.EnvLimitAnswers:       jsii.String(strconv.Itoa(p.AnswersPerHour)),
		routes.EnvLimitMails:         jsii.String(strconv.Itoa(p.MailsPerAddressPerDay)),
		routes.EnvPurgeCancelled:     jsii.String(strconv.Itoa(p.PurgeCancelledDays)),
		// The go-live guard: in AWS no survey or meeting goes online
		// for an office without a privacy notice (OFFICE.md).
		routes.EnvRequirePrivacyNotice: jsii.String("1"),
	}
	// Every HTTP function compares it with what CloudFront sends (cdn.go).
	env[routes.EnvOriginVerify] = originVerify.SecretValue().UnsafeUnwrap()
	region, account := st.Region(), st.Account()
	sesResources := &[]*string{
		jsii.String(fmt.Sprintf("arn:%s:ses:%s:%s:identity/%s", "aws", *region, *account, identityName)),
		awscdk.Fn_Join(jsii.String(""), &[]*string{jsii.String("arn:aws:ses:"), region, jsii.String(":"), account, jsii.String(":configuration-set/"), configSet.ConfigurationSetName()}),
	}
	names := routes.All()
	for _, name := range names {
		spec, ok := routes.Specs[name]
		if !ok {
			panic(fmt.Sprintf("function %s is not in routes.Specs", name))
		}
		s.Functions[name] = s.function(st, name, spec, env, secret, sesResources, logDays, p)
	}

	// --- mailer: the table's stream, outbox inserts only ---
	// SQS-managed encryption: encrypted at rest without a KMS key whose
	// grants would need wildcard actions.
	dlq := awssqs.NewQueue(st, jsii.String("MailerDeadLetterQueue"), &awssqs.QueueProps{
		Encryption: awssqs.QueueEncryption_SQS_MANAGED,
		EnforceSSL: jsii.Bool(true), RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
	})
	cdknag.NagSuppressions_AddResourceSuppressions(dlq, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-SQS3"),
		Reason: jsii.String("This queue is itself the dead-letter destination of the mailer's stream event source."),
	}}, jsii.Bool(false))
	// Batches of 25 at the paced rate (a new production account's 14/s: ~2 s) leave
	// most of the mailer's 60 s for waits when SES throttles; one mailer
	// per shard (no parallelisation factor), so the rate is not shared.
	mailer := s.Functions[routes.Mailer]
	mailer.AddEventSource(awslambdaeventsources.NewDynamoEventSource(s.Table, &awslambdaeventsources.DynamoEventSourceProps{
		StartingPosition:        awslambda.StartingPosition_TRIM_HORIZON,
		BatchSize:               jsii.Number(25),
		MaxBatchingWindow:       awscdk.Duration_Seconds(jsii.Number(1)),
		RetryAttempts:           jsii.Number(5),
		BisectBatchOnError:      jsii.Bool(true),
		ReportBatchItemFailures: jsii.Bool(true),
		OnFailure:               awslambdaeventsources.NewSqsDlq(dlq),
		Filters: &[]*map[string]any{awslambda.FilterCriteria_Filter(&map[string]any{
			"eventName": awslambda.FilterRule_IsEqual(jsii.String("INSERT")),
			"dynamodb":  map[string]any{"NewImage": map[string]any{"type": map[string]any{"S": awslambda.FilterRule_IsEqual(jsii.String("outbox"))}}},
		})},
	}))
	// The sweep: every five minutes the mailer takes up the outbox mails
	// the stream left behind (stuck for 15 minutes, or held back until
	// now). EventBridge invokes it with the sweep's one-record event; the
	// function's resource policy allows this rule only.
	awsevents.NewRule(st, jsii.String("MailerSweep"), &awsevents.RuleProps{
		Description: jsii.String("The mailer sweeps up stuck and held outbox mails"),
		Schedule:    awsevents.Schedule_Rate(awscdk.Duration_Minutes(jsii.Number(5))),
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(mailer, &awseventstargets.LambdaFunctionProps{
			Event: awsevents.RuleTargetInput_FromObject(map[string]any{"Records": []any{map[string]any{"eventSource": outbox.SweepSource}}}),
		})},
	})
	// The planned reminders (remindAfterDays): every hour the mailer
	// queues those that are due, each once; the stream brings their mails
	// back to it. Its own rule and event, allowed by the function's
	// resource policy for this rule only.
	awsevents.NewRule(st, jsii.String("MailerReminders"), &awsevents.RuleProps{
		Description: jsii.String("The mailer queues the planned reminders that are due"),
		Schedule:    awsevents.Schedule_Rate(awscdk.Duration_Hours(jsii.Number(1))),
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(mailer, &awseventstargets.LambdaFunctionProps{
			Event: awsevents.RuleTargetInput_FromObject(map[string]any{"Records": []any{map[string]any{"eventSource": outbox.RemindSource}}}),
		})},
	})
	// Lambda's stream poller lists streams, and the mailer reads the account's
	// send rate: actions without resource-level permissions.
	cdknag.NagSuppressions_AddResourceSuppressionsByPath(st, jsii.String("/"+*st.Node().Path()+"/MailerRole/DefaultPolicy/Resource"),
		&[]*cdknag.NagPackSuppression{{
			Id:        jsii.String("AwsSolutions-IAM5"),
			Reason:    jsii.String("dynamodb:ListStreams (the event source mapping finds the table's stream with it) and ses:GetAccount (the mailer reads the account's send rate) support no resource-level permissions."),
			AppliesTo: &[]any{jsii.String("Resource::*")},
		}}, jsii.Bool(false))

	// --- SES feedback: the configuration set publishes bounces and
	// complaints to a topic, which the feedback function reads ---
	feedbackTopic := awssns.NewTopic(st, jsii.String("SesFeedback"), &awssns.TopicProps{EnforceSSL: jsii.Bool(true)})
	cdknag.NagSuppressions_AddResourceSuppressions(feedbackTopic, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-SNS2"),
		Reason: jsii.String("SES publishes to this topic, and SES cannot use the AWS-managed SNS key; the events (addresses that bounced or complained) pass through in transit only (TLS enforced) and rest in the table as keyed hashes."),
	}}, jsii.Bool(false))
	configSet.AddEventDestination(jsii.String("Feedback"), &awsses.ConfigurationSetEventDestinationOptions{
		Destination: awsses.EventDestination_SnsTopic(feedbackTopic),
		Events:      &[]awsses.EmailSendingEvent{awsses.EmailSendingEvent_BOUNCE, awsses.EmailSendingEvent_COMPLAINT},
	})
	feedbackTopic.AddSubscription(awssnssubscriptions.NewLambdaSubscription(s.Functions[routes.Feedback], nil))

	// --- Cognito: coordinators, one office each ---
	pool := awscognito.NewUserPool(st, jsii.String("Coordinators"), &awscognito.UserPoolProps{
		SelfSignUpEnabled: jsii.Bool(false),
		SignInAliases:     &awscognito.SignInAliases{Email: jsii.Bool(true)},
		AutoVerify:        &awscognito.AutoVerifiedAttrs{Email: jsii.Bool(true)},
		PasswordPolicy: &awscognito.PasswordPolicy{
			MinLength: jsii.Number(12), RequireLowercase: jsii.Bool(true), RequireUppercase: jsii.Bool(true),
			RequireDigits: jsii.Bool(true), RequireSymbols: jsii.Bool(true), TempPasswordValidity: awscdk.Duration_Days(jsii.Number(3)),
		},
		// Coordinators read health data (accessibility needs): a second
		// factor for everyone, an authenticator app (TOTP), not SMS.
		Mfa:             awscognito.Mfa_REQUIRED,
		MfaSecondFactor: &awscognito.MfaSecondFactor{Otp: jsii.Bool(true), Sms: jsii.Bool(false)},
		AccountRecovery: awscognito.AccountRecovery_EMAIL_ONLY,
		CustomAttributes: &map[string]awscognito.ICustomAttribute{
			"office": awscognito.NewStringAttribute(&awscognito.StringAttributeProps{MinLen: jsii.Number(2), MaxLen: jsii.Number(63), Mutable: jsii.Bool(true)}),
		},
		DeletionProtection: jsii.Bool(true),
		RemovalPolicy:      awscdk.RemovalPolicy_RETAIN,
	})
	cdknag.NagSuppressions_AddResourceSuppressions(pool, &[]*cdknag.NagPackSuppression{
		{Id: jsii.String("AwsSolutions-COG3"), Reason: jsii.String("Threat protection (Cognito Plus plan) is a paid add-on an office can enable; its documented alternative here: TOTP MFA required for every account, accounts created by admins only, refresh tokens of 12 hours, no user-existence errors (README, data protection).")},
		{Id: jsii.String("AwsSolutions-COG8"), Reason: jsii.String("The Plus feature plan is a paid add-on an office can switch on; the Essentials plan covers a handful of coordinator accounts.")},
	}, jsii.Bool(false))
	awscognito.NewCfnUserPoolGroup(st, jsii.String("CoordinatorsGroup"), &awscognito.CfnUserPoolGroupProps{
		UserPoolId: pool.UserPoolId(), GroupName: jsii.String("coordinators"),
		Description: jsii.String("Integration office coordinators; the custom:office attribute says which office"),
	})
	base := strings.TrimRight(p.PublicBaseURL, "/")
	client := pool.AddClient(jsii.String("CoordinatorApp"), &awscognito.UserPoolClientOptions{
		AuthFlows:                  &awscognito.AuthFlow{UserSrp: jsii.Bool(true)},
		GenerateSecret:             jsii.Bool(false),
		PreventUserExistenceErrors: jsii.Bool(true),
		// The console signs in with the authorization code grant (PKCE);
		// never the implicit grant. Sessions end within hours.
		OAuth: &awscognito.OAuthSettings{
			Flows:        &awscognito.OAuthFlows{AuthorizationCodeGrant: jsii.Bool(true), ImplicitCodeGrant: jsii.Bool(false), ClientCredentials: jsii.Bool(false)},
			Scopes:       &[]awscognito.OAuthScope{awscognito.OAuthScope_OPENID(), awscognito.OAuthScope_EMAIL(), awscognito.OAuthScope_PROFILE()},
			CallbackUrls: jsii.Strings(base + "/console/callback"),
			LogoutUrls:   jsii.Strings(base + "/console/signed-out"),
		},
		IdTokenValidity:      awscdk.Duration_Hours(jsii.Number(1)),
		AccessTokenValidity:  awscdk.Duration_Hours(jsii.Number(1)),
		RefreshTokenValidity: awscdk.Duration_Hours(jsii.Number(12)),
		// Users read their office but cannot change it: only admins set it.
		// An empty write list is no restriction (CloudFormation drops it
		// and the user may write every attribute, custom:office too:
		// aws-cdk #21835, #30608), so the list names one harmless standard
		// attribute, locale, and nothing else (README, Deploy).
		ReadAttributes:        awscognito.NewClientAttributes().WithStandardAttributes(&awscognito.StandardAttributesMask{Email: jsii.Bool(true), Locale: jsii.Bool(true)}).WithCustomAttributes(jsii.String("office")),
		WriteAttributes:       awscognito.NewClientAttributes().WithStandardAttributes(&awscognito.StandardAttributesMask{Locale: jsii.Bool(true)}),
		EnableTokenRevocation: jsii.Bool(true), // the console's sign-out revokes the refresh token
	})
	// The managed login (hosted UI) for the console, on a Cognito domain.
	domain := pool.AddDomain(jsii.String("Login"), &awscognito.UserPoolDomainOptions{
		CognitoDomain: &awscognito.CognitoDomainOptions{DomainPrefix: jsii.String(p.LoginDomainPrefix)},
	})
	// The console verifies its session cookie itself (API Gateway's JWT
	// authorizer reads only the Authorization header): issuer, audience and
	// the managed login's address.
	adminFn := s.Functions[routes.Admin]
	adminFn.AddEnvironment(jsii.String(routes.EnvConsoleIssuer), pool.UserPoolProviderUrl(), nil)
	adminFn.AddEnvironment(jsii.String(routes.EnvConsoleClientID), client.UserPoolClientId(), nil)
	adminFn.AddEnvironment(jsii.String(routes.EnvConsoleAuthURL), domain.BaseUrl(nil), nil)
	authorizer := awsapigatewayv2authorizers.NewHttpUserPoolAuthorizer(jsii.String("CoordinatorAuthorizer"), pool, &awsapigatewayv2authorizers.HttpUserPoolAuthorizerProps{
		UserPoolClients: &[]awscognito.IUserPoolClient{client},
	})

	// --- HTTP API: routes from the route table ---
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

	// --- CloudFront in front of the API; the assets from S3 (cdn.go) ---
	s.cdn(st, p, originVerify, logDays)

	// --- alarms ---
	topicKey := awskms.Alias_FromAliasName(st, jsii.String("SnsKey"), jsii.String("alias/aws/sns"))
	topic := awssns.NewTopic(st, jsii.String("Alarms"), &awssns.TopicProps{MasterKey: topicKey, EnforceSSL: jsii.Bool(true)})
	if p.AlarmEmail != "" {
		topic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(p.AlarmEmail), nil))
	}
	alarmAt := func(id string, metric awscloudwatch.IMetric, threshold float64, desc string) {
		a := awscloudwatch.NewAlarm(st, jsii.String(id), &awscloudwatch.AlarmProps{
			Metric: metric, Threshold: jsii.Number(threshold), EvaluationPeriods: jsii.Number(1),
			ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
			TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING, AlarmDescription: jsii.String(desc),
		})
		a.AddAlarmAction(awscloudwatchactions.NewSnsAction(topic))
	}
	alarm := func(id string, metric awscloudwatch.IMetric, desc string) { alarmAt(id, metric, 1, desc) }
	five := &awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(5)), Statistic: jsii.String("Sum")}
	for _, name := range names {
		fn := s.Functions[name]
		alarm(string(name)+"Errors", fn.MetricErrors(five), "Lambda "+string(name)+" reported errors")
		alarm(string(name)+"Throttles", fn.MetricThrottles(five), "Lambda "+string(name)+" was throttled")
	}
	alarm("Api5xx", s.Api.MetricServerError(five), "The HTTP API answered 5xx")
	alarm("DeadLetters", dlq.MetricApproximateNumberOfMessagesVisible(&awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(5)), Statistic: jsii.String("Maximum")}),
		"Mails failed for good: messages in the mailer's dead-letter queue")
	// SES's own thresholds: it reviews an account above 5 % bounces or
	// 0.1 % complaints. The configuration set publishes the rates.
	hour := awscdk.Duration_Hours(jsii.Number(1))
	alarmAt("SesBounceRate", awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("AWS/SES"),
		MetricName: jsii.String("Reputation.BounceRate"), Statistic: jsii.String("Maximum"), Period: hour}), 0.05,
		"SES bounce rate above 5 %: check the invitation lists (bounced invitations in the admin API)")
	alarmAt("SesComplaintRate", awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("AWS/SES"),
		MetricName: jsii.String("Reputation.ComplaintRate"), Statistic: jsii.String("Maximum"), Period: hour}), 0.001,
		"SES complaint rate above 0.1 %")
	// A mail that failed for good stays in the table (the admin API lists
	// it); the mailer's log line counts it.
	failedMails := awslogs.NewMetricFilter(st, jsii.String("MailsFailedForGoodFilter"), &awslogs.MetricFilterProps{
		LogGroup: mailer.LogGroup(), FilterPattern: awslogs.FilterPattern_StringValue(jsii.String("$.message"), jsii.String("="), jsii.String("mail failed for good")),
		MetricNamespace: jsii.String("Netzwerk/" + p.Stage), MetricName: jsii.String("MailsFailedForGood"), MetricValue: jsii.String("1"),
	})
	alarm("MailsFailedForGood", failedMails.Metric(five), "Mails failed for good: GET /admin/mails/failed lists them, POST …/resend sends them again")
	// Every mail the sweep finds stuck (pending or sending for 15 minutes)
	// is one the stream did not deliver: the sweep sends it, the alarm
	// says that something keeps the stream's mailer from sending.
	stuck := awslogs.NewMetricFilter(st, jsii.String("OutboxMailsStuckFilter"), &awslogs.MetricFilterProps{
		LogGroup: mailer.LogGroup(), FilterPattern: awslogs.FilterPattern_StringValue(jsii.String("$.message"), jsii.String("="), jsii.String("outbox item stuck")),
		MetricNamespace: jsii.String("Netzwerk/" + p.Stage), MetricName: jsii.String("OutboxMailsStuck"), MetricValue: jsii.String("1"),
	})
	alarm("OutboxMailsStuck", stuck.Metric(five), "Outbox mails stuck for 15 minutes: the sweep sends them; check the mailer's errors and its stream")
	alarmAt("MailerIteratorAge", mailer.Metric(jsii.String("IteratorAge"), &awscloudwatch.MetricOptions{
		Period: awscdk.Duration_Minutes(jsii.Number(5)), Statistic: jsii.String("Maximum")}), 15*60*1000,
		"The mailer is more than 15 minutes behind the table's stream")
	alarm("TableThrottles", s.Table.MetricThrottledRequestsForOperations(&awsdynamodb.OperationsMetricOptions{
		Period: awscdk.Duration_Minutes(jsii.Number(5)),
		Operations: &[]awsdynamodb.Operation{awsdynamodb.Operation_GET_ITEM, awsdynamodb.Operation_PUT_ITEM, awsdynamodb.Operation_UPDATE_ITEM,
			awsdynamodb.Operation_QUERY, awsdynamodb.Operation_TRANSACT_WRITE_ITEMS, awsdynamodb.Operation_BATCH_WRITE_ITEM},
	}), "DynamoDB throttled requests")

	// --- outputs ---
	out := func(id string, v *string, desc string) {
		awscdk.NewCfnOutput(st, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(desc)})
	}
	out("ApiUrl", stage.Url(), "Base URL of the HTTP API")
	out("UserPoolId", pool.UserPoolId(), "Cognito user pool of the coordinators")
	out("UserPoolClientId", client.UserPoolClientId(), "App client for the coordinators' sign-in")
	out("TableName", s.Table.TableName(), "DynamoDB table")
	out("DeadLetterQueueUrl", dlq.QueueUrl(), "Mails that failed for good")
	return s
}

// function defines one Lambda with its own role, log group, environment
// and exactly the actions of its spec.
func (s *Stack) function(st awscdk.Stack, name routes.Function, f routes.Spec, env map[string]*string, secret awssecretsmanager.Secret,
	sesResources *[]*string, days awslogs.RetentionDays, p *Props) awslambda.Function {
	id := strings.ToUpper(string(name[:1])) + string(name[1:])
	logs := awslogs.NewLogGroup(st, jsii.String(id+"Logs"), &awslogs.LogGroupProps{Retention: days, RemovalPolicy: awscdk.RemovalPolicy_DESTROY})
	role := awsiam.NewRole(st, jsii.String(id+"Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Lambda " + string(name) + ": only what it uses"),
	})
	allow := func(actions []string, resources *[]*string) {
		if len(actions) > 0 {
			role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings(actions...), Resources: resources}))
		}
	}
	allow([]string{"logs:CreateLogStream", "logs:PutLogEvents"}, &[]*string{logs.LogGroupArn()})
	allow(f.Table, &[]*string{s.Table.TableArn()})
	allow(f.Index, &[]*string{awscdk.Fn_Join(jsii.String(""), &[]*string{s.Table.TableArn(), jsii.String("/index/" + dynamo.IndexGSI1)})})
	allow(f.SES, sesResources)
	allow(f.Account, &[]*string{jsii.String("*")})
	vars := map[string]*string{}
	for _, k := range f.Env {
		v, ok := env[k]
		if !ok {
			panic(fmt.Sprintf("function %s reads %s, which the stack does not set", name, k))
		}
		if *v != "" {
			vars[k] = v
		}
		if k == routes.EnvLinkSecretARN {
			secret.GrantRead(role, nil)
		}
	}
	return awslambda.NewFunction(st, jsii.String(id), &awslambda.FunctionProps{
		Runtime:       awslambda.Runtime_PROVIDED_AL2023(),
		Architecture:  awslambda.Architecture_ARM_64(),
		Handler:       jsii.String("bootstrap"),
		Code:          awslambda.Code_FromAsset(jsii.String(filepath.Join(p.BuildDir, string(name))), nil),
		MemorySize:    jsii.Number(f.MemoryMB),
		Timeout:       awscdk.Duration_Seconds(jsii.Number(f.TimeoutSec)),
		Environment:   &vars,
		Role:          role,
		LogGroup:      logs,
		LoggingFormat: awslambda.LoggingFormat_JSON,
		Description:   jsii.String("netzwerk " + string(name)),
	})
}

// accessLogSettings implements the HTTP API stage's access-log settings.
type accessLogSettings struct {
	destination awsapigatewayv2.IAccessLogDestination
	format      awsapigateway.AccessLogFormat
}

func (a *accessLogSettings) Destination() awsapigatewayv2.IAccessLogDestination { return a.destination }
func (a *accessLogSettings) Format() awsapigateway.AccessLogFormat              { return a.format }

// mailSendRate is MAIL_SEND_RATE for a mailSendRate setting: empty (the
// account's rate) when 0.
func mailSendRate(r float64) string {
	if r <= 0 {
		return ""
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
