package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// pageEvent is a browser's GET of a page through API Gateway.
func pageEvent(t *testing.T, path string) events.APIGatewayV2HTTPRequest {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "https://netzwerk.example"+path, nil)
	r.RemoteAddr = "127.0.0.7:50000"
	r.Header.Set("Accept", "text/html")
	r.Header.Set("Accept-Language", "de")
	route, params, ok := localaws.Match(http.MethodGet, path)
	if !ok {
		t.Fatalf("no route for %s", path)
	}
	return localaws.Event(r, route, params, nil, "frame-test")
}

// TestColdPagesReadTheOfficeWithTheirDefinition: a page of a survey or
// a meeting shows its office. The first page after the office's profile
// was saved reads it and copies it into the definition's item (a
// frame); a page of a function started after that (a cold start) reads
// both in one GetItem, and a saved profile shows on the next cold page.
func TestColdPagesReadTheOfficeWithTheirDefinition(t *testing.T) {
	env := testenv.Seeded(t)
	env.PutDemoMeeting(t, 20)
	svc := meeting.NewService(env.Store, env.Tokens, env.Clock.Now)
	yes := true
	res, err := svc.Register(context.Background(), seed.MeetingID, &meeting.Request{Name: "Amina Yılmaz", Email: "amina@verein.example",
		Organisation: "Frauenverein Regenbogen", Role: "Vorsitzende", Language: "de", Consent: &meeting.Consent{Privacy: &yes}}, "de", nil)
	if err != nil {
		t.Fatal(err)
	}
	manage := "/r/" + env.Tokens.Token(meeting.TokenKind, res.RegistrationID)
	pages := []struct {
		path string
		fn   func(testing.TB) app.Handler
	}{{"/s/" + seed.SurveyID, env.NewSurvey}, {"/m/" + seed.MeetingID, env.NewMeeting}, {manage, env.NewMeeting}}

	// cold are the calls of a cold function's first page: the
	// definition with its frame in one GetItem (the registration's page
	// looks up its link first, then reads the registration beside it).
	cold := map[string]string{pages[0].path: "GetItem", pages[1].path: "GetItem", manage: "GetItem GetItem GetItem"}

	// get is a cold function's first page: its office's name and the
	// DynamoDB calls it made.
	get := func(t *testing.T, path string, fn func(testing.TB) app.Handler) (string, []string) {
		t.Helper()
		h := fn(t)
		env.Calls.Reset()
		resp, err := h(context.Background(), pageEvent(t, path))
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %d %v %s", path, resp.StatusCode, err, resp.Body)
		}
		ops := env.Calls.Reset()
		slices.Sort(ops) // the registration's page makes two at once
		for _, name := range []string{"Landratsamt Neustadt – Integrationsbüro", "Landratsamt Musterkreis – Stabsstelle für Integration"} {
			if strings.Contains(resp.Body, name) {
				return name, ops
			}
		}
		return "", ops
	}
	count := func(ops []string, op string) (n int) {
		for _, o := range ops {
			if o == op {
				n++
			}
		}
		return n
	}
	for i, p := range pages {
		name, ops := get(t, p.path, p.fn)
		// The registration's page is of the meeting, whose frame the
		// meeting's page wrote.
		if name == "" || count(ops, "TransactWriteItems") != 1 && i < 2 {
			t.Fatalf("%s without a frame: office %q, calls %v, want the office and one frame written", p.path, name, ops)
		}
		_, ops = get(t, p.path, p.fn)
		if want := cold[p.path]; strings.Join(ops, " ") != want {
			t.Fatalf("%s, cold, with its frame: calls %v, want [%s]", p.path, ops, want)
		}
	}

	// A saved profile shows on the next cold page of each.
	prev, err := env.Store.Offices.Office(context.Background(), seed.Office)
	if err != nil {
		t.Fatal(err)
	}
	changed := seed.DemoOffice()
	changed.Name = map[string]string{"de": "Landratsamt Neustadt – Integrationsbüro"}
	if err := env.Store.PutOfficeIf(context.Background(), changed, prev.UpdatedAt, env.Clock.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if name, ops := get(t, p.path, p.fn); name != "Landratsamt Neustadt – Integrationsbüro" {
			t.Fatalf("%s after the office was saved: %q (calls %v)", p.path, name, ops)
		}
		if name, ops := get(t, p.path, p.fn); name != "Landratsamt Neustadt – Integrationsbüro" || strings.Join(ops, " ") != cold[p.path] {
			t.Fatalf("%s, cold, after the save: %q, calls %v", p.path, name, ops)
		}
	}
}
