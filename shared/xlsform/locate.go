package xlsform

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// check runs the definition's own checks on what was read and adds their
// problems at the cells they concern, but for rows that have a problem of
// reading already (one cause, one message).
func (form *Form) check(ps *problems) {
	d := form.Settings.Definition(form.Settings.ID, "office", time.Time{})
	if d.ID == "" {
		d.ID = "survey" // a new survey's id is the service's
	}
	err := survey.ValidateDefinition(d, ps.lang)
	e := apperr.As(err)
	if e == nil {
		return
	}
	for _, fe := range e.Fields {
		if fe.Field == "office" {
			continue
		}
		p, ok := form.placeOf(fe.Field)
		if ok && p.row != 0 && ps.rows[p.sheet+"!"+strconv.Itoa(p.row)] {
			continue
		}
		if !ok {
			ps.list = append(ps.list, fe)
			continue
		}
		ps.addText(p, fe.Code, fe.Message)
	}
}

// Locate maps the field errors of a definition read from this workbook
// (the admin service's checks: ids locked once a survey has answers, …)
// to the cells they concern, in lang; other errors are returned as they
// are.
func (form *Form) Locate(err error, lang string) error {
	e := apperr.As(err)
	if e == nil || e.Code != apperr.ValidationFailed || len(e.Fields) == 0 {
		return err
	}
	ps := newProblems(lang)
	for _, fe := range e.Fields {
		if p, ok := form.placeOf(fe.Field); ok {
			ps.addText(p, fe.Code, fe.Message)
		} else {
			ps.list = append(ps.list, fe)
		}
	}
	return ps.err()
}

// placeOf is the cell a definition's field path stands in.
func (form *Form) placeOf(path string) (place, bool) {
	name, i, rest := splitPath(path)
	restBase, restLang, _ := strings.Cut(rest, ".")
	switch name {
	case "id", "title", "description", "opensAt", "closesAt", "retentionDays", "remindAfterDays", "privacyNotice":
		col := map[string]string{"id": "form_id", "title": "title", "description": "description", "opensAt": "opens_at",
			"closesAt": "closes_at", "retentionDays": "retention_days", "remindAfterDays": "remind_after_days"}[name]
		lang := ""
		switch name {
		case "title", "description":
			lang = rest
		case "privacyNotice":
			col = "privacy_notice_url"
			if rest == "version" {
				col = "privacy_notice_version"
			}
		}
		return cellOf(form.settings, sheetSettings, form.settingsRow, col, lang), true
	case "sections":
		if i < 0 || i >= len(form.sectionRows) {
			return place{sheet: sheetSurvey}, true
		}
		r := form.sectionRows[i]
		switch {
		case restBase == "title":
			return cellOf(form.survey, sheetSurvey, r, "label", restLang), true
		case restBase == "showIf" || strings.HasPrefix(restBase, "showIf"):
			return cellOf(form.survey, sheetSurvey, r, condCol(form.sectionShowIf[i]), ""), true
		}
		return cellOf(form.survey, sheetSurvey, r, "name", ""), true
	case "questions":
		if i < 0 || i >= len(form.questionRows) {
			return place{sheet: sheetSurvey}, true
		}
		r := form.questionRows[i]
		q := &form.Settings.Questions[i]
		if strings.HasPrefix(rest, "options[") {
			_, j, orest := splitPath(rest)
			if j < 0 || j >= len(form.optionRows[i]) {
				return cellOf(form.survey, sheetSurvey, r, "type", ""), true
			}
			cr := form.optionRows[i][j]
			if l, ok := strings.CutPrefix(orest, "label."); ok {
				return cellOf(form.choices, sheetChoices, cr, "label", l), true
			}
			return cellOf(form.choices, sheetChoices, cr, "name", ""), true
		}
		col := "type"
		lang := ""
		switch {
		case restBase == "id":
			col = "name"
		case restBase == "label":
			col, lang = "label", restLang
		case restBase == "help":
			col, lang = "hint", restLang
		case restBase == "required", restBase == "handles", restBase == "profile", restBase == "retired":
			col = restBase
		case restBase == "maxLength":
			col = "constraint"
		case restBase == "min", restBase == "max":
			col = "constraint"
			if q.Kind().WholeBounds {
				col = "parameters"
			}
		case strings.HasPrefix(restBase, "showIf"):
			col = condCol(form.questionShowIf[i])
		}
		return cellOf(form.survey, sheetSurvey, r, col, lang), true
	}
	return place{}, false
}

func condCol(fromJSON bool) string {
	if fromJSON {
		return "show_if"
	}
	return "relevant"
}

// cellOf is the place of row r's column base::lang in s (named name; s
// may be missing).
func cellOf(s *sheet, name string, r int, base, lang string) place {
	if s == nil {
		h := base
		if lang != "" {
			h += "::" + lang
		}
		return place{sheet: name, head: h}
	}
	return s.at(r, base, lang)
}

// strictJSON decodes a show_if cell: unknown fields are mistakes.
func strictJSON(s string, v any) error {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errTrailing
	}
	return nil
}

var errTrailing = errors.New("more after the JSON value")
