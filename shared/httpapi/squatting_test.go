package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// pageFrom is a form POST of a page by the client at ip.
func pageFrom(t *testing.T, h app.Handler, ip, route, path string, params map[string]string, query string, form url.Values) events.APIGatewayV2HTTPResponse {
	t.Helper()
	resp, err := h(context.Background(), events.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: "POST " + route, RawPath: path,
		RawQueryString: query, PathParameters: params, Body: form.Encode(),
		Headers: map[string]string{"host": "127.0.0.1:8080", "content-type": "application/x-www-form-urlencoded",
			"origin": "http://127.0.0.1:8080", "sec-fetch-site": "same-origin"},
		RequestContext: events.APIGatewayV2HTTPRequestContext{RequestID: "test",
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: "POST", SourceIP: ip}}})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// A client address takes at most 3 registrations of a meeting (the hourly
// limit off): the 4th gets 429 rate_limited with Retry-After in the
// caller's language, JSON and page alike, and nothing is stored or mailed;
// other addresses and other meetings are not affected; 10 at once from one
// more address: exactly 3 get through.
func TestPerClientLimitPerMeeting(t *testing.T) {
	meetingFn, _, a := limitedAPI(t, app.Config{RegistrationsPerMeeting: 3})
	register := func(ip string, i int, lang string) events.APIGatewayV2HTTPResponse {
		resp, err := meetingFn(context.Background(), testenv.From(ip, "/meetings/{meetingId}/registrations", "meetingId", seed.MeetingID,
			testenv.RegistrationBody(fmt.Sprint("Person ", i), fmt.Sprintf("s%d-%s@verein.example", i, strings.ReplaceAll(ip, ".", "-"))), lang))
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	for i := range 3 {
		if r := register("127.0.0.30", i, "de"); r.StatusCode != 201 {
			t.Fatalf("registration %d: %d %s", i+1, r.StatusCode, r.Body)
		}
	}
	before := a.Items(t)
	closes := time.Until(seed.DemoMeeting(time.Now()).RegistrationClosesAt).Seconds()
	r := register("127.0.0.30", 3, "tr")
	var e testenv.ErrorBody
	_ = json.Unmarshal([]byte(r.Body), &e)
	wait, _ := strconv.Atoi(r.Headers["retry-after"])
	if r.StatusCode != 429 || e.Error.Code != "rate_limited" || !strings.Contains(e.Error.Message, "bu etkinlik için başka kayıt") || wait < 1 || float64(wait) > closes+1 {
		t.Fatalf("4th: %d %s retry-after %q", r.StatusCode, r.Body, r.Headers["retry-after"])
	}
	path, p := "/m/"+seed.MeetingID, map[string]string{"meetingId": seed.MeetingID}
	form := url.Values{web.StampField: {testenv.Stamp(path)}, "name": {"Ayşe Yılmaz"}, "email": {"ayse-page@verein.example"},
		"language": {"ar"}, "consent.privacy": {"true"}}
	page := pageFrom(t, meetingFn, "127.0.0.30", "/m/{meetingId}", path, p, "lang=ar", form)
	if page.StatusCode != 429 || page.Headers["retry-after"] == "" || !strings.Contains(page.Body, `lang="ar" dir="rtl"`) ||
		!strings.Contains(page.Body, "اتصالك") {
		t.Fatalf("page: %d %v %.1500s", page.StatusCode, page.Headers, page.Body)
	}
	after := a.Items(t)
	for _, typ := range []string{"registration", "outbox", "token", "email-lock", "limit", "waitlist"} {
		if len(after[typ]) != len(before[typ]) {
			t.Errorf("the refused registrations changed %s items: %d → %d", typ, len(before[typ]), len(after[typ]))
		}
	}
	if r := register("127.0.0.31", 0, "de"); r.StatusCode != 201 {
		t.Fatalf("another client: %d %s", r.StatusCode, r.Body)
	}
	per := statusesAtOnce(10, func(i int) int { return register("127.0.0.32", i, "de").StatusCode })
	if per[201] != 3 || per[429] != 7 {
		t.Fatalf("parallel: %v, want 3 × 201 and 7 × 429", per)
	}
	// The counters name no address and go when registration closes.
	for _, l := range a.Items(t)["limit"] {
		if strings.Contains(fmt.Sprint(l), "127.0.0.") {
			t.Errorf("a counter names the address: %v", l)
		}
		if exp, _ := l["expiresAt"].(float64); exp <= 0 || exp > float64(time.Now().Unix())+closes+1 {
			t.Errorf("limit counter expires at %v", l["expiresAt"])
		}
	}
}
