package adminapi_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestAnswersInOneJSONStringRoundTripExactly: answers stored as one JSON
// string come back exactly — Arabic, emoji, "<>&", U+2028/U+2029,
// quotes and backslashes, a 2,000-character text and numbers — in
// the JSON list, the CSV and the XLSX export.
func TestAnswersInOneJSONStringRoundTripExactly(t *testing.T) {
	a := testenv.NewFunctions(t)
	org := `جمعية 👩🏽‍🏫 <b>&amp; "Zitat" \ Straße`
	long := []rune(strings.Repeat("سطر <script>&</script>\u2028 😀 \\ \"x\"\u2029\n", 80))[:2000]
	b, _ := json.Marshal(map[string]any{"answers": map[string]any{"org_name": org, "needs_details": string(long), "fields_of_activity": []string{"youth"},
		"members": "20-49", "year_founded": 1987, "volunteers": 99999}, "consent": map[string]bool{"privacy": true}})
	p := map[string]string{"surveyId": seed.SurveyID}
	if resp := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: p, Body: string(b)}); resp.StatusCode != 201 {
		t.Fatalf("submit: %d %s", resp.StatusCode, resp.Body)
	}

	list := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/responses", p, "", "")
	var got struct {
		Items []struct {
			Answers map[string]any `json:"answers"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(list.Body), &got); err != nil || len(got.Items) != 1 {
		t.Fatalf("list: %d %.300s %v", list.StatusCode, list.Body, err)
	}
	ans := got.Items[0].Answers
	if ans["org_name"] != org || ans["needs_details"] != string(long) || ans["year_founded"] != 1987.0 || ans["volunteers"] != 99999.0 {
		t.Errorf("JSON list answers differ: %q", ans)
	}

	csv := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/responses.csv", p, "dialect=rfc4180", "")
	rows := testenv.ReadCSV(t, csv.Body, ',')
	if len(rows) != 2 {
		t.Fatalf("CSV rows %d", len(rows))
	}
	for col, want := range map[string]string{"org_name": org, "needs_details": string(long), "year_founded": "1987", "volunteers": "99999"} {
		if c := testenv.Column(rows, col); c < 0 || rows[1][c] != want {
			t.Errorf("CSV %s differs", col)
		}
	}

	x := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/responses.xlsx", p, "", "")
	raw := []byte(x.Body)
	if x.IsBase64Encoded {
		raw, _ = base64.StdEncoding.DecodeString(x.Body)
	}
	book, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	xrows, _ := book.GetRows(book.GetSheetList()[0])
	for col, want := range map[string]string{"org_name": org, "needs_details": string(long)} {
		if c := testenv.Column(xrows, col); c < 0 || len(xrows) < 2 || xrows[1][c] != want {
			t.Errorf("XLSX %s differs (column %d of %v)", col, c, xrows[0])
		}
	}
}
