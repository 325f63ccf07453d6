package stack

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

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

// New defines the stack, part by part. The order of the calls is the
// order in which the constructs are made; each part takes what the
// earlier ones made.
func New(scope constructs.Construct, p *Props) *Stack {
	logDays, ok := retention[p.RetentionDays]
	if !ok {
		panic(fmt.Sprintf("retentionDays %d: use one of CloudWatch's periods (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731)", p.RetentionDays))
	}
	s := newStack(scope, p)
	st := s.Stack
	s.Table = table(st)
	secret := linkSecret(st)
	// The secret the CloudFront distribution sends the API (cdn.go).
	originVerify := originVerifySecret(st)
	mail := newMailIdentity(st, p)
	s.functions(st, p, environment(p, s.Table, secret, originVerify, mail), secret, mail.resources(st), logDays)
	dlq := s.mailerStream(st)
	s.mailerSchedules(st)
	allowMailerAccountActions(st)
	s.sesFeedback(st, mail)
	login := s.coordinatorLogin(st, p)
	stage := s.httpAPI(st, p, login.authorizer, logDays)
	// CloudFront in front of the API; the assets from S3 (cdn.go).
	s.cdn(st, p, originVerify, logDays)
	s.alarms(st, p, dlq)
	outputs(st, stage, login, s.Table, dlq)
	return s
}

// newStack is the stack itself, with its description and tags.
func newStack(scope constructs.Construct, p *Props) *Stack {
	st := awscdk.NewStack(scope, jsii.String("Netzwerk-"+p.Stage), &awscdk.StackProps{
		Env:         p.env(),
		Description: jsii.String("Integration office network backend: needs surveys, meeting registrations, coordinator exports (" + p.Stage + ")"),
	})
	awscdk.Tags_Of(st).Add(jsii.String("project"), jsii.String("netzwerk-backend"), nil)
	awscdk.Tags_Of(st).Add(jsii.String("stage"), jsii.String(p.Stage), nil)
	return &Stack{Stack: st, Functions: map[routes.Function]awslambda.Function{}}
}

// table is the one DynamoDB table (docs/storage.md) with its index gsi1.
func table(st awscdk.Stack) awsdynamodb.Table {
	t := awsdynamodb.NewTable(st, jsii.String("Table"), &awsdynamodb.TableProps{
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
	t.AddGlobalSecondaryIndex(&awsdynamodb.GlobalSecondaryIndexProps{
		IndexName:      jsii.String(dynamo.IndexGSI1),
		PartitionKey:   &awsdynamodb.Attribute{Name: jsii.String(dynamo.AttrGSI1PK), Type: awsdynamodb.AttributeType_STRING},
		SortKey:        &awsdynamodb.Attribute{Name: jsii.String(dynamo.AttrGSI1SK), Type: awsdynamodb.AttributeType_STRING},
		ProjectionType: awsdynamodb.ProjectionType_ALL,
	})
	return t
}

// linkSecret is the key of the personal links: 64 random characters
// (letters and digits), generated at deploy. The functions read it as
// LINK_SECRET_ARN; shared/app's linkSecretFromEnv says what the secret
// may hold.
func linkSecret(st awscdk.Stack) awssecretsmanager.Secret {
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
	return secret
}

// environment is every variable a function may read, by name; each
// function gets those its spec lists (routes.Specs).
func environment(p *Props, table awsdynamodb.Table, secret, originVerify awssecretsmanager.Secret, mail mailIdentity) map[string]*string {
	return map[string]*string{
		routes.EnvTable:         table.TableName(),
		routes.EnvLinkSecretARN: secret.SecretArn(),
		routes.EnvPublicBaseURL: jsii.String(strings.TrimRight(p.PublicBaseURL, "/")),
		routes.EnvMailFrom:      jsii.String(p.Sender),
		routes.EnvMailFromName:  jsii.String("Integration"),
		routes.EnvMailReplyTo:   jsii.String(p.ReplyTo),
		routes.EnvSESConfigSet:  mail.configSet.ConfigurationSetName(),
		// The console's sign-in: set on the admin function by
		// coordinatorLogin, once the user pool, its domain and its app
		// client exist.
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
		// for an office whose profile has no privacy notice.
		routes.EnvRequirePrivacyNotice: jsii.String("1"),
		// Free texts into German (translateAnswers; the role: function).
		routes.EnvTranslateAnswers: jsii.String(onOff(p.TranslateAnswers)),
		// Every HTTP function compares it with what CloudFront sends (cdn.go).
		routes.EnvOriginVerify: originVerify.SecretValue().UnsafeUnwrap(),
	}
}

// functions are the Lambda functions, one per directory of functions/,
// each as the table of functions (routes.Specs) says: size, environment,
// role.
func (s *Stack) functions(st awscdk.Stack, p *Props, env map[string]*string, secret awssecretsmanager.Secret, sesResources *[]*string, logDays awslogs.RetentionDays) {
	for _, name := range routes.All() {
		spec, ok := routes.Specs[name]
		if !ok {
			panic(fmt.Sprintf("function %s is not in routes.Specs", name))
		}
		s.Functions[name] = s.function(st, name, spec, env, secret, sesResources, logDays, p)
	}
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
	if name == routes.Admin && p.TranslateAnswers {
		// TranslateText has no resource to name (but terminologies,
		// which are not used).
		allow([]string{"translate:TranslateText"}, &[]*string{jsii.String("*")})
		cdknag.NagSuppressions_AddResourceSuppressions(role, &[]*cdknag.NagPackSuppression{{
			Id:        jsii.String("AwsSolutions-IAM5"),
			Reason:    jsii.String("translate:TranslateText supports no resource-level permissions; granted only with translateAnswers on."),
			AppliesTo: &[]any{jsii.String("Resource::*")},
		}}, jsii.Bool(true))
	}
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

// onOff is a switch's environment value.
func onOff(on bool) string {
	if on {
		return "1"
	}
	return "0"
}

// mailSendRate is MAIL_SEND_RATE for a mailSendRate setting: empty (the
// account's rate) when 0.
func mailSendRate(r float64) string {
	if r <= 0 {
		return ""
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
