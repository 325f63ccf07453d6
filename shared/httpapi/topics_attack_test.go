package httpapi_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// TestForgedTopicsAreRefusedInTheCallersLanguageWithNothingStored: every
// malformed or forged "topics" of a JSON registration is a 4xx with the
// error JSON (in Arabic where it names the field) and nothing written, on
// a meeting with topics and on one without; forged form values likewise
// give the page again with nothing stored.
func TestForgedTopicsAreRefusedInTheCallersLanguageWithNothingStored(t *testing.T) {
	ok := testenv.RegistrationBody("Ada", "ada@verein.example")
	with := func(topics string) string { return strings.Replace(ok, `"name"`, `"topics":`+topics+`,"name"`, 1) }
	huge := `[` + strings.Repeat(`"rooms",`, 20000) + `"rooms"]`
	long := `["` + strings.Repeat("r", 100000) + `"]`
	cases := []struct {
		name, body string
		status     int
	}{
		{"nested arrays", with(`[["rooms"]]`), 400},
		{"a null in the list", with(`[null]`), 422},
		{"a bool", with(`true`), 400},
		{"a number", with(`7`), 400},
		{"huge array", with(huge), 0},
		{"very long code", with(long), 0},
		{"upper case", with(`["ROOMS"]`), 422},
		{"Cyrillic look-alike", with(`["rооms"]`), 422},
		{"fullwidth look-alike", with(`["ｒｏｏｍｓ"]`), 422},
		{"trailing space", with(`["rooms "]`), 422},
		{"NUL inside", with(`["rooms\u0000"]`), 422},
		{"escaped lone surrogate", with(`["\ud800"]`), 422},
		{"empty code", with(`[""]`), 422},
		{"another meeting's code", with(`["cooking"]`), 422},
		{"invalid UTF-8", with("[\"ro\xffoms\"]"), 400},
		{"the key twice", strings.Replace(ok, `"name"`, `"topics":["rooms"],"topics":["rooms"],"name"`, 1), 400},
		{"the key in capitals", strings.Replace(ok, `"name"`, `"TOPICS":["rooms"],"name"`, 1), 400},
		{"an escaped key", strings.Replace(ok, `"name"`, `"top\u0069cs":["cooking"],"name"`, 1), 0},
	}
	for _, m := range []struct {
		name string
		api  *meetingAPI
	}{{"with topics", newMeetingAPI(t, 40, withTopics)}, {"without topics", newMeetingAPI(t, 40)}} {
		before := m.api.Items(t)
		bodies := cases
		if m.name == "without topics" {
			bodies = append(bodies, struct {
				name, body string
				status     int
			}{"any code", with(`["rooms"]`), 422})
		}
		for _, c := range bodies {
			st, body := m.api.register(t, c.body, map[string]string{"accept-language": "ar"})
			var e testenv.ErrorBody
			if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Errorf("%s, %s: not the error JSON: %d %.300s", m.name, c.name, st, body)
			}
			if st < 400 || st > 499 || c.status != 0 && st != c.status {
				t.Errorf("%s, %s: %d %.300s", m.name, c.name, st, body)
			}
			if st == 422 && (len(e.Error.Fields) != 1 || !strings.Contains(e.Error.Fields[0].Message, "المواضيع")) {
				t.Errorf("%s, %s: not in Arabic: %.300s", m.name, c.name, body)
			}
		}
		after := m.api.Items(t)
		for _, typ := range []string{"registration", "outbox", "token", "email-lock"} {
			if len(after[typ]) != len(before[typ]) {
				t.Errorf("%s: refused registrations changed %s items: %d → %d", m.name, typ, len(before[typ]), len(after[typ]))
			}
		}
	}

	a := newMeetingAPI(t, 40, withTopics)
	p := map[string]string{"meetingId": seed.MeetingID}
	path := "/m/" + seed.MeetingID
	for _, forged := range [][]string{{"rooms", "rooms"}, {"ROOMS"}, {"rооms"}, {strings.Repeat("x", 5000)}, {""}, {"rooms", "youth_work", "x"}, {"rooms\x00"}} {
		form := url.Values{web.StampField: {testenv.Stamp(path)}, "name": {"Ayşe Yılmaz"}, "email": {"ayse@verein.example"},
			"consent.privacy": {"true"}, "topics": forged}
		resp := testenv.Page(t, a.handler, "POST", "/m/{meetingId}", path, p, "lang=ar", form, nil)
		if resp.StatusCode != 422 || !strings.Contains(resp.Body, `id="topics-error"`) || !strings.Contains(resp.Body, `lang="ar"`) {
			t.Errorf("form topics %.40q: %d %.300s", forged, resp.StatusCode, resp.Body)
		}
	}
	if n := len(a.Items(t)["registration"]); n != 0 {
		t.Errorf("forged form topics stored %d registrations", n)
	}
}

// TestFormWithPercentEncodedInvalidUTF8StoresNothing: a form field that
// decodes to no UTF-8 ("%FF", in any field) is a 400 invalid_utf8 like a
// raw one, and nothing is stored (it was stored with U+FFFD in its place).
func TestFormWithPercentEncodedInvalidUTF8StoresNothing(t *testing.T) {
	a := newMeetingAPI(t, 40, withTopics)
	p := map[string]string{"meetingId": seed.MeetingID}
	path := "/m/" + seed.MeetingID
	for _, f := range []string{"name", "organisation", "needs.dietary", "topics", "A\xc3"} {
		form := url.Values{web.StampField: {testenv.Stamp(path)}, "name": {"Ayşe"}, "email": {"ayse@verein.example"}, "consent.privacy": {"true"}}
		form.Add(f, "A\xc3")
		form.Add(f, "\xa9B") // two halves of "é": each no UTF-8
		if resp := testenv.Page(t, a.handler, "POST", "/m/{meetingId}", path, p, "lang=ar", form, nil); resp.StatusCode != 400 {
			t.Errorf("%q with invalid UTF-8: %d", f, resp.StatusCode)
		}
	}
	if n := len(a.Items(t)["registration"]); n != 0 {
		t.Errorf("%d registrations stored", n)
	}
}

// TestPageFromBeforeTheTopicsWereRemovedStillRegisters: a form posted
// with topics to a meeting that has none (a page from before the office
// removed them) registers without topics, instead of an error that
// points at a checkbox group the page no longer has; the JSON API still
// refuses them.
func TestPageFromBeforeTheTopicsWereRemovedStillRegisters(t *testing.T) {
	a := newMeetingAPI(t, 40)
	p := map[string]string{"meetingId": seed.MeetingID}
	path := "/m/" + seed.MeetingID
	form := url.Values{web.StampField: {testenv.Stamp(path)}, "name": {"Ayşe"}, "email": {"ayse@verein.example"}, "consent.privacy": {"true"}, "topics": {"rooms"}}
	resp := testenv.Page(t, a.handler, "POST", "/m/{meetingId}", path, p, "lang=de", form, nil)
	if resp.StatusCode != 303 {
		t.Fatalf("stale page with a topic: %d, error link to #topics %v", resp.StatusCode, strings.Contains(resp.Body, `href="#topics"`))
	}
	if got := storedTopics(t, a); got != nil {
		t.Errorf("stored topics %v", got)
	}
	if st, _ := a.register(t, strings.Replace(testenv.RegistrationBody("Ada", "ada@verein.example"), `"name"`, `"topics":["rooms"],"name"`, 1), nil); st != 422 {
		t.Errorf("JSON with a topic to a meeting without: %d", st)
	}
}
