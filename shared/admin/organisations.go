package admin

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/address"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/export"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// The register of organisations as coordinators work with it
// (ORGANISATIONS.md): the list with its filters and counts, one record
// with its history, a record made or changed by hand, merges, erasures,
// invitations from the register, and the list as a workbook. Every
// method reads only the coordinator's office: another office's id is
// not found, like an unknown one.

// OrgPageSize is a page of the register's list.
const OrgPageSize = 50

// erasedBy names the coordinator in the audit trail.
func erasedBy(c *auth.Coordinator) string { return "coordinator:" + c.Subject }

// OrgRow is a record in the list.
type OrgRow struct {
	ID           string     `json:"id"`
	Name         string     `json:"name"`
	Municipality string     `json:"municipality,omitempty"`
	Fields       []string   `json:"fields,omitempty"`
	Languages    []string   `json:"languages,omitempty"`
	Offers       []string   `json:"offers,omitempty"`
	Seeks        []string   `json:"seeks,omitempty"`
	State        org.State  `json:"state"`
	Directory    bool       `json:"directory"`
	HasEmail     bool       `json:"hasEmail"`
	LastAnswer   *time.Time `json:"lastAnswer,omitempty"`
	Surveys      int        `json:"surveys"`
	Meetings     int        `json:"meetings"`
}

func rowOf(s org.Summary, zone *time.Location) OrgRow {
	r := OrgRow{ID: s.ID, Name: s.Name, Municipality: s.Municipality, Fields: s.Fields, Languages: s.Languages, Offers: s.Offers,
		Seeks: s.Seeks, State: s.State, Directory: s.Publish, HasEmail: s.HasEmail, Surveys: s.Surveys, Meetings: s.Meetings}
	if r.State == "" {
		r.State = org.Active
	}
	if s.LastAnswer != 0 {
		t := time.Unix(s.LastAnswer, 0).In(zone)
		r.LastAnswer = &t
	}
	return r
}

// OrgCounts are the list's figures: all records, those the filter shows,
// and among these the bounced contacts, those in the directory, those
// that answered this year and those that came to a meeting.
type OrgCounts struct {
	All              int `json:"all"`
	Shown            int `json:"shown"`
	Bounced          int `json:"bounced"`
	Directory        int `json:"directory"`
	AnsweredThisYear int `json:"answeredThisYear"`
	Met              int `json:"met"`
}

// OrgFacets are the values the office's records have, for the filter's
// choices.
type OrgFacets struct {
	Fields         []string `json:"fields"`
	Municipalities []string `json:"municipalities"`
	Languages      []string `json:"languages"`
	Offers         []string `json:"offers"`
	Seeks          []string `json:"seeks"`
}

// OrgList is a page of the register's list.
type OrgList struct {
	Items      []OrgRow  `json:"items"`
	NextCursor string    `json:"nextCursor,omitempty"`
	Counts     OrgCounts `json:"counts"`
	Facets     OrgFacets `json:"facets"`
}

// OrgQuery is what the list shows: a filter, a page (the cursor is the
// offset in the filtered list, which is read whole: one Query).
type OrgQuery struct {
	org.Filter
	Cursor string
	Limit  int
	// All: every record the filter shows on one page (the console's
	// choice of a record to merge).
	All bool
}

// CheckFilter refuses a filter no form offers (lang: the message's).
func CheckFilter(f *org.Filter) error {
	f.Q, f.Municipality = strings.TrimSpace(f.Q), strings.TrimSpace(f.Municipality)
	bad := len(f.Q) > 4*org.MaxName || len(f.Municipality) > 4*org.MaxName ||
		(f.Answered != "" && f.Answered != org.AnsweredThisYear && f.Answered != org.NotAnsweredThisYear)
	for _, code := range []string{f.Field, f.Language, f.Offer, f.Seek} {
		bad = bad || (code != "" && !validation.Code(code))
	}
	if bad {
		return apperr.New(apperr.BadRequest, "console.org_bad_filter")
	}
	return nil
}

// Organisations lists a page of the office's register, with its counts
// and the filter's choices: one read of the list, whatever the filter.
func (s *Service) Organisations(ctx context.Context, c *auth.Coordinator, q OrgQuery) (*OrgList, error) {
	if err := CheckFilter(&q.Filter); err != nil {
		return nil, err
	}
	offset := 0
	if q.Cursor != "" {
		n, err := strconv.Atoi(q.Cursor)
		if err != nil || n < 0 || n > 1_000_000 {
			return nil, apperr.New(apperr.BadRequest, "bad_cursor")
		}
		offset = n
	}
	limit := q.Limit
	if limit <= 0 {
		limit = OrgPageSize
	}
	limit = min(limit, MaxPage)
	now := s.now()
	all, err := s.summaries(ctx, c.Office)
	if err != nil {
		return nil, err
	}
	if q.All {
		limit = len(all) + 1
	}
	out := &OrgList{Items: []OrgRow{}, Facets: facetsOf(all)}
	this := org.Filter{Answered: org.AnsweredThisYear}
	for i := range all {
		sm := &all[i]
		if sm.State == org.Erased {
			continue
		}
		out.Counts.All++
		if !q.Filter.Match(sm, now) {
			continue
		}
		if out.Counts.Shown >= offset && len(out.Items) < limit {
			out.Items = append(out.Items, rowOf(*sm, s.Zone))
		}
		out.Counts.Shown++
		if sm.State == org.ContactBounced {
			out.Counts.Bounced++
		}
		if sm.Publish {
			out.Counts.Directory++
		}
		if this.Match(sm, now) {
			out.Counts.AnsweredThisYear++
		}
		if sm.Meetings > 0 {
			out.Counts.Met++
		}
	}
	if offset+len(out.Items) < out.Counts.Shown {
		out.NextCursor = strconv.Itoa(offset + len(out.Items))
	}
	return out, nil
}

// listCache keeps each office's list as last read, with its stamp: a
// list that did not change since is served from memory after one small
// read (the stamp), a changed one is read again. Kept for listCacheAge
// at most, so that a record past its retention leaves the list.
type listCache struct {
	mu    sync.Mutex
	lists map[string]cachedList
}

type cachedList struct {
	stamp string
	at    time.Time
	list  []org.Summary
}

const listCacheAge = 10 * time.Minute

// summaries are the office's list, by name (read-only: shared).
func (s *Service) summaries(ctx context.Context, office string) ([]org.Summary, error) {
	stamp, err := s.store.OrganisationsStamp(ctx, office)
	if err != nil {
		return nil, err
	}
	now := s.now()
	s.orgLists.mu.Lock()
	c, ok := s.orgLists.lists[office]
	s.orgLists.mu.Unlock()
	if ok && stamp != "" && c.stamp == stamp && now.Sub(c.at) < listCacheAge && !now.Before(c.at) {
		return c.list, nil
	}
	list, err := s.store.Organisations(ctx, office, now)
	if err != nil {
		return nil, err
	}
	if stamp != "" {
		s.orgLists.mu.Lock()
		if s.orgLists.lists == nil {
			s.orgLists.lists = map[string]cachedList{}
		}
		s.orgLists.lists[office] = cachedList{stamp: stamp, at: now, list: list}
		s.orgLists.mu.Unlock()
	}
	return list, nil
}

// OrganisationIDs are the ids of all the records f shows, in the list's
// order ("invite all shown").
func (s *Service) OrganisationIDs(ctx context.Context, c *auth.Coordinator, f org.Filter) ([]string, error) {
	if err := CheckFilter(&f); err != nil {
		return nil, err
	}
	now := s.now()
	all, err := s.summaries(ctx, c.Office)
	if err != nil {
		return nil, err
	}
	var ids []string
	for i := range all {
		if f.Match(&all[i], now) {
			ids = append(ids, all[i].ID)
		}
	}
	return ids, nil
}

func facetsOf(all []org.Summary) OrgFacets {
	sets := [5]map[string]bool{{}, {}, {}, {}, {}}
	for _, s := range all {
		if s.State == org.Erased {
			continue
		}
		for _, v := range s.Fields {
			sets[0][v] = true
		}
		if m := strings.TrimSpace(s.Municipality); m != "" {
			sets[1][m] = true
		}
		for _, v := range s.Languages {
			sets[2][v] = true
		}
		for _, v := range s.Offers {
			sets[3][v] = true
		}
		for _, v := range s.Seeks {
			sets[4][v] = true
		}
	}
	list := func(m map[string]bool) []string {
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	return OrgFacets{Fields: list(sets[0]), Municipalities: list(sets[1]), Languages: list(sets[2]), Offers: list(sets[3]), Seeks: list(sets[4])}
}

// ValidOrgID reports whether id can be a record's id (a ULID in lower
// case): checked before any read, so no malformed id reaches a key.
func ValidOrgID(id string) bool {
	if len(id) != 26 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

func orgNotFound() error { return apperr.New(apperr.NotFound, "organisation_not_found") }

// record reads one of the office's records.
func (s *Service) record(ctx context.Context, c *auth.Coordinator, id string) (*org.Record, error) {
	if !ValidOrgID(id) {
		return nil, orgNotFound()
	}
	return s.store.Organisation(ctx, c.Office, id)
}

// HistoryLine is an event of a record's history with the title of its
// survey or meeting (empty when that is gone).
type HistoryLine struct {
	org.Event
	Title string `json:"title,omitempty"`
}

// OrganisationView is a record with its history.
type OrganisationView struct {
	*org.Record
	History []HistoryLine `json:"history"`
}

// Organisation returns one of the office's records with its history,
// newest first, each line naming its survey or meeting in lang (one read
// per survey or meeting).
func (s *Service) Organisation(ctx context.Context, c *auth.Coordinator, id, lang string) (*OrganisationView, error) {
	r, err := s.record(ctx, c, id)
	if err != nil {
		return nil, err
	}
	evs, err := s.store.History(ctx, c.Office, id)
	if err != nil {
		return nil, err
	}
	v := &OrganisationView{Record: r, History: make([]HistoryLine, 0, len(evs))}
	titles := map[string]string{}
	for i := len(evs) - 1; i >= 0; i-- {
		e := evs[i]
		line := HistoryLine{Event: e}
		if e.TargetID != "" {
			k := e.Target + "/" + e.TargetID
			t, ok := titles[k]
			if !ok {
				t = s.targetName(ctx, c, e.Target, e.TargetID, lang)
				titles[k] = t
			}
			line.Title = t
		}
		v.History = append(v.History, line)
	}
	r.History = nil
	return v, nil
}

// targetName is a survey's or meeting's title in lang ("" when it is
// not the office's any more).
func (s *Service) targetName(ctx context.Context, c *auth.Coordinator, kind, id, lang string) string {
	switch kind {
	case string(invitation.Survey):
		if d, err := s.Survey(ctx, c, id); err == nil {
			return d.Title.In(lang)
		}
	case string(invitation.Meeting):
		if m, err := s.Meeting(ctx, c, id); err == nil {
			return m.Title.In(lang)
		}
	}
	return ""
}

// ContactInput is a record's contact as a coordinator writes it.
type ContactInput struct {
	Email    string `json:"email" validate:"omitempty,max=254,email_ascii,email"`
	Person   string `json:"person" validate:"max=200,plain"`
	Role     string `json:"role" validate:"max=200,plain"`
	Language string `json:"language" validate:"omitempty,language"`
	// Stale is the record's to say (a bounce sets it, a new address
	// clears it): read-only, ignored.
	Stale *bool `json:"stale"`
}

// OrganisationInput is the body of POST and PUT /admin/organisations…:
// what a coordinator may write of a record (the wire model; org.Record
// is the domain's), and what a GET of the record adds besides,
// read-only and ignored, so that a GET's answer can be sent back (unknown
// fields are still refused). The directory consent is the
// organisation's to give or withdraw (its answer, its entry page): read
// here, never written.
type OrganisationInput struct {
	Name          string       `json:"name" validate:"required,max=200"`
	Contact       ContactInput `json:"contact"`
	Municipality  string       `json:"municipality" validate:"max=200"`
	Website       string       `json:"website" validate:"omitempty,max=1000,http_url"`
	PublicContact string       `json:"publicContact" validate:"max=1000"`
	Fields        []string     `json:"fields"`
	Languages     []string     `json:"languages"`
	Offers        []string     `json:"offers"`
	Seeks         []string     `json:"seeks"`
	OffersText    string       `json:"offersText" validate:"max=1000"`
	SeeksText     string       `json:"seeksText" validate:"max=1000"`
	// Version is the version the change was made to (or If-Match): a
	// record saved in between is a conflict. 0: none given.
	Version int `json:"version"`

	ID           any `json:"id"`
	EarlierNames any `json:"earlierNames"`
	Consent      any `json:"consent"`
	State        any `json:"state"`
	Answered     any `json:"answered"`
	Meetings     any `json:"meetings"`
	History      any `json:"history"`
	CreatedAt    any `json:"createdAt"`
	UpdatedAt    any `json:"updatedAt"`
	ExpiresAt    any `json:"expiresAt"`
}

// apply checks in and writes it into r: every field error at once, in
// lang, each naming its limit; nothing is changed when one is found.
func (in *OrganisationInput) apply(r *org.Record, lang string) error {
	trim := func(p *string) { *p = strings.TrimSpace(*p) }
	for _, p := range []*string{&in.Name, &in.Municipality, &in.Website, &in.PublicContact, &in.Contact.Email, &in.Contact.Person, &in.Contact.Role} {
		trim(p)
	}
	in.Contact.Language = strings.ToLower(strings.TrimSpace(in.Contact.Language))
	in.OffersText, in.SeeksText = web(in.OffersText), web(in.SeeksText)
	fes := validation.Struct(in, lang, validation.WirePath)
	f := validation.NewFields(lang)
	codes := func(path string, list []string) []string {
		out := make([]string, 0, len(list))
		for _, c := range list {
			c = strings.TrimSpace(c)
			if c != "" && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
		if len(out) > org.MaxCodes {
			f.Add(path, "max", "console.org_too_many_codes", i18n.T(lang, "field."+path), org.MaxCodes)
			return out
		}
		for i, c := range out {
			if !validation.Code(c) {
				f.Add(path+"["+strconv.Itoa(i)+"]", "code", "console.org_bad_code", i18n.T(lang, "field."+path))
			}
		}
		return out
	}
	fields, offers, seeks := codes("fields", in.Fields), codes("offers", in.Offers), codes("seeks", in.Seeks)
	langs := codes("languages", in.Languages)
	for i, l := range langs {
		if validation.Code(l) && !i18n.IsContentLanguage(l) {
			f.Add("languages["+strconv.Itoa(i)+"]", "language", "language", i18n.T(lang, "field.languages"))
		}
	}
	if err := f.Err(); err != nil || len(fes) > 0 {
		if err != nil {
			fes = append(fes, apperr.As(err).Fields...)
		}
		return apperr.Validation(fes)
	}
	r.Rename(in.Name)
	if address.Key(in.Contact.Email) != address.Key(r.Contact.Email) {
		// A new address: whatever bounced before was the old one's.
		r.Contact.Stale = false
		if r.State == org.ContactBounced {
			r.State = org.Active
		}
	}
	r.Contact.Email, r.Contact.Person, r.Contact.Role, r.Contact.Language = in.Contact.Email, in.Contact.Person, in.Contact.Role, in.Contact.Language
	r.Municipality, r.Website, r.PublicContact = in.Municipality, in.Website, in.PublicContact
	r.Fields, r.Languages, r.Offers, r.Seeks = fields, langs, offers, seeks
	r.OffersText, r.SeeksText = in.OffersText, in.SeeksText
	return nil
}

// web is a free text with "\n" line breaks, trimmed.
func web(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }

// CreateOrganisation adds a record by hand. An address or name another
// record has is a conflict that names that record.
func (s *Service) CreateOrganisation(ctx context.Context, c *auth.Coordinator, in OrganisationInput, lang string) (*org.Record, error) {
	now := s.now()
	r := org.New(c.Office, "", now)
	if err := in.apply(r, lang); err != nil {
		return nil, err
	}
	r.Version = 0
	if err := s.store.CreateOrganisation(ctx, r); err != nil {
		return nil, err
	}
	return r, nil
}

// UpdateOrganisation changes a record as a coordinator wrote it: over
// version (0: the stored one), else organisation_changed. A new name
// keeps the old one among the earlier names; a new address clears a
// bounce.
func (s *Service) UpdateOrganisation(ctx context.Context, c *auth.Coordinator, id string, in OrganisationInput, version int, lang string) (*org.Record, error) {
	r, err := s.record(ctx, c, id)
	if err != nil {
		return nil, err
	}
	if version != 0 && version != r.Version {
		return nil, apperr.New(apperr.Conflict, "organisation_changed")
	}
	before := address.Key(r.Contact.Email)
	if err := in.apply(r, lang); err != nil {
		return nil, err
	}
	if k := address.Key(r.Contact.Email); k != "" && k != before {
		// Another record's address: one organisation twice, to merge.
		other, err := s.store.OrganisationByAddress(ctx, c.Office, r.Contact.Email)
		if err != nil {
			return nil, err
		}
		if other != "" && other != r.ID {
			if _, err := s.store.Organisation(ctx, c.Office, other); err == nil {
				return nil, apperr.New(apperr.Conflict, "organisation_exists", other)
			}
		}
	}
	now := s.now()
	r.Touch(now)
	if err := s.store.SaveOrganisation(ctx, r, org.Event{At: now, Kind: org.Edited, Ref: strconv.Itoa(r.Version + 1)}); err != nil {
		return nil, err
	}
	return r, nil
}

// MergeOrganisations merges record from into record id: id keeps both
// histories, from's names and the facts it lacked; from is gone.
func (s *Service) MergeOrganisations(ctx context.Context, c *auth.Coordinator, id, from, lang string) (*org.Record, error) {
	if _, err := s.record(ctx, c, id); err != nil {
		return nil, err
	}
	f := validation.NewFields(lang)
	switch {
	case from == "":
		f.Add("from", "required", "v.required", i18n.T(lang, "field.from"))
	case from == id:
		f.Add("from", "self", "console.org_merge_self")
	case !ValidOrgID(from):
		f.Add("from", "unknown", "console.org_unknown", from)
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if _, err := s.store.Organisation(ctx, c.Office, from); apperr.CodeOf(err) == apperr.NotFound {
		f.Add("from", "unknown", "console.org_unknown", from)
		return nil, f.Err()
	} else if err != nil {
		return nil, err
	}
	return s.store.MergeOrganisations(ctx, c.Office, id, from, s.now())
}

// EraseOrganisation erases a whole record at the organisation's request,
// recording the coordinator in the audit trail.
func (s *Service) EraseOrganisation(ctx context.Context, c *auth.Coordinator, id string) error {
	if !ValidOrgID(id) {
		return orgNotFound()
	}
	return s.store.EraseOrganisationBy(ctx, c.Office, erasedBy(c), id, s.now())
}

// EraseOrganisationContact erases a record's contact person (the record
// keeps the organisation's public facts), with its audit entry.
func (s *Service) EraseOrganisationContact(ctx context.Context, c *auth.Coordinator, id string) (*org.Record, error) {
	if !ValidOrgID(id) {
		return nil, orgNotFound()
	}
	return s.store.EraseOrganisationContact(ctx, c.Office, erasedBy(c), id, s.now())
}

// InviteOrganisations invites records of the register to a survey or
// meeting: each record's name, address and language make an entry of
// the one invitation path (Invite: objections, duplicates, mails and
// limits as for an upload), the invitation carrying the record's id, and
// each record's history notes the invitation. Records without an address
// or whose contact bounced are skipped and counted; an id that is not a
// record of the office is a validation error that names it.
func (s *Service) InviteOrganisations(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, targetID string, ids []string, lang string) (*InviteResult, error) {
	if _, err := s.target(ctx, c, kind, targetID); err != nil {
		return nil, err
	}
	f := validation.NewFields(lang)
	if len(ids) == 0 {
		f.Add("organisations", "required", "console.org_none_selected")
		return nil, f.Err()
	}
	if len(ids) > invitation.MaxRows {
		f.Add("organisations", "max", "invitations_too_many", invitation.MaxRows)
		return nil, f.Err()
	}
	known := map[string]bool{}
	all, err := s.summaries(ctx, c.Office)
	if err != nil {
		return nil, err
	}
	for _, sm := range all {
		if sm.State != org.Erased {
			known[sm.ID] = true
		}
	}
	var uniq []string
	for i, id := range ids {
		if !known[id] {
			f.Add("organisations["+strconv.Itoa(i)+"]", "unknown", "console.org_unknown", clip(id))
			continue
		}
		if !slices.Contains(uniq, id) {
			uniq = append(uniq, id)
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	recs, err := s.records(ctx, c, uniq)
	if err != nil {
		return nil, err
	}
	res := &InviteResult{}
	var entries []invitation.Entry
	for _, r := range recs {
		if r == nil || r.Contact.Email == "" || r.Contact.Stale || r.State == org.ContactBounced {
			res.Skipped++
			continue
		}
		entries = append(entries, invitation.Entry{Organisation: clipRunes(r.Name, org.MaxName), Email: r.Contact.Email, Language: r.Contact.Language, OrgID: r.ID})
	}
	if len(entries) == 0 {
		return res, nil
	}
	out, err := s.Invite(ctx, c, kind, targetID, entries, nil, lang)
	if err != nil {
		return nil, err
	}
	out.Skipped = res.Skipped
	now := s.now()
	evs := make(map[string]org.Event, len(entries))
	for _, e := range entries {
		evs[e.OrgID] = org.Event{At: now, Kind: org.Invited, Target: string(kind), TargetID: targetID, Ref: invitation.ID(kind, targetID, e.Email)}
	}
	if err := s.store.AddEvents(ctx, c.Office, evs); err != nil {
		return nil, err
	}
	return out, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// records reads records by id, a few at a time (nil for one gone).
func (s *Service) records(ctx context.Context, c *auth.Coordinator, ids []string) ([]*org.Record, error) {
	out := make([]*org.Record, len(ids))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i, id := range ids {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r, err := s.store.Organisation(ctx, c.Office, id)
			if apperr.CodeOf(err) == apperr.NotFound {
				return
			}
			out[i], errs[i] = r, err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ExportOrganisations writes the records f shows as a workbook (or CSV):
// the facts and figures of the list and the contact.
func (s *Service) ExportOrganisations(ctx context.Context, c *auth.Coordinator, f org.Filter, o export.Options, w io.Writer) error {
	ids, err := s.OrganisationIDs(ctx, c, f)
	if err != nil {
		return err
	}
	o.Zone = s.Zone
	head := func(o export.Options) []export.Cell {
		cols := []string{"id", "name", "earlierNames", "contact.email", "contact.person", "contact.role", "contact.language", "municipality",
			"website", "publicContact", "fields", "languages", "offers", "seeks", "offersText", "seeksText", "state", "directory",
			"lastAnswer", "surveys", "meetings", "updatedAt"}
		out := make([]export.Cell, len(cols))
		for i, col := range cols {
			if o.Labels {
				col = i18n.T(o.Lang, orgColumn(col))
			}
			out[i] = export.Text(col)
		}
		return out
	}
	each := func(fn func([]*org.Record) error) error {
		for len(ids) > 0 {
			n := min(len(ids), 100)
			recs, err := s.records(ctx, c, ids[:n])
			if err != nil {
				return err
			}
			recs = slices.DeleteFunc(recs, func(r *org.Record) bool { return r == nil })
			if err := fn(recs); err != nil {
				return err
			}
			ids = ids[n:]
		}
		return nil
	}
	row := func(cells []export.Cell, r *org.Record, o export.Options) []export.Cell {
		sm := r.Summary()
		last := export.Text("")
		if sm.LastAnswer != 0 {
			t := time.Unix(sm.LastAnswer, 0).In(o.Zone)
			last = export.Cell{Value: t.Format("2006-01-02 15:04:05"), Time: t}
		}
		state := string(r.State)
		dir := "0"
		if r.Published() {
			dir = "1"
		}
		if o.Words {
			state = i18n.T(o.Lang, "console.org_state_"+state)
			dir = i18n.T(o.Lang, "page.no")
			if r.Published() {
				dir = i18n.T(o.Lang, "page.yes")
			}
		}
		lang := r.Contact.Language
		if o.Words && lang != "" {
			lang = i18n.Name(lang)
		}
		t := r.UpdatedAt.In(o.Zone)
		return append(cells[:0], export.Text(r.ID), export.Text(r.Name), export.Text(strings.Join(r.EarlierNames, "; ")),
			export.Text(r.Contact.Email), export.Text(r.Contact.Person), export.Text(r.Contact.Role), export.Text(lang),
			export.Text(r.Municipality), export.Text(r.Website), export.Text(r.PublicContact),
			export.Text(strings.Join(r.Fields, ", ")), export.Text(strings.Join(r.Languages, ", ")),
			export.Text(strings.Join(r.Offers, ", ")), export.Text(strings.Join(r.Seeks, ", ")),
			export.Text(r.OffersText), export.Text(r.SeeksText), export.Text(state), export.Text(dir), last,
			export.Number(strconv.Itoa(sm.Surveys), float64(sm.Surveys)), export.Number(strconv.Itoa(sm.Meetings), float64(sm.Meetings)),
			export.Cell{Value: t.Format("2006-01-02 15:04:05"), Time: t})
	}
	return export.Table(w, o, i18n.T(o.Lang, "console.org_sheet"), head, each, row)
}

// orgColumn is the catalogue key of an export column's label.
func orgColumn(col string) string {
	switch col {
	case "id", "surveys":
		return "console.org_col_" + col
	case "contact.email", "contact.language":
		return "console.org_" + strings.ReplaceAll(col, ".", "_")
	case "contact.person", "contact.role":
		return "field." + strings.TrimPrefix(col, "contact.")
	case "earlierNames":
		return "console.org_earlier_names"
	case "state":
		return "console.state"
	case "directory":
		return "console.orgs_directory"
	case "lastAnswer":
		return "console.orgs_last_answer"
	case "meetings":
		return "console.meetings"
	case "updatedAt":
		return "console.org_updated"
	}
	return "field." + col
}
