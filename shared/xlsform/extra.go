package xlsform

import (
	"bytes"
	"encoding/json"
	"strings"
)

// The extra column (sheets survey, choices and settings) holds, as a JSON
// object, what the definition has beyond the workbook's columns: fields
// the API has that no column shows (a retired question, …), so that a
// download uploaded unchanged is the same definition whatever the
// definition grows. Written only where there is something; read strictly
// (a field the definition does not have is a problem).

// Fields each sheet's columns already say; extra holds the others.
var (
	questionCols = []string{"id", "type", "section", "label", "help", "required", "maxLength", "min", "max", "integer", "handles", "options", "profile", "showIf", "retired"}
	optionCols   = []string{"code", "label", "retired"}
	sectionCols  = []string{"id", "title", "showIf"}
	settingCols  = []string{"id", "title", "description", "opensAt", "closesAt", "retentionDays", "privacyNotice", "remindAfterDays", "sections", "questions"}
)

// extraOf is v's JSON fields but those of cols, as a JSON object ("" when
// none); add are more fields to put in.
func extraOf(v any, cols []string, add map[string]any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return ""
	}
	for _, c := range cols {
		delete(m, c)
	}
	for k, v := range add {
		m[k], _ = json.Marshal(v)
	}
	if len(m) == 0 {
		return ""
	}
	out, _ := json.Marshal(m)
	return string(out)
}

// readExtra sets from an extra cell the fields of dst it names: a JSON
// object whose fields dst has and cols do not (but for allow); false when
// it is not.
func readExtra(cell string, dst any, cols []string, allow ...string) bool {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(cell), &m); err != nil || m == nil {
		return false
	}
	for _, c := range cols {
		if _, ok := m[c]; ok && !contains(allow, c) {
			return false
		}
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(cell)))
	dec.DisallowUnknownFields()
	return dec.Decode(dst) == nil
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// extraCell reads row r's extra cell of s into dst, adding a problem when
// it is not what it should be.
func extraCell(ps *problems, s *sheet, r row, dst any, cols []string, allow ...string) {
	v := strings.TrimSpace(s.get(r, "extra", ""))
	if v == "" {
		return
	}
	if !readExtra(v, dst, cols, allow...) {
		ps.add(s.at(r.n, "extra", ""), "extra", "xlsform.extra")
	}
}
