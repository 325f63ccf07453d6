package httpapi_test

// The public forms against DynamoDB Local: fields of ours never take an
// answer's name, forms rendered at once are stored each, a form sent
// twice is stored once, the language switch keeps what was typed.

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// clock is a settable clock for handlers.
type clock struct{ t atomic.Int64 }

func newClock(t time.Time) *clock { c := &clock{}; c.set(t); return c }
func (c *clock) set(t time.Time)  { c.t.Store(t.UnixNano()) }
func (c *clock) now() time.Time   { return time.Unix(0, c.t.Load()) }

var stampField = regexp.MustCompile(`name="` + regexp.QuoteMeta(web.StampField) + `" value="([^"]+)"`)

// renderedStamp is the stamp of a rendered form page.
func renderedStamp(t *testing.T, resp events.APIGatewayV2HTTPResponse) string {
	t.Helper()
	m := stampField.FindStringSubmatch(resp.Body)
	if m == nil {
		t.Fatalf("no form stamp on the page: %d %.500s", resp.StatusCode, resp.Body)
	}
	return m[1]
}

// noKeyTalk fails when a page speaks of an Idempotency-Key: people fill
// in forms, they do not send keys.
func noKeyTalk(t *testing.T, what string, resp events.APIGatewayV2HTTPResponse) {
	t.Helper()
	if strings.Contains(strings.ToLower(resp.Body), "idempotency") {
		t.Errorf("%s: the page names an Idempotency-Key: %d %.500s", what, resp.StatusCode, resp.Body)
	}
}

// lookalikes is a survey whose questions are named like the form's own
// fields (the bot guard's, the consents', the language switch's).
func lookalikes() *survey.Definition {
	d := seed.DemoSurvey()
	d.ID = "lookalikes"
	d.Sections = nil
	q := func(id string, typ survey.QuestionType) survey.Question {
		return survey.Question{ID: id, Type: typ, Label: survey.Text{"de": "Frage " + id, "en": "Question " + id}}
	}
	d.Questions = []survey.Question{q("website", survey.TypeURL), q("form_stamp", survey.TypeText), q("form-stamp", survey.TypeText),
		q("form", survey.TypeText), q("stamp", survey.TypeText), q("honeypot", survey.TypeText), q("hp", survey.TypeText),
		q("consent", survey.TypeText), q("consent_privacy", survey.TypeText), q("privacy", survey.TypeText),
		q("language", survey.TypeText), q("invitation_token", survey.TypeText), q("submit", survey.TypeText)}
	d.Questions[1].Required = true
	return d
}

// An organisation's website reaches the table, whatever the survey calls
// its questions: no field of ours shares a name with one.
func TestAnswersNamedLikeTheFormsFieldsAreKept(t *testing.T) {
	a := newAPI(t)
	d := lookalikes()
	if err := d.Validate("de"); err != nil {
		t.Fatalf("the look-alike survey is refused: %v", err)
	}
	if err := a.store.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	p, path := map[string]string{"surveyId": d.ID}, "/s/"+d.ID
	get := pageCall(t, a.handler, "GET", "/s/{surveyId}", path, p, "lang=de", nil, nil)
	for _, field := range []string{web.HoneypotField, web.StampField, "website", "form_stamp"} {
		if n := strings.Count(get.Body, `name="`+field+`"`); n != 1 {
			t.Errorf("%d fields named %q on the page", n, field)
		}
	}
	answers := url.Values{}
	for _, q := range d.Questions {
		answers.Set(q.ID, "Antwort "+q.ID)
	}
	answers.Set("website", "https://verein.example/über-uns")
	// An error round first (no consent): every answer is shown again.
	form := url.Values{web.StampField: {stamp(path)}}
	for k, v := range answers {
		form[k] = v
	}
	resp := pageCall(t, a.handler, "POST", "/s/{surveyId}", path, p, "lang=de", form, nil)
	if resp.StatusCode != 422 || !strings.Contains(resp.Body, `href="#consent-privacy"`) || strings.Contains(resp.Body, `<li><a class="kern-link" href="#main">`) {
		t.Fatalf("without consent: %d %s", resp.StatusCode, resp.Body[strings.Index(resp.Body, "error-summary"):][:800])
	}
	for _, q := range d.Questions {
		if !strings.Contains(resp.Body, `name="`+q.ID+`" value="`+answers.Get(q.ID)+`"`) {
			t.Errorf("after the error round, %s lost its answer", q.ID)
		}
	}
	form.Set(web.StampField, stamp(path))
	form.Set("consent.privacy", "true")
	resp = pageCall(t, a.handler, "POST", "/s/{surveyId}", path, p, "lang=de", form, nil)
	if resp.StatusCode != 303 {
		t.Fatalf("submit: %d %.1500s", resp.StatusCode, resp.Body)
	}
	stored := a.responses(t, d.ID)
	if len(stored) != 1 {
		t.Fatalf("%d answers stored", len(stored))
	}
	got := stored[0]["answers"].(map[string]any)
	for _, q := range d.Questions {
		if got[q.ID] != answers.Get(q.ID) {
			t.Errorf("%s stored as %v, want %q", q.ID, got[q.ID], answers.Get(q.ID))
		}
	}
}

// Two organisations that open the survey in the same millisecond and
// send it at once are both stored; so are two registrations for a meeting.
func TestFormsRenderedAtOnceAreStoredEach(t *testing.T) {
	rendered := time.Now().Truncate(time.Millisecond)
	c := newClock(rendered)
	a := newAdminAPIAt(t, c.now)

	// 50 renders at once, in one millisecond: 50 stamps.
	sp, spath := map[string]string{"surveyId": seed.SurveyID}, "/s/"+seed.SurveyID
	stamps := make([]string, 50)
	var wg sync.WaitGroup
	for i := range stamps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stamps[i] = renderedStamp(t, pageCall(t, a.survey, "GET", "/s/{surveyId}", spath, sp, "lang=de", nil, nil))
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, s := range stamps {
		if seen[s] {
			t.Fatalf("two forms rendered with the stamp %q", s)
		}
		seen[s] = true
	}

	c.set(rendered.Add(10 * time.Second))
	orgs := []string{"Kulturbrücke e.V.", "Deutsch-Türkischer Kulturverein e.V."}
	resps := make([]events.APIGatewayV2HTTPResponse, 2)
	for i, org := range orgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			form := url.Values{web.StampField: {stamps[i]}, "org_name": {org}, "fields_of_activity": {"culture"},
				"members": {"20-49"}, "consent.privacy": {"true"}}
			resps[i] = pageCall(t, a.survey, "POST", "/s/{surveyId}", spath, sp, "lang=de", form, nil)
		}()
	}
	wg.Wait()
	for i, r := range resps {
		noKeyTalk(t, "answer", r)
		if r.StatusCode != 303 {
			t.Errorf("answer of %s: %d %.500s", orgs[i], r.StatusCode, r.Body)
		}
	}
	if n := len(a.itemsByType(t)["response"]); n != 2 {
		t.Errorf("%d answers stored, want 2", n)
	}

	// The meeting: two people, forms rendered in one millisecond.
	c.set(rendered)
	mp, mpath := map[string]string{"meetingId": seed.MeetingID}, "/m/"+seed.MeetingID
	mstamps := []string{
		renderedStamp(t, pageCall(t, a.meeting, "GET", "/m/{meetingId}", mpath, mp, "lang=de", nil, nil)),
		renderedStamp(t, pageCall(t, a.meeting, "GET", "/m/{meetingId}", mpath, mp, "lang=de", nil, nil)),
	}
	c.set(rendered.Add(10 * time.Second))
	for i, who := range []string{"ayse", "olena"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			form := url.Values{web.StampField: {mstamps[i]}, "name": {who}, "email": {who + "@verein.example"}, "consent.privacy": {"true"}}
			resps[i] = pageCall(t, a.meeting, "POST", "/m/{meetingId}", mpath, mp, "lang=de", form, nil)
		}()
	}
	wg.Wait()
	for i, r := range resps {
		noKeyTalk(t, "registration", r)
		if r.StatusCode != 303 || !strings.HasPrefix(r.Headers["location"], "/r/") {
			t.Errorf("registration %d: %d %.500s", i, r.StatusCode, r.Body)
		}
	}
	if n := len(a.itemsByType(t)["registration"]); n != 2 {
		t.Errorf("%d registrations stored, want 2", n)
	}
}

// The same form sent twice at once (a double click) is stored once, and
// both posts lead to the same place; sent again with other values (back,
// change, send) it is a new answer, never a page about keys.
func TestSameFormSentTwiceIsStoredOnce(t *testing.T) {
	a := newAdminAPI(t)
	sp, spath := map[string]string{"surveyId": seed.SurveyID}, "/s/"+seed.SurveyID
	mp, mpath := map[string]string{"meetingId": seed.MeetingID}, "/m/"+seed.MeetingID
	twice := func(h app.Handler, route, path string, params map[string]string, form url.Values) [2]events.APIGatewayV2HTTPResponse {
		var out [2]events.APIGatewayV2HTTPResponse
		var wg sync.WaitGroup
		for i := range out {
			wg.Add(1)
			go func() { defer wg.Done(); out[i] = pageCall(t, h, "POST", route, path, params, "lang=de", form, nil) }()
		}
		wg.Wait()
		for _, r := range out {
			noKeyTalk(t, path, r)
			if r.StatusCode != 303 || r.Headers["location"] != out[0].Headers["location"] {
				t.Errorf("%s: %d to %q, the other to %q", path, r.StatusCode, r.Headers["location"], out[0].Headers["location"])
			}
		}
		return out
	}
	answer := url.Values{web.StampField: {stamp(spath)}, "org_name": {"Kulturbrücke e.V."}, "fields_of_activity": {"culture"},
		"members": {"20-49"}, "consent.privacy": {"true"}}
	twice(a.survey, "/s/{surveyId}", spath, sp, answer)
	if n := len(a.itemsByType(t)["response"]); n != 1 {
		t.Errorf("%d answers stored, want 1", n)
	}
	answer.Set("members", "50-99")
	changed := pageCall(t, a.survey, "POST", "/s/{surveyId}", spath, sp, "lang=de", answer, nil)
	noKeyTalk(t, "changed answer", changed)
	if changed.StatusCode != 303 || len(a.itemsByType(t)["response"]) != 2 {
		t.Errorf("the form sent again with another answer: %d, %d answers stored", changed.StatusCode, len(a.itemsByType(t)["response"]))
	}

	reg := url.Values{web.StampField: {stamp(mpath)}, "name": {"Ayşe Yılmaz"}, "email": {"ayse@verein.example"}, "consent.privacy": {"true"}}
	out := twice(a.meeting, "/m/{meetingId}", mpath, mp, reg)
	if n := len(a.itemsByType(t)["registration"]); n != 1 || !strings.HasPrefix(out[0].Headers["location"], "/r/") {
		t.Errorf("%d registrations stored, want 1 (to %q)", n, out[0].Headers["location"])
	}
}
