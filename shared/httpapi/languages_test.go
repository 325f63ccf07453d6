package httpapi_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestErrorsInEveryLanguage: an error response in each of the seven
// languages, asked for by ?lang= or by Accept-Language: the message and
// each field error in that language, naming the field by its label, the
// language stated in Content-Language, no German sentence.
func TestErrorsInEveryLanguage(t *testing.T) {
	a := newMeetingAPI(t, 5)
	s := newAPI(t)
	body := `{"name":"","email":"müller@verein.example","consent":{"privacy":false}}`
	for _, lang := range i18n.Supported {
		for _, how := range []map[string]string{{"q": "lang=" + lang}, {"accept-language": lang + ";q=0.9, de;q=0.1"}} {
			ev := events.APIGatewayV2HTTPRequest{RouteKey: "POST /meetings/{meetingId}/registrations", Body: body,
				RawPath: "/meetings/" + seed.MeetingID + "/registrations", RawQueryString: how["q"],
				PathParameters: map[string]string{"meetingId": seed.MeetingID},
				Headers:        map[string]string{"content-type": "application/json"}}
			if al := how["accept-language"]; al != "" {
				ev.Headers["accept-language"] = al
			}
			resp, err := a.handler(context.Background(), ev)
			if err != nil {
				t.Fatal(err)
			}
			var e testenv.ErrorBody
			_ = json.Unmarshal([]byte(resp.Body), &e)
			if resp.StatusCode != 422 || resp.Headers["content-language"] != lang || e.Error.Message != i18n.T(lang, "validation_failed") {
				t.Errorf("%s %v: %d %s %s", lang, how, resp.StatusCode, resp.Headers["content-language"], resp.Body)
				continue
			}
			fields := map[string]string{}
			for _, fe := range e.Error.Fields {
				fields[fe.Field] = fe.Message
			}
			if want := i18n.T(lang, "v.required", i18n.T(lang, "field.name")); fields["name"] != want {
				t.Errorf("%s: name error %q, want %q", lang, fields["name"], want)
			}
			if want := i18n.T(lang, "email_ascii", i18n.T(lang, "field.email")); fields["email"] != want {
				t.Errorf("%s: email error %q, want %q", lang, fields["email"], want)
			}
			if fields["consent.privacy"] != i18n.T(lang, "accepted", i18n.T(lang, "field.privacy")) {
				t.Errorf("%s: consent error %q", lang, fields["consent.privacy"])
			}
			if lang != i18n.Default {
				for _, m := range append([]string{e.Error.Message}, fields["name"], fields["email"]) {
					if strings.Contains(m, "Bitte") || strings.Contains(m, "ungültig") {
						t.Errorf("%s: German in %q", lang, m)
					}
				}
			}
		}
		// The survey's own errors, too, with the question's label.
		resp := s.call(t, submitEvent(t, seed.SurveyID, `{"answers":{"members":"x"},"consent":{"privacy":true}}`, map[string]string{"accept-language": lang}))
		var e testenv.ErrorBody
		_ = json.Unmarshal([]byte(resp.Body), &e)
		if resp.StatusCode != 422 || resp.Headers["content-language"] != lang {
			t.Errorf("survey %s: %d %s", lang, resp.StatusCode, resp.Body)
		}
	}
}
