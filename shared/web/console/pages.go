package console

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// --- home ---

type surveyRow struct {
	admin.SurveySummary
	Answers int
	Counts  admin.InvitationCounts
	Closes  string
}

type meetingRow struct {
	admin.MeetingView
	Title, When, Deadline string
}

func (c *Console) home(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	surveys, err := c.svc.Surveys(ctx, s.Coordinator, lang)
	if err != nil {
		return Response{}, err
	}
	meetings, err := c.svc.Meetings(ctx, s.Coordinator)
	if err != nil {
		return Response{}, err
	}
	v := struct {
		base
		Surveys  []surveyRow
		Meetings []meetingRow
	}{base: withLang(c.base(s, lang, "console.home_title", "/console"), req)}
	for _, sv := range surveys {
		n, _, err := c.svc.InvitationOverview(ctx, s.Coordinator, invitation.Survey, sv.ID, 0)
		if err != nil {
			return Response{}, err
		}
		answers, err := c.svc.CountResponses(ctx, s.Coordinator, sv.ID)
		if err != nil {
			return Response{}, err
		}
		row := surveyRow{SurveySummary: sv, Answers: answers, Counts: n}
		if sv.ClosesAt != nil {
			row.Closes = when(lang, *sv.ClosesAt, c.svc.Zone)
		}
		v.Surveys = append(v.Surveys, row)
	}
	slices.SortStableFunc(v.Surveys, func(a, b surveyRow) int { return b.UpdatedAt.Compare(a.UpdatedAt) })
	for _, m := range meetings {
		v.Meetings = append(v.Meetings, meetingRow{MeetingView: m, Title: m.Title.In(lang),
			When: when(lang, m.StartsAt, m.Zone()), Deadline: when(lang, m.RegistrationClosesAt, m.Zone())})
	}
	slices.SortStableFunc(v.Meetings, func(a, b meetingRow) int { return b.StartsAt.Compare(a.StartsAt) })
	return pages.Render(http.StatusOK, "home.html", lang, true, v)
}

// --- survey ---

type optionRow struct {
	Label string
	Count int
	Share int // percent of those who answered the question
}

type questionView struct {
	admin.QuestionSummary
	Options          []optionRow
	Min, Median, Max string
}

type invitationsView struct {
	Counts admin.InvitationCounts
	List   []admin.InvitationView
	More   bool
	Action string // upload
	Remind string // reminders
}

type responseRow struct {
	ID, When, Source string
	Organisation     string // the answer's organisation name, if it has one
}

func (c *Console) survey(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	return c.surveyPage(ctx, s, req, lang, req.PathParameters["surveyId"], nil)
}

func (c *Console) surveyPage(ctx context.Context, s *Session, req *Request, lang, id string, errs []web.FieldError) (Response, error) {
	d, err := c.svc.Survey(ctx, s.Coordinator, id)
	if err != nil {
		return Response{}, err
	}
	source := req.QueryStringParameters["source"]
	if source != admin.SourceInvited && source != admin.SourcePublic {
		source = admin.SourceAll
	}
	sum, err := c.svc.Summary(ctx, s.Coordinator, id, lang, source)
	if err != nil {
		return Response{}, err
	}
	inv, err := c.invitations(ctx, s, invitation.Survey, id)
	if err != nil {
		return Response{}, err
	}
	page, err := c.svc.Responses(ctx, s.Coordinator, id, "", admin.MaxPage)
	if err != nil {
		return Response{}, err
	}
	v := struct {
		base
		Survey           *survey.Definition
		Title, Status    string
		Path             string
		Source           string
		Summary          *admin.Summary
		Questions        []questionView
		Invitations      invitationsView
		Responses        []responseRow
		MoreResponses    bool
		Invited, Already int
		Reminded, Erased int
		Objected         int
		ReadAs           string
	}{base: withLang(c.base(s, lang, "console.survey_title", "/console/surveys/"+id, d.Title.In(lang)), req),
		Survey: d, Title: d.Title.In(lang), Status: string(d.StatusAt(c.svc.Now())), Path: "/console/surveys/" + id,
		Source: source, Summary: sum, Invitations: inv, MoreResponses: page.NextCursor != "",
		Invited: flashInt(req, "invited"), Already: flashInt(req, "already"), Reminded: flashInt(req, "reminded"), Erased: flashInt(req, "erased"),
		Objected: flashInt(req, "objected"), ReadAs: readAs(req, lang)}
	v.Errors = errs
	for _, q := range sum.Questions {
		v.Questions = append(v.Questions, questionRows(d, q, lang))
	}
	for _, r := range page.Items {
		src := i18n.T(lang, "console.source_public")
		if r.InvitationID != "" {
			src = i18n.T(lang, "console.source_invited")
		}
		v.Responses = append(v.Responses, responseRow{ID: r.ID, When: r.SubmittedAt.In(c.svc.Zone).Format("2006-01-02 15:04"), Source: src,
			Organisation: d.OrganisationOf(r.Answers)})
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	return pages.Render(status, "survey.html", lang, true, v)
}

// questionRows puts a question's counts in the order of its options, with
// their labels in lang.
func questionRows(d *survey.Definition, q admin.QuestionSummary, lang string) questionView {
	v := questionView{QuestionSummary: q}
	num := func(f *float64) string {
		if f == nil {
			return "–"
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	v.Min, v.Median, v.Max = num(q.Min), num(q.Median), num(q.Max)
	var def *survey.Question
	for i := range d.Questions {
		if d.Questions[i].ID == q.ID {
			def = &d.Questions[i]
		}
	}
	if def == nil || q.Counts == nil {
		return v
	}
	add := func(code, label string) {
		v.Options = append(v.Options, optionRow{Label: label, Count: q.Counts[code], Share: share(q.Counts[code], q.Answered)})
	}
	for _, c := range def.Choices(lang) {
		add(c.Code, c.Label)
	}
	return v
}

func share(n, of int) int {
	if of == 0 {
		return 0
	}
	return (n*100 + of/2) / of
}

// invitations reads a target's invitation counts and the first page of
// them.
func (c *Console) invitations(ctx context.Context, s *Session, kind invitation.Kind, id string) (invitationsView, error) {
	n, list, err := c.svc.InvitationOverview(ctx, s.Coordinator, kind, id, admin.MaxPage)
	if err != nil {
		return invitationsView{}, err
	}
	path := pagePath(kind, id)
	return invitationsView{Counts: n, List: list, More: n.Invited > len(list), Action: path + "/invitations", Remind: path + "/reminders"}, nil
}

func (c *Console) eraseResponse(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	id, rid := req.PathParameters["surveyId"], req.PathParameters["responseId"]
	if form.Get("confirm") != "yes" {
		// The question names the answer: its organisation and when it came.
		r, err := c.svc.Response(ctx, s.Coordinator, id, rid)
		if err != nil {
			return Response{}, err
		}
		d, err := c.svc.Survey(ctx, s.Coordinator, id)
		if err != nil {
			return Response{}, err
		}
		text := i18n.T(lang, "console.erase_response_text")
		if org := d.OrganisationOf(r.Answers); org != "" {
			text = i18n.T(lang, "console.erase_response_text_of", i18n.Isolate(lang, org), i18n.Isolate(lang, r.SubmittedAt.Format("2006-01-02 15:04")))
		}
		return c.confirm(s, req, lang, "console.erase_response_title", text,
			"/console/surveys/"+id+"/responses/"+rid+"/erase", "/console/surveys/"+id)
	}
	if err := c.svc.EraseResponse(ctx, s.Coordinator, id, rid); err != nil {
		return Response{}, err
	}
	return web.Redirect("/console/surveys/"+id+flash(req, "erased", 1)+"#responses", lang, true), nil
}

// confirm asks before an erasure (a form that posts again with confirm=yes).
func (c *Console) confirm(s *Session, req *Request, lang, titleKey, text, action, back string) (Response, error) {
	b := withLang(c.base(s, lang, titleKey, action), req)
	return pages.Render(http.StatusOK, "confirm.html", lang, true, struct {
		base
		Text, Action, Back string
	}{b, text, action + b.Q, back + b.Q})
}

// --- meeting ---

type registrationRow struct {
	meeting.View
	When string
}

func (c *Console) meeting(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	return c.meetingPage(ctx, s, req, lang, req.PathParameters["meetingId"], nil)
}

func (c *Console) meetingPage(ctx context.Context, s *Session, req *Request, lang, id string, errs []web.FieldError) (Response, error) {
	mv, regs, err := c.svc.MeetingWithRegistrations(ctx, s.Coordinator, id)
	if err != nil {
		return Response{}, err
	}
	inv, err := c.invitations(ctx, s, invitation.Meeting, id)
	if err != nil {
		return Response{}, err
	}
	v := struct {
		base
		M                     *admin.MeetingView
		Title, When, Deadline string
		Path                  string
		Confirmed, Waiting    []registrationRow
		Cancelled             int
		Needs                 []admin.NeedCount
		Invitations           invitationsView
		Invited, Already      int
		Reminded, Erased      int
		Objected              int
		Saved                 bool
		ReadAs                string
	}{base: withLang(c.base(s, lang, "console.meeting_title", "/console/meetings/"+id, mv.Title.In(lang)), req),
		M: mv, Title: mv.Title.In(lang), When: when(lang, mv.StartsAt, mv.Zone()) + " – " + i18n.Clock(lang, mv.EndsAt.In(mv.Zone())),
		Deadline: when(lang, mv.RegistrationClosesAt, mv.Zone()), Path: "/console/meetings/" + id,
		Needs: admin.NeedTotals(regs), Invitations: inv,
		Invited: flashInt(req, "invited"), Already: flashInt(req, "already"), Reminded: flashInt(req, "reminded"),
		Erased: flashInt(req, "erased"), Objected: flashInt(req, "objected"), Saved: flashInt(req, "saved") == 1, ReadAs: readAs(req, lang)}
	v.Errors = errs
	for _, r := range regs {
		row := registrationRow{View: r, When: r.CreatedAt.Format("2006-01-02 15:04")}
		switch r.Status {
		case meeting.Confirmed:
			v.Confirmed = append(v.Confirmed, row)
		case meeting.Waitlisted:
			v.Waiting = append(v.Waiting, row)
		default:
			v.Cancelled++
		}
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	return pages.Render(status, "meeting.html", lang, true, v)
}

func (c *Console) attendance(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	id := req.PathParameters["meetingId"]
	mv, regs, err := c.svc.MeetingWithRegistrations(ctx, s.Coordinator, id)
	if err != nil {
		return Response{}, err
	}
	v := struct {
		base
		Title, When, Place, Back string
		People                   []meeting.View
	}{base: withLang(c.base(s, lang, "console.attendance_title", "/console/meetings/"+id+"/attendance", mv.Title.In(lang)), req),
		Title: mv.Title.In(lang), When: when(lang, mv.StartsAt, mv.Zone()),
		Place: strings.Trim(mv.Location.Name+", "+mv.Location.Address, ", "), Back: "/console/meetings/" + id}
	for _, r := range regs {
		if r.Status == meeting.Confirmed {
			v.People = append(v.People, r)
		}
	}
	return pages.Render(http.StatusOK, "attendance.html", lang, true, v)
}

func (c *Console) eraseRegistration(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	id, rid := req.PathParameters["meetingId"], req.PathParameters["registrationId"]
	if form.Get("confirm") != "yes" {
		return c.confirm(s, req, lang, "console.erase_registration_title", i18n.T(lang, "console.erase_registration_text"),
			"/console/meetings/"+id+"/registrations/"+rid+"/erase", "/console/meetings/"+id)
	}
	if err := c.svc.EraseRegistration(ctx, s.Coordinator, id, rid); err != nil {
		return Response{}, err
	}
	return web.Redirect("/console/meetings/"+id+flash(req, "erased", 1)+"#registrations", lang, true), nil
}

// --- meeting form ---

// meetingForm is the form of a meeting, as strings.
type meetingForm struct {
	base
	Action, Back               string
	New                        bool
	Titles                     []titleField
	Start, End, Deadline, Zone string
	Place, Address, Online     string
	Capacity, PerOrganisation  string
	RemindDays                 string // remindAfterDays, "7, 14"
	InvitationOnly             bool
	Err                        map[string]string
}

type titleField struct {
	Lang, Name, Value string
}

// localTime is the datetime-local format.
const localTime = "2006-01-02T15:04"

func (c *Console) newMeeting(_ context.Context, s *Session, req *Request, lang string) (Response, error) {
	f := c.form(s, req, lang, nil)
	return pages.Render(http.StatusOK, "meeting_form.html", lang, true, f)
}

func (c *Console) editMeeting(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	mv, err := c.svc.Meeting(ctx, s.Coordinator, req.PathParameters["meetingId"])
	if err != nil {
		return Response{}, err
	}
	return pages.Render(http.StatusOK, "meeting_form.html", lang, true, c.form(s, req, lang, mv.Meeting))
}

// form fills the meeting form from m (nil: a new meeting).
func (c *Console) form(s *Session, req *Request, lang string, m *meeting.Meeting) meetingForm {
	f := meetingForm{New: m == nil, Zone: "Europe/Berlin", Capacity: "30", Err: map[string]string{}}
	if m == nil {
		f.base = withLang(c.base(s, lang, "console.new_meeting_title", "/console/meetings/new"), req)
		f.Action, f.Back = "/console/meetings", "/console"
		m = &meeting.Meeting{}
	} else {
		f.base = withLang(c.base(s, lang, "console.edit_meeting_title", "/console/meetings/"+m.ID+"/edit", m.Title.In(lang)), req)
		f.Action, f.Back = "/console/meetings/"+m.ID, "/console/meetings/"+m.ID
		z := m.Zone()
		f.Start, f.End, f.Deadline, f.Zone = m.StartsAt.In(z).Format(localTime), m.EndsAt.In(z).Format(localTime),
			m.RegistrationClosesAt.In(z).Format(localTime), m.TimeZone
		f.Place, f.Address, f.Online = m.Location.Name, m.Location.Address, m.Location.OnlineURL
		f.Capacity = strconv.Itoa(m.Capacity)
		if m.MaxPerOrganisation > 0 {
			f.PerOrganisation = strconv.Itoa(m.MaxPerOrganisation)
		}
		f.InvitationOnly = m.InvitationOnly
		days := make([]string, len(m.RemindAfterDays))
		for i, d := range m.RemindAfterDays {
			days[i] = strconv.Itoa(d)
		}
		f.RemindDays = strings.Join(days, ", ")
	}
	for _, l := range i18n.Supported {
		f.Titles = append(f.Titles, titleField{Lang: l, Name: i18n.T(l, "page.language_name"), Value: m.Title[l]})
	}
	return f
}

func (c *Console) createMeeting(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	return c.saveMeeting(ctx, s, req, lang, form, nil)
}

func (c *Console) updateMeeting(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	mv, err := c.svc.Meeting(ctx, s.Coordinator, req.PathParameters["meetingId"])
	if err != nil {
		return Response{}, err
	}
	return c.saveMeeting(ctx, s, req, lang, form, mv.Meeting)
}

// saveMeeting reads the form into settings (an edit keeps what the form
// does not show: description, notice, waitlist bound, retention), lets the
// admin service check and store them, and shows the form again with the
// errors beside their fields.
func (c *Console) saveMeeting(ctx context.Context, s *Session, req *Request, lang string, form *Form, old *meeting.Meeting) (Response, error) {
	var set meeting.Settings
	if old != nil {
		set = old.Settings
	}
	set.Title = i18n.Text{}
	for _, l := range i18n.Supported {
		if t := strings.TrimSpace(form.Get("title." + l)); t != "" {
			set.Title[l] = t
		}
	}
	f := c.form(s, req, lang, old)
	f.Start, f.End, f.Deadline, f.Zone = form.Get("startsAt"), form.Get("endsAt"), form.Get("registrationClosesAt"), strings.TrimSpace(form.Get("timeZone"))
	f.Place, f.Address, f.Online = form.Get("location.name"), form.Get("location.address"), strings.TrimSpace(form.Get("location.onlineUrl"))
	f.Capacity, f.PerOrganisation = form.Get("capacity"), form.Get("maxPerOrganisation")
	f.InvitationOnly = form.Get("invitationOnly") == "true"
	set.InvitationOnly = f.InvitationOnly
	for i := range f.Titles {
		f.Titles[i].Value = form.Get("title." + f.Titles[i].Lang)
	}
	set.TimeZone, set.Location = f.Zone, meeting.Location{Name: strings.TrimSpace(f.Place), Address: strings.TrimSpace(f.Address), OnlineURL: f.Online}
	zone, zerr := meeting.LoadZone(f.Zone)
	if zerr != nil {
		zone = time.UTC
	}
	parse := func(field, v string) time.Time {
		t, err := time.ParseInLocation(localTime, strings.TrimSpace(v), zone)
		if err != nil && strings.TrimSpace(v) != "" {
			f.Err[field] = i18n.T(lang, "console.bad_time")
		}
		return t
	}
	set.StartsAt, set.EndsAt, set.RegistrationClosesAt = parse("startsAt", f.Start), parse("endsAt", f.End), parse("registrationClosesAt", f.Deadline)
	number := func(field, v string) int {
		v = strings.TrimSpace(v)
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			f.Err[field] = i18n.T(lang, "console.bad_number")
		}
		return n
	}
	set.Capacity, set.MaxPerOrganisation = number("capacity", f.Capacity), number("maxPerOrganisation", f.PerOrganisation)
	f.RemindDays = form.Get("remindAfterDays")
	set.RemindAfterDays = nil
	for _, d := range strings.FieldsFunc(f.RemindDays, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		set.RemindAfterDays = append(set.RemindAfterDays, number("remindAfterDays", d))
	}
	if len(f.Err) == 0 {
		var mv *admin.MeetingView
		var err error
		if old == nil {
			mv, err = c.svc.CreateMeeting(ctx, s.Coordinator, set, lang)
		} else {
			mv, err = c.svc.UpdateMeeting(ctx, s.Coordinator, old.ID, set, lang)
		}
		if err == nil {
			return web.Redirect("/console/meetings/"+mv.ID+flash(req, "saved", 1), lang, true), nil
		}
		e := apperr.As(err)
		if e == nil || e.Code != apperr.ValidationFailed {
			return Response{}, err
		}
		for _, fe := range e.Fields {
			field := fe.Field
			if strings.HasPrefix(field, "title") {
				field = "title.de"
			}
			if field == "location" {
				field = "location.name"
			}
			if strings.HasPrefix(field, "remindAfterDays") {
				field = "remindAfterDays"
			}
			if _, ok := f.Err[field]; !ok {
				f.Err[field] = fe.Message
			}
		}
	}
	for _, id := range []string{"title.de", "startsAt", "endsAt", "timeZone", "location.name", "location.onlineUrl", "capacity", "registrationClosesAt", "maxPerOrganisation", "remindAfterDays"} {
		if m, ok := f.Err[id]; ok {
			f.Errors = append(f.Errors, web.FieldError{Field: fieldID(id), Message: m})
		}
	}
	// A setting the form does not show (an edit keeps it) that no longer
	// fits: in the summary, linked to the form's first field.
	for _, id := range slices.Sorted(maps.Keys(f.Err)) {
		if !slices.ContainsFunc(f.Errors, func(e web.FieldError) bool { return e.Field == fieldID(id) }) {
			f.Errors = append(f.Errors, web.FieldError{Field: "title-de", Message: f.Err[id]})
		}
	}
	return pages.Render(http.StatusUnprocessableEntity, "meeting_form.html", lang, true, f)
}

// fieldID is the element id of a form field (dots are awkward in ids).
func fieldID(name string) string { return strings.ReplaceAll(name, ".", "-") }
