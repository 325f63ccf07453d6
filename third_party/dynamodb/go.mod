module github.com/aws/aws-sdk-go-v2/service/dynamodb

go 1.24

require (
	github.com/aws/aws-sdk-go-v2 v1.47.6
	github.com/aws/aws-sdk-go-v2/internal/configsources v1.5.9
	github.com/aws/aws-sdk-go-v2/internal/endpoints/v2 v2.8.9
	github.com/aws/aws-sdk-go-v2/service/internal/accept-encoding v1.13.24
	github.com/aws/aws-sdk-go-v2/service/internal/endpoint-discovery v1.13.9
	github.com/aws/smithy-go v1.28.8
)
