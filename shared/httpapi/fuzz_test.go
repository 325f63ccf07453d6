package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/legal"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/testenv/demo"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	"github.com/integration-offices/netzwerk-backend/shared/web/pages"
)

// memoryRouter is the survey router on the demo store.
func memoryRouter(tb testing.TB) *httpapi.Router {
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	svc := survey.NewService(demo.New(), time.Now)
	tokens, _ := linktoken.New(testenv.Secret)
	return httpapi.SurveyRouter(log, svc, pages.With(pages.Survey(log, svc, tokens, time.Now), pages.Legal(log, legal.New(nil, nil, time.Now), tokens, time.Now),
		pages.Objection(log, legal.NewObjections(nil, nil, tokens, time.Now), tokens, time.Now)))
}

// FuzzSubmit feeds arbitrary bodies, content types and encodings through
// the submit handler: it must never panic, never answer 5xx, and always
// answer either 201 or the contract's error JSON.
func FuzzSubmit(f *testing.F) {
	for _, s := range []string{
		testenv.AnswerBody, `{}`, `[]`, `"x"`, `null`, `{"answers":null,"consent":null}`,
		`{"answers":{"org_name":"\u0000"},"consent":{"privacy":true}}`,
		`{"answers":{"fields_of_activity":[null,1,{}]},"consent":{"privacy":1}}`,
		`{"answers":{"year_founded":1e400},"consent":{"privacy":true}}`,
		`{"answers":{"network_connectedness":-9223372036854775809},"consent":{"privacy":true}}`,
		"{\"answers\":{\"org_name\":\"\xff\"}}",
	} {
		f.Add(s, "application/json", false)
	}
	f.Add(testenv.AnswerBody, "text/plain", false)
	f.Add("eyJ9", "application/json", true)
	r := memoryRouter(f)
	base := events.APIGatewayV2HTTPRequest{
		RouteKey:       "POST /surveys/{surveyId}/responses",
		RawPath:        "/surveys/" + seed.SurveyID + "/responses",
		PathParameters: map[string]string{"surveyId": seed.SurveyID},
	}
	f.Fuzz(func(t *testing.T, body, contentType string, b64 bool) {
		ev := base
		ev.Headers = map[string]string{"content-type": contentType}
		ev.Body, ev.IsBase64Encoded = body, b64
		resp, err := r.Serve(context.Background(), ev)
		if err != nil {
			t.Fatalf("handler error: %v", err)
		}
		if resp.StatusCode >= 500 || resp.StatusCode < 200 {
			t.Fatalf("status %d for body %q: %s", resp.StatusCode, body, resp.Body)
		}
		if resp.StatusCode != 201 {
			var e struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if err := json.Unmarshal([]byte(resp.Body), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("status %d without contract error JSON: %s", resp.StatusCode, resp.Body)
			}
		}
	})
}

// memoryMeetingRouter is the meeting router on the demo store.
func memoryMeetingRouter(tb testing.TB) *httpapi.Router {
	tokens, _ := linktoken.New(testenv.Secret)
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	svc := meeting.NewService(demo.New(), tokens, time.Now)
	return httpapi.MeetingRouter(log, svc, pages.Meeting(log, svc, tokens, time.Now, ""))
}

// FuzzRegister: the registration route under arbitrary bodies never
// panics and never answers 5xx.
func FuzzRegister(f *testing.F) {
	for _, s := range []string{testenv.RegistrationBody("Ayşe", "a@b.example"), `{}`, `[]`, `{"name":null,"email":5}`,
		`{"name":"x","email":"a@b.example","consent":{"privacy":true},"needs":{"dietary":"\u0000"}}`} {
		f.Add(s, "application/json")
	}
	r := memoryMeetingRouter(f)
	f.Fuzz(func(t *testing.T, body, contentType string) {
		resp, err := r.Serve(context.Background(), events.APIGatewayV2HTTPRequest{
			RouteKey: "POST /meetings/{meetingId}/registrations", Body: body,
			PathParameters: map[string]string{"meetingId": seed.MeetingID},
			Headers:        map[string]string{"content-type": contentType},
		})
		if err != nil || resp.StatusCode >= 500 {
			t.Fatalf("status %d, err %v for %q: %s", resp.StatusCode, err, body, resp.Body)
		}
	})
}

func BenchmarkRegister(b *testing.B) {
	r := memoryMeetingRouter(b)
	ev := events.APIGatewayV2HTTPRequest{
		RouteKey:       "POST /meetings/{meetingId}/registrations",
		PathParameters: map[string]string{"meetingId": seed.MeetingID},
		Headers:        map[string]string{"content-type": "application/json", "accept-language": "de-DE,de;q=0.9"},
	}
	ctx := context.Background()
	bodies := make([]string, 8192)
	for i := range bodies {
		bodies[i] = testenv.RegistrationBody("Ayşe Yılmaz", fmt.Sprintf("p%d@verein.example", i))
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ev.Body = bodies[i%len(bodies)]
		i++
		resp, _ := r.Serve(ctx, ev)
		if resp.StatusCode != 201 {
			b.Fatal(resp.Body)
		}
	}
}

func BenchmarkSubmit(b *testing.B) {
	ev := events.APIGatewayV2HTTPRequest{
		RouteKey:       "POST /surveys/{surveyId}/responses",
		RawPath:        "/surveys/" + seed.SurveyID + "/responses",
		PathParameters: map[string]string{"surveyId": seed.SurveyID},
		Headers:        map[string]string{"content-type": "application/json", "accept-language": "de-DE,de;q=0.9"},
		Body:           testenv.AnswerBody,
	}
	benchmarkSubmit(b, ev)
}

func BenchmarkSubmitFullSurvey(b *testing.B) {
	body := `{"language":"de","answers":{"org_name":"Deutsch-Türkischer Kulturverein e.V.","legal_form":"registered_association","year_founded":1987,
"municipality":"Reutlingen","website":"https://dtkv.example","contact_person":"Ayşe Yılmaz","contact_role":"Vorsitzende","contact_email":"info@dtkv.example",
"contact_phone":"+49 7121 123456","contact_language":"tr","self_description":"migrant_org","origin_regions":"Türkei, Syrien","languages_used":"Deutsch, Türkisch, Arabisch",
"fields_of_activity":["culture","youth","women"],"target_groups":"Familien","area_covered":"district","members":"50-99","volunteers":25,"paid_staff":0,
"annual_budget":"5000-20000","funding_sources":["membership_fees","donations"],"partnerships_abroad":true,"needs":["funding","rooms","digital_skills"],
"top_need":"rooms","needs_details":"Wir suchen einen Raum für 30 Personen.","network_connectedness":3,"meeting_topics":["sdgs"],"preferred_days":["sat"],
"preferred_time":"afternoon","meeting_format":"in_person"},"consent":{"privacy":true,"publishProfile":true,"contactForMeetings":true}}`
	ev := events.APIGatewayV2HTTPRequest{
		RouteKey:       "POST /surveys/{surveyId}/responses",
		PathParameters: map[string]string{"surveyId": seed.SurveyID},
		Headers:        map[string]string{"content-type": "application/json"},
		Body:           body,
	}
	benchmarkSubmit(b, ev)
}

// benchmarkSubmit sends ev to the survey router on the demo store, which
// must take it (201) every time.
func benchmarkSubmit(b *testing.B, ev events.APIGatewayV2HTTPRequest) {
	r := memoryRouter(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		resp, _ := r.Serve(ctx, ev)
		if resp.StatusCode != 201 {
			b.Fatal(resp.Body)
		}
	}
}

// FuzzPagePost feeds arbitrary form bodies to the survey and meeting
// pages' POST, with a stamp that passes the bot guard (unless the body
// brings its own): they must never panic, never answer 5xx, always answer
// a page (or its redirect), and never speak of an Idempotency-Key.
func FuzzPagePost(f *testing.F) {
	for _, s := range []string{
		"org_name=Kulturbr%C3%BCcke&fields_of_activity=culture&members=20-49&consent.privacy=true",
		"org_name=x&volunteers=NaN&year_founded=Inf&paid_staff=-infinity&consent.privacy=true",
		"year_founded=ca.+2005&volunteers=1%2C5&website=verein.de&network_connectedness=1e400",
		"website=%40verein&website=x&fields_of_activity=culture&fields_of_activity=culture",
		"invitation=%00&form.lang=ar&org_name=%FF", "form.lang=xx", "form.website=spam", "%", "a=%zz", "=&=&",
		"name=Ay%C5%9Fe&email=a%40b.example&consent.privacy=true&language=fa&needs.dietary=%E2%80%AE",
	} {
		f.Add(s, false, "application/x-www-form-urlencoded")
		f.Add(s, true, "application/x-www-form-urlencoded")
	}
	f.Add("org_name=x", false, "multipart/form-data")
	tokens, _ := linktoken.New(testenv.Secret)
	routers := map[bool]*httpapi.Router{false: memoryRouter(f), true: memoryMeetingRouter(f)}
	f.Fuzz(func(t *testing.T, body string, meetingPage bool, contentType string) {
		path, ev := "/s/"+seed.SurveyID, events.APIGatewayV2HTTPRequest{RouteKey: "POST /s/{surveyId}",
			PathParameters: map[string]string{"surveyId": seed.SurveyID}}
		if meetingPage {
			path, ev = "/m/"+seed.MeetingID, events.APIGatewayV2HTTPRequest{RouteKey: "POST /m/{meetingId}",
				PathParameters: map[string]string{"meetingId": seed.MeetingID}}
		}
		ev.RawPath = path
		ev.Headers = map[string]string{"content-type": contentType, "host": "netzwerk.example", "sec-fetch-site": "same-origin", "origin": "null"}
		ev.RequestContext.HTTP.SourceIP = "192.0.2.1"
		ev.Body = url.Values{web.StampField: {web.Stamp(tokens, path, time.Now().Add(-10*time.Second))}}.Encode() + "&" + body
		resp, err := routers[meetingPage].Serve(context.Background(), ev)
		if err != nil {
			t.Fatalf("handler error: %v", err)
		}
		if resp.StatusCode >= 500 || resp.StatusCode < 200 {
			t.Fatalf("status %d for %q: %.500s", resp.StatusCode, body, resp.Body)
		}
		if resp.StatusCode != 303 && !strings.HasPrefix(resp.Headers["content-type"], "text/html") {
			t.Fatalf("status %d without a page for %q: %v", resp.StatusCode, body, resp.Headers)
		}
		if strings.Contains(strings.ToLower(resp.Body), "idempotency") {
			t.Fatalf("a page about keys for %q: %.500s", body, resp.Body)
		}
	})
}
