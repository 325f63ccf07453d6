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
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	template "github.com/integration-offices/netzwerk-backend/third_party/htmltemplate"
)

// renderedStamp is the stamp of a rendered form page.
func renderedStamp(t *testing.T, resp events.APIGatewayV2HTTPResponse) string {
	t.Helper()
	m := testenv.StampInput.FindStringSubmatch(resp.Body)
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
	if err := survey.ValidateDefinition(d, "de"); err != nil {
		t.Fatalf("the look-alike survey is refused: %v", err)
	}
	if err := a.Store.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	p, path := map[string]string{"surveyId": d.ID}, "/s/"+d.ID
	get := testenv.Page(t, a.handler, "GET", "/s/{surveyId}", path, p, "lang=de", nil, nil)
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
	form := url.Values{web.StampField: {testenv.Stamp(path)}}
	for k, v := range answers {
		form[k] = v
	}
	resp := testenv.Page(t, a.handler, "POST", "/s/{surveyId}", path, p, "lang=de", form, nil)
	if resp.StatusCode != 422 || !strings.Contains(resp.Body, `href="#consent-privacy"`) || strings.Contains(resp.Body, `<li><a class="kern-link" href="#main">`) {
		t.Fatalf("without consent: %d %s", resp.StatusCode, resp.Body[strings.Index(resp.Body, "error-summary"):][:800])
	}
	for _, q := range d.Questions {
		if !strings.Contains(resp.Body, `name="`+q.ID+`" value="`+answers.Get(q.ID)+`"`) {
			t.Errorf("after the error round, %s lost its answer", q.ID)
		}
	}
	form.Set(web.StampField, testenv.Stamp(path))
	form.Set("consent.privacy", "true")
	resp = testenv.Page(t, a.handler, "POST", "/s/{surveyId}", path, p, "lang=de", form, nil)
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
	a := testenv.NewFunctions(t, testenv.At(rendered))
	c := a.Clock

	// 50 renders at once, in one millisecond: 50 stamps.
	sp, spath := map[string]string{"surveyId": seed.SurveyID}, "/s/"+seed.SurveyID
	stamps := make([]string, 50)
	var wg sync.WaitGroup
	for i := range stamps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stamps[i] = renderedStamp(t, testenv.Page(t, a.Survey, "GET", "/s/{surveyId}", spath, sp, "lang=de", nil, nil))
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

	c.Set(rendered.Add(10 * time.Second))
	orgs := []string{"Kulturbrücke e.V.", "Deutsch-Türkischer Kulturverein e.V."}
	resps := make([]events.APIGatewayV2HTTPResponse, 2)
	for i, org := range orgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			form := url.Values{web.StampField: {stamps[i]}, "org_name": {org}, "fields_of_activity": {"culture"},
				"members": {"20-49"}, "consent.privacy": {"true"}}
			resps[i] = testenv.Page(t, a.Survey, "POST", "/s/{surveyId}", spath, sp, "lang=de", form, nil)
		}()
	}
	wg.Wait()
	for i, r := range resps {
		noKeyTalk(t, "answer", r)
		if r.StatusCode != 303 {
			t.Errorf("answer of %s: %d %.500s", orgs[i], r.StatusCode, r.Body)
		}
	}
	if n := len(a.Items(t)["response"]); n != 2 {
		t.Errorf("%d answers stored, want 2", n)
	}

	// The meeting: two people, forms rendered in one millisecond.
	c.Set(rendered)
	mp, mpath := map[string]string{"meetingId": seed.MeetingID}, "/m/"+seed.MeetingID
	mstamps := []string{
		renderedStamp(t, testenv.Page(t, a.Meeting, "GET", "/m/{meetingId}", mpath, mp, "lang=de", nil, nil)),
		renderedStamp(t, testenv.Page(t, a.Meeting, "GET", "/m/{meetingId}", mpath, mp, "lang=de", nil, nil)),
	}
	c.Set(rendered.Add(10 * time.Second))
	for i, who := range []string{"ayse", "olena"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			form := url.Values{web.StampField: {mstamps[i]}, "name": {who}, "email": {who + "@verein.example"}, "consent.privacy": {"true"}}
			resps[i] = testenv.Page(t, a.Meeting, "POST", "/m/{meetingId}", mpath, mp, "lang=de", form, nil)
		}()
	}
	wg.Wait()
	for i, r := range resps {
		noKeyTalk(t, "registration", r)
		if r.StatusCode != 303 || !strings.HasPrefix(r.Headers["location"], "/r/") {
			t.Errorf("registration %d: %d %.500s", i, r.StatusCode, r.Body)
		}
	}
	if n := len(a.Items(t)["registration"]); n != 2 {
		t.Errorf("%d registrations stored, want 2", n)
	}
}

// The same form sent twice at once (a double click) is stored once, and
// both posts lead to the same place; sent again with other values (back,
// change, send) it is a new answer, never a page about keys.
func TestSameFormSentTwiceIsStoredOnce(t *testing.T) {
	a := testenv.NewFunctions(t)
	sp, spath := map[string]string{"surveyId": seed.SurveyID}, "/s/"+seed.SurveyID
	mp, mpath := map[string]string{"meetingId": seed.MeetingID}, "/m/"+seed.MeetingID
	twice := func(h app.Handler, route, path string, params map[string]string, form url.Values) [2]events.APIGatewayV2HTTPResponse {
		var out [2]events.APIGatewayV2HTTPResponse
		var wg sync.WaitGroup
		for i := range out {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out[i] = testenv.Page(t, h, "POST", route, path, params, "lang=de", form, nil)
			}()
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
	answer := url.Values{web.StampField: {testenv.Stamp(spath)}, "org_name": {"Kulturbrücke e.V."}, "fields_of_activity": {"culture"},
		"members": {"20-49"}, "consent.privacy": {"true"}}
	twice(a.Survey, "/s/{surveyId}", spath, sp, answer)
	if n := len(a.Items(t)["response"]); n != 1 {
		t.Errorf("%d answers stored, want 1", n)
	}
	answer.Set("members", "50-99")
	changed := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}", spath, sp, "lang=de", answer, nil)
	noKeyTalk(t, "changed answer", changed)
	if changed.StatusCode != 303 || len(a.Items(t)["response"]) != 2 {
		t.Errorf("the form sent again with another answer: %d, %d answers stored", changed.StatusCode, len(a.Items(t)["response"]))
	}

	reg := url.Values{web.StampField: {testenv.Stamp(mpath)}, "name": {"Ayşe Yılmaz"}, "email": {"ayse@verein.example"}, "consent.privacy": {"true"}}
	out := twice(a.Meeting, "/m/{meetingId}", mpath, mp, reg)
	if n := len(a.Items(t)["registration"]); n != 1 || !strings.HasPrefix(out[0].Headers["location"], "/r/") {
		t.Errorf("%d registrations stored, want 1 (to %q)", n, out[0].Headers["location"])
	}
}

// Number fields are text fields that read what people type (a decimal
// comma, grouped thousands) and say in words what is wrong (ca. 2005);
// NaN and infinities are a field error, never a 500. A web address is
// taken without https://, and the demo's "Website or social media" takes
// an @handle.
func TestNumberAndWebAddressFieldsKeepWhatPeopleType(t *testing.T) {
	a := newAPI(t)
	d := seed.DemoSurvey()
	d.ID = "numbers"
	d.Questions = append(d.Questions, survey.Question{ID: "hours", Type: survey.TypeNumber, Section: d.Questions[0].Section,
		Label: survey.Text{"de": "Stunden pro Woche", "en": "Hours a week"}, Rules: survey.Rules{Min: survey.NumberBound(0), Max: survey.NumberBound(100)}})
	if err := a.Store.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	p, path := map[string]string{"surveyId": d.ID}, "/s/"+d.ID
	get := testenv.Page(t, a.handler, "GET", "/s/{surveyId}", path, p, "lang=de", nil, nil)
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`type="text" id="q-year_founded" name="year_founded"[^>]* inputmode="numeric"`),
		regexp.MustCompile(`type="text" id="q-hours" name="hours"[^>]* inputmode="decimal"`),
		regexp.MustCompile(`type="text" id="q-website" name="website"`),
	} {
		if !want.MatchString(get.Body) {
			t.Errorf("survey page lacks %s", want)
		}
	}
	if strings.Contains(get.Body, `type="number"`) {
		t.Error(`a type="number" field on the page`)
	}
	base := url.Values{"org_name": {"Kulturbrücke e.V."}, "fields_of_activity": {"culture"}, "members": {"20-49"}, "consent.privacy": {"true"}}
	post := func(lang string, extra url.Values) events.APIGatewayV2HTTPResponse {
		f := url.Values{web.StampField: {testenv.Stamp(path)}}
		for k, v := range base {
			f[k] = v
		}
		for k, v := range extra {
			f[k] = v
		}
		return testenv.Page(t, a.handler, "POST", "/s/{surveyId}", path, p, "lang="+lang, f, nil)
	}
	for _, c := range []struct {
		lang, field, value, message string
	}{
		{"de", "year_founded", "ca. 2005", "Bitte bei „Gründungsjahr“ nur eine Zahl eingeben, z. B. 2005."},
		{"en", "volunteers", "about 20", "please enter a number only, e.g. 12."},
		{"de", "hours", "NaN", "Bitte bei „Stunden pro Woche“ nur eine Zahl eingeben, z. B. 2,5."},
		{"de", "volunteers", "Inf", "z. B. 12."},
		{"de", "paid_staff", "-infinity", "z. B. 12."},
		{"de", "volunteers", "1,5", "Bitte bei „Anzahl Ehrenamtliche“ eine ganze Zahl ohne Komma eingeben."},
		{"de", "website", "javascript:alert(1)", "Bitte bei „Website oder Social Media“ eine Webadresse oder einen Namen in sozialen Medien eingeben"},
	} {
		resp := post(c.lang, url.Values{c.field: {c.value}})
		if resp.StatusCode != 422 || !strings.Contains(resp.Body, `href="#q-`+c.field+`">`) || !strings.Contains(resp.Body, c.message) ||
			!strings.Contains(resp.Body, `name="`+c.field+`" value="`+template.HTMLEscapeString(c.value)+`"`) {
			t.Errorf("%s = %q: %d, want 422 with %q and the value kept", c.field, c.value, resp.StatusCode, c.message)
		}
	}
	if n := len(a.responses(t, d.ID)); n != 0 {
		t.Fatalf("%d answers stored from refused forms", n)
	}
	for _, c := range []struct {
		form url.Values
		want map[string]any
	}{
		{url.Values{"year_founded": {"1987"}, "volunteers": {"1.000"}, "hours": {"1,5"}, "website": {"www.verein.de"}},
			map[string]any{"year_founded": 1987.0, "volunteers": 1000.0, "hours": 1.5, "website": "https://www.verein.de"}},
		{url.Values{"year_founded": {"١٩٨٧"}, "hours": {"0.5"}, "website": {"@kulturbruecke"}},
			map[string]any{"year_founded": 1987.0, "hours": 0.5, "website": "@kulturbruecke"}},
	} {
		before := len(a.responses(t, d.ID))
		if resp := post("de", c.form); resp.StatusCode != 303 {
			t.Fatalf("%v: %d %.300s", c.form, resp.StatusCode, resp.Body)
		}
		all := a.responses(t, d.ID)
		if len(all) != before+1 {
			t.Fatalf("%d answers stored", len(all))
		}
		var got map[string]any
		for _, r := range all {
			if ans := r["answers"].(map[string]any); ans["hours"] == c.want["hours"] {
				got = ans
			}
		}
		for k, v := range c.want {
			if got[k] != v {
				t.Errorf("%v: stored %s = %#v, want %#v", c.form, k, got[k], v)
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }

// On a form page the language switch sends the form: the page comes back
// in the new language with everything typed kept and the same stamp,
// nothing checked (not even the fill time), stored or counted. Pages
// without a form keep plain links.
func TestLanguageSwitchKeepsWhatWasTyped(t *testing.T) {
	a := testenv.NewFunctions(t)
	sp, spath := map[string]string{"surveyId": seed.SurveyID}, "/s/"+seed.SurveyID
	get := testenv.Page(t, a.Survey, "GET", "/s/{surveyId}", spath, sp, "lang=de", nil, nil)
	if !strings.Contains(get.Body, `<form method="post" action="`+spath+`?lang=de" novalidate class="stack" id="survey-form">`) ||
		!strings.Contains(get.Body, `<button class="kern-link" type="submit" form="survey-form" name="`+web.LangField+`" value="ar" formnovalidate lang="ar">العربية</button>`) ||
		!strings.Contains(get.Body, `name="`+web.LangField+`" value="de" formnovalidate lang="de" aria-current="true">Deutsch</button>`) {
		t.Fatalf("the survey's language switch is no set of buttons of its form: %.2500s", get.Body)
	}
	items := a.Count(t)
	fresh := renderedStamp(t, get) // rendered just now: too young to send
	form := url.Values{web.StampField: {fresh}, "org_name": {"Kulturbrücke e.V. – جمعية"}, "fields_of_activity": {"culture", "women"},
		"year_founded": {"ca. 2005"}, "members": {"20-49"}, "consent.privacy": {"true"}, web.LangField: {"ar"}}
	ar := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}", spath, sp, "lang=de", form, nil)
	if ar.StatusCode != 200 || !strings.Contains(ar.Body, `<html lang="ar" dir="rtl">`) || strings.Contains(ar.Body, "error-summary") ||
		!strings.Contains(ar.Body, `value="Kulturbrücke e.V. – جمعية"`) || !strings.Contains(ar.Body, `value="ca. 2005"`) ||
		!regexp.MustCompile(`value="women" checked`).MatchString(ar.Body) || !strings.Contains(ar.Body, `id="consent-privacy" name="consent.privacy" value="true" checked`) ||
		renderedStamp(t, ar) != fresh || !strings.Contains(ar.Body, `action="`+spath+`?lang=ar"`) {
		t.Fatalf("switched to Arabic: %d %.3000s", ar.StatusCode, ar.Body)
	}
	// A code we do not have: the page as it was, in German.
	form.Set(web.LangField, "xx")
	if de := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}", spath, sp, "lang=de", form, nil); de.StatusCode != 200 || !strings.Contains(de.Body, `<html lang="de"`) {
		t.Errorf("switch to xx: %d", de.StatusCode)
	}
	// A stamp not ours: the switch still shows the form, with a new stamp.
	form.Set(web.StampField, "forged")
	if r := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}", spath, sp, "lang=de", form, nil); r.StatusCode != 200 || renderedStamp(t, r) == "forged" {
		t.Errorf("switch with a forged stamp: %d", r.StatusCode)
	}
	if n := a.Count(t); n != items {
		t.Fatalf("switching languages wrote %d items", n-items)
	}
	// Sent later, the same form is an answer like any other.
	form.Del(web.LangField)
	form.Set(web.StampField, testenv.Stamp(spath))
	form.Set("year_founded", "2005")
	if r := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}", spath, sp, "lang=ar", form, nil); r.StatusCode != 303 || len(a.Items(t)["response"]) != 1 {
		t.Fatalf("sent after switching: %d %.500s", r.StatusCode, r.Body)
	}

	// The meeting's form the same way.
	mp, mpath := map[string]string{"meetingId": seed.MeetingID}, "/m/"+seed.MeetingID
	mget := testenv.Page(t, a.Meeting, "GET", "/m/{meetingId}", mpath, mp, "lang=de", nil, nil)
	if !strings.Contains(mget.Body, `id="register-form"`) || !strings.Contains(mget.Body, `form="register-form" name="`+web.LangField+`" value="uk"`) {
		t.Fatalf("the meeting's language switch: %.2500s", mget.Body)
	}
	items = a.Count(t)
	reg := url.Values{web.StampField: {renderedStamp(t, mget)}, "name": {"Олена Коваль"}, "email": {"olena@verein.example"},
		"language": {"uk"}, "needs.dietary": {"vegetarisch"}, web.LangField: {"fa"}}
	fa := testenv.Page(t, a.Meeting, "POST", "/m/{meetingId}", mpath, mp, "lang=de", reg, nil)
	if fa.StatusCode != 200 || !strings.Contains(fa.Body, `<html lang="fa" dir="rtl">`) || !strings.Contains(fa.Body, `value="Олена Коваль"`) ||
		!strings.Contains(fa.Body, `value="vegetarisch"`) || !strings.Contains(fa.Body, `<option value="uk" lang="uk" selected>`) ||
		strings.Contains(fa.Body, "error-summary") || renderedStamp(t, fa) != reg.Get(web.StampField) {
		t.Fatalf("meeting switched to Farsi: %d %.3000s", fa.StatusCode, fa.Body)
	}
	if n := a.Count(t); n != items {
		t.Fatalf("switching languages wrote %d items", n-items)
	}

	// Pages without a form: links.
	thanks := testenv.Page(t, a.Survey, "GET", "/s/{surveyId}/thanks", spath+"/thanks", sp, "lang=de", nil, nil)
	if !strings.Contains(thanks.Body, `hreflang="ar"`) || strings.Contains(thanks.Body, web.LangField) {
		t.Errorf("thanks page: %.1500s", thanks.Body)
	}
}

// The form's own field names are no question ids: a definition that
// tried one is refused when saved.
func TestFormFieldsAreNoQuestionIDs(t *testing.T) {
	for _, name := range []string{web.HoneypotField, web.StampField, web.LangField, "invitation", "lang", "consent.privacy", "consent.publishProfile"} {
		d := lookalikes()
		d.Questions[0].ID = name
		if survey.ValidateDefinition(d, "de") == nil {
			t.Errorf("a question may be called %q", name)
		}
	}
}
