package console

import (
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
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
		return listfile.ParseCSV(body, lang)
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
	return listfile.ParseRows(all, lines, lang)
}
