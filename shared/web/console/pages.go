package console

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
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
	Code  string // the option's stable code
	Label string
	Count int
	Share int // percent of those asked the question (all, unless it has conditions)
	// ShareText is Share as lang writes a percentage ("50 %", "%50").
	ShareText string
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
	Action string // upload, and the form that adds one
	Remind string // reminders
	Path   string // the survey's or meeting's page: each invitation's is under it
	Texts  string // the mail texts' page
	// Deleted: an invitation was just deleted (the flash).
	Deleted bool
	// Closed: a cancelled meeting, that nobody is invited to or reminded
	// of (no upload, add or reminder forms).
	Closed bool
}

// AddFields are the controls of the form that invites one organisation.
func (invitationsView) AddFields(lang string) []web.Input {
	return invitationInputs(newForm(lang, nil))
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
	byInvitation, byPublic, err := c.svc.AnswerChannels(ctx, s.Coordinator, id)
	if err != nil {
		return Response{}, err
	}
	inv.Deleted = flashInt(req, "deleted") == 1
	v := struct {
		base
		Survey           *survey.Definition
		Title, Status    string
		Path             string
		Source           web.Input
		Summary          *admin.Summary
		Questions        []questionView
		Invitations      invitationsView
		Responses        []responseRow
		MoreResponses    bool
		Invited, Already int
		Reminded, Erased int
		Objected         int
		ReadAs           string
		// Answers counts all answers, ByInvitation and ByPublic by where
		// they came from.
		Answers, ByInvitation, ByPublic int
	}{base: withLang(c.base(s, lang, "console.survey_title", "/console/surveys/"+id, d.Title.In(lang)), req),
		Answers: byInvitation + byPublic, ByInvitation: byInvitation, ByPublic: byPublic,
		Survey: d, Title: d.Title.In(lang), Status: string(d.StatusAt(c.svc.Now())), Path: "/console/surveys/" + id,
		Source: sourceFilter(lang, source), Summary: sum, Invitations: inv, MoreResponses: page.NextCursor != "",
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
		return i18n.Number(lang, *f)
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
		n := share(q.Counts[code], q.Asked)
		v.Options = append(v.Options, optionRow{Code: code, Label: label, Count: q.Counts[code], Share: n, ShareText: i18n.Percent(lang, n)})
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
	return invitationsView{Counts: n, List: list, More: n.Invited > len(list), Action: path + "/invitations", Remind: path + "/reminders",
		Path: path, Texts: path + "/mail-texts"}, nil
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

// confirm asks before an erasure: the one confirm page (web.Confirm's
// fields, with the console's navigation).
func (c *Console) confirm(s *Session, req *Request, lang, titleKey, text, action, back string) (Response, error) {
	b := withLang(c.base(s, lang, titleKey, action), req)
	b.Stamp = b.StampFor(action)
	return pages.Render(http.StatusOK, "confirm.html", lang, true, struct {
		base
		TitleKey, TextKey, YesKey, Text string
		Action, Back, Invitation        string
	}{base: b, YesKey: "console.erase", Text: text, Action: action + b.Q, Back: back + b.Q})
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
	inv.Deleted, inv.Closed = flashInt(req, "deleted") == 1, mv.Cancelled()
	msgs, err := c.svc.Messages(ctx, s.Coordinator, id)
	if err != nil {
		return Response{}, err
	}
	v := struct {
		base
		Messages              []messageRow
		Sent, CancelledFlash  int
		M                     *admin.MeetingView
		Title, When, Deadline string
		Path                  string
		Confirmed, Waiting    []registrationRow
		Cancelled             int
		Needs                 []admin.NeedCount
		Topics                []meeting.TopicCount
		Invitations           invitationsView
		Invited, Already      int
		Reminded, Erased      int
		Objected              int
		Saved                 bool
		ReadAs                string
		// From a need: published, the planned invitations made.
		Published, Planned, NoAddress int
	}{base: withLang(c.base(s, lang, "console.meeting_title", "/console/meetings/"+id, mv.Title.In(lang)), req),
		M: mv, Title: mv.Title.In(lang), When: when(lang, mv.StartsAt, mv.Zone()) + " – " + i18n.Clock(lang, mv.EndsAt.In(mv.Zone())),
		Deadline: when(lang, mv.RegistrationClosesAt, mv.Zone()), Path: "/console/meetings/" + id,
		Needs: admin.NeedTotals(regs), Topics: meeting.TopicTotals(mv.Meeting, regs, lang), Invitations: inv,
		Invited: flashInt(req, "invited"), Already: flashInt(req, "already"), Reminded: flashInt(req, "reminded"),
		Erased: flashInt(req, "erased"), Objected: flashInt(req, "objected"), Saved: flashInt(req, "saved") == 1, ReadAs: readAs(req, lang)}
	v.Errors = errs
	v.Published, v.Planned, v.NoAddress = flashInt(req, "published"), flashInt(req, "planned"), flashInt(req, "noaddress")
	v.Messages, v.Sent, v.CancelledFlash = messageRows(msgs, lang, mv), flashInt(req, "sent"), flashInt(req, "cancelled")
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

// meetingForm is the form of a meeting.
type meetingForm struct {
	base
	Action, Back   string
	New            bool
	Titles         web.LangGroup
	Descriptions   web.LangGroup
	Topics         web.LangGroup
	In             map[string]web.Input
	InvitationOnly web.Input
}

// meetingFields are the meeting form's fields in their order on the page.
var meetingFields = []string{"title.de", "description.de", "topics.de", "startsAt", "endsAt", "timeZone", "location.name", "location.address", "location.onlineUrl",
	"capacity", "registrationClosesAt", "maxPerOrganisation", "remindAfterDays"}

func (c *Console) newMeeting(_ context.Context, s *Session, req *Request, lang string) (Response, error) {
	return c.renderMeeting(http.StatusOK, s, req, nil, meetingValues(lang, nil))
}

func (c *Console) editMeeting(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	mv, err := c.svc.Meeting(ctx, s.Coordinator, req.PathParameters["meetingId"])
	if err != nil {
		return Response{}, err
	}
	if mv.Cancelled() {
		// No form whose save is refused: the meeting's page says why.
		return web.Redirect("/console/meetings/"+url.PathEscape(mv.ID)+flash(req), lang, true), nil
	}
	return c.renderMeeting(http.StatusOK, s, req, mv.Meeting, meetingValues(lang, mv.Meeting))
}

// meetingValues is the meeting form filled in from m (nil: a new meeting).
func meetingValues(lang string, m *meeting.Meeting) *Form {
	v := url.Values{"timeZone": {"Europe/Berlin"}, "capacity": {"30"}}
	if m != nil {
		z := m.Zone()
		v = url.Values{"startsAt": {m.StartsAt.In(z).Format(web.LocalTime)}, "endsAt": {m.EndsAt.In(z).Format(web.LocalTime)},
			"registrationClosesAt": {m.RegistrationClosesAt.In(z).Format(web.LocalTime)}, "timeZone": {m.TimeZone},
			"location.name": {m.Location.Name}, "location.address": {m.Location.Address}, "location.onlineUrl": {m.Location.OnlineURL},
			"capacity": {strconv.Itoa(m.Capacity)}}
		if m.MaxPerOrganisation > 0 {
			v.Set("maxPerOrganisation", strconv.Itoa(m.MaxPerOrganisation))
		}
		if m.InvitationOnly {
			v.Set("invitationOnly", "true")
		}
		days := make([]string, len(m.RemindAfterDays))
		for i, d := range m.RemindAfterDays {
			days[i] = strconv.Itoa(d)
		}
		v.Set("remindAfterDays", strings.Join(days, ", "))
		for l, t := range m.Title {
			v.Set("title."+l, t)
		}
		for l, t := range m.Description {
			v.Set("description."+l, t)
		}
		topicValues(v, m.Topics)
	}
	return newForm(lang, v)
}

// renderMeeting shows the meeting form of m (nil: a new meeting), filled
// in and with its errors, in form order.
func (c *Console) renderMeeting(status int, s *Session, req *Request, m *meeting.Meeting, form *Form) (Response, error) {
	lang := form.Lang
	f := meetingForm{New: m == nil, InvitationOnly: form.Input(web.Input{Name: "invitationOnly", Type: "checkbox",
		Label: i18n.T(lang, "console.invitation_only"), Hint: i18n.T(lang, "console.invitation_only_hint")})}
	if m == nil {
		f.base = withLang(c.base(s, lang, "console.new_meeting_title", "/console/meetings/new"), req)
		f.Action, f.Back = "/console/meetings", "/console"
	} else {
		f.base = withLang(c.base(s, lang, "console.edit_meeting_title", "/console/meetings/"+m.ID+"/edit", m.Title.In(lang)), req)
		f.Action, f.Back = "/console/meetings/"+m.ID, "/console/meetings/"+m.ID
	}
	f.Stamp = c.stamp(form, f.Action)
	f.Errors = form.Summary(meetingFields, nil)
	f.Titles = form.Langs("title", i18n.T(lang, "console.meeting_titles"), "", web.Input{Type: "text", MaxLength: 200, Required: true})
	f.Descriptions = form.Langs("description", i18n.T(lang, "console.meeting_descriptions"), i18n.T(lang, "console.meeting_descriptions_hint"),
		web.Input{Rows: 4, MaxLength: meeting.MaxDescription})
	f.Topics = form.Langs("topics", i18n.T(lang, "console.topics"), i18n.T(lang, "console.topics_hint"),
		web.Input{Rows: 4, MaxLength: meeting.MaxTopics * (meeting.MaxTopicLabel + 1)})
	in := func(name, typ, label, hint string, required bool) web.Input {
		return form.Input(field(lang, name, typ, label, hint, required))
	}
	f.In = map[string]web.Input{}
	for _, i := range []web.Input{
		in("startsAt", "datetime-local", "console.starts", "", true),
		in("endsAt", "datetime-local", "console.ends", "", true),
		zoneSelect(form, m),
		in("location.name", "text", "console.place_name", "", false),
		in("location.address", "text", "console.address", "", false),
		in("location.onlineUrl", "url", "console.online", "console.online_hint", false),
		in("capacity", "number", "console.capacity", "", true),
		in("registrationClosesAt", "datetime-local", "console.deadline", "", true),
		in("maxPerOrganisation", "number", "console.per_organisation", "console.per_organisation_hint", false),
		in("remindAfterDays", "text", "console.remind_days", "console.remind_days_hint", false),
	} {
		f.In[i.Name] = i
	}
	return pages.Render(status, "meeting_form.html", lang, true, f)
}

func (c *Console) createMeeting(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	return c.saveMeeting(ctx, s, req, form, nil)
}

func (c *Console) updateMeeting(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	mv, err := c.svc.Meeting(ctx, s.Coordinator, req.PathParameters["meetingId"])
	if err != nil {
		return Response{}, err
	}
	return c.saveMeeting(ctx, s, req, form, mv)
}

// saveMeeting reads the form into settings (an edit keeps what the form
// does not show: notice, waitlist bound, retention), lets the
// admin service check and store them, and shows the form again with the
// errors beside their fields.
func (c *Console) saveMeeting(ctx context.Context, s *Session, req *Request, form *Form, oldView *admin.MeetingView) (Response, error) {
	lang := form.Lang
	var set meeting.Settings
	var old *meeting.Meeting
	if oldView != nil {
		old = oldView.Meeting
		set = old.Settings
	}
	if form.Get("confirm") == "edit" { // back from the move's confirm step
		return c.renderMeeting(http.StatusOK, s, req, old, form)
	}
	set.Title = i18n.Text{}
	for l, t := range form.Texts("title") {
		set.Title[l] = t
	}
	set.Description = form.Texts("description")
	set.Topics = readTopics(form, set.Topics)
	set.TimeZone, set.InvitationOnly = form.Text("timeZone"), form.Bool("invitationOnly")
	set.Location = meeting.Location{Name: form.Text("location.name"), Address: form.Text("location.address"), OnlineURL: form.Text("location.onlineUrl")}
	zone, err := meeting.LoadZone(set.TimeZone)
	if err != nil {
		zone = time.UTC // the service says what is wrong with the zone
	}
	set.StartsAt, set.EndsAt, set.RegistrationClosesAt = form.Time("startsAt", zone), form.Time("endsAt", zone), form.Time("registrationClosesAt", zone)
	set.Capacity, set.MaxPerOrganisation = form.Int("capacity"), form.Int("maxPerOrganisation")
	set.RemindAfterDays = form.Ints("remindAfterDays")
	if !slices.Contains(zoneChoices(old), set.TimeZone) {
		// Not one of the list: said in plain words, with every other
		// mistake of the form at once.
		form.Fail("timeZone", i18n.T(lang, "console.zone_choose"))
		err := meeting.ValidateMeeting(set.Meeting(s.Office+"-form", s.Office, c.svc.Now()), lang)
		topicErrors(err, lang)
		form.Merge(err, meetingFields)
	}
	if !form.Failed() && old != nil {
		// A new time or place mails everyone registered: say so first.
		if resp, ok, err := c.askMove(s, req, form, oldView, set); ok || err != nil {
			return resp, err
		}
	}
	if !form.Failed() {
		var mv *admin.MeetingView
		if old == nil {
			mv, err = c.svc.CreateMeeting(ctx, s.Coordinator, set, lang)
		} else {
			mv, err = c.svc.UpdateMeeting(ctx, s.Coordinator, old.ID, set, lang)
		}
		if err == nil {
			return web.Redirect("/console/meetings/"+mv.ID+flash(req, "saved", 1), lang, true), nil
		}
		if topicErrors(err, lang); !form.Merge(err, meetingFields) {
			return Response{}, err
		}
	}
	return c.renderMeeting(http.StatusUnprocessableEntity, s, req, old, form)
}

// sourceFilter is the survey page's filter of the answers by where they
// came from, source chosen.
func sourceFilter(lang, source string) web.Input {
	in := web.Input{Lang: lang, ID: "source", Name: "source", Type: "radio", Label: i18n.T(lang, "console.source"), Inline: true, Values: []string{source}}
	for _, s := range []struct{ code, id string }{{admin.SourceAll, "all"}, {admin.SourceInvited, "invited"}, {admin.SourcePublic, "public"}} {
		in.Options = append(in.Options, web.Option{Code: s.code, ID: "source-" + s.id, Label: i18n.T(lang, "console.source_"+s.id)})
	}
	return in
}

// field is a console form's control, its label and hint given as
// catalogue keys (hint "" for none).
func field(lang, name, typ, label, hint string, required bool) web.Input {
	in := web.Input{Name: name, Type: typ, Label: i18n.T(lang, label), Required: required}
	if hint != "" {
		in.Hint = i18n.T(lang, hint)
	}
	return in
}
