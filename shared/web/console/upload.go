package console

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/invitation/listfile"
)

// parseList reads an uploaded invitation list: XLSX (a zip: the first
// sheet) or CSV, by content, whatever the file's name says. It lives
// here, not in shared/invitation, so that the public functions do not link
// excelize.
func parseList(name string, body []byte, lang string) (*invitation.List, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, apperr.New(apperr.BadRequest, "console.no_file")
	}
	if !bytes.HasPrefix(body, []byte("PK\x03\x04")) {
		if strings.HasSuffix(strings.ToLower(name), ".xlsx") {
			return nil, apperr.New(apperr.UnsupportedMediaType, "console.file_type")
		}
		rows, lines, enc, err := listfile.ReadCSV(body, lang)
		if err != nil {
			return nil, err
		}
		l, err := parseRows(rows, lines, lang)
		if err != nil {
			return nil, err
		}
		l.Encoding = enc
		return l, nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(body), excelize.Options{UnzipSizeLimit: 16 << 20, UnzipXMLSizeLimit: 8 << 20})
	if err != nil {
		return nil, apperr.New(apperr.UnsupportedMediaType, "console.file_type")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, apperr.New(apperr.UnsupportedMediaType, "console.file_type")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, apperr.New(apperr.UnsupportedMediaType, "console.file_type")
	}
	defer rows.Close()
	var all [][]string
	var lines []int
	for n := 1; rows.Next() && len(all) <= invitation.MaxRows+1; n++ { // the header and one entry too many
		cols, err := rows.Columns()
		if err != nil {
			return nil, apperr.New(apperr.UnsupportedMediaType, "console.file_type")
		}
		if listfile.Blank(cols) {
			continue
		}
		all, lines = append(all, cols), append(lines, n)
	}
	return parseRows(all, lines, lang)
}

// parseRows reads a list's rows (listfile.ParseRows); a header without
// the columns it needs is refused with the columns' names in the
// coordinator's language and the header it has.
func parseRows(rows [][]string, lines []int, lang string) (*invitation.List, error) {
	if len(rows) > 0 {
		col := listfile.Columns(rows[0])
		_, org := col["organisation"]
		_, email := col["email"]
		if !org || !email {
			found := make([]string, 0, len(rows[0]))
			for _, h := range rows[0] {
				if h = strings.TrimSpace(h); h != "" {
					found = append(found, "„"+h+"“")
				}
			}
			return nil, apperr.Validation([]apperr.FieldError{{Field: fmt.Sprintf("line %d", lines[0]), Code: "columns",
				Message: i18n.T(lang, "console.upload_columns", strings.Join(found, ", "))}})
		}
	}
	return listfile.ParseRows(rows, lines, lang)
}

// valueErrors adds to an upload's field errors (fields "line 3:
// language") the value the line has and what is allowed, where that
// helps: a language we do not know, an address that is none.
func valueErrors(err error, list *invitation.List, lang string) error {
	e := apperr.As(err)
	if list == nil || e.Code != apperr.ValidationFailed {
		return err
	}
	at := map[int]invitation.Entry{}
	for i, l := range list.Lines {
		at[l] = list.Entries[i]
	}
	fes := make([]apperr.FieldError, len(e.Fields))
	for i, fe := range e.Fields {
		fes[i] = fe
		rest, ok := strings.CutPrefix(fe.Field, "line ")
		if !ok {
			continue
		}
		n, field, _ := strings.Cut(rest, ": ")
		line, convErr := strconv.Atoi(n)
		entry, known := at[line]
		if convErr != nil || !known {
			continue
		}
		switch field {
		case "language":
			fes[i].Message = i18n.T(lang, "console.upload_bad_language", entry.Language)
		case "email":
			if entry.Email != "" {
				fes[i].Message = i18n.T(lang, "console.upload_bad_email", entry.Email)
			}
		}
	}
	return apperr.Validation(fes)
}
