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

// officeForm is the office profile's form.
type officeForm struct {
	base
	Saved string
	// In are the form's inputs by field name; Names, NoticeTexts and
	// Barriers its texts per language.
	In                           map[string]web.Input
	Names, NoticeTexts, Barriers web.LangGroup
	// Current is the privacy notice's current version ("" without one),
	// Versions every published version with the link to its page.
	Current  string
	Versions []versionLink
	Status   web.Input
	// UpdatedAt is when the profile the form shows was saved: a post
	// saves only over that one.
	UpdatedAt string
}

type versionLink struct {
	Version, URL string
	Current      bool
}

// officeFields are the form's fields in their order on the page: the
// error summary lists errors in this order.
var officeFields = []string{"name.de", "senderName", "address", "email", "phone", "website", "imprintUrl", "origins",
	"dataProtectionOfficer.name", "dataProtectionOfficer.email", "dataProtectionOfficer.address",
	"privacyNotice.version", "privacyNotice.text.de", "accessibility.status", "accessibility.knownBarriers.de",
	"accessibility.reviewedOn", "accessibility.enforcementBody.name", "accessibility.enforcementBody.url",
	"accessibility.enforcementBody.address"}

// officeAnchors: the status's error links to its first radio button.
var officeAnchors = map[string]string{"accessibility.status": "accessibility-status-" + office.Full}

func (c *Console) officePage(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	p, err := c.svc.Office(ctx, s.Coordinator)
	if err != nil {
		return Response{}, err
	}
	f := c.officeForm(s, req, p, officeValues(lang, p))
	if flashInt(req, "saved") > 0 {
		f.Saved = i18n.T(lang, "console.office_saved")
	}
	return pages.Render(http.StatusOK, "office.html", lang, true, f)
}

// officeValues is the form filled in from the stored profile p (one with
// only its office when there is none yet).
func officeValues(lang string, p *office.Profile) *Form {
	v := url.Values{"senderName": {p.SenderName}, "address": {p.Address}, "email": {p.Email}, "phone": {p.Phone},
		"website": {p.Website}, "imprintUrl": {p.ImprintURL}, "origins": {strings.Join(p.Origins, "\n")},
		"dataProtectionOfficer.name": {p.DataProtectionOfficer.Name}, "dataProtectionOfficer.email": {p.DataProtectionOfficer.Email},
		"dataProtectionOfficer.address": {p.DataProtectionOfficer.Address}, "accessibility.status": {p.Accessibility.Status},
		"accessibility.reviewedOn": {p.Accessibility.ReviewedOn}, "accessibility.enforcementBody.name": {p.Accessibility.EnforcementBody.Name},
		"accessibility.enforcementBody.url": {p.Accessibility.EnforcementBody.URL}, "accessibility.enforcementBody.address": {p.Accessibility.EnforcementBody.Address}}
	if !p.UpdatedAt.IsZero() {
		v.Set("updatedAt", p.UpdatedAt.UTC().Format(time.RFC3339Nano))
	}
	texts := map[string]i18n.Text{"name": p.Name, "accessibility.knownBarriers": p.Accessibility.KnownBarriers}
	if n := p.PrivacyNotice; n != nil {
		texts["privacyNotice.text"] = n.Text
	}
	for prefix, t := range texts {
		for l, s := range t {
			v.Set(prefix+"."+l, s)
		}
	}
	return newForm(lang, v)
}

// officeForm is the form of stored profile p filled in with form's values
// and errors.
func (c *Console) officeForm(s *Session, req *Request, p *office.Profile, form *Form) officeForm {
	lang := form.Lang
	f := officeForm{base: withLang(c.base(s, lang, "console.office_title", "/console/office"), req), UpdatedAt: form.Get("updatedAt")}
	f.Stamp = c.stamp(form, "/console/office")
	f.Errors = form.Summary(officeFields, officeAnchors)
	if n := p.PrivacyNotice; n != nil {
		f.Current = n.Version
	}
	for _, v := range slices.Backward(p.NoticeVersions) {
		f.Versions = append(f.Versions, versionLink{Version: v, Current: v == f.Current,
			URL: office.Path(p.Office, office.PagePrivacy) + "?" + url.Values{"version": {v}, "lang": {lang}}.Encode()})
	}
	f.Names = form.Langs("name", i18n.T(lang, "console.office_name"), "", web.Input{Type: "text", Required: true})
	f.NoticeTexts = form.Langs("privacyNotice.text", i18n.T(lang, "console.office_notice_text"), i18n.T(lang, "console.office_notice_text_hint"), web.Input{Rows: 12})
	f.Barriers = form.Langs("accessibility.knownBarriers", i18n.T(lang, "console.office_barriers"), i18n.T(lang, "console.office_barriers_hint"), web.Input{Rows: 4})
	in := func(name, typ, label, hint string, required bool) web.Input {
		i := field(lang, name, typ, label, hint, required)
		if typ == "" {
			i.Rows, i.Dir = 3, "auto"
		}
		return form.Input(i)
	}
	origins := in("origins", "", "console.office_origins", "console.office_origins_hint", false)
	origins.Dir = "ltr"
	f.In = map[string]web.Input{}
	for _, i := range []web.Input{
		in("senderName", "text", "console.office_sender", "console.office_sender_hint", true),
		in("address", "", "console.address", "", true),
		in("email", "email", "console.office_email", "console.office_email_hint", true),
		in("phone", "tel", "console.office_phone", "", false),
		in("website", "url", "console.office_website", "", false),
		in("imprintUrl", "url", "console.office_imprint", "", true),
		origins,
		in("dataProtectionOfficer.name", "text", "console.office_officer_name", "", false),
		in("dataProtectionOfficer.email", "email", "console.office_officer_email", "", true),
		in("dataProtectionOfficer.address", "", "console.address", "", true),
		in("privacyNotice.version", "text", "console.office_notice_version", "console.office_notice_version_hint", false),
		in("accessibility.reviewedOn", "date", "console.office_reviewed", "", true),
		in("accessibility.enforcementBody.name", "text", "console.office_body_name", "", true),
		in("accessibility.enforcementBody.url", "url", "console.office_body_url", "", true),
		in("accessibility.enforcementBody.address", "", "console.address", "", false),
	} {
		f.In[i.Name] = i
	}
	f.Status = web.Input{Name: "accessibility.status", Type: "radio", Label: i18n.T(lang, "console.office_status"), Required: true}
	for _, st := range []string{office.Full, office.Partial, office.None} {
		f.Status.Options = append(f.Status.Options, web.Option{Code: st, Label: i18n.T(lang, "console.office_status_"+st), ID: "accessibility-status-" + st})
	}
	f.Status = form.Input(f.Status)
	return f
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
	p := office.Profile{
		Name: form.Texts("name"), SenderName: form.Text("senderName"), Address: form.Multiline("address"),
		Email: form.Text("email"), Phone: form.Text("phone"), Website: form.Text("website"), ImprintURL: form.Text("imprintUrl"),
		Origins: form.Lines("origins"),
		DataProtectionOfficer: office.Officer{Name: form.Text("dataProtectionOfficer.name"),
			Email: form.Text("dataProtectionOfficer.email"), Address: form.Multiline("dataProtectionOfficer.address")},
		Accessibility: office.Accessibility{Status: form.Get("accessibility.status"), KnownBarriers: form.Texts("accessibility.knownBarriers"),
			ReviewedOn: form.Text("accessibility.reviewedOn"),
			EnforcementBody: office.Body{Name: form.Text("accessibility.enforcementBody.name"),
				URL: form.Text("accessibility.enforcementBody.url"), Address: form.Multiline("accessibility.enforcementBody.address")}},
	}
	version, notice := form.Text("privacyNotice.version"), form.Texts("privacyNotice.text")
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
		return c.officeChanged(ctx, s, req, cur, form, &p, needVersion)
	}
	if needVersion {
		form.Fail("privacyNotice.version", i18n.T(lang, "console.office_version_needed"))
	}
	// Every field's problem at once: the form's own and the profile's.
	p.Office = s.Office
	err = office.ValidateProfile(&p, lang)
	if err == nil && !form.Failed() {
		if _, err = c.svc.PutOfficeIf(ctx, s.Coordinator, p, read, lang); err == nil {
			return web.Redirect("/console/office"+flash(req, "saved", 1), lang, true), nil
		}
	}
	e := apperr.As(err)
	switch {
	case err == nil:
	case e != nil && e.Key == "office_changed": // saved by another request since the check above
		return c.officeChanged(ctx, s, req, cur, form, &p, needVersion)
	case e != nil && e.Key == "notice_version_published":
		form.Fail("privacyNotice.version", i18n.T(lang, e.Key))
	case form.Merge(err, officeFields):
	default:
		return Response{}, err
	}
	return pages.Render(http.StatusUnprocessableEntity, "office.html", lang, true, c.officeForm(s, req, cur, form))
}

// officeChanged answers a form filled in from a profile that is no longer
// the stored one: the same form posted twice finds its profile saved and
// goes to it; after someone else saved, the form comes back with what was
// posted and a message, and saving it again (over theirs) is a choice
// made knowingly.
func (c *Console) officeChanged(ctx context.Context, s *Session, req *Request, cur *office.Profile, form *Form, p *office.Profile, needVersion bool) (Response, error) {
	lang := form.Lang
	now, err := c.svc.Office(ctx, s.Coordinator)
	if err != nil {
		return Response{}, err
	}
	if !needVersion && sameProfile(now, p) {
		return web.Redirect("/console/office"+flash(req, "saved", 1), lang, true), nil
	}
	form.Set("updatedAt", "")
	if !now.UpdatedAt.IsZero() {
		form.Set("updatedAt", now.UpdatedAt.UTC().Format(time.RFC3339Nano))
	}
	// Only this message: the form is what was posted, to be saved again.
	shown := newForm(lang, form.Values)
	shown.Fail("office", i18n.T(lang, "office_changed"))
	return pages.Render(http.StatusConflict, "office.html", lang, true, c.officeForm(s, req, cur, shown))
}

func sameText(a, b i18n.Text) bool {
	if len(a) != len(b) {
		return false
	}
	for l, s := range a {
		if web.Multiline(b[l]) != s {
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
