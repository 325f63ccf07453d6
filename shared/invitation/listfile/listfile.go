// Package listfile reads the invitation lists coordinators upload as
// CSV (UTF-8 or German Excel's Windows-1252) or as spreadsheet rows. It
// lives apart from package invitation so that only the admin function
// links the code pages (golang.org/x/text/encoding/charmap): the public
// functions resolve invitations but never read lists.
package listfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
)

// Text encodings of uploaded CSV lists.
const (
	UTF8 = "utf-8"
	// Windows1252 is what German Excel writes as "CSV (Trennzeichen-getrennt)".
	Windows1252 = "windows-1252"
)

// Blank says whether a row holds nothing but spaces (Excel writes ";;"
// for an empty row). Blank rows are skipped, and not counted.
func Blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// decodeText reads an uploaded text as UTF-8 (with or without BOM), else
// as Windows-1252; bytes that make control characters in both are no list.
func decodeText(body []byte) (string, string, error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	enc := UTF8
	if !utf8.Valid(body) {
		b, err := charmap.Windows1252.NewDecoder().Bytes(body)
		if err != nil {
			return "", "", apperr.New(apperr.BadRequest, "csv_encoding")
		}
		body, enc = b, Windows1252
	}
	for _, r := range string(body) {
		if r == utf8.RuneError || (unicode.IsControl(r) && r != '\t' && r != '\r' && r != '\n') {
			return "", "", apperr.New(apperr.BadRequest, "csv_encoding")
		}
	}
	return string(body), enc, nil
}

// ParseCSV reads an uploaded list: UTF-8 with or without BOM, or
// Windows-1252, separated by ';' or ',', with a header row naming
// organisation, email and optionally language (German or English names).
// Blank lines are skipped; a list of more than invitation.MaxRows entries comes back
// with invitation.MaxRows+1 of them, for Check to refuse.
func ParseCSV(body []byte, lang string) (*invitation.List, error) {
	rows, lines, enc, err := ReadCSV(body, lang)
	if err != nil {
		return nil, err
	}
	l, err := ParseRows(rows, lines, lang)
	if err != nil {
		return nil, err
	}
	l.Encoding = enc
	return l, nil
}

// ReadCSV reads an uploaded CSV's rows (blank ones skipped) with the line
// of each, and the text encoding it was read in (see ParseCSV).
func ReadCSV(body []byte, lang string) (rows [][]string, lines []int, enc string, err error) {
	text, enc, err := decodeText(body)
	if err != nil {
		return nil, nil, "", err
	}
	first, _, _ := strings.Cut(strings.TrimLeft(text, "\r\n"), "\n")
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = ','
	if strings.Count(first, ";") > strings.Count(first, ",") {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	for len(rows) <= invitation.MaxRows+1 { // the header and one entry too many
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, "", apperr.Validation([]apperr.FieldError{{Field: fmt.Sprintf("line %d", pe.StartLine), Code: "csv", Message: i18n.T(lang, "csv_malformed")}})
			}
			return nil, nil, "", apperr.New(apperr.BadRequest, "csv_malformed")
		}
		if Blank(rec) {
			continue
		}
		line, _ := r.FieldPos(0)
		rows, lines = append(rows, rec), append(lines, line)
	}
	return rows, lines, enc, nil
}

// Columns finds the columns of a list's header row (Column), the first
// of each kind.
func Columns(header []string) map[string]int {
	col := map[string]int{}
	for i, h := range header {
		if c := Column(h); c != "" {
			if _, seen := col[c]; !seen {
				col[c] = i
			}
		}
	}
	return col
}

// ParseRows reads a list's rows (from CSV or a spreadsheet), the first
// non-blank one the header, with the line number of each row.
func ParseRows(rows [][]string, lineOf []int, lang string) (*invitation.List, error) {
	for len(rows) > 0 && Blank(rows[0]) {
		rows, lineOf = rows[1:], lineOf[1:]
	}
	if len(rows) == 0 {
		return nil, apperr.Validation([]apperr.FieldError{{Field: "line 1", Code: "columns", Message: i18n.T(lang, "csv_columns")}})
	}
	col := Columns(rows[0])
	if _, ok := col["organisation"]; !ok {
		return nil, apperr.Validation([]apperr.FieldError{{Field: fmt.Sprintf("line %d", lineOf[0]), Code: "columns", Message: i18n.T(lang, "csv_columns")}})
	}
	if _, ok := col["email"]; !ok {
		return nil, apperr.Validation([]apperr.FieldError{{Field: fmt.Sprintf("line %d", lineOf[0]), Code: "columns", Message: i18n.T(lang, "csv_columns")}})
	}
	l := &invitation.List{}
	for k, rec := range rows[1:] {
		if Blank(rec) {
			continue
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		l.Entries = append(l.Entries, invitation.Entry{Organisation: get("organisation"), Email: get("email"), Language: LanguageCode(get("language"))})
		l.Lines = append(l.Lines, lineOf[k+1])
		if len(l.Entries) > invitation.MaxRows {
			break
		}
	}
	return l, nil
}
