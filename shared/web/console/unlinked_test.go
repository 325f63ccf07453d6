package console_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestUnlinkedPublicAnswers: the console lists the public answers and
// registrations that name an organisation, each with the records of its
// name suggested; linking an answer to a record gives the record its
// "answered" event and the answer's bound fields, linking a
// registration to a new record makes the record with its "registered"
// event; linked ones leave the list. Another office's survey is 404.
func TestUnlinkedPublicAnswers(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	ctx := context.Background()
	known := org.New(seed.Office, "Deutsch-Türkischer Kulturverein", time.Now())
	if err := a.Store.CreateOrganisation(ctx, known); err != nil {
		t.Fatal(err)
	}
	resp := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: map[string]string{"surveyId": seed.SurveyID}, Body: testenv.AnswerBody})
	if resp.StatusCode != 201 {
		t.Fatalf("answer: %d %s", resp.StatusCode, resp.Body)
	}
	var answer struct{ ResponseID string }
	_ = json.Unmarshal([]byte(resp.Body), &answer)
	resp = a.Do(t, a.Meeting, testenv.Request{Method: "POST", Path: "/meetings/{meetingId}/registrations", Params: map[string]string{"meetingId": seed.MeetingID},
		Body: testenv.RegistrationBody("Olena", "olena@verein.example")})
	if resp.StatusCode != 201 {
		t.Fatalf("register: %d %s", resp.StatusCode, resp.Body)
	}
	var reg struct{ RegistrationID string }
	_ = json.Unmarshal([]byte(resp.Body), &reg)

	page := func(office, lang string) string {
		t.Helper()
		req := s.Request(routes.Route{Method: "GET", Path: "/console/organisations/unlinked"}, office, "")
		req.Query = "lang=" + lang
		resp := a.Do(t, h, req)
		if resp.StatusCode != 200 {
			t.Fatalf("page: %d %.500s", resp.StatusCode, resp.Body)
		}
		return resp.Body
	}
	body := page(seed.Office, "de")
	for _, want := range []string{"Deutsch-Türkischer Kulturverein e.V.", "Verein Olena", "Vorschlag: Deutsch-Türkischer Kulturverein",
		`<option value="` + known.ID + `" selected>Vorschlag`, "Neuer Eintrag: Verein Olena", "Antwort auf", "Anmeldung zu"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q: %.3000s", want, body)
		}
	}
	if ar := page(seed.Office, "ar"); !strings.Contains(ar, `dir="rtl"`) || !strings.Contains(ar, "ربط") {
		t.Errorf("the page in Arabic: %.1000s", ar)
	}
	if other := page("other", "de"); strings.Contains(other, "Verein Olena") {
		t.Errorf("another office sees the demo office's registrations")
	}
	link := func(office, kind, target, ref, choice string) int {
		t.Helper()
		req := s.Request(routes.Route{Method: "POST", Path: "/console/organisations/unlinked"}, office, "")
		form, _ := url.ParseQuery(req.Body)
		form.Set("kind", kind)
		form.Set("target", target)
		form.Set("ref", ref)
		form.Set("organisation", choice)
		req.Body = form.Encode()
		return a.Do(t, h, req).StatusCode
	}
	if code := link("other", "survey", seed.SurveyID, answer.ResponseID, "new"); code != 404 {
		t.Errorf("another office links the demo's answer: %d", code)
	}
	if code := link(seed.Office, "survey", seed.SurveyID, answer.ResponseID, known.ID); code != 303 {
		t.Fatalf("link the answer: %d", code)
	}
	r, _ := a.Store.Organisation(ctx, seed.Office, known.ID)
	h1, _ := a.Store.History(ctx, seed.Office, known.ID)
	if len(h1) != 1 || h1[0].Kind != org.Answered || h1[0].Ref != answer.ResponseID || strings.Join(r.Fields, ",") != "culture,youth" ||
		r.Name != "Deutsch-Türkischer Kulturverein e.V." || r.Consent.By != "answer" || r.Consent.Notice != seed.NoticeVersion {
		t.Errorf("the record after linking: %+v, history %+v", r, h1)
	}
	if code := link(seed.Office, "meeting", seed.MeetingID, reg.RegistrationID, "new"); code != 303 {
		t.Fatalf("link the registration: %d", code)
	}
	var made *org.Summary
	list, _ := a.Store.Organisations(ctx, seed.Office, time.Now())
	for i := range list {
		if list[i].Name == "Verein Olena" {
			made = &list[i]
		}
	}
	if made == nil || made.Meetings != 1 {
		t.Fatalf("no new record of the registration: %+v", list)
	}
	if h2, _ := a.Store.History(ctx, seed.Office, made.ID); len(h2) != 1 || h2[0].Kind != org.Registered || h2[0].Ref != reg.RegistrationID {
		t.Errorf("the new record's history: %+v", h2)
	}
	if body := page(seed.Office, "de"); strings.Contains(body, "Verein Olena") || !strings.Contains(body, "Alles zugeordnet") {
		t.Errorf("linked ones are still listed: %.3000s", body)
	}
}
