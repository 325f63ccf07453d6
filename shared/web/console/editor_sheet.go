package console

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	"github.com/integration-offices/netzwerk-backend/shared/xlsform"
)

// The survey as a spreadsheet (XLSForm, AUTHORING.md): download it, hand
// it to translators, upload it again. An upload first shows what it
// changes; the confirm form carries the read definition (gzip, base64),
// so the file is not sent twice, and saving it goes through the admin
// service's validation like every save.

// surveySheet downloads the survey as a workbook.
func (c *Console) surveySheet(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	id := req.PathParameters["surveyId"]
	var buf bytes.Buffer
	if err := c.svc.SurveyForm(ctx, s.Coordinator, id, &buf); err != nil {
		return Response{}, err
	}
	return Response{StatusCode: http.StatusOK, IsBase64Encoded: true, Body: base64.StdEncoding.EncodeToString(buf.Bytes()),
		Headers: map[string]string{"content-type": xlsform.ContentType, "content-language": lang,
			"content-disposition":    mime.FormatMediaType("attachment", map[string]string{"filename": id + ".xlsx"}),
			"x-content-type-options": "nosniff"}}, nil
}

type sheetPage struct {
	editorData
	Action  string
	Changes []string
	// Packed is the read definition the confirm form sends back; Version
	// the saved definition's the changes were shown against (its
	// updatedAt): a save in between shows the changes again.
	Packed, Version string
	File            web.Input
}

// uploadSheet reads an uploaded workbook and shows what it changes (or
// its problems, each naming its cell); confirmed, it saves it.
func (c *Console) uploadSheet(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	d, n, err := c.load(ctx, s, req)
	if err != nil {
		return Response{}, err
	}
	p := sheetPage{editorData: c.editorBase(s, req, lang, "console.sheet_title", editPath(d.ID)+"/form", d, n),
		Action: "/console/surveys/" + d.ID + "/form"}
	p.Stamp = c.stamp(form, p.Action)
	p.File = sheetInput(lang)
	if form.Get("confirm") == "yes" {
		set, err := unpack(form.Get("definition"))
		if err != nil {
			return Response{}, apperr.New(apperr.BadRequest, "bad_request")
		}
		if form.Get("version") != versionOf(d) {
			// Saved since the changes were shown (another tab, a
			// colleague): what the file changes now, confirmed anew.
			p.Changes, p.Packed, p.Version = changes(d, set, lang), form.Get("definition"), versionOf(d)
			p.Errors = []web.FieldError{{Field: "changes", Message: i18n.T(lang, "console.sheet_changed_since")}}
			p.Stamp = p.StampFor(p.Action)
			return pages.Render(http.StatusConflict, "editor_sheet.html", lang, true, p)
		}
		if _, err := c.svc.UpdateSurvey(ctx, s.Coordinator, d.ID, *set, lang); err != nil {
			if !form.Merge(err, nil) {
				return Response{}, err
			}
			p.Errors = form.Summary([]string{"file"}, nil)
			p.File.Err = i18n.T(lang, "console.sheet_failed")
			return pages.Render(http.StatusUnprocessableEntity, "editor_sheet.html", lang, true, p)
		}
		return back(req, lang, d.ID, "", "saved", 1), nil
	}
	var set *survey.Settings
	if len(form.File) == 0 {
		err = apperr.New(apperr.BadRequest, "console.no_file")
	} else {
		set, err = xlsform.Read(form.File, lang)
	}
	if err == nil {
		// The admin service's checks, before anything is saved.
		check := set.Definition(d.ID, d.Office, d.UpdatedAt)
		err = survey.ValidateDefinition(check, lang)
	}
	if err != nil {
		p.Errors, p.File.Err = uploadErrors(err, lang), i18n.T(lang, "console.sheet_failed")
		if e := apperr.As(err); e != nil && e.Code == apperr.ValidationFailed {
			p.Errors = nil
			for _, f := range e.Fields {
				p.Errors = append(p.Errors, web.FieldError{Field: "file", Message: f.Message})
			}
		} else if e == nil {
			return Response{}, err
		}
		return pages.Render(http.StatusUnprocessableEntity, "editor_sheet.html", lang, true, p)
	}
	p.Changes, p.Version = changes(d, set, lang), versionOf(d)
	if p.Packed, err = pack(set); err != nil {
		return Response{}, err
	}
	p.Stamp = p.StampFor(p.Action)
	return pages.Render(http.StatusOK, "editor_sheet.html", lang, true, p)
}

// versionOf is a saved definition's version: when it was saved.
func versionOf(d *survey.Definition) string { return d.UpdatedAt.UTC().Format(time.RFC3339Nano) }

func sheetInput(lang string) web.Input {
	return web.Input{Lang: lang, ID: "file", Name: "file", Type: "file", Required: true,
		Label: i18n.T(lang, "console.sheet_file"), Hint: i18n.T(lang, "console.sheet_file_hint"),
		Accept: ".xlsx," + xlsform.ContentType}
}

// pack and unpack carry settings through the confirm form.
func pack(set *survey.Settings) (string, error) {
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	if err := json.NewEncoder(z).Encode(set); err != nil {
		return "", err
	}
	if err := z.Close(); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(b.Bytes()), nil
}

func unpack(s string) (*survey.Settings, error) {
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	z, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	var set survey.Settings
	err = json.NewDecoder(io.LimitReader(z, xlsform.MaxBody*4)).Decode(&set)
	return &set, err
}

// changes says in words what the uploaded settings change.
func changes(d *survey.Definition, set *survey.Settings, lang string) []string {
	var out []string
	same := func(a, b any) bool { return reflect.DeepEqual(a, b) }
	old := d.Settings
	if !same(old.Title, set.Title) || !same(old.Description, set.Description) || !same(old.OpensAt, set.OpensAt) ||
		!same(old.ClosesAt, set.ClosesAt) || !same(old.PrivacyNotice, set.PrivacyNotice) {
		out = append(out, i18n.T(lang, "console.sheet_settings"))
	}
	sec := func(list []survey.Section, id string) *survey.Section {
		for i := range list {
			if list[i].ID == id {
				return &list[i]
			}
		}
		return nil
	}
	for _, x := range set.Sections {
		switch o := sec(old.Sections, x.ID); {
		case o == nil:
			out = append(out, i18n.T(lang, "console.sheet_section_added", x.Title.In(lang)))
		case !same(*o, x):
			out = append(out, i18n.T(lang, "console.sheet_section_changed", x.Title.In(lang)))
		}
	}
	for _, x := range old.Sections {
		if sec(set.Sections, x.ID) == nil {
			out = append(out, i18n.T(lang, "console.sheet_section_removed", x.Title.In(lang)))
		}
	}
	q := func(list []survey.Question, id string) *survey.Question {
		for i := range list {
			if list[i].ID == id {
				return &list[i]
			}
		}
		return nil
	}
	for _, x := range set.Questions {
		switch o := q(old.Questions, x.ID); {
		case o == nil:
			out = append(out, i18n.T(lang, "console.sheet_question_added", x.Label.In(lang)))
		case !same(*o, x):
			out = append(out, i18n.T(lang, "console.sheet_question_changed", x.Label.In(lang)))
		}
	}
	for _, x := range old.Questions {
		if !x.Retired && q(set.Questions, x.ID) == nil {
			out = append(out, i18n.T(lang, "console.sheet_question_removed", x.Label.In(lang)))
		}
	}
	ids := func(l []survey.Question) []string {
		var s []string
		for _, x := range l {
			if !x.Retired {
				s = append(s, x.ID)
			}
		}
		return s
	}
	a, b := ids(old.Questions), ids(set.Questions)
	if len(out) == 0 && !slices.Equal(a, b) {
		out = append(out, i18n.T(lang, "console.sheet_order"))
	}
	return out
}

// startFromSheet creates a draft survey from an uploaded workbook (the
// start page's third way).
func (c *Console) startFromSheet(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	var d *survey.Definition
	var err error = apperr.New(apperr.BadRequest, "console.no_file")
	if len(form.File) > 0 {
		d, err = c.svc.CreateSurveyFromForm(ctx, s.Coordinator, form.File, lang)
	}
	if err == nil {
		return back(req, lang, d.ID, ""), nil
	}
	e := apperr.As(err)
	if e == nil {
		return Response{}, err
	}
	var errs []web.FieldError
	for _, f := range e.Fields {
		errs = append(errs, web.FieldError{Field: "file", Message: f.Message})
	}
	if len(e.Fields) == 0 {
		errs = append(errs, web.FieldError{Field: "file", Message: i18n.T(lang, e.Key, e.Args...)})
	}
	return c.renderStart(ctx, http.StatusUnprocessableEntity, s, req, form, errs...)
}
