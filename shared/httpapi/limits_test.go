package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/meetingfn"
	"github.com/integration-offices/netzwerk-backend/shared/app/surveyfn"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// limitedAPI is the meeting and survey functions on a fresh table with
// the per-client limits of cfg.
func limitedAPI(t *testing.T, cfg app.Config) (meetingFn, surveyFn app.Handler, a *meetingAPI) {
	t.Helper()
	a = newMeetingAPI(t, 40)
	if err := a.Store.PutSurvey(context.Background(), seed.DemoSurvey()); err != nil {
		t.Fatal(err)
	}
	deps := a.Deps()
	cfg.Table, cfg.LinkSecret = a.Table, testenv.Secret
	deps.Config = cfg
	var err error
	if meetingFn, err = meetingfn.New(deps); err != nil {
		t.Fatal(err)
	}
	if surveyFn, err = surveyfn.New(deps); err != nil {
		t.Fatal(err)
	}
	return meetingFn, surveyFn, a
}

// With the limit at 10 registrations an hour, the 11th from one client
// address gets 429 with Retry-After in the caller's language, and nothing
// is stored or mailed; another address is not affected; parallel requests
// cannot get past the limit; the counters expire with their hour.
func TestPerClientLimits(t *testing.T) {
	meetingFn, surveyFn, a := limitedAPI(t, app.Config{RegistrationsPerHour: 10, AnswersPerHour: 3})
	register := func(ip string, i int, lang string) events.APIGatewayV2HTTPResponse {
		resp, err := meetingFn(context.Background(), testenv.From(ip, "/meetings/{meetingId}/registrations", "meetingId", seed.MeetingID,
			testenv.RegistrationBody(fmt.Sprint("Person ", i), fmt.Sprintf("p%d-%s@verein.example", i, strings.ReplaceAll(ip, ".", "-"))), lang))
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	for i := range 10 {
		if r := register("127.0.0.5", i, "de"); r.StatusCode != 201 {
			t.Fatalf("registration %d: %d %s", i+1, r.StatusCode, r.Body)
		}
	}
	before := a.Items(t)
	r := register("127.0.0.5", 10, "tr")
	var e testenv.ErrorBody
	_ = json.Unmarshal([]byte(r.Body), &e)
	wait, _ := strconv.Atoi(r.Headers["retry-after"])
	if r.StatusCode != 429 || e.Error.Code != "rate_limited" || !strings.Contains(e.Error.Message, "istek") || wait < 1 || wait > 3600 {
		t.Fatalf("11th: %d %q retry-after %q", r.StatusCode, r.Body, r.Headers["retry-after"])
	}
	after := a.Items(t)
	for _, typ := range []string{"registration", "outbox", "token", "email-lock", "limit"} {
		if len(after[typ]) != len(before[typ]) {
			t.Errorf("the refused registration changed %s items: %d → %d", typ, len(before[typ]), len(after[typ]))
		}
	}
	if len(after["outbox"]) != 10 {
		t.Errorf("%d mails queued, want 10", len(after["outbox"]))
	}
	if r := register("127.0.0.6", 0, "de"); r.StatusCode != 201 {
		t.Fatalf("another client: %d %s", r.StatusCode, r.Body)
	}

	// 30 at once from one more address: exactly 10 get through.
	per := statusesAtOnce(30, func(i int) int { return register("127.0.0.7", i, "de").StatusCode })
	if per[201] != 10 || per[429] != 20 {
		t.Fatalf("parallel: %v, want 10 × 201 and 20 × 429", per)
	}

	// Answers: 3 an hour per address.
	for i := range 4 {
		resp, err := surveyFn(context.Background(), testenv.From("127.0.0.8", "/surveys/{surveyId}/responses", "surveyId", seed.SurveyID, testenv.AnswerBody, "de"))
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 201, false: 429}[i < 3]; resp.StatusCode != want || (want == 429 && resp.Headers["retry-after"] == "") {
			t.Fatalf("answer %d: %d %s", i+1, resp.StatusCode, resp.Body)
		}
	}
	items := a.Items(t)
	if n := len(items["response"]); n != 3 {
		t.Errorf("%d answers stored, want 3", n)
	}
	// Every counter expires with its hour and names no address.
	hour := time.Now().Add(time.Hour).Unix()
	for _, l := range items["limit"] {
		if exp, _ := l["expiresAt"].(float64); exp <= 0 || int64(exp) > hour {
			t.Errorf("limit counter expires at %v", l["expiresAt"])
		}
		if strings.Contains(fmt.Sprint(l), "127.0.0.") {
			t.Errorf("a counter names the address: %v", l)
		}
	}
	if len(items["limit"]) != 4 {
		t.Errorf("%d limit counters, want 4 (three clients' registrations, one's answers)", len(items["limit"]))
	}
}

// statusesAtOnce runs do(0..n-1) at once and counts the statuses.
func statusesAtOnce(n int, do func(i int) int) map[int]int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	per := map[int]int{}
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status := do(i)
			mu.Lock()
			per[status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return per
}
