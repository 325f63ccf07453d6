package stack

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// alarms are the stack's CloudWatch alarms, all to one topic (mailed to
// the alarm address when there is one): the functions' errors and
// throttles, the API's 5xx, the mail that failed or stuck, SES's
// reputation and the table's throttles.
func (s *Stack) alarms(st awscdk.Stack, p *Props, dlq awssqs.Queue) {
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
	for _, name := range routes.All() {
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
	mailer := s.Functions[routes.Mailer]
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
}

// outputs are the stack's outputs: what a deploy prints for the next
// steps (README, Deploy).
func outputs(st awscdk.Stack, stage awsapigatewayv2.HttpStage, l login, table awsdynamodb.Table, dlq awssqs.Queue) {
	out := func(id string, v *string, desc string) {
		awscdk.NewCfnOutput(st, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(desc)})
	}
	out("ApiUrl", stage.Url(), "Base URL of the HTTP API")
	out("UserPoolId", l.pool.UserPoolId(), "Cognito user pool of the coordinators")
	out("UserPoolClientId", l.client.UserPoolClientId(), "App client for the coordinators' sign-in")
	out("TableName", table.TableName(), "DynamoDB table")
	out("DeadLetterQueueUrl", dlq.QueueUrl(), "Mails that failed for good")
}
