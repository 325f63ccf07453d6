package testenv

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// AnswerBody is a valid answer to the demo survey, as the JSON route
// takes it.
const AnswerBody = `{"language":"de","answers":{"org_name":"Deutsch-Türkischer Kulturverein e.V.","fields_of_activity":["culture","youth"],"members":"20-49"},"consent":{"privacy":true,"publishProfile":false}}`

// RegistrationBody is a valid registration of name and email, as the
// JSON route takes it.
func RegistrationBody(name, email string) string {
	b, _ := json.Marshal(map[string]any{
		"name": name, "email": email, "organisation": "Verein " + name, "role": "Mitglied", "language": "de",
		"needs":   map[string]string{"accessibility": "Rollstuhl", "interpretation": "ar", "dietary": "halal"},
		"consent": map[string]bool{"privacy": true, "photos": false},
	})
	return string(b)
}

// ErrorBody is the JSON routes' error answer.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Fields  []struct {
			Field, Code, Message string
		} `json:"fields"`
	} `json:"error"`
}

// From is a JSON POST of body to route by the client at ip.
func From(ip, route, param, value, body, lang string) events.APIGatewayV2HTTPRequest {
	return events.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: "POST " + route, RawPath: strings.Replace(route, "{"+param+"}", value, 1),
		Body: body, Headers: map[string]string{"content-type": "application/json", "accept-language": lang},
		PathParameters: map[string]string{param: value},
		RequestContext: events.APIGatewayV2HTTPRequestContext{RequestID: "test",
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: "POST", SourceIP: ip}}}
}

// Page sends a page request as API Gateway would; a form is posted from
// the same origin.
func Page(t testing.TB, h app.Handler, method, route, path string, params map[string]string, query string, form url.Values, headers map[string]string) events.APIGatewayV2HTTPResponse {
	t.Helper()
	ev := events.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: method + " " + route, RawPath: path, RawQueryString: query,
		PathParameters: params, Headers: map[string]string{"host": "127.0.0.1:8080"}}
	if form != nil {
		ev.Body = form.Encode()
		ev.Headers["content-type"] = "application/x-www-form-urlencoded"
		ev.Headers["origin"] = "http://127.0.0.1:8080"
		ev.Headers["sec-fetch-site"] = "same-origin"
	}
	for k, v := range headers {
		ev.Headers[k] = v
	}
	resp, err := h(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// Stamp is a form stamp of path rendered long enough ago for a person.
func Stamp(path string) string {
	return web.Stamp(Tokens(), path, time.Now().Add(-10*time.Second))
}

// ReadCSV parses an export (a BOM before it is dropped).
func ReadCSV(t testing.TB, body string, comma rune) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	r.Comma = comma
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v\n%s", err, body)
	}
	return rows
}

// Column is the index of the column headed name (-1: none).
func Column(rows [][]string, name string) int {
	for i, h := range rows[0] {
		if h == name {
			return i
		}
	}
	return -1
}

// StampInput finds a rendered form's stamp (its value is the first
// submatch, HTML-escaped).
var StampInput = regexp.MustCompile(`name="` + regexp.QuoteMeta(web.StampField) + `" value="([^"]+)"`)
