package httpapi_test

// A personal link's page copy (shared/web/pages' survey.go): the page an
// invitation not yet answered first shows, kept in the survey's item per
// language with marks where the stamp, the link and the organisation go,
// answered by a cold function that finds it of the survey as stored.

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web/pages"
)

// invite writes an invitation of org to the demo survey; its link, as
// mailed.
func invite(t *testing.T, env *testenv.Env, org, email string) string {
	t.Helper()
	now := env.Clock.Now()
	id := invitation.ID(invitation.Survey, seed.SurveyID, email)
	token := env.Tokens.Token(invitation.TokenKind, id)
	if _, _, err := env.Store.PutInvitations(context.Background(), []*invitation.Invitation{{ID: id, Kind: invitation.Survey, TargetID: seed.SurveyID,
		Office: seed.Office, Organisation: org, Email: email, Language: "de", Status: invitation.Invited,
		TokenHash: linktoken.Hash(token), InvitedAt: now, LastMailAt: now, ExpiresAt: now.Add(30 * 24 * time.Hour)}}, now); err != nil {
		t.Fatal(err)
	}
	return invitation.Link(env.Tokens, id)
}

// personalPage is the personal link's page in lang of a function started
// for it.
func personalPage(t *testing.T, env *testenv.Env, token, lang string, gz bool) coldResult {
	t.Helper()
	return coldPage(t, env, seed.SurveyID, lang, gz, "invitation="+url.QueryEscape(token))
}

// fromItsCopy: answered from the copy (the survey's item, the link's
// invitation and its draft read in one request, or side by side with the
// token's item for a link of the token alone; nothing written).
func fromItsCopy(r coldResult) bool {
	return (r.calls == "BatchGetItem" || r.calls == "GetItem GetItem GetItem GetItem") && !strings.Contains(r.body, "mark-")
}

// settlePersonal opens token's page until one is answered from the copy.
func settlePersonal(t *testing.T, env *testenv.Env, token, lang string, gz bool) coldResult {
	t.Helper()
	var r coldResult
	for range 4 {
		if r = personalPage(t, env, token, lang, gz); fromItsCopy(r) {
			return r
		}
	}
	t.Fatalf("%s: no personal page from its copy (last calls %s)", lang, r.calls)
	return r
}

// TestPersonalPageCopyIsTheRenderedPage: the first personal page of a
// survey in a language renders and keeps a copy without anyone's data in
// it; the next ones, of any invitation not yet answered, are answered
// from it (status, headers, and body but the stamp as rendered, de and ar,
// gzip or not), each with its own link, organisation and a fresh stamp.
// An organisation with a character HTML escapes is always rendered.
func TestPersonalPageCopyIsTheRenderedPage(t *testing.T) {
	env := testenv.Seeded(t, testenv.At(copyAt))
	first := invite(t, env, "Kulturbrücke Ünye e.V.", "info@kulturbruecke.example")
	second := invite(t, env, "جمعية الجسر – Світанок", "info@dzherelo.example")
	amp := invite(t, env, `Eltern & Kinder "Regenbogen" + Co.`, "info@regenbogen.example")
	// A link mailed before links named their invitation: its token alone.
	_, alone := invitation.Split(second)
	for _, lang := range []string{"de", "ar"} {
		settlePersonal(t, env, first, lang, true)
		for _, tc := range []struct{ token, org, calls string }{
			{first, "Kulturbrücke Ünye e.V.", "BatchGetItem"},
			{second, "جمعية الجسر – Світанок", "BatchGetItem"},
			{alone, "جمعية الجسر – Світанок", "GetItem GetItem GetItem GetItem"},
		} {
			for _, gz := range []bool{true, false} {
				c := personalPage(t, env, tc.token, lang, gz)
				if !fromItsCopy(c) || c.calls != tc.calls {
					t.Fatalf("%s, %s (gzip %v): not from the copy: calls %s", lang, tc.org, gz, c.calls)
				}
				for _, s := range []string{`value="` + tc.org + `"`, `name="invitation" value="` + tc.token + `"`, i18n.T(lang, "page.invited_as", tc.org)} {
					if !strings.Contains(c.body, s) {
						t.Fatalf("%s (gzip %v): %q not on the copied page", lang, gz, s)
					}
				}
				stamp := c.stamp
				if c2 := personalPage(t, env, tc.token, lang, gz); c2.stamp == stamp || c2.stamp == "" {
					t.Fatalf("%s: the same stamp twice from the copy", lang)
				}
				// The page as rendered: the copy dropped first.
				dropCopy(t, env, seed.SurveyID, lang+survey.PersonalCopy)
				r := personalPage(t, env, tc.token, lang, gz)
				if fromItsCopy(r) || r.resp.StatusCode != c.resp.StatusCode || r.body != c.body {
					t.Fatalf("%s, %s (gzip %v): the copy (%d bytes) is not the rendered page (%d bytes, calls %s)",
						lang, tc.org, gz, len(c.body), len(r.body), r.calls)
				}
				for _, h := range []string{"content-type", "content-language", "cache-control", "referrer-policy", "content-security-policy"} {
					if c.resp.Headers[h] != r.resp.Headers[h] {
						t.Errorf("%s: header %s %q, rendered %q", lang, h, c.resp.Headers[h], r.resp.Headers[h])
					}
				}
			}
		}
		kept := copyAttr(t, env, seed.SurveyID, lang+survey.PersonalCopy)
		text, ok := pages.CopyText(kept[min(18, len(kept)):])
		if !ok || !strings.Contains(text, `name="invitation"`) {
			t.Fatalf("%s: no copy kept (%d bytes)", lang, len(kept))
		}
		for _, personal := range []string{"Kulturbrücke", "Ünye", first, second, alone, "Світанок", "mark-"} {
			if strings.Contains(text, personal) {
				t.Fatalf("%s: the copy holds %q", lang, personal)
			}
		}
		for range 2 {
			r := personalPage(t, env, amp, lang, true)
			if fromItsCopy(r) || !strings.Contains(r.body, `value="Eltern &amp; Kinder &#34;Regenbogen&#34; &#43; Co."`) {
				t.Fatalf("%s: an organisation with & < \" +: calls %s", lang, r.calls)
			}
		}
	}
	noTroubleLogged(t, env)
}

// TestPersonalPageCopyOnlyOfTheFirstView: a link whose organisation
// answered, or left a draft, and an unknown link, are rendered as they
// are, never from the first view's copy; a save of the survey makes the
// copy a stranger.
func TestPersonalPageCopyOnlyOfTheFirstView(t *testing.T) {
	env := testenv.Seeded(t, testenv.At(copyAt))
	token := invite(t, env, "Kulturbrücke Ünye e.V.", "info@kulturbruecke.example")
	other := invite(t, env, "Frauenverein Aleppo", "info@aleppo.example")
	settlePersonal(t, env, token, "de", true)

	// A draft: the page where it stopped, with what was entered.
	_, otherToken := invitation.Split(other)
	if err := env.Store.PutDraft(context.Background(), &survey.Draft{SurveyID: seed.SurveyID, TokenHash: linktoken.Hash(otherToken),
		Values: map[string][]string{"org_name": {"Frauenverein Aleppo e.V. (Entwurf)"}}, SavedAt: copyAt, ExpiresAt: time.Now().Add(24 * time.Hour)}); err != nil { // the store checks expiry by the real clock
		t.Fatal(err)
	}
	if r := personalPage(t, env, other, "de", true); !strings.Contains(r.body, `value="Frauenverein Aleppo e.V. (Entwurf)"`) || r.resp.StatusCode != 200 {
		t.Fatalf("a draft's page from the copy: %d, calls %s", r.resp.StatusCode, r.calls)
	}
	// Answered: the page says so.
	for _, it := range env.Items(t)["invitation"] {
		if it["organisation"] != "Kulturbrücke Ünye e.V." {
			continue
		}
		if _, err := env.DB.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{TableName: &env.Table,
			Key:              map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: it["pk"].(string)}, "sk": &types.AttributeValueMemberS{Value: it["sk"].(string)}},
			UpdateExpression: aws.String("SET #s = :a"), ExpressionAttributeNames: map[string]string{"#s": "status"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":a": &types.AttributeValueMemberS{Value: string(invitation.Answered)}}}); err != nil {
			t.Fatal(err)
		}
	}
	if r := personalPage(t, env, token, "de", true); fromItsCopy(r) || !strings.Contains(r.body, i18n.T("de", "page.answered_before")) {
		t.Fatalf("an answered link from the copy: calls %s", r.calls)
	}
	// A save of the survey: the next first view renders and keeps anew.
	other2 := invite(t, env, "Jugendclub Ünye", "info@jugendclub.example")
	settlePersonal(t, env, other2, "de", true)
	d, err := env.Store.Survey(context.Background(), seed.SurveyID)
	if err != nil {
		t.Fatal(err)
	}
	d.Title = survey.Text{"de": "Bedarfe 2028"}
	d.UpdatedAt = copyAt.Add(time.Minute)
	putSurvey(t, env, d)
	if r := personalPage(t, env, other2, "de", true); fromItsCopy(r) || !strings.Contains(r.body, "Bedarfe 2028") {
		t.Fatalf("after a save: calls %s", r.calls)
	}
	if r := settlePersonal(t, env, other2, "de", true); !strings.Contains(r.body, "Bedarfe 2028") {
		t.Fatal("the new copy is not of the saved survey")
	}
	// Unknown link.
	if r := personalPage(t, env, "nonsense", "de", true); r.resp.StatusCode >= 500 || fromItsCopy(r) {
		t.Fatalf("an unknown link: %d, calls %s", r.resp.StatusCode, r.calls)
	}
}
