// Package office is an office's profile: who runs the pages and mails of
// its surveys and meetings (name, sender, contact, imprint), its data
// protection officer, its privacy notice in versions, and its
// accessibility statement. Every page and mail of the office
// shows its name and links its legal pages.
package office

import (
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/notice"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// Profile is the body of GET and PUT /admin/office. Office, UpdatedAt and
// NoticeVersions are the service's: a PUT ignores them, so a GET answer
// can be sent back unchanged.
type Profile struct {
	Office                string         `json:"office"`
	Name                  i18n.Text      `json:"name"`
	SenderName            string         `json:"senderName"`
	Address               string         `json:"address"`
	Email                 string         `json:"email"`
	Phone                 string         `json:"phone,omitempty"`
	Website               string         `json:"website,omitempty"`
	ImprintURL            string         `json:"imprintUrl"`
	Origins               []string       `json:"origins,omitempty"`
	DataProtectionOfficer Officer        `json:"dataProtectionOfficer"`
	PrivacyNotice         *PrivacyNotice `json:"privacyNotice,omitempty"`
	Accessibility         Accessibility  `json:"accessibility"`
	// NoticeVersions are the versions of the privacy notice published so
	// far, oldest first (each stays readable at /p/{office}/privacy?version=).
	NoticeVersions []string  `json:"noticeVersions,omitempty"`
	UpdatedAt      time.Time `json:"updatedAt"`
}

// Officer is the data protection officer (Art. 37 DSGVO).
type Officer struct {
	Name    string `json:"name,omitempty"`
	Email   string `json:"email"`
	Address string `json:"address"`
}

// PrivacyNotice is one version of the office's privacy notice (Art. 13
// DSGVO): text per language, paragraphs and headings, no HTML. The
// German text is the binding one.
type PrivacyNotice struct {
	Version string    `json:"version"`
	Text    i18n.Text `json:"text"`
	// PublishedAt is when this version was first saved (read-only).
	PublishedAt *time.Time `json:"publishedAt,omitempty"`
}

// Accessibility is the accessibility statement (§ 12b BGG).
type Accessibility struct {
	Status          string    `json:"status"` // full, partial, none
	KnownBarriers   i18n.Text `json:"knownBarriers,omitempty"`
	ReviewedOn      string    `json:"reviewedOn"` // YYYY-MM-DD
	EnforcementBody Body      `json:"enforcementBody"`
}

// Body is the enforcement body people may turn to (Schlichtungsverfahren).
type Body struct {
	Name    string `json:"name"`
	URL     string `json:"url"`
	Address string `json:"address,omitempty"`
}

// Accessibility statuses (conformity with BITV 2.0).
const (
	Full    = "full"
	Partial = "partial"
	None    = "none"
)

// Limits of a profile.
const (
	MaxLine        = 300    // names, addresses, links
	MaxNoticeText  = 60000  // characters of one language's privacy notice
	MaxBarrierText = 10000  // characters of one language's known barriers
	MaxOrigins     = 10     // websites for the directory's CORS
	MaxProfile     = 512000 // bytes of a PUT body
)

// ValidateProfile checks p and returns every problem at once, as field errors in
// lang.
func ValidateProfile(p *Profile, lang string) error {
	f := validation.NewFields(lang)
	if !validation.ValidID(p.Office) {
		f.Add("office", "id", "def_id")
	}
	validation.CheckText(f, "name", p.Name, true)
	for l, s := range p.Name {
		if !line(s, true) {
			f.Add("name."+l, "plain", "office_line", MaxLine)
		}
	}
	required := func(path, s string) {
		if strings.TrimSpace(s) == "" {
			f.Add(path, "required", "def_required")
		} else if !line(s, path == "address" || path == "dataProtectionOfficer.address" || path == "accessibility.enforcementBody.address") {
			f.Add(path, "plain", "office_line", MaxLine)
		}
	}
	required("senderName", p.SenderName)
	required("address", p.Address)
	email(f, "email", p.Email)
	if p.Phone != "" && !line(p.Phone, false) {
		f.Add("phone", "plain", "office_line", MaxLine)
	}
	if p.Website != "" {
		httpsURL(f, "website", p.Website)
	}
	httpsURL(f, "imprintUrl", p.ImprintURL)
	if len(p.Origins) > MaxOrigins {
		f.Add("origins", "max", "def_between", 0, MaxOrigins)
	}
	for i, o := range p.Origins {
		if u, err := url.Parse(o); err != nil || u.Scheme != "https" || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
			f.Add("origins."+strconv.Itoa(i), "origin", "office_origin")
		}
	}
	if o := p.DataProtectionOfficer; o.Name != "" && !line(o.Name, false) {
		f.Add("dataProtectionOfficer.name", "plain", "office_line", MaxLine)
	}
	email(f, "dataProtectionOfficer.email", p.DataProtectionOfficer.Email)
	required("dataProtectionOfficer.address", p.DataProtectionOfficer.Address)
	if n := p.PrivacyNotice; n != nil {
		notice.Check(&notice.Notice{URL: "https://x", Version: n.Version}, f, "privacyNotice")
		validation.CheckText(f, "privacyNotice.text", n.Text, true)
		for l, s := range n.Text {
			if len([]rune(s)) > MaxNoticeText || !text(s) {
				f.Add("privacyNotice.text."+l, "text", "office_text", MaxNoticeText)
			}
		}
	}
	a := p.Accessibility
	switch a.Status {
	case Full, Partial, None:
	default:
		f.Add("accessibility.status", "oneof", "office_status")
	}
	validation.CheckText(f, "accessibility.knownBarriers", a.KnownBarriers, a.Status == Partial || a.Status == None)
	for l, s := range a.KnownBarriers {
		if len([]rune(s)) > MaxBarrierText || !text(s) {
			f.Add("accessibility.knownBarriers."+l, "text", "office_text", MaxBarrierText)
		}
	}
	if _, err := time.Parse(time.DateOnly, a.ReviewedOn); err != nil {
		f.Add("accessibility.reviewedOn", "date", "office_date")
	}
	required("accessibility.enforcementBody.name", a.EnforcementBody.Name)
	httpsURL(f, "accessibility.enforcementBody.url", a.EnforcementBody.URL)
	if s := a.EnforcementBody.Address; s != "" && !line(s, true) {
		f.Add("accessibility.enforcementBody.address", "plain", "office_line", MaxLine)
	}
	return f.Err()
}

// line reports whether s is one printable line (an address may have line
// breaks when multiline) of at most MaxLine characters.
func line(s string, multiline bool) bool {
	if len([]rune(s)) > MaxLine {
		return false
	}
	for _, r := range s {
		if r == '\n' && multiline {
			continue
		}
		if r == '\r' && multiline {
			continue
		}
		if !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return true
}

// text reports whether s is text without control characters but line
// breaks and tabs.
func text(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return false
		}
	}
	return true
}

func email(f *validation.Fields, path, s string) {
	if s == "" {
		f.Add(path, "required", "def_required")
		return
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || len(s) > 254 {
		f.Add(path, "email", "office_email")
	}
}

func httpsURL(f *validation.Fields, path, s string) {
	if s == "" {
		f.Add(path, "required", "def_required")
		return
	}
	if u, err := url.Parse(s); err != nil || u.Scheme != "https" || u.Host == "" || len(s) > MaxLine {
		f.Add(path, "http_url", "office_url")
	}
}

// NameIn is the office's name in lang (German when it has none in lang),
// or "" without a profile.
func (p *Profile) NameIn(lang string) string {
	if p == nil {
		return ""
	}
	return p.Name.In(lang)
}

// NoticeVersion is the current privacy notice's version, "" without one.
func (p *Profile) NoticeVersion() string {
	if p == nil || p.PrivacyNotice == nil {
		return ""
	}
	return p.PrivacyNotice.Version
}

// Notice is the privacy notice a form's consent refers to: the survey's
// or meeting's own when it names one, else the office's current version
// on its page (nil when there is neither).
func (p *Profile) Notice(own *notice.Notice) *notice.Notice {
	if own != nil {
		return own
	}
	v := p.NoticeVersion()
	if v == "" {
		return nil
	}
	return &notice.Notice{URL: Path(p.Office, PagePrivacy) + "?version=" + url.QueryEscape(v), Version: v}
}

// Pages of an office: the last part of their paths (/p/{officeId}/<page>).
const (
	PagePrivacy       = "privacy"
	PageAccessibility = "accessibility"
	PageFeedback      = "feedback"
	PageEasy          = "easy"
)

// Path is the path of an office's page.
func Path(office, page string) string { return "/p/" + office + "/" + page }

// Links are the links every page and mail of an office carries in its
// footer.
type Links struct {
	Privacy, Accessibility, Feedback, Easy, Imprint string
}

// LinksOf are the links of office under base ("" for paths), each with
// ?lang=lang when lang is set. The imprint is the profile's (absent
// without a profile).
func LinksOf(p *Profile, office, base, lang string) Links {
	q := ""
	if lang != "" {
		q = "?lang=" + lang
	}
	l := Links{
		Privacy: base + Path(office, PagePrivacy) + q, Accessibility: base + Path(office, PageAccessibility) + q,
		Feedback: base + Path(office, PageFeedback) + q, Easy: base + Path(office, PageEasy) + q,
	}
	if p != nil {
		l.Imprint = p.ImprintURL
	}
	return l
}

// Block is a piece of a text written in paragraphs and headings: a
// heading (a line that starts with "## " or "### "), a list (lines that
// start with "- ") or a paragraph, each line in Lines.
type Block struct {
	Kind  string // h2, h3, ul, p
	Lines []string
}

// Blocks splits a text into its headings, lists and paragraphs. A blank
// line ends a paragraph; a heading is its line alone, so the text under a
// heading may start on the next line ("## Rechte\nSie haben …").
func Blocks(s string) []Block {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []Block
	for _, para := range strings.Split(s, "\n\n") {
		var cur *Block
		for _, l := range strings.Split(para, "\n") {
			t := strings.TrimSpace(l)
			kind := "p"
			switch {
			case t == "":
				continue
			case strings.HasPrefix(t, "### "):
				out, cur = append(out, Block{Kind: "h3", Lines: []string{strings.TrimSpace(t[4:])}}), nil
				continue
			case strings.HasPrefix(t, "## "), strings.HasPrefix(t, "# "):
				out, cur = append(out, Block{Kind: "h2", Lines: []string{strings.TrimSpace(t[strings.IndexByte(t, ' ')+1:])}}), nil
				continue
			case strings.HasPrefix(t, "- "):
				kind, l = "ul", strings.TrimSpace(t[2:])
			}
			if cur == nil || cur.Kind != kind {
				out = append(out, Block{Kind: kind})
				cur = &out[len(out)-1]
			}
			cur.Lines = append(cur.Lines, l)
		}
	}
	return out
}
