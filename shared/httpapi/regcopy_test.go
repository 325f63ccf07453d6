package httpapi_test

// A registration's page copy (shared/web/pages/meeting.go's manage,
// dynamo's regcopy.go): the page of a confirmed registration's link as
// rendered, kept in the registration's item, answered by a cold function
// that finds it of the registration and the meeting as stored. These
// tests drive cold functions (each its own env.NewMeeting) against
// DynamoDB Local and count their calls.

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/integration-offices/netzwerk-backend/shared/app/meetingfn"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web/pages"
)

// regCopyPerson is who registers: every character a page escapes.
var regCopyPerson = meeting.Request{Name: `Ayşe "Öz" <Türk> & Co. + 1`, Email: "ayse+netz@verein.example",
	Organisation: "جمعية الجسر & Світанок <e.V.>", Language: "de", Topics: []string{"rooms"}}

// regCopyEnv is a seeded table with the demo meeting (two topics) and a
// confirmed registration of regCopyPerson; its link.
func regCopyEnv(t *testing.T, change ...func(*meeting.Request)) (*testenv.Env, string, string) {
	t.Helper()
	env := testenv.Seeded(t)
	env.PutDemoMeeting(t, 20, func(m *meeting.Meeting) {
		m.Topics = []meeting.Topic{{Code: "rooms", Label: i18n.Text{"de": "Räume für Vereine", "ar": "قاعات للجمعيات"}},
			{Code: "funds", Label: i18n.Text{"de": "Fördergeld"}}}
	})
	req, yes := regCopyPerson, true
	req.Consent = &meeting.Consent{Privacy: &yes}
	for _, c := range change {
		c(&req)
	}
	res, err := meeting.NewService(env.Store, env.Tokens, env.Clock.Now).Register(context.Background(), seed.MeetingID, &req, "de", nil)
	if err != nil {
		t.Fatal(err)
	}
	return env, res.RegistrationID, meeting.ManageToken(env.Tokens, seed.MeetingID, res.RegistrationID)
}

// waitKept waits for the page copies written after their answers
// (pages' keepAfter), so that a page's calls are counted with it.
func waitKept() { pages.WaitKept() }

// regPage is the page at path of a function started for it.
func regPage(t *testing.T, env *testenv.Env, path string, gz bool) coldResult {
	t.Helper()
	h := env.NewMeeting(t)
	r := httptest.NewRequest(http.MethodGet, "https://netzwerk.example"+path, nil)
	r.RemoteAddr = "127.0.0.7:50000"
	r.Header.Set("Accept", "text/html")
	r.Header.Set("Accept-Language", "de")
	route, params, ok := localaws.Match(http.MethodGet, r.URL.Path)
	if !ok {
		t.Fatalf("no route for %s", path)
	}
	ev := localaws.Event(r, route, params, nil, "regcopy-test")
	if gz {
		ev.Headers["accept-encoding"] = "gzip, deflate, br"
	}
	env.Calls.Reset()
	resp, err := h(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	pages.WaitKept() // a copy's write follows the answer
	if resp.StatusCode >= 500 {
		t.Fatalf("%s: %d %.500s", path, resp.StatusCode, resp.Body)
	}
	body, err := unzipped(resp)
	if err != nil {
		t.Fatalf("%s: the body does not unpack: %v", path, err)
	}
	calls := strings.Join(env.Calls.Reset(), " ")
	return coldResult{resp: resp, body: body, calls: calls, fromTheTable: calls == "GetItem GetItem"}
}

// settleReg opens path in cold functions until one is answered from its
// copy (the first after a registration frames the meeting: its page
// keeps no copy of the item it changes), and returns that one.
func settleReg(t *testing.T, env *testenv.Env, path string, gz bool) coldResult {
	t.Helper()
	var r coldResult
	for range 4 {
		if r = regPage(t, env, path, gz); r.fromTheTable {
			return r
		}
	}
	t.Fatalf("%s: no cold page answered from its copy (last calls %s)", path, r.calls)
	return r
}

// regCopy is the page copy in registration id's item (nil: none).
func regCopy(t *testing.T, env *testenv.Env, id string) []byte {
	t.Helper()
	b, _ := env.Get(t, "MEETING#"+seed.MeetingID, "REG#"+id)["page#r"].([]byte)
	return b
}

// setRegCopy writes registration id's page copy by hand.
func setRegCopy(t *testing.T, env *testenv.Env, id string, b []byte) {
	t.Helper()
	if _, err := env.DB.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{TableName: &env.Table,
		Key:                       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "MEETING#" + seed.MeetingID}, "sk": &types.AttributeValueMemberS{Value: "REG#" + id}},
		UpdateExpression:          aws.String("SET #c = :c"),
		ExpressionAttributeNames:  map[string]string{"#c": "page#r"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":c": &types.AttributeValueMemberB{Value: b}}}); err != nil {
		t.Fatal(err)
	}
}

// dropRegCopy removes registration id's page copy by hand.
func dropRegCopy(t *testing.T, env *testenv.Env, id string) {
	t.Helper()
	if _, err := env.DB.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{TableName: &env.Table,
		Key:                      map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "MEETING#" + seed.MeetingID}, "sk": &types.AttributeValueMemberS{Value: "REG#" + id}},
		UpdateExpression:         aws.String("REMOVE #c"),
		ExpressionAttributeNames: map[string]string{"#c": "page#r"}}); err != nil {
		t.Fatal(err)
	}
}

// rendered is the page at path rendered now: its copy dropped first.
func rendered(t *testing.T, env *testenv.Env, id, path string) coldResult {
	t.Helper()
	dropRegCopy(t, env, id)
	r := regPage(t, env, path, false)
	if r.fromTheTable {
		t.Fatalf("%s: answered from a copy that was dropped", path)
	}
	return r
}

// TestRegistrationPageCopyIsTheRenderedPage: the first cold page of a
// confirmed registration's link renders and keeps its copy; the next
// ones are answered from it (two reads, nothing written): status,
// headers and body as rendered, in German and Arabic, gzip or not, with
// every character of the person's name, email and organisation as the
// template escapes it. The first view after registering (new=1) says the
// mail is on its way and keeps the page without that.
func TestRegistrationPageCopyIsTheRenderedPage(t *testing.T) {
	for _, lang := range []string{"de", "ar"} {
		env, id, token := regCopyEnv(t, func(r *meeting.Request) { r.Language = lang })
		settleReg(t, env, "/r/"+token+"?lang="+lang, true) // the meeting framed
		path := "/r/" + token + "?lang=" + lang
		dropRegCopy(t, env, id)
		first := regPage(t, env, path+"&new=1", true)
		if first.fromTheTable || !strings.Contains(first.calls, "UpdateItem") || !strings.Contains(first.body, i18n.T(lang, "page.mail_on_way")) {
			t.Fatalf("%s: the first view: calls %s", lang, first.calls)
		}
		kept := regCopy(t, env, id)
		text, ok := pages.CopyText(kept[18:])
		if !ok || !strings.Contains(text, "ayse&#43;netz@verein.example") || strings.Contains(text, token) {
			t.Fatalf("%s: the copy (read %v) holds the link, or not the page", lang, ok)
		}
		for _, gz := range []bool{true, false} {
			c := regPage(t, env, path, gz)
			if !c.fromTheTable {
				t.Fatalf("%s (gzip %v): not from the copy: calls %s", lang, gz, c.calls)
			}
			if strings.Contains(c.body, i18n.T(lang, "page.mail_on_way")) {
				t.Fatalf("%s: the copy says the mail is on its way", lang)
			}
			if c.resp.Headers["content-encoding"] == "gzip" != gz {
				t.Fatalf("%s (gzip %v): content-encoding %q", lang, gz, c.resp.Headers["content-encoding"])
			}
			r := rendered(t, env, id, path)
			if c.resp.StatusCode != r.resp.StatusCode || c.body != r.body {
				t.Fatalf("%s (gzip %v): the copy (%d, %d bytes) is not the rendered page (%d, %d bytes)",
					lang, gz, c.resp.StatusCode, len(c.body), r.resp.StatusCode, len(r.body))
			}
			for _, h := range []string{"content-type", "content-language", "cache-control", "referrer-policy", "content-security-policy", "strict-transport-security"} {
				if c.resp.Headers[h] != r.resp.Headers[h] {
					t.Errorf("%s: header %s %q, rendered %q", lang, h, c.resp.Headers[h], r.resp.Headers[h])
				}
			}
			for _, s := range []string{"Ayşe &#34;Öz&#34; &lt;Türk&gt; &amp; Co. &#43; 1", "ayse&#43;netz@verein.example", "جمعية الجسر &amp; Світанок &lt;e.V.&gt;", "/r/" + token + "/cancel"} {
				if !strings.Contains(c.body, s) {
					t.Fatalf("%s: %q not on the copied page", lang, s)
				}
			}
			if c := regPage(t, env, path, gz); !c.fromTheTable { // the page rendered above kept it again
				t.Fatalf("%s: no copy after a render: calls %s", lang, c.calls)
			}
		}
		// Another language than the mails': rendered, nothing written.
		other := map[string]string{"de": "tr", "ar": "de"}[lang]
		for range 2 {
			if r := regPage(t, env, "/r/"+token+"?lang="+other, true); strings.Contains(r.calls, "UpdateItem") || !strings.Contains(r.body, `<html lang="`+other+`"`) {
				t.Fatalf("%s: the page in %s: calls %s", lang, other, r.calls)
			}
		}
		noTroubleLogged(t, env)
	}
}

// TestRegistrationPageCopyNeverStale: a copy is shown only while the
// registration, its meeting and the office are as they were when it was
// rendered, for the build, language and link it was rendered for, and
// before the meeting starts; someone else's registration leaves it
// current. Erasing the registration removes it with the person's data.
func TestRegistrationPageCopyNeverStale(t *testing.T) {
	setup := func(t *testing.T) (*testenv.Env, string, string, coldResult) {
		env, id, token := regCopyEnv(t)
		return env, id, token, settleReg(t, env, "/r/"+token, true)
	}
	// shows is a cold page of the link with want on it and none of not.
	shows := func(t *testing.T, env *testenv.Env, path string, want, not []string) coldResult {
		t.Helper()
		r := regPage(t, env, path, true)
		for _, s := range want {
			if !strings.Contains(r.body, s) {
				t.Fatalf("%s: %q not on the page (calls %s)", path, s, r.calls)
			}
		}
		for _, s := range not {
			if strings.Contains(r.body, s) {
				t.Fatalf("%s: %q still on the page", path, s)
			}
		}
		return r
	}
	t.Run("someone else registers", func(t *testing.T) {
		env, id, token, c := setup(t)
		yes := true
		if _, err := meeting.NewService(env.Store, env.Tokens, env.Clock.Now).Register(context.Background(), seed.MeetingID,
			&meeting.Request{Name: "Oksana Kovalenko", Email: "oksana@verein.example", Language: "uk", Consent: &meeting.Consent{Privacy: &yes}}, "uk", nil); err != nil {
			t.Fatal(err)
		}
		if again := regPage(t, env, "/r/"+token, true); !again.fromTheTable || again.body != c.body {
			t.Fatalf("a seat taken by someone else: calls %s", again.calls)
		}
		if r := rendered(t, env, id, "/r/"+token); r.body != c.body {
			t.Fatal("the copy kept through someone else's registration is not the page")
		}
	})
	t.Run("meeting saved", func(t *testing.T) {
		env, _, token, _ := setup(t)
		m, _, err := env.Store.Meeting(context.Background(), seed.MeetingID)
		if err != nil {
			t.Fatal(err)
		}
		m.Title = i18n.Text{"de": "Netzwerktreffen – neuer Raum"}
		if err := env.Store.PutMeeting(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		shows(t, env, "/r/"+token, []string{"Netzwerktreffen – neuer Raum"}, nil)
	})
	t.Run("office saved", func(t *testing.T) {
		env, _, token, _ := setup(t)
		renameOffice(t, env, map[string]string{"de": "Landratsamt Neustadt – Integrationsbüro"}, env.Clock.Now().Add(time.Second))
		shows(t, env, "/r/"+token, []string{"Landratsamt Neustadt – Integrationsbüro"}, []string{officeName})
	})
	t.Run("cancelled", func(t *testing.T) {
		env, id, token, _ := setup(t)
		if err := meeting.NewService(env.Store, env.Tokens, env.Clock.Now).Cancel(context.Background(), token, nil); err != nil {
			t.Fatal(err)
		}
		if regCopy(t, env, id) != nil {
			t.Fatal("the copy outlived the cancellation")
		}
		shows(t, env, "/r/"+token, []string{i18n.T("de", "page.status_cancelled")}, []string{"ayse&#43;netz@verein.example"})
		if again := regPage(t, env, "/r/"+token, true); strings.Contains(again.calls, "UpdateItem") || !strings.Contains(again.body, i18n.T("de", "page.status_cancelled")) {
			t.Fatalf("a cancelled registration's page kept: calls %s", again.calls)
		}
	})
	t.Run("erased", func(t *testing.T) {
		env, id, token, _ := setup(t)
		if err := meeting.NewService(env.Store, env.Tokens, env.Clock.Now).Cancel(context.Background(), token, &meeting.Erasure{Actor: meeting.Registrant}); err != nil {
			t.Fatal(err)
		}
		if regCopy(t, env, id) != nil {
			t.Fatal("the copy, with the person's name, outlived the erasure")
		}
		shows(t, env, "/r/"+token, []string{i18n.T("de", "page.status_erased")}, []string{"Ayşe", "ayse&#43;netz"})
	})
	t.Run("meeting started", func(t *testing.T) {
		env, _, token, _ := setup(t)
		m, _, err := env.Store.Meeting(context.Background(), seed.MeetingID)
		if err != nil {
			t.Fatal(err)
		}
		env.Clock.Set(m.StartsAt.Add(time.Minute))
		r := shows(t, env, "/r/"+token, []string{"Ayşe"}, []string{"/r/" + token + "/cancel?lang=de\""})
		if strings.Contains(r.calls, "UpdateItem") {
			t.Fatalf("a page kept after the meeting started: calls %s", r.calls)
		}
	})
	t.Run("another build, language or link", func(t *testing.T) {
		env, id, token, c := setup(t)
		good := regCopy(t, env, id)
		setRegCopy(t, env, id, append(bytes.Repeat([]byte{0xA5}, 18), good[18:]...))
		if r := shows(t, env, "/r/"+token, nil, nil); r.body != c.body || !strings.Contains(r.calls, "UpdateItem") {
			t.Fatalf("the page with a copy of another build: calls %s", r.calls)
		}
		shows(t, env, "/r/"+token+"?lang=ar", []string{`<html lang="ar"`}, nil) // the German copy in the Arabic one's place
		// Another registration's copy in its item.
		_, other := func() (*testenv.Env, string) {
			yes := true
			res, err := meeting.NewService(env.Store, env.Tokens, env.Clock.Now).Register(context.Background(), seed.MeetingID,
				&meeting.Request{Name: "Oksana Kovalenko", Email: "oksana@verein.example", Language: "de", Consent: &meeting.Consent{Privacy: &yes}}, "uk", nil)
			if err != nil {
				t.Fatal(err)
			}
			return env, res.RegistrationID
		}()
		otherToken := meeting.ManageToken(env.Tokens, seed.MeetingID, other)
		settleReg(t, env, "/r/"+otherToken, true)
		if regCopy(t, env, other) == nil {
			t.Fatal("no copy of the other registration's page")
		}
		setRegCopy(t, env, id, regCopy(t, env, other))
		shows(t, env, "/r/"+token, []string{"Ayşe"}, []string{"Oksana"})
	})
	t.Run("damaged", func(t *testing.T) {
		env, id, token, c := setup(t)
		good := regCopy(t, env, id)
		for i := 0; i < len(good); i += max(1, len(good)/60) {
			bad := bytes.Clone(good)
			bad[i] ^= 0x5a
			setRegCopy(t, env, id, bad)
			for _, gz := range []bool{true, false} {
				if r := regPage(t, env, "/r/"+token, gz); r.resp.StatusCode != 200 || r.body != c.body {
					t.Fatalf("a copy damaged at byte %d of %d (gzip %v): %d, calls %s", i, len(good), gz, r.resp.StatusCode, r.calls)
				}
			}
		}
	})
	t.Run("forged link", func(t *testing.T) {
		env, _, token, _ := setup(t)
		names, sig, _ := strings.Cut(token, ".")
		b := []byte(sig)
		b[len(b)/2] ^= 1
		if r := regPage(t, env, "/r/"+names+"."+string(b), true); r.resp.StatusCode != 404 || strings.Contains(r.body, "Ayşe") {
			t.Fatalf("a forged link: %d", r.resp.StatusCode)
		}
	})
}

// TestRegistrationPageCopyOnlyOfConfirmed: the page of a place on the
// waitlist (its place changes with others' cancellations) is never kept.
func TestRegistrationPageCopyOnlyOfConfirmed(t *testing.T) {
	env := testenv.Seeded(t)
	env.PutDemoMeeting(t, 1)
	svc := meeting.NewService(env.Store, env.Tokens, env.Clock.Now)
	yes := true
	var ids []string
	for _, email := range []string{"a@verein.example", "b@verein.example"} {
		res, err := svc.Register(context.Background(), seed.MeetingID, &meeting.Request{Name: "Vereinsmitglied", Email: email, Language: "de",
			Consent: &meeting.Consent{Privacy: &yes}}, "de", nil)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.RegistrationID)
	}
	waiting := meeting.ManageToken(env.Tokens, seed.MeetingID, ids[1])
	for range 2 {
		if r := regPage(t, env, "/r/"+waiting, true); r.fromTheTable || strings.Contains(r.calls, "UpdateItem") || !strings.Contains(r.body, "1") {
			t.Fatalf("a waitlisted registration's page: calls %s", r.calls)
		}
	}
	if regCopy(t, env, ids[1]) != nil {
		t.Fatal("a waitlisted registration's page was kept")
	}
}

// TestRegistrationPageCopyNotIntoAnErasure: a copy rendered from the
// registration as read before an erasure (or a cancellation) is not
// written into its item after it: the page held the person's name.
func TestRegistrationPageCopyNotIntoAnErasure(t *testing.T) {
	for _, erase := range []*meeting.Erasure{{Actor: meeting.Registrant}, nil} {
		env, id, token := regCopyEnv(t)
		settleReg(t, env, "/r/"+token, true)
		dropRegCopy(t, env, id)
		build := func() string { return "build-1" }
		p, err := env.Store.RegistrationPaged(context.Background(), seed.MeetingID, id, "de", build)
		if err != nil || p.Digest == "" {
			t.Fatalf("read: %v, digest %q", err, p.Digest)
		}
		if err := meeting.NewService(env.Store, env.Tokens, env.Clock.Now).Cancel(context.Background(), token, erase); err != nil {
			t.Fatal(err)
		}
		if err := env.Store.PutRegistrationCopy(context.Background(), seed.MeetingID, id, p.Digest, []byte("<p>Ayşe</p>")); err != nil {
			t.Fatalf("a registration changed meanwhile is no error: %v", err)
		}
		if regCopy(t, env, id) != nil {
			t.Fatalf("erase %v: a copy written into the registration after it changed", erase != nil)
		}
	}
}

// TestRegistrationPageCopyWrittenAfterTheAnswer: a link's page is
// answered without waiting for its copy's write (pages' keepAfter), whose
// request outlives the request's context: the write is held until the
// answer is out and the request's context cancelled, and lands all the
// same.
func TestRegistrationPageCopyWrittenAfterTheAnswer(t *testing.T) {
	env, id, token := regCopyEnv(t)
	settleReg(t, env, "/r/"+token, false) // the registration's own frame is kept first
	dropRegCopy(t, env, id)
	release := make(chan struct{})
	held := make(chan struct{}, 1)
	db := dynamodb.New(env.DB.Options(), func(o *dynamodb.Options) {
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			return s.Initialize.Add(middleware.InitializeMiddlewareFunc("holdCopy",
				func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
					if awsmiddleware.GetOperationName(ctx) == "UpdateItem" {
						held <- struct{}{}
						<-release
					}
					return next.HandleInitialize(ctx, in)
				}), middleware.Before)
		})
	})
	d := env.Deps()
	d.DB = db
	h, err := meetingfn.New(d)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, "https://netzwerk.example/r/"+token, nil)
	r.RemoteAddr = "127.0.0.8:50000"
	r.Header.Set("Accept", "text/html")
	route, params, _ := localaws.Match(http.MethodGet, r.URL.Path)
	ctx, cancel := context.WithCancel(context.Background())
	type answer struct {
		resp events.APIGatewayV2HTTPResponse
		err  error
	}
	answered := make(chan answer, 1)
	go func() {
		resp, err := h(ctx, localaws.Event(r, route, params, nil, "regcopy-after"))
		answered <- answer{resp, err}
	}()
	var a answer
	select {
	case a = <-answered:
	case <-time.After(10 * time.Second):
		close(release)
		t.Fatal("the page waited for its copy's write")
	}
	cancel() // as aws-lambda-go does when the handler returns
	if a.err != nil || a.resp.StatusCode != http.StatusOK {
		t.Fatalf("%v %d", a.err, a.resp.StatusCode)
	}
	select {
	case <-held:
	case <-time.After(10 * time.Second):
		t.Fatal("the copy's write did not start")
	}
	if regCopy(t, env, id) != nil {
		t.Fatal("a copy before its write")
	}
	close(release)
	pages.WaitKept()
	kept := regCopy(t, env, id)
	if len(kept) < 18 {
		t.Fatal("no copy after its write")
	}
	if c, ok := pages.CopyText(kept[18:]); !ok || !strings.Contains(c, "ayse&#43;netz@verein.example") || strings.Contains(c, token) {
		t.Fatal("the copy written after the answer is not the page")
	}
}
