package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

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
	manage := "/r/" + meeting.ManageToken(env.Tokens, seed.MeetingID, res.RegistrationID)
	earlier := "/r/" + env.Tokens.Token(meeting.TokenKind, res.RegistrationID) // a link mailed before ManageToken
	pages := []struct {
		path string
		fn   func(testing.TB) app.Handler
	}{{"/s/" + seed.SurveyID, env.NewSurvey}, {"/m/" + seed.MeetingID, env.NewMeeting}, {manage, env.NewMeeting}, {earlier, env.NewMeeting}}

	// cold are the calls of a cold function's first page: the
	// definition with its frame in one GetItem (the survey's with the
	// copy of its page, which the page before it kept: an UpdateItem;
	// page_copy.go); the registration's page reads the registration
	// beside it, and an earlier link looks itself up first.
	cold := map[string]string{pages[0].path: "GetItem", pages[1].path: "GetItem", manage: "GetItem GetItem", earlier: "GetItem GetItem GetItem"}
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
		waitKept()
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
	// settled is a cold page after the one that keeps its copy.
	settled := func(t *testing.T, path string, fn func(testing.TB) app.Handler) (string, []string) {
		t.Helper()
		name, ops := get(t, path, fn)
		if strings.Join(ops, " ") == cold[path]+" UpdateItem" {
			name, ops = get(t, path, fn)
		}
		return name, ops
	}

	for i, p := range pages {
		name, ops := get(t, p.path, p.fn)
		// The registration's page is of the meeting, whose frame the
		// meeting's page wrote.
		if name == "" || count(ops, "TransactWriteItems") != 1 && i < 2 {
			t.Fatalf("%s without a frame: office %q, calls %v, want the office and one frame written", p.path, name, ops)
		}
		_, ops = settled(t, p.path, p.fn)
		if want := cold[p.path]; strings.Join(ops, " ") != want {
			t.Fatalf("%s, cold, with its frame: calls %v, want [%s]", p.path, ops, want)
		}
	}

	// A saved profile shows on the next cold page of each.
	renameOffice(t, env, map[string]string{"de": "Landratsamt Neustadt – Integrationsbüro"}, env.Clock.Now().Add(time.Second))
	for _, p := range pages {
		if name, ops := get(t, p.path, p.fn); name != "Landratsamt Neustadt – Integrationsbüro" {
			t.Fatalf("%s after the office was saved: %q (calls %v)", p.path, name, ops)
		}
		if name, ops := settled(t, p.path, p.fn); name != "Landratsamt Neustadt – Integrationsbüro" || strings.Join(ops, " ") != cold[p.path] {
			t.Fatalf("%s, cold, after the save: %q, calls %v", p.path, name, ops)
		}
	}
}

// TestFramesAfterDefinitionsChange: a survey replaced by a save of its
// definition (PutItem) loses its frame and the next page copies the
// profile again; a meeting updated or cancelled (UpdateItem) keeps its
// frame, a cold page still one GetItem; a frame of another office in a
// definition's item (written there by hand) never shows, and the next
// page replaces it with its own office's.
func TestFramesAfterDefinitionsChange(t *testing.T) {
	env := testenv.Seeded(t)
	env.PutDemoMeeting(t, 20)
	ctx := context.Background()
	const own, foreign = "Landratsamt Musterkreis – Stabsstelle für Integration", "Nachbarkreis – Integrationsbüro"
	page := func(path string, fn func(testing.TB) app.Handler) (string, string) {
		t.Helper()
		h := fn(t)
		env.Calls.Reset()
		resp, err := h(ctx, pageEvent(t, path))
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %d %v", path, resp.StatusCode, err)
		}
		waitKept()
		ops := strings.Join(env.Calls.Reset(), " ")
		switch {
		case strings.Contains(resp.Body, foreign):
			return foreign, ops
		case strings.Contains(resp.Body, own):
			return own, ops
		}
		return "", ops
	}
	s, m := "/s/"+seed.SurveyID, "/m/"+seed.MeetingID
	frame := func(pk string) string {
		f, _ := env.Get(t, pk, "DEF")["officeFrame"].(string)
		return f
	}
	for _, p := range []struct {
		path string
		fn   func(testing.TB) app.Handler
	}{{s, env.NewSurvey}, {m, env.NewMeeting}} {
		page(p.path, p.fn)
		// The survey's page keeps a copy of itself after its frame, then
		// a cold page reads both at once (page_copy.go).
		want := "GetItem"
		name, ops := page(p.path, p.fn)
		if ops == want+" UpdateItem" {
			name, ops = page(p.path, p.fn)
		}
		if name != own || ops != want {
			t.Fatalf("%s cold with its frame: %q, calls %s", p.path, name, ops)
		}
	}

	// The survey saved again: its item is replaced, without the frame.
	d := seed.DemoSurvey()
	d.Title = map[string]string{"de": "Bedarfsabfrage 2027"}
	if err := env.Store.PutSurvey(ctx, d); err != nil {
		t.Fatal(err)
	}
	if f := frame("SURVEY#" + seed.SurveyID); f != "" {
		t.Fatalf("a replaced survey kept its frame: %s", f)
	}
	if name, ops := page(s, env.NewSurvey); name != own || !strings.Contains(ops, "TransactWriteItems") {
		t.Fatalf("replaced survey: %q, calls %s, want the office and its frame written", name, ops)
	}
	// The meeting updated and cancelled: its frame stays.
	cancelled := env.Clock.Now()
	env.PutDemoMeeting(t, 30, func(mt *meeting.Meeting) { mt.CancelledAt = &cancelled })
	if name, ops := page(m, env.NewMeeting); name != own || ops != "GetItem" {
		t.Fatalf("cancelled meeting, cold: %q, calls %s, want its frame", name, ops)
	}

	// Another office's profile in the items' frames (by hand: putFrame
	// refuses it) is passed over, and replaced by the next page.
	other := seed.DemoOffice()
	other.Office, other.Name = "nachbarkreis", map[string]string{"de": foreign}
	doc, err := json.Marshal(other)
	if err != nil {
		t.Fatal(err)
	}
	for _, pk := range []string{"SURVEY#" + seed.SurveyID, "MEETING#" + seed.MeetingID} {
		if _, err := env.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &env.Table,
			Key:                       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}, "sk": &types.AttributeValueMemberS{Value: "DEF"}},
			UpdateExpression:          aws.String("SET officeFrame = :f"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":f": &types.AttributeValueMemberS{Value: string(doc)}}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []struct {
		path, pk string
		fn       func(testing.TB) app.Handler
	}{{s, "SURVEY#" + seed.SurveyID, env.NewSurvey}, {m, "MEETING#" + seed.MeetingID, env.NewMeeting}} {
		if name, ops := page(p.path, p.fn); name != own {
			t.Fatalf("%s with another office's frame: %q (calls %s)", p.path, name, ops)
		}
		if f := frame(p.pk); strings.Contains(f, foreign) || !strings.Contains(f, own) {
			t.Fatalf("%s's frame after its page: %s, want its own office's", p.pk, f)
		}
	}
}

// TestWarmPagesAfterASave: a warm function that still holds the profile
// as before a save finds it outdated when it copies it beside a
// definition whose frame the save removed: it reads the profile again,
// shows the saved one and copies that, instead of showing the old one
// and trying the same refused copy on every page for a minute.
func TestWarmPagesAfterASave(t *testing.T) {
	env := testenv.Seeded(t)
	env.PutDemoMeeting(t, 20)
	ctx := context.Background()
	const saved = "Landratsamt Neustadt – Integrationsbüro"
	meetings, surveys := env.NewMeeting(t), env.NewSurvey(t)
	page := func(h app.Handler, path string) (bool, string) {
		t.Helper()
		env.Calls.Reset()
		resp, err := h(ctx, pageEvent(t, path))
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %d %v", path, resp.StatusCode, err)
		}
		waitKept()
		return strings.Contains(resp.Body, saved), strings.Join(env.Calls.Reset(), " ")
	}
	m, s := "/m/"+seed.MeetingID, "/s/"+seed.SurveyID
	page(meetings, m)
	page(surveys, s)
	// A second survey, not yet read by the warm survey function.
	d := seed.DemoSurvey()
	d.ID = "second-survey"
	if err := env.Store.PutSurvey(ctx, d); err != nil {
		t.Fatal(err)
	}

	prev, err := env.Store.Offices.Office(ctx, seed.Office)
	if err != nil {
		t.Fatal(err)
	}
	changed := seed.DemoOffice()
	changed.Name = map[string]string{"de": saved}
	if err := env.Store.PutOfficeIf(ctx, changed, prev.UpdatedAt, env.Clock.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if shown, ops := page(meetings, m); !shown {
		t.Fatalf("the warm meeting function after the save: the old profile (calls %s)", ops)
	}
	// The next page keeps its copy (an UpdateItem, page_copy.go); the one
	// after it reads the meeting with it.
	shown, ops := page(meetings, m)
	if ops == "GetItem UpdateItem" {
		shown, ops = page(meetings, m)
	}
	if !shown || ops != "GetItem" {
		t.Fatalf("the warm meeting function's next page: saved profile %v, calls %s, want one GetItem", shown, ops)
	}
	if shown, ops := page(surveys, "/s/second-survey"); !shown {
		t.Fatalf("the warm survey function, a survey read after the save: the old profile (calls %s)", ops)
	}
	if f, _ := env.Get(t, "SURVEY#second-survey", "DEF")["officeFrame"].(string); !strings.Contains(f, saved) {
		t.Fatalf("the survey read after the save has no frame of the saved profile: %q", f)
	}
}

// renameOffice saves the demo office's profile with name, at.
func renameOffice(t *testing.T, env *testenv.Env, name map[string]string, at time.Time) {
	t.Helper()
	prev, err := env.Store.Offices.Office(context.Background(), seed.Office)
	if err != nil {
		t.Fatal(err)
	}
	changed := seed.DemoOffice()
	changed.Name = name
	if err := env.Store.PutOfficeIf(context.Background(), changed, prev.UpdatedAt, at); err != nil {
		t.Fatal(err)
	}
}
