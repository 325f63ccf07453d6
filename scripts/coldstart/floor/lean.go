//go:build lean

package main

import (
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// client is the DynamoDB client of a configuration made from Lambda's
// environment alone, as shared/app makes it.
func client() *dynamodb.Client {
	cfg := aws.Config{Region: os.Getenv("AWS_REGION"), Credentials: credentials.NewStaticCredentialsProvider(
		os.Getenv("AWS_ACCESS_KEY_ID"), os.Getenv("AWS_SECRET_ACCESS_KEY"), os.Getenv("AWS_SESSION_TOKEN"))}
	if e := os.Getenv("AWS_ENDPOINT_URL_DYNAMODB"); e != "" {
		cfg.BaseEndpoint = aws.String(e)
	}
	return dynamodb.NewFromConfig(cfg)
}
