package adminapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

var tricky = []string{
	`=HYPERLINK("http://evil.example","klick")`, "+49 7121 123456", "-Verein", "@home e.V.", "\tTab-Verein",
	"Deutsch-Türkischer Kulturverein e.V. – ğışçöü", "جمعية الثقافة العربية", "Українська громада", "Straße & Söhne; \"Zitat\"",
}

func submit(t *testing.T, a *testenv.Functions, org string, fields []string) {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"answers": map[string]any{"org_name": org, "fields_of_activity": fields, "members": "20-49",
		"year_founded": 1987, "partnerships_abroad": true}, "consent": map[string]bool{"privacy": true}})
	resp := a.Do(t, a.Survey, testenv.Request{Method: "POST", Path: "/surveys/{surveyId}/responses", Params: map[string]string{"surveyId": seed.SurveyID}, Body: string(b)})
	if resp.StatusCode != 201 {
		t.Fatalf("submit %q: %d %s", org, resp.StatusCode, resp.Body)
	}
}

func TestResponsesExport(t *testing.T) {
	a := testenv.NewFunctions(t)
	for i, org := range tricky {
		submit(t, a, org, []string{[]string{"culture", "youth", "women"}[i%3]})
	}
	p := map[string]string{"surveyId": seed.SurveyID}
	resp := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/responses.csv", p, "", "")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Body, "\ufeff") || !strings.Contains(resp.Body, "\r\n") {
		t.Fatalf("excel export: %d %q", resp.StatusCode, resp.Body[:min(80, len(resp.Body))])
	}
	if ct, cd := resp.Headers["content-type"], resp.Headers["content-disposition"]; !strings.HasPrefix(ct, "text/csv") || !strings.Contains(cd, `filename=demo-needs-survey-antworten-`) {
		t.Fatalf("headers %v", resp.Headers)
	}
	rows := testenv.ReadCSV(t, resp.Body, ';')
	if len(rows) != 1+len(tricky) {
		t.Fatalf("%d rows", len(rows))
	}
	org, culture, year, abroad := testenv.Column(rows, "org_name"), testenv.Column(rows, "fields_of_activity.culture"), testenv.Column(rows, "year_founded"), testenv.Column(rows, "partnerships_abroad")
	if org < 0 || culture < 0 || testenv.Column(rows, "fields_of_activity.youth") < 0 || testenv.Column(rows, "consent.privacy") < 0 {
		t.Fatalf("header %v", rows[0])
	}
	if notice := testenv.Column(rows, "consent.notice"); notice < 0 || rows[1][notice] != seed.NoticeVersion {
		t.Fatalf("notice version column %d in %v", notice, rows[0])
	}
	got := map[string]bool{}
	cultures := 0
	for _, row := range rows[1:] {
		got[row[org]] = true
		// The Excel CSV has answers in words by default.
		if row[culture] == "Ja" {
			cultures++
		}
		if row[year] != "1987" || row[abroad] != "Ja" {
			t.Errorf("number/bool cells: %q %q", row[year], row[abroad])
		}
		for _, cell := range row {
			if c := strings.TrimLeft(cell, " "); c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell starts like a formula: %q", cell)
			}
		}
	}
	for _, o := range tricky {
		want := o
		if strings.ContainsRune("=+-@\t", rune(o[0])) {
			want = "'" + o
		}
		if !got[want] {
			t.Errorf("organisation %q not in the export as %q", o, want)
		}
	}
	if cultures != 3 {
		t.Errorf("culture chosen %d times, want 3", cultures)
	}
	// RFC 4180, labels.
	resp = a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/responses.csv", p, "dialect=rfc4180&header=labels&lang=de", "")
	if strings.HasPrefix(resp.Body, "\ufeff") {
		t.Fatal("rfc4180 with BOM")
	}
	rows = testenv.ReadCSV(t, resp.Body, ',')
	if testenv.Column(rows, "Name der Organisation") < 0 || testenv.Column(rows, "Arbeitsfelder: Kultur") < 0 || testenv.Column(rows, "Eingegangen am") < 0 {
		t.Fatalf("label header %v", rows[0])
	}
	// gzip.
	plain := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/responses.csv", p, "", "")
	gz := a.Do(t, a.Admin, testenv.Request{Method: "GET", Path: "/admin/surveys/{surveyId}/responses.csv", Params: p, Claims: testenv.Claims("demo"),
		Headers: map[string]string{"accept-encoding": "gzip, deflate, br"}})
	if !gz.IsBase64Encoded || gz.Headers["content-encoding"] != "gzip" {
		t.Fatalf("gzip: %v", gz.Headers)
	}
	raw, _ := base64.StdEncoding.DecodeString(gz.Body)
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	unz, _ := io.ReadAll(zr)
	if !bytes.Equal(unz, []byte(plain.Body)) {
		t.Fatal("gzip body differs from the plain one")
	}
	for _, bad := range []string{"dialect=tsv", "header=fancy"} {
		if resp := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/responses.csv", p, bad, ""); resp.StatusCode != 400 {
			t.Errorf("%s: %d", bad, resp.StatusCode)
		}
	}
	// Summary and JSON pages.
	resp = a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/summary", p, "", "")
	var sum struct {
		Responses int
		Questions []struct {
			ID     string
			Counts map[string]int
		}
	}
	_ = json.Unmarshal([]byte(resp.Body), &sum)
	if sum.Responses != len(tricky) {
		t.Fatalf("summary: %s", resp.Body)
	}
	for _, q := range sum.Questions {
		if q.ID == "fields_of_activity" && (q.Counts["culture"] != 3 || q.Counts["youth"] != 3 || q.Counts["sport"] != 0) {
			t.Errorf("counts %v", q.Counts)
		}
		if q.ID == "members" && q.Counts["20-49"] != len(tricky) {
			t.Errorf("members %v", q.Counts)
		}
		if q.ID == "partnerships_abroad" && q.Counts["yes"] != len(tricky) {
			t.Errorf("yes/no %v", q.Counts)
		}
	}
	seen := 0
	cursor := ""
	for {
		resp = a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/responses", p, "limit=4&cursor="+cursor, "")
		var page struct {
			Items      []map[string]any
			NextCursor string
		}
		if err := json.Unmarshal([]byte(resp.Body), &page); err != nil || resp.StatusCode != 200 {
			t.Fatalf("page: %d %s", resp.StatusCode, resp.Body)
		}
		seen += len(page.Items)
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
	}
	if seen != len(tricky) {
		t.Fatalf("pages held %d responses", seen)
	}
}

func TestRegistrationsExport(t *testing.T) {
	a := testenv.NewFunctions(t)
	m := seed.DemoMeeting(time.Now())
	m.Capacity = 2
	_ = a.Store.PutMeeting(context.Background(), m)
	p := map[string]string{"meetingId": seed.MeetingID}
	for i, name := range []string{"Ayşe Yılmaz", "=cmd|' /C calc'!A0", "علي حسن"} {
		resp := a.Do(t, a.Meeting, testenv.Request{Method: "POST", Path: "/meetings/{meetingId}/registrations", Params: p, Body: testenv.RegistrationBody(name, fmt.Sprintf("r%d@x.example", i))})
		if resp.StatusCode != 201 {
			t.Fatal(resp.Body)
		}
	}
	resp := a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/registrations.csv", p, "", "")
	rows := testenv.ReadCSV(t, resp.Body, ';')
	if len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	name, status, pos, diet, interp := testenv.Column(rows, "name"), testenv.Column(rows, "status"), testenv.Column(rows, "waitlistPosition"), testenv.Column(rows, "needs.dietary"), testenv.Column(rows, "needs.interpretation")
	if name < 0 || status < 0 || pos < 0 || diet < 0 || interp < 0 || testenv.Column(rows, "needs.accessibility") < 0 {
		t.Fatalf("header %v", rows[0])
	}
	byName := map[string][]string{}
	for _, r := range rows[1:] {
		byName[r[name]] = r
	}
	if r := byName["Ayşe Yılmaz"]; r == nil || r[status] != "bestätigt" || r[diet] != "halal" || r[interp] != "ar" {
		t.Fatalf("row %v", r)
	}
	// The consent's notice version is exported with each registration.
	if notice := testenv.Column(rows, "consent.notice"); notice < 0 || byName["Ayşe Yılmaz"][notice] != seed.NoticeVersion {
		t.Fatalf("notice version column %d in %v", notice, rows[0])
	}
	if r := byName["علي حسن"]; r == nil || r[status] != "auf der Warteliste" || r[pos] != "1" {
		t.Fatalf("waitlisted row %v", r)
	}
	if byName["'=cmd|' /C calc'!A0"] == nil {
		t.Fatalf("formula not neutralised: %v", byName)
	}
}

var linkRE = regexp.MustCompile(`https?://[^\s]+invitation=([A-Za-z0-9_.%-]+)`)

// deliverOutbox hands every pending outbox item to the mailer, sending
// through the local SES, as the stream would.
func deliverOutbox(t *testing.T, a *testenv.Functions) {
	t.Helper()
	if resp := a.Deliver(t, sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), ""), mailer.Config{}); len(resp.BatchItemFailures) > 0 {
		t.Fatalf("mailer: %+v", resp)
	}
}
