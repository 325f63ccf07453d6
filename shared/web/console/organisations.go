package console

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/export"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi/adminapi"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// --- the register of organisations (ORGANISATIONS.md) ---

const (
	orgsPath     = "/console/organisations"
	orgsInvite   = "/console/organisations/invitations"
	orgsEntryMlz = "/console/organisations/entry-mails" // the directory's: the check-your-entry mails
)

func orgPath(id string) string { return orgsPath + "/" + url.PathEscape(id) }

// filterKeys are the list's query parameters that make its filter.
var filterKeys = []string{"q", "field", "municipality", "language", "offer", "seek", "answered", "met", "bounced", "directory"}

// filterQuery is the filter of a request (or a posted form) as a query.
func filterQuery(get func(string) string) url.Values {
	q := url.Values{}
	for _, k := range filterKeys {
		if v := strings.TrimSpace(get(k)); v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// filterOf reads the filter from a query as the JSON API does.
func filterOf(q url.Values) (org.Filter, error) {
	r := &Request{QueryStringParameters: map[string]string{}}
	for k := range q {
		r.QueryStringParameters[k] = q.Get(k)
	}
	return adminapi.OrgFilter(r)
}

// orgRow is a record as the list shows it.
type orgRow struct {
	admin.OrgRow
	Fields, LastAnswer, State string
	Checked                   bool
}

// inviteTarget is a survey or meeting to invite to, as the invite form offers it.
type inviteTarget struct{ Code, Label string }

// orgsView is the view of organisations.html.
type orgsView struct {
	base
	Search                             web.Input
	Selects                            []web.Input
	Checks                             []web.Input
	Filtered                           bool
	FilterQuery                        string // the filter as a query ("" when none), for links
	Hidden                             url.Values
	Counts                             admin.OrgCounts
	CountsText                         string
	Rows                               []orgRow
	Target                             web.Input
	Next, Prev, Export, Bounced, Flash string
	StampEntry                         string
}

// organisations lists the office's register: search and filters (a GET
// form: the filter is in the address), counts, a page of the table with
// a checkbox per row, and the forms to invite those selected or all
// shown, or to ask them to check their entries.
func (c *Console) organisations(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	return c.orgsPage(ctx, s, req, lang, filterQuery(func(k string) string { return httpapi.Query(req, k) }), httpapi.Query(req, "cursor"), nil, http.StatusOK)
}

func (c *Console) orgsPage(ctx context.Context, s *Session, req *Request, lang string, q url.Values, cursor string, form *Form, status int) (Response, error) {
	f, err := filterOf(q)
	if err != nil {
		return Response{}, err
	}
	list, err := c.svc.Organisations(ctx, s.Coordinator, admin.OrgQuery{Filter: f, Cursor: cursor})
	if err != nil {
		return Response{}, err
	}
	v := orgsView{base: withLang(c.base(s, lang, "console.orgs_title", orgsPath), req), Filtered: len(q) > 0, Counts: list.Counts, Hidden: q}
	v.Languages = web.NewLayout(lang, "", "", orgsPath, q).Languages
	v.FilterQuery = q.Encode()
	if form == nil {
		form = newForm(lang, nil)
	}
	filter := newForm(lang, q)
	v.Search = filter.Input(web.Input{Name: "q", Type: "search", Label: i18n.T(lang, "console.orgs_search"), MaxLength: org.MaxName, Dir: "auto"})
	sel := func(name, label string, values []string, word func(string) string) web.Input {
		in := web.Input{Name: name, Label: i18n.T(lang, label), Choose: i18n.T(lang, "console.orgs_any")}
		for _, code := range values {
			in.Options = append(in.Options, web.Option{Code: code, Label: word(code)})
		}
		if cur := q.Get(name); cur != "" && !slices.Contains(values, cur) {
			in.Options = append(in.Options, web.Option{Code: cur, Label: word(cur)})
		}
		return filter.Input(in)
	}
	same := func(s string) string { return s }
	for _, in := range []web.Input{
		sel("field", "field.fields", list.Facets.Fields, same),
		sel("municipality", "field.municipality", list.Facets.Municipalities, same),
		sel("language", "field.languages", list.Facets.Languages, func(code string) string { return langName(code) }),
		sel("offer", "field.offers", list.Facets.Offers, same),
		sel("seek", "field.seeks", list.Facets.Seeks, same),
	} {
		if len(in.Options) > 0 { // no value in the register: nothing to choose
			v.Selects = append(v.Selects, in)
		}
	}
	v.Selects = append(v.Selects,
		filter.Input(web.Input{Name: "answered", Label: i18n.T(lang, "console.orgs_answered"), Choose: i18n.T(lang, "console.orgs_any"),
			Options: []web.Option{{Code: org.AnsweredThisYear, Label: i18n.T(lang, "console.orgs_answered_yes")}, {Code: org.NotAnsweredThisYear, Label: i18n.T(lang, "console.orgs_answered_no")}}}))
	for _, k := range []string{"met", "bounced", "directory"} {
		v.Checks = append(v.Checks, filter.Input(web.Input{Name: k, Type: "checkbox", Label: i18n.T(lang, "console.orgs_only_"+k)}))
	}
	v.CountsText = i18n.T(lang, "console.orgs_count", list.Counts.Shown)
	if v.Filtered {
		v.CountsText = i18n.T(lang, "console.orgs_count_of", list.Counts.All, list.Counts.Shown)
	}
	sep := i18n.T(lang, "console.orgs_count_sep")
	v.CountsText += sep + i18n.T(lang, "console.orgs_count_bounced", list.Counts.Bounced) + sep + i18n.T(lang, "console.orgs_count_directory", list.Counts.Directory) +
		sep + i18n.T(lang, "console.orgs_count_answered", list.Counts.AnsweredThisYear) + "."
	selected := form.Values["organisations"]
	for _, r := range list.Items {
		row := orgRow{OrgRow: r, Fields: strings.Join(r.Fields, ", "), State: i18n.T(lang, "console.org_state_"+string(r.State)), Checked: slices.Contains(selected, r.ID)}
		if r.LastAnswer != nil {
			row.LastAnswer = i18n.Date(lang, *r.LastAnswer)
		}
		v.Rows = append(v.Rows, row)
	}
	link := func(extra url.Values) string {
		l := url.Values{}
		for k, vs := range q {
			l[k] = vs
		}
		for k, vs := range extra {
			l[k] = vs
		}
		if v.Q != "" {
			l.Set("lang", lang)
		}
		if len(l) == 0 {
			return orgsPath
		}
		return orgsPath + "?" + l.Encode()
	}
	if list.NextCursor != "" {
		v.Next = link(url.Values{"cursor": {list.NextCursor}})
	}
	if n, _ := strconv.Atoi(cursor); n > 0 {
		v.Prev = link(url.Values{"cursor": {strconv.Itoa(max(n-admin.OrgPageSize, 0))}})
	}
	v.Export = strings.Replace(link(nil), orgsPath, orgsPath+".xlsx", 1)
	bounced := url.Values{"bounced": {"true"}}
	if v.Q != "" {
		bounced.Set("lang", lang)
	}
	v.Bounced = orgsPath + "?" + bounced.Encode()
	if n := flashInt(req, "invited"); n >= 0 {
		v.Flash = i18n.T(lang, "console.orgs_invited_flash", n, max(flashInt(req, "already"), 0), max(flashInt(req, "skipped"), 0))
		if o := flashInt(req, "objected"); o > 0 {
			v.Flash += " " + i18n.T(lang, "console.invitation_objections", o)
		}
	}
	if flashInt(req, "erased") == 1 {
		v.Flash = i18n.T(lang, "console.org_erased_flash")
	}
	if f := EntryMailsFlash(req, lang); f != "" {
		v.Flash = f
	}
	targets, err := c.targets(ctx, s, lang)
	if err != nil {
		return Response{}, err
	}
	v.Target = form.Input(web.Input{Name: "target", Label: i18n.T(lang, "console.orgs_invite_to"), Choose: i18n.T(lang, "console.orgs_choose_target")})
	for _, t := range targets {
		v.Target.Options = append(v.Target.Options, web.Option{Code: t.Code, Label: t.Label})
	}
	v.Stamp = c.stamp(form, orgsInvite)
	v.StampEntry = v.StampFor(orgsEntryMlz)
	v.Errors = form.Summary([]string{"organisations", "target"}, map[string]string{"organisations": "rows"})
	return pages.Render(status, "organisations.html", lang, true, v)
}

// langName is a language's name in itself, or its code.
func langName(code string) string {
	if n := i18n.Name(code); n != "" {
		return n
	}
	return code
}

// targets are the office's surveys and meetings that take invitations:
// published, not closed, not cancelled.
func (c *Console) targets(ctx context.Context, s *Session, lang string) ([]inviteTarget, error) {
	surveys, err := c.svc.Surveys(ctx, s.Coordinator, lang)
	if err != nil {
		return nil, err
	}
	meetings, err := c.svc.Meetings(ctx, s.Coordinator)
	if err != nil {
		return nil, err
	}
	var out []inviteTarget
	for _, sv := range surveys {
		if sv.Status == survey.StatusOpen || sv.Status == survey.StatusScheduled {
			out = append(out, inviteTarget{"survey:" + sv.ID, i18n.T(lang, "console.orgs_target_survey", sv.Title)})
		}
	}
	now := c.svc.Now()
	for _, m := range meetings {
		if !m.Cancelled() && m.StartsAt.After(now) {
			out = append(out, inviteTarget{"meeting:" + m.ID, i18n.T(lang, "console.orgs_target_meeting", m.Title.In(lang), when(lang, m.StartsAt, m.Zone()))})
		}
	}
	return out, nil
}

// inviteOrganisations invites the selected records, or all the posted
// filter shows (scope all), to the chosen survey or meeting, through the
// register's one invitation path; back to the list with what it did.
func (c *Console) inviteOrganisations(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	q := filterQuery(form.Get)
	kindCode, id, _ := strings.Cut(form.Text("target"), ":")
	kind := invitation.Kind(kindCode)
	if kind != invitation.Survey && kind != invitation.Meeting || id == "" {
		form.Fail("target", i18n.T(lang, "console.orgs_choose_target_error"))
	}
	ids := form.Values["organisations"]
	if form.Get("scope") == "all" {
		f, err := filterOf(q)
		if err != nil {
			return Response{}, err
		}
		if ids, err = c.svc.OrganisationIDs(ctx, s.Coordinator, f); err != nil {
			return Response{}, err
		}
	}
	if len(ids) == 0 {
		form.Fail("organisations", i18n.T(lang, "console.org_none_selected"))
	}
	if form.Failed() {
		return c.orgsPage(ctx, s, req, lang, q, form.Get("cursor"), form, http.StatusUnprocessableEntity)
	}
	res, err := c.svc.InviteOrganisations(ctx, s.Coordinator, kind, id, ids, lang)
	if err != nil {
		if e := apperr.As(err); e != nil && (e.Code == apperr.ValidationFailed || e.Code == apperr.Conflict) {
			if e.Code == apperr.Conflict {
				form.Fail("target", i18n.T(lang, e.Key, e.Args...))
			} else {
				for _, fe := range e.Fields {
					form.Fail("organisations", fe.Message)
				}
			}
			return c.orgsPage(ctx, s, req, lang, q, form.Get("cursor"), form, http.StatusUnprocessableEntity)
		}
		return Response{}, err
	}
	back := url.Values{}
	for k, vs := range q {
		back[k] = vs
	}
	if l := httpapi.Query(req, "lang"); l != "" {
		back.Set("lang", lang)
	}
	for k, n := range map[string]int{"invited": res.Invited, "already": res.AlreadyInvited, "skipped": res.Skipped, "objected": res.Objected} {
		back.Set(k, strconv.Itoa(n))
	}
	return web.Redirect(orgsPath+"?"+back.Encode(), lang, true), nil
}

// exportOrganisations downloads the list as filtered, as XLSX.
func (c *Console) exportOrganisations(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	f, err := filterOf(filterQuery(func(k string) string { return httpapi.Query(req, k) }))
	if err != nil {
		return Response{}, err
	}
	return c.export(withLabels(req), lang, true, func(d export.Dialect) string {
		return admin.ExportName(s.Office, "organisationen", true, d, c.svc.Now())
	},
		func(w io.Writer, o export.Options) error {
			return c.svc.ExportOrganisations(ctx, s.Coordinator, f, o, w)
		})
}

// --- one record ---

// Actions of the record page's forms.
const (
	orgSave         = "save"
	orgMerge        = "merge"
	orgEraseContact = "erase-contact"
	orgErase        = "erase"
)

// orgFields are the edit form's fields in their order on the page.
var orgFields = []string{"name", "contact.email", "contact.person", "contact.role", "contact.language", "municipality", "website",
	"publicContact", "fields", "languages", "offers", "seeks", "offersText", "seeksText"}

// historyRow is a line of a record's history as the page says it.
type historyRow struct {
	When, What, Title, Path string
}

// orgView is the view of organisation.html.
type orgView struct {
	base
	Rec                               *admin.OrganisationView
	Path, Back                        string
	State, Language, Created, Updated string
	ConsentAt, ConsentBy              string
	Fields, LangNames, Offers, Seeks  string
	History                           []historyRow
	Inputs                            []web.Input
	Merge                             web.Input
	MergeWith                         string // the other record's name, on the merge's confirm step
	Confirm                           string // the action to confirm
	Saved, Merged, ContactErased      bool
	// EntryFlash: check-your-entry mails were asked for.
	EntryFlash                    string
	StampMerge, StampEraseContact string
	StampErase, StampEntry        string
}

func (c *Console) organisation(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	id := req.PathParameters["organisationId"]
	v, err := c.svc.Organisation(ctx, s.Coordinator, id, lang)
	if err != nil {
		return Response{}, err
	}
	return c.renderOrg(ctx, s, req, lang, v, formOf(lang, v.Record), http.StatusOK, "", "")
}

// formOf is the edit form filled in with a record.
func formOf(lang string, r *org.Record) *Form {
	return newForm(lang, url.Values{"name": {r.Name}, "contact.email": {r.Contact.Email}, "contact.person": {r.Contact.Person},
		"contact.role": {r.Contact.Role}, "contact.language": {r.Contact.Language}, "municipality": {r.Municipality}, "website": {r.Website},
		"publicContact": {r.PublicContact}, "fields": {strings.Join(r.Fields, ", ")}, "languages": {strings.Join(r.Languages, ", ")},
		"offers": {strings.Join(r.Offers, ", ")}, "seeks": {strings.Join(r.Seeks, ", ")}, "offersText": {r.OffersText}, "seeksText": {r.SeeksText},
		"version": {strconv.Itoa(r.Version)}})
}

// codesOf reads a list of codes written with commas or spaces.
func codesOf(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) })
}

// inputOf reads the edit form into the JSON API's wire model.
func inputOf(form *Form) admin.OrganisationInput {
	return admin.OrganisationInput{Name: form.Text("name"), Contact: admin.ContactInput{Email: form.Text("contact.email"),
		Person: form.Text("contact.person"), Role: form.Text("contact.role"), Language: form.Text("contact.language")},
		Municipality: form.Text("municipality"), Website: form.Text("website"), PublicContact: form.Multiline("publicContact"),
		Fields: codesOf(form.Get("fields")), Languages: codesOf(form.Get("languages")), Offers: codesOf(form.Get("offers")),
		Seeks: codesOf(form.Get("seeks")), OffersText: form.Multiline("offersText"), SeeksText: form.Multiline("seeksText")}
}

func (c *Console) renderOrg(ctx context.Context, s *Session, req *Request, lang string, rec *admin.OrganisationView, form *Form, status int, confirm, mergeWith string) (Response, error) {
	r := rec.Record
	path := orgPath(r.ID)
	v := orgView{base: withLang(c.base(s, lang, "console.org_title", path, r.Name), req), Rec: rec, Path: path, Back: orgsPath,
		Confirm: confirm, MergeWith: mergeWith, Saved: flashInt(req, "saved") == 1, Merged: flashInt(req, "merged") == 1,
		ContactErased: flashInt(req, "contact") == 1, EntryFlash: EntryMailsFlash(req, lang)}
	v.State = i18n.T(lang, "console.org_state_"+string(r.State))
	if r.Contact.Language != "" {
		v.Language = langName(r.Contact.Language)
	}
	v.Created, v.Updated = when(lang, r.CreatedAt, c.svc.Zone), when(lang, r.UpdatedAt, c.svc.Zone)
	if !r.Consent.At.IsZero() {
		v.ConsentAt = when(lang, r.Consent.At, c.svc.Zone)
		if r.Consent.By != "" {
			v.ConsentBy = i18n.T(lang, "console.org_consent_by_"+r.Consent.By)
		}
	}
	v.Fields, v.Offers, v.Seeks = strings.Join(r.Fields, ", "), strings.Join(r.Offers, ", "), strings.Join(r.Seeks, ", ")
	names := make([]string, len(r.Languages))
	for i, l := range r.Languages {
		names[i] = langName(l)
	}
	v.LangNames = strings.Join(names, ", ")
	for _, e := range rec.History {
		row := historyRow{When: when(lang, e.At, c.svc.Zone), What: i18n.T(lang, "console.org_event_"+string(e.Kind)), Title: e.Title}
		if e.TargetID != "" && e.Title != "" {
			row.Path = "/console/" + e.Target + "s/" + url.PathEscape(e.TargetID)
		}
		if e.TargetID != "" && e.Title == "" {
			row.Title = e.TargetID
		}
		v.History = append(v.History, row)
	}
	langs := web.Input{Name: "contact.language", Label: i18n.T(lang, "console.org_contact_language"), Choose: i18n.T(lang, "console.orgs_any")}
	for _, l := range i18n.Supported {
		langs.Options = append(langs.Options, web.Option{Code: l, Label: i18n.Name(l), Lang: l})
	}
	codes := func(name string) web.Input {
		return form.Input(web.Input{Name: name, Type: "text", Label: i18n.T(lang, "field."+name), Hint: i18n.T(lang, "console.org_codes_hint"), Verbatim: true, MaxLength: 2000})
	}
	v.Inputs = []web.Input{
		form.Input(web.Input{Name: "name", Type: "text", Label: i18n.T(lang, "field.name"), Required: true, MaxLength: org.MaxName, Autocomplete: "organization", Dir: "auto"}),
		form.Input(web.Input{Name: "contact.email", Type: "email", Label: i18n.T(lang, "console.org_contact_email"), Hint: i18n.T(lang, "console.org_email_hint"), MaxLength: 254, Autocomplete: "off", Verbatim: true}),
		form.Input(web.Input{Name: "contact.person", Type: "text", Label: i18n.T(lang, "field.person"), MaxLength: 200, Autocomplete: "off", Dir: "auto"}),
		form.Input(web.Input{Name: "contact.role", Type: "text", Label: i18n.T(lang, "field.role"), MaxLength: 200, Dir: "auto"}),
		form.Input(langs),
		form.Input(web.Input{Name: "municipality", Type: "text", Label: i18n.T(lang, "field.municipality"), MaxLength: 200, Dir: "auto"}),
		form.Input(web.Input{Name: "website", Type: "url", Label: i18n.T(lang, "field.website"), MaxLength: 1000, Verbatim: true}),
		form.Input(web.Input{Name: "publicContact", Type: "text", Rows: 2, Label: i18n.T(lang, "field.publicContact"), Hint: i18n.T(lang, "console.org_public_contact_hint"), MaxLength: 1000, Dir: "auto"}),
		codes("fields"), codes("languages"), codes("offers"), codes("seeks"),
		form.Input(web.Input{Name: "offersText", Type: "text", Rows: 3, Label: i18n.T(lang, "field.offersText"), MaxLength: 1000, Dir: "auto"}),
		form.Input(web.Input{Name: "seeksText", Type: "text", Rows: 3, Label: i18n.T(lang, "field.seeksText"), MaxLength: 1000, Dir: "auto"}),
	}
	v.Merge = web.Input{Lang: lang, ID: "from", Name: "from", Label: i18n.T(lang, "console.org_merge_from"), Hint: i18n.T(lang, "console.org_merge_hint"),
		Choose: i18n.T(lang, "console.org_merge_choose"), Err: form.Err("from"), Value: form.Get("from")}
	if confirm == "" {
		all, err := c.svc.Organisations(ctx, s.Coordinator, admin.OrgQuery{All: true})
		if err != nil {
			return Response{}, err
		}
		for _, o := range all.Items {
			if o.ID != r.ID {
				label := o.Name
				if o.Municipality != "" {
					label += " (" + o.Municipality + ")"
				}
				v.Merge.Options = append(v.Merge.Options, web.Option{Code: o.ID, Label: label})
			}
		}
	}
	v.Stamp = c.stamp(form, path)
	v.StampMerge, v.StampEraseContact, v.StampErase, v.StampEntry = v.StampFor(path), v.StampFor(path), v.StampFor(path), v.StampFor(orgsEntryMlz)
	v.Errors = form.Summary(append(slices.Clone(orgFields), "from"), nil)
	return pages.Render(status, "organisation.html", lang, true, v)
}

// organisationPost serves the record page's forms: save the edit form,
// merge another record into this one, erase the contact person, erase
// the record; merges and erasures after a confirm step.
func (c *Console) organisationPost(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	id := req.PathParameters["organisationId"]
	rec, err := c.svc.Organisation(ctx, s.Coordinator, id, lang)
	if err != nil {
		return Response{}, err
	}
	back := func(kv ...any) Response { return web.Redirect(orgPath(id)+flash(req, kv...), lang, true) }
	confirmed := form.Get("confirm") == "yes"
	switch form.Get("action") {
	case orgSave:
		version := form.Int("version")
		if form.Failed() {
			return Response{}, apperr.New(apperr.BadRequest, "console.org_bad_version")
		}
		_, err := c.svc.UpdateOrganisation(ctx, s.Coordinator, id, inputOf(form), version, lang)
		switch {
		case err == nil:
			return back("saved", 1), nil
		case apperr.CodeOf(err) == apperr.Conflict && apperr.As(err).Key == "organisation_exists":
			form.Fail("contact.email", i18n.T(lang, "organisation_exists", apperr.As(err).Args...))
			return c.renderOrg(ctx, s, req, lang, rec, form, http.StatusConflict, "", "")
		case apperr.CodeOf(err) == apperr.Conflict:
			form.Fail("name", i18n.T(lang, "console.org_changed_meanwhile"))
			form.Set("version", strconv.Itoa(rec.Version))
			return c.renderOrg(ctx, s, req, lang, rec, form, http.StatusConflict, "", "")
		case form.Merge(err, orgFields):
			return c.renderOrg(ctx, s, req, lang, rec, form, http.StatusUnprocessableEntity, "", "")
		}
		return Response{}, err
	case orgMerge:
		from := form.Text("from")
		if !confirmed {
			other := ""
			if admin.ValidOrgID(from) && from != id {
				if o, err := c.svc.Organisation(ctx, s.Coordinator, from, lang); err == nil {
					other = o.Name
				}
			}
			if other == "" {
				f := formOf(lang, rec.Record)
				f.Set("from", from)
				f.Fail("from", i18n.T(lang, "console.org_merge_choose_error"))
				return c.renderOrg(ctx, s, req, lang, rec, f, http.StatusUnprocessableEntity, "", "")
			}
			f := formOf(lang, rec.Record)
			f.Set("from", from)
			return c.renderOrg(ctx, s, req, lang, rec, f, http.StatusOK, orgMerge, other)
		}
		if _, err := c.svc.MergeOrganisations(ctx, s.Coordinator, id, from, lang); err != nil {
			f := formOf(lang, rec.Record)
			if !f.Merge(err, []string{"from"}) {
				return Response{}, err
			}
			return c.renderOrg(ctx, s, req, lang, rec, f, http.StatusUnprocessableEntity, "", "")
		}
		return back("merged", 1), nil
	case orgEraseContact, orgErase:
		act := form.Get("action")
		if !confirmed {
			return c.renderOrg(ctx, s, req, lang, rec, formOf(lang, rec.Record), http.StatusOK, act, "")
		}
		if act == orgEraseContact {
			if _, err := c.svc.EraseOrganisationContact(ctx, s.Coordinator, id); err != nil {
				return Response{}, err
			}
			return back("contact", 1), nil
		}
		if err := c.svc.EraseOrganisation(ctx, s.Coordinator, id); err != nil {
			return Response{}, err
		}
		return web.Redirect(orgsPath+flash(req, "erased", 1), lang, true), nil
	}
	return Response{}, apperr.New(apperr.BadRequest, "console.invitation_action")
}
