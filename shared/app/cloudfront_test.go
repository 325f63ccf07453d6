package app

import (
	"context"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// TestViaCloudFront: a request with the distribution's secret gets the
// visitor's address from CloudFront-Viewer-Address; without it, or with
// another secret, it keeps API Gateway's; the secret never reaches the
// handler.
func TestViaCloudFront(t *testing.T) {
	var got events.APIGatewayV2HTTPRequest
	h := viaCloudFront(func(_ context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		got = req
		return events.APIGatewayV2HTTPResponse{StatusCode: 200}, nil
	}, "s3cret-of-the-distribution")
	for _, c := range []struct {
		name    string
		headers map[string]string
		want    string
	}{
		{"through CloudFront", map[string]string{OriginHeader: "s3cret-of-the-distribution", "cloudfront-viewer-address": "198.51.100.10:46532"}, "198.51.100.10"},
		{"IPv6", map[string]string{OriginHeader: "s3cret-of-the-distribution", "cloudfront-viewer-address": "2001:db8::8a2e:370:7334:46532"}, "2001:db8::8a2e:370:7334"},
		{"direct call claiming an address", map[string]string{"cloudfront-viewer-address": "198.51.100.10:46532"}, "203.0.113.9"},
		{"wrong secret", map[string]string{OriginHeader: "guess", "cloudfront-viewer-address": "198.51.100.10:46532"}, "203.0.113.9"},
		{"no viewer address", map[string]string{OriginHeader: "s3cret-of-the-distribution"}, "203.0.113.9"},
		{"garbage address", map[string]string{OriginHeader: "s3cret-of-the-distribution", "cloudfront-viewer-address": "x:1"}, "203.0.113.9"},
	} {
		req := events.APIGatewayV2HTTPRequest{Headers: c.headers}
		req.RequestContext.HTTP.SourceIP = "203.0.113.9"
		if _, err := h(context.Background(), req); err != nil {
			t.Fatal(err)
		}
		if got.RequestContext.HTTP.SourceIP != c.want {
			t.Errorf("%s: sourceIp %q, want %q", c.name, got.RequestContext.HTTP.SourceIP, c.want)
		}
		if _, ok := got.Headers[OriginHeader]; ok {
			t.Errorf("%s: the secret reached the handler", c.name)
		}
	}
	if viaCloudFront(nil, "x") != nil {
		t.Error("a nil handler wrapped")
	}
}
