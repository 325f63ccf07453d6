package console_test

import (
	"bytes"
	"fmt"
	"html"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web/console"
)

// listWithBlankLines is a CSV list of n addresses, each followed by the
// empty rows Excel writes (";;") and truly empty lines.
func listWithBlankLines(n int, domain string) string {
	var b strings.Builder
	b.WriteString("organisation;email;language\r\n;;\r\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "Verein %d;v%d@%s;de\r\n;;\r\n\r\n ; ; \r\n", i, i, domain)
	}
	return b.String()
}

// consoleUpload posts a file to the console's invitation upload of the
// demo survey as a signed-in coordinator's browser does.
// A stamp, if given, is the rendered form's.
func consoleUpload(t *testing.T, a *testenv.Functions, s *testenv.Sessions, h app.Handler, name string, file []byte, stamp ...string) testenv.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	tok := s.TokenFor("demo")
	_ = mw.WriteField("csrf", s.CSRF(tok))
	for _, st := range stamp {
		_ = mw.WriteField("form.stamp", st)
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(file)
	_ = mw.Close()
	return testenv.Request{Method: "POST", Path: "/console/surveys/{surveyId}/invitations", Params: map[string]string{"surveyId": seed.SurveyID},
		Body: body.String(), ContentType: mw.FormDataContentType(), Cookies: []string{console.SessionCookie + "=" + tok}}
}

// TestSameUploadFormWithAnotherFileInvitesThatFile: the upload form is
// repeat-safe, and the file is part of what was sent: sent again with the
// same file it replays the first result, with another file (the form
// kept, another list picked) that list is invited.
func TestSameUploadFormWithAnotherFileInvitesThatFile(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	stamp := testenv.Stamp("/console/surveys/" + seed.SurveyID + "/invitations")
	listA := []byte("organisation;email\r\nVerein A;a1@a.example\r\nVerein B;a2@a.example\r\n")
	listB := []byte("organisation;email\r\nVerein C;b1@b.example\r\n")
	first := a.Do(t, h, consoleUpload(t, a, s, h, "liste.csv", listA, stamp))
	again := a.Do(t, h, consoleUpload(t, a, s, h, "liste.csv", listA, stamp))
	if first.StatusCode != 303 || again.StatusCode != 303 || first.Headers["location"] != again.Headers["location"] ||
		!strings.Contains(first.Headers["location"], "invited=2") {
		t.Fatalf("list A twice: %d %q, %d %q; want the same redirect with invited=2", first.StatusCode, first.Headers["location"], again.StatusCode, again.Headers["location"])
	}
	other := a.Do(t, h, consoleUpload(t, a, s, h, "liste.csv", listB, stamp))
	if other.StatusCode != 303 || !strings.Contains(other.Headers["location"], "invited=1") {
		t.Fatalf("list B with the same form: %d %q, want 303 with invited=1", other.StatusCode, other.Headers["location"])
	}
}

// TestUploadSkipsBlankLinesAndRefusesOverLimit: blank lines in a list
// neither count towards the limit nor cut it short; a list over the limit
// is refused whole, the limit named, through the admin API and the console.
func TestUploadSkipsBlankLinesAndRefusesOverLimit(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	p := map[string]string{"surveyId": seed.SurveyID}
	path := "/admin/surveys/{surveyId}/invitations"

	resp := a.Do(t, a.Admin, testenv.Request{Method: "POST", Path: path, Params: p, Body: listWithBlankLines(1000, "api.example"), ContentType: "text/csv", Claims: testenv.Claims("demo")})
	if resp.StatusCode != 201 || !strings.Contains(resp.Body, `"invited":1000`) {
		t.Fatalf("API: 1,000 addresses with blank lines: %d %.300s, want 201 and 1000 invited", resp.StatusCode, resp.Body)
	}
	resp = a.Do(t, h, consoleUpload(t, a, s, h, "liste.csv", []byte(listWithBlankLines(1000, "console.example"))))
	if resp.StatusCode != 303 || !strings.Contains(resp.Headers["location"], "invited=1000") {
		t.Fatalf("console: 1,000 addresses with blank lines: %d %v, want 303 with invited=1000", resp.StatusCode, resp.Headers["location"])
	}

	before := a.Count(t)
	over := listWithBlankLines(2001, "over.example")
	resp = a.Do(t, a.Admin, testenv.Request{Method: "POST", Path: path, Params: p, Body: over, ContentType: "text/csv", Claims: testenv.Claims("demo")})
	if resp.StatusCode != 422 || !strings.Contains(resp.Body, "2000") {
		t.Errorf("API: 2,001 addresses: %d %.300s, want 422 naming 2000", resp.StatusCode, resp.Body)
	}
	resp = a.Do(t, h, consoleUpload(t, a, s, h, "liste.csv", []byte(over)))
	if resp.StatusCode != 422 || !strings.Contains(resp.Body, "2000") {
		t.Errorf("console: 2,001 addresses: %d, want 422 naming 2000", resp.StatusCode)
	}
	if after := a.Count(t); after != before {
		t.Errorf("refused lists wrote %d items", after-before)
	}
}

// windows1252 is a list as German Excel saves "CSV (Trennzeichen-getrennt)":
// Windows-1252, ';', CRLF (ä=E4, ö=F6, ü=FC, ß=DF, Ü=DC).
var windows1252 = []byte("Organisation;E-Mail;Sprache\r\n" +
	"Kulturbr\xfccke Gro\xdfstadt e.V.;bruecke@cp1252.example;de\r\n" +
	"\xdcbersetzerinnen f\xfcr \xe4ltere M\xf6nche;moenche@cp1252.example;\r\n")

// TestUploadReadsGermanExcelCSV: a list in Windows-1252 is read as such,
// umlauts and ß intact, and the console says which encoding it read.
func TestUploadReadsGermanExcelCSV(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	resp := a.Do(t, a.Admin, testenv.Request{Method: "POST", Path: "/admin/meetings/{meetingId}/invitations", Params: map[string]string{"meetingId": seed.MeetingID},
		Body: string(windows1252), ContentType: "text/csv", Claims: testenv.Claims("demo")})
	if resp.StatusCode != 201 || !strings.Contains(resp.Body, `"invited":2`) || !strings.Contains(resp.Body, `"encoding":"windows-1252"`) {
		t.Fatalf("API: Windows-1252 list: %d %.300s", resp.StatusCode, resp.Body)
	}
	resp = a.Do(t, h, consoleUpload(t, a, s, h, "liste.csv", windows1252))
	if resp.StatusCode != 303 || !strings.Contains(resp.Headers["location"], "invited=2") {
		t.Fatalf("console: Windows-1252 list: %d %v %.500s", resp.StatusCode, resp.Headers["location"], resp.Body)
	}
	orgs := map[string]bool{}
	for _, it := range a.Items(t)["invitation"] {
		orgs[fmt.Sprint(it["organisation"])] = true
	}
	for _, want := range []string{"Kulturbrücke Großstadt e.V.", "Übersetzerinnen für ältere Mönche"} {
		if !orgs[want] {
			t.Errorf("no invitation of %q in %v", want, orgs)
		}
	}
	_, query, _ := strings.Cut(resp.Headers["location"], "?")
	query, _, _ = strings.Cut(query, "#")
	page := a.Do(t, h, testenv.Request{Method: "GET", Path: "/console/surveys/{surveyId}", Params: map[string]string{"surveyId": seed.SurveyID}, Query: query,
		Cookies: []string{console.SessionCookie + "=" + s.TokenFor("demo")}})
	if page.StatusCode != 200 || !strings.Contains(page.Body, "Windows-1252") || !strings.Contains(page.Body, "Übersetzerinnen für ältere Mönche") {
		t.Errorf("the page after the upload does not say Windows-1252 or lacks the umlauts: %d", page.StatusCode)
	}
	// UTF-8 is said as well.
	resp = a.Do(t, h, consoleUpload(t, a, s, h, "liste.csv", []byte("\ufefforganisation;email\r\nKulturbrücke;k@utf8.example\r\n")))
	if loc := resp.Headers["location"]; resp.StatusCode != 303 || !strings.Contains(loc, "encoding=utf-8") {
		t.Errorf("console: UTF-8 list: %d %v", resp.StatusCode, loc)
	}
	// Bytes that are neither (a binary file) are refused with advice, nothing written.
	before := a.Count(t)
	resp = a.Do(t, h, consoleUpload(t, a, s, h, "liste.csv", []byte("organisation;email\r\nA\x00\x01\x81;a@x.example\r\n")))
	if resp.StatusCode != 422 || !strings.Contains(resp.Body, "CSV UTF-8") {
		t.Errorf("console: binary bytes: %d, want 422 with advice", resp.StatusCode)
	}
	if after := a.Count(t); after != before {
		t.Errorf("a refused list wrote %d items", after-before)
	}
}

// TestUploadUnderstandsLanguageNames: a list may name languages by code
// or by name, in German, English or the language itself ("Türkisch",
// "Turkish", "Türkçe", "ua", "русский"…), and its columns in the
// coordinator's language; a bad language or address is shown with the
// bad value and what is allowed, a header without the columns with their
// names in the page's language; nothing is written then.
func TestUploadUnderstandsLanguageNames(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	names := map[string]string{"Deutsch": "de", "Türkisch": "tr", "Turkish": "tr", "ua": "uk", "Arabisch": "ar", "русский": "ru",
		"українська": "uk", "فارسی": "fa", "TR": "tr", "en-GB": "en", "Farsi": "fa", "Englisch": "en", "Türkçe": "tr", "العربية": "ar"}
	var b strings.Builder
	b.WriteString("Organisation;E-Mail;Sprache\r\n")
	i := 0
	want := map[string]string{}
	for name, code := range names {
		addr := fmt.Sprintf("v%d@names.example", i)
		fmt.Fprintf(&b, "Verein %d;%s;%s\r\n", i, addr, name)
		want[addr] = code
		i++
	}
	resp := a.Do(t, h, consoleUpload(t, a, s, h, "liste.csv", []byte(b.String())))
	if resp.StatusCode != 303 || !strings.Contains(resp.Headers["location"], fmt.Sprintf("invited=%d", len(names))) {
		t.Fatalf("language names: %d %q %.2000s", resp.StatusCode, resp.Headers["location"], resp.Body)
	}
	for _, it := range a.Items(t)["invitation"] {
		if w, ok := want[fmt.Sprint(it["email"])]; ok && it["language"] != w {
			t.Errorf("%s: language %v, want %s", it["email"], it["language"], w)
		}
	}
	// Column names in Turkish, Russian, Arabic.
	for n, header := range []string{"Kuruluş;E-posta;Dil", "Организация;Электронная почта;Язык", "المنظمة;البريد الإلكتروني;اللغة"} {
		list := fmt.Sprintf("%s\r\nVerein;h%d@columns.example;tr\r\n", header, n)
		if resp := a.Do(t, h, consoleUpload(t, a, s, h, "liste.csv", []byte(list))); resp.StatusCode != 303 || !strings.Contains(resp.Headers["location"], "invited=1") {
			t.Errorf("header %q: %d %q", header, resp.StatusCode, resp.Headers["location"])
		}
	}

	// Bad values are shown with what is allowed; nothing written.
	bad := consoleUpload(t, a, s, h, "liste.csv", []byte("organisation;email;language\r\nVerein A;a@bad.example;Klingonisch\r\nVerein B;kein-at-zeichen;de\r\n"))
	before := a.Count(t)
	resp = a.Do(t, h, bad)
	body := html.UnescapeString(resp.Body)
	for _, w := range []string{"Zeile 2", "„Klingonisch“", "de, en, tr, ar, fa, ru, uk", "Türkisch", "Zeile 3", "„kein-at-zeichen“"} {
		if !strings.Contains(body, w) {
			t.Errorf("bad values: the page does not say %q", w)
		}
	}
	if resp.StatusCode != 422 {
		t.Errorf("bad values: %d, want 422", resp.StatusCode)
	}
	// A header without the columns, on the Arabic page: their names in Arabic, and what the header has.
	noCols := consoleUpload(t, a, s, h, "liste.csv", []byte("Name;Adresse\r\nVerein;x@cols.example\r\n"))
	noCols.Query = "lang=ar"
	resp = a.Do(t, h, noCols)
	body = html.UnescapeString(resp.Body)
	if resp.StatusCode != 422 || !strings.Contains(body, "«المنظمة»") || !strings.Contains(body, "„Name“, „Adresse“") {
		t.Errorf("header without the columns: %d %.300s", resp.StatusCode, body[strings.Index(body, "error-summary"):])
	}
	if after := a.Count(t); after != before {
		t.Errorf("refused lists wrote %d items", after-before)
	}
}
