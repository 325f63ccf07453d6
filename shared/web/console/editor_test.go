package console_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"html"
	"mime/multipart"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/xlsform"
)

// editorClient calls the editor's routes as a signed-in coordinator of
// an office.
type editorClient struct {
	t      *testing.T
	a      *testenv.Functions
	s      *testenv.Sessions
	h      app.Handler
	office string
	lang   string
}

func newEditor(t *testing.T) *editorClient {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	return &editorClient{t: t, a: a, s: s, h: h, office: seed.Office}
}

// route fills the route's survey id.
func (e *editorClient) request(method, route, id, query string) testenv.Request {
	r := e.s.Request(routes.Route{Method: method, Path: route}, e.office, "")
	r.Params = map[string]string{}
	if strings.Contains(route, "{surveyId}") {
		r.Params["surveyId"] = id
	}
	r.Query = query
	if e.lang != "" {
		r.Headers = map[string]string{"accept-language": e.lang}
	}
	return r
}

func (e *editorClient) get(route, id, query string) events.APIGatewayV2HTTPResponse {
	e.t.Helper()
	return e.a.Do(e.t, e.h, e.request("GET", route, id, query))
}

// post sends form values with the session's CSRF token and a stamp for
// the route's path (a new one unless v has one).
func (e *editorClient) post(route, id string, v url.Values) events.APIGatewayV2HTTPResponse {
	e.t.Helper()
	r := e.request("POST", route, id, "")
	path := strings.Replace(route, "{surveyId}", id, 1)
	if v.Get("form.stamp") == "" {
		v.Set("form.stamp", testenv.Stamp(path))
	}
	v.Set("csrf", e.s.CSRF(e.s.TokenFor(e.office)))
	r.Body = v.Encode()
	return e.a.Do(e.t, e.h, r)
}

func (e *editorClient) stored(id string) *survey.Definition {
	e.t.Helper()
	d, err := e.a.Store.Survey(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

func (e *editorClient) surveys() int {
	e.t.Helper()
	list, err := e.a.Store.Surveys(context.Background(), e.office)
	if err != nil {
		e.t.Fatal(err)
	}
	return len(list)
}

const (
	rNew       = "/console/surveys/new"
	rEdit      = "/console/surveys/{surveyId}/edit"
	rSettings  = "/console/surveys/{surveyId}/edit/settings"
	rSection   = "/console/surveys/{surveyId}/edit/section"
	rQuestion  = "/console/surveys/{surveyId}/edit/question"
	rCondition = "/console/surveys/{surveyId}/edit/condition"
	rTexts     = "/console/surveys/{surveyId}/edit/texts"
	rMove      = "/console/surveys/{surveyId}/edit/move"
	rRemove    = "/console/surveys/{surveyId}/edit/remove"
	rPublish   = "/console/surveys/{surveyId}/edit/publish"
)

func contains(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// TestEditorBuildsASurvey: a coordinator starts an empty survey, adds
// sections, questions of several types with options, a condition and a
// translation, moves and removes, and publishes; every POST is checked
// against DynamoDB Local: errors shown beside their fields and in the
// summary (German and Arabic) with nothing saved, a form posted twice
// saved once.
func TestEditorBuildsASurvey(t *testing.T) {
	e := newEditor(t)
	before := e.surveys()
	page := e.get(rNew, "", "")
	contains(t, "start page", page.Body, `name="title.de"`, `value="copy"`, seed.SurveyID)

	// Without a title: 422, the error beside the field, nothing created.
	for _, lang := range []string{"de", "ar"} {
		e.lang = lang
		r := e.post(rNew, "", url.Values{"start": {"empty"}})
		if r.StatusCode != 422 {
			t.Fatalf("%s: no title: %d", lang, r.StatusCode)
		}
		contains(t, "start without title "+lang, r.Body, `href="#title-de"`, `id="title-de-error"`, `aria-invalid="true"`)
	}
	e.lang = ""
	if e.surveys() != before {
		t.Fatal("a survey without a title was created")
	}
	stamp := testenv.Stamp(rNew)
	create := url.Values{"start": {"empty"}, "title.de": {"Bedarfe 2027"}, "form.stamp": {stamp}}
	r := e.post(rNew, "", create)
	loc := r.Headers["location"]
	if r.StatusCode != 303 || !strings.HasPrefix(loc, "/console/surveys/demo-") || !strings.HasSuffix(loc, "/edit") {
		t.Fatalf("create: %d %s", r.StatusCode, loc)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/console/surveys/"), "/edit")
	if again := e.post(rNew, "", create); again.Headers["location"] != loc || e.surveys() != before+1 {
		t.Errorf("posted twice: %s, %d surveys", again.Headers["location"], e.surveys()-before)
	}
	d := e.stored(id)
	if d.Title["de"] != "Bedarfe 2027" || len(d.Questions) != 1 || d.Questions[0].Label["ar"] == "" {
		t.Fatalf("stored: %+v", d.Settings)
	}
	contains(t, "editor", e.get(rEdit, id, "").Body, "Bedarfe 2027", "Name Ihrer Organisation", `/preview`)
	if d.Draft() {
		contains(t, "editor of a draft", e.get(rEdit, id, "").Body, `/edit/publish`)
	}

	// Three sections.
	for _, title := range []string{"Über Sie", "Räume", "Wünsche"} {
		if r := e.post(rSection, id, url.Values{"title.de": {title}}); r.StatusCode != 303 {
			t.Fatalf("section %s: %d %.300s", title, r.StatusCode, r.Body)
		}
	}
	d = e.stored(id)
	if len(d.Sections) != 3 || d.Sections[1].ID != "raeume" {
		t.Fatalf("sections: %+v", d.Sections)
	}
	if r := e.post(rSection, id, url.Values{"title.de": {""}, "title.en": {"Rooms"}}); r.StatusCode != 422 || !strings.Contains(r.Body, `href="#title-de"`) {
		t.Errorf("section without a German title: %d", r.StatusCode)
	}

	// Questions: a single choice with options built row by row.
	q := url.Values{"type": {"single_choice"}, "section": {"raeume"}, "label.de": {"Haben Sie Räume?"}, "required": {"true"},
		"options.new.code": {"yes_own"}, "options.new.label.de": {"Ja, eigene"}, "action": {"add"}}
	r = e.post(rQuestion, id, q)
	if r.StatusCode != 200 || !strings.Contains(r.Body, `name="options[0].code" value="yes_own"`) {
		t.Fatalf("add an option row: %d", r.StatusCode)
	}
	q.Set("options[0].code", "yes_own")
	q.Set("options[0].label.de", "Ja, eigene")
	q.Set("options.new.code", "Kein Raum")
	q.Set("options.new.label.de", "Nein")
	q.Set("action", "save")
	for _, lang := range []string{"de", "ar"} {
		e.lang = lang
		r = e.post(rQuestion, id, q)
		if r.StatusCode != 422 {
			t.Fatalf("%s: a bad code: %d", lang, r.StatusCode)
		}
		contains(t, "question with a bad code "+lang, r.Body, `href="#options-1-code"`, `id="options-1-code-error"`, "Haben Sie Räume?")
	}
	e.lang = ""
	if len(e.stored(id).Questions) != 1 {
		t.Fatal("a question with errors was saved")
	}
	q.Set("options.new.code", "no")
	r = e.post(rQuestion, id, q)
	if r.StatusCode != 303 || !strings.Contains(r.Headers["location"], "#q-haben_sie_raeume") {
		t.Fatalf("save question: %d %s %.500s", r.StatusCode, r.Headers["location"], r.Body)
	}
	// A multiple choice and a number in the third section, a date in the first.
	for _, v := range []url.Values{
		{"type": {"multiple_choice"}, "section": {"wuensche"}, "label.de": {"Was brauchen Sie?"}, "id": {"needs"},
			"options[0].code": {"rooms"}, "options[0].label.de": {"Räume"}, "options.new.code": {"money"}, "options.new.label.de": {"Geld"}},
		{"type": {"number"}, "section": {"wuensche"}, "label.de": {"Wie viele Mitglieder?"}, "id": {"members"}, "min": {"0"}},
		{"type": {"date"}, "section": {"ueber_sie"}, "label.de": {"Gegründet am"}, "id": {"founded"}, "max": {"2026-12-31"}},
	} {
		if r := e.post(rQuestion, id, v); r.StatusCode != 303 {
			t.Fatalf("question %s: %d %.800s", v.Get("id"), r.StatusCode, r.Body)
		}
	}
	// The same question form posted twice (a double click): one question.
	twice := url.Values{"type": {"text"}, "section": {"wuensche"}, "label.de": {"Noch etwas?"}, "form.stamp": {testenv.Stamp(strings.Replace(rQuestion, "{surveyId}", id, 1))}}
	first, second := e.post(rQuestion, id, twice), e.post(rQuestion, id, twice)
	if first.StatusCode != 303 || second.Headers["location"] != first.Headers["location"] {
		t.Errorf("posted twice: %d %s, %d %s", first.StatusCode, first.Headers["location"], second.StatusCode, second.Headers["location"])
	}
	if d = e.stored(id); len(d.Questions) != 6 {
		t.Fatalf("a question posted twice: %d questions", len(d.Questions))
	}
	if r := e.post(rRemove, id, url.Values{"what": {"question"}, "id": {"noch_etwas"}, "confirm": {"yes"}}); r.StatusCode != 303 {
		t.Fatalf("remove: %d", r.StatusCode)
	}
	d = e.stored(id)
	if len(d.Questions) != 5 || d.Questions[1].ID != "founded" || len(d.Questions[4-1].Options) != 2 {
		ids := []string{}
		for _, q := range d.Questions {
			ids = append(ids, q.ID+"@"+q.Section)
		}
		t.Fatalf("questions: %v", ids)
	}

	// A condition: "needs" only when there are no own rooms.
	page = e.get(rCondition, id, "question=needs&on=haben_sie_raeume")
	contains(t, "condition page", page.Body, `name="test"`, `value="notIn"`, `value="yes_own"`)
	if r := e.post(rCondition, id, url.Values{"target": {"question"}, "id": {"needs"}, "on": {"haben_sie_raeume"}, "test": {"in"}}); r.StatusCode != 422 || !strings.Contains(r.Body, `href="#codes"`) {
		t.Errorf("a condition without values: %d", r.StatusCode)
	}
	if r := e.post(rCondition, id, url.Values{"target": {"question"}, "id": {"needs"}, "on": {"members"}, "test": {"gte"}, "bound": {"3"}}); r.StatusCode != 422 {
		t.Errorf("a condition on the same section's question: %d", r.StatusCode)
	}
	if e.stored(id).Questions[3].ShowIf != nil {
		t.Fatal("a bad condition was saved")
	}
	r = e.post(rCondition, id, url.Values{"target": {"question"}, "id": {"needs"}, "on": {"haben_sie_raeume"}, "test": {"in"}, "codes": {"no"}})
	if r.StatusCode != 303 {
		t.Fatalf("condition: %d %.500s", r.StatusCode, r.Body)
	}
	d = e.stored(id)
	if c := d.Questions[3].ShowIf; c == nil || len(c.All) != 1 || c.All[0].Question != "haben_sie_raeume" || c.All[0].In[0] != "no" {
		t.Fatalf("condition stored: %+v", d.Questions[3].ShowIf)
	}
	contains(t, "editor with a condition", e.get(rEdit, id, "").Body, "Nur wenn: „Haben Sie Räume?“ ist Nein")

	// A translated label, side by side with the German.
	page = e.get(rTexts, id, "to=ar")
	contains(t, "texts page", page.Body, `name="questions[2].label.ar"`, "Haben Sie Räume?", "fehlt")
	if r := e.post(rTexts, id, url.Values{"to": {"ar"}, "questions[2].label.ar": {"هل لديكم قاعات؟"}, "title.ar": {"الاحتياجات 2027"}}); r.StatusCode != 303 {
		t.Fatalf("texts: %d", r.StatusCode)
	}
	d = e.stored(id)
	if d.Questions[2].Label["ar"] != "هل لديكم قاعات؟" || d.Questions[2].Label["de"] != "Haben Sie Räume?" || d.Title["ar"] != "الاحتياجات 2027" {
		t.Errorf("translation: %v %v", d.Questions[2].Label, d.Title)
	}

	// Removing a question a condition names is refused; moving the
	// conditional question before its condition's section is too.
	if r := e.post(rRemove, id, url.Values{"what": {"question"}, "id": {"haben_sie_raeume"}, "confirm": {"yes"}}); r.StatusCode != 422 {
		t.Errorf("remove a named question: %d", r.StatusCode)
	}
	if r := e.post(rMove, id, url.Values{"what": {"section"}, "id": {"wuensche"}, "dir": {"up"}}); r.StatusCode != 422 || !strings.Contains(r.Body, "früheren Abschnitt") {
		t.Errorf("move a section before its condition's: %d", r.StatusCode)
	}
	if len(e.stored(id).Questions) != 5 || e.stored(id).Sections[2].ID != "wuensche" {
		t.Fatal("a refused change was saved")
	}
	// A section removed: its question goes to the section before.
	r = e.post(rRemove, id, url.Values{"what": {"section"}, "id": {"ueber_sie"}})
	contains(t, "remove confirm", r.Body, "Über Sie", `name="confirm" value="yes"`)
	if r := e.post(rRemove, id, url.Values{"what": {"section"}, "id": {"ueber_sie"}, "confirm": {"yes"}}); r.StatusCode != 303 {
		t.Fatalf("remove section: %d %.400s", r.StatusCode, r.Body)
	}
	d = e.stored(id)
	if len(d.Sections) != 2 || questionIn(d, "founded") != "raeume" {
		t.Errorf("after removing a section: %d sections, founded in %q", len(d.Sections), questionIn(d, "founded"))
	}
	// Moved up within its section.
	if r := e.post(rMove, id, url.Values{"what": {"question"}, "id": {"members"}, "dir": {"up"}}); r.StatusCode != 303 {
		t.Fatalf("move: %d", r.StatusCode)
	}
	if d = e.stored(id); questionsIn(d, "wuensche") != "members,needs" {
		t.Errorf("after moving: %s", questionsIn(d, "wuensche"))
	}

	// Settings: closing date before opening is an error; then fine.
	bad := url.Values{"title.de": {"Bedarfe 2027"}, "opensAt": {"2027-02-01T09:00"}, "closesAt": {"2027-01-01T09:00"}}
	if r := e.post(rSettings, id, bad); r.StatusCode != 422 || !strings.Contains(r.Body, `href="#closesAt"`) {
		t.Errorf("settings with a window backwards: %d", r.StatusCode)
	}
	bad.Set("closesAt", "2027-03-01T18:00")
	if r := e.post(rSettings, id, bad); r.StatusCode != 303 {
		t.Fatalf("settings: %d %.400s", r.StatusCode, r.Body)
	}
	if d = e.stored(id); d.ClosesAt == nil || d.ClosesAt.Format("2006-01-02") != "2027-03-01" {
		t.Errorf("closes: %v", d.ClosesAt)
	}

	// Publish asks first.
	if r := e.post(rPublish, id, url.Values{}); r.StatusCode != 200 || !strings.Contains(r.Body, `name="confirm" value="yes"`) {
		t.Errorf("publish without confirming: %d", r.StatusCode)
	}
	if r := e.post(rPublish, id, url.Values{"confirm": {"yes"}}); r.StatusCode != 303 || !strings.Contains(r.Headers["location"], "published=1") {
		t.Errorf("publish: %d %s", r.StatusCode, r.Headers["location"])
	}
	if e.stored(id).Draft() {
		t.Error("still a draft after publishing")
	}
}

func questionIn(d *survey.Definition, id string) string {
	for _, q := range d.Questions {
		if q.ID == id {
			return q.Section
		}
	}
	return "?"
}

func questionsIn(d *survey.Definition, section string) string {
	var ids []string
	for _, q := range d.Questions {
		if q.Section == section {
			ids = append(ids, q.ID)
		}
	}
	return strings.Join(ids, ",")
}

// TestEditorOtherOffice: another office's survey is not found on every
// editor route, and nothing of it changes.
func TestEditorOtherOffice(t *testing.T) {
	e := newEditor(t)
	e.office = "other"
	before := e.stored(seed.SurveyID)
	for _, route := range []string{rEdit, rSettings, rSection, rQuestion, rCondition, rTexts} {
		if r := e.get(route, seed.SurveyID, "question="+before.Questions[0].ID); r.StatusCode != 404 {
			t.Errorf("GET %s: %d", route, r.StatusCode)
		}
	}
	for _, route := range []string{rSettings, rSection, rQuestion, rCondition, rTexts, rMove, rRemove, rPublish} {
		v := url.Values{"title.de": {"Fremd"}, "to": {"en"}, "what": {"question"}, "id": {before.Questions[0].ID}, "confirm": {"yes"}, "dir": {"down"}}
		if r := e.post(route, seed.SurveyID, v); r.StatusCode != 404 {
			t.Errorf("POST %s: %d", route, r.StatusCode)
		}
	}
	if after := e.stored(seed.SurveyID); !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Error("another office's survey changed")
	}
	// A copy of another office's survey is not found either.
	if r := e.post(rNew, "", url.Values{"start": {"copy"}, "from": {seed.SurveyID}}); r.StatusCode != 404 {
		t.Errorf("copy of another office's survey: %d", r.StatusCode)
	}
}

// TestEditorCopiesASurvey: next year's round as a copy: a new id, the
// questions and texts, no dates, copiedFrom naming the original.
func TestEditorCopiesASurvey(t *testing.T) {
	e := newEditor(t)
	orig := e.stored(seed.SurveyID)
	if r := e.post(rNew, "", url.Values{"start": {"copy"}}); r.StatusCode != 422 || !strings.Contains(r.Body, `href="#from"`) {
		t.Errorf("copy of nothing: %d", r.StatusCode)
	}
	r := e.post(rNew, "", url.Values{"start": {"copy"}, "from": {seed.SurveyID}})
	if r.StatusCode != 303 {
		t.Fatalf("copy: %d %.300s", r.StatusCode, r.Body)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(r.Headers["location"], "/console/surveys/"), "/edit")
	d := e.stored(id)
	if id == seed.SurveyID || d.CopiedFrom != seed.SurveyID || d.OpensAt != nil || d.ClosesAt != nil ||
		len(d.Questions) != len(orig.Questions) || d.Title["ar"] != orig.Title["ar"] {
		t.Errorf("copy %s: from %q, %d questions, dates %v %v", id, d.CopiedFrom, len(d.Questions), d.OpensAt, d.ClosesAt)
	}
}

// multipartPost is a console form post with a file, as a browser sends it.
func (e *editorClient) multipartPost(route, id string, v url.Values, file []byte) events.APIGatewayV2HTTPResponse {
	e.t.Helper()
	r := e.request("POST", route, id, "")
	path := strings.Replace(route, "{surveyId}", id, 1)
	if v.Get("form.stamp") == "" {
		v.Set("form.stamp", testenv.Stamp(path))
	}
	v.Set("csrf", e.s.CSRF(e.s.TokenFor(e.office)))
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vals := range v {
		for _, x := range vals {
			_ = mw.WriteField(k, x)
		}
	}
	if file != nil {
		fw, _ := mw.CreateFormFile("file", "umfrage.xlsx")
		_, _ = fw.Write(file)
	}
	_ = mw.Close()
	r.Body, r.ContentType = body.String(), mw.FormDataContentType()
	return e.a.Do(e.t, e.h, r)
}

var (
	packedField  = regexp.MustCompile(`name="definition" value="([^"]+)"`)
	versionField = regexp.MustCompile(`name="version" value="([^"]+)"`)
)

// TestEditorSpreadsheetSavedInBetween: a workbook's changes confirmed
// after the survey was saved elsewhere (another tab, a colleague) do not
// overwrite that save unseen: the page shows what the workbook changes
// now, and a second confirm saves it; a replayed confirm of the old
// page does not.
func TestEditorSpreadsheetSavedInBetween(t *testing.T) {
	e := newEditor(t)
	d := e.stored(seed.SurveyID)
	d.Title["de"] = "Aus der Tabelle"
	var sheet bytes.Buffer
	if err := xlsform.Write(&sheet, d); err != nil {
		t.Fatal(err)
	}
	const form = "/console/surveys/{surveyId}/form"
	r := e.multipartPost(form, seed.SurveyID, url.Values{}, sheet.Bytes())
	packed, version := packedField.FindStringSubmatch(r.Body), versionField.FindStringSubmatch(r.Body)
	if r.StatusCode != 200 || packed == nil || version == nil {
		t.Fatalf("upload: %d", r.StatusCode)
	}
	// Saved in between: another description.
	between := e.stored(seed.SurveyID)
	between.Description["de"] = "Inzwischen gespeichert"
	between.UpdatedAt = between.UpdatedAt.Add(time.Second)
	if err := e.a.Store.UpdateSurvey(context.Background(), between, e.stored(seed.SurveyID).UpdatedAt); err != nil {
		t.Fatal(err)
	}
	old := url.Values{"confirm": {"yes"}, "definition": {html.UnescapeString(packed[1])}, "version": {version[1]}}
	r = e.multipartPost(form, seed.SurveyID, old, nil)
	if r.StatusCode != 409 || !strings.Contains(r.Body, "nachdem Sie die Tabelle hochgeladen haben") || !strings.Contains(r.Body, `name="confirm" value="yes"`) {
		t.Fatalf("confirm over a save in between: %d %.300s", r.StatusCode, r.Body)
	}
	if got := e.stored(seed.SurveyID); got.Title["de"] == "Aus der Tabelle" || got.Description["de"] != "Inzwischen gespeichert" {
		t.Fatalf("saved over the save in between: %q %q", got.Title["de"], got.Description["de"])
	}
	again := versionField.FindStringSubmatch(r.Body)
	if again == nil || again[1] == version[1] {
		t.Fatalf("the page shown again carries no new version: %v", again)
	}
	if r := e.multipartPost(form, seed.SurveyID, url.Values{"confirm": {"yes"}, "definition": {html.UnescapeString(packedField.FindStringSubmatch(r.Body)[1])}, "version": {again[1]}}, nil); r.StatusCode != 303 {
		t.Fatalf("confirmed again: %d %.300s", r.StatusCode, r.Body)
	}
	if got := e.stored(seed.SurveyID); got.Title["de"] != "Aus der Tabelle" {
		t.Errorf("after confirming again: %q", got.Title["de"])
	}
}

// TestEditorSpreadsheet: the survey downloads as a workbook; a changed
// workbook uploaded shows what changes and saves only when confirmed; a
// file that is no workbook is refused with nothing saved; a survey starts
// from a workbook as a draft; another office's survey is not found.
func TestEditorSpreadsheet(t *testing.T) {
	e := newEditor(t)
	r := e.get("/console/surveys/{surveyId}/form.xlsx", seed.SurveyID, "")
	raw, err := base64.StdEncoding.DecodeString(r.Body)
	if r.StatusCode != 200 || err != nil || !bytes.HasPrefix(raw, []byte("PK")) || !strings.Contains(r.Headers["content-disposition"], ".xlsx") {
		t.Fatalf("download: %d %v %q", r.StatusCode, err, r.Headers["content-disposition"])
	}
	before := e.stored(seed.SurveyID)
	d := e.stored(seed.SurveyID)
	d.Title["de"] = "Bedarfe 2027 (neu)"
	var sheet bytes.Buffer
	if err := xlsform.Write(&sheet, d); err != nil {
		t.Fatal(err)
	}
	const form = "/console/surveys/{surveyId}/form"
	r = e.multipartPost(form, seed.SurveyID, url.Values{}, sheet.Bytes())
	contains(t, "changes page", r.Body, "Was sich ändert", "Einstellungen", `name="confirm" value="yes"`)
	m := packedField.FindStringSubmatch(r.Body)
	if r.StatusCode != 200 || m == nil {
		t.Fatalf("upload: %d", r.StatusCode)
	}
	if !e.stored(seed.SurveyID).UpdatedAt.Equal(before.UpdatedAt) {
		t.Fatal("saved before the confirm")
	}
	if r := e.multipartPost(form, seed.SurveyID, url.Values{}, []byte("name;email\n")); r.StatusCode != 422 || !strings.Contains(r.Body, `href="#file"`) {
		t.Errorf("no workbook: %d", r.StatusCode)
	}
	r = e.multipartPost(form, seed.SurveyID, url.Values{"confirm": {"yes"}, "definition": {html.UnescapeString(m[1])}, "version": {versionField.FindStringSubmatch(r.Body)[1]}}, nil)
	if r.StatusCode != 303 {
		t.Fatalf("confirm: %d %.300s", r.StatusCode, r.Body)
	}
	if got := e.stored(seed.SurveyID); got.Title["de"] != "Bedarfe 2027 (neu)" || len(got.Questions) != len(before.Questions) {
		t.Errorf("after the upload: %q, %d questions", got.Title["de"], len(got.Questions))
	}

	// A new survey from the workbook: a draft.
	n := e.surveys()
	r = e.multipartPost(rNew, "", url.Values{"start": {"sheet"}}, sheet.Bytes())
	if r.StatusCode != 303 || e.surveys() != n+1 {
		t.Fatalf("start from a workbook: %d %.300s", r.StatusCode, r.Body)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(r.Headers["location"], "/console/surveys/"), "/edit")
	if !e.stored(id).Draft() {
		t.Error("a survey from a workbook is no draft")
	}
	if r := e.multipartPost(rNew, "", url.Values{"start": {"sheet"}}, []byte("kein Workbook")); r.StatusCode != 422 || e.surveys() != n+1 {
		t.Errorf("start from no workbook: %d", r.StatusCode)
	}

	e.office = "other"
	if r := e.get("/console/surveys/{surveyId}/form.xlsx", seed.SurveyID, ""); r.StatusCode != 404 {
		t.Errorf("another office's workbook: %d", r.StatusCode)
	}
	if r := e.multipartPost(form, seed.SurveyID, url.Values{}, sheet.Bytes()); r.StatusCode != 404 {
		t.Errorf("upload to another office's survey: %d", r.StatusCode)
	}
}

// TestEditorLocksAfterAnswers: once a survey has answers, a question's id
// stays (the form says so, nothing saved), its labels still change.
func TestEditorLocksAfterAnswers(t *testing.T) {
	e := newEditor(t)
	r := e.post(rNew, "", url.Values{"start": {"empty"}, "title.de": {"Kurz"}})
	id := strings.TrimSuffix(strings.TrimPrefix(r.Headers["location"], "/console/surveys/"), "/edit")
	if r := e.post(rPublish, id, url.Values{"confirm": {"yes"}}); r.StatusCode != 303 {
		t.Fatalf("publish: %d", r.StatusCode)
	}
	answer := testenv.Do(t, e.a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: map[string]string{"surveyId": id},
		Body: `{"language":"de","answers":{"organisation":"Verein X"},"consent":{"privacy":true}}`})
	if answer.StatusCode != 201 {
		t.Fatalf("answer: %d %s", answer.StatusCode, answer.Body)
	}
	v := url.Values{"question": {"organisation"}, "id": {"org"}, "type": {"text"}, "label.de": {"Name des Vereins"}}
	r = e.post(rQuestion, id, v)
	if r.StatusCode != 422 || !strings.Contains(r.Body, "Fest: Es gibt schon Antworten.") {
		t.Errorf("a changed id after answers: %d", r.StatusCode)
	}
	if q := e.stored(id).Questions[0]; q.ID != "organisation" || q.Label["de"] == "Name des Vereins" {
		t.Errorf("saved although locked: %s %q", q.ID, q.Label["de"])
	}
	v.Set("id", "organisation")
	if r := e.post(rQuestion, id, v); r.StatusCode != 303 {
		t.Fatalf("a new label after answers: %d %.400s", r.StatusCode, r.Body)
	}
	if q := e.stored(id).Questions[0]; q.Label["de"] != "Name des Vereins" {
		t.Errorf("label after answers: %q", q.Label["de"])
	}
	if page := e.get(rQuestion, id, "id=organisation"); !strings.Contains(page.Body, "Fest: Es gibt schon Antworten.") || strings.Contains(page.Body, `name="id" value="organisation" `) {
		t.Errorf("the form does not say the id is fixed")
	}
}

// TestEditorTextsOfALargeSurvey: the texts page of a survey posts every
// text of one language at once; in Arabic (six bytes per letter once
// form-encoded) that passes 64 KiB long before the definition nears its
// 1 MiB, and is saved all the same.
func TestEditorTextsOfALargeSurvey(t *testing.T) {
	e := newEditor(t)
	d := e.stored(seed.SurveyID)
	long := strings.Repeat("هل لديكم قاعات خاصة للاجتماعات؟ ", 20) // 640 letters
	v := url.Values{"to": {"ar"}, "title.ar": {"الاحتياجات 2027"}}
	for i := range d.Questions {
		v.Set(fmt.Sprintf("questions[%d].label.ar", i), long)
	}
	if n := len(v.Encode()); n <= 64<<10 {
		t.Fatalf("the form is %d bytes: not past 64 KiB", n)
	}
	if r := e.post(rTexts, seed.SurveyID, v); r.StatusCode != 303 {
		t.Fatalf("texts: %d %.300s", r.StatusCode, r.Body)
	}
	if got := e.stored(seed.SurveyID); got.Questions[0].Label["ar"] != strings.TrimSpace(long) {
		t.Errorf("saved: %q", got.Questions[0].Label["ar"])
	}
}
