package adminapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// roomsSurvey asks room_size (required) only of organisations without
// rooms of their own.
const roomsSurvey = `{"id":"rooms","title":{"de":"Räume","en":"Rooms"},
 "sections":[{"id":"org","title":{"de":"Organisation"}},{"id":"rooms","title":{"de":"Räume"}}],
 "questions":[
  {"id":"name","type":"text","section":"org","label":{"de":"Name"},"required":true},
  {"id":"has_rooms","type":"yes_no","section":"org","label":{"de":"Eigene Räume?"}},
  {"id":"kind","type":"single_choice","section":"org","label":{"de":"Art"},"options":[{"code":"club","label":{"de":"Verein"}},{"code":"group","label":{"de":"Gruppe"}}]},
  {"id":"room_size","type":"number","section":"rooms","label":{"de":"Raumgröße","en":"Room size"},"required":true,
   "showIf":{"all":[{"question":"has_rooms","in":["no"]}]}}]}`

func created(t *testing.T, resp events.APIGatewayV2HTTPResponse) string {
	t.Helper()
	var d struct{ ID string }
	if err := json.Unmarshal([]byte(resp.Body), &d); err != nil || resp.StatusCode != 201 || d.ID == "" {
		t.Fatalf("create: %d %.300s", resp.StatusCode, resp.Body)
	}
	return d.ID
}

func answer(t *testing.T, a *testenv.Functions, ip, id, answers string) events.APIGatewayV2HTTPResponse {
	t.Helper()
	resp, err := a.Survey(context.Background(), testenv.From(ip, "/surveys/{surveyId}/responses", "surveyId", id,
		`{"answers":{`+answers+`},"consent":{"privacy":true}}`, "en"))
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// A survey made as a draft is not public (the JSON routes and the page
// are 404), is listed as a draft, and takes no invitations or
// reminders; publishing makes it public at once, is idempotent and is
// recorded in the audit trail.
func TestDraftAndPublish(t *testing.T) {
	a := testenv.NewFunctions(t)
	if r := a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "lang=de", strings.Replace(roomsSurvey, `{"id":"rooms",`, `{"id":"rooms","status":"later",`, 1)); r.StatusCode != 422 ||
		!strings.Contains(r.Body, `"field":"status"`) || !strings.Contains(r.Body, "draft oder published") {
		t.Fatalf("an unknown status: %d %s", r.StatusCode, r.Body)
	}
	id := created(t, a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "", strings.Replace(roomsSurvey, `{"id":"rooms",`, `{"id":"rooms","status":"draft",`, 1)))
	p := map[string]string{"surveyId": id}
	if r := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}", p, "", ""); r.StatusCode != 200 || !strings.Contains(r.Body, `"status":"draft"`) {
		t.Fatalf("GET: %d %s", r.StatusCode, r.Body)
	}
	if r := a.AdminCall(t, "demo", "GET", "/admin/surveys", nil, "", ""); !strings.Contains(r.Body, `"id":"`+id+`","title":"Räume","status":"draft"`) {
		t.Fatalf("list: %s", r.Body)
	}
	before := a.Count(t)
	public := func() []int {
		get := a.Do(t, a.Survey, testenv.Request{Method: "GET", Path: "/surveys/{surveyId}", Params: p})
		page := testenv.Page(t, a.Survey, "GET", "/s/{surveyId}", "/s/"+id, p, "", nil, nil)
		post := answer(t, a, "127.0.0.31", id, `"name":"V","has_rooms":true`)
		return []int{get.StatusCode, page.StatusCode, post.StatusCode}
	}
	if got := public(); !reflect.DeepEqual(got, []int{404, 404, 404}) {
		t.Fatalf("a draft to the public (GET, page, answer): %v", got)
	}
	inv := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", p, "lang=en", `{"invitations":[{"organisation":"V","email":"v@verein.example"}]}`)
	rem := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations/reminders", p, "", "")
	if inv.StatusCode != 409 || !strings.Contains(inv.Body, "publish it before inviting") || rem.StatusCode != 409 {
		t.Fatalf("invitations to a draft: %d %s; reminders %d %s", inv.StatusCode, inv.Body, rem.StatusCode, rem.Body)
	}
	if after := a.Count(t); after != before {
		t.Fatalf("refused requests wrote %d items", after-before)
	}
	for range 2 {
		r := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/publish", p, "", "")
		if r.StatusCode != 200 || !strings.Contains(r.Body, `"status":"published"`) || !strings.Contains(r.Body, `"questions":[`) {
			t.Fatalf("publish: %d %s", r.StatusCode, r.Body)
		}
	}
	if r := a.AdminCall(t, "other-office", "POST", "/admin/surveys/{surveyId}/publish", p, "", ""); r.StatusCode != 404 {
		t.Fatalf("another office publishes: %d", r.StatusCode)
	}
	audit := a.AdminCall(t, "demo", "GET", "/admin/audit", nil, "", "")
	if n := strings.Count(audit.Body, `"action":"publish","kind":"survey","id":"`+id+`","actor":"coordinator:user-demo"`); n != 1 {
		t.Fatalf("audit: %d publish entries: %s", n, audit.Body)
	}
	if got := public(); !reflect.DeepEqual(got, []int{200, 200, 201}) {
		t.Fatalf("published, to the public (GET, page, answer): %v", got)
	}
	if r := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", p, "", `{"invitations":[{"organisation":"V","email":"v@verein.example"}]}`); r.StatusCode != 201 {
		t.Fatalf("invitations once published: %d %s", r.StatusCode, r.Body)
	}
	// A survey stored before stages is published.
	if r := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/publish", map[string]string{"surveyId": seed.SurveyID}, "", ""); r.StatusCode != 200 || !strings.Contains(r.Body, `"status":"published"`) {
		t.Fatalf("publish the demo: %d %.200s", r.StatusCode, r.Body)
	}
	// A survey made without status is published, as before.
	other := created(t, a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "", roomsSurvey))
	if r := a.Do(t, a.Survey, testenv.Request{Method: "GET", Path: "/surveys/{surveyId}", Params: map[string]string{"surveyId": other}}); r.StatusCode != 200 {
		t.Fatalf("made without status: %d", r.StatusCode)
	}
}

// A question not asked is not required, and a value sent for it is not
// stored.
func TestHiddenAnswersDiscarded(t *testing.T) {
	a := testenv.NewFunctions(t)
	id := created(t, a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "", roomsSurvey))
	if r := answer(t, a, "127.0.0.41", id, `"name":"A","has_rooms":true,"room_size":40`); r.StatusCode != 201 {
		t.Fatalf("a value for a hidden question: %d %s", r.StatusCode, r.Body)
	}
	if r := answer(t, a, "127.0.0.42", id, `"name":"B","has_rooms":true`); r.StatusCode != 201 {
		t.Fatalf("a hidden required question missing: %d %s", r.StatusCode, r.Body)
	}
	if r := answer(t, a, "127.0.0.43", id, `"name":"C","has_rooms":false`); r.StatusCode != 422 || !strings.Contains(r.Body, `"field":"answers.room_size","code":"required"`) {
		t.Fatalf("asked and missing: %d %s", r.StatusCode, r.Body)
	}
	if r := answer(t, a, "127.0.0.44", id, `"name":"D","has_rooms":false,"room_size":25`); r.StatusCode != 201 {
		t.Fatalf("asked and answered: %d %s", r.StatusCode, r.Body)
	}
	sizes := map[string]any{}
	for _, it := range a.Query(t, "SURVEY#"+id, "RESP#") {
		ans := it["answers"].(map[string]any)
		sizes[ans["name"].(string)] = ans["room_size"]
	}
	if want := map[string]any{"A": nil, "B": nil, "D": 25.0}; !reflect.DeepEqual(sizes, want) {
		t.Fatalf("stored room sizes %v, want %v", sizes, want)
	}
}

// A GET of a survey sent back unchanged as the PUT body is taken, and
// the definition stays as it was; unknown fields are still refused.
func TestSurveyPutTakesGetUnchanged(t *testing.T) {
	a := testenv.NewFunctions(t)
	p := map[string]string{"surveyId": seed.SurveyID}
	get := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}", p, "", "")
	put := a.AdminCall(t, "demo", "PUT", "/admin/surveys/{surveyId}", p, "", get.Body)
	if put.StatusCode != 200 {
		t.Fatalf("PUT of the GET: %d %.500s", put.StatusCode, put.Body)
	}
	again := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}", p, "", "")
	var before, after map[string]any
	_ = json.Unmarshal([]byte(get.Body), &before)
	_ = json.Unmarshal([]byte(again.Body), &after)
	delete(before, "updatedAt")
	delete(after, "updatedAt")
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("the definition changed:\n%s\n%s", get.Body, again.Body)
	}
	// Read-only fields are ignored: another office or status changes
	// nothing.
	if !strings.Contains(get.Body, `"status":"published"`) {
		t.Fatalf("the demo survey's status: %.300s", get.Body)
	}
	ro := strings.NewReplacer(`"office":"demo"`, `"office":"elsewhere"`, `"status":"published"`, `"status":"draft"`).Replace(get.Body)
	if r := a.AdminCall(t, "demo", "PUT", "/admin/surveys/{surveyId}", p, "", ro); r.StatusCode != 200 || !strings.Contains(r.Body, `"office":"demo"`) || strings.Contains(r.Body, `"draft"`) {
		t.Fatalf("read-only fields: %d %.300s", r.StatusCode, r.Body)
	}
	if r := a.AdminCall(t, "demo", "PUT", "/admin/surveys/{surveyId}", p, "", strings.Replace(get.Body, `"office":"demo"`, `"office":"demo","colour":"red"`, 1)); r.StatusCode != 400 {
		t.Fatalf("unknown field: %d", r.StatusCode)
	}
}

// bigSurvey is a definition of n questions in seven languages, each
// text of words drawn from a vocabulary, about size bytes of JSON.
func bigSurvey(n int) *survey.Settings {
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("Verein Förderung Raum Treffen Ehrenamt Jugend Kultur Sprache Beratung Netzwerk Projekt Mitglieder Zukunft Stadt Bildung Frauen " +
		"جمعية تمويل غرفة لقاء تطوع شباب ثقافة لغة استشارة شبكة مشروع أعضاء مستقبل مدينة تعليم نساء " +
		"dernek destek oda buluşma gönüllü gençlik kültür dil danışma ağ proje üye gelecek şehir eğitim kadın " +
		"объединение поддержка помещение встреча волонтёр молодёжь культура язык консультация сеть проект члены будущее город образование женщины")
	text := func(k int) survey.Text {
		t := survey.Text{}
		for _, l := range []string{"de", "en", "tr", "ar", "fa", "ru", "uk"} {
			var b strings.Builder
			for range k {
				b.WriteString(words[r.IntN(len(words))])
				b.WriteByte(' ')
			}
			t[l] = strings.TrimSpace(b.String())
		}
		return t
	}
	s := &survey.Settings{ID: "big", Title: text(5)}
	for i := range n {
		q := survey.Question{ID: fmt.Sprintf("q%03d", i), Type: survey.TypeSingleChoice, Label: text(24), Help: text(24)}
		for j := range 4 {
			q.Options = append(q.Options, survey.Option{Code: fmt.Sprintf("o%d", j), Label: text(4)})
		}
		s.Questions = append(s.Questions, q)
	}
	return s
}

// A definition of 200 questions in seven languages near 1 MiB is stored
// (compressed: DynamoDB items hold 400 KB) and read back whole by the
// admin API and the public survey; a body over 1 MiB is 413, and other
// routes keep their 64 KiB limit.
func TestLargeDefinition(t *testing.T) {
	a := testenv.NewFunctions(t)
	big, _ := json.Marshal(bigSurvey(200))
	if len(big) < 900_000 || len(big) > survey.MaxDefinition {
		t.Fatalf("the test's definition has %d bytes", len(big))
	}
	id := created(t, a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "", string(big)))
	p := map[string]string{"surveyId": id}
	item := a.Get(t, "SURVEY#"+id, "DEF")
	z, _ := item["definitionGz"].([]byte)
	if item["definition"] != nil || len(z) == 0 || len(z) > 380_000 {
		t.Fatalf("stored: definition %T, compressed %d bytes", item["definition"], len(z))
	}
	t.Logf("a definition of %d bytes is stored in %d bytes", len(big), len(z))
	get := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}", p, "", "")
	var back survey.Settings
	if err := json.Unmarshal([]byte(get.Body), &struct {
		*survey.Settings
		Office, UpdatedAt any
	}{Settings: &back}); err != nil || get.StatusCode != 200 {
		t.Fatalf("GET: %d %v", get.StatusCode, err)
	}
	want := bigSurvey(200)
	want.ID = id
	if !reflect.DeepEqual(&back, want) {
		t.Fatal("the definition read back differs")
	}
	if r := a.AdminCall(t, "demo", "PUT", "/admin/surveys/{surveyId}", p, "", get.Body); r.StatusCode != 200 {
		t.Fatalf("PUT of the GET: %d %.300s", r.StatusCode, r.Body)
	}
	pub := a.Do(t, a.Survey, testenv.Request{Method: "GET", Path: "/surveys/{surveyId}", Params: p, Query: "lang=uk"})
	if pub.StatusCode != 200 || !strings.Contains(pub.Body, `"id":"q199"`) {
		t.Fatalf("public: %d %.200s", pub.StatusCode, pub.Body)
	}
	over := strings.Replace(string(big), `"id":"big"`, `"id":"big","description":{"de":"`+strings.Repeat("x", survey.MaxDefinition-len(big)+10)+`"}`, 1)
	for _, r := range []events.APIGatewayV2HTTPResponse{
		a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "lang=en", over),
		a.AdminCall(t, "demo", "PUT", "/admin/surveys/{surveyId}", p, "lang=en", over),
	} {
		if r.StatusCode != 413 || !strings.Contains(r.Body, `"code":"too_large"`) || !strings.Contains(r.Body, "1024 KiB") {
			t.Fatalf("over 1 MiB: %d %.200s", r.StatusCode, r.Body)
		}
	}
	// A retry with the same Idempotency-Key replays the large result
	// (kept compressed with the key).
	var first events.APIGatewayV2HTTPResponse
	for i := range 2 {
		r := a.Do(t, a.Admin, testenv.Request{Method: "POST", Path: "/admin/surveys", Body: string(big), Claims: testenv.Claims("demo"),
			Headers: map[string]string{"idempotency-key": "big-1"}})
		if r.StatusCode != 201 || i == 1 && r.Body != first.Body {
			t.Fatalf("POST %d with a key: %d, same body %v", i+1, r.StatusCode, r.Body == first.Body)
		}
		first = r
	}
	mt := a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}", map[string]string{"meetingId": seed.MeetingID}, "", "")
	bigMeeting := strings.Replace(mt.Body, `"office":"demo"`, `"padding":"`+strings.Repeat("x", 70<<10)+`"`, 1)
	if r := a.AdminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", map[string]string{"meetingId": seed.MeetingID}, "", bigMeeting); r.StatusCode != 413 {
		t.Fatalf("a meeting of 70 KiB: %d", r.StatusCode)
	}
}

// Once a survey has answers, types are locked, and a question or option
// left out of a PUT is kept, retired: not asked or offered, still in the
// definition and the export. Before any answer, anything may change.
func TestLockedOnceAnswered(t *testing.T) {
	a := testenv.NewFunctions(t)
	id := created(t, a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "", roomsSurvey))
	p := map[string]string{"surveyId": id}
	put := func(body string) events.APIGatewayV2HTTPResponse {
		return a.AdminCall(t, "demo", "PUT", "/admin/surveys/{surveyId}", p, "lang=en", body)
	}
	typeChanged := strings.Replace(roomsSurvey, `"id":"name","type":"text"`, `"id":"name","type":"long_text"`, 1)
	if r := put(typeChanged); r.StatusCode != 200 {
		t.Fatalf("before answers, a type changes: %d %s", r.StatusCode, r.Body)
	}
	if r := put(roomsSurvey); r.StatusCode != 200 {
		t.Fatalf("and back: %d %s", r.StatusCode, r.Body)
	}
	if r := answer(t, a, "127.0.0.51", id, `"name":"A","has_rooms":true,"kind":"group"`); r.StatusCode != 201 {
		t.Fatalf("answer: %d %s", r.StatusCode, r.Body)
	}
	if r := put(typeChanged); r.StatusCode != 422 || !strings.Contains(r.Body, `"field":"questions[0].type","code":"locked"`) || !strings.Contains(r.Body, "(text) can no longer change") {
		t.Fatalf("once answered, a type change: %d %s", r.StatusCode, r.Body)
	}
	// Leave out kind and the option club; relabel name; add a question.
	var s map[string]any
	_ = json.Unmarshal([]byte(roomsSurvey), &s)
	qs := s["questions"].([]any)
	qs[0].(map[string]any)["label"] = map[string]any{"de": "Name des Vereins"}
	qs = append(qs[:2], qs[3:]...)
	qs = append(qs, map[string]any{"id": "kinds", "type": "single_choice", "section": "org", "label": map[string]any{"de": "Art"},
		"options": []any{map[string]any{"code": "group", "label": map[string]any{"de": "Gruppe"}}}})
	s["questions"] = qs
	b, _ := json.Marshal(s)
	r := put(string(b))
	if r.StatusCode != 200 {
		t.Fatalf("leave out a question: %d %s", r.StatusCode, r.Body)
	}
	var d survey.Definition
	_ = json.Unmarshal([]byte(r.Body), &d)
	var ids []string
	for _, q := range d.Questions {
		ids = append(ids, fmt.Sprintf("%s:%v", q.ID, q.Retired))
	}
	if got := strings.Join(ids, " "); got != "name:false has_rooms:false kind:true room_size:false kinds:false" || d.Questions[0].Label["de"] != "Name des Vereins" {
		t.Fatalf("questions: %s", got)
	}
	// Now leave out the option club of kinds' sibling: put kind back
	// with one option.
	kind := `{"id":"kind","type":"single_choice","section":"org","label":{"de":"Art"},"options":[{"code":"group","label":{"de":"Gruppe"}}]}`
	var withKind map[string]any
	_ = json.Unmarshal([]byte(roomsSurvey), &withKind)
	var kq any
	_ = json.Unmarshal([]byte(kind), &kq)
	withKind["questions"].([]any)[2] = kq
	b, _ = json.Marshal(withKind)
	if r = put(string(b)); r.StatusCode != 200 {
		t.Fatalf("an option left out: %d %s", r.StatusCode, r.Body)
	}
	get := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}", p, "", "")
	if !strings.Contains(get.Body, `{"code":"club","label":{"de":"Verein"},"retired":true},{"code":"group"`) ||
		!strings.Contains(get.Body, `"id":"kinds","type":"single_choice","section":"org","label":{"de":"Art"},"required":false,"options":[{"code":"group","label":{"de":"Gruppe"}}],"retired":true`) {
		t.Fatalf("retired option and question: %s", get.Body)
	}
	// The round trip keeps them retired.
	if r := put(get.Body); r.StatusCode != 200 || r.Body == "" {
		t.Fatalf("round trip: %d", r.StatusCode)
	}
	again := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}", p, "", "")
	if strings.Count(again.Body, `"retired":true`) != 2 {
		t.Fatalf("after the round trip: %s", again.Body)
	}
	a.Clock.Add(survey.CacheTTL) // the survey function's cached definition is stale
	pub := a.Do(t, a.Survey, testenv.Request{Method: "GET", Path: "/surveys/{surveyId}", Params: p})
	if strings.Contains(pub.Body, "kinds") || strings.Contains(pub.Body, "club") {
		t.Fatalf("public view shows retired ones: %s", pub.Body)
	}
	if r := answer(t, a, "127.0.0.52", id, `"name":"B","kind":"club"`); r.StatusCode != 422 {
		t.Fatalf("a retired option: %d", r.StatusCode)
	}
	csv := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/responses.csv", p, "dialect=rfc4180", "")
	if header, _, _ := strings.Cut(csv.Body, "\r\n"); !strings.Contains(header, "kinds") || !strings.Contains(header, "kind") {
		t.Fatalf("export header: %s", header)
	}
}
