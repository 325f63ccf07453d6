package admin

import (
	"context"
	"io"
	"strconv"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/export"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// ExportReport writes the report of one of the office's surveys as an
// XLSX workbook (export's writer): the overview, then a sheet of the
// choices (one row per question and option: count, share, the earlier
// round's share), one of the numbers (median, min, max) and one of the
// free texts (with their organisation, or anonymous).
func (s *Service) ExportReport(ctx context.Context, c *auth.Coordinator, id, officeName string, o export.Options, w io.Writer) error {
	rep, err := s.Report(ctx, c, id, o.Lang)
	if err != nil {
		return err
	}
	return WriteReport(w, rep, officeName, s.now().In(s.Zone), o.Lang)
}

// WriteReport writes rep as a workbook in lang.
func WriteReport(w io.Writer, rep *Report, officeName string, now time.Time, lang string) error {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	d, in := rep.Survey, rep.Invitations
	overview := [][]export.Cell{}
	for _, kv := range []struct {
		key string
		v   any
	}{{"console.report_survey", d.Title.In(lang)}, {"console.report_office", officeName}, {"console.report_date_label", now},
		{"console.report_invited", in.Invited}, {"console.report_responded", in.Responded}, {"console.report_elsewhere", in.Elsewhere},
		{"console.report_answers", rep.ByInvitation + rep.ByPublic}, {"console.report_by_invitation", rep.ByInvitation},
		{"console.report_by_public", rep.ByPublic}} {
		overview = append(overview, cells(t(kv.key), kv.v))
	}
	for _, l := range rep.Languages {
		overview = append(overview, cells(t("console.report_in_language", i18n.Name(l.Lang)), l.Count))
	}
	heads := func(keys ...string) []export.Cell {
		row := make([]export.Cell, len(keys))
		for i, k := range keys {
			row[i] = export.Text(t(k))
		}
		return row
	}
	choices := [][]export.Cell{heads("console.report_section", "export.question", "console.option", "export.column",
		"console.report_asked_head", "console.count", "console.report_share_percent")}
	if rep.Earlier != nil {
		choices[0] = append(choices[0], export.Text(t("console.report_earlier", rep.Earlier.Year)))
	}
	numbers := [][]export.Cell{heads("console.report_section", "export.question", "console.report_asked_head",
		"console.report_answered_head", "console.median", "console.min", "console.max")}
	texts := [][]export.Cell{heads("console.report_section", "export.question", "console.organisation",
		"console.language", "console.report_answer", "console.report_machine")}
	sections := map[string]string{}
	for _, sec := range d.Sections {
		sections[sec.ID] = sec.Title.In(lang)
	}
	defs := map[string]*survey.Question{}
	for i := range d.Questions {
		defs[d.Questions[i].ID] = &d.Questions[i]
	}
	for _, q := range rep.Summary.Questions {
		def := defs[q.ID]
		sec := sections[def.Section]
		switch {
		case q.Counts != nil:
			for _, ch := range def.Choices(lang) {
				row := cells(sec, q.Label, ch.Label, q.ID+"."+ch.Code, q.Asked, q.Counts[ch.Code], Share(q.Counts[ch.Code], q.Asked))
				if e, ok := rep.Earlier.share(q.ID, ch.Code); ok {
					row = append(row, cells(e)...)
				}
				choices = append(choices, row)
			}
		case def.Kind().Summary == survey.SummaryNumbers:
			numbers = append(numbers, cells(sec, q.Label, q.Asked, q.Answered, q.Median, q.Min, q.Max))
		default:
			for _, a := range rep.Texts[q.ID] {
				org := a.Organisation
				if org == "" {
					org = t("console.report_anonymous")
				}
				texts = append(texts, cells(sec, q.Label, org, a.Language, a.Text, a.German))
			}
		}
	}
	return export.XLSX(w, t("console.report_sheet_overview"), heads("console.report_figure", "console.report_value"),
		// Rows by pointer: the instance of XLSX the answers' export uses.
		func(fn func([]*[]export.Cell) error) error {
			rows := make([]*[]export.Cell, len(overview))
			for i := range overview {
				rows[i] = &overview[i]
			}
			return fn(rows)
		},
		func(_ []export.Cell, row *[]export.Cell) []export.Cell { return *row }, nil,
		export.Sheet{Name: t("console.report_sheet_choices"), Rows: choices},
		export.Sheet{Name: t("console.report_sheet_numbers"), Rows: numbers},
		export.Sheet{Name: t("console.report_sheet_texts"), Rows: texts})
}

// cells makes a row: texts as text, whole numbers and numbers (nil:
// empty) as numbers, a time as a time.
func cells(vals ...any) []export.Cell {
	row := make([]export.Cell, len(vals))
	for i, v := range vals {
		switch v := v.(type) {
		case string:
			row[i] = export.Text(v)
		case int:
			row[i] = export.Number(strconv.Itoa(v), float64(v))
		case *float64:
			if v != nil {
				row[i] = export.Number(strconv.FormatFloat(*v, 'f', -1, 64), *v)
			}
		case time.Time:
			row[i] = export.Cell{Value: v.Format("2006-01-02 15:04"), Time: v}
		}
	}
	return row
}

// share is the earlier round's share of an option, if it had the
// question and the option.
func (r *Round) share(qid, code string) (int, bool) {
	if r == nil {
		return 0, false
	}
	n, ok := r.Shares[qid][code]
	return n, ok
}

// Share is the earlier round's share of an option (for pages).
func (r *Round) Share(qid, code string) (int, bool) { return r.share(qid, code) }
