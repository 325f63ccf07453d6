package stack

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2authorizers"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// login is the coordinators' sign-in: the user pool, the console's app
// client and the admin API's authorizer.
type login struct {
	pool       awscognito.UserPool
	client     awscognito.UserPoolClient
	authorizer awsapigatewayv2authorizers.HttpUserPoolAuthorizer
}

// coordinatorLogin makes the Cognito user pool of the coordinators (one
// office each), its app client and managed login, gives the admin
// function the console's sign-in settings and returns the authorizer of
// the admin API.
func (s *Stack) coordinatorLogin(st awscdk.Stack, p *Props) login {
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
	return login{pool: pool, client: client, authorizer: authorizer}
}
