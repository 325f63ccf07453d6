package httpapi_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestOfficeNameAndLegalLinksOnEveryPage: the survey, meeting, thank-you
// and legal pages name the office from its profile and link its privacy
// notice, accessibility statement, feedback form, Leichte Sprache page
// and imprint in the footer.
func TestOfficeNameAndLegalLinksOnEveryPage(t *testing.T) {
	a := testenv.NewFunctions(t)
	links := []string{`href="/p/demo/privacy?lang=ar"`, `href="/p/demo/accessibility?lang=ar"`, `href="/p/demo/feedback?lang=ar"`,
		`href="/p/demo/easy?lang=ar"`, `href="https://www.landkreis.example/impressum"`}
	for _, p := range []struct {
		what, route, path string
		params            map[string]string
	}{
		{"survey", "/s/{surveyId}", "/s/" + seed.SurveyID, map[string]string{"surveyId": seed.SurveyID}},
		{"thanks", "/s/{surveyId}/thanks", "/s/" + seed.SurveyID + "/thanks", map[string]string{"surveyId": seed.SurveyID}},
		{"meeting", "/m/{meetingId}", "/m/" + seed.MeetingID, map[string]string{"meetingId": seed.MeetingID}},
		{"privacy", "/p/{officeId}/privacy", "/p/demo/privacy", map[string]string{"officeId": "demo"}},
		{"accessibility", "/p/{officeId}/accessibility", "/p/demo/accessibility", map[string]string{"officeId": "demo"}},
		{"easy", "/p/{officeId}/easy", "/p/demo/easy", map[string]string{"officeId": "demo"}},
		{"feedback", "/p/{officeId}/feedback", "/p/demo/feedback", map[string]string{"officeId": "demo"}},
	} {
		h := a.Survey
		if p.what == "meeting" {
			h = a.Meeting
		}
		resp := testenv.Page(t, h, "GET", p.route, p.path, p.params, "lang=ar", nil, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", p.what, resp.StatusCode, resp.Body)
		}
		checkPageHeaders(t, p.what, resp, false)
		if !strings.Contains(resp.Body, "إدارة مقاطعة موستركرايس") || strings.Contains(resp.Body, "site-header__id") {
			t.Errorf("%s: the office's name is not in the header", p.what)
		}
		for _, l := range links {
			if !strings.Contains(resp.Body, l) {
				t.Errorf("%s: no %s", p.what, l)
			}
		}
	}
}

// TestLegalPages: the privacy notice in the page's language with German
// as the binding text and every version readable; the accessibility
// statement from the profile; the Leichte Sprache page; an office
// without a profile and an unknown version are 404.
func TestLegalPages(t *testing.T) {
	a := newAPI(t)
	get := func(route, office, query string) (int, string) {
		resp := testenv.Page(t, a.handler, "GET", "/p/{officeId}/"+route, "/p/"+office+"/"+route, map[string]string{"officeId": office}, query, nil, nil)
		return resp.StatusCode, resp.Body
	}
	if st, body := get("privacy", "demo", "lang=de"); st != 200 || !strings.Contains(body, "Wer ist verantwortlich?") ||
		!strings.Contains(body, "datenschutz@landkreis.example") || strings.Contains(body, "Verbindlich ist") {
		t.Errorf("privacy de: %d %s", st, body)
	}
	if st, body := get("privacy", "demo", "lang=ar&version=2026-11"); st != 200 || !strings.Contains(body, "من المسؤول؟") ||
		!strings.Contains(body, "النص الألماني هو النص الملزم") {
		t.Errorf("privacy ar: %d %s", st, body)
	}
	if st, _ := get("privacy", "demo", "version=1999-01"); st != 404 {
		t.Errorf("unknown version: %d", st)
	}
	for _, r := range []string{"privacy", "accessibility", "easy", "feedback"} {
		if st, _ := get(r, "no-such-office", ""); st != 404 {
			t.Errorf("%s of an office without a profile: %d", r, st)
		}
	}
	if st, body := get("accessibility", "demo", "lang=de"); st != 200 || !strings.Contains(body, "teilweise mit der BITV 2.0 vereinbar") ||
		!strings.Contains(body, "Heruntergeladene Tabellen") || !strings.Contains(body, "https://www.lz-barr.de") || !strings.Contains(body, "/p/demo/feedback?lang=de") {
		t.Errorf("accessibility: %d %s", st, body)
	}
	if st, body := get("easy", "demo", "lang=de"); st != 200 || !strings.Contains(body, "<p class=\"kern-body\">Das ist ein Amt.</p>") {
		t.Errorf("easy: %d %s", st, body)
	}
}

// TestFeedbackForm: a barrier report is checked like every public form
// (bot guard, field errors in the page's language, nothing stored), then
// stored with a TTL and queued as a mail to the office, 303 to the
// thank-you page.
func TestFeedbackForm(t *testing.T) {
	a := newAPI(t)
	post := func(form url.Values, query string) (int, string, string) {
		resp := testenv.Page(t, a.handler, "POST", "/p/{officeId}/feedback", "/p/demo/feedback", map[string]string{"officeId": "demo"}, query, form, nil)
		return resp.StatusCode, resp.Body, resp.Headers["location"]
	}
	before := a.Count(t)
	if st, body, _ := post(url.Values{"message": {"Der Knopf ist zu klein."}}, "lang=de"); st != 422 || !strings.Contains(body, "error-summary") {
		t.Errorf("no stamp: %d", st)
	}
	if st, body, _ := post(url.Values{"message": {"  "}, "email": {"kein-at"}, "form.stamp": {testenv.Stamp("/p/demo/feedback")}}, "lang=ar"); st != 422 ||
		!strings.Contains(body, `href="#message"`) || !strings.Contains(body, `href="#email"`) || !strings.Contains(body, `aria-invalid="true"`) ||
		!strings.Contains(body, "ليس عنوان بريد إلكتروني صالحًا") {
		t.Errorf("bad message: %d %s", st, body)
	}
	if after := a.Count(t); after != before {
		t.Fatalf("refused messages wrote %d items", after-before)
	}
	st, _, loc := post(url.Values{"message": {"Der Knopf „Senden“ ist mit der Tastatur nicht erreichbar."}, "email": {"ayse@verein.example"},
		"page": {"/s/demo-needs-survey"}, "form.stamp": {testenv.Stamp("/p/demo/feedback")}}, "lang=de")
	if st != 303 || loc != "/p/demo/feedback?sent=1&lang=de" {
		t.Fatalf("send: %d %q", st, loc)
	}
	thanks := testenv.Page(t, a.handler, "GET", "/p/{officeId}/feedback", "/p/demo/feedback", map[string]string{"officeId": "demo"}, "sent=1&lang=de", nil, nil)
	if thanks.StatusCode != 200 || !strings.Contains(thanks.Body, "Danke für Ihre Nachricht") {
		t.Errorf("thanks: %d", thanks.StatusCode)
	}
	out, err := a.DB.Query(context.Background(), &dynamodb.QueryInput{TableName: &a.Table, KeyConditionExpression: aws.String("pk = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: "OFFICE#demo#FEEDBACK"}}})
	if err != nil || len(out.Items) != 1 {
		t.Fatalf("feedback items: %v %v", out, err)
	}
	var fb struct {
		Message, Email, Page, Office string
		ExpiresAt                    int64 `dynamodbav:"expiresAt"`
	}
	_ = attributevalue.UnmarshalMap(out.Items[0], &fb)
	if !strings.Contains(fb.Message, "Tastatur") || fb.Email != "ayse@verein.example" || fb.Page != "/s/demo-needs-survey" ||
		fb.ExpiresAt < time.Now().Add(300*24*time.Hour).Unix() || fb.ExpiresAt > time.Now().Add(400*24*time.Hour).Unix() {
		t.Errorf("stored: %+v", fb)
	}
	if after := a.Count(t); after != before+2 { // the message and its mail
		t.Errorf("items written: %d, want 2", after-before)
	}
}
