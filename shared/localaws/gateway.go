package localaws

// The local API Gateway: it serves the API the way API Gateway HTTP API
// does in AWS. It matches each request against the route table, turns it
// into a payload 2.0 event and calls the same handler the function's Lambda
// runs.

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/adminfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/directoryfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/meetingfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/surveyfn"
	"github.com/integration-offices/netzwerk-backend/shared/auth/devtoken"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// maxPayload is API Gateway's own request limit; the handlers enforce the
// API's smaller one.
const maxPayload = 10 << 20

// Gateway dispatches HTTP requests to function handlers by the route table.
type Gateway struct {
	handlers map[routes.Function]app.Handler
	log      *slog.Logger
	seq      atomic.Int64
	// Verifier checks the bearer token of admin routes, as the HTTP API's
	// JWT authorizer does in AWS. Without one, admin routes get no claims
	// (and the handlers refuse them).
	Verifier *devtoken.Verifier
	// Extra serves the paths it has a pattern for before the route table
	// (the dev server's stand-in for Cognito's managed login).
	Extra *http.ServeMux
}

// NewGateway returns a gateway. Every function of the route table must
// have a handler.
func NewGateway(handlers map[routes.Function]app.Handler, log *slog.Logger) (*Gateway, error) {
	for _, f := range routes.Functions() {
		if handlers[f] == nil {
			return nil, fmt.Errorf("localaws: no handler for function %s", f)
		}
	}
	return &Gateway{handlers: handlers, log: log}, nil
}

// Match finds the route for method and path, with its path parameters.
func Match(method, path string) (routes.Route, map[string]string, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for _, r := range routes.Table {
		if r.Method != method {
			continue
		}
		rsegs := strings.Split(strings.Trim(r.Path, "/"), "/")
		if len(rsegs) != len(segs) {
			continue
		}
		params := map[string]string{}
		ok := true
		for i, rs := range rsegs {
			if strings.HasPrefix(rs, "{") && strings.HasSuffix(rs, "}") {
				if segs[i] == "" {
					ok = false
					break
				}
				params[rs[1:len(rs)-1]] = segs[i]
			} else if rs != segs[i] {
				ok = false
				break
			}
		}
		if ok {
			return r, params, true
		}
	}
	return routes.Route{}, nil, false
}

// ServeHTTP implements http.Handler.
func (s *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.Extra != nil {
		if h, pattern := s.Extra.Handler(r); pattern != "" {
			h.ServeHTTP(w, r)
			return
		}
	}
	route, params, ok := Match(r.Method, r.URL.EscapedPath())
	if !ok {
		writeJSON(w, http.StatusNotFound, `{"error":{"code":"not_found","message":"Not Found"}}`)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxPayload+1))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, `{"error":{"code":"bad_request","message":"Bad Request"}}`)
		return
	}
	if len(body) > maxPayload {
		writeJSON(w, http.StatusRequestEntityTooLarge, `{"message":"Request Entity Too Large"}`)
		return
	}
	reqID := fmt.Sprintf("local-%d-%d", time.Now().UnixMilli(), s.seq.Add(1))
	ev := Event(r, route, params, body, reqID)
	if route.Admin && s.Verifier != nil {
		claims, err := s.Verifier.Verify(r.Header.Get("Authorization"), time.Now())
		if err != nil {
			writeJSON(w, http.StatusUnauthorized, `{"error":{"code":"unauthorized","message":"Unauthorized"}}`)
			return
		}
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims},
		}
	}
	ctx := lambdacontext.NewContext(r.Context(), &lambdacontext.LambdaContext{AwsRequestID: reqID})
	resp, err := s.handlers[route.Function](ctx, ev)
	if err != nil {
		// A handler error is a 500 "Internal Server Error" in API Gateway.
		s.log.ErrorContext(ctx, "handler returned error", "route", route.Key(), "error", err)
		writeJSON(w, http.StatusInternalServerError, `{"message":"Internal Server Error"}`)
		return
	}
	WriteResponse(w, resp)
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// Event builds the payload 2.0 event API Gateway would send for r.
func Event(r *http.Request, route routes.Route, params map[string]string, body []byte, reqID string) events.APIGatewayV2HTTPRequest {
	headers := map[string]string{}
	for k, v := range r.Header {
		if strings.EqualFold(k, "Cookie") {
			continue
		}
		headers[strings.ToLower(k)] = strings.Join(v, ",")
	}
	if r.Host != "" {
		headers["host"] = r.Host
	}
	if r.ContentLength > 0 {
		headers["content-length"] = strconv.FormatInt(r.ContentLength, 10)
	}
	var query map[string]string
	if q := r.URL.Query(); len(q) > 0 {
		query = map[string]string{}
		for k, v := range q {
			query[k] = strings.Join(v, ",")
		}
	}
	var cookies []string
	for _, c := range r.Cookies() {
		cookies = append(cookies, c.Name+"="+c.Value)
	}
	ip, _, _ := net.SplitHostPort(r.RemoteAddr)
	now := time.Now()
	ev := events.APIGatewayV2HTTPRequest{
		Version:               "2.0",
		RouteKey:              route.Key(),
		RawPath:               r.URL.EscapedPath(),
		RawQueryString:        r.URL.RawQuery,
		Cookies:               cookies,
		Headers:               headers,
		QueryStringParameters: query,
		PathParameters:        params,
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			RouteKey:     route.Key(),
			AccountID:    "000000000000",
			Stage:        "$default",
			RequestID:    reqID,
			APIID:        "local",
			DomainName:   r.Host,
			DomainPrefix: strings.Split(r.Host, ".")[0],
			Time:         now.UTC().Format("02/Jan/2006:15:04:05 -0700"),
			TimeEpoch:    now.UnixMilli(),
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{
				Method:    r.Method,
				Path:      r.URL.EscapedPath(),
				Protocol:  r.Proto,
				SourceIP:  ip,
				UserAgent: r.UserAgent(),
			},
		},
	}
	if len(body) > 0 {
		if isText(headers["content-type"]) && utf8.Valid(body) {
			ev.Body = string(body)
		} else {
			ev.Body = base64.StdEncoding.EncodeToString(body)
			ev.IsBase64Encoded = true
		}
	}
	return ev
}

// isText mirrors which bodies API Gateway passes through as text.
func isText(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return strings.HasPrefix(mt, "text/") || mt == "application/json" || strings.HasSuffix(mt, "+json") ||
		mt == "application/xml" || mt == "application/x-www-form-urlencoded" || mt == "application/javascript"
}

// WriteResponse writes a proxy response as API Gateway would.
func WriteResponse(w http.ResponseWriter, resp events.APIGatewayV2HTTPResponse) {
	h := w.Header()
	for k, v := range resp.Headers {
		h.Set(k, v)
	}
	for k, vs := range resp.MultiValueHeaders {
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	for _, c := range resp.Cookies {
		h.Add("Set-Cookie", c)
	}
	body := []byte(resp.Body)
	if resp.IsBase64Encoded {
		if b, err := base64.StdEncoding.DecodeString(resp.Body); err == nil {
			body = b
		}
	}
	status := resp.StatusCode
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// Run serves on addr until ctx ends.
func (s *Gateway) Run(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}

// builders names the builder of every HTTP function of the route table:
// the same ones the functions' mains call.
var builders = map[routes.Function]func(app.Deps) (app.Handler, error){
	routes.Survey:    surveyfn.New,
	routes.Meeting:   meetingfn.New,
	routes.Admin:     adminfn.New,
	routes.Directory: directoryfn.New,
}

// Handlers builds the handler of every HTTP function of the route table.
func Handlers(d app.Deps) (map[routes.Function]app.Handler, error) {
	out := map[routes.Function]app.Handler{}
	for _, f := range routes.Functions() {
		b, ok := builders[f]
		if !ok {
			return nil, fmt.Errorf("localaws: no builder for function %s", f)
		}
		h, err := b(d)
		if err != nil {
			return nil, fmt.Errorf("function %s: %w", f, err)
		}
		out[f] = h
	}
	return out, nil
}
