package console_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"html"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/xuri/excelize/v2"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/adminfn"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

const (
	rReport    = "/console/surveys/{surveyId}/report"
	rReportX   = "/console/surveys/{surveyId}/report.xlsx"
	rTranslate = "/console/surveys/{surveyId}/report/translate"
	// roundTwo is the demo survey's next round, copied from it.
	roundTwo = "demo-runde-2"
)

// Texts as they were entered: umlauts, Arabic, Turkish, Cyrillic.
const (
	textDE = "Wir brauchen Räume für Sprachkurse – möglichst barrierefrei."
	textAR = "نحتاج إلى قاعة للاجتماعات يوم السبت"
	textTR = "Gönüllü arıyoruz, özellikle gençler için."
	textRU = "Нам нужен зал на 100 человек."
)

// copySurvey stores the demo survey under id for office, copied from
// from (the editor's copy: survey.Settings.CopiedFrom).
func copySurvey(t *testing.T, a *testenv.Functions, id, office, from string) {
	t.Helper()
	d := seed.DemoSurvey()
	d.ID, d.Office, d.CopiedFrom = id, office, from
	if err := a.Store.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
}

// answer sends an answer to survey id through its public link (or the
// personal link token) and returns the response's id.
func answer(t *testing.T, a *testenv.Functions, id, lang, token string, publish bool, answers map[string]any) string {
	t.Helper()
	for k, v := range map[string]any{"fields_of_activity": []string{"culture"}, "members": "20-49"} {
		if _, ok := answers[k]; !ok {
			answers[k] = v
		}
	}
	body := map[string]any{"language": lang, "answers": answers, "consent": map[string]bool{"privacy": true, "publishProfile": publish}}
	if token != "" {
		body["invitation"] = token
	}
	b, _ := json.Marshal(body)
	r := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: map[string]string{"surveyId": id}, Body: string(b)})
	if r.StatusCode != 201 {
		t.Fatalf("answer: %d %s", r.StatusCode, r.Body)
	}
	var rec survey.Receipt
	_ = json.Unmarshal([]byte(r.Body), &rec)
	return rec.ResponseID
}

// seedRounds: the demo survey as the earlier round (two answers), its
// copy roundTwo with four answers in de (through a personal link), ar,
// tr and ru, two of them consenting to being named, one invitee marked
// as having answered elsewhere. It returns the ids of the ar, tr and ru
// answers.
func seedRounds(t *testing.T, a *testenv.Functions) (ar, tr, ru string) {
	t.Helper()
	ctx := context.Background()
	answer(t, a, seed.SurveyID, "de", "", true, map[string]any{"org_name": "Alt e.V.", "needs": []string{"rooms"}})
	answer(t, a, seed.SurveyID, "de", "", false, map[string]any{"org_name": "Älter e.V.", "needs": []string{"funding", "rooms"}})
	copySurvey(t, a, roundTwo, "demo", seed.SurveyID)
	svc := adminService(a)
	coord := &auth.Coordinator{Office: "demo"}
	if _, err := svc.Invite(ctx, coord, invitation.Survey, roundTwo, []invitation.Entry{
		{Organisation: "Kulturverein Mitte", Email: "mitte@report.example", Language: "de"},
		{Organisation: "Telefonverein", Email: "telefon@report.example", Language: "de"}}, nil, "de"); err != nil {
		t.Fatal(err)
	}
	invs := invitations(t, a)
	token := a.Tokens.Token(invitation.TokenKind, invs["mitte@report.example"]["id"].(string))
	if ok, err := svc.MarkElsewhere(ctx, coord, invitation.Survey, roundTwo, invs["telefon@report.example"]["id"].(string)); err != nil || !ok {
		t.Fatalf("mark elsewhere: %v %v", ok, err)
	}
	answer(t, a, roundTwo, "de", token, true, map[string]any{"org_name": "Kulturverein Mitte", "needs": []string{"rooms", "funding"},
		"own_rooms": false, "room_size": 40, "needs_details": textDE})
	ar = answer(t, a, roundTwo, "ar", "", true, map[string]any{"org_name": "جمعية الأمل", "needs": []string{"rooms"},
		"own_rooms": false, "room_size": 20, "needs_details": textAR})
	tr = answer(t, a, roundTwo, "tr", "", false, map[string]any{"org_name": "Türk Kadınlar Derneği", "needs": []string{"volunteers"},
		"own_rooms": true, "room_size": 999, "needs_details": textTR})
	ru = answer(t, a, roundTwo, "ru", "", false, map[string]any{"org_name": "Русский дом", "needs": []string{"rooms"},
		"own_rooms": false, "room_size": 100, "needs_details": textRU})
	return ar, tr, ru
}

func getAs(t testing.TB, a *testenv.Functions, s *testenv.Sessions, h app.Handler, office, path, id, query string) events.APIGatewayV2HTTPResponse {
	t.Helper()
	req := s.Request(routes.Route{Method: "GET", Path: path}, office, "")
	req.Params = map[string]string{"surveyId": id}
	req.Query = query
	return a.Do(t, h, req)
}

// TestReport: the report of a second round counts the answers by
// channel and language, gives each option's count and share of those
// asked (a question hidden by its condition is "not asked") beside the
// earlier round's share, numbers as median and range, free texts exactly
// as given with their organisation only where it consented (else
// "anonym"), never the names of the others; the XLSX holds the same;
// another office's survey is not found; a copy of another office's
// survey has no earlier round.
func TestReport(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	seedRounds(t, a)

	r := getAs(t, a, s, h, "demo", rReport, roundTwo, "")
	if r.StatusCode != 200 {
		t.Fatalf("report: %d %s", r.StatusCode, a.Logs)
	}
	page := html.UnescapeString(r.Body)
	for _, want := range []string{
		`id="invited">2<`, `id="responded">2 (100` + "\u00a0%)<", `id="elsewhere">1<`, `id="answers">4<`, `id="by-invitation">1<`, `id="by-public">3<`,
		`id="lang-de">1<`, `id="lang-ar">1<`, `id="lang-tr">1<`, `id="lang-ru">1<`,
		// needs: rooms 3 of 4 (earlier 2 of 2), funding 1 of 4 (earlier 1 of 2)
		`Vorrunde 2026`,
		`id="asked-room_size">Gestellt: 3 · nicht gestellt (Bedingung): 1 · beantwortet: 3<`,
		`id="median-room_size">40<`, `id="range-room_size">20 – 100<`,
		`<p class="answer" dir="auto">` + textAR + `</p>`, `<p class="answer" dir="auto">` + textRU + `</p>`,
		textDE, textTR, "Kulturverein Mitte", "جمعية الأمل", "anonym", "Stand: ",
		`{{block`, // never: see below
	} {
		if want == `{{block` {
			if strings.Contains(page, want) {
				t.Error("the needAction hook leaked into the page")
			}
			continue
		}
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	row := func(q, code string) string {
		i := strings.Index(page, `id="o-`+q+`-`+code+`"`)
		if i < 0 {
			t.Fatalf("no row for %s.%s", q, code)
		}
		return page[i : i+strings.Index(page[i:], "</tr>")]
	}
	for _, c := range []struct{ q, code, share, earlier string }{
		{"needs", "rooms", ">75\u00a0%<", ">100\u00a0%<"}, {"needs", "funding", ">25\u00a0%<", ">50\u00a0%<"},
		{"needs", "volunteers", ">25\u00a0%<", ">0\u00a0%<"},
	} {
		if rw := row(c.q, c.code); !strings.Contains(rw, c.share) || !strings.Contains(rw, `earlier">`+strings.TrimPrefix(c.earlier, ">")) {
			t.Errorf("%s.%s: %s", c.q, c.code, rw)
		}
	}
	if rw := row("needs", "rooms"); !strings.Contains(rw, `<rect width="75" height="10" class="bar__fill">`) {
		t.Errorf("no bar of 75: %s", rw)
	}
	// Naming: only with consent; the others' names are nowhere.
	for _, name := range []string{"Türk Kadınlar Derneği", "Русский дом"} {
		if strings.Contains(page, name) {
			t.Errorf("the report names %q, which did not consent", name)
		}
	}
	if !strings.Contains(page, "translate-off") || strings.Contains(page, "report/translate") {
		t.Error("translation is off: the note, and no button")
	}
	// Arabic frame.
	if r := getAs(t, a, s, h, "demo", rReport, roundTwo, "lang=ar"); r.StatusCode != 200 || !strings.Contains(html.UnescapeString(r.Body), "مجهول") ||
		!strings.Contains(r.Body, `dir="rtl"`) {
		t.Errorf("Arabic report: %d", r.StatusCode)
	}
	// The survey page links it.
	if r := getAs(t, a, s, h, "demo", "/console/surveys/{surveyId}", roundTwo, ""); !strings.Contains(r.Body, `href="/console/surveys/`+roundTwo+`/report"`) {
		t.Error("the survey page does not link the report")
	}

	// Another office: not found, page and workbook.
	for _, p := range []string{rReport, rReportX} {
		if r := getAs(t, a, s, h, "other-office", p, roundTwo, ""); r.StatusCode != 404 {
			t.Errorf("another office's %s: %d", p, r.StatusCode)
		}
	}
	// A copy of another office's survey: no earlier round.
	other := seed.DemoSurvey()
	other.ID, other.Office = "anderes-amt-2025", "anderes-amt"
	if err := a.Store.PutSurvey(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	copySurvey(t, a, "demo-kopie-fremd", "demo", other.ID)
	if r := getAs(t, a, s, h, "demo", rReport, "demo-kopie-fremd", ""); r.StatusCode != 200 || strings.Contains(html.UnescapeString(r.Body), "Vorrunde") {
		t.Errorf("a copy of another office's survey: %d, with an earlier round", r.StatusCode)
	}

	// The workbook.
	r = getAs(t, a, s, h, "demo", rReportX, roundTwo, "")
	raw, _ := base64.StdEncoding.DecodeString(r.Body)
	book, err := excelize.OpenReader(bytes.NewReader(raw))
	if r.StatusCode != 200 || err != nil {
		t.Fatalf("xlsx: %d %v", r.StatusCode, err)
	}
	if got := book.GetSheetList(); !slices.Equal(got, []string{"Überblick", "Auswahlfragen", "Zahlen", "Freitexte"}) {
		t.Errorf("sheets %v", got)
	}
	find := func(sheet string, match func([]string) bool) []string {
		rows, _ := book.GetRows(sheet)
		for _, r := range rows {
			if match(r) {
				return r
			}
		}
		return nil
	}
	has := func(r []string, v string) bool { return slices.Contains(r, v) }
	if r := find("Überblick", func(r []string) bool { return has(r, "Antworten insgesamt") }); len(r) < 2 || r[1] != "4" {
		t.Errorf("overview: %v", r)
	}
	if r := find("Auswahlfragen", func(r []string) bool { return has(r, "needs.rooms") }); len(r) < 8 || r[4] != "4" || r[5] != "3" || r[6] != "75" || r[7] != "100" {
		t.Errorf("choices: %v", r)
	}
	if r := find("Zahlen", func(r []string) bool { return len(r) > 1 && strings.Contains(r[1], "Raum") }); len(r) < 7 || r[2] != "3" || r[4] != "40" || r[5] != "20" || r[6] != "100" {
		t.Errorf("numbers: %v", r)
	}
	for text, org := range map[string]string{textDE: "Kulturverein Mitte", textAR: "جمعية الأمل", textTR: "anonym", textRU: "anonym"} {
		if r := find("Freitexte", func(r []string) bool { return has(r, text) }); r == nil || !has(r, org) {
			t.Errorf("free text %q: %v", text, r)
		}
	}
}

// fakeTranslator marks a text as translated from its language.
type fakeTranslator struct {
	mu    sync.Mutex
	calls []string
}

func (f *fakeTranslator) ToGerman(_ context.Context, text, from string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, from)
	return "DE(" + from + "): " + text, nil
}

// TestReportTranslations: with translateAnswers on, each free text in
// another language than German has a button; its German is stored with
// the answer, shown beside the original as a machine translation, and
// erased with the answer; "all" translates the rest; a post sent again
// translates nothing again. Off, nothing is translated (409).
func TestReportTranslations(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, off := a.SignIn(t)
	ar, tr, ru := seedRounds(t, a)
	fake := &fakeTranslator{}
	d := a.Deps()
	on, err := adminfn.NewWith(fake)(d)
	if err != nil {
		t.Fatal(err)
	}
	post := func(h app.Handler, v url.Values) events.APIGatewayV2HTTPResponse {
		t.Helper()
		req := s.Request(routes.Route{Method: "POST", Path: rTranslate}, "demo", "")
		req.Params = map[string]string{"surveyId": roundTwo}
		if v.Get("form.stamp") == "" {
			v.Set("form.stamp", testenv.Stamp("/console/surveys/"+roundTwo+"/report/translate"))
		}
		v.Set("csrf", s.CSRF(s.TokenFor("demo")))
		req.Body = v.Encode()
		return a.Do(t, h, req)
	}
	// Off: refused, nothing sent.
	if r := post(off, url.Values{"response": {ar}, "question": {"needs_details"}}); r.StatusCode != 409 {
		t.Errorf("off: %d", r.StatusCode)
	}

	page := html.UnescapeString(getAs(t, a, s, on, "demo", rReport, roundTwo, "").Body)
	if n := strings.Count(page, `name="question" value="needs_details"`); n != 3 || strings.Contains(page, "translate-off") {
		t.Errorf("on: %d buttons for the ar, tr and ru texts, want 3", n)
	}
	one := url.Values{"response": {ar}, "question": {"needs_details"}}
	r := post(on, one)
	if r.StatusCode != 303 || !strings.Contains(r.Headers["location"], "translated=1") {
		t.Fatalf("translate one: %d %v", r.StatusCode, r.Headers)
	}
	if r := post(on, one); r.StatusCode != 303 || len(fake.calls) != 1 {
		t.Errorf("the same post again: %d, %d calls", r.StatusCode, len(fake.calls))
	}
	page = html.UnescapeString(getAs(t, a, s, on, "demo", rReport, roundTwo, "").Body)
	if !strings.Contains(page, `Maschinelle Übersetzung:</span> <span lang="de" dir="ltr">DE(ar): `+textAR+`</span>`) {
		t.Error("the translation is not shown beside the original")
	}
	if r := post(on, url.Values{}); r.StatusCode != 303 || !strings.Contains(r.Headers["location"], "translated=2") || len(fake.calls) != 3 {
		t.Errorf("translate all: %d %v, %d calls", r.StatusCode, r.Headers, len(fake.calls))
	}
	slices.Sort(fake.calls)
	if !slices.Equal(fake.calls, []string{"ar", "ru", "tr"}) {
		t.Errorf("translated from %v; German is never sent", fake.calls)
	}
	stored := func(id string) map[string]any {
		for _, it := range a.Items(t)["response"] {
			if it["id"] == id {
				m, _ := it["machineDE"].(map[string]any)
				return m
			}
		}
		return nil
	}
	if m := stored(tr); m["needs_details"] != "DE(tr): "+textTR {
		t.Errorf("stored with the answer: %v", m)
	}
	// Erased with its answer.
	if err := adminService(a).EraseResponse(context.Background(), &auth.Coordinator{Office: "demo"}, roundTwo, ru); err != nil {
		t.Fatal(err)
	}
	for _, it := range a.Items(t)["response"] {
		if b, _ := json.Marshal(it); strings.Contains(string(b), "DE(ru)") {
			t.Error("the translation outlived its answer")
		}
	}
	if strings.Contains(getAs(t, a, s, on, "demo", rReport, roundTwo, "").Body, "DE(ru)") {
		t.Error("the report shows an erased answer's translation")
	}
}
