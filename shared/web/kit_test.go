package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io/fs"
	"mime/multipart"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"
	"text/template/parse"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	template "github.com/integration-offices/netzwerk-backend/third_party/htmltemplate"
)

// post is a form POST from our own page.
func post(contentType, body string, base64Encoded bool) *Request {
	return &Request{Headers: map[string]string{"content-type": contentType, "host": "netzwerk.example",
		"origin": "https://netzwerk.example"}, Body: body, IsBase64Encoded: base64Encoded}
}

// multipartBody is a multipart form with a field and a file.
func multipartBody(t *testing.T, field, file string, content []byte) (string, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if err := w.WriteField("csrf", field); err != nil {
		t.Fatal(err)
	}
	fw, err := w.CreateFormFile("file", file)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(content)
	_ = w.Close()
	return w.FormDataContentType(), base64.StdEncoding.EncodeToString(b.Bytes())
}

// The reader takes what our forms send and answers everything else with
// the JSON API's errors: 415 for another type, 403 from another site, 413
// over the limit, 400 for a body that is no form or no UTF-8.
func TestReadFormAndUpload(t *testing.T) {
	ct, body := multipartBody(t, "tok", "../../liste.csv", []byte("name;email\n\xff"))
	badCT, badBody := multipartBody(t, "\xff", "liste.csv", []byte("x"))
	var two bytes.Buffer
	mw := multipart.NewWriter(&two)
	for _, name := range []string{"a.csv", "b.csv"} {
		fw, _ := mw.CreateFormFile("file", name)
		_, _ = fw.Write([]byte("name;email\n"))
	}
	_ = mw.Close()
	twoFiles := post(mw.FormDataContentType(), base64.StdEncoding.EncodeToString(two.Bytes()), true)
	big := "a=" + strings.Repeat("x", httpapi.MaxBody)
	long := url.Values{}
	for _, kind := range []string{"invitation", "reminder"} {
		for _, l := range []string{"de", "en", "tr", "ar", "fa", "ru", "uk"} {
			long.Set(kind+"."+l, strings.Repeat("ع", 5000))
		}
	}
	longTexts := long.Encode()
	crossSite := post("application/x-www-form-urlencoded", "a=1", false)
	crossSite.Headers["origin"] = "https://evil.example"
	for _, c := range []struct {
		what   string
		req    *Request
		upload bool
		code   apperr.Code
		check  func(*Form) bool
	}{
		{"url-encoded", post("application/x-www-form-urlencoded; charset=UTF-8", "name=Ay%C5%9Fe&needs.dietary=vegan&x=1&x=2", false), false, "",
			func(f *Form) bool {
				return f.Get("name") == "Ayşe" && f.Get("needs.dietary") == "vegan" && slices.Equal(f.Values["x"], []string{"1", "2"})
			}},
		{"multipart with a file", post(ct, body, true), true, "",
			func(f *Form) bool {
				return f.Get("csrf") == "tok" && f.FileName == "liste.csv" && bytes.HasSuffix(f.File, []byte{0xff})
			}},
		{"multipart where only url-encoded is taken", post(ct, body, true), false, apperr.UnsupportedMediaType, nil},
		{"JSON", post("application/json", `{"a":1}`, false), false, apperr.UnsupportedMediaType, nil},
		{"no content type", post("", "a=1", false), true, apperr.UnsupportedMediaType, nil},
		{"from another site", crossSite, false, apperr.Forbidden, nil},
		{"over the limit", post("application/x-www-form-urlencoded", big, false), false, apperr.TooLarge, nil},
		// The console's forms: a text per language (the mail texts: 14 of
		// up to 5,000 characters), Arabic six bytes a letter url-encoded.
		{"a console form of long Arabic texts", post("application/x-www-form-urlencoded", longTexts, false), true, "",
			func(f *Form) bool { return len([]rune(f.Get("invitation.ar"))) == 5000 && len(f.Values) == 14 }},
		{"a console form over its limit", post("application/x-www-form-urlencoded", "a="+strings.Repeat("x", httpapi.MaxUploadBody), false), true, apperr.TooLarge, nil},
		{"invalid UTF-8", post("application/x-www-form-urlencoded", "name=\xff", false), false, apperr.BadRequest, nil},
		{"invalid UTF-8 in a multipart field", post(badCT, badBody, true), true, apperr.BadRequest, nil},
		{"two files where the form has one", twoFiles, true, apperr.BadRequest, nil},
		{"bad escape", post("application/x-www-form-urlencoded", "name=%zz", false), false, apperr.BadRequest, nil},
	} {
		read := ReadForm
		if c.upload {
			read = ReadUpload
		}
		f, err := read(c.req, "de")
		if c.code != "" {
			if apperr.CodeOf(err) != c.code {
				t.Errorf("%s: %v, want %s", c.what, err, c.code)
			}
			continue
		}
		if err != nil || f.Lang != "de" || !c.check(f) {
			t.Errorf("%s: %v %+v", c.what, err, f)
		}
	}
}

// Each getter reads its field, empty is no error, and what it cannot
// read is its field's error in the page's language.
func TestGetters(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	f := NewForm("en", url.Values{
		"name": {"  Ayşe  "}, "text": {" a\r\nb \r\n"}, "yes": {"true"}, "no": {"on"},
		"lines": {"a\n\n b \r\nc"}, "int": {"42"}, "badint": {"4x"}, "ints": {"7, 14;21 28"}, "badints": {"7, x"},
		"comma": {"3,5"}, "point": {"3.5"}, "grouped": {"1.234,5"}, "exp": {"1e3"}, "word": {"drei"},
		// The last Sunday of March 2026: 02:30 does not exist in Berlin, the
		// clocks go from 2:00 to 3:00; 01:30 is CET, 03:30 CEST.
		"before": {"2026-03-29T01:30"}, "after": {"2026-03-29T03:30"}, "badtime": {"29.03.2026 03:30"},
		"day": {"2026-10-25"}, "badday": {"25.10.2026"},
		"title.de": {"Treffen"}, "title.ar": {" لقاء "}, "title.en": {""}, "title.xx": {"nope"},
	})
	f.Messages = Messages{Number: "console.bad_number", Time: "console.bad_time"}
	if got := f.Text("name"); got != "Ayşe" {
		t.Errorf("Text: %q", got)
	}
	if got := f.Multiline("text"); got != "a\nb" {
		t.Errorf("Multiline: %q", got)
	}
	if !f.Bool("yes") || f.Bool("no") || f.Bool("missing") {
		t.Error("Bool: only value true is checked")
	}
	if got := f.Lines("lines"); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("Lines: %q", got)
	}
	if f.Int("int") != 42 || f.Int("missing") != 0 || f.Err("missing") != "" {
		t.Error("Int")
	}
	if got := f.Ints("ints"); !slices.Equal(got, []int{7, 14, 21, 28}) {
		t.Errorf("Ints: %v", got)
	}
	for name, want := range map[string]float64{"comma": 3.5, "point": 3.5, "grouped": 1234.5} {
		if got := f.Decimal(name); got == nil || *got != want {
			t.Errorf("Decimal(%s): %v, want %v", name, got, want)
		}
	}
	if f.Decimal("missing") != nil {
		t.Error("Decimal: empty is nil")
	}
	before, after := f.Time("before", berlin), f.Time("after", berlin)
	if _, off := before.Zone(); off != 3600 {
		t.Errorf("01:30 on the day of the change: offset %d, want CET", off)
	}
	if _, off := after.Zone(); off != 7200 {
		t.Errorf("03:30 on the day of the change: offset %d, want CEST", off)
	}
	if d := after.Sub(before); d != time.Hour {
		t.Errorf("01:30 to 03:30 across the change: %v, want 1h", d)
	}
	if d := f.Date("day", berlin); d.Format(time.RFC3339) != "2026-10-25T00:00:00+02:00" {
		t.Errorf("Date: %v", d)
	}
	if !f.Time("missing", berlin).IsZero() {
		t.Error("Time: empty is zero")
	}
	if f.Failed() {
		t.Fatalf("valid values failed: %v", f.errs)
	}
	got := f.Texts("title")
	if len(got) != 2 || got["de"] != "Treffen" || got["ar"] != "لقاء" {
		t.Errorf("Texts: %v", got)
	}
	if f.Texts("missing") != nil {
		t.Error("Texts: none is nil")
	}
	f.Int("badint")
	f.Ints("badints")
	f.Decimal("exp")
	f.Decimal("word")
	f.Time("badtime", berlin)
	f.Date("badday", berlin)
	number, clock := i18n.T("en", "console.bad_number"), i18n.T("en", "console.bad_time")
	for field, want := range map[string]string{"badint": number, "badints": number, "exp": number, "word": number, "badtime": clock, "badday": clock} {
		if got := f.Err(field); got != want || got == "" {
			t.Errorf("%s: error %q, want %q", field, got, want)
		}
	}
	// A field keeps its first error.
	f.Fail("badint", "second")
	if f.Err("badint") != number {
		t.Error("Fail replaced the first error")
	}
}

// One rule from a validation path to the field that shows its error and
// to that field's element.
func TestFieldOfAndFieldID(t *testing.T) {
	console := []string{"title.de", "startsAt", "location.name", "location.address", "remindAfterDays"}
	public := []string{"name", "email", "needs.accessibility", "consent.privacy"}
	survey := []string{"answers.org_name", "answers.topics", "consent.privacy"}
	for _, c := range []struct {
		path   string
		fields []string
		field  string
		id     string
	}{
		{"title.de", console, "title.de", "title-de"},
		{"title.en", console, "title.de", "title-de"},
		{"title", console, "title.de", "title-de"},
		{"location", console, "location.name", "location-name"},
		{"remindAfterDays[1]", console, "remindAfterDays", "remindAfterDays"},
		{"questions[2].label.de", nil, "questions[2].label.de", "questions-2-label-de"},
		{"needs.accessibility", public, "needs.accessibility", "needs-accessibility"},
		{"language", public, "name", "name"},
		{"answers.org_name", survey, "answers.org_name", "q-org_name"},
		{"answers.topics[0]", survey, "answers.topics", "q-topics"},
		{"consent.privacy", survey, "consent.privacy", "consent-privacy"},
	} {
		field := FieldOf(c.path, c.fields)
		if field != c.field {
			t.Errorf("FieldOf(%q) = %q, want %q", c.path, field, c.field)
		}
		if id := FieldID(field); id != c.id {
			t.Errorf("FieldID(%q) = %q, want %q", field, id, c.id)
		}
	}
}

// The summary lists errors as the fields stand on the page, whatever the
// order they were found in; an anchor links a group to its first control
// and the form as a whole to main; a field the page does not list comes
// last.
func TestSummaryInPageOrder(t *testing.T) {
	f := NewForm("de", nil)
	fields := []string{"answers.org_name", "answers.members", "answers.founded", "consent.privacy"}
	f.Fail("consent.privacy", "consent")
	f.Fail("zzz", "other")
	f.Fail("answers.founded", "founded")
	f.Fail("main", "try again")
	f.Fail("answers.org_name", "name")
	err := apperr.Validation([]apperr.FieldError{{Field: "answers.members", Message: "members"}, {Field: "answers.org_name", Message: "later"}})
	if !f.Merge(err, fields) || f.Merge(errors.New("other"), fields) {
		t.Fatal("Merge: a validation error is merged, another is not")
	}
	got := f.Summary(fields, map[string]string{"main": "main"})
	want := []FieldError{{"q-org_name", "name"}, {"q-members", "members"}, {"q-founded", "founded"}, {"consent-privacy", "consent"},
		{"main", "try again"}, {"q-org_name", "other"}}
	if !slices.Equal(got, want) {
		t.Errorf("Summary:\n got %v\nwant %v", got, want)
	}
}

// The input partial writes each control with its label, hint and error
// tied to it, every value escaped.
func TestInputPartial(t *testing.T) {
	hostile := `"><script>alert(1)</script>`
	f := NewForm("de", url.Values{"q1": {hostile}, "c": {"b"}, "ok": {"true"}})
	f.Fail("q1", "falsch")
	render := func(in Input) string {
		var b bytes.Buffer
		tt, err := pages.page("survey.html") // the layout's partials come with every page
		if err != nil {
			t.Fatal(err)
		}
		if err := tt.ExecuteTemplate(&b, "input", f.Input(in)); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	text := render(Input{Name: "q1", Type: "text", Label: "Name", Hint: "wie im Register", Required: true})
	for _, want := range []string{`<label class="kern-label" for="q1">Name <span class="required-note">(`, `id="q1-hint"`, `id="q1-error"`,
		`aria-required="true"`, `aria-invalid="true"`, `aria-describedby="q1-hint q1-error"`, `kern-form-input__input--error`, `value="&#34;&gt;&lt;script&gt;`} {
		if !strings.Contains(text, want) {
			t.Errorf("text input lacks %s:\n%s", want, text)
		}
	}
	if strings.Contains(text, "<script>") || strings.Contains(text, " required") {
		t.Errorf("text input: unescaped or required on a novalidate form:\n%s", text)
	}
	group := render(Input{Name: "c", ID: "q-c", Type: "radio", Label: "Wahl", Options: []Option{{Code: "a", Label: "A"}, {Code: "b", Label: "B", Lang: "de"}}})
	for _, want := range []string{`<fieldset class="kern-fieldset">`, `<legend class="kern-label">Wahl</legend>`, `class="kern-form-check__radio" type="radio" id="q-c" name="c" value="a">`,
		`id="q-c-1" name="c" value="b" checked>`, `<label class="kern-label" for="q-c-1" lang="de" dir="ltr">B</label>`} {
		if !strings.Contains(group, want) {
			t.Errorf("radio group lacks %s:\n%s", want, group)
		}
	}
	check := render(Input{Name: "ok", Type: "checkbox", Label: "Einverstanden", Required: true})
	if !strings.Contains(check, `type="checkbox" id="ok" name="ok" value="true" checked aria-required="true">`) {
		t.Errorf("checkbox:\n%s", check)
	}
	file := render(Input{Name: "file", Type: "file", Label: "Liste", Accept: ".csv", Required: true})
	if !strings.Contains(file, `type="file" id="file" name="file" accept=".csv" required>`) || strings.Contains(file, "value=") {
		t.Errorf("file input:\n%s", file)
	}
}

// TestPagesDefineEachTemplateOnce: the public pages are parsed each
// with only the files it needs (pageSet), which is the whole set's
// meaning only while no template is defined twice and every page and
// every template a page calls is found; each page's templates are those
// of the whole set that it reaches.
func TestPagesDefineEachTemplateOnce(t *testing.T) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	seen := map[string]string{}
	for _, f := range files {
		b, _ := fs.ReadFile(templateFS, f)
		for _, a := range actions(string(b)) {
			if a.verb == "define" || a.verb == "block" {
				if other, ok := seen[a.name]; ok {
					t.Errorf("%q is defined in %s and %s", a.name, other, f)
				}
				seen[a.name] = f
			}
		}
	}
	whole := template.Must(template.Must(template.New("pages").Funcs(setFuncs(nil)).ParseFS(templateFS, common...)).ParseFS(templateFS, "templates/*.html"))
	for _, f := range files {
		name := path.Base(f)
		got, err := pages.page(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, called := range reached(whole, name) {
			if got.Lookup(called) == nil {
				t.Errorf("%s calls %q, which its templates lack", name, called)
			}
		}
	}
	if _, err := pages.page("nonsense.html"); err == nil {
		t.Error("a page that is no file")
	}
	if _, err := pages.page("facts"); err == nil {
		t.Error("a partial rendered as a page")
	}
}

// reached are the templates that name calls in the whole set, directly
// or through others.
func reached(whole *template.Template, name string) []string {
	var out []string
	var walk func(n string)
	walk = func(n string) {
		if slices.Contains(out, n) {
			return
		}
		out = append(out, n)
		t := whole.Lookup(n)
		if t == nil || t.Tree == nil {
			return
		}
		var visit func(node parse.Node)
		visit = func(node parse.Node) {
			switch x := node.(type) {
			case *parse.ListNode:
				if x != nil {
					for _, c := range x.Nodes {
						visit(c)
					}
				}
			case *parse.TemplateNode:
				walk(x.Name)
			case *parse.IfNode:
				visit(x.List)
				visit(x.ElseList)
			case *parse.RangeNode:
				visit(x.List)
				visit(x.ElseList)
			case *parse.WithNode:
				visit(x.List)
				visit(x.ElseList)
			}
		}
		visit(t.Tree.Root)
	}
	walk(name)
	return out
}
