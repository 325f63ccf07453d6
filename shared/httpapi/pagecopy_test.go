package httpapi_test

// Page copies (shared/web/pages/page_copy.go, dynamo's pagecopy.go): the
// public survey page as rendered, kept in the definition's item per
// language, answered by a cold function that finds the copy of the item
// as stored. These tests drive cold functions (each its own
// env.NewSurvey) against DynamoDB Local and count their calls.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/surveyfn"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// copyAt is the tests' time: the demo survey is open.
var copyAt = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)

const officeName = "Landratsamt Musterkreis – Stabsstelle für Integration"

var officeNameAr = seed.DemoOffice().Name.In("ar")

// flatSurvey is a survey on one page (no sections) titled title, closing
// at closes (nil: never).
func flatSurvey(id, title string, closes *time.Time) *survey.Definition {
	return &survey.Definition{Office: seed.Office, UpdatedAt: copyAt, Settings: survey.Settings{ID: id, ClosesAt: closes,
		Title: survey.Text{"de": title, "ar": title + " (ar)"},
		Questions: []survey.Question{
			{ID: "org", Type: survey.TypeText, Label: survey.Text{"de": "Name der Organisation", "ar": "اسم المنظمة"}, Rules: survey.Rules{Required: true}, Profile: survey.ProfileName},
			{ID: "topics", Type: survey.TypeMultipleChoice, Label: survey.Text{"de": "Themen", "ar": "المواضيع"},
				Options: []survey.Option{{Code: "youth", Label: survey.Text{"de": "Jugend", "ar": "الشباب"}}, {Code: "women", Label: survey.Text{"de": "Frauen", "ar": "النساء"}}}},
		}}}
}

func putSurvey(t *testing.T, env *testenv.Env, d *survey.Definition) {
	t.Helper()
	if err := env.Store.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
}

// copyPage is a browser's GET of survey id's public page in lang, with
// gzip or without, and query.
func copyPage(h app.Handler, id, lang string, gz bool, query string) (events.APIGatewayV2HTTPResponse, error) {
	ev := events.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: "GET /s/{surveyId}", RawPath: "/s/" + id, RawQueryString: query,
		PathParameters: map[string]string{"surveyId": id}, Headers: map[string]string{"host": "127.0.0.1:8080", "accept-language": lang, "accept": "text/html"}}
	if gz {
		ev.Headers["accept-encoding"] = "gzip, deflate, br"
	}
	ev.RequestContext.HTTP.Method, ev.RequestContext.HTTP.SourceIP = "GET", "127.0.0.9"
	return h(context.Background(), ev)
}

// unzipped is a response's body as the browser reads it; an error for a
// body that does not unpack.
func unzipped(resp events.APIGatewayV2HTTPResponse) (string, error) {
	if !resp.IsBase64Encoded {
		if resp.Headers["content-encoding"] != "" {
			return "", fmt.Errorf("encoded %q, not base64", resp.Headers["content-encoding"])
		}
		return resp.Body, nil
	}
	raw, err := base64.StdEncoding.DecodeString(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.Headers["content-encoding"] != "gzip" {
		return string(raw), nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return "", err
	}
	b, err := io.ReadAll(zr)
	return string(b), err
}

// unstamped is a page with its form stamp taken out, and that stamp.
func unstamped(body string) (string, string) {
	m := testenv.StampInput.FindStringSubmatch(body)
	if m == nil {
		return body, ""
	}
	return strings.Replace(body, m[0], `name="`+web.StampField+`" value="STAMP"`, 1), m[1]
}

// coldPage is the page of a function started for it: the response, its
// body without the stamp, the stamp, and the DynamoDB calls it made.
type coldResult struct {
	resp         events.APIGatewayV2HTTPResponse
	body, stamp  string
	calls        string
	fromTheTable bool // answered from its copy: one GetItem, nothing written
}

func coldPage(t *testing.T, env *testenv.Env, id, lang string, gz bool, query string) coldResult {
	t.Helper()
	h := env.NewSurvey(t)
	env.Calls.Reset()
	resp, err := copyPage(h, id, lang, gz, query)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode >= 500 {
		t.Fatalf("%s in %s: %d %.500s", id, lang, resp.StatusCode, resp.Body)
	}
	body, err := unzipped(resp)
	if err != nil {
		t.Fatalf("%s in %s: the body does not unpack: %v", id, lang, err)
	}
	body, stamp := unstamped(body)
	calls := strings.Join(env.Calls.Reset(), " ")
	return coldResult{resp: resp, body: body, stamp: stamp, calls: calls, fromTheTable: calls == "GetItem"}
}

// settle opens survey id's page in lang in cold functions until one is
// answered from its copy; it returns the rendered page that kept the
// copy (none when the first was from the copy) and the page from the
// copy.
func settle(t *testing.T, env *testenv.Env, id, lang string, gz bool) (rendered, copied coldResult) {
	t.Helper()
	for range 4 {
		r := coldPage(t, env, id, lang, gz, "")
		if r.fromTheTable {
			return rendered, r
		}
		rendered = r
	}
	t.Fatalf("%s in %s: no cold page answered from its copy (last calls %s)", id, lang, rendered.calls)
	return
}

// stampAt is when a stamp was made.
func stampAt(t *testing.T, stamp string) time.Time {
	t.Helper()
	ms, err := strconv.ParseInt(strings.Split(stamp, ".")[0], 36, 64)
	if err != nil {
		t.Fatalf("stamp %q: %v", stamp, err)
	}
	return time.UnixMilli(ms)
}

// copyAttr is survey id's page copy in lang as stored (nil: none).
func copyAttr(t *testing.T, env *testenv.Env, id, lang string) []byte {
	t.Helper()
	b, _ := env.Get(t, "SURVEY#"+id, "DEF")["page#"+lang].([]byte)
	return b
}

// copyAttrs are the page copies of survey id by attribute.
func copyAttrs(t *testing.T, env *testenv.Env, id string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for k, v := range env.Get(t, "SURVEY#"+id, "DEF") {
		if strings.HasPrefix(k, "page#") {
			out[k], _ = v.([]byte)
		}
	}
	return out
}

// setCopy writes the page copy attribute of survey id in lang by hand.
func setCopy(t *testing.T, env *testenv.Env, id, lang string, b []byte) {
	t.Helper()
	if _, err := env.DB.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{TableName: &env.Table,
		Key:                       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "SURVEY#" + id}, "sk": &types.AttributeValueMemberS{Value: "DEF"}},
		UpdateExpression:          aws.String("SET #c = :c"),
		ExpressionAttributeNames:  map[string]string{"#c": "page#" + lang},
		ExpressionAttributeValues: map[string]types.AttributeValue{":c": &types.AttributeValueMemberB{Value: b}}}); err != nil {
		t.Fatal(err)
	}
}

// dropCopy removes survey id's page copy in lang by hand.
func dropCopy(t *testing.T, env *testenv.Env, id, lang string) {
	t.Helper()
	if _, err := env.DB.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{TableName: &env.Table,
		Key:                      map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "SURVEY#" + id}, "sk": &types.AttributeValueMemberS{Value: "DEF"}},
		UpdateExpression:         aws.String("REMOVE #c"),
		ExpressionAttributeNames: map[string]string{"#c": "page#" + lang}}); err != nil {
		t.Fatal(err)
	}
}

// TestPageCopyIsTheRenderedPage: a cold page answered from its copy is
// the page rendered: the same status and headers, and the same body but
// for its form stamp, gzip or not, in German and Arabic (a survey with
// sections, the demo's, and one on one page). Its stamp is made when it
// is answered, not when the copy was kept: sent at once it is too fast,
// sent later it is stored as one from a rendered page is.
func TestPageCopyIsTheRenderedPage(t *testing.T) {
	env := testenv.Seeded(t, testenv.At(copyAt))
	putSurvey(t, env, flatSurvey("copy-flat", "Räume 2027", nil))
	for _, id := range []string{seed.SurveyID, "copy-flat"} {
		for _, lang := range []string{"de", "ar"} {
			for _, gz := range []bool{true, false} {
				what := fmt.Sprintf("%s in %s (gzip %v)", id, lang, gz)
				dropCopy(t, env, id, lang) // the same page rendered again, as the browser takes it
				rendered, copied := settle(t, env, id, lang, gz)
				if !strings.Contains(rendered.calls, "UpdateItem") {
					t.Fatalf("%s: the rendered page kept no copy (calls %s)", what, rendered.calls)
				}
				if rendered.resp.StatusCode != 200 || copied.resp.StatusCode != 200 {
					t.Fatalf("%s: %d rendered, %d copied", what, rendered.resp.StatusCode, copied.resp.StatusCode)
				}
				if !maps.Equal(rendered.resp.Headers, copied.resp.Headers) || rendered.resp.IsBase64Encoded != copied.resp.IsBase64Encoded ||
					!maps.EqualFunc(rendered.resp.MultiValueHeaders, copied.resp.MultiValueHeaders, slices.Equal) || !slices.Equal(rendered.resp.Cookies, copied.resp.Cookies) {
					t.Errorf("%s: headers\n rendered %v\n copied   %v", what, rendered.resp.Headers, copied.resp.Headers)
				}
				if gz != (copied.resp.Headers["content-encoding"] == "gzip") {
					t.Errorf("%s: content-encoding %q", what, copied.resp.Headers["content-encoding"])
				}
				if rendered.body != copied.body {
					t.Errorf("%s: the copy is not the rendered page (%d and %d bytes)", what, len(rendered.body), len(copied.body))
				}
				if copied.stamp == "" || copied.stamp == rendered.stamp {
					t.Errorf("%s: the copy's stamp %q (the render's %q)", what, copied.stamp, rendered.stamp)
				}
				if !strings.Contains(copied.body, `<html lang="`+lang+`"`) || !strings.Contains(copied.body, map[string]string{"de": officeName, "ar": officeNameAr}[lang]) {
					t.Errorf("%s: not the page in its language with its office", what)
				}
			}
		}
	}

	// An hour later, the copy's stamp is of the hour later.
	env.Clock.Set(copyAt.Add(time.Hour))
	p, path := map[string]string{"surveyId": "copy-flat"}, "/s/copy-flat"
	stampOf := func(r coldResult) string {
		t.Helper()
		if !r.fromTheTable {
			t.Fatalf("not from the copy: calls %s", r.calls)
		}
		s := html.UnescapeString(r.stamp)
		if at := stampAt(t, s); !at.Equal(env.Clock.Now()) {
			t.Fatalf("the copy's stamp is of %v, the page answered at %v", at, env.Clock.Now())
		}
		return s
	}
	fast := stampOf(coldPage(t, env, "copy-flat", "de", true, ""))
	slow := stampOf(coldPage(t, env, "copy-flat", "de", false, ""))
	// A rendered page's stamp (a warm function whose copy is not read:
	// the personal link's page renders; its stamp is the public one's).
	post := func(stamp, org string) events.APIGatewayV2HTTPResponse {
		return testenv.Page(t, env.NewSurvey(t), "POST", "/s/{surveyId}", path, p, "lang=de",
			url.Values{web.StampField: {stamp}, "org": {org}, "topics": {"youth"}, "consent.privacy": {"true"}}, nil)
	}
	env.Clock.Add(time.Second)
	if resp := post(fast, "Zu schnell e.V."); resp.StatusCode == 303 {
		t.Fatalf("a copy's stamp sent a second after the page was answered was taken: the stamp is not fresh")
	}
	env.Clock.Add(10 * time.Second)
	if resp := post(slow, "Kulturbrücke e.V."); resp.StatusCode != 303 {
		t.Fatalf("the copy's stamp sent after 11 s: %d %.800s", resp.StatusCode, resp.Body)
	}
	if resp := post(web.Stamp(env.Tokens, path, env.Clock.Now().Add(-10*time.Second)), "Brücke e.V."); resp.StatusCode != 303 {
		t.Fatalf("a rendered page's stamp: %d", resp.StatusCode)
	}
	if n := len(env.Query(t, "SURVEY#copy-flat", "RESP#")); n != 2 {
		t.Fatalf("%d answers stored, want 2", n)
	}
}

// TestPageCopyNeverStale: a copy is never shown once the page it copies
// would be another: after the survey was saved again, after the office's
// profile was saved, after the survey closed (in a cold function and in
// a warm one that read the copy); nor one of another build, a damaged
// one (the page renders: never a 5xx, never part of a page), or the
// copy of another language or another survey put in its place.
func TestPageCopyNeverStale(t *testing.T) {
	closes := copyAt.Add(2 * time.Hour)
	setup := func(t *testing.T) (*testenv.Env, map[string]string) {
		env := testenv.Seeded(t, testenv.At(copyAt))
		putSurvey(t, env, flatSurvey("copy-flat", "Räume 2027", &closes))
		want := map[string]string{}
		for _, lang := range []string{"de", "ar"} {
			_, c := settle(t, env, "copy-flat", lang, true)
			want[lang] = c.body
		}
		return env, want
	}
	// shows is a cold page in lang, gzip and not (the first rendered, not
	// from a copy, when rendered is true), a 200 with want in it.
	shows := func(t *testing.T, env *testenv.Env, lang string, rendered bool, want ...string) coldResult {
		t.Helper()
		var r coldResult
		for _, gz := range []bool{true, false} {
			r = coldPage(t, env, "copy-flat", lang, gz, "")
			if r.resp.StatusCode != 200 || rendered && gz && r.fromTheTable {
				t.Fatalf("%s (gzip %v): %d, calls %s", lang, gz, r.resp.StatusCode, r.calls)
			}
			for _, s := range want {
				if !strings.Contains(r.body, s) {
					t.Fatalf("%s (gzip %v): %q not on the page (calls %s): %.1500s", lang, gz, s, r.calls, r.body)
				}
			}
		}
		return r
	}

	t.Run("survey saved", func(t *testing.T) {
		env, _ := setup(t)
		d := flatSurvey("copy-flat", "Räume 2028", &closes)
		d.UpdatedAt = copyAt.Add(time.Second)
		putSurvey(t, env, d)
		for _, lang := range []string{"de", "ar"} {
			if r := shows(t, env, lang, true, "Räume 2028"); strings.Contains(r.body, "Räume 2027") {
				t.Fatalf("%s: the old title after the save", lang)
			}
			if _, c := settle(t, env, "copy-flat", lang, true); !strings.Contains(c.body, "Räume 2028") {
				t.Fatalf("%s: the new copy is not of the saved survey", lang)
			}
		}
	})
	t.Run("office saved", func(t *testing.T) {
		env, _ := setup(t)
		renameOffice(t, env, map[string]string{"de": "Landratsamt Neustadt – Integrationsbüro", "ar": "مكتب الاندماج نويشتات"}, copyAt.Add(time.Second))
		for lang, name := range map[string]string{"de": "Landratsamt Neustadt – Integrationsbüro", "ar": "مكتب الاندماج نويشتات"} {
			shows(t, env, lang, true, name)
			if _, c := settle(t, env, "copy-flat", lang, true); !strings.Contains(c.body, name) || strings.Contains(c.body, officeName) {
				t.Fatalf("%s: the new copy is not of the saved profile", lang)
			}
		}
	})
	t.Run("closed", func(t *testing.T) {
		env, _ := setup(t)
		warm := env.NewSurvey(t)
		if r, err := copyPage(warm, "copy-flat", "de", false, ""); err != nil || r.StatusCode != 200 {
			t.Fatalf("warm, open: %d %v", r.StatusCode, err)
		}
		env.Clock.Set(closes)
		for _, lang := range []string{"de", "ar"} {
			for _, gz := range []bool{true, false} {
				r := coldPage(t, env, "copy-flat", lang, gz, "")
				if r.resp.StatusCode != 409 || strings.Contains(r.body, "survey-form") || lang == "de" && !strings.Contains(r.body, "Diese Befragung ist geschlossen") {
					t.Fatalf("%s (gzip %v) after it closed: %d, calls %s: %.800s", lang, gz, r.resp.StatusCode, r.calls, r.body)
				}
			}
		}
		r, err := copyPage(warm, "copy-flat", "de", false, "")
		if body, _ := unzipped(r); err != nil || r.StatusCode != 409 || !strings.Contains(body, "Diese Befragung ist geschlossen") {
			t.Fatalf("warm, after it closed: %d %v", r.StatusCode, err)
		}
	})
	t.Run("another build", func(t *testing.T) {
		env, want := setup(t)
		// The copy of another build has another digest (dynamo's
		// TestPageCopyOfAnotherBuild writes one of the item's for another
		// build).
		b := copyAttr(t, env, "copy-flat", "de")
		other := append(bytes.Repeat([]byte{0xA5}, 18), b[18:]...)
		setCopy(t, env, "copy-flat", "de", other)
		if r := shows(t, env, "de", true); r.body != want["de"] {
			t.Fatal("the page with a copy of another build is not the page")
		}
	})
	t.Run("damaged", func(t *testing.T) {
		env, want := setup(t)
		good := copyAttr(t, env, "copy-flat", "de")
		// Every byte of the head (digest, version, until, headers), and
		// bytes spread over the page's compressed parts.
		var at []int
		for i := range min(len(good), 160) {
			at = append(at, i)
		}
		for i := 160; i < len(good); i += len(good) / 40 {
			at = append(at, i)
		}
		at = append(at, len(good)-1)
		for _, i := range at {
			bad := bytes.Clone(good)
			bad[i] ^= 0x5a
			setCopy(t, env, "copy-flat", "de", bad)
			for _, gz := range []bool{true, false} {
				r := coldPage(t, env, "copy-flat", "de", gz, "")
				if r.resp.StatusCode != 200 || r.body != want["de"] {
					t.Fatalf("a copy damaged at byte %d of %d (gzip %v): %d, calls %s, %d bytes of page (want %d): %.300q",
						i, len(good), gz, r.resp.StatusCode, r.calls, len(r.body), len(want["de"]), r.body)
				}
			}
		}
		// Cut short.
		for _, n := range []int{0, 1, 17, 18, 19, 30, len(good) / 2, len(good) - 1} {
			setCopy(t, env, "copy-flat", "de", good[:n])
			if r := coldPage(t, env, "copy-flat", "de", true, ""); r.resp.StatusCode != 200 || r.body != want["de"] {
				t.Fatalf("a copy cut to %d bytes: %d, calls %s", n, r.resp.StatusCode, r.calls)
			}
		}
	})
	t.Run("another language", func(t *testing.T) {
		env, want := setup(t)
		setCopy(t, env, "copy-flat", "de", copyAttr(t, env, "copy-flat", "ar"))
		if r := shows(t, env, "de", false, `<html lang="de"`); r.body != want["de"] {
			t.Fatalf("the Arabic copy in the German one's place: calls %s", r.calls)
		}
	})
	t.Run("another office's frame", func(t *testing.T) {
		// Another office's profile in the item's frame (by hand: no page
		// writes one) never shows, nor is a copy kept of a page that
		// shows it; the next pages show the survey's own office.
		env, want := setup(t)
		other := seed.DemoOffice()
		other.Office, other.Name = "nachbarkreis", map[string]string{"de": "Nachbarkreis – Integrationsbüro"}
		doc, err := json.Marshal(other)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.DB.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{TableName: &env.Table,
			Key:                       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "SURVEY#copy-flat"}, "sk": &types.AttributeValueMemberS{Value: "DEF"}},
			UpdateExpression:          aws.String("SET officeFrame = :f"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":f": &types.AttributeValueMemberS{Value: string(doc)}}}); err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if r := shows(t, env, "de", false, officeName); strings.Contains(r.body, "Nachbarkreis") || r.body != want["de"] {
				t.Fatalf("another office's frame: calls %s", r.calls)
			}
		}
		if _, c := settle(t, env, "copy-flat", "de", false); c.body != want["de"] {
			t.Fatal("the copy after another office's frame is not the page")
		}
	})
	t.Run("another survey", func(t *testing.T) {
		env, want := setup(t)
		putSurvey(t, env, flatSurvey("copy-other", "Fremde Umfrage", &closes))
		settle(t, env, "copy-other", "de", true)
		setCopy(t, env, "copy-flat", "de", copyAttr(t, env, "copy-other", "de"))
		if r := shows(t, env, "de", true, "Räume 2027"); r.body != want["de"] || strings.Contains(r.body, "Fremde Umfrage") {
			t.Fatalf("another survey's copy in its place: calls %s", r.calls)
		}
	})
}

// noTroubleLogged fails on an error logged, or a copy not kept.
func noTroubleLogged(t *testing.T, env *testenv.Env) {
	t.Helper()
	for _, line := range strings.Split(env.Logs.String(), "\n") {
		if strings.Contains(line, `"level":"ERROR"`) || strings.Contains(line, "page copy not kept") {
			t.Errorf("logged: %s", line)
		}
	}
}

// TestPageCopiesManyColdStarts: many functions started at once for the
// same survey in the same languages (none has a frame or a copy yet)
// all answer the page; afterwards there is one copy per language, which
// the next cold page answers.
func TestPageCopiesManyColdStarts(t *testing.T) {
	env := testenv.Seeded(t, testenv.At(copyAt))
	langs := []string{"de", "ar"}
	const each = 12
	type run struct {
		lang string
		h    app.Handler
		resp events.APIGatewayV2HTTPResponse
		err  error
	}
	var runs []*run
	for i := range each * len(langs) {
		runs = append(runs, &run{lang: langs[i%len(langs)], h: env.NewSurvey(t)})
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			r.resp, r.err = copyPage(r.h, seed.SurveyID, r.lang, i%3 != 0, "")
		}()
	}
	close(start)
	wg.Wait()

	want := map[string]string{}
	for _, lang := range langs {
		_, c := settle(t, env, seed.SurveyID, lang, true)
		want[lang] = c.body
		if c.resp.StatusCode != 200 || !strings.Contains(c.body, `<html lang="`+lang+`"`) {
			t.Fatalf("%s after the start: %d", lang, c.resp.StatusCode)
		}
	}
	for i, r := range runs {
		if r.err != nil || r.resp.StatusCode != 200 {
			t.Errorf("function %d (%s): %d %v", i, r.lang, r.resp.StatusCode, r.err)
			continue
		}
		body, err := unzipped(r.resp)
		if body, _ = unstamped(body); err != nil || body != want[r.lang] {
			t.Errorf("function %d (%s): not the page (%v)", i, r.lang, err)
		}
	}
	got := copyAttrs(t, env, seed.SurveyID)
	t.Logf("the demo survey's item: copies of %d (de) and %d (ar) bytes", len(got["page#de"]), len(got["page#ar"]))
	if len(got) != len(langs) || got["page#de"] == nil || got["page#ar"] == nil {
		t.Errorf("copies %v, want one in each of %v", slices.Sorted(maps.Keys(got)), langs)
	}
	noTroubleLogged(t, env)
}

// TestPageCopiesRaceSaves: cold pages keeping copies while the survey
// and the office's profile are saved again and again: every save
// succeeds (a copy never fails a coordinator's save, nor its check that
// nobody saved in between), and once they are done, a cold page shows
// what was saved last, from its copy too.
func TestPageCopiesRaceSaves(t *testing.T) {
	env := testenv.Seeded(t, testenv.At(copyAt))
	ctx := context.Background()
	d := flatSurvey("copy-flat", "Runde 0", nil)
	putSurvey(t, env, d)
	langs := []string{"de", "ar"}
	for _, lang := range langs {
		settle(t, env, "copy-flat", lang, true)
	}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var pages, copied sync.Map
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				h, err := surveyfn.New(env.Deps())
				if err != nil {
					t.Error(err)
					return
				}
				lang := langs[(w+n)%len(langs)]
				resp, err := copyPage(h, "copy-flat", lang, n%2 == 0, "")
				if err != nil || resp.StatusCode != 200 {
					t.Errorf("a page during the saves: %d %v", resp.StatusCode, err)
					return
				}
				if _, err := unzipped(resp); err != nil {
					t.Errorf("a page during the saves does not unpack: %v", err)
					return
				}
				pages.Store(fmt.Sprint(w, n), true)
				if c := copyAttrsNow(env, "copy-flat"); c > 0 {
					copied.Store(fmt.Sprint(w, n), c)
				}
			}
		}()
	}
	prevDef, title := d.UpdatedAt, ""
	prev, err := env.Store.Offices.Office(ctx, seed.Office)
	if err != nil {
		t.Fatal(err)
	}
	office := ""
	for n := 1; n <= 8; n++ {
		time.Sleep(40 * time.Millisecond)
		if n%2 == 1 {
			title = fmt.Sprintf("Runde %d", n)
			d := flatSurvey("copy-flat", title, nil)
			d.UpdatedAt = copyAt.Add(time.Duration(n) * time.Millisecond)
			if err := env.Store.UpdateSurvey(ctx, d, prevDef); err != nil {
				t.Fatalf("save %d of the survey: %v", n, err)
			}
			prevDef = d.UpdatedAt
			continue
		}
		office = fmt.Sprintf("Integrationsbüro, Fassung %d", n)
		p := seed.DemoOffice()
		p.Name = map[string]string{"de": office, "ar": office + " (ar)"}
		now := copyAt.Add(time.Duration(n) * time.Millisecond)
		if err := env.Store.PutOfficeIf(ctx, p, prev.UpdatedAt, now); err != nil {
			t.Fatalf("save %d of the office: %v", n, err)
		}
		prev = p
		prev.UpdatedAt = now
	}
	time.Sleep(40 * time.Millisecond)
	close(stop)
	wg.Wait()
	n := 0
	pages.Range(func(any, any) bool { n++; return true })
	t.Logf("%d pages during the saves", n)
	c := 0
	copied.Range(func(any, any) bool { c++; return true })
	if n < 8 || c == 0 {
		t.Fatalf("%d pages during 8 saves, %d after which copies were there: they did not meet", n, c)
	}
	for _, lang := range langs {
		wantTitle, wantOffice := title, office
		if lang == "ar" {
			wantTitle, wantOffice = title+" (ar)", office+" (ar)"
		}
		for range 3 {
			r := coldPage(t, env, "copy-flat", lang, true, "")
			if r.resp.StatusCode != 200 || !strings.Contains(r.body, wantTitle) || !strings.Contains(r.body, wantOffice) {
				t.Fatalf("%s after the saves (calls %s): not %q of %q: %.1500s", lang, r.calls, wantTitle, wantOffice, r.body)
			}
		}
		if _, c := settle(t, env, "copy-flat", lang, true); !strings.Contains(c.body, wantTitle) || !strings.Contains(c.body, wantOffice) {
			t.Fatalf("%s: the copy after the saves is not of what was saved", lang)
		}
	}
	noTroubleLogged(t, env)
}

// copyAttrsNow counts survey id's page copies (in a goroutine: no t).
func copyAttrsNow(env *testenv.Env, id string) int {
	out, err := env.DB.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: &env.Table, ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "SURVEY#" + id}, "sk": &types.AttributeValueMemberS{Value: "DEF"}}})
	if err != nil {
		return 0
	}
	n := 0
	for k := range out.Item {
		if strings.HasPrefix(k, "page#") {
			n++
		}
	}
	return n
}

// copyGate holds a page's write of its copy (an UpdateItem of a page#
// attribute) while it is armed, until the test lets it go.
type copyGate struct {
	mu      sync.Mutex
	armed   bool
	reached chan struct{}
	release chan struct{}
}

func (g *copyGate) arm() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.armed, g.reached, g.release = true, make(chan struct{}), make(chan struct{})
}

func (g *copyGate) option(o *dynamodb.Options) {
	o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
		return s.Initialize.Add(middleware.InitializeMiddlewareFunc("copyGate",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				if u, ok := in.Parameters.(*dynamodb.UpdateItemInput); ok {
					for _, name := range u.ExpressionAttributeNames {
						if strings.HasPrefix(name, "page#") {
							g.mu.Lock()
							armed, reached, release := g.armed, g.reached, g.release
							g.armed = false
							g.mu.Unlock()
							if armed {
								close(reached)
								<-release
							}
						}
					}
				}
				return next.HandleInitialize(ctx, in)
			}), middleware.Before)
	})
}

// TestPageCopyWrittenAfterASave: a page that read the survey before a
// save of the survey or of the office's profile writes its copy after
// the save (held until then): that copy, of the item as it was, is
// never shown; the next cold page shows what was saved, and keeps its
// own copy.
func TestPageCopyWrittenAfterASave(t *testing.T) {
	gate := &copyGate{}
	env := testenv.Seeded(t, testenv.At(copyAt), testenv.Client(gate.option))
	ctx := context.Background()
	putSurvey(t, env, flatSurvey("copy-flat", "Vorher", nil))
	coldPage(t, env, "copy-flat", "de", true, "") // the frame
	saves := []struct {
		what string
		save func(n int) string // what the page shows after it
	}{
		{"survey", func(n int) string {
			d := flatSurvey("copy-flat", fmt.Sprintf("Nachher %d", n), nil)
			d.UpdatedAt = copyAt.Add(time.Duration(n) * time.Second)
			putSurvey(t, env, d)
			return d.Title["de"]
		}},
		{"office", func(n int) string {
			prev, err := env.Store.Offices.Office(ctx, seed.Office)
			if err != nil {
				t.Fatal(err)
			}
			p := seed.DemoOffice()
			p.Name = map[string]string{"de": fmt.Sprintf("Integrationsbüro %d", n)}
			if err := env.Store.PutOfficeIf(ctx, p, prev.UpdatedAt, copyAt.Add(time.Duration(n)*time.Second)); err != nil {
				t.Fatal(err)
			}
			return p.Name["de"]
		}},
	}
	for n, s := range saves {
		// Pages after every save first: its item has a frame again; then
		// no copy, so that the next page renders and keeps one.
		coldPage(t, env, "copy-flat", "de", true, "")
		coldPage(t, env, "copy-flat", "de", true, "")
		dropCopy(t, env, "copy-flat", "de")
		gate.arm()
		h := env.NewSurvey(t)
		done := make(chan error)
		go func() {
			resp, err := copyPage(h, "copy-flat", "de", true, "")
			if err == nil && resp.StatusCode != 200 {
				err = fmt.Errorf("status %d", resp.StatusCode)
			}
			done <- err
		}()
		select {
		case <-gate.reached:
		case err := <-done:
			t.Fatalf("%s: the page kept no copy (%v)", s.what, err)
		}
		want := s.save(n + 1)
		close(gate.release)
		if err := <-done; err != nil {
			t.Fatalf("%s: the held page: %v", s.what, err)
		}
		if copyAttr(t, env, "copy-flat", "de") == nil {
			t.Fatalf("%s: the held copy was not written", s.what)
		}
		r := coldPage(t, env, "copy-flat", "de", true, "")
		if r.fromTheTable || !strings.Contains(r.body, want) {
			t.Fatalf("%s saved while a copy was held: the next cold page (calls %s) does not show %q", s.what, r.calls, want)
		}
		if _, c := settle(t, env, "copy-flat", "de", true); !strings.Contains(c.body, want) {
			t.Fatalf("%s: the next copy does not show %q", s.what, want)
		}
	}
}

// TestPageCopiesOnlyOfThePublicOpenPage: the page of a personal link
// (which keeps a copy of its own, personalcopy_test.go), the console's
// preview, and the page of a survey not open (scheduled, closed) neither
// read the public page's copy nor keep one.
func TestPageCopiesOnlyOfThePublicOpenPage(t *testing.T) {
	f := testenv.NewFunctions(t, testenv.At(copyAt))
	env := f.Env
	p := map[string]string{"surveyId": seed.SurveyID}
	resp := f.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", p, "",
		`{"invitations":[{"organisation":"Kulturbrücke e.V.","email":"info@kulturbruecke.example","language":"de"}]}`)
	if resp.StatusCode != 201 {
		t.Fatal(resp.Body)
	}
	token := env.Tokens.Token("invitation", env.Items(t)["invitation"][0]["id"].(string))
	_, public := settle(t, env, seed.SurveyID, "de", true)
	before := copyAttrs(t, env, seed.SurveyID)

	// The personal link, in German (a copy there) and Turkish (none).
	for _, lang := range []string{"de", "tr"} {
		for _, gz := range []bool{true, false} {
			r := coldPage(t, env, seed.SurveyID, lang, gz, "invitation="+url.QueryEscape(token))
			if r.resp.StatusCode != 200 || !strings.Contains(r.body, `value="Kulturbrücke e.V."`) || !strings.Contains(r.body, `name="invitation"`) ||
				r.resp.Headers["cache-control"] != "no-store" {
				t.Fatalf("personal link in %s (gzip %v): %d %v, calls %s", lang, gz, r.resp.StatusCode, r.resp.Headers, r.calls)
			}
		}
	}
	// A token that is none: no personal page, but no copy either.
	if r := coldPage(t, env, seed.SurveyID, "de", true, "invitation=nonsense"); r.resp.StatusCode >= 500 || r.fromTheTable || strings.Contains(r.calls, "UpdateItem") {
		t.Fatalf("a bad token: %d, calls %s", r.resp.StatusCode, r.calls)
	}

	// The console's preview, in German and Turkish.
	s, admin := f.SignIn(t)
	for _, lang := range []string{"de", "tr"} {
		req := s.Request(routes.Route{Method: "GET", Path: "/console/surveys/{surveyId}/preview"}, "demo", "")
		req.Headers = map[string]string{"accept-language": lang}
		env.Calls.Reset()
		r := testenv.Do(t, admin, req)
		body, err := unzipped(r)
		if err != nil || r.StatusCode != 200 || !strings.Contains(body, "console/surveys/"+seed.SurveyID+"/preview") || strings.Contains(strings.Join(env.Calls.Reset(), " "), "UpdateItem") {
			t.Fatalf("preview in %s: %d %v %.500s", lang, r.StatusCode, err, body)
		}
	}
	after := copyAttrs(t, env, seed.SurveyID)
	maps.DeleteFunc(after, func(k string, _ []byte) bool { return strings.HasSuffix(k, "#p") }) // the personal link's own
	if !maps.EqualFunc(before, after, bytes.Equal) {
		t.Fatalf("copies before %v, after the personal link and the preview %v", slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
	}
	// The public page is still its copy, without the organisation.
	if r := coldPage(t, env, seed.SurveyID, "de", true, ""); !r.fromTheTable || r.body != public.body || strings.Contains(r.body, "Kulturbrücke") {
		t.Fatalf("the public page after the personal link: calls %s", r.calls)
	}

	// Surveys not open: scheduled and closed.
	opens, closed := copyAt.Add(24*time.Hour), copyAt.Add(-time.Hour)
	soon := flatSurvey("copy-soon", "Bald", nil)
	soon.OpensAt = &opens
	putSurvey(t, env, soon)
	putSurvey(t, env, flatSurvey("copy-closed", "Vorbei", &closed))
	for _, id := range []string{"copy-soon", "copy-closed"} {
		for range 3 {
			r := coldPage(t, env, id, "de", true, "")
			if r.resp.StatusCode != 409 || strings.Contains(r.calls, "UpdateItem") {
				t.Fatalf("%s: %d, calls %s", id, r.resp.StatusCode, r.calls)
			}
		}
		if c := copyAttrs(t, env, id); len(c) != 0 {
			t.Fatalf("%s has copies %v", id, slices.Sorted(maps.Keys(c)))
		}
	}
}

// TestPageCopyNotPoisoned: what a stranger sends with the page that
// keeps a copy (its query string, an empty personal link, its language
// asked for in the query or the header, its host, cookies, origin and
// other headers) never reaches the copy: the next visitors get the page
// as a plain request renders it.
func TestPageCopyNotPoisoned(t *testing.T) {
	env := testenv.Seeded(t, testenv.At(copyAt))
	putSurvey(t, env, flatSurvey("copy-flat", "Räume 2027", nil))
	want := map[string]coldResult{}
	for _, lang := range []string{"de", "ar"} {
		_, want[lang] = settle(t, env, "copy-flat", lang, true)
	}
	hostile := map[string]string{
		"host": "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http", "forwarded": "host=evil.example",
		"origin": "https://evil.example", "referer": "https://evil.example/evil", "cookie": "session=evil; lang=evil",
		"user-agent": "evil/1.0", "accept": "application/json", "x-requested-with": "evil", "sec-fetch-site": "cross-site",
		"if-none-match": `"evil"`, "accept-encoding": "gzip;q=1, evil",
	}
	query := "invitation=&next=%3Cscript%3Eevil()%3C%2Fscript%3E&form.stamp=evil-stamp&org=Evil+e.V.&form.lang=ar&utm_source=evil&preview=1"
	for _, c := range []struct {
		lang, query, acceptLanguage string
	}{
		{"de", "lang=de&" + query, "ar;q=1, evil;q=0.9"},
		{"ar", "lang=ar&" + query, "de"},
		{"de", "lang=evil&" + query, "de-CH;q=0.9, evil"},
		{"ar", query + "&lang=ar&lang=de", "ar-SA, de;q=0.1"},
	} {
		dropCopy(t, env, "copy-flat", c.lang)
		ev := events.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: "GET /s/{surveyId}", RawPath: "/s/copy-flat", RawQueryString: c.query,
			PathParameters: map[string]string{"surveyId": "copy-flat"}, Headers: maps.Clone(hostile), Cookies: []string{"session=evil"}}
		ev.Headers["accept-language"] = c.acceptLanguage
		ev.RequestContext.HTTP.Method, ev.RequestContext.HTTP.SourceIP = "GET", "203.0.113.66"
		env.Calls.Reset()
		resp, err := env.NewSurvey(t)(context.Background(), ev)
		if calls := strings.Join(env.Calls.Reset(), " "); err != nil || resp.StatusCode != 200 || !strings.Contains(calls, "UpdateItem") {
			t.Fatalf("the stranger's page (%s): %d %v, calls %s", c.query, resp.StatusCode, err, calls)
		}
		r := coldPage(t, env, "copy-flat", c.lang, true, "")
		if !r.fromTheTable || r.body != want[c.lang].body || !maps.Equal(r.resp.Headers, want[c.lang].resp.Headers) {
			t.Fatalf("%s after a stranger's page (%s, %s): calls %s, the same page %v, headers %v",
				c.lang, c.query, c.acceptLanguage, r.calls, r.body == want[c.lang].body, r.resp.Headers)
		}
		for k, v := range r.resp.Headers {
			if strings.Contains(strings.ToLower(k+v), "evil") {
				t.Fatalf("header %s: %s", k, v)
			}
		}
		if strings.Contains(strings.ToLower(r.body), "evil") {
			t.Fatalf("the stranger's input on the copy")
		}
	}
}
