package httpapi_test

// Every question type of the table walks the whole way: the survey page
// renders its control, a good answer is stored and a bad one is a field
// error, the summary, the CSV and the XLSX export show it, and the
// OpenAPI document names it. A type added to the table and missed
// anywhere fails here.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"gopkg.in/yaml.v3"

	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// typeSample is what the walk posts for a type and what it expects back.
type typeSample struct {
	form []string // the posted values
	// cells are the export's cells: one, or one per option (a, b).
	cells []string
	// summary is a text the summary lists, or a choice it counts once, or
	// the number it reports as min ("" when the type is not summarised).
	summary string
	bad     string // a value that is a field error
}

var typeSamples = map[survey.QuestionType]typeSample{
	survey.TypeText:           {[]string{"Kulturbrücke"}, []string{"Kulturbrücke"}, "Kulturbrücke", strings.Repeat("x", 301)},
	survey.TypeLongText:       {[]string{"Räume, Dolmetschen"}, []string{"Räume, Dolmetschen"}, "Räume, Dolmetschen", strings.Repeat("x", 4001)},
	survey.TypeEmail:          {[]string{"info@verein.example"}, []string{"info@verein.example"}, "", "banana"},
	survey.TypePhone:          {[]string{"07121 123456"}, []string{"07121 123456"}, "", "banana"},
	survey.TypeURL:            {[]string{"verein.de"}, []string{"https://verein.de"}, "", "banana"},
	survey.TypeNumber:         {[]string{"1,5"}, []string{"1.5"}, "1.5", "banana"},
	survey.TypeSingleChoice:   {[]string{"a"}, []string{"a"}, "a", "banana"},
	survey.TypeMultipleChoice: {[]string{"a", "b"}, []string{"1", "1"}, "b", "banana"},
	survey.TypeYesNo:          {[]string{"yes"}, []string{"1"}, "yes", "banana"},
	survey.TypeScale:          {[]string{"4"}, []string{"4"}, "4", "banana"},
	survey.TypeDate:           {[]string{"2027-03-14"}, []string{"2027-03-14"}, "2027-03-14", "banana"},
}

// qid is the walk's question id of a type.
func qid(t survey.QuestionType) string { return "q_" + string(t) }

func walkSurvey() survey.Settings {
	s := survey.Settings{ID: "walk", Title: survey.Text{"de": "Alle Fragetypen", "en": "Every question type"}}
	for _, k := range survey.Kinds() {
		q := survey.Question{ID: qid(k.Type), Type: k.Type,
			Label: survey.Text{"de": "Frage " + string(k.Type)}, Help: survey.Text{"de": "Hilfe " + string(k.Type)}}
		if k.Options {
			q.Options = []survey.Option{{Code: "a", Label: survey.Text{"de": "A"}}, {Code: "b", Label: survey.Text{"de": "B"}}}
		}
		switch k.Bounds {
		case survey.BoundsNumber:
			q.Min, q.Max = survey.NumberBound(1), survey.NumberBound(5)
		case survey.BoundsDate:
			q.Min, q.Max = survey.DateBound("2020-01-01"), survey.DateBound("2030-12-31")
		}
		s.Questions = append(s.Questions, q)
	}
	return s
}

// tagOf is the first start tag on the page with the element id.
func tagOf(body, id string) string {
	i := strings.Index(body, ` id="`+id+`"`)
	if i < 0 {
		return ""
	}
	start := strings.LastIndex(body[:i], "<")
	return body[start : i+strings.Index(body[i:], ">")+1]
}

func TestEveryQuestionTypeWalksFromPageToExport(t *testing.T) {
	for _, k := range survey.Kinds() {
		if _, ok := typeSamples[k.Type]; !ok {
			t.Fatalf("question type %s has no sample in this test: add one to typeSamples", k.Type)
		}
	}
	a := testenv.NewFunctions(t)
	def := walkSurvey()
	body, _ := json.Marshal(def)
	created := a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "", string(body))
	if err := json.Unmarshal([]byte(created.Body), &def); err != nil || created.StatusCode != 201 {
		t.Fatalf("create: %d %s", created.StatusCode, created.Body)
	}
	p, path := map[string]string{"surveyId": def.ID}, "/s/"+def.ID

	// Render.
	page := testenv.Page(t, a.Survey, "GET", "/s/{surveyId}", path, p, "lang=de", nil, nil)
	if page.StatusCode != 200 {
		t.Fatalf("page: %d %.300s", page.StatusCode, page.Body)
	}
	for _, k := range survey.Kinds() {
		id := qid(k.Type)
		if !strings.Contains(page.Body, "Frage "+string(k.Type)) || !strings.Contains(page.Body, `id="q-`+id+`-hint"`) {
			t.Errorf("%s: no label or hint on the page", k.Type)
		}
		control := tagOf(page.Body, "q-"+id)
		if !strings.Contains(control, ` name="`+id+`"`) {
			t.Errorf("%s: no control named %s: %q", k.Type, id, control)
		}
		described := control
		switch k.Control {
		case survey.ControlInput:
			if !strings.HasPrefix(control, "<input") || !strings.Contains(control, ` type="`+k.InputType+`"`) {
				t.Errorf("%s: control %q, want an input of type %s", k.Type, control, k.InputType)
			}
			if !strings.Contains(page.Body, `<label class="kern-label" for="q-`+id+`"`) {
				t.Errorf("%s: no label for the control", k.Type)
			}
		case survey.ControlTextarea:
			if !strings.HasPrefix(control, "<textarea") {
				t.Errorf("%s: control %q, want a textarea", k.Type, control)
			}
		case survey.ControlRadios, survey.ControlChecks:
			want := map[survey.Control]string{survey.ControlRadios: "radio", survey.ControlChecks: "checkbox"}[k.Control]
			if !strings.Contains(control, ` type="`+want+`"`) {
				t.Errorf("%s: control %q, want a %s", k.Type, control, want)
			}
			// The group's fieldset, before its first choice, is described.
			i := strings.Index(page.Body, control)
			described = page.Body[strings.LastIndex(page.Body[:i], "<fieldset"):i]
		}
		if !strings.Contains(described, `aria-describedby="q-`+id+`-hint`) {
			t.Errorf("%s: the control is not described by its hint: %q", k.Type, described)
		}
		if k.Hint != "" && !strings.Contains(page.Body, `id="q-`+id+`-format"`) {
			t.Errorf("%s: no format hint", k.Type)
		}
	}

	// Submit: a bad value is a field error, each in turn; then all good.
	post := func(bad survey.QuestionType) (int, string) {
		f := url.Values{web.StampField: {testenv.Stamp(path)}, "consent.privacy": {"true"}}
		for _, k := range survey.Kinds() {
			f[qid(k.Type)] = typeSamples[k.Type].form
		}
		if bad != "" {
			f[qid(bad)] = []string{typeSamples[bad].bad}
		}
		resp := testenv.Page(t, a.Survey, "POST", "/s/{surveyId}", path, p, "lang=de", f, nil)
		return resp.StatusCode, resp.Body
	}
	for _, k := range survey.Kinds() {
		status, body := post(k.Type)
		if status != 422 || !strings.Contains(body, `href="#q-`+qid(k.Type)+`"`) {
			t.Errorf("%s = %q: %d, want 422 with an error linked to its control", k.Type, typeSamples[k.Type].bad, status)
		}
	}
	if status, body := post(""); status != 303 {
		t.Fatalf("good answers: %d %.2000s", status, body)
	}

	// Summary.
	resp := a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/summary", p, "lang=de", "")
	var sum struct {
		Questions []struct {
			ID     string         `json:"id"`
			Counts map[string]int `json:"counts"`
			Texts  []string       `json:"texts"`
			Min    *float64       `json:"min"`
		} `json:"questions"`
	}
	if err := json.Unmarshal([]byte(resp.Body), &sum); err != nil || resp.StatusCode != 200 {
		t.Fatalf("summary: %d %v %s", resp.StatusCode, err, resp.Body)
	}
	for _, k := range survey.Kinds() {
		want := typeSamples[k.Type].summary
		i := slices.IndexFunc(sum.Questions, func(q struct {
			ID     string         `json:"id"`
			Counts map[string]int `json:"counts"`
			Texts  []string       `json:"texts"`
			Min    *float64       `json:"min"`
		}) bool {
			return q.ID == qid(k.Type)
		})
		if (i >= 0) != (k.Summary != survey.SummaryNone) {
			t.Errorf("%s: in the summary %v, want %v", k.Type, i >= 0, k.Summary != survey.SummaryNone)
			continue
		}
		if i < 0 {
			continue
		}
		q := sum.Questions[i]
		var got bool
		switch k.Summary {
		case survey.SummaryTexts:
			got = slices.Contains(q.Texts, want)
		case survey.SummaryCounts:
			got = q.Counts[want] == 1
		case survey.SummaryNumbers:
			got = q.Min != nil && strconv.FormatFloat(*q.Min, 'f', -1, 64) == want
		}
		if !got {
			t.Errorf("%s: the summary lacks %q: %+v", k.Type, want, q)
		}
	}

	// CSV and XLSX: the same cells under the same header.
	resp = a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/responses.csv", p, "dialect=rfc4180", "")
	if resp.StatusCode != 200 {
		t.Fatalf("csv: %d %s", resp.StatusCode, resp.Body)
	}
	csvRows := testenv.ReadCSV(t, resp.Body, ',')
	resp = a.AdminCall(t, "demo", "GET", "/admin/surveys/{surveyId}/responses.xlsx", p, "", "")
	raw := []byte(resp.Body)
	if resp.IsBase64Encoded {
		raw, _ = base64.StdEncoding.DecodeString(resp.Body)
	}
	book, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("xlsx: %d %v", resp.StatusCode, err)
	}
	// The workbook's answers are in words; its second sheet keeps the codes.
	sheet := book.GetSheetList()[1]
	xlsxRows, err := book.GetRows(sheet)
	if err != nil || len(csvRows) != 2 || len(xlsxRows) != 2 {
		t.Fatalf("rows: csv %d, xlsx %d (%v)", len(csvRows), len(xlsxRows), err)
	}
	for _, k := range survey.Kinds() {
		cols := []string{qid(k.Type)}
		if k.Options && k.Value == survey.ShapeCodes {
			cols = []string{qid(k.Type) + ".a", qid(k.Type) + ".b"}
		}
		for j, col := range cols {
			want := typeSamples[k.Type].cells[j]
			c := testenv.Column(csvRows, col)
			if c < 0 || csvRows[1][c] != want {
				t.Errorf("%s: CSV column %s (%d) is not %q: %v", k.Type, col, c, want, csvRows)
				continue
			}
			if x := testenv.Column(xlsxRows, col); x < 0 || x >= len(xlsxRows[1]) || xlsxRows[1][x] != want {
				t.Errorf("%s: XLSX column %s (%d) is not %q: %v", k.Type, col, x, want, xlsxRows)
			} else if k.Value == survey.ShapeDate {
				// A date cell (a day number shown as a date), as Excel
				// sorts and filters dates.
				cell, _ := excelize.CoordinatesToCellName(x+1, 2)
				v, _ := book.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
				if _, err := strconv.ParseFloat(v, 64); err != nil {
					t.Errorf("%s: XLSX cell %s holds %q, want a date cell", k.Type, cell, v)
				}
			}
		}
	}
}

// The OpenAPI document names exactly the table's question types.
func TestOpenAPINamesTheQuestionTypes(t *testing.T) {
	b, err := os.ReadFile("../../docs/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas struct {
				QuestionType struct {
					Enum []string `yaml:"enum"`
				} `yaml:"QuestionType"`
			} `yaml:"schemas"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, k := range survey.Kinds() {
		names = append(names, string(k.Type))
	}
	if got := doc.Components.Schemas.QuestionType.Enum; !slices.Equal(got, names) {
		t.Errorf("openapi.yaml's QuestionType enum %v, the table %v", got, names)
	}
	// Every question type in the document is the one schema.
	if n := len(regexp.MustCompile(`enum: \[text, long_text`).FindAll(b, -1)); n != 1 {
		t.Errorf("%d enums of question types in openapi.yaml, want 1 (the QuestionType schema)", n)
	}
}

// The organisation's name is the question bound to the profile's name,
// whatever its id: a personal link fills it in and it asks the browser
// for an organisation; without the binding nothing is filled in.
func TestPersonalLinkFillsTheQuestionBoundToTheName(t *testing.T) {
	a := testenv.NewFunctions(t)
	def := survey.Settings{ID: "bound", Title: survey.Text{"de": "Gebunden"}, Questions: []survey.Question{
		{ID: "org_name", Type: survey.TypeText, Label: survey.Text{"de": "Etwas anderes"}},
		{ID: "verein", Type: survey.TypeText, Label: survey.Text{"de": "Verein"}, Profile: survey.ProfileName},
	}}
	body, _ := json.Marshal(def)
	created := a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "", string(body))
	if err := json.Unmarshal([]byte(created.Body), &def); err != nil || created.StatusCode != 201 {
		t.Fatalf("create: %d %s", created.StatusCode, created.Body)
	}
	p := map[string]string{"surveyId": def.ID}
	if resp := a.AdminCall(t, "demo", "POST", "/admin/surveys/{surveyId}/invitations", p, "",
		`{"invitations":[{"organisation":"Kulturbrücke e.V.","email":"info@kulturbruecke.example","language":"de"}]}`); resp.StatusCode != 201 {
		t.Fatal(resp.Body)
	}
	token := a.Tokens.Token("invitation", a.Items(t)["invitation"][0]["id"].(string))
	page := testenv.Page(t, a.Survey, "GET", "/s/{surveyId}", "/s/"+def.ID, p, "lang=de&invitation="+url.QueryEscape(token), nil, nil).Body
	if bound := tagOf(page, "q-verein"); !strings.Contains(bound, `value="Kulturbrücke e.V."`) || !strings.Contains(bound, `autocomplete="organization"`) {
		t.Errorf("the bound question: %q", bound)
	}
	if other := tagOf(page, "q-org_name"); strings.Contains(other, "Kulturbrücke") || strings.Contains(other, "autocomplete") {
		t.Errorf("the question named org_name, not bound: %q", other)
	}
	// A binding that does not fit is a 422 naming it.
	def.ID = "misfit"
	def.Questions[1].Type = survey.TypeLongText
	body, _ = json.Marshal(def)
	resp := a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "", string(body))
	if resp.StatusCode != 422 || !strings.Contains(resp.Body, `"questions[1].profile"`) {
		t.Errorf("misfit binding: %d %s", resp.StatusCode, resp.Body)
	}
	// A bound of the wrong kind too.
	resp = a.AdminCall(t, "demo", "POST", "/admin/surveys", nil, "",
		`{"id":"wrongbound","title":{"de":"D"},"questions":[{"id":"d","type":"date","label":{"de":"D"},"required":false,"min":2027}]}`)
	if resp.StatusCode != 422 || !strings.Contains(resp.Body, `"questions[0].min"`) {
		t.Errorf("a number as a date's min: %d %s", resp.StatusCode, resp.Body)
	}
}
