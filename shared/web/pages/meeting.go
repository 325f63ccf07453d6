package pages

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/mail"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/notice"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// Meeting returns the meeting function's page handlers, by route key.
// from is the mail sender's address: the calendar entry of the manage page
// is the one the mails carry (same organizer, same UID).
func Meeting(log *slog.Logger, svc *meeting.Service, tokens *linktoken.Minter, now func() time.Time, from string) map[string]httpapi.HandlerFunc {
	if from == "" {
		from = "netzwerk@localhost"
	}
	h := &meetingPages{svc: svc, tokens: tokens, now: now, from: from, log: log, build: web.BuildID}
	return map[string]httpapi.HandlerFunc{
		"GET /m/{meetingId}":          copied(log, h.form),
		"POST /m/{meetingId}":         page(log, h.register),
		"GET /r/{token}":              copied(log, h.manage),
		"POST /r/{token}/cancel":      page(log, h.cancel),
		"GET /r/{token}/calendar.ics": page(log, h.calendar),
	}
}

type meetingPages struct {
	svc    *meeting.Service
	tokens *linktoken.Minter
	now    func() time.Time
	from   string
	cache  pageCache
	log    *slog.Logger
	// build is the function's build (web.BuildID, asked once the page's
	// item is read): copies of public pages are read and kept
	// (page_copy.go); nil (or ""): none.
	build func() string
}

type factsView struct {
	Lang, When, Place, Online string
}

// facts writes when and where a meeting is, in its time zone (named when
// it is not the office's), the way lang writes dates. The online link is
// for those with a seat: callers drop it for everyone else.
func facts(p *meeting.Public, lang string) factsView {
	s, e := p.StartsAt, p.EndsAt
	when := i18n.T(lang, "mail.time_span", i18n.Date(lang, s), i18n.Clock(lang, s), i18n.Clock(lang, e))
	if s.YearDay() != e.YearDay() || s.Year() != e.Year() {
		when = i18n.T(lang, "mail.time_span_days", i18n.Date(lang, s), i18n.Clock(lang, s), i18n.Date(lang, e), i18n.Clock(lang, e))
	}
	place := p.Location.Address
	if p.Location.Name != "" {
		place = strings.TrimSpace(p.Location.Name + ", " + p.Location.Address)
	}
	if p.TimeZone != meeting.OfficeZone {
		when += " (" + p.TimeZone + ")"
	}
	return factsView{Lang: lang, When: when, Place: place, Online: p.Location.OnlineURL}
}

// meetingFields are the registration form's fields in their order on
// the page: the error summary lists errors in it.
var meetingFields = []string{"name", "email", "organisation", "role", "language",
	"needs.accessibility", "needs.interpretation", "needs.dietary", "topics", "consent.privacy"}

// formWide links an error of the form as a whole (not sent by a person,
// a conflict) to the page's main.
var formWide = map[string]string{"main": "main"}

type meetingView struct {
	web.Layout
	Heading, TitleLang           string
	Description, DescriptionLang string
	Facts                        factsView
	State                        meeting.Status
	WaitlistFull                 bool
	InvitationOnly               bool // and no personal invitation: no form
	Notice                       *notice.Notice
	SeatsText, ClosesText        string
	Action, Stamp, Invitation    string
	Inputs, Needs                []web.Input
	Privacy, Photos              web.Input
	// Topics: what the meeting is about; TopicChoice asks which matter
	// (optional; only when it has topics).
	Topics      []meeting.PublicTopic
	TopicChoice web.Input
}

func (h *meetingPages) form(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id, token := req.PathParameters["meetingId"], httpapi.Query(req, "invitation")
	var (
		p      *meeting.Public
		digest string
		err    error
	)
	if token != "" || h.build == nil {
		httpapi.WillRender(ctx)
		p, err = h.svc.Get(ctx, id, lang, token)
	} else { // a copy of the page, if one is of the meeting as stored (page_copy.go)
		go h.build() // read while the meeting is on its way (at a cold start)
		var cp []byte
		cp, p, digest, err = h.svc.GetOrCopy(ctx, id, lang, h.build)
		if k, ok := decodeCopy(cp); ok && k.valid(h.now()) {
			return k.respond(req, web.Stamp(h.tokens, "/m/"+id, h.now())), nil
		}
		if err == nil && p == nil { // a copy past its time: the meeting as it is now
			p, err = h.svc.Get(ctx, id, lang, "")
		}
	}
	if err != nil {
		return httpapi.Response{}, err
	}
	if token == "" { // the same page for everyone: page_cache.go
		if c := h.cache.meeting(h, p, id, lang); c != nil {
			if digest != "" {
				var until time.Time
				if h.now().Before(p.RegistrationClosesAt) {
					until = p.RegistrationClosesAt // the page says "closed" from then on
				}
				keep(ctx, h.log, c, until, func(b []byte) error { return h.svc.PutCopy(ctx, id, lang, digest, b) })
			}
			return c.respond(req, web.Stamp(h.tokens, "/m/"+id, h.now())), nil
		}
	}
	values := url.Values{"language": {lang}}
	if p.Invitation != nil {
		values.Set("organisation", p.Invitation.Organisation)
		values.Set("email", p.Invitation.Email)
	}
	return h.render(http.StatusOK, p, id, token, web.NewForm(lang, values), "")
}

// render shows the meeting and its form, filled in and with its errors,
// in the form's language; stamp is the form's stamp ("": a new one).
func (h *meetingPages) render(status int, p *meeting.Public, id, token string, form *web.Form, stamp string) (httpapi.Response, error) {
	lang := form.Lang
	query := url.Values{}
	if token != "" {
		query.Set("invitation", token)
	}
	layout := web.NewLayout(lang, p.Title, p.Office, "/m/"+id, query)
	layout.SetOffice(p.Profile)
	layout.Errors = form.Summary(meetingFields, formWide)
	invitationOnly := p.InvitationOnly && p.Invitation == nil
	if p.Status != meeting.StatusClosed && p.Status != meeting.StatusCancelled && !p.WaitlistFull && !invitationOnly {
		layout.Form = "register-form" // meeting.html shows it
	}
	if stamp == "" {
		stamp = web.Stamp(h.tokens, "/m/"+id, h.now())
	}
	v := meetingView{Layout: layout, Heading: p.Title, Description: p.Description, Facts: facts(p, lang), State: p.Status,
		WaitlistFull: p.WaitlistFull, InvitationOnly: invitationOnly, Notice: p.Profile.Notice(p.PrivacyNotice),
		SeatsText:  i18n.N(lang, "page.seats_left", p.SeatsLeft, p.SeatsLeft),
		ClosesText: i18n.Date(lang, p.RegistrationClosesAt) + ", " + i18n.Clock(lang, p.RegistrationClosesAt),
		Action:     "/m/" + id + "?lang=" + lang, Stamp: stamp, Invitation: token,
		Privacy: form.Input(web.Input{Name: "consent.privacy", Type: "checkbox", Label: i18n.T(lang, "page.consent_privacy"), Required: true}),
		Photos:  form.Input(web.Input{Name: "consent.photos", Type: "checkbox", Label: i18n.T(lang, "page.consent_photos")})}
	v.Facts.Online = "" // the public page keeps the online link to itself
	if p.TitleLang != lang {
		v.TitleLang = p.TitleLang
	}
	if p.DescriptionLang != lang {
		v.DescriptionLang = p.DescriptionLang
	}
	input := func(name, typ, autocomplete string, required bool, max int) web.Input {
		key := name[strings.LastIndex(name, ".")+1:]
		return form.Input(web.Input{Name: name, Type: typ, Label: i18n.T(lang, "field."+key),
			Autocomplete: autocomplete, Required: required, MarkOptional: true, MaxLength: max})
	}
	lang_ := input("language", "", "", false, 0)
	for _, code := range i18n.Supported {
		lang_.Options = append(lang_.Options, web.Option{Code: code, Label: i18n.Name(code), Lang: code})
	}
	email := input("email", "email", "email", true, 254)
	email.Hint = i18n.T(lang, "page.hint_email")
	v.Inputs = []web.Input{input("name", "text", "name", true, 120), email,
		input("organisation", "text", "organization", false, 200), input("role", "text", "organization-title", false, 120), lang_}
	v.Topics = p.Topics
	if len(p.Topics) > 0 {
		in := web.Input{Name: "topics", Type: "checkbox", Label: i18n.T(lang, "page.topics_legend"), MarkOptional: true}
		for _, t := range p.Topics {
			in.Options = append(in.Options, web.Option{Code: t.Code, Label: t.Label, Lang: t.Lang})
		}
		v.TopicChoice = form.Input(in)
	}
	v.Needs = []web.Input{input("needs.accessibility", "text", "", false, 500), input("needs.interpretation", "text", "", false, 60),
		input("needs.dietary", "text", "", false, 300)}
	return web.Render(status, "meeting.html", lang, token != "", v)
}

func (h *meetingPages) register(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	id := req.PathParameters["meetingId"]
	form, err := web.ReadForm(req, lang)
	if err != nil {
		return httpapi.Response{}, err
	}
	token := form.Get("invitation")
	to, switched := web.SwitchTo(form.Values, lang)
	if switched {
		lang, form.Lang = to, to
	}
	p, err := h.svc.Get(ctx, id, lang, token)
	if err != nil {
		return httpapi.Response{}, err
	}
	if switched {
		// The language switch: the same form in another language with what
		// was typed, its stamp kept; nothing checked, stored or counted.
		return h.render(http.StatusOK, p, id, token, form, web.KeepStamp(h.tokens, form.Values, "/m/"+id, h.now()))
	}
	if err := web.CheckGuard(h.tokens, form.Values, "/m/"+id, h.now()); err != nil {
		form.Fail("main", i18n.T(lang, "page.try_again"))
		return h.render(http.StatusUnprocessableEntity, p, id, token, form, "")
	}
	privacy := form.Bool("consent.privacy")
	in := &meeting.Request{Name: form.Get("name"), Email: form.Get("email"), Organisation: form.Get("organisation"),
		Role: form.Get("role"), Language: form.Get("language"), Invitation: token,
		Needs:   &meeting.Needs{Accessibility: form.Get("needs.accessibility"), Interpretation: form.Get("needs.interpretation"), Dietary: form.Get("needs.dietary")},
		Consent: &meeting.Consent{Privacy: &privacy, Photos: form.Bool("consent.photos")}, Topics: form.Values["topics"]}
	if in.Language == "" || !i18n.IsContentLanguage(in.Language) {
		in.Language = lang
	}
	if len(p.Topics) == 0 {
		// No topics, no such field: a page from before the office removed
		// them registers as it is (an error would point at nothing).
		in.Topics = nil
	}
	claim, err := web.FormClaim(req, "/m/"+id, form.Values)
	if err != nil {
		return httpapi.Response{}, err
	}
	res, err := h.svc.Register(ctx, id, in, lang, claim)
	if err != nil {
		if e := apperr.As(err); e != nil && e.Code == apperr.Conflict {
			field := map[string]string{"already_registered": "email", "organisation_limit": "organisation"}[e.Key]
			if field == "" {
				field = "main"
			}
			form.Fail(field, i18n.T(lang, e.Key, e.Args...))
		} else if !form.Merge(err, meetingFields) {
			return httpapi.Response{}, err
		}
		return h.render(http.StatusUnprocessableEntity, p, id, token, form, "")
	}
	return web.Redirect("/r/"+meeting.ManageToken(h.tokens, id, res.RegistrationID)+"?new=1&lang="+lang, lang, true), nil
}

type manageView struct {
	web.Layout
	Status             meeting.RegStatus
	StatusText         string
	New                bool
	Heading, TitleLang string
	Facts              factsView
	Person             *meeting.View
	CalendarURL        string
	CancelAction, Back string
	// EraseAction: the form that erases the person's data.
	EraseAction string
	// MeetingCancelled: the office cancelled the meeting (the page says
	// so instead of the registration's status).
	MeetingCancelled bool
	// Topics are the meeting's topics the person chose.
	Topics []meeting.PublicTopic
}

// confirmView is the page that asks before a step that cannot be undone.
type confirmView = web.Confirm

// manage is the page of a registration's link. A confirmed registration's
// page is kept as rendered (page_copy.go; dynamo's regcopy.go) in its
// item, which the page reads anyway, with a mark where the link goes: a
// cold start that finds it current answers it without decoding or
// rendering, and its head start does not run. It is kept in the language
// of the registration's mails only (their links open it; a page switched
// to another language writes nothing). The first view after registering
// (new=1) shows that the mail is on its way, and keeps the page as later
// views show it.
func (h *meetingPages) manage(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	token, isNew := req.PathParameters["token"], httpapi.Query(req, "new") == "1"
	var (
		o      *meeting.Owner
		digest string
		err    error
	)
	if h.build == nil {
		httpapi.WillRender(ctx)
		o, err = h.svc.Owned(ctx, token, lang)
	} else {
		go h.build() // read while the registration is on its way (at a cold start)
		var cp []byte
		cp, o, digest, err = h.svc.OwnedOrCopy(ctx, token, lang, h.build)
		if k, ok := decodeCopy(cp); ok && k.valid(h.now()) && !isNew && spliceableLink(token) {
			return k.respond(req, token), nil
		}
		if err == nil && o == nil { // a copy past its time, or the first view: as it is now
			o, err = h.svc.Owned(ctx, token, lang)
		}
	}
	if err != nil {
		return httpapi.Response{}, err
	}
	off := o.Meeting.Status == meeting.StatusCancelled
	if off { // the meeting is off: no seat, no calendar entry, nothing to cancel
		o.Status = meeting.Cancelled
	}
	if digest != "" && !off && h.now().Before(o.Meeting.StartsAt) && lang == mail.Language(o.Language) && spliceableLink(token) {
		// The page as every later view shows it, until the meeting starts
		// (its cancel button goes then), with a mark for the link.
		mark := marks().link
		later, err := web.Render(http.StatusOK, "manage.html", lang, true, h.manageOf(o, mark, lang, false))
		if sp, ok := web.NewSplicedAt(later.Body, mark); ok && err == nil {
			c := &cachedPage{status: later.StatusCode, headers: later.Headers, page: sp}
			keepAfter(ctx, h.log, c, o.Meeting.StartsAt, func(ctx context.Context, b []byte) error {
				return h.svc.PutOwnedCopy(ctx, token, digest, b)
			})
			if !isNew {
				return c.respond(req, token), nil
			}
		}
	}
	return web.Render(http.StatusOK, "manage.html", lang, true, h.manageOf(o, token, lang, isNew))
}

// manageOf is the page of o's link token in lang; isNew: its first view.
func (h *meetingPages) manageOf(o *meeting.Owner, token, lang string, isNew bool) manageView {
	off := o.Meeting.Status == meeting.StatusCancelled
	v := manageView{Layout: web.NewLayout(lang, i18n.T(lang, "page.your_registration"), o.Meeting.Office, "/r/"+token, nil),
		Status: o.Status, MeetingCancelled: off, New: isNew, Heading: o.Meeting.Title, Facts: facts(o.Meeting, lang)}
	v.Layout.Private = true
	v.Layout.SetOffice(o.Meeting.Profile)
	if o.Meeting.TitleLang != lang {
		v.TitleLang = o.Meeting.TitleLang
	}
	switch o.Status {
	case meeting.Confirmed:
		v.StatusText = i18n.T(lang, "page.status_confirmed")
		v.CalendarURL = "/r/" + token + "/calendar.ics"
	case meeting.Waitlisted:
		v.StatusText = i18n.T(lang, "page.status_waitlisted", o.WaitlistPosition)
	default:
		v.StatusText = i18n.T(lang, "page.status_cancelled")
	}
	if o.Status != meeting.Confirmed {
		v.Facts.Online = "" // the online link is for those with a seat
	}
	if o.Erased {
		v.StatusText += " " + i18n.T(lang, "page.status_erased")
	} else {
		v.EraseAction = "/r/" + token + "/cancel?lang=" + lang + "&erase=true"
	}
	if o.Status != meeting.Cancelled && !o.Erased {
		v.Person = &o.View
		for _, t := range o.Meeting.Topics {
			if slices.Contains(o.Topics, t.Code) {
				v.Topics = append(v.Topics, t)
			}
		}
		if h.now().Before(o.Meeting.StartsAt) {
			v.CancelAction = "/r/" + token + "/cancel?lang=" + lang
		}
	}
	return v
}

func (h *meetingPages) cancel(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	token := req.PathParameters["token"]
	form, err := web.ReadForm(req, lang)
	if err != nil {
		return httpapi.Response{}, err
	}
	var erase *meeting.Erasure
	v := confirmView{Action: "/r/" + token + "/cancel?lang=" + lang, Back: "/r/" + token + "?lang=" + lang,
		TitleKey: "page.cancel_confirm_title", TextKey: "page.cancel_confirm_text", YesKey: "page.cancel_yes"}
	if httpapi.Query(req, "erase") == "true" {
		erase = &meeting.Erasure{Actor: meeting.Registrant}
		v.Action += "&erase=true"
		v.TitleKey, v.TextKey, v.YesKey = "page.erase_confirm_title", "page.erase_confirm_text", "page.erase_yes"
	}
	if form.Get("confirm") != "yes" {
		// One confirm step: nothing changes until it is confirmed.
		if _, err := h.svc.Owned(ctx, token, lang); err != nil {
			return httpapi.Response{}, err
		}
		v.Layout = web.NewLayout(lang, i18n.T(lang, v.TitleKey), "", "/r/"+token, nil)
		return web.Render(http.StatusOK, "confirm.html", lang, true, v)
	}
	if err := h.svc.Cancel(ctx, token, erase); err != nil {
		return httpapi.Response{}, err
	}
	return web.Redirect("/r/"+token+"?lang="+lang, lang, true), nil
}

func (h *meetingPages) calendar(ctx context.Context, req *httpapi.Request, lang string) (httpapi.Response, error) {
	r, m, err := h.svc.Registration(ctx, req.PathParameters["token"])
	if err != nil {
		return httpapi.Response{}, err
	}
	if r.Status == meeting.Waitlisted || m.Cancelled() { // no seat (or no meeting), no entry
		return httpapi.Response{}, apperr.New(apperr.NotFound, "registration_not_found")
	}
	prof, err := h.svc.Offices.Get(ctx, m.Office)
	if err != nil {
		return httpapi.Response{}, err
	}
	domain := h.from[strings.LastIndex(h.from, "@")+1:]
	ics := mail.AddToCalendar(mail.Data{Registration: r, Meeting: m, Office: mail.Office{Profile: prof}}, h.from, domain, h.now())
	return httpapi.Response{StatusCode: http.StatusOK, Body: string(ics), Headers: map[string]string{
		"content-type": "text/calendar; charset=utf-8", "content-disposition": `attachment; filename="termin.ics"`,
		"cache-control": "no-store", "referrer-policy": "no-referrer", "x-content-type-options": "nosniff", "strict-transport-security": web.HSTS,
	}}, nil
}
