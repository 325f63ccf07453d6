package xlsform

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
)

// sheets are a workbook's sheets in order: name, then rows of cells.
type sheets []struct {
	name string
	rows [][]string
}

func (s sheets) clone() sheets {
	out := make(sheets, len(s))
	for i, sh := range s {
		out[i].name = sh.name
		for _, r := range sh.rows {
			out[i].rows = append(out[i].rows, slices.Clone(r))
		}
	}
	return out
}

func (s sheets) sheet(name string) [][]string {
	for _, sh := range s {
		if sh.name == name {
			return sh.rows
		}
	}
	return nil
}

// book makes a workbook of text cells.
func book(t testing.TB, s sheets) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range s {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		for j, r := range sh.rows {
			cell, _ := excelize.CoordinatesToCellName(1, j+1)
			vals := make([]any, len(r))
			for k, v := range r {
				vals[k] = v
			}
			if err := f.SetSheetRow(sh.name, cell, &vals); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// base is a small valid workbook.
func base() sheets {
	return sheets{
		{"survey", [][]string{
			{"type", "name", "label::de", "label::en", "hint::de", "required", "relevant"},
			{"text", "name", "Name", "Name", "", "yes", ""},
			{"select_one colours", "colour", "Farbe", "Colour", "", "no", ""},
			{"integer", "count", "Anzahl", "Count", "", "", ""},
			// A condition names a question of an earlier section.
			{"begin_group", "more", "Mehr", "More", "", "", "${colour} = 'red'"},
			{"text", "why", "Warum?", "Why?", "", "", "${count} >= 3"},
			{"end_group"},
		}},
		{"choices", [][]string{
			{"list_name", "name", "label::de", "label::en"},
			{"colours", "red", "Rot", "Red"},
			{"colours", "blue", "Blau", "Blue"},
		}},
		{"settings", [][]string{
			{"form_id", "title::de", "title::en"},
			{"test", "Test", "Test"},
		}},
	}
}

func fieldsOf(t *testing.T, err error) []apperr.FieldError {
	t.Helper()
	e := apperr.As(err)
	if e == nil || e.Code != apperr.ValidationFailed {
		t.Fatalf("error %v, want validation_failed", err)
	}
	return e.Fields
}

// TestReadValid: the base workbook reads as its definition.
func TestReadValid(t *testing.T) {
	s, err := Read(book(t, base()), "de")
	if err != nil {
		t.Fatalf("%v %v", err, apperr.As(err))
	}
	if s.ID != "test" || len(s.Questions) != 4 || s.Questions[1].Options[1].Label["en"] != "Blue" || !s.Questions[2].Integer ||
		s.Sections[0].ShowIf == nil || s.Sections[0].ShowIf.All[0].In[0] != "red" || !s.Questions[0].Required ||
		s.Questions[3].Section != "more" || s.Questions[3].ShowIf.All[0].Gte.Number != 3 {
		t.Errorf("read %+v", s)
	}
}

// TestReadProblems: each kind of problem, at its place, worded in German
// and English.
func TestReadProblems(t *testing.T) {
	set := func(sheet string, row, col int, v string) func(sheets) {
		return func(s sheets) {
			r := s.sheet(sheet)
			for len(r[row-1]) < col {
				r[row-1] = append(r[row-1], "")
			}
			r[row-1][col-1] = v
		}
	}
	for _, c := range []struct {
		name   string
		edit   func(sheets)
		field  string
		de, en string
	}{
		{"no survey sheet", func(s sheets) { s[0].name = "fragen" }, "survey",
			"Tabelle survey: Die Tabelle „survey“ fehlt.", "Sheet survey: The sheet “survey” is missing."},
		{"no type column", set("survey", 1, 1, "typ"), "survey",
			"Tabelle survey, Spalte type: Die Spalte „type“ fehlt.", "Sheet survey, column type: The column “type” is missing."},
		{"note", set("survey", 3, 1, "note"), "survey!A3",
			"Tabelle survey, Zeile 3, Spalte type: Der Typ „note“ wird nicht unterstützt. Möglich sind: text, long_text",
			"Sheet survey, row 3, column type: The type “note” is not supported. Possible: text, long_text"},
		{"repeat", set("survey", 2, 1, "begin_repeat"), "survey!A2", "Der Typ „begin_repeat“ wird nicht unterstützt", "The type “begin_repeat” is not supported"},
		{"geopoint", set("survey", 2, 1, "geopoint"), "survey!A2", "Der Typ „geopoint“", "The type “geopoint”"},
		{"calculate", set("survey", 2, 1, "calculate"), "survey!A2", "Der Typ „calculate“", "The type “calculate”"},
		{"or_other", set("survey", 3, 1, "select_one colours or_other"), "survey!A3", "Der Typ „select_one colours or_other“", "is not supported"},
		{"unknown list", set("survey", 3, 1, "select_one colors"), "survey!A3",
			"Tabelle survey, Zeile 3, Spalte type: Die Auswahlliste „colors“ steht nicht in der Tabelle choices.",
			"Sheet survey, row 3, column type: The choice list “colors” is not in the sheet choices."},
		{"no list", set("survey", 3, 1, "select_multiple"), "survey!A3", "fehlt der Name der Auswahlliste", "The choice list’s name is missing"},
		{"no type", set("survey", 2, 1, ""), "survey!A2", "Der Typ fehlt.", "The type is missing."},
		{"relevant", set("survey", 4, 7, "${colour} > 'red'"), "survey!G4",
			"Tabelle survey, Zeile 4, Spalte relevant: „${colour} > 'red'“ wird nicht verstanden. Möglich sind: ${q} = 'x'",
			"Sheet survey, row 4, column relevant: “${colour} > 'red'” is not understood. Possible: ${q} = 'x'"},
		{"and with or", set("survey", 4, 7, "${colour} = 'red' and ${name} != '' or ${colour} = 'blue'"), "survey!G4", "verbunden mit and oder mit or", "joined by and or by or"},
		{"parentheses", set("survey", 4, 7, "(${colour} = 'red')"), "survey!G4", "ohne Klammern", "no parentheses"},
		{"required", set("survey", 2, 6, "maybe"), "survey!F2",
			"Tabelle survey, Zeile 2, Spalte required: „maybe“ ist kein gültiger Wert. Möglich sind: yes, no",
			"Sheet survey, row 2, column required: “maybe” is not a valid value. Possible: yes, no"},
		{"language", set("survey", 1, 5, "hint::Français (fr)"), "survey!E1",
			"Tabelle survey, Zeile 1, Spalte hint::Français (fr): „hint::Français (fr)“ ist keine unterstützte Sprache. Möglich sind: de, en, tr, ar, fa, ru, uk.",
			"Sheet survey, row 1, column hint::Français (fr): “hint::Français (fr)” is not a supported language."},
		{"column twice", set("survey", 1, 5, "label::Deutsch (de)"), "survey!E1", "Die Spalte „label::Deutsch (de)“ kommt zweimal vor.", "appears twice"},
		{"end without begin", func(s sheets) { s[0].rows = append(s[0].rows, []string{"end_group"}) }, "survey!A8",
			"end_group ohne vorangehendes begin_group.", "end_group without a begin_group before it."},
		{"group open", func(s sheets) { s[0].rows = append(s[0].rows, []string{"begin_group", "g", "G"}) }, "survey!A8",
			"Diese Gruppe wird nicht mit end_group geschlossen.", "This group is not closed with end_group."},
		{"nested group", func(s sheets) {
			s[0].rows = append(s[0].rows, []string{"begin group", "g", "G"}, []string{"begin group", "h", "H"}, []string{"end group"}, []string{"end group"})
		}, "survey!A9", "Gruppen lassen sich nicht verschachteln: Die Gruppe aus Zeile 8 ist noch offen.", "Groups cannot be nested: the group from row 8 is still open."},
		{"constraint", func(s sheets) { set("survey", 1, 8, "constraint")(s); set("survey", 4, 8, "regex(., '[0-9]+')")(s) }, "survey!H4",
			"Spalte constraint: „regex(., '[0-9]+')“ wird nicht verstanden. Möglich sind: . >= 5", "column constraint: “regex(., '[0-9]+')” is not understood. Possible: . >= 5"},
		{"parameters", func(s sheets) {
			set("survey", 1, 8, "parameters")(s)
			set("survey", 4, 1, "range")(s)
			set("survey", 4, 8, "start=0 end=10 step=2")(s)
		}, "survey!H4",
			"„start=0 end=10 step=2“ wird nicht verstanden. Möglich ist: start=1 end=5", "“start=0 end=10 step=2” is not understood. Possible: start=1 end=5"},
		{"relevant and show_if", func(s sheets) { set("survey", 1, 8, "show_if")(s); set("survey", 6, 8, `{"all":[]}`)(s) }, "survey!H6",
			"Nur eine der Spalten relevant und show_if darf gefüllt sein.", "Only one of the columns relevant and show_if may be filled in."},
		{"show_if", func(s sheets) {
			set("survey", 1, 8, "show_if")(s)
			set("survey", 3, 8, `{"all":[{"question":"name","answerd":true}]}`)(s)
		}, "survey!H3",
			"Kein gültiges JSON einer Bedingung", "Not valid JSON of a condition"},
		{"list name missing", set("choices", 2, 1, ""), "choices!A2", "Der Name der Auswahlliste (list_name) fehlt.", "The choice list’s name (list_name) is missing."},
		{"opens_at", func(s sheets) { set("settings", 1, 4, "opens_at")(s); set("settings", 2, 4, "1.3.2027")(s) }, "settings!D2",
			"Tabelle settings, Zeile 2, Spalte opens_at: „1.3.2027“ ist kein Zeitpunkt im Format RFC 3339", "Sheet settings, row 2, column opens_at: “1.3.2027” is not a point in time in RFC 3339 format"},
		{"retention", func(s sheets) { set("settings", 1, 4, "retention_days")(s); set("settings", 2, 4, "zwei Jahre")(s) }, "settings!D2",
			"„zwei Jahre“ ist keine ganze Zahl.", "“zwei Jahre” is not a whole number."},
		// The definition's own checks, at their cells.
		{"no German label", set("survey", 3, 3, ""), "survey!C3", "Tabelle survey, Zeile 3, Spalte label::de: ", "Sheet survey, row 3, column label::de: "},
		{"bad option code", set("choices", 3, 2, "Blau!"), "choices!B3", "Tabelle choices, Zeile 3, Spalte name: ", "Sheet choices, row 3, column name: "},
		{"option without German", set("choices", 3, 3, ""), "choices!C3", "Tabelle choices, Zeile 3, Spalte label::de: ", "Sheet choices, row 3, column label::de: "},
		{"duplicate id", set("survey", 3, 2, "name"), "survey!B3", "Tabelle survey, Zeile 3, Spalte name: ", "Sheet survey, row 3, column name: "},
		{"bad form id", set("settings", 2, 1, "Umfrage-2027!"), "settings!A2", "Tabelle settings, Zeile 2, Spalte form_id: ", "Sheet settings, row 2, column form_id: "},
		{"no title", set("settings", 2, 2, ""), "settings!B2", "Tabelle settings, Zeile 2, Spalte title::de: ", "Sheet settings, row 2, column title::de: "},
		{"no title column", func(s sheets) { set("settings", 1, 2, "version")(s) }, "settings!2", "Tabelle settings, Zeile 2, Spalte title::de: ", "Sheet settings, row 2, column title::de: "},
		{"bounds of a scale", func(s sheets) {
			set("survey", 1, 8, "parameters")(s)
			set("survey", 4, 1, "scale")(s)
			set("survey", 4, 8, "start=5 end=1")(s)
		}, "survey!H4",
			"Tabelle survey, Zeile 4, Spalte parameters: ", "Sheet survey, row 4, column parameters: "},
		{"profile", func(s sheets) { set("survey", 1, 8, "profile")(s); set("survey", 2, 8, "shoe_size")(s) }, "survey!H2",
			"Tabelle survey, Zeile 2, Spalte profile: ", "Sheet survey, row 2, column profile: "},
		{"handles", func(s sheets) { set("survey", 1, 8, "handles")(s); set("survey", 2, 8, "yes")(s) }, "survey!H2",
			"Tabelle survey, Zeile 2, Spalte handles: ", "Sheet survey, row 2, column handles: "},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := base().clone()
			c.edit(s)
			body := book(t, s)
			for _, lang := range []string{"de", "en"} {
				want := c.de
				if lang == "en" {
					want = c.en
				}
				_, err := Read(body, lang)
				fields := fieldsOf(t, err)
				found := false
				for _, f := range fields {
					if f.Field == c.field && strings.Contains(f.Message, want) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: %+v, want %s with %q", lang, fields, c.field, want)
				}
			}
		})
	}
}

// TestReadAllProblemsAtOnce: a workbook with several mistakes reports
// each of them, and a row's mistake of reading is not reported again by
// the definition's checks.
func TestReadAllProblemsAtOnce(t *testing.T) {
	s := base()
	s[0].rows[1][0] = "note"          // unsupported type (and so no question)
	s[0].rows[2][5] = "sometimes"     // required
	s[0].rows[3][6] = "${colour} > 1" // relevant
	s[2].rows[1][1] = ""              // no German title: the definition's check
	_, err := Read(book(t, s), "en")
	fields := fieldsOf(t, err)
	var got []string
	for _, f := range fields {
		got = append(got, f.Field)
	}
	want := []string{"survey!A2", "survey!F3", "survey!G4", "settings!B2"}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("fields %v, want %v (%+v)", got, want, fields)
	}
}

// TestReadArabic: problems in Arabic keep cell contents in their own
// direction.
func TestReadArabic(t *testing.T) {
	s := base()
	s[0].rows[1][0] = "note"
	_, err := Read(book(t, s), "ar")
	f := fieldsOf(t, err)
	if len(f) != 1 || !strings.Contains(f[0].Message, "\u2068note\u2069") || !strings.HasPrefix(f[0].Message, "الورقة") {
		t.Errorf("%+v", f)
	}
}

// TestReadExtra: the extra column sets fields without a column of their
// own; a field the definition lacks, or one a column says, is a problem at
// its cell.
func TestReadExtra(t *testing.T) {
	s := base()
	s[0].rows[0] = append(s[0].rows[0], "extra")
	s[0].rows[2] = append(s[0].rows[2], `{"colour":"red"}`)
	s[0].rows[3] = append(s[0].rows[3], `{"label":{"de":"x"}}`)
	_, err := Read(book(t, s), "de")
	f := fieldsOf(t, err)
	if len(f) != 2 || f[0].Field != "survey!H3" || f[1].Field != "survey!H4" || !strings.Contains(f[0].Message, "Spalte extra: Kein gültiges JSON weiterer Angaben") {
		t.Errorf("%+v", f)
	}
	var v struct {
		A string `json:"a"`
		B int    `json:"b,omitempty"`
	}
	v.A = "x"
	if e := extraOf(v, []string{"a"}, map[string]any{"c": "d"}); e != `{"c":"d"}` {
		t.Errorf("extraOf: %s", e)
	}
	if !readExtra(`{"b":2}`, &v, []string{"a"}) || v.B != 2 || v.A != "x" || readExtra(`{"a":"y"}`, &v, []string{"a"}) || readExtra(`[1]`, &v, nil) {
		t.Errorf("readExtra: %+v", v)
	}
}
