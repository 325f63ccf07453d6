package httpapi_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// readGate holds a cold function's read of the survey's definition until
// the reads of a personal link (its invitation, its draft) have started,
// or a while has passed: it tells whether they were made beside it.
type readGate struct {
	mu      sync.Mutex
	started map[string]bool
	seen    chan struct{} // closed when both were started
	beside  bool          // the definition's read saw both start
}

func (g *readGate) option(o *dynamodb.Options) {
	o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
		return s.Initialize.Add(middleware.InitializeMiddlewareFunc("readGate",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				if get, ok := in.Parameters.(*dynamodb.GetItemInput); ok {
					pk, _ := get.Key["pk"].(*types.AttributeValueMemberS)
					sk, _ := get.Key["sk"].(*types.AttributeValueMemberS)
					switch {
					case pk != nil && sk != nil && pk.Value == "SURVEY#"+seed.SurveyID && sk.Value == "DEF":
						select {
						case <-g.seen:
							g.mu.Lock()
							g.beside = true
							g.mu.Unlock()
						case <-time.After(5 * time.Second):
						}
					case sk != nil && (strings.HasPrefix(sk.Value, "INV#") || strings.HasPrefix(sk.Value, "DRAFT#")):
						g.mu.Lock()
						g.started[sk.Value[:3]] = true
						if len(g.started) == 2 {
							close(g.seen)
						}
						g.mu.Unlock()
					}
				}
				return next.HandleInitialize(ctx, in)
			}), middleware.Before)
	})
}

// TestPersonalLinkReadsBesideTheSurvey: a cold survey page opened through
// a personal link (what an invited organisation opens from its mail)
// reads its invitation and its draft while the survey's definition is
// read, not after it, and shows the organisation filled in.
func TestPersonalLinkReadsBesideTheSurvey(t *testing.T) {
	g := &readGate{started: map[string]bool{}, seen: make(chan struct{})}
	env := testenv.Seeded(t, testenv.Client(g.option))
	token := invite(t, env, "Kulturbrücke Ünye e.V.", "info@kulturbruecke.example")
	h := env.NewSurvey(t)
	ev := pageEvent(t, "/s/"+seed.SurveyID)
	ev.RawQueryString, ev.QueryStringParameters = "invitation="+token, map[string]string{"invitation": token}
	resp, err := h(context.Background(), ev)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %v", resp.StatusCode, err)
	}
	if !strings.Contains(resp.Body, "Kulturbrücke Ünye e.V.") {
		t.Error("the organisation is not filled in")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.beside {
		t.Errorf("the definition was read before the link's reads started (started: %v)", g.started)
	}
}
