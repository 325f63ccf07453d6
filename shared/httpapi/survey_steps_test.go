package httpapi_test

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// stepsSurvey is a survey in three sections whose second is asked only
// when the organisation has no rooms of its own.
func stepsSurvey(id string) *survey.Definition {
	no := []string{"no"}
	return &survey.Definition{Office: "demo", Settings: survey.Settings{ID: id, Title: survey.Text{"de": "Räume und Themen", "ar": "القاعات والمواضيع"},
		Sections: []survey.Section{
			{ID: "about", Title: survey.Text{"de": "Über Sie", "ar": "عنكم"}},
			{ID: "rooms", Title: survey.Text{"de": "Räume", "ar": "القاعات"}, ShowIf: &survey.ShowIf{All: []survey.Condition{{Question: "has_rooms", In: no}}}},
			{ID: "more", Title: survey.Text{"de": "Themen", "ar": "المواضيع"}},
		},
		Questions: []survey.Question{
			{ID: "org", Type: survey.TypeText, Section: "about", Label: survey.Text{"de": "Name der Organisation", "ar": "اسم المنظمة"}, Rules: survey.Rules{Required: true}, Profile: survey.ProfileName},
			{ID: "has_rooms", Type: survey.TypeYesNo, Section: "about", Label: survey.Text{"de": "Haben Sie eigene Räume?", "ar": "هل لديكم قاعات خاصة؟"}, Rules: survey.Rules{Required: true}},
			{ID: "rooms_needed", Type: survey.TypeNumber, Section: "rooms", Label: survey.Text{"de": "Wie viele Räume brauchen Sie?", "ar": "كم قاعة تحتاجون؟"}, Rules: survey.Rules{Required: true, Integer: true}},
			{ID: "topics", Type: survey.TypeMultipleChoice, Section: "more", Label: survey.Text{"de": "Themen", "ar": "المواضيع"},
				Options: []survey.Option{{Code: "youth", Label: survey.Text{"de": "Jugend", "ar": "الشباب"}}, {Code: "women", Label: survey.Text{"de": "Frauen", "ar": "النساء"}}}},
			{ID: "note", Type: survey.TypeLongText, Section: "more", Label: survey.Text{"de": "Anmerkung", "ar": "ملاحظة"}},
		}}}
}

var hiddenField = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// walker posts a sectioned survey's pages as a browser does: the hidden
// fields of the page shown, what is typed on it, and the button pressed.
type walker struct {
	t         *testing.T
	h         app.Handler
	id, query string
	last      events.APIGatewayV2HTTPResponse
}

func (w *walker) get(query string) events.APIGatewayV2HTTPResponse {
	w.t.Helper()
	w.last = testenv.Page(w.t, w.h, "GET", "/s/{surveyId}", "/s/"+w.id, map[string]string{"surveyId": w.id}, query, nil, nil)
	return w.last
}

// press sends the page shown with typed values and the button.
func (w *walker) press(typed url.Values, button, value string) events.APIGatewayV2HTTPResponse {
	w.t.Helper()
	form := url.Values{}
	for _, m := range hiddenField.FindAllStringSubmatch(w.last.Body, -1) {
		form.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	// A person took their time: the stamp of the first page, rendered
	// long enough ago.
	form.Set(web.StampField, testenv.Stamp("/s/"+w.id))
	for k, v := range typed {
		form[k] = v
	}
	form.Set(button, value)
	w.last = testenv.Page(w.t, w.h, "POST", "/s/{surveyId}", "/s/"+w.id, map[string]string{"surveyId": w.id}, w.query, form, nil)
	return w.last
}

func (w *walker) must(status int, want ...string) {
	w.t.Helper()
	if w.last.StatusCode != status {
		w.t.Fatalf("status %d, want %d: %.3000s", w.last.StatusCode, status, w.last.Body)
	}
	for _, s := range want {
		if !strings.Contains(w.last.Body, s) {
			w.t.Fatalf("page lacks %q: %.4000s", s, w.last.Body)
		}
	}
}

func (w *walker) mustNot(s string) {
	w.t.Helper()
	if strings.Contains(w.last.Body, s) {
		w.t.Fatalf("page has %q: %.4000s", s, w.last.Body)
	}
}

// TestSurveyOneSectionPerPage: a survey with sections is answered page by
// page: each page checked when it is left, a section whose questions are
// all hidden skipped and its answers dropped, back keeps what was entered,
// a check page with a change button per section, then one answer stored.
// Through the public link nothing is stored before it is sent.
func TestSurveyOneSectionPerPage(t *testing.T) {
	a := testenv.NewFunctions(t)
	d := stepsSurvey("steps-public")
	if err := a.Store.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	w := &walker{t: t, h: a.Survey, id: d.ID, query: "lang=de"}
	w.get("lang=de")
	w.must(200, "Schritt 1 von 2", `name="page.step" value="about"`, `name="org"`, `name="page.next"`)
	w.mustNot(`name="page.back"`)
	w.mustNot(`name="consent.privacy"`)

	// Leaving the page checks it: the organisation is missing.
	w.press(url.Values{"has_rooms": {"no"}}, "page.next", "1")
	w.must(422, "<title>Fehler: ", `href="#q-org"`, `id="q-org-error"`, "Schritt 1 von 3")
	w.mustNot(`href="#q-rooms_needed"`)
	w.press(url.Values{"org": {"Kulturbrücke e.V."}, "has_rooms": {"no"}}, "page.next", "1")
	w.must(200, "Schritt 2 von 3", `name="page.step" value="rooms"`, `name="rooms_needed"`,
		`<input type="hidden" name="org" value="Kulturbrücke e.V.">`, `name="page.back"`)
	w.press(url.Values{"rooms_needed": {"viele"}}, "page.next", "1")
	w.must(422, `href="#q-rooms_needed"`, `value="viele"`)
	w.press(url.Values{"rooms_needed": {"2"}}, "page.next", "1")
	w.must(200, "Schritt 3 von 3", `name="topics"`, `<input type="hidden" name="rooms_needed" value="2">`)

	// Back keeps what was entered on the page left and before.
	w.press(url.Values{"topics": {"women"}}, "page.back", "1")
	w.must(200, "Schritt 2 von 3", `value="2"`, `<input type="hidden" name="topics" value="women">`)
	w.press(url.Values{"rooms_needed": {"2"}}, "page.next", "1") // what the page's field holds
	w.must(200, `value="women" checked`)
	w.press(url.Values{"topics": {"women"}}, "page.next", "1")
	w.must(200, "Antworten prüfen", "Kulturbrücke e.V.", "Frauen", "Keine Angabe", `name="page.goto" value="rooms"`, `name="consent.privacy"`,
		`name="page.submit"`)

	// A change: rooms of its own. The rooms page is skipped from then on
	// and its answer dropped.
	w.press(nil, "page.goto", "about")
	w.must(200, "Schritt 1 von 3", `value="Kulturbrücke e.V."`)
	w.press(url.Values{"org": {"Kulturbrücke e.V."}, "has_rooms": {"yes"}}, "page.next", "1")
	w.must(200, "Schritt 2 von 2", `name="topics"`)
	w.mustNot(`name="rooms_needed"`)
	w.press(url.Values{"topics": {"women"}}, "page.next", "1")
	w.must(200, "Antworten prüfen")
	w.mustNot(`value="rooms"`)

	if n := len(a.Items(t)["response"]) + len(a.Items(t)["draft"]); n != 0 {
		t.Fatalf("%d items stored before sending through the public link", n)
	}
	// Sent without the consent: said on the check page.
	w.press(nil, "page.submit", "1")
	w.must(422, `href="#consent-privacy"`, "Antworten prüfen")
	w.press(url.Values{"consent.privacy": {"true"}}, "page.submit", "1")
	if w.last.StatusCode != 303 || !strings.HasPrefix(w.last.Headers["location"], "/s/"+d.ID+"/thanks?") {
		t.Fatalf("send: %d %v %.2000s", w.last.StatusCode, w.last.Headers, w.last.Body)
	}
	rs := a.Query(t, "SURVEY#"+d.ID, "RESP#")
	if len(rs) != 1 {
		t.Fatalf("%d answers stored", len(rs))
	}
	ans := rs[0]["answers"].(map[string]any)
	if ans["org"] != "Kulturbrücke e.V." || ans["has_rooms"] != true || ans["rooms_needed"] != nil || len(ans["topics"].([]any)) != 1 {
		t.Errorf("stored %v", ans)
	}
}

// TestPersonalLinkKeepsTheDraft: through a personal link what was
// entered is kept when a page is left: the organisation stops, comes
// back from its mail and continues where it stopped; sending deletes the
// draft.
func TestPersonalLinkKeepsTheDraft(t *testing.T) {
	a := testenv.NewFunctions(t)
	d := stepsSurvey("steps-personal")
	if err := a.Store.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	p := map[string]string{"surveyId": d.ID}
	if resp := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", p, "",
		`{"invitations":[{"organisation":"Kulturbrücke e.V.","email":"info@kulturbruecke.example","language":"de"}]}`); resp.StatusCode != 201 {
		t.Fatal(resp.Body)
	}
	// The first mail's link was of the token alone (mailed before links
	// named their invitation); the reminder's names it. Both share the
	// draft.
	id := a.Items(t)["invitation"][0]["id"].(string)
	token, link := a.Tokens.Token("invitation", id), invitation.Link(a.Tokens, id)
	q := "lang=de&invitation=" + url.QueryEscape(token)
	w := &walker{t: t, h: a.Survey, id: d.ID, query: "lang=de"}
	w.get(q)
	w.must(200, "Schritt 1 von 2", `value="Kulturbrücke e.V."`, `name="invitation"`)
	if w.last.Headers["cache-control"] != "no-store" {
		t.Errorf("a personal link's page: cache-control %q", w.last.Headers["cache-control"])
	}
	w.press(url.Values{"org": {"Kulturbrücke e.V."}, "has_rooms": {"no"}}, "page.next", "1")
	w.must(200, "Schritt 2 von 3")
	w.press(url.Values{"rooms_needed": {"3"}}, "page.next", "1")
	w.must(200, "Schritt 3 von 3")
	drafts := a.Items(t)["draft"]
	if len(drafts) != 1 || drafts[0]["step"] != "more" || strings.Contains(drafts[0]["sk"].(string), token) {
		t.Fatalf("draft %v", drafts)
	}
	if exp, ok := drafts[0]["expiresAt"].(float64); !ok || exp <= 0 {
		t.Errorf("a draft without TTL: %v", drafts[0]["expiresAt"])
	}

	// Back from the reminder, another day: the page where it stopped,
	// with what was entered.
	q = "lang=de&invitation=" + url.QueryEscape(link)
	w.get(q)
	w.must(200, "Schritt 3 von 3", `name="topics"`, `<input type="hidden" name="rooms_needed" value="3">`,
		`<input type="hidden" name="org" value="Kulturbrücke e.V.">`)
	w.press(url.Values{"topics": {"youth"}}, "page.next", "1")
	w.must(200, "Antworten prüfen", "Jugend")
	w.get(q)
	w.must(200, "Antworten prüfen", "Jugend", "3")
	w.press(url.Values{"consent.privacy": {"true"}}, "page.submit", "1")
	if w.last.StatusCode != 303 {
		t.Fatalf("send: %d %.2000s", w.last.StatusCode, w.last.Body)
	}
	items := a.Items(t)
	if len(items["draft"]) != 0 {
		t.Errorf("the draft outlives the answer: %v", items["draft"])
	}
	if len(items["response"]) != 1 || items["response"][0]["invitationId"] == nil {
		t.Fatalf("answers %v", items["response"])
	}
	// The earlier answer is shown again from the first page.
	w.get(q)
	w.must(200, "Schritt 1 von 3", "Sie haben schon geantwortet", `<input type="hidden" name="topics" value="youth">`)
	// Changed again, then the answer erased: what was entered since goes
	// with it.
	w.press(url.Values{"org": {"Kulturbrücke e.V."}, "has_rooms": {"no"}}, "page.next", "1")
	if n := len(a.Items(t)["draft"]); n != 1 {
		t.Fatalf("%d drafts after a page left again", n)
	}
	erased := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}/erase", "/s/"+d.ID+"/erase", p, "lang=de", url.Values{"invitation": {token}, "confirm": {"yes"}}, nil)
	if items := a.Items(t); erased.StatusCode != 200 || len(items["draft"]) != 0 || len(items["response"]) != 0 {
		t.Errorf("erased: %d, %d drafts, %d answers", erased.StatusCode, len(items["draft"]), len(items["response"]))
	}
}

// TestConditionalQuestionRequiredOnlyWhenAsked: a required question that
// a condition may hide is marked required (aria-required, the marker)
// only where it is asked: on its page, which shows only when it is, and
// on the whole form posted at once only while its condition holds. No
// control carries the HTML required attribute the browser would block on.
func TestConditionalQuestionRequiredOnlyWhenAsked(t *testing.T) {
	a := testenv.NewFunctions(t)
	d := stepsSurvey("steps-required")
	if err := a.Store.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	marked := regexp.MustCompile(`id="q-rooms_needed"[^>]*aria-required="true"`)
	w := &walker{t: t, h: a.Survey, id: d.ID, query: "lang=de"}
	w.get("lang=de")
	w.press(url.Values{"org": {"Verein"}, "has_rooms": {"no"}}, "page.next", "1")
	w.must(200, `name="rooms_needed"`)
	if !marked.MatchString(w.last.Body) {
		t.Errorf("the rooms question asked on its page is not marked required")
	}
	for has, want := range map[string]bool{"yes": false, "no": true} {
		// The whole form at once (no page.step), with a mistake: shown again whole.
		whole := url.Values{web.StampField: {testenv.Stamp("/s/" + d.ID)}, "has_rooms": {has}}
		resp := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}", "/s/"+d.ID, map[string]string{"surveyId": d.ID}, "lang=de", whole, nil)
		if resp.StatusCode != 422 || !strings.Contains(resp.Body, `name="rooms_needed"`) {
			t.Fatalf("whole form: %d %.2000s", resp.StatusCode, resp.Body)
		}
		if got := marked.MatchString(resp.Body); got != want {
			t.Errorf("whole form with rooms %s: rooms question marked required %v, want %v", has, got, want)
		}
		if regexp.MustCompile(`<(input|select|textarea)[^>]* required[ >]`).MatchString(resp.Body) {
			t.Errorf("a control carries the HTML required attribute")
		}
	}
}
