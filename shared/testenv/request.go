package testenv

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
)

// Request is an HTTP API request as API Gateway hands it to a function.
type Request struct {
	Method, Path string
	Params       map[string]string
	Query        string
	Body         string
	ContentType  string // application/json when there is a body
	Claims       map[string]string
	Headers      map[string]string
	Cookies      []string
	// Base64: the body goes base64-encoded, as API Gateway sends a binary
	// one (an uploaded workbook).
	Base64 bool
}

// Do calls h with r and fails the test on a handler error.
func Do(t testing.TB, h app.Handler, r Request) events.APIGatewayV2HTTPResponse {
	t.Helper()
	raw := r.Path // as API Gateway sends it: the route's parameters filled in
	for k, v := range r.Params {
		raw = strings.Replace(raw, "{"+k+"}", v, 1)
	}
	ev := events.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: r.Method + " " + r.Path, RawPath: raw,
		RawQueryString: r.Query, PathParameters: r.Params, Body: r.Body, Headers: map[string]string{}}
	ev.RequestContext.HTTP.SourceIP = "127.0.0.2"
	if r.ContentType != "" {
		ev.Headers["content-type"] = r.ContentType
	} else if r.Body != "" {
		ev.Headers["content-type"] = "application/json"
	}
	for k, v := range r.Headers {
		ev.Headers[k] = v
	}
	if r.Claims != nil {
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: r.Claims}}
	}
	ev.Cookies = r.Cookies
	if r.Base64 {
		ev.Body, ev.IsBase64Encoded = base64.StdEncoding.EncodeToString([]byte(r.Body)), true
	}
	ev.RequestContext.HTTP.Method = r.Method
	resp, err := h(context.Background(), ev)
	if err != nil {
		t.Fatalf("handler error: %v", err)
	}
	return resp
}

// Do calls h with r (Do, for tests that hold an Env).
func (e *Env) Do(t testing.TB, h app.Handler, r Request) events.APIGatewayV2HTTPResponse {
	t.Helper()
	return Do(t, h, r)
}

// Claims are a coordinator's of office as API Gateway's JWT authorizer
// passes them from a Cognito token.
func Claims(office string) map[string]string {
	return map[string]string{"sub": "user-" + office, "cognito:groups": "[coordinators]", "custom:office": office,
		"iss": "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_x", "token_use": "id"}
}

// ParamsFor fills a route's path parameters with the demo ids.
func ParamsFor(r routes.Route) map[string]string {
	p := map[string]string{}
	if strings.Contains(r.Path, "{surveyId}") {
		p["surveyId"] = seed.SurveyID
	}
	if strings.Contains(r.Path, "{meetingId}") {
		p["meetingId"] = seed.MeetingID
	}
	if strings.Contains(r.Path, "{organisationId}") {
		p["organisationId"] = OrganisationID
	}
	return p
}

// OrganisationID and OtherOrganisationID are ids of records of the
// register that route-walking tests make (PutOrganisations) and fill in.
const (
	OrganisationID      = "01testorganisation00000001"
	OtherOrganisationID = "01testorganisation00000002"
)
