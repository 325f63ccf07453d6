package testenv

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/adminfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/meetingfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/surveyfn"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
)

// Admin is the admin function (JSON API and console) on e; the console
// reads its settings from the environment when it is built (Console).
func (e *Env) Admin(t testing.TB) app.Handler { return build(t, adminfn.New, e.Deps()) }

// Survey is the survey function on e.
func (e *Env) Survey(t testing.TB) app.Handler { return build(t, surveyfn.New, e.Deps()) }

// Meeting is the meeting function on e.
func (e *Env) Meeting(t testing.TB) app.Handler { return build(t, meetingfn.New, e.Deps()) }

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
