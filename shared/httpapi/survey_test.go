package httpapi_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

func TestSampleEvents(t *testing.T) {
	a := newAPI(t)
	get := a.call(t, loadEvent(t, "survey-get.json"))
	if get.StatusCode != 200 || !strings.Contains(get.Body, `"Name of the organisation"`) {
		t.Fatalf("GET: %d %.200s", get.StatusCode, get.Body)
	}
	for _, name := range []string{"survey-submit.json", "survey-submit-base64.json"} {
		resp := a.call(t, loadEvent(t, name))
		if resp.StatusCode != 201 {
			t.Fatalf("%s: %d %s", name, resp.StatusCode, resp.Body)
		}
		var r struct {
			ResponseID  string    `json:"responseId"`
			SubmittedAt time.Time `json:"submittedAt"`
		}
		if err := json.Unmarshal([]byte(resp.Body), &r); err != nil || r.ResponseID == "" || r.SubmittedAt.IsZero() {
			t.Fatalf("%s: body %s: %v", name, resp.Body, err)
		}
	}
	items := a.responses(t, seed.SurveyID)
	if len(items) != 2 {
		t.Fatalf("stored %d responses, want 2", len(items))
	}
	for _, it := range items {
		answers := it["answers"].(map[string]any)
		if answers["org_name"] != "Deutsch-Türkischer Kulturverein e.V." {
			t.Errorf("org_name stored as %q", answers["org_name"])
		}
		exp, ok := it["expiresAt"].(float64)
		if !ok || time.Unix(int64(exp), 0).Before(time.Now().Add(365*24*time.Hour)) {
			t.Errorf("response without a retention TTL: %v", it["expiresAt"])
		}
		if it["office"] != "demo" {
			t.Errorf("office = %v", it["office"])
		}
	}
}

func TestSubmitBadInput(t *testing.T) {
	a := newAPI(t)
	// A survey whose window has closed.
	closed := seed.DemoSurvey()
	past, earlier := time.Now().Add(-time.Hour), time.Now().Add(-48*time.Hour)
	closed.ID, closed.OpensAt, closed.ClosesAt = "closed-survey", &earlier, &past
	if err := a.Store.PutSurvey(context.Background(), closed); err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(24 * time.Hour)
	later := seed.DemoSurvey()
	later.ID, later.OpensAt = "later-survey", &future
	if err := a.Store.PutSurvey(context.Background(), later); err != nil {
		t.Fatal(err)
	}
	json := map[string]string{"content-type": "application/json"}
	withHeaders := func(extra map[string]string) map[string]string {
		h := map[string]string{"content-type": "application/json"}
		for k, v := range extra {
			h[k] = v
		}
		return h
	}
	answersWith := func(extra string) string {
		return `{"answers":{"org_name":"Verein","fields_of_activity":["culture"],"members":"20-49"` + extra + `},"consent":{"privacy":true}}`
	}
	big := `{"answers":{"org_name":"` + strings.Repeat("x", 70<<10) + `"},"consent":{"privacy":true}}`
	tests := []struct {
		name    string
		survey  string
		body    string
		b64     bool
		headers map[string]string
		status  int
		code    string
		field   string // a field error expected for validation_failed
	}{
		{"malformed JSON", seed.SurveyID, `{"answers":`, false, json, 400, "bad_request", ""},
		{"JSON array", seed.SurveyID, `[1,2]`, false, json, 400, "bad_request", ""},
		{"JSON string", seed.SurveyID, `"hello"`, false, json, 400, "bad_request", ""},
		{"empty body", seed.SurveyID, ``, false, json, 400, "bad_request", ""},
		{"trailing data", seed.SurveyID, testenv.AnswerBody + `{}`, false, json, 400, "bad_request", ""},
		{"unknown field", seed.SurveyID, strings.Replace(testenv.AnswerBody, `"language"`, `"colour":"red","language"`, 1), false, json, 400, "bad_request", ""},
		{"unknown consent field", seed.SurveyID, strings.Replace(testenv.AnswerBody, `"privacy":true`, `"privacy":true,"marketing":true`, 1), false, json, 400, "bad_request", ""},
		{"wrong type in envelope", seed.SurveyID, strings.Replace(testenv.AnswerBody, `"privacy":true`, `"privacy":"yes"`, 1), false, json, 400, "bad_request", ""},
		{"wrong type in answers", seed.SurveyID, answersWith(`,"year_founded":"1987"`), false, json, 422, "validation_failed", "answers.year_founded"},
		{"unknown question", seed.SurveyID, answersWith(`,"shoe_size":42`), false, json, 422, "validation_failed", "answers.shoe_size"},
		{"missing required answer", seed.SurveyID, `{"answers":{"org_name":"Verein"},"consent":{"privacy":true}}`, false, json, 422, "validation_failed", "answers.members"},
		{"option not in definition", seed.SurveyID, strings.Replace(testenv.AnswerBody, `"20-49"`, `"20-50"`, 1), false, json, 422, "validation_failed", "answers.members"},
		{"text over max length", seed.SurveyID, strings.Replace(testenv.AnswerBody, `Deutsch-Türkischer Kulturverein e.V.`, strings.Repeat("ş", 201), 1), false, json, 422, "validation_failed", "answers.org_name"},
		{"invalid email", seed.SurveyID, answersWith(`,"contact_email":"a@b@c"`), false, json, 422, "validation_failed", "answers.contact_email"},
		{"invalid UTF-8", seed.SurveyID, base64.StdEncoding.EncodeToString([]byte("{\"answers\":{\"org_name\":\"\xff\xfe\"},\"consent\":{\"privacy\":true}}")), true, json, 400, "bad_request", ""},
		{"invalid base64", seed.SurveyID, "!!not base64!!", true, json, 400, "bad_request", ""},
		{"body over 64 KiB", seed.SurveyID, big, false, json, 413, "too_large", ""},
		{"base64 body over 64 KiB", seed.SurveyID, base64.StdEncoding.EncodeToString([]byte(big)), true, json, 413, "too_large", ""},
		{"text/plain", seed.SurveyID, testenv.AnswerBody, false, map[string]string{"content-type": "text/plain"}, 415, "unsupported_media_type", ""},
		{"no content type", seed.SurveyID, testenv.AnswerBody, false, map[string]string{"content-type": ""}, 415, "unsupported_media_type", ""},
		{"latin-1 charset", seed.SurveyID, testenv.AnswerBody, false, map[string]string{"content-type": "application/json; charset=iso-8859-1"}, 415, "unsupported_media_type", ""},
		{"unknown survey", "no-such-survey", testenv.AnswerBody, false, json, 404, "not_found", ""},
		{"malformed survey id", "%2e%2e", testenv.AnswerBody, false, json, 404, "not_found", ""},
		{"survey closed", "closed-survey", testenv.AnswerBody, false, json, 409, "closed", ""},
		{"survey not yet open", "later-survey", testenv.AnswerBody, false, json, 409, "closed", ""},
		{"privacy false", seed.SurveyID, strings.Replace(testenv.AnswerBody, `"privacy":true`, `"privacy":false`, 1), false, json, 422, "validation_failed", "consent.privacy"},
		{"privacy missing", seed.SurveyID, strings.Replace(testenv.AnswerBody, `"privacy":true,`, ``, 1), false, json, 422, "validation_failed", "consent.privacy"},
		{"consent missing", seed.SurveyID, `{"answers":{"org_name":"Verein","fields_of_activity":["culture"],"members":"20-49"}}`, false, json, 422, "validation_failed", "consent"},
		{"unknown invitation", seed.SurveyID, strings.Replace(testenv.AnswerBody, `"language":"de"`, `"invitation":"abc"`, 1), false, json, 422, "validation_failed", "invitation"},
		{"idempotency key too long", seed.SurveyID, testenv.AnswerBody, false, withHeaders(map[string]string{"idempotency-key": strings.Repeat("k", 300)}), 400, "bad_request", ""},
	}
	before := a.Count(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := submitEvent(t, tt.survey, tt.body, tt.headers)
			ev.IsBase64Encoded = tt.b64
			resp := a.call(t, ev)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, resp.Body)
			}
			var e testenv.ErrorBody
			if err := jsonUnmarshal(resp.Body, &e); err != nil {
				t.Fatalf("error body is not the contract's JSON: %v: %s", err, resp.Body)
			}
			if e.Error.Code != tt.code || e.Error.Message == "" {
				t.Fatalf("error %+v, want code %s", e.Error, tt.code)
			}
			if resp.Headers["content-language"] != "de" {
				t.Errorf("content-language %q, want de", resp.Headers["content-language"])
			}
			if tt.field != "" {
				found := false
				for _, f := range e.Error.Fields {
					found = found || f.Field == tt.field
				}
				if !found {
					t.Fatalf("no field error for %s: %+v", tt.field, e.Error.Fields)
				}
			} else if len(e.Error.Fields) > 0 {
				t.Fatalf("fields only for validation_failed: %+v", e.Error.Fields)
			}
			if n := a.Count(t); n != before {
				t.Fatalf("a rejected request changed the table: %d items, had %d", n, before)
			}
		})
	}
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

func TestErrorsInCallersLanguage(t *testing.T) {
	a := newAPI(t)
	body := strings.Replace(testenv.AnswerBody, `"privacy":true`, `"privacy":false`, 1)
	for _, tt := range []struct {
		query, accept, want, lang string
	}{
		{"", "", "Bitte stimmen Sie der Datenschutzerklärung zu", "de"},
		{"lang=en", "de", "Please accept the privacy notice", "en"},
		{"", "en-US,en;q=0.9", "Please accept the privacy notice", "en"},
	} {
		ev := submitEvent(t, seed.SurveyID, body, map[string]string{"content-type": "application/json", "accept-language": tt.accept})
		ev.RawQueryString = tt.query
		ev.QueryStringParameters = nil
		if tt.query != "" {
			k, v, _ := strings.Cut(tt.query, "=")
			ev.QueryStringParameters = map[string]string{k: v}
		}
		resp := a.call(t, ev)
		var e testenv.ErrorBody
		_ = jsonUnmarshal(resp.Body, &e)
		if len(e.Error.Fields) != 1 || e.Error.Fields[0].Message != tt.want || resp.Headers["content-language"] != tt.lang {
			t.Errorf("%q/%q: got %s (%s)", tt.query, tt.accept, resp.Body, resp.Headers["content-language"])
		}
	}
}

func TestUnknownSurveyGet(t *testing.T) {
	a := newAPI(t)
	ev := loadEvent(t, "survey-get.json")
	ev.PathParameters = map[string]string{"surveyId": "nope"}
	resp := a.call(t, ev)
	if resp.StatusCode != 404 || !strings.Contains(resp.Body, `"not_found"`) {
		t.Fatalf("%d %s", resp.StatusCode, resp.Body)
	}
}

func TestIdempotencyUnderConcurrentRetries(t *testing.T) {
	a := newAPI(t)
	const n = 20
	var wg sync.WaitGroup
	ids := make([]string, n)
	statuses := make([]int, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			resp := a.call(t, submitEvent(t, seed.SurveyID, testenv.AnswerBody, map[string]string{"content-type": "application/json", "idempotency-key": "retry-me"}))
			statuses[i] = resp.StatusCode
			var r struct{ ResponseID string }
			_ = jsonUnmarshal(resp.Body, &r)
			ids[i] = r.ResponseID
		}(i)
	}
	wg.Wait()
	for i := range ids {
		if statuses[i] != 201 || ids[i] != ids[0] || ids[0] == "" {
			t.Fatalf("retry %d: status %d id %q, first id %q", i, statuses[i], ids[i], ids[0])
		}
	}
	if got := len(a.responses(t, seed.SurveyID)); got != 1 {
		t.Fatalf("%d concurrent retries stored %d responses, want 1", n, got)
	}
	other := strings.Replace(testenv.AnswerBody, `"20-49"`, `"50-99"`, 1)
	resp := a.call(t, submitEvent(t, seed.SurveyID, other, map[string]string{"content-type": "application/json", "idempotency-key": "retry-me"}))
	if resp.StatusCode != 409 || !strings.Contains(resp.Body, `"conflict"`) {
		t.Fatalf("same key, other body: %d %s", resp.StatusCode, resp.Body)
	}
	if got := len(a.responses(t, seed.SurveyID)); got != 1 {
		t.Fatalf("conflicting retry stored a response: %d", got)
	}
	// Different keys are different submissions.
	for i := 0; i < 3; i++ {
		resp := a.call(t, submitEvent(t, seed.SurveyID, testenv.AnswerBody, map[string]string{"content-type": "application/json", "idempotency-key": fmt.Sprint("k", i)}))
		if resp.StatusCode != 201 {
			t.Fatal(resp.Body)
		}
	}
	if got := len(a.responses(t, seed.SurveyID)); got != 4 {
		t.Fatalf("stored %d, want 4", got)
	}
}

func TestOneWriteRoundTripPerSubmission(t *testing.T) {
	a := newAPI(t)
	// Warm the container's definition cache, as the GET before a submit does.
	if resp := a.call(t, loadEvent(t, "survey-get.json")); resp.StatusCode != 200 {
		t.Fatal(resp.Body)
	}
	if ops := a.Calls.Reset(); len(ops) != 1 || ops[0] != "GetItem" {
		t.Fatalf("cold GET: %v, want one GetItem", ops)
	}
	for _, tt := range []struct {
		key  string
		want string
	}{{"", "PutItem"}, {"key-a", "TransactWriteItems"}} {
		resp := a.call(t, submitEvent(t, seed.SurveyID, testenv.AnswerBody, map[string]string{"content-type": "application/json", "idempotency-key": tt.key}))
		if resp.StatusCode != 201 {
			t.Fatal(resp.Body)
		}
		if ops := a.Calls.Reset(); len(ops) != 1 || ops[0] != tt.want {
			t.Fatalf("submission with key %q made calls %v, want exactly [%s]", tt.key, ops, tt.want)
		}
	}
	// A replayed retry is one round trip too: the failed condition returns
	// the stored result.
	a.call(t, submitEvent(t, seed.SurveyID, testenv.AnswerBody, map[string]string{"content-type": "application/json", "idempotency-key": "key-a"}))
	if ops := a.Calls.Reset(); len(ops) != 1 {
		t.Fatalf("replay made calls %v, want 1", ops)
	}
}

func TestNoPersonalDataInLogs(t *testing.T) {
	a := newAPI(t)
	secrets := []string{"Deutsch-Türkischer Kulturverein", "info@dtkv.example", "Ayşe Yılmaz", "secret-idem-key", "+49 7121 999"}
	body := `{"answers":{"org_name":"Deutsch-Türkischer Kulturverein","contact_person":"Ayşe Yılmaz","contact_email":"info@dtkv.example","contact_phone":"+49 7121 999","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`
	bad := strings.Replace(body, `"info@dtkv.example"`, `"info@dtkv.example x"`, 1)
	for _, b := range []string{body, bad, body + "}", strings.Replace(body, `"members"`, `"Ayşe Yılmaz"`, 1)} {
		a.call(t, submitEvent(t, seed.SurveyID, b, map[string]string{"content-type": "application/json", "idempotency-key": "secret-idem-key"}))
	}
	logs := a.Logs.String()
	if !strings.Contains(logs, "request served") || !strings.Contains(logs, "request rejected") {
		t.Fatalf("expected request logs, got %s", logs)
	}
	for _, s := range secrets {
		if strings.Contains(logs, s) {
			t.Errorf("logs contain personal data %q:\n%s", s, logs)
		}
	}
}

// A number DynamoDB cannot hold is a field error, not a 500.
func TestNumbersDynamoDBCannotHold(t *testing.T) {
	s := newAPI(t)
	for _, n := range []string{"1e-200", "1e200", "-1e130"} {
		body := `{"answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49","volunteers":` + n + `},"consent":{"privacy":true}}`
		resp := s.call(t, submitEvent(t, seed.SurveyID, body, nil))
		if resp.StatusCode != 422 || !strings.Contains(resp.Body, `"answers.volunteers"`) {
			t.Errorf("volunteers %s: %d %s; want 422 on answers.volunteers", n, resp.StatusCode, resp.Body)
		}
	}
}
