package stack

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsses"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// mailIdentity is SES's sender identity (the sender's domain when there
// is one, else its address) and the configuration set the mailer sends
// through.
type mailIdentity struct {
	name      string // the identity's domain or address, as in its ARN
	configSet awsses.ConfigurationSet
}

func newMailIdentity(st awscdk.Stack, p *Props) mailIdentity {
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
	return mailIdentity{name: identityName, configSet: configSet}
}

// resources are the ARNs the SES actions of a function's spec are
// allowed on: the identity and the configuration set.
func (m mailIdentity) resources(st awscdk.Stack) *[]*string {
	region, account := st.Region(), st.Account()
	return &[]*string{
		jsii.String(fmt.Sprintf("arn:%s:ses:%s:%s:identity/%s", "aws", *region, *account, m.name)),
		awscdk.Fn_Join(jsii.String(""), &[]*string{jsii.String("arn:aws:ses:"), region, jsii.String(":"), account, jsii.String(":configuration-set/"), m.configSet.ConfigurationSetName()}),
	}
}

// mailerStream makes the table's stream (outbox inserts only) trigger the
// mailer, with a dead-letter queue for batches that fail for good, which
// it returns.
func (s *Stack) mailerStream(st awscdk.Stack) awssqs.Queue {
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
	s.Functions[routes.Mailer].AddEventSource(awslambdaeventsources.NewDynamoEventSource(s.Table, &awslambdaeventsources.DynamoEventSourceProps{
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
	return dlq
}

// mailerSchedules are the mailer's two EventBridge rules, each with its
// own one-record event; the function's resource policy allows each rule
// only.
func (s *Stack) mailerSchedules(st awscdk.Stack) {
	mailer := s.Functions[routes.Mailer]
	// The sweep: every five minutes the mailer takes up the outbox mails
	// the stream left behind (stuck for 15 minutes, or held back until
	// now).
	awsevents.NewRule(st, jsii.String("MailerSweep"), &awsevents.RuleProps{
		Description: jsii.String("The mailer sweeps up stuck and held outbox mails"),
		Schedule:    awsevents.Schedule_Rate(awscdk.Duration_Minutes(jsii.Number(5))),
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(mailer, &awseventstargets.LambdaFunctionProps{
			Event: awsevents.RuleTargetInput_FromObject(map[string]any{"Records": []any{map[string]any{"eventSource": outbox.SweepSource}}}),
		})},
	})
	// The planned reminders (remindAfterDays): every hour the mailer
	// queues those that are due, each once; the stream brings their mails
	// back to it.
	awsevents.NewRule(st, jsii.String("MailerReminders"), &awsevents.RuleProps{
		Description: jsii.String("The mailer queues the planned reminders that are due"),
		Schedule:    awsevents.Schedule_Rate(awscdk.Duration_Hours(jsii.Number(1))),
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(mailer, &awseventstargets.LambdaFunctionProps{
			Event: awsevents.RuleTargetInput_FromObject(map[string]any{"Records": []any{map[string]any{"eventSource": outbox.RemindSource}}}),
		})},
	})
}

// allowMailerAccountActions acknowledges the mailer role's two actions on
// every resource: Lambda's stream poller lists streams, and the mailer
// reads the account's send rate, actions without resource-level
// permissions.
func allowMailerAccountActions(st awscdk.Stack) {
	cdknag.NagSuppressions_AddResourceSuppressionsByPath(st, jsii.String("/"+*st.Node().Path()+"/MailerRole/DefaultPolicy/Resource"),
		&[]*cdknag.NagPackSuppression{{
			Id:        jsii.String("AwsSolutions-IAM5"),
			Reason:    jsii.String("dynamodb:ListStreams (the event source mapping finds the table's stream with it) and ses:GetAccount (the mailer reads the account's send rate) support no resource-level permissions."),
			AppliesTo: &[]any{jsii.String("Resource::*")},
		}}, jsii.Bool(false))
}

// sesFeedback is the topic the configuration set publishes bounces and
// complaints to, which the feedback function reads.
func (s *Stack) sesFeedback(st awscdk.Stack, mail mailIdentity) {
	feedbackTopic := awssns.NewTopic(st, jsii.String("SesFeedback"), &awssns.TopicProps{EnforceSSL: jsii.Bool(true)})
	cdknag.NagSuppressions_AddResourceSuppressions(feedbackTopic, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-SNS2"),
		Reason: jsii.String("SES publishes to this topic, and SES cannot use the AWS-managed SNS key; the events (addresses that bounced or complained) pass through in transit only (TLS enforced) and rest in the table as keyed hashes."),
	}}, jsii.Bool(false))
	mail.configSet.AddEventDestination(jsii.String("Feedback"), &awsses.ConfigurationSetEventDestinationOptions{
		Destination: awsses.EventDestination_SnsTopic(feedbackTopic),
		Events:      &[]awsses.EmailSendingEvent{awsses.EmailSendingEvent_BOUNCE, awsses.EmailSendingEvent_COMPLAINT},
	})
	feedbackTopic.AddSubscription(awssnssubscriptions.NewLambdaSubscription(s.Functions[routes.Feedback], nil))
}
