package testenv

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/adminfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/meetingfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/surveyfn"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
)

// Functions are the admin, survey and meeting functions on one Env.
type Functions struct {
	*Env
	Admin, Survey, Meeting app.Handler
}

// NewFunctions builds the three functions on a Seeded Env.
func NewFunctions(t testing.TB, opts ...Option) *Functions {
	t.Helper()
	e := Seeded(t, opts...)
	return &Functions{Env: e, Admin: e.NewAdmin(t), Survey: e.NewSurvey(t), Meeting: e.NewMeeting(t)}
}

// AdminCall is a request of a coordinator of office to the admin JSON
// API.
func (f *Functions) AdminCall(t testing.TB, office, method, path string, params map[string]string, query, body string) events.APIGatewayV2HTTPResponse {
	t.Helper()
	return Do(t, f.Admin, Request{Method: method, Path: path, Params: params, Query: query, Body: body, Claims: Claims(office)})
}

// SignIn sets up console sign-in (Console) and builds an admin function
// that reads it, on the real time (as the session tokens are).
func (f *Functions) SignIn(t testing.TB) (*Sessions, app.Handler) {
	t.Helper()
	s := f.Console(t)
	d := f.Deps()
	d.Now = time.Now
	return s, build(t, adminfn.New, d)
}

// NewAdmin builds the admin function (JSON API and console) on e; the
// console reads its settings from the environment when it is built
// (Console).
func (e *Env) NewAdmin(t testing.TB) app.Handler { return build(t, adminfn.New, e.Deps()) }

// NewSurvey builds the survey function on e.
func (e *Env) NewSurvey(t testing.TB) app.Handler { return build(t, surveyfn.New, e.Deps()) }

// NewMeeting builds the meeting function on e.
func (e *Env) NewMeeting(t testing.TB) app.Handler { return build(t, meetingfn.New, e.Deps()) }

func build(t testing.TB, fn func(app.Deps) (app.Handler, error), d app.Deps) app.Handler {
	t.Helper()
	h, err := fn(d)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// Deliver hands every outbox item to a mailer sending through send, as
// the table's stream would; cfg's From and BaseURL are filled in when
// empty. It returns the mailer's answer.
func (e *Env) Deliver(t testing.TB, send mailer.Sender, cfg mailer.Config) events.DynamoDBEventResponse {
	t.Helper()
	ev := events.DynamoDBEvent{}
	for i, it := range e.Items(t)["outbox"] {
		ev.Records = append(ev.Records, events.DynamoDBEventRecord{EventName: "INSERT", Change: events.DynamoDBStreamRecord{
			SequenceNumber: fmt.Sprint(i), NewImage: map[string]events.DynamoDBAttributeValue{
				"pk": events.NewStringAttribute(it["pk"].(string)), "type": events.NewStringAttribute("outbox")}}})
	}
	if cfg.From == "" {
		cfg.From = "netzwerk@integration.example"
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://integration.example"
	}
	resp, err := mailer.New(e.Store, send, e.Tokens, cfg, e.Log(), e.Clock.Now).Handle(context.Background(), ev)
	if err != nil {
		t.Fatalf("mailer: %v", err)
	}
	return resp
}
