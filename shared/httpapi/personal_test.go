package httpapi_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// readGate holds a cold function's read of the survey's definition until
// the reads of a personal link of the token alone (its token, its draft)
// have started, or a while has passed: it tells whether they were made
// beside it.
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
					case pk != nil && strings.HasPrefix(pk.Value, "TOKEN#"), sk != nil && strings.HasPrefix(sk.Value, "DRAFT#"):
						g.mu.Lock()
						g.started[sk.Value[:5]] = true
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
// a personal link of the token alone (as mailed before links named their
// invitation) looks up its invitation and its draft while the survey's
// definition is read, not after it, and shows the organisation filled
// in. (A link that names its invitation reads all three in one request:
// TestPersonalLinkReadsOnce.)
func TestPersonalLinkReadsBesideTheSurvey(t *testing.T) {
	g := &readGate{started: map[string]bool{}, seen: make(chan struct{})}
	env := testenv.Seeded(t, testenv.Client(g.option))
	_, token := invitation.Split(invite(t, env, "Kulturbrücke Ünye e.V.", "info@kulturbruecke.example"))
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

// batchWatch records the keys of each BatchGetItem, and leaves all but
// the first key of the first one unprocessed (as DynamoDB does over the
// table's throughput) when unprocessed is set.
type batchWatch struct {
	mu          sync.Mutex
	keys        [][]string
	unprocessed bool
}

func (w *batchWatch) option(o *dynamodb.Options) {
	o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
		return s.Initialize.Add(middleware.InitializeMiddlewareFunc("batchWatch",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				get, ok := in.Parameters.(*dynamodb.BatchGetItemInput)
				if !ok {
					return next.HandleInitialize(ctx, in)
				}
				var (
					keys []string
					ask  []map[string]types.AttributeValue
				)
				for _, ka := range get.RequestItems {
					ask = ka.Keys
					for _, k := range ka.Keys {
						keys = append(keys, k["pk"].(*types.AttributeValueMemberS).Value+" "+k["sk"].(*types.AttributeValueMemberS).Value)
					}
				}
				w.mu.Lock()
				w.keys = append(w.keys, keys)
				left := w.unprocessed && len(w.keys) == 1 && len(ask) > 1
				w.mu.Unlock()
				out, md, err := next.HandleInitialize(ctx, in)
				if res, ok := out.Result.(*dynamodb.BatchGetItemOutput); ok && err == nil && left {
					for table, items := range res.Responses {
						var kept []map[string]types.AttributeValue
						for _, it := range items {
							if it["sk"].(*types.AttributeValueMemberS).Value == ask[0]["sk"].(*types.AttributeValueMemberS).Value {
								kept = append(kept, it)
							}
						}
						res.Responses[table] = kept
						res.UnprocessedKeys = map[string]types.KeysAndAttributes{table: {Keys: ask[1:], ConsistentRead: aws.Bool(true)}}
					}
				}
				return out, md, err
			}), middleware.After)
	})
}

// TestPersonalLinkReadsOnce: a cold survey page opened through a personal
// link as mailed (it names its invitation) reads the survey, the
// invitation and the link's draft in one request, and shows the
// organisation filled in, and where it stopped; keys that DynamoDB
// leaves unprocessed are asked again.
func TestPersonalLinkReadsOnce(t *testing.T) {
	for _, unprocessed := range []bool{false, true} {
		w := &batchWatch{unprocessed: unprocessed}
		env := testenv.Seeded(t, testenv.Client(w.option))
		link := invite(t, env, "Kulturbrücke Ünye e.V.", "info@kulturbruecke.example")
		id, token := invitation.Split(link)
		if err := env.Store.PutDraft(context.Background(), &survey.Draft{SurveyID: seed.SurveyID, TokenHash: linktoken.Hash(token),
			Values: map[string][]string{"org_name": {"Kulturbrücke Ünye e.V. (Entwurf)"}}, SavedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		r := personalPage(t, env, link, "de", false)
		if r.resp.StatusCode != 200 || !strings.Contains(r.body, `value="Kulturbrücke Ünye e.V. (Entwurf)"`) ||
			!strings.Contains(r.body, i18n.T("de", "page.invited_as", "Kulturbrücke Ünye e.V.")) {
			t.Fatalf("unprocessed %v: %d, calls %s", unprocessed, r.resp.StatusCode, r.calls)
		}
		want := []string{"SURVEY#" + seed.SurveyID + " DEF", "SURVEY#" + seed.SurveyID + " INV#" + id, "SURVEY#" + seed.SurveyID + " DRAFT#" + linktoken.Hash(token)}
		w.mu.Lock()
		if len(w.keys) == 0 || strings.Join(w.keys[0], ",") != strings.Join(want, ",") {
			t.Errorf("unprocessed %v: first read %v, want %v", unprocessed, w.keys, want)
		}
		if n := map[bool]int{false: 1, true: 2}[unprocessed]; len(w.keys) != n || !strings.HasPrefix(r.calls, strings.TrimSpace(strings.Repeat("BatchGetItem ", n))) {
			t.Errorf("unprocessed %v: reads %v, calls %s", unprocessed, w.keys, r.calls)
		}
		w.mu.Unlock()
	}
}
