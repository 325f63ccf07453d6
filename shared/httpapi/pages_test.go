package httpapi_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

func checkPageHeaders(t *testing.T, what string, resp events.APIGatewayV2HTTPResponse, private bool) {
	t.Helper()
	h := resp.Headers
	if !strings.HasPrefix(h["content-type"], "text/html") || !strings.Contains(h["content-security-policy"], "default-src 'none'") ||
		!strings.Contains(h["content-security-policy"], "frame-ancestors 'none'") || h["referrer-policy"] != "no-referrer" ||
		h["x-content-type-options"] != "nosniff" || h["strict-transport-security"] != "max-age=31536000; includeSubDomains" {
		t.Errorf("%s: headers %v", what, h)
	}
	if private && h["cache-control"] != "no-store" {
		t.Errorf("%s: a token page without no-store: %v", what, h["cache-control"])
	}
	if strings.Contains(resp.Body, "<script") || strings.Contains(resp.Body, "style=") {
		t.Errorf("%s: script or inline style in the page", what)
	}
}

func TestSurveyPage(t *testing.T) {
	a := newAPI(t)
	p := map[string]string{"surveyId": seed.SurveyID}
	path := "/s/" + seed.SurveyID
	get := testenv.Page(t, a.handler, "GET", "/s/{surveyId}", path, p, "lang=ar", nil, nil)
	// The demo survey has sections: its first page is the first section.
	if get.StatusCode != 200 || !strings.Contains(get.Body, `<html lang="ar" dir="rtl">`) || !strings.Contains(get.Body, `name="org_name"`) ||
		!strings.Contains(get.Body, `name="page.step" value="identity"`) || strings.Contains(get.Body, `name="fields_of_activity"`) {
		t.Fatalf("GET: %d %.300s", get.StatusCode, get.Body)
	}
	checkPageHeaders(t, "survey page", get, false)

	valid := url.Values{"org_name": {"Deutsch-Türkischer Kulturverein e.V."}, "fields_of_activity": {"culture", "youth"},
		"members": {"20-49"}, "volunteers": {"12"}, "consent.privacy": {"true"}}
	post := func(form url.Values, headers map[string]string) events.APIGatewayV2HTTPResponse {
		return testenv.Page(t, a.handler, "POST", "/s/{surveyId}", path, p, "lang=de", form, headers)
	}
	with := func(extra url.Values) url.Values {
		f := url.Values{web.StampField: {testenv.Stamp(path)}}
		for k, v := range extra {
			f[k] = v
		}
		return f
	}
	// Bad input: a page that says what to do, nothing stored.
	bad := with(url.Values{"org_name": {"Kulturbrücke"}, "volunteers": {"viele"}})
	resp := post(bad, nil)
	if resp.StatusCode != 422 || !strings.Contains(resp.Body, `href="#q-fields_of_activity"`) || !strings.Contains(resp.Body, `href="#consent-privacy"`) ||
		!strings.Contains(resp.Body, `value="Kulturbrücke"`) || !strings.Contains(resp.Body, `aria-invalid="true"`) ||
		!strings.Contains(resp.Body, "<title>Fehler: ") || !strings.Contains(resp.Body, `id="q-fields_of_activity-error"`) {
		t.Errorf("invalid answers: %d %.2000s", resp.StatusCode, resp.Body)
	}
	checkPageHeaders(t, "survey with errors", resp, false)
	// The whole form posted at once (no page.step) is answered as the
	// whole form: every control of the survey.
	for _, want := range []string{`name="consent.privacy"`, `name="consent.publishProfile"`, `type="email"`, `type="tel"`, `name="website"`,
		`inputmode="numeric"`, `<textarea`, `type="checkbox"`, `type="radio"`, `<legend`, `maxlength=`, `name="form.lang" value="de"`} {
		if !strings.Contains(resp.Body, want) {
			t.Errorf("survey page lacks %s", want)
		}
	}
	noStamp := url.Values{}
	for k, v := range valid {
		noStamp[k] = v
	}
	for what, c := range map[string]struct {
		form    url.Values
		headers map[string]string
		status  int
	}{
		"no stamp":     {noStamp, nil, 422},
		"too fast":     {with(url.Values{web.StampField: {web.Stamp(mustTokens(), path, time.Now())}}), nil, 422},
		"honeypot":     {with(url.Values{web.HoneypotField: {"http://spam.example"}}), nil, 422},
		"cross-site":   {with(valid), map[string]string{"sec-fetch-site": "cross-site"}, 403},
		"other origin": {with(valid), map[string]string{"origin": "https://evil.example", "sec-fetch-site": ""}, 403},
		"json body":    {with(valid), map[string]string{"content-type": "application/json"}, 415},
		"too large":    {with(url.Values{"needs_details": {strings.Repeat("x", 70<<10)}}), nil, 413},
	} {
		f := c.form
		if what == "too fast" {
			f = with(valid)
			f.Set(web.StampField, web.Stamp(mustTokens(), path, time.Now()))
		}
		if what == "honeypot" {
			f = with(valid)
			f.Set(web.HoneypotField, "http://spam.example")
		}
		if resp := post(f, c.headers); resp.StatusCode != c.status || !strings.HasPrefix(resp.Headers["content-type"], "text/html") {
			t.Errorf("%s: %d %.300s", what, resp.StatusCode, resp.Body)
		}
	}
	if n := len(a.responses(t, seed.SurveyID)); n != 0 {
		t.Fatalf("rejected forms stored %d responses", n)
	}
	// A good form, sent twice (a double click): one answer, 303 each.
	good := with(valid)
	for i := 0; i < 2; i++ {
		resp := post(good, nil)
		if resp.StatusCode != 303 || !strings.HasPrefix(resp.Headers["location"], path+"/thanks?") {
			t.Fatalf("submit %d: %d %v %.300s", i, resp.StatusCode, resp.Headers, resp.Body)
		}
	}
	stored := a.responses(t, seed.SurveyID)
	if len(stored) != 1 || stored[0]["answers"].(map[string]any)["org_name"] != "Deutsch-Türkischer Kulturverein e.V." ||
		stored[0]["answers"].(map[string]any)["volunteers"] != float64(12) {
		t.Fatalf("stored %v", stored)
	}
	thanks := testenv.Page(t, a.handler, "GET", "/s/{surveyId}/thanks", path+"/thanks", p, "lang=tr", nil, nil)
	if thanks.StatusCode != 200 || !strings.Contains(thanks.Body, "Teşekkürler!") {
		t.Errorf("thanks: %d %.300s", thanks.StatusCode, thanks.Body)
	}
	missing := testenv.Page(t, a.handler, "GET", "/s/{surveyId}", "/s/nope", map[string]string{"surveyId": "nope"}, "lang=uk", nil, nil)
	if missing.StatusCode != 404 || !strings.Contains(missing.Body, "Не знайдено") {
		t.Errorf("unknown survey: %d %.300s", missing.StatusCode, missing.Body)
	}
	// The CSS: fingerprinted, cached for a year; anything else 404.
	css := regexp.MustCompile(`href="/assets/([^"]+\.css)"`).FindAllStringSubmatch(get.Body, -1)
	if len(css) != 2 {
		t.Fatalf("stylesheets: %v", css)
	}
	for _, m := range css {
		resp := testenv.Page(t, a.handler, "GET", "/assets/{file}", "/assets/"+m[1], map[string]string{"file": m[1]}, "", nil, nil)
		if resp.StatusCode != 200 || !strings.Contains(resp.Headers["cache-control"], "max-age=31536000") || !strings.HasPrefix(resp.Headers["content-type"], "text/css") {
			t.Errorf("asset %s: %d %v", m[1], resp.StatusCode, resp.Headers)
		}
	}
	if resp := testenv.Page(t, a.handler, "GET", "/assets/{file}", "/assets/kern.min.css", map[string]string{"file": "kern.min.css"}, "", nil, nil); resp.StatusCode != 404 {
		t.Errorf("unfingerprinted asset: %d", resp.StatusCode)
	}
}

func mustTokens() *linktoken.Minter {
	m, _ := linktoken.New(testenv.Secret)
	return m
}

func TestMeetingAndManagePages(t *testing.T) {
	a := newMeetingAPI(t, 1)
	p := map[string]string{"meetingId": seed.MeetingID}
	path := "/m/" + seed.MeetingID
	get := testenv.Page(t, a.handler, "GET", "/m/{meetingId}", path, p, "lang=de", nil, nil)
	if get.StatusCode != 200 || !strings.Contains(get.Body, `autocomplete="email"`) || !strings.Contains(get.Body, `name="needs.interpretation"`) ||
		!strings.Contains(get.Body, "Noch 1 Platz frei.") {
		t.Fatalf("GET: %d %.1500s", get.StatusCode, get.Body)
	}
	checkPageHeaders(t, "meeting page", get, false)
	form := url.Values{web.StampField: {testenv.Stamp(path)}, "name": {"Ayşe Yılmaz"}, "email": {"ayse@verein.example"},
		"organisation": {"DTKV e.V."}, "language": {"tr"}, "needs.dietary": {"vegetarisch"}, "consent.privacy": {"true"}}
	bad := url.Values{web.StampField: {testenv.Stamp(path)}, "name": {"Ayşe"}, "email": {"müller@verein.example"}}
	resp := testenv.Page(t, a.handler, "POST", "/m/{meetingId}", path, p, "lang=de", bad, nil)
	if resp.StatusCode != 422 || !strings.Contains(resp.Body, `href="#email"`) || !strings.Contains(resp.Body, `href="#consent-privacy"`) ||
		!strings.Contains(resp.Body, `value="Ayşe"`) {
		t.Errorf("invalid registration: %d %.1500s", resp.StatusCode, resp.Body)
	}
	resp = testenv.Page(t, a.handler, "POST", "/m/{meetingId}", path, p, "lang=de", form, nil)
	loc := resp.Headers["location"]
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/r/") {
		t.Fatalf("register: %d %v %.500s", resp.StatusCode, resp.Headers, resp.Body)
	}
	token := strings.TrimPrefix(loc[:strings.Index(loc, "?")], "/r/")
	tp := map[string]string{"token": token}
	manage := testenv.Page(t, a.handler, "GET", "/r/{token}", "/r/"+token, tp, "new=1&lang=de", nil, nil)
	if manage.StatusCode != 200 || !strings.Contains(manage.Body, "Sie sind angemeldet.") || !strings.Contains(manage.Body, "Ayşe Yılmaz") ||
		!strings.Contains(manage.Body, "/calendar.ics") {
		t.Fatalf("manage: %d %.1500s", manage.StatusCode, manage.Body)
	}
	checkPageHeaders(t, "manage page", manage, true)
	ics := testenv.Page(t, a.handler, "GET", "/r/{token}/calendar.ics", "/r/"+token+"/calendar.ics", tp, "", nil, nil)
	if ics.StatusCode != 200 || !strings.HasPrefix(ics.Headers["content-type"], "text/calendar") || !strings.Contains(ics.Body, "BEGIN:VEVENT") ||
		ics.Headers["strict-transport-security"] != web.HSTS {
		t.Errorf("calendar: %d %v", ics.StatusCode, ics.Headers)
	}
	// The same address again: the page says so at the address.
	again := url.Values{}
	for k, v := range form {
		again[k] = v
	}
	again.Set(web.StampField, testenv.Stamp(path))
	if resp := testenv.Page(t, a.handler, "POST", "/m/{meetingId}", path, p, "lang=de", again, nil); resp.StatusCode != 422 || !strings.Contains(resp.Body, `href="#email"`) {
		t.Errorf("twice: %d %.500s", resp.StatusCode, resp.Body)
	}
	// Cancel: one confirm step; nothing changes before it.
	confirm := testenv.Page(t, a.handler, "POST", "/r/{token}/cancel", "/r/"+token+"/cancel", tp, "lang=de", url.Values{}, nil)
	if confirm.StatusCode != 200 || !strings.Contains(confirm.Body, `name="confirm" value="yes"`) || a.Counters(t).Confirmed != 1 {
		t.Fatalf("confirm step: %d %.500s", confirm.StatusCode, confirm.Body)
	}
	for i := 0; i < 2; i++ { // a second cancel changes nothing
		done := testenv.Page(t, a.handler, "POST", "/r/{token}/cancel", "/r/"+token+"/cancel", tp, "lang=de", url.Values{"confirm": {"yes"}}, nil)
		if done.StatusCode != 303 {
			t.Fatalf("cancel %d: %d %.500s", i, done.StatusCode, done.Body)
		}
	}
	after := testenv.Page(t, a.handler, "GET", "/r/{token}", "/r/"+token, tp, "lang=de", nil, nil)
	// After cancelling: no cancel button, no personal data, but the
	// person may still have their data erased.
	if !strings.Contains(after.Body, "Diese Anmeldung ist abgesagt.") || strings.Contains(after.Body, `/cancel?lang=de"`) ||
		!strings.Contains(after.Body, `/cancel?lang=de&amp;erase=true"`) || a.Counters(t).Confirmed != 0 {
		t.Errorf("after cancel: %.1500s", after.Body)
	}
	// Unknown and malformed tokens: the same 404 page.
	unknown := testenv.Page(t, a.handler, "GET", "/r/{token}", "/r/x", map[string]string{"token": strings.Repeat("A", 43)}, "lang=fa", nil, nil)
	malformed := testenv.Page(t, a.handler, "GET", "/r/{token}", "/r/x", map[string]string{"token": "%%%"}, "lang=fa", nil, nil)
	if unknown.StatusCode != 404 || malformed.StatusCode != 404 || unknown.Body != malformed.Body || !strings.Contains(unknown.Body, `dir="rtl"`) {
		t.Errorf("unknown token: %d, malformed: %d", unknown.StatusCode, malformed.StatusCode)
	}
}

// TestPersonalSurveyLink: through an invitation the organisation is
// filled in, and after answering its earlier answers are shown to change;
// a closed survey says so and since when.
func TestPersonalSurveyLink(t *testing.T) {
	a := testenv.NewFunctions(t)
	p := map[string]string{"surveyId": seed.SurveyID}
	resp := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", p, "",
		`{"invitations":[{"organisation":"Kulturbrücke e.V.","email":"info@kulturbruecke.example","language":"de"}]}`)
	if resp.StatusCode != 201 {
		t.Fatal(resp.Body)
	}
	inv := a.Items(t)["invitation"][0]
	token := a.Tokens.Token("invitation", inv["id"].(string))
	path := "/s/" + seed.SurveyID
	q := "lang=de&invitation=" + url.QueryEscape(token)
	first := testenv.Page(t, a.Survey, "GET", "/s/{surveyId}", path, p, q, nil, nil)
	if first.StatusCode != 200 || !strings.Contains(first.Body, `value="Kulturbrücke e.V."`) || !strings.Contains(first.Body, `name="invitation"`) ||
		!strings.Contains(first.Body, `form="survey-form" name="form.lang"`) || first.Headers["cache-control"] != "no-store" {
		t.Fatalf("personal link: %d %v %.500s", first.StatusCode, first.Headers, first.Body)
	}
	// The language switch keeps the personal link: the form carries it.
	sw := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}", path, p, "lang=de", url.Values{web.StampField: {testenv.Stamp(path)}, "invitation": {token}, web.LangField: {"tr"}}, nil)
	if sw.StatusCode != 200 || !strings.Contains(sw.Body, `<html lang="tr"`) || !strings.Contains(sw.Body, `name="invitation" value="`+token+`"`) ||
		!strings.Contains(sw.Body, "Kulturbrücke e.V.") || sw.Headers["cache-control"] != "no-store" {
		t.Fatalf("switching the personal link's language: %d %v %.500s", sw.StatusCode, sw.Headers, sw.Body)
	}
	form := url.Values{web.StampField: {testenv.Stamp(path)}, "invitation": {token}, "org_name": {"Kulturbrücke e.V."},
		"fields_of_activity": {"culture", "women"}, "members": {"50-99"}, "consent.privacy": {"true"}}
	if resp := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}", path, p, "lang=de", form, nil); resp.StatusCode != 303 {
		t.Fatalf("answer: %d %.500s", resp.StatusCode, resp.Body)
	}
	again := testenv.Page(t, a.Survey, "GET", "/s/{surveyId}", path, p, q, nil, nil)
	// The first page (of the demo survey's sections) carries the other
	// pages' earlier answers.
	if !strings.Contains(again.Body, "Sie haben schon geantwortet") || !strings.Contains(again.Body, `name="fields_of_activity" value="women"`) ||
		!strings.Contains(again.Body, `name="members" value="50-99"`) {
		t.Errorf("earlier answers not shown: %.3000s", again.Body)
	}
	// The organisation erases its answer: one confirm step, then the
	// answer is gone, the invitation is marked erased (no reminders) and
	// the audit trail says the organisation asked.
	if !strings.Contains(again.Body, `action="/s/`+seed.SurveyID+`/erase?lang=de"`) {
		t.Fatalf("no erase form on the personal link: %.3000s", again.Body)
	}
	erase := path + "/erase"
	ask := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}/erase", erase, p, "lang=de", url.Values{"invitation": {token}}, nil)
	if ask.StatusCode != 200 || !strings.Contains(ask.Body, "Ihre Antwort wirklich löschen?") || len(a.Items(t)["response"]) != 1 {
		t.Fatalf("confirm step: %d %.1000s", ask.StatusCode, ask.Body)
	}
	if r := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}/erase", erase, p, "lang=de", url.Values{"invitation": {token}, "confirm": {"yes"}},
		map[string]string{"origin": "https://evil.example", "sec-fetch-site": "cross-site"}); r.StatusCode != 403 || len(a.Items(t)["response"]) != 1 {
		t.Fatalf("a cross-site erase: %d", r.StatusCode)
	}
	done := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}/erase", erase, p, "lang=de", url.Values{"invitation": {token}, "confirm": {"yes"}}, nil)
	items := a.Items(t)
	if done.StatusCode != 200 || !strings.Contains(done.Body, "Ihre Antwort ist gelöscht.") || len(items["response"]) != 0 ||
		items["invitation"][0]["status"] != "erased" || len(items["audit"]) != 1 || items["audit"][0]["actor"] != "organisation" {
		t.Fatalf("erase: %d, %d answers, invitation %v, audit %v", done.StatusCode, len(items["response"]), items["invitation"][0]["status"], items["audit"])
	}
	if r := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}/erase", erase, p, "lang=de", url.Values{"invitation": {token}, "confirm": {"yes"}}, nil); r.StatusCode != 404 {
		t.Errorf("erasing again: %d", r.StatusCode)
	}
	// A survey whose time is up.
	past := time.Now().Add(-time.Hour)
	opened := past.Add(-time.Hour)
	d := seed.DemoSurvey()
	d.ID, d.OpensAt, d.ClosesAt = "demo-closed", &opened, &past
	if err := a.Store.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	closed := testenv.Page(t, a.Survey, "GET", "/s/{surveyId}", "/s/demo-closed", map[string]string{"surveyId": "demo-closed"}, "lang=en", nil, nil)
	if closed.StatusCode != 409 || !strings.Contains(closed.Body, "This survey is closed.") {
		t.Errorf("closed survey: %d %.500s", closed.StatusCode, closed.Body)
	}
}
