package console_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestConsoleSummaryAndExportsInWords: the survey page says of a
// conditional question how many were asked, its shares are of those
// asked, counts take their plural form and numbers the coordinator's
// way (German 2001,5, Arabic 2001٫5); the console's downloads are in
// words (XLSX with a second sheet of codes, the Excel CSV), the RFC 4180
// CSV in codes with its own file name; a bad ?values= is the console's
// error page, 400, in the coordinator's language.
func TestConsoleSummaryAndExportsInWords(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	ctx := context.Background()
	d, err := a.Store.Survey(ctx, seed.SurveyID)
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Questions {
		if q := &d.Questions[i]; q.ID == "needs" {
			q.ShowIf = &survey.ShowIf{All: []survey.Condition{{Question: "partnerships_abroad", In: []string{"yes"}}}}
		}
	}
	if err := a.Store.PutSurvey(ctx, d); err != nil {
		t.Fatal(err)
	}
	for _, ans := range []map[string]any{
		{"org_name": "Straße & Söhne e.V.", "partnerships_abroad": true, "needs": []string{"funding", "rooms"}, "year_founded": 2000},
		{"org_name": "Українська громада", "partnerships_abroad": true, "year_founded": 2003},
		{"org_name": "جمعية الثقافة العربية", "partnerships_abroad": false},
	} {
		ans["fields_of_activity"], ans["members"] = []string{"culture"}, "20-49"
		b, _ := json.Marshal(map[string]any{"answers": ans, "consent": map[string]bool{"privacy": true}})
		if r := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: map[string]string{"surveyId": seed.SurveyID}, Body: string(b)}); r.StatusCode != 201 {
			t.Fatalf("submit: %d %s", r.StatusCode, r.Body)
		}
	}
	get := func(path, query, lang string) (int, string, map[string]string) {
		t.Helper()
		req := s.Request(routes.Route{Method: "GET", Path: path}, "demo", "")
		req.Params = map[string]string{"surveyId": seed.SurveyID}
		req.Query = query
		if lang != "" {
			req.Headers = map[string]string{"accept-language": lang}
		}
		r := a.Do(t, h, req)
		body := r.Body
		if r.IsBase64Encoded {
			raw, _ := base64.StdEncoding.DecodeString(r.Body)
			body = string(raw)
		}
		return r.StatusCode, body, r.Headers
	}
	st, page, _ := get("/console/surveys/{surveyId}", "", "")
	if st != 200 {
		t.Fatalf("survey page: %d", st)
	}
	for _, want := range []string{"3 Antworten", "Frage mit Bedingung: 2 Organisationen wurde sie gestellt", "1 Antwort auf diese Frage",
		"50\u00a0%", "2001,5"} {
		if !strings.Contains(page, want) {
			t.Errorf("the survey page lacks %q", want)
		}
	}
	if _, page, _ = get("/console/surveys/{surveyId}", "", "ar"); !strings.Contains(page, "سؤال مشروط: عدد من طُرح عليهم 2") || !strings.Contains(page, "2001٫5") {
		t.Error("the Arabic survey page lacks the asked count or the Arabic decimal separator")
	}

	// Downloads.
	st, body, hd := get("/console/surveys/{surveyId}/responses.csv", "", "")
	rows := testenv.ReadCSV(t, body, ';')
	if st != 200 || !strings.Contains(body, "nicht gefragt") || !strings.Contains(body, "Straße & Söhne e.V.") || !strings.Contains(body, ";Ja;") ||
		strings.Contains(hd["content-disposition"], "rfc4180") || len(rows) != 4 {
		t.Errorf("Excel CSV: %d %s %.300q", st, hd["content-disposition"], body)
	}
	st, body, hd = get("/console/surveys/{surveyId}/responses.csv", "dialect=rfc4180", "")
	if st != 200 || !strings.Contains(body, ",not_asked,") || !strings.Contains(body, "Українська громада") || !strings.Contains(hd["content-disposition"], ".rfc4180.csv") {
		t.Errorf("RFC 4180 CSV: %d %s", st, hd["content-disposition"])
	}
	if st, body, _ = get("/console/surveys/{surveyId}/responses.csv", "dialect=rfc4180&values=labels", "tr"); st != 200 || !strings.Contains(body, "sorulmadı") {
		t.Errorf("RFC 4180 CSV in Turkish words: %d", st)
	}
	st, body, _ = get("/console/surveys/{surveyId}/responses.xlsx", "", "")
	book, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if st != 200 || err != nil {
		t.Fatalf("xlsx: %d %v", st, err)
	}
	sheets := book.GetSheetList()
	words, _ := book.GetRows(sheets[0])
	codes, _ := book.GetRows(sheets[1])
	if len(sheets) != 3 || sheets[1] != "Codes" || len(words) != 4 || len(codes) != 4 || testenv.Column(codes, "needs.funding") < 0 {
		t.Errorf("workbook: %v, %d and %d rows", sheets, len(words), len(codes))
	}
	for _, lang := range []string{"de", "tr"} {
		st, body, hd = get("/console/surveys/{surveyId}/responses.xlsx", "values=names", lang)
		want := map[string]string{"de": "values muss labels oder codes sein", "tr": "values parametresi labels veya codes olmalıdır"}[lang]
		if st != 400 || !strings.HasPrefix(hd["content-type"], "text/html") || !strings.Contains(body, want) {
			t.Errorf("%s: ?values=names: %d %s", lang, st, hd["content-type"])
		}
	}
}
