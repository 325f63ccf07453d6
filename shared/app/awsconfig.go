package app

import (
	"context"
	"errors"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// AWSConfig is the SDK configuration of a function, built from what Lambda
// puts in every function's environment: AWS_REGION and the execution role's
// credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN),
// which stay valid for the life of the execution environment. Its HTTP
// client verifies AWS's servers against Amazon's roots before the
// system's (awstls.go), and trusts AWS_CA_BUNDLE's too. Service
// endpoints may be overridden by AWS_ENDPOINT_URL_<SERVICE> or
// AWS_ENDPOINT_URL, as the SDK documents, which is how the local stack
// points the clients at its stand-ins.
//
// It does not use the SDK's config package on purpose: that package links
// the whole credential chain (shared files, SSO, STS, IMDS, processes),
// none of which a Lambda function uses, and costs ~3 MB of every bootstrap
// and ~2 ms of every cold start (README, "Measured").
func AWSConfig(context.Context) (aws.Config, error) {
	region := os.Getenv("AWS_REGION")
	if region == "" {
		region = os.Getenv("AWS_DEFAULT_REGION")
	}
	key, secret := os.Getenv("AWS_ACCESS_KEY_ID"), os.Getenv("AWS_SECRET_ACCESS_KEY")
	if region == "" || key == "" || secret == "" {
		return aws.Config{}, errors.New("config: AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set (Lambda sets them)")
	}
	verify, err := newAWSTLS(os.Getenv)
	if err != nil {
		return aws.Config{}, err
	}
	return aws.Config{
		Region:        region,
		Credentials:   credentials.NewStaticCredentialsProvider(key, secret, os.Getenv("AWS_SESSION_TOKEN")),
		ConfigSources: []any{envEndpoints{}},
		HTTPClient:    verify.httpClient(), // Amazon's roots first (awstls.go)
	}, nil
}

// envEndpoints gives each service client its endpoint from
// AWS_ENDPOINT_URL_<SERVICE> (the SDK id in upper case, spaces as
// underscores: DYNAMODB, DYNAMODB_STREAMS, SESV2) or AWS_ENDPOINT_URL.
type envEndpoints struct{}

// GetServiceBaseEndpoint is the method the service clients look for.
func (envEndpoints) GetServiceBaseEndpoint(_ context.Context, sdkID string) (string, bool, error) {
	name := "AWS_ENDPOINT_URL_" + strings.ToUpper(strings.ReplaceAll(sdkID, " ", "_"))
	if v := os.Getenv(name); v != "" {
		return v, true, nil
	}
	if v := os.Getenv("AWS_ENDPOINT_URL"); v != "" {
		return v, true, nil
	}
	return "", false, nil
}
