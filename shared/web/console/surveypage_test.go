package console_test

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestConsoleSurveyPageParts: the survey page has a menu of its parts; a
// fresh survey says "no answers yet" instead of a table per question; the
// invitation forms come first in the invitations part; the answers are
// counted by where they came from.
func TestConsoleSurveyPageParts(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	get := s.Request(routes.Route{Method: "GET", Path: "/console/surveys/{surveyId}"}, "demo", "")
	page := a.Do(t, h, get)
	if page.StatusCode != 200 {
		t.Fatalf("survey page: %d", page.StatusCode)
	}
	for _, part := range []string{"overview", "needs", "invitations", "responses", "downloads"} {
		if !strings.Contains(page.Body, `href="#`+part+`"`) || !strings.Contains(page.Body, `id="`+part+`"`) {
			t.Errorf("the menu or the part %s is missing", part)
		}
	}
	needs := page.Body[strings.Index(page.Body, `id="needs"`):strings.Index(page.Body, `id="invitations"`)]
	if !strings.Contains(needs, "Noch keine Antworten.") || !strings.Contains(page.Body, `id="answer-channels">Noch keine Antworten.`) || strings.Contains(page.Body, `class="question"`) {
		t.Errorf("a fresh survey does not say 'no answers yet' (or shows its questions' tables)")
	}

	// One answer through an invitation, one through the public link.
	ctx := context.Background()
	svcInvite(t, a, ctx)
	invs := invitations(t, a)
	token := a.Tokens.Token(invitation.TokenKind, invs["kanal@channels.example"]["id"].(string))
	sp := map[string]string{"surveyId": seed.SurveyID}
	for _, inv := range []string{"", `"invitation":"` + token + `",`} {
		body := `{` + inv + `"answers":{"org_name":"Kanalverein","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`
		if r := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: sp, Body: body}); r.StatusCode != 201 {
			t.Fatalf("answer: %d %s", r.StatusCode, r.Body)
		}
	}
	page = a.Do(t, h, get)
	body := html.UnescapeString(page.Body)
	if !strings.Contains(body, "Antworten: 2 – davon 1 über persönliche Einladungen, 1 über den öffentlichen Link.") {
		t.Errorf("the answers are not counted by channel")
	}
	if strings.Contains(body, "Noch keine Antworten.") || !strings.Contains(body, `class="question"`) {
		t.Errorf("with answers the summary still says none")
	}
	// The invitations part: the upload and the form for one first, then the list.
	inv := body[strings.Index(body, `id="invitations"`):]
	upload, add, list := strings.Index(inv, `type="file"`), strings.Index(inv, `name="add" value="one"`), strings.Index(inv, `id="invitations-caption"`)
	if upload < 0 || add < 0 || list < 0 || upload > list || add > list || upload > 3000 {
		t.Errorf("the invitation forms are not at the top of the invitations part: upload at %d, add at %d, list at %d", upload, add, list)
	}
	// In Arabic too.
	get.Query = "lang=ar"
	if r := a.Do(t, h, get); r.StatusCode != 200 || !strings.Contains(html.UnescapeString(r.Body), "الإجابات: 2") {
		t.Errorf("Arabic survey page: %d", r.StatusCode)
	}
}

func svcInvite(t *testing.T, a *testenv.Functions, ctx context.Context) {
	t.Helper()
	if _, err := adminService(a).Invite(ctx, &auth.Coordinator{Office: "demo"}, invitation.Survey, seed.SurveyID,
		[]invitation.Entry{{Organisation: "Kanalverein", Email: "kanal@channels.example", Language: "de"}}, nil, "de"); err != nil {
		t.Fatal(err)
	}
}
