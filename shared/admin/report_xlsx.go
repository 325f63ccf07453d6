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
	text, num := export.Text, func(n int) export.Cell { return export.Number(strconv.Itoa(n), float64(n)) }
	d := rep.Survey
	in := rep.Invitations
	overview := [][]export.Cell{
		{text(t("console.report_survey")), text(d.Title.In(lang))},
		{text(t("console.report_office")), text(officeName)},
		{text(t("console.report_date_label")), {Value: now.Format("2006-01-02 15:04"), Time: now}},
		{text(t("console.report_invited")), num(in.Invited)},
		{text(t("console.report_responded")), num(in.Responded)},
		{text(t("console.report_elsewhere")), num(in.Elsewhere)},
		{text(t("console.report_answers")), num(rep.ByInvitation + rep.ByPublic)},
		{text(t("console.report_by_invitation")), num(rep.ByInvitation)},
		{text(t("console.report_by_public")), num(rep.ByPublic)},
	}
	for _, l := range rep.Languages {
		overview = append(overview, []export.Cell{text(t("console.report_in_language", i18n.Name(l.Lang))), num(l.Count)})
	}
	earlier := ""
	if rep.Earlier != nil {
		earlier = t("console.report_earlier", rep.Earlier.Year)
	}
	choices := [][]export.Cell{{text(t("console.report_section")), text(t("export.question")), text(t("console.option")), text(t("export.column")),
		text(t("console.report_asked_head")), text(t("console.count")), text(t("console.report_share_percent"))}}
	if rep.Earlier != nil {
		choices[0] = append(choices[0], text(earlier))
	}
	numbers := [][]export.Cell{{text(t("console.report_section")), text(t("export.question")), text(t("console.report_asked_head")),
		text(t("console.report_answered_head")), text(t("console.median")), text(t("console.min")), text(t("console.max"))}}
	texts := [][]export.Cell{{text(t("console.report_section")), text(t("export.question")), text(t("console.organisation")),
		text(t("console.language")), text(t("console.report_answer")), text(t("console.report_machine"))}}
	sections := map[string]string{}
	for _, sec := range d.Sections {
		sections[sec.ID] = sec.Title.In(lang)
	}
	defs := map[string]*survey.Question{}
	for i := range d.Questions {
		defs[d.Questions[i].ID] = &d.Questions[i]
	}
	f := func(p *float64) export.Cell {
		if p == nil {
			return text("")
		}
		return export.Number(strconv.FormatFloat(*p, 'f', -1, 64), *p)
	}
	for _, q := range rep.Summary.Questions {
		def := defs[q.ID]
		sec := text(sections[def.Section])
		switch {
		case q.Counts != nil:
			for _, ch := range def.Choices(lang) {
				row := []export.Cell{sec, text(q.Label), text(ch.Label), text(q.ID + "." + ch.Code), num(q.Asked), num(q.Counts[ch.Code]), num(Share(q.Counts[ch.Code], q.Asked))}
				if e, ok := rep.Earlier.share(q.ID, ch.Code); ok {
					row = append(row, num(e))
				} else if rep.Earlier != nil {
					row = append(row, text(""))
				}
				choices = append(choices, row)
			}
		case q.Type == string(survey.TypeNumber):
			numbers = append(numbers, []export.Cell{sec, text(q.Label), num(q.Asked), num(q.Answered), f(q.Median), f(q.Min), f(q.Max)})
		default:
			for _, a := range rep.Texts[q.ID] {
				org := a.Organisation
				if org == "" {
					org = t("console.report_anonymous")
				}
				texts = append(texts, []export.Cell{sec, text(q.Label), text(org), text(a.Language), text(a.Text), text(a.German)})
			}
		}
	}
	return export.XLSX(w, t("console.report_sheet_overview"), []export.Cell{text(t("console.report_figure")), text(t("console.report_value"))},
		func(fn func([][]export.Cell) error) error { return fn(overview) },
		func(_ []export.Cell, row []export.Cell) []export.Cell { return row }, nil,
		export.Sheet{Name: t("console.report_sheet_choices"), Rows: choices},
		export.Sheet{Name: t("console.report_sheet_numbers"), Rows: numbers},
		export.Sheet{Name: t("console.report_sheet_texts"), Rows: texts})
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
