package adminapi_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

var twoTopics = []meeting.Topic{
	{Code: "rooms", Label: i18n.Text{"de": "Räume für Vereine", "ar": "قاعات للجمعيات", "uk": "Приміщення"}},
	{Code: "youth_work", Label: i18n.Text{"de": "Jugendarbeit: Straße & Schule"}},
}

// TestMeetingTopicsRoundTrip: POST and PUT /admin/meetings take a
// meeting's topics and GET returns them as given; bad topics are a 422
// naming the field, in the caller's language, and nothing is stored.
func TestMeetingTopicsRoundTrip(t *testing.T) {
	a := testenv.NewFunctions(t)
	set := seed.DemoMeeting(time.Now()).Settings
	set.ID, set.Topics = "", twoTopics
	body, _ := json.Marshal(set)
	created := a.AdminCall(t, "demo", "POST", "/admin/meetings", nil, "", string(body))
	var got struct {
		ID     string
		Topics []meeting.Topic
	}
	if err := json.Unmarshal([]byte(created.Body), &got); err != nil || created.StatusCode != 201 || fmt.Sprint(got.Topics) != fmt.Sprint(twoTopics) {
		t.Fatalf("create: %d %s", created.StatusCode, created.Body)
	}
	p := map[string]string{"meetingId": got.ID}
	read := a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}", p, "", "")
	if !strings.Contains(read.Body, `"topics":[{"code":"rooms","label":{"ar":"قاعات للجمعيات","de":"Räume für Vereine","uk":"Приміщення"}},{"code":"youth_work","label":{"de":"Jugendarbeit: Straße \u0026 Schule"}}]`) {
		t.Errorf("read: %s", read.Body)
	}
	set.Topics = twoTopics[1:]
	body, _ = json.Marshal(set)
	if r := a.AdminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", p, "", string(body)); r.StatusCode != 200 || strings.Contains(r.Body, "rooms") ||
		!strings.Contains(r.Body, `"code":"youth_work"`) {
		t.Errorf("update: %d %s", r.StatusCode, r.Body)
	}

	before := a.Items(t)
	many := make([]meeting.Topic, 13)
	for i := range many {
		many[i] = meeting.Topic{Code: fmt.Sprint("t", i), Label: i18n.Text{"de": "Thema"}}
	}
	for _, bad := range []struct {
		name   string
		topics []meeting.Topic
		field  string
	}{
		{"upper case code", []meeting.Topic{{Code: "Rooms", Label: i18n.Text{"de": "Räume"}}}, "topics[0].code"},
		{"code twice", []meeting.Topic{twoTopics[0], twoTopics[0]}, "topics[1].code"},
		{"no German", []meeting.Topic{{Code: "rooms", Label: i18n.Text{"en": "Rooms"}}}, "topics[0].label.de"},
		{"a link", []meeting.Topic{{Code: "rooms", Label: i18n.Text{"de": "Räume", "tr": "bkz. www.example.org"}}}, "topics[0].label.tr"},
		{"too long", []meeting.Topic{{Code: "rooms", Label: i18n.Text{"de": strings.Repeat("ä", 121)}}}, "topics[0].label.de"},
		{"thirteen", many, "topics"},
	} {
		set.Topics = bad.topics
		body, _ = json.Marshal(set)
		for _, method := range []string{"POST", "PUT"} {
			r := testenv.Do(t, a.Admin, testenv.Request{Method: method, Path: map[string]string{"POST": "/admin/meetings", "PUT": "/admin/meetings/{meetingId}"}[method],
				Params: p, Body: string(body), Claims: testenv.Claims("demo"), Headers: map[string]string{"accept-language": "ru"}})
			var e testenv.ErrorBody
			_ = json.Unmarshal([]byte(r.Body), &e)
			found := false
			for _, f := range e.Error.Fields {
				found = found || f.Field == bad.field && !strings.Contains(f.Message, "def_") && f.Message != ""
			}
			if r.StatusCode != 422 || !found {
				t.Errorf("%s, %s: %d %s", bad.name, method, r.StatusCode, r.Body)
			}
		}
	}
	if after := a.Items(t); len(after["meeting"]) != len(before["meeting"]) || fmt.Sprint(after["meeting"]) != fmt.Sprint(before["meeting"]) {
		t.Error("refused topics changed the meetings")
	}
}

// TestRegistrationsExportTopics: the export has a topics column: the
// chosen topics' labels in the export's language (German where a label
// lacks it) in words, their codes otherwise; umlauts, "&" and Arabic as
// written, in CSV and XLSX.
func TestRegistrationsExportTopics(t *testing.T) {
	a := testenv.NewFunctions(t)
	m := seed.DemoMeeting(time.Now())
	m.Topics = twoTopics
	if err := a.Store.PutMeeting(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	p := map[string]string{"meetingId": seed.MeetingID}
	for i, topics := range []string{`["rooms","youth_work"]`, `[]`} {
		body := strings.Replace(testenv.RegistrationBody(fmt.Sprint("Person ", i), fmt.Sprintf("t%d@x.example", i)), `"name"`, `"topics":`+topics+`,"name"`, 1)
		if r := a.Do(t, a.Meeting, testenv.Request{Method: "POST", Path: "/meetings/{meetingId}/registrations", Params: p, Body: body}); r.StatusCode != 201 {
			t.Fatal(r.Body)
		}
	}
	get := func(path, query string) string {
		t.Helper()
		r := a.AdminCall(t, "demo", "GET", path, p, query, "")
		if r.StatusCode != 200 {
			t.Fatalf("%s?%s: %d %s", path, query, r.StatusCode, r.Body)
		}
		if r.IsBase64Encoded {
			raw, _ := base64.StdEncoding.DecodeString(r.Body)
			return string(raw)
		}
		return r.Body
	}
	topicsOf := func(rows [][]string, name string) string {
		t.Helper()
		col, nc := testenv.Column(rows, "topics"), testenv.Column(rows, "name")
		if col < 0 {
			col, nc = testenv.Column(rows, "Themen"), testenv.Column(rows, "Name")
		}
		for _, r := range rows[1:] {
			if nc >= 0 && col >= 0 && r[nc] == name {
				return r[col]
			}
		}
		t.Fatalf("no row of %s with a topics column: %v", name, rows[0])
		return ""
	}
	for _, c := range []struct{ query, want string }{
		{"lang=de", "Räume für Vereine; Jugendarbeit: Straße & Schule"},
		{"lang=ar", "قاعات للجمعيات; Jugendarbeit: Straße & Schule"},
		{"lang=uk", "Приміщення; Jugendarbeit: Straße & Schule"},
		{"values=codes", "rooms; youth_work"},
	} {
		rows := testenv.ReadCSV(t, get("/admin/meetings/{meetingId}/registrations.csv", c.query), ';')
		if got := topicsOf(rows, "Person 0"); got != c.want {
			t.Errorf("CSV %s: %q, want %q", c.query, got, c.want)
		}
		if got := topicsOf(rows, "Person 1"); got != "" {
			t.Errorf("CSV %s, no topics chosen: %q", c.query, got)
		}
	}
	rows := testenv.ReadCSV(t, get("/admin/meetings/{meetingId}/registrations.csv", "dialect=rfc4180"), ',')
	if got := topicsOf(rows, "Person 0"); got != "rooms; youth_work" {
		t.Errorf("RFC 4180 CSV: %q", got)
	}
	book, err := excelize.OpenReader(bytes.NewReader([]byte(get("/admin/meetings/{meetingId}/registrations.xlsx", "lang=ar"))))
	if err != nil {
		t.Fatal(err)
	}
	sheets := book.GetSheetList()
	words, _ := book.GetRows(sheets[0])
	codes, _ := book.GetRows(sheets[1])
	if got := topicsOf(words, "Person 0"); got != "قاعات للجمعيات; Jugendarbeit: Straße & Schule" {
		t.Errorf("XLSX words: %q", got)
	}
	if got := topicsOf(codes, "Person 0"); got != "rooms; youth_work" {
		t.Errorf("XLSX codes: %q", got)
	}
}
