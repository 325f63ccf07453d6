package adminapi_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/xlsform"
)

// demoWorkbook is the demo survey as a workbook.
func demoWorkbook(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsform.Write(&buf, seed.DemoSurvey()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// workbook is a request with a workbook body, as API Gateway passes a
// binary body (base64).
func workbook(office, method, path, id string, body []byte, query string) testenv.Request {
	r := testenv.Request{Method: method, Path: path, Body: string(body), ContentType: xlsform.ContentType, Base64: true,
		Claims: testenv.Claims(office), Query: query}
	if id != "" {
		r.Params = map[string]string{"surveyId": id}
	}
	return r
}

// withoutTime is a definition's JSON without its time of change.
func withoutTime(t *testing.T, body string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	delete(m, "updatedAt")
	b, _ := json.Marshal(m)
	return string(b)
}

// edit changes one cell of a workbook's sheet.
func edit(t *testing.T, body []byte, sheet, cell, value string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetCellStr(sheet, cell, value); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestSurveyFormRoundTrip: the demo survey downloaded as a workbook and
// uploaded unchanged is the same definition.
func TestSurveyFormRoundTrip(t *testing.T) {
	a := testenv.NewFunctions(t)
	p := map[string]string{"surveyId": seed.SurveyID}
	before := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}", p, "", "")
	resp := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/form.xlsx", p, "", "")
	if resp.StatusCode != 200 || resp.Headers["content-type"] != xlsform.ContentType || !resp.IsBase64Encoded ||
		resp.Headers["content-disposition"] != `attachment; filename=demo-needs-survey.xlsx` {
		t.Fatalf("download: %d %v", resp.StatusCode, resp.Headers)
	}
	body, err := base64.StdEncoding.DecodeString(resp.Body)
	if err != nil || !bytes.HasPrefix(body, []byte("PK\x03\x04")) {
		t.Fatalf("not a workbook: %v", err)
	}
	put := a.Do(t, a.Admin, workbook("demo", "PUT", "/admin/surveys/{surveyId}/form.xlsx", seed.SurveyID, body, ""))
	if put.StatusCode != 200 || !strings.Contains(put.Body, `"id":"demo-needs-survey"`) {
		t.Fatalf("upload: %d %s", put.StatusCode, put.Body)
	}
	after := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}", p, "", "")
	if withoutTime(t, before.Body) != withoutTime(t, after.Body) {
		t.Errorf("download → upload changed the definition:\n%s\n%s", before.Body, after.Body)
	}
}

// TestSurveyFormProblems: a workbook with problems is a 422 naming each
// cell in the caller's language, and nothing is saved.
func TestSurveyFormProblems(t *testing.T) {
	a := testenv.NewFunctions(t)
	p := map[string]string{"surveyId": seed.SurveyID}
	before := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}", p, "", "")
	count := a.Count(t)
	bad := demoWorkbook(t)
	bad = edit(t, bad, "survey", "A3", "geopoint")
	bad = edit(t, bad, "survey", "B4", "Rechtsform!")
	for _, c := range []struct{ lang, want string }{
		{"de", "Tabelle survey, Zeile 3, Spalte type: Der Typ „geopoint“ wird nicht unterstützt."},
		{"en", "Sheet survey, row 3, column type: The type “geopoint” is not supported."},
	} {
		for _, r := range []testenv.Request{
			workbook("demo", "PUT", "/admin/surveys/{surveyId}/form.xlsx", seed.SurveyID, bad, "lang="+c.lang),
			workbook("demo", "POST", "/admin/surveys", "", bad, "lang="+c.lang),
		} {
			resp := a.Do(t, a.Admin, r)
			if resp.StatusCode != 422 || !strings.Contains(resp.Body, `"field":"survey!A3"`) || !strings.Contains(resp.Body, c.want) ||
				!strings.Contains(resp.Body, `"field":"survey!B4"`) {
				t.Errorf("%s %s: %d %s", r.Method, c.lang, resp.StatusCode, resp.Body)
			}
		}
	}
	if after := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}", p, "", ""); after.Body != before.Body {
		t.Errorf("a refused workbook changed the survey")
	}
	if a.Count(t) != count {
		t.Errorf("a refused workbook wrote items")
	}
}

// TestSurveyFormCreate: POST /admin/surveys with a workbook creates a
// draft in the caller's office; an Idempotency-Key makes a retry harmless.
func TestSurveyFormCreate(t *testing.T) {
	a := testenv.NewFunctions(t)
	body := edit(t, demoWorkbook(t), "settings", "A2", "aus-tabelle")
	r := workbook("demo", "POST", "/admin/surveys", "", body, "")
	r.Headers = map[string]string{"idempotency-key": "wb-1"}
	resp := a.Do(t, a.Admin, r)
	var created struct {
		ID, Status string
		Questions  []any
	}
	_ = json.Unmarshal([]byte(resp.Body), &created)
	if resp.StatusCode != 201 || !regexp.MustCompile(`^demo-aus-tabelle-[0-9a-z]{10}$`).MatchString(created.ID) || created.Status != "draft" ||
		len(created.Questions) != len(seed.DemoSurvey().Questions) {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Body)
	}
	count := a.Count(t)
	if again := a.Do(t, a.Admin, r); again.StatusCode != 201 || again.Body != resp.Body || a.Count(t) != count {
		t.Errorf("retry with the same key: %d %s", again.StatusCode, again.Body)
	}
	got := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}", map[string]string{"surveyId": created.ID}, "", "")
	if got.StatusCode != 200 || !strings.Contains(got.Body, `"status":"draft"`) {
		t.Errorf("stored: %d %s", got.StatusCode, got.Body)
	}
	// A draft is not public; a workbook put over it keeps it a draft.
	if pub := a.Do(t, a.Survey, testenv.Request{Method: "GET", Path: "/surveys/{surveyId}", Params: map[string]string{"surveyId": created.ID}}); pub.StatusCode != 404 {
		t.Errorf("a draft in public: %d", pub.StatusCode)
	}
	put := a.Do(t, a.Admin, workbook("demo", "PUT", "/admin/surveys/{surveyId}/form.xlsx", created.ID, body, ""))
	if put.StatusCode != 200 || !strings.Contains(put.Body, `"status":"draft"`) || !strings.Contains(put.Body, `"id":"`+created.ID+`"`) {
		t.Errorf("put over a draft: %d %.300s", put.StatusCode, put.Body)
	}
	// JSON still makes a survey as before.
	def, _ := json.Marshal(seed.DemoSurvey().Settings)
	if resp := a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "", strings.Replace(string(def), `"id":"demo-`, `"id":"json-`, 1)); resp.StatusCode != 201 || strings.Contains(resp.Body, `"status":"draft"`) {
		t.Errorf("JSON create: %d %.300s", resp.StatusCode, resp.Body)
	}
}

// TestSurveyFormRefused: another office's survey is not found, whatever
// the body; a body over the limit, another content type and a file that
// is no workbook are refused, and nothing is written.
func TestSurveyFormRefused(t *testing.T) {
	a := testenv.NewFunctions(t)
	count := a.Count(t)
	wb := demoWorkbook(t)
	big := append(append([]byte{}, wb...), make([]byte, xlsform.MaxBody)...)
	for _, c := range []struct {
		name   string
		req    testenv.Request
		status int
		want   string
	}{
		{"other office GET", testenv.Request{Method: "GET", Path: "/admin/surveys/{surveyId}/form.xlsx", Params: map[string]string{"surveyId": seed.SurveyID}, Claims: testenv.Claims("other-office")}, 404, "not_found"},
		{"other office PUT", workbook("other-office", "PUT", "/admin/surveys/{surveyId}/form.xlsx", seed.SurveyID, wb, ""), 404, "not_found"},
		{"other office PUT, no workbook", workbook("other-office", "PUT", "/admin/surveys/{surveyId}/form.xlsx", seed.SurveyID, []byte("x"), ""), 404, "not_found"},
		{"unknown survey", workbook("demo", "PUT", "/admin/surveys/{surveyId}/form.xlsx", "demo-nothing", wb, ""), 404, "not_found"},
		{"too large", workbook("demo", "PUT", "/admin/surveys/{surveyId}/form.xlsx", seed.SurveyID, big, "lang=en"), 413, "larger than 1024 KiB"},
		{"too large POST", workbook("demo", "POST", "/admin/surveys", "", big, "lang=en"), 413, "larger than 1024 KiB"},
		{"JSON", testenv.Request{Method: "PUT", Path: "/admin/surveys/{surveyId}/form.xlsx", Params: map[string]string{"surveyId": seed.SurveyID}, Body: "{}", Claims: testenv.Claims("demo")}, 415, "unsupported_media_type"},
		{"CSV", workbook("demo", "PUT", "/admin/surveys/{surveyId}/form.xlsx", seed.SurveyID, []byte("type;name\n"), "lang=en"), 400, "not an Excel workbook"},
	} {
		r := c.req
		if c.name == "JSON" {
			r.ContentType = "application/json"
		}
		resp := a.Do(t, a.Admin, r)
		if resp.StatusCode != c.status || !strings.Contains(resp.Body, c.want) {
			t.Errorf("%s: %d %.300s", c.name, resp.StatusCode, resp.Body)
		}
	}
	if a.Count(t) != count {
		t.Errorf("refused requests wrote items")
	}
}

// TestSurveyFormLocked: once a survey has answers, a workbook that
// changes a question's type is a 422 at that row's type cell (the
// service's lock, mapped back), and nothing is saved; one that leaves a
// question out keeps it, retired.
func TestSurveyFormLocked(t *testing.T) {
	a := testenv.NewFunctions(t)
	p := map[string]string{"surveyId": seed.SurveyID}
	if resp := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: p, Body: testenv.AnswerBody}); resp.StatusCode != 201 {
		t.Fatalf("answer: %d %s", resp.StatusCode, resp.Body)
	}
	wb := demoWorkbook(t)
	f, err := excelize.OpenReader(bytes.NewReader(wb))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("survey")
	f.Close()
	row := 0
	for i, r := range rows {
		if len(r) > 1 && r[1] == "members" {
			row = i + 1
		}
	}
	before := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}", p, "", "")
	changed := edit(t, wb, "survey", "A"+strconv.Itoa(row), "select_multiple members") // was select_one
	resp := a.Do(t, a.Admin, workbook("demo", "PUT", "/admin/surveys/{surveyId}/form.xlsx", seed.SurveyID, changed, "lang=en"))
	want := "Sheet survey, row " + strconv.Itoa(row) + ", column type: The survey already has answers"
	if resp.StatusCode != 422 || !strings.Contains(resp.Body, `"field":"survey!A`+strconv.Itoa(row)+`"`) || !strings.Contains(resp.Body, want) {
		t.Fatalf("type change: %d %s", resp.StatusCode, resp.Body)
	}
	if after := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}", p, "", ""); after.Body != before.Body {
		t.Errorf("a refused workbook changed the survey")
	}
}
