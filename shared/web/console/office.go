package console

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// officeForm is the office profile's form (OFFICE.md), as strings.
type officeForm struct {
	base
	Saved                                     string
	Names                                     []langField
	SenderName, Address, Email, Phone         string
	Website, ImprintURL, Origins              string
	OfficerName, OfficerEmail, OfficerAddress string
	// Current is the privacy notice's current version ("" without one),
	// Versions every published version with the link to its page.
	Current       string
	Versions      []versionLink
	NoticeVersion string
	NoticeTexts   []langField
	Status        string
	Statuses      []statusOption
	Barriers      []langField
	ReviewedOn    string
	BodyName      string
	BodyURL       string
	BodyAddress   string
	// UpdatedAt is when the profile the form shows was saved: a post
	// saves only over that one.
	UpdatedAt string
	Err       map[string]string
}

// langField is one language's entry of a text per language.
type langField struct{ Lang, Name, Value string }

type versionLink struct {
	Version, URL string
	Current      bool
}

type statusOption struct {
	Value, Label string
	Checked      bool
}

// officeFields are the form's fields in their order on the page: the
// error summary lists errors in this order.
var officeFields = []string{"name.de", "senderName", "address", "email", "phone", "website", "imprintUrl", "origins",
	"dataProtectionOfficer.name", "dataProtectionOfficer.email", "dataProtectionOfficer.address",
	"privacyNotice.version", "privacyNotice.text.de", "accessibility.status", "accessibility.knownBarriers.de",
	"accessibility.reviewedOn", "accessibility.enforcementBody.name", "accessibility.enforcementBody.url",
	"accessibility.enforcementBody.address"}

func (c *Console) officePage(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	p, err := c.svc.Office(ctx, s.Coordinator)
	if err != nil {
		return Response{}, err
	}
	f := c.officeForm(s, req, lang, p)
	if flashInt(req, "saved") > 0 {
		f.Saved = i18n.T(lang, "console.office_saved")
	}
	return pages.Render(http.StatusOK, "office.html", lang, true, f)
}

// officeForm fills the form from the stored profile p (one with only
// its office when there is none yet).
func (c *Console) officeForm(s *Session, req *Request, lang string, p *office.Profile) officeForm {
	f := officeForm{base: withLang(c.base(s, lang, "console.office_title", "/console/office"), req), Err: map[string]string{},
		SenderName: p.SenderName, Address: p.Address, Email: p.Email, Phone: p.Phone, Website: p.Website, ImprintURL: p.ImprintURL,
		Origins:     strings.Join(p.Origins, "\n"),
		OfficerName: p.DataProtectionOfficer.Name, OfficerEmail: p.DataProtectionOfficer.Email, OfficerAddress: p.DataProtectionOfficer.Address,
		Status: p.Accessibility.Status, ReviewedOn: p.Accessibility.ReviewedOn,
		BodyName: p.Accessibility.EnforcementBody.Name, BodyURL: p.Accessibility.EnforcementBody.URL, BodyAddress: p.Accessibility.EnforcementBody.Address}
	if !p.UpdatedAt.IsZero() {
		f.UpdatedAt = p.UpdatedAt.UTC().Format(time.RFC3339Nano)
	}
	var notice i18n.Text
	if n := p.PrivacyNotice; n != nil {
		f.Current, notice = n.Version, n.Text
	}
	for _, v := range slices.Backward(p.NoticeVersions) {
		f.Versions = append(f.Versions, versionLink{Version: v, Current: v == f.Current,
			URL: office.Path(p.Office, office.PagePrivacy) + "?" + url.Values{"version": {v}, "lang": {lang}}.Encode()})
	}
	f.Names, f.NoticeTexts, f.Barriers = langFields(p.Name), langFields(notice), langFields(p.Accessibility.KnownBarriers)
	f.setStatuses(lang)
	return f
}

func langFields(t i18n.Text) []langField {
	out := make([]langField, 0, len(i18n.Supported))
	for _, l := range i18n.Supported {
		out = append(out, langField{Lang: l, Name: i18n.T(l, "page.language_name"), Value: t[l]})
	}
	return out
}

func (f *officeForm) setStatuses(lang string) {
	f.Statuses = nil
	for _, st := range []string{office.Full, office.Partial, office.None} {
		f.Statuses = append(f.Statuses, statusOption{Value: st, Label: i18n.T(lang, "console.office_status_"+st), Checked: st == f.Status})
	}
}

// saveOffice reads the form into a profile and saves it over the one the
// form was filled from. The privacy notice's texts come filled in with
// the current version's: unchanged they keep it; a changed text needs a
// new version, which is published beside the earlier ones. A form posted
// twice saves once: the second finds its profile saved and shows it.
func (c *Console) saveOffice(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	cur, err := c.svc.Office(ctx, s.Coordinator)
	if err != nil {
		return Response{}, err
	}
	f := c.officeForm(s, req, lang, cur)
	p := office.Profile{
		Name: texts(form, "name"), SenderName: strings.TrimSpace(form.Get("senderName")), Address: multiline(form.Get("address")),
		Email: strings.TrimSpace(form.Get("email")), Phone: strings.TrimSpace(form.Get("phone")), Website: strings.TrimSpace(form.Get("website")),
		ImprintURL: strings.TrimSpace(form.Get("imprintUrl")),
		DataProtectionOfficer: office.Officer{Name: strings.TrimSpace(form.Get("dataProtectionOfficer.name")),
			Email: strings.TrimSpace(form.Get("dataProtectionOfficer.email")), Address: multiline(form.Get("dataProtectionOfficer.address"))},
		Accessibility: office.Accessibility{Status: form.Get("accessibility.status"), KnownBarriers: texts(form, "accessibility.knownBarriers"),
			ReviewedOn: strings.TrimSpace(form.Get("accessibility.reviewedOn")),
			EnforcementBody: office.Body{Name: strings.TrimSpace(form.Get("accessibility.enforcementBody.name")),
				URL: strings.TrimSpace(form.Get("accessibility.enforcementBody.url")), Address: multiline(form.Get("accessibility.enforcementBody.address"))}},
	}
	for _, o := range strings.Split(form.Get("origins"), "\n") {
		if o = strings.TrimSpace(o); o != "" {
			p.Origins = append(p.Origins, o)
		}
	}
	// The form shows what was posted.
	f.Names, f.Barriers = langFields(p.Name), langFields(p.Accessibility.KnownBarriers)
	f.SenderName, f.Address, f.Email, f.Phone, f.Website, f.ImprintURL = p.SenderName, p.Address, p.Email, p.Phone, p.Website, p.ImprintURL
	f.Origins = strings.Join(p.Origins, "\n")
	f.OfficerName, f.OfficerEmail, f.OfficerAddress = p.DataProtectionOfficer.Name, p.DataProtectionOfficer.Email, p.DataProtectionOfficer.Address
	f.Status, f.ReviewedOn = p.Accessibility.Status, p.Accessibility.ReviewedOn
	f.BodyName, f.BodyURL, f.BodyAddress = p.Accessibility.EnforcementBody.Name, p.Accessibility.EnforcementBody.URL, p.Accessibility.EnforcementBody.Address
	f.setStatuses(lang)
	version, notice := strings.TrimSpace(form.Get("privacyNotice.version")), texts(form, "privacyNotice.text")
	f.NoticeVersion, f.NoticeTexts = version, langFields(notice)
	needVersion := false
	switch {
	case version != "":
		p.PrivacyNotice = &office.PrivacyNotice{Version: version, Text: notice}
	case cur.PrivacyNotice != nil && sameText(notice, cur.PrivacyNotice.Text):
		p.PrivacyNotice = &office.PrivacyNotice{Version: cur.PrivacyNotice.Version, Text: cur.PrivacyNotice.Text}
	case cur.PrivacyNotice == nil && len(notice) == 0:
	default:
		needVersion = true
	}
	read, _ := time.Parse(time.RFC3339Nano, form.Get("updatedAt")) // absent: the office had no profile
	if !read.Equal(cur.UpdatedAt) {
		return c.officeChanged(ctx, s, req, lang, f, &p, needVersion)
	}
	if needVersion {
		f.Err["privacyNotice.version"] = i18n.T(lang, "console.office_version_needed")
	}
	// Every field's problem at once: the form's own and the profile's.
	p.Office = s.Office
	err = p.Validate(lang)
	if err == nil && len(f.Err) == 0 {
		if _, err = c.svc.PutOfficeIf(ctx, s.Coordinator, p, read, lang); err == nil {
			return web.Redirect("/console/office"+flash(req, "saved", 1), lang, true), nil
		}
	}
	e := apperr.As(err)
	switch {
	case err == nil:
	case e != nil && e.Key == "office_changed": // saved by another request since the check above
		return c.officeChanged(ctx, s, req, lang, f, &p, needVersion)
	case e != nil && e.Key == "notice_version_published":
		f.Err["privacyNotice.version"] = i18n.T(lang, e.Key)
	case e != nil && e.Code == apperr.ValidationFailed:
		for _, fe := range e.Fields {
			if field := officeField(fe.Field); f.Err[field] == "" {
				f.Err[field] = fe.Message
			}
		}
	default:
		return Response{}, err
	}
	for _, id := range officeFields {
		if m, ok := f.Err[id]; ok {
			f.Errors = append(f.Errors, web.FieldError{Field: fieldID(officeAnchor(id)), Message: m})
		}
	}
	return pages.Render(http.StatusUnprocessableEntity, "office.html", lang, true, f)
}

// officeChanged answers a form filled in from a profile that is no longer
// the stored one: the same form posted twice finds its profile saved and
// goes to it; after someone else saved, the form comes back with what was
// posted and a message, and saving it again (over theirs) is a choice
// made knowingly.
func (c *Console) officeChanged(ctx context.Context, s *Session, req *Request, lang string, f officeForm, p *office.Profile, needVersion bool) (Response, error) {
	now, err := c.svc.Office(ctx, s.Coordinator)
	if err != nil {
		return Response{}, err
	}
	if !needVersion && sameProfile(now, p) {
		return web.Redirect("/console/office"+flash(req, "saved", 1), lang, true), nil
	}
	if f.UpdatedAt = ""; !now.UpdatedAt.IsZero() {
		f.UpdatedAt = now.UpdatedAt.UTC().Format(time.RFC3339Nano)
	}
	f.Errors = []web.FieldError{{Field: "name-de", Message: i18n.T(lang, "office_changed")}}
	return pages.Render(http.StatusConflict, "office.html", lang, true, f)
}

// officeField is the form's field for an error's path: a text per
// language's error goes to its German field (the one it requires), a
// website's to the list.
func officeField(path string) string {
	for _, t := range []string{"name", "privacyNotice.text", "accessibility.knownBarriers"} {
		if path == t || strings.HasPrefix(path, t+".") {
			return t + ".de"
		}
	}
	switch {
	case strings.HasPrefix(path, "origins"):
		return "origins"
	case path == "privacyNotice" || path == "office":
		return "privacyNotice.version"
	case !slices.Contains(officeFields, path):
		return "name.de"
	}
	return path
}

// officeAnchor is the element an error links to: a group of radio
// buttons by its first.
func officeAnchor(field string) string {
	if field == "accessibility.status" {
		return "accessibility.status." + office.Full
	}
	return field
}

// texts reads a text per language (fields prefix.<lang>), without the
// empty ones; line breaks as "\n".
func texts(form *Form, prefix string) i18n.Text {
	t := i18n.Text{}
	for _, l := range i18n.Supported {
		if v := multiline(form.Get(prefix + "." + l)); v != "" {
			t[l] = v
		}
	}
	if len(t) == 0 {
		return nil
	}
	return t
}

// multiline is a textarea's value with "\n" line breaks (browsers send
// CRLF), trimmed.
func multiline(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

func sameText(a, b i18n.Text) bool {
	if len(a) != len(b) {
		return false
	}
	for l, s := range a {
		if multiline(b[l]) != s {
			return false
		}
	}
	return true
}

// sameProfile reports whether the stored profile is p, but for what the
// store sets (updatedAt, versions, publishedAt).
func sameProfile(stored, p *office.Profile) bool {
	norm := func(q office.Profile) string {
		q.Office, q.UpdatedAt, q.NoticeVersions = "", time.Time{}, nil
		if q.PrivacyNotice != nil {
			n := *q.PrivacyNotice
			n.PublishedAt = nil
			q.PrivacyNotice = &n
		}
		b, _ := json.Marshal(q)
		return string(b)
	}
	return norm(*stored) == norm(*p)
}
