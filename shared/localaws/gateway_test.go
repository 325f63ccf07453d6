package localaws_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/auth/devtoken"
	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		method, path string
		key          string
		params       map[string]string
	}{
		{"GET", "/surveys/abc", "GET /surveys/{surveyId}", map[string]string{"surveyId": "abc"}},
		{"POST", "/surveys/abc/responses", "POST /surveys/{surveyId}/responses", map[string]string{"surveyId": "abc"}},
		{"POST", "/surveys/abc", "", nil},
		{"GET", "/surveys/", "", nil},
		{"GET", "/surveys/abc/responses/x", "", nil},
		{"GET", "/nothing", "", nil},
	}
	for _, tt := range tests {
		r, params, ok := localaws.Match(tt.method, tt.path)
		if tt.key == "" {
			if ok {
				t.Errorf("%s %s matched %s", tt.method, tt.path, r.Key())
			}
			continue
		}
		if !ok || r.Key() != tt.key || params["surveyId"] != tt.params["surveyId"] {
			t.Errorf("%s %s: got %v %v %v", tt.method, tt.path, ok, r.Key(), params)
		}
	}
	// Every route of the table is reachable through the dev server.
	for _, r := range routes.Table {
		path := strings.NewReplacer("{", "", "}", "").Replace(r.Path)
		got, _, ok := localaws.Match(r.Method, path)
		if !ok || got.Key() != r.Key() {
			t.Errorf("route %s not matched by its own path", r.Key())
		}
	}
}

// TestEventLikeAPIGateway checks the payload 2.0 shape the handlers get.
func TestEventLikeAPIGateway(t *testing.T) {
	req := httptest.NewRequest("POST", "http://127.0.0.1:8080/surveys/s1/responses?lang=en&x=1&x=2", strings.NewReader(`{"a":"ü"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", "k1")
	req.Header.Add("X-Multi", "a")
	req.Header.Add("X-Multi", "b")
	req.AddCookie(&http.Cookie{Name: "c", Value: "1"})
	r, params, _ := localaws.Match("POST", "/surveys/s1/responses")
	ev := localaws.Event(req, r, params, []byte(`{"a":"ü"}`), "req-1")
	checks := map[string][2]string{
		"version":      {ev.Version, "2.0"},
		"routeKey":     {ev.RouteKey, "POST /surveys/{surveyId}/responses"},
		"rawPath":      {ev.RawPath, "/surveys/s1/responses"},
		"rawQuery":     {ev.RawQueryString, "lang=en&x=1&x=2"},
		"query x":      {ev.QueryStringParameters["x"], "1,2"},
		"header ct":    {ev.Headers["content-type"], "application/json"},
		"header idem":  {ev.Headers["idempotency-key"], "k1"},
		"header multi": {ev.Headers["x-multi"], "a,b"},
		"path param":   {ev.PathParameters["surveyId"], "s1"},
		"method":       {ev.RequestContext.HTTP.Method, "POST"},
		"ctx route":    {ev.RequestContext.RouteKey, ev.RouteKey},
		"request id":   {ev.RequestContext.RequestID, "req-1"},
		"stage":        {ev.RequestContext.Stage, "$default"},
		"body":         {ev.Body, `{"a":"ü"}`},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	if len(ev.Cookies) != 1 || ev.Cookies[0] != "c=1" || ev.Headers["cookie"] != "" {
		t.Errorf("cookies: %v, header %q", ev.Cookies, ev.Headers["cookie"])
	}
	if ev.IsBase64Encoded {
		t.Error("a JSON body must be passed as text")
	}
	bin := localaws.Event(httptest.NewRequest("POST", "/x", nil), r, params, []byte{0xff, 0x00}, "req-2")
	if !bin.IsBase64Encoded || bin.Body != base64.StdEncoding.EncodeToString([]byte{0xff, 0x00}) {
		t.Errorf("binary body: %+v", bin)
	}
}

func TestServesTheAPIOverHTTP(t *testing.T) {
	db, table := testenv.Table(t)
	if err := seed.Load(context.Background(), dynamo.New(db, table), time.Now()); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	handlers, err := localaws.Handlers(app.Deps{Log: log, DB: db, Now: time.Now,
		Config: app.Config{Table: table, LinkSecret: make([]byte, 32)}})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := localaws.NewGateway(handlers, log)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, ln) }()
	defer func() { cancel(); <-done }()
	base := "http://" + ln.Addr().String()

	resp, err := http.Get(base + "/surveys/demo-needs-survey?lang=en")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Language") != "en" || !strings.Contains(string(b), "Name of the organisation") {
		t.Fatalf("GET: %d %s", resp.StatusCode, b)
	}
	body := `{"answers":{"org_name":"Українська громада","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`
	resp, err = http.Post(base+"/surveys/demo-needs-survey/responses", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var receipt struct{ ResponseID string }
	_ = json.NewDecoder(resp.Body).Decode(&receipt)
	resp.Body.Close()
	if resp.StatusCode != 201 || receipt.ResponseID == "" {
		t.Fatalf("POST: %d", resp.StatusCode)
	}
	resp, _ = http.Get(base + "/no/such/route")
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Fatalf("unknown route: %d", resp.StatusCode)
	}
}

func TestRequiresEveryFunction(t *testing.T) {
	if _, err := localaws.NewGateway(map[routes.Function]app.Handler{}, slog.Default()); err == nil {
		t.Fatal("want error for missing handlers")
	}
}

// TestAdminRoutesVerifyTokens: the dev server checks bearer tokens as API
// Gateway's JWT authorizer does and passes the claims on.
func TestAdminRoutesVerifyTokens(t *testing.T) {
	db, table := testenv.Table(t)
	if err := seed.Load(context.Background(), dynamo.New(db, table), time.Now()); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	handlers, err := localaws.Handlers(app.Deps{Log: log, DB: db, Now: time.Now,
		Config: app.Config{Table: table, LinkSecret: make([]byte, 32)}})
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := localaws.NewGateway(handlers, log)
	key, err := devtoken.Key(filepath.Join(t.TempDir(), "key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	srv.Verifier = &devtoken.Verifier{Key: &key.PublicKey, Issuer: devtoken.Issuer, Audience: devtoken.Audience}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	good, _ := devtoken.Mint(key, "demo", time.Hour, time.Now())
	expired, _ := devtoken.Mint(key, "demo", time.Minute, time.Now().Add(-time.Hour))
	for _, tt := range []struct {
		bearer string
		status int
	}{{"", 401}, {"Bearer nonsense", 401}, {"Bearer " + expired, 401}, {"Bearer " + good, 200}} {
		req, _ := http.NewRequest("GET", ts.URL+"/admin/surveys", nil)
		if tt.bearer != "" {
			req.Header.Set("Authorization", tt.bearer)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%.20q: %d, want %d: %s", tt.bearer, resp.StatusCode, tt.status, b)
		}
		if tt.status == 200 && !strings.Contains(string(b), seed.SurveyID) {
			t.Errorf("list without the demo survey: %s", b)
		}
	}
}
