package adminapi_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/integration-offices/netzwerk-backend/shared/export"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// conditional makes the demo survey ask its needs (section "needs") only
// of organisations with partnerships abroad (section "networks").
func conditional(t *testing.T, a *testenv.Functions) *survey.Definition {
	t.Helper()
	ctx := context.Background()
	d, err := a.Store.Survey(ctx, seed.SurveyID)
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Questions {
		if q := &d.Questions[i]; q.ID == "needs" || q.ID == "top_need" {
			q.ShowIf = &survey.ShowIf{All: []survey.Condition{{Question: "partnerships_abroad", In: []string{"yes"}}}}
		}
	}
	if err := a.Store.PutSurvey(ctx, d); err != nil {
		t.Fatal(err)
	}
	return d
}

func submitAnswers(t *testing.T, a *testenv.Functions, answers map[string]any) {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"answers": answers, "consent": map[string]bool{"privacy": true}})
	resp := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: map[string]string{"surveyId": seed.SurveyID}, Body: string(b)})
	if resp.StatusCode != 201 {
		t.Fatalf("submit: %d %s", resp.StatusCode, resp.Body)
	}
}

func optionLabel(d *survey.Definition, qid, code, lang string) (string, string) {
	for _, q := range d.Questions {
		if q.ID == qid {
			for _, o := range q.Options {
				if o.Code == code {
					return q.Label.In(lang), o.Label.In(lang)
				}
			}
		}
	}
	return "", ""
}

// TestExportsInWords: XLSX and the Excel CSV write answers in words in
// the caller's language (German, Turkish), the RFC 4180 CSV codes, each
// the other on request (?values=); a question not asked is "not asked"
// (words) or not_asked (codes), apart from an empty cell for asked and
// not answered; umlauts, ß, Arabic and Cyrillic come out as written; the
// workbook's second sheet keeps the codes; the two CSVs have different
// file names; a bad ?values= is a 400 in the caller's language.
func TestExportsInWords(t *testing.T) {
	a := testenv.NewFunctions(t)
	d := conditional(t, a)
	base := func(org string) map[string]any {
		return map[string]any{"org_name": org, "fields_of_activity": []string{"culture"}, "members": "20-49"}
	}
	abroad := base("Straße & Söhne e.V. – ğüş")
	abroad["partnerships_abroad"], abroad["needs"], abroad["top_need"] = true, []string{"funding", "rooms"}, "rooms"
	home := base("Українська громада")
	home["partnerships_abroad"] = false
	silent := base("جمعية الثقافة العربية")
	silent["partnerships_abroad"] = true // asked the needs, answered none
	for _, ans := range []map[string]any{abroad, home, silent} {
		submitAnswers(t, a, ans)
	}
	p := map[string]string{"surveyId": seed.SurveyID}
	get := func(path, query string) (string, map[string]string) {
		t.Helper()
		r := a.AdminCall(t, "demo", "GET", path, p, query, "")
		if r.StatusCode != 200 {
			t.Fatalf("%s?%s: %d %s", path, query, r.StatusCode, r.Body)
		}
		body := r.Body
		if r.IsBase64Encoded {
			raw, _ := base64.StdEncoding.DecodeString(r.Body)
			body = string(raw)
		}
		return body, r.Headers
	}
	byOrg := func(rows [][]string, org string) []string {
		for _, r := range rows[1:] {
			for _, c := range r {
				if c == org {
					return r
				}
			}
		}
		t.Fatalf("no row of %q in %v", org, rows)
		return nil
	}
	cell := func(rows [][]string, row []string, col string) string {
		t.Helper()
		i := testenv.Column(rows, col)
		if i < 0 || i >= len(row) {
			t.Fatalf("no column %q in %v", col, rows[0])
		}
		return row[i]
	}

	for _, c := range []struct{ lang, yes, no, notAsked string }{
		{"de", "Ja", "Nein", "nicht gefragt"},
		{"tr", "Evet", "Hayır", "sorulmadı"},
	} {
		// The Excel CSV: words by default, header codes (the API's default).
		body, h := get("/admin/surveys/{surveyId}/responses.csv", "lang="+c.lang)
		rows := testenv.ReadCSV(t, body, ';')
		_, rooms := optionLabel(d, "top_need", "rooms", c.lang)
		r := byOrg(rows, abroad["org_name"].(string))
		if got := cell(rows, r, "top_need"); got != rooms || rooms == "" {
			t.Errorf("%s: top_need %q, want %q", c.lang, got, rooms)
		}
		if cell(rows, r, "needs.funding") != c.yes || cell(rows, r, "needs.training_law") != c.no || cell(rows, r, "partnerships_abroad") != c.yes {
			t.Errorf("%s: yes/no in words: %v", c.lang, r)
		}
		if cell(rows, r, "consent.privacy") != c.yes {
			t.Errorf("%s: consent %q", c.lang, cell(rows, r, "consent.privacy"))
		}
		r = byOrg(rows, home["org_name"].(string))
		if cell(rows, r, "needs.funding") != c.notAsked || cell(rows, r, "top_need") != c.notAsked || cell(rows, r, "partnerships_abroad") != c.no {
			t.Errorf("%s: not asked: %v", c.lang, r)
		}
		r = byOrg(rows, silent["org_name"].(string))
		if cell(rows, r, "needs.funding") != "" || cell(rows, r, "top_need") != "" {
			t.Errorf("%s: asked, no answer should be empty: %v", c.lang, r)
		}
		if cd := h["content-disposition"]; !strings.Contains(cd, "antworten-") || strings.Contains(cd, "rfc4180") {
			t.Errorf("Excel CSV name: %s", cd)
		}

		// The RFC 4180 CSV: codes by default, words on request.
		body, h = get("/admin/surveys/{surveyId}/responses.csv", "dialect=rfc4180&lang="+c.lang)
		rows = testenv.ReadCSV(t, body, ',')
		r = byOrg(rows, abroad["org_name"].(string))
		if cell(rows, r, "top_need") != "rooms" || cell(rows, r, "needs.funding") != "1" || cell(rows, r, "members") != "20-49" {
			t.Errorf("%s: RFC 4180 codes: %v", c.lang, r)
		}
		if r = byOrg(rows, home["org_name"].(string)); cell(rows, r, "needs.funding") != export.NotAsked || cell(rows, r, "partnerships_abroad") != "0" {
			t.Errorf("%s: RFC 4180 not asked: %v", c.lang, r)
		}
		if cd := h["content-disposition"]; !strings.Contains(cd, ".rfc4180.csv") {
			t.Errorf("RFC 4180 CSV name: %s", cd)
		}
		body, _ = get("/admin/surveys/{surveyId}/responses.csv", "dialect=rfc4180&values=labels&header=labels&lang="+c.lang)
		rows = testenv.ReadCSV(t, body, ',')
		q, _ := optionLabel(d, "top_need", "rooms", c.lang)
		if r = byOrg(rows, abroad["org_name"].(string)); cell(rows, r, q) != rooms {
			t.Errorf("%s: RFC 4180 with labels: %v", c.lang, r)
		}
		body, _ = get("/admin/surveys/{surveyId}/responses.csv", "values=codes&lang="+c.lang)
		rows = testenv.ReadCSV(t, body, ';')
		if r = byOrg(rows, abroad["org_name"].(string)); cell(rows, r, "top_need") != "rooms" || cell(rows, r, "partnerships_abroad") != "1" {
			t.Errorf("%s: Excel CSV with codes: %v", c.lang, r)
		}

		// XLSX: words, then the same rows in codes, then the questions.
		body, h = get("/admin/surveys/{surveyId}/responses.xlsx", "lang="+c.lang)
		book, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatal(err)
		}
		sheets := book.GetSheetList()
		if len(sheets) != 3 {
			t.Fatalf("%s: sheets %v", c.lang, sheets)
		}
		words, _ := book.GetRows(sheets[0])
		codes, _ := book.GetRows(sheets[1])
		if r = byOrg(words, home["org_name"].(string)); cell(words, r, "needs.funding") != c.notAsked {
			t.Errorf("%s: XLSX words: %v", c.lang, r)
		}
		if r = byOrg(codes, abroad["org_name"].(string)); cell(codes, r, "top_need") != "rooms" || cell(codes, r, "needs.rooms") != "1" {
			t.Errorf("%s: XLSX codes sheet: %v", c.lang, r)
		}
		for _, org := range []string{abroad["org_name"].(string), home["org_name"].(string), silent["org_name"].(string)} {
			byOrg(words, org)
			byOrg(codes, org)
		}
		if !strings.HasSuffix(strings.TrimSuffix(h["content-disposition"], `"`), ".xlsx") {
			t.Errorf("XLSX name %s", h["content-disposition"])
		}
		body, _ = get("/admin/surveys/{surveyId}/responses.xlsx", "values=codes&lang="+c.lang)
		book, _ = excelize.OpenReader(bytes.NewReader([]byte(body)))
		if sheets := book.GetSheetList(); len(sheets) != 2 {
			t.Errorf("%s: a workbook in codes has %v (answers and questions)", c.lang, sheets)
		}
	}

	for _, path := range []string{"/admin/surveys/{surveyId}/responses.csv", "/admin/surveys/{surveyId}/responses.xlsx"} {
		r := a.AdminCall(t, "demo", "GET", path, p, "values=words&lang=tr", "")
		var e struct {
			Error struct{ Code, Message string }
		}
		if err := json.Unmarshal([]byte(r.Body), &e); r.StatusCode != 400 || err != nil || e.Error.Code != "bad_request" || !strings.Contains(e.Error.Message, "values") {
			t.Errorf("%s?values=words: %d %s", path, r.StatusCode, r.Body)
		}
	}
	mp := map[string]string{"meetingId": seed.MeetingID}
	if r := a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/registrations.csv", mp, "values=1", ""); r.StatusCode != 400 {
		t.Errorf("registrations ?values=1: %d", r.StatusCode)
	}

	// The summary: a conditional question counts those asked.
	r := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/summary", p, "", "")
	var sum struct {
		Responses int
		Questions []struct {
			ID              string
			Conditional     bool
			Asked, Answered int
			Counts          map[string]int
		}
	}
	if err := json.Unmarshal([]byte(r.Body), &sum); err != nil || sum.Responses != 3 {
		t.Fatalf("summary: %s", r.Body)
	}
	for _, q := range sum.Questions {
		switch q.ID {
		case "needs":
			if !q.Conditional || q.Asked != 2 || q.Answered != 1 || q.Counts["funding"] != 1 {
				t.Errorf("needs: %+v", q)
			}
		case "members":
			if q.Conditional || q.Asked != 3 || q.Answered != 3 {
				t.Errorf("members: %+v", q)
			}
		}
	}
}
