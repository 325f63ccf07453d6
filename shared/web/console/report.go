package console

import (
	"context"
	"io"
	"net/http"
	"strconv"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/export"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// MaxReportTexts bounds the free texts the report page lists per
// question (all of them are in its XLSX): a printed report stays
// readable, the page small.
const MaxReportTexts = 100

type reportOption struct {
	optionRow
	// Earlier is the earlier round's share ("–" when it had no such
	// option; "" without an earlier round).
	Earlier string
}

type reportText struct {
	admin.TextAnswer
	Name string // the organisation, or "anonym" in the page's language
	// Translatable: in another language than German, not yet translated,
	// and the setting is on.
	Translatable bool
}

type reportQuestion struct {
	questionView
	Opts      []reportOption
	Texts     []reportText
	MoreTexts int
	NotAsked  int
	// Contact: bound to the organisation's record (its name, its
	// contacts): counted, not listed.
	Contact bool
	Numbers bool
	// Seeks: bound to the record's seeks (the needs): each option offers
	// a meeting about it (templates/need.html).
	Seeks bool
}

type reportSection struct {
	ID, Title string
	Questions []reportQuestion
}

type languageRow struct {
	Lang, Name string
	Count      int
	ShareText  string
}

func (c *Console) report(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	id := req.PathParameters["surveyId"]
	rep, err := c.svc.Report(ctx, s.Coordinator, id, lang)
	if err != nil {
		return Response{}, err
	}
	d := rep.Survey
	path := "/console/surveys/" + id
	v := struct {
		base
		SurveyID, SurveyTitle, Path, Date string
		Invitations                       admin.InvitationCounts
		RateText                          string
		Answers, ByInvitation, ByPublic   int
		AnswerLanguages                   []languageRow
		Sections                          []reportSection
		Earlier                           string
		Translate                         bool
		Translated, Left                  int
		TranslateAction, TranslatableSome string
	}{base: withLang(c.base(s, lang, "console.report_title", path+"/report", d.Title.In(lang)), req),
		SurveyID: id, SurveyTitle: d.Title.In(lang), Path: path, Date: i18n.Date(lang, c.svc.Now().In(c.svc.Zone)),
		Invitations: rep.Invitations, Answers: rep.ByInvitation + rep.ByPublic, ByInvitation: rep.ByInvitation, ByPublic: rep.ByPublic,
		Translate: c.svc.Translates(), Translated: flashInt(req, "translated"), Left: flashInt(req, "left"), TranslateAction: path + "/report/translate"}
	if v.Invitations.Invited > 0 {
		v.RateText = i18n.Percent(lang, admin.Share(v.Invitations.Responded, v.Invitations.Invited))
	}
	for _, l := range rep.Languages {
		v.AnswerLanguages = append(v.AnswerLanguages, languageRow{Lang: l.Lang, Name: i18n.Name(l.Lang), Count: l.Count,
			ShareText: i18n.Percent(lang, admin.Share(l.Count, v.Answers))})
	}
	if rep.Earlier != nil {
		v.Earlier = strconv.Itoa(rep.Earlier.Year)
	}
	anonymous := i18n.T(lang, "console.report_anonymous")
	defs := map[string]*survey.Question{}
	for i := range d.Questions {
		defs[d.Questions[i].ID] = &d.Questions[i]
	}
	sections := map[string]int{}
	add := func(secID, title string) {
		sections[secID] = len(v.Sections)
		v.Sections = append(v.Sections, reportSection{ID: secID, Title: title})
	}
	for _, q := range rep.Summary.Questions {
		def := defs[q.ID]
		if _, ok := sections[def.Section]; !ok {
			title := i18n.T(lang, "console.report_general")
			for _, sec := range d.Sections {
				if sec.ID == def.Section {
					title = sec.Title.In(lang)
				}
			}
			add(def.Section, title)
		}
		rq := reportQuestion{questionView: questionRows(d, q, lang), NotAsked: rep.Summary.Responses - q.Asked,
			Numbers: def.Kind().Summary == survey.SummaryNumbers, Seeks: def.Profile == "seeks", Contact: q.Counts == nil && def.Kind().Summary != survey.SummaryNumbers && !admin.Reported(def)}
		for _, o := range rq.Options {
			ro := reportOption{optionRow: o}
			if rep.Earlier != nil {
				ro.Earlier = "–"
				if e, ok := rep.Earlier.Share(q.ID, o.Code); ok {
					ro.Earlier = i18n.Percent(lang, e)
				}
			}
			rq.Opts = append(rq.Opts, ro)
		}
		texts := rep.Texts[q.ID]
		if len(texts) > MaxReportTexts {
			rq.MoreTexts, texts = len(texts)-MaxReportTexts, texts[:MaxReportTexts]
		}
		for _, a := range texts {
			t := reportText{TextAnswer: a, Name: a.Organisation}
			if t.Name == "" {
				t.Name = anonymous
			}
			t.Translatable = v.Translate && a.German == "" && a.Language != "" && a.Language != "de"
			if t.Translatable {
				v.TranslatableSome = "yes"
			}
			rq.Texts = append(rq.Texts, t)
		}
		sec := &v.Sections[sections[def.Section]]
		sec.Questions = append(sec.Questions, rq)
	}
	return pages.Render(http.StatusOK, "report.html", lang, true, v)
}

func (c *Console) reportXLSX(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	id := req.PathParameters["surveyId"]
	office := s.Office
	if s.officeName != nil {
		office = s.officeName(lang)
	}
	return c.export(withLabels(req), lang, true, func(d export.Dialect) string { return admin.ExportName(id, "bericht", true, d, c.svc.Now()) },
		func(w io.Writer, o export.Options) error {
			return c.svc.ExportReport(ctx, s.Coordinator, id, office, o, w)
		})
}

// translateAnswers translates free texts of the report into German: one
// answer's (fields response and question) or all that have none yet.
func (c *Console) translateAnswers(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	id := req.PathParameters["surveyId"]
	rid, qid := form.Text("response"), form.Text("question")
	done, left, err := c.svc.TranslateAnswers(ctx, s.Coordinator, id, rid, qid)
	if err != nil {
		return Response{}, err
	}
	anchor := ""
	if qid != "" {
		anchor = "#q-" + qid
	}
	return web.Redirect("/console/surveys/"+id+"/report"+flash(req, "translated", done, "left", left)+anchor, lang, true), nil
}
