package adminapi_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/adminfn"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestGoLiveGuard: with REQUIRE_PRIVACY_NOTICE=1 (the stack's setting), an
// office without a privacy notice in its profile can neither create nor
// save a survey or meeting: 409 conflict naming the reason in the
// caller's language, nothing stored; once its profile has a notice it
// can. Off (make dev), the guard lets everything through.
func TestGoLiveGuard(t *testing.T) {
	t.Setenv("TABLE_NAME", "netzwerk-test")
	for v, want := range map[string]bool{"1": true, "0": false, "": false} {
		t.Setenv("REQUIRE_PRIVACY_NOTICE", v)
		if cfg, err := app.ConfigFromEnv(); err != nil || cfg.RequirePrivacyNotice != want {
			t.Fatalf("REQUIRE_PRIVACY_NOTICE=%q: %v %v", v, cfg.RequirePrivacyNotice, err)
		}
	}
	t.Setenv("REQUIRE_PRIVACY_NOTICE", "yes")
	if _, err := app.ConfigFromEnv(); err == nil {
		t.Fatal("REQUIRE_PRIVACY_NOTICE=yes accepted")
	}
	a := testenv.NewFunctions(t)
	guarded, err := adminfn.New(app.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), DB: a.DB,
		Config: app.Config{Table: a.Table, LinkSecret: testenv.Secret, RequirePrivacyNotice: true}, Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	survey, _ := json.Marshal(seed.DemoSurvey().Settings)
	m := seed.DemoMeeting(time.Now())
	m.ID = ""
	meetingBody, _ := json.Marshal(m.Settings)
	before := a.Count(t)
	for _, c := range []struct{ method, path, body, lang, want string }{
		{"POST", "/admin/surveys", strings.Replace(string(survey), `"id":"demo-`, `"id":"neu-`, 1), "en", "no privacy notice yet"},
		{"POST", "/admin/meetings", string(meetingBody), "de", "noch keine Datenschutzerklärung"},
		{"POST", "/admin/surveys", strings.Replace(string(survey), `"id":"demo-`, `"id":"neu-`, 1), "ar", "لا يوجد لدى مكتبكم إشعار خصوصية"},
	} {
		resp := a.Do(t, guarded, testenv.Request{Method: c.method, Path: c.path, Body: c.body, Claims: testenv.Claims("landkreis-b"), Query: "lang=" + c.lang})
		if resp.StatusCode != 409 || !strings.Contains(resp.Body, `"code":"conflict"`) || !strings.Contains(resp.Body, c.want) {
			t.Fatalf("%s %s without a notice: %d %s", c.method, c.path, resp.StatusCode, resp.Body)
		}
	}
	if after := a.Count(t); after != before {
		t.Fatalf("refused creates wrote %d items", after-before)
	}
	// With a profile that has a notice, the same requests pass.
	p := seed.DemoOffice()
	office, _ := json.Marshal(p)
	if resp := a.AdminCall(t, "landkreis-b", "PUT", "/admin/office", nil, "", string(office)); resp.StatusCode != 200 {
		t.Fatalf("profile: %d %s", resp.StatusCode, resp.Body)
	}
	for _, c := range []struct{ path, body string }{{"/admin/surveys", string(survey)}, {"/admin/meetings", string(meetingBody)}} {
		if resp := a.Do(t, guarded, testenv.Request{Method: "POST", Path: c.path, Body: c.body, Claims: testenv.Claims("landkreis-b")}); resp.StatusCode != 201 {
			t.Fatalf("POST %s with a notice: %d %s", c.path, resp.StatusCode, resp.Body)
		}
	}
	// The demo office's own survey saves (it has a notice); without the
	// guard an office without one may save too.
	if resp := a.Do(t, guarded, testenv.Request{Method: "PUT", Path: "/admin/surveys/{surveyId}", Params: map[string]string{"surveyId": seed.SurveyID},
		Body: string(survey), Claims: testenv.Claims("demo")}); resp.StatusCode != 200 {
		t.Fatalf("PUT with a notice: %d %s", resp.StatusCode, resp.Body)
	}
	if resp := a.AdminCall(t, "landkreis-c", "POST", "/admin/surveys", nil, "", string(survey)); resp.StatusCode != 201 {
		t.Fatalf("without the guard: %d %s", resp.StatusCode, resp.Body)
	}
}
