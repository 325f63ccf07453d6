// Command infra is the CDK app: `cdk synth` / `cdk deploy` run it (see
// cdk.json). Settings come from the CDK context (cdk.json or -c key=value).
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/integration-offices/netzwerk-backend/infra/stack"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	props, err := stack.PropsFromContext(app)
	if err != nil {
		panic(err)
	}
	// cdk-nag's AWS Solutions checks: findings print at synth; the infra
	// tests fail on any that is not acknowledged with a reason.
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
	stack.New(app, props)
	app.Synth(nil)
}
