package console_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// officeFormOf is the console's office form filled in as a browser would
// send it for p (textareas with CRLF line breaks).
func officeFormOf(p *office.Profile, csrf, updatedAt string) url.Values {
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	v := url.Values{"csrf": {csrf}, "updatedAt": {updatedAt}, "senderName": {p.SenderName}, "address": {crlf(p.Address)},
		"email": {p.Email}, "phone": {p.Phone}, "website": {p.Website}, "imprintUrl": {p.ImprintURL}, "origins": {crlf(strings.Join(p.Origins, "\n"))},
		"dataProtectionOfficer.name": {p.DataProtectionOfficer.Name}, "dataProtectionOfficer.email": {p.DataProtectionOfficer.Email},
		"dataProtectionOfficer.address": {crlf(p.DataProtectionOfficer.Address)}, "privacyNotice.version": {""},
		"accessibility.status": {p.Accessibility.Status}, "accessibility.reviewedOn": {p.Accessibility.ReviewedOn},
		"accessibility.enforcementBody.name": {p.Accessibility.EnforcementBody.Name}, "accessibility.enforcementBody.url": {p.Accessibility.EnforcementBody.URL},
		"accessibility.enforcementBody.address": {p.Accessibility.EnforcementBody.Address}}
	for _, l := range []string{"de", "en", "tr", "ar", "fa", "ru", "uk"} {
		v.Set("name."+l, p.Name[l])
		v.Set("accessibility.knownBarriers."+l, crlf(p.Accessibility.KnownBarriers[l]))
		if p.PrivacyNotice != nil {
			v.Set("privacyNotice.text."+l, crlf(p.PrivacyNotice.Text[l]))
		}
	}
	return v
}

var updatedAtField = regexp.MustCompile(`name="updatedAt" value="([^"]*)"`)

// TestConsoleOfficeForm: the console's office form shows the profile and
// its privacy notice versions, saves a changed profile with a new notice
// version (read back from DynamoDB Local), saves a form posted twice once,
// refuses a post without the session's CSRF token and one filled in
// before someone else saved, and shows errors beside their fields and in
// the summary (German and Arabic), each time with nothing written.
func TestConsoleOfficeForm(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	ctx := context.Background()
	get, post := routes.Route{Method: "GET", Path: "/console/office"}, routes.Route{Method: "POST", Path: "/console/office"}
	page := a.Do(t, h, s.Request(get, "demo", ""))
	for _, want := range []string{`href="/console/office"`, "Landratsamt Musterkreis, Stabsstelle für Integration", `href="/p/demo/privacy?lang=de&amp;version=2026-11"`,
		"Gültige Fassung: 2026-11.", `name="privacyNotice.text.de"`, "Wer ist verantwortlich?", `value="partial" checked`, "https://www.lz-barr.de"} {
		if page.StatusCode != 200 || !strings.Contains(page.Body, want) {
			t.Errorf("form: %d, lacks %q", page.StatusCode, want)
		}
	}
	m := updatedAtField.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatal("no updatedAt in the form")
	}
	csrf := s.Request(post, "demo", "")
	send := func(v url.Values, lang string) (int, string, string) {
		c := csrf
		c.Body = v.Encode()
		if lang != "" {
			c.Headers = map[string]string{"accept-language": lang}
		}
		r := a.Do(t, h, c)
		return r.StatusCode, r.Headers["location"], r.Body
	}
	token, _ := url.ParseQuery(csrf.Body)
	stored := func() *office.Profile {
		t.Helper()
		p, err := a.Store.Office(ctx, "demo")
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	before := stored()

	// Nothing is written: no CSRF token, errors, an old form.
	p := seed.DemoOffice()
	p.SenderName = "Integrationsbüro Musterkreis"
	v := officeFormOf(p, "wrong", m[1])
	if st, _, _ := send(v, ""); st != 403 {
		t.Errorf("without the CSRF token: %d", st)
	}
	bad := officeFormOf(p, token.Get("csrf"), m[1])
	bad.Set("senderName", " ")
	bad.Set("email", "integration(at)landkreis")
	bad.Set("imprintUrl", "http://www.landkreis.example/impressum")
	bad.Del("accessibility.status")
	bad.Set("privacyNotice.text.de", "## Neu\r\nGeänderter Text")
	bad.Set("origins", "https://www.landkreis.example\r\nftp://alt.example")
	for lang, msgs := range map[string][]string{"de": {"Diese Angabe fehlt.", "Der Text ist geändert: Bitte geben Sie eine neue Fassung an."},
		"ar": {"تغيّر النص: يُرجى إدخال نسخة جديدة."}} {
		st, _, body := send(bad, lang)
		if st != 422 {
			t.Fatalf("%s: errors: %d %.300s", lang, st, body)
		}
		for _, want := range append(msgs, `href="#senderName"`, `href="#email"`, `href="#imprintUrl"`, `href="#origins"`, `href="#privacyNotice-version"`,
			`href="#accessibility-status-full"`, `id="email-error"`, `aria-invalid="true"`, "Geänderter Text", "ftp://alt.example", "integration(at)landkreis") {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the form with errors lacks %q", lang, want)
			}
		}
		if lang == "ar" && !strings.Contains(body, `dir="rtl"`) {
			t.Error("ar: not right to left")
		}
	}
	changed := officeFormOf(p, token.Get("csrf"), m[1])
	changed.Set("privacyNotice.version", "2026-11")
	changed.Set("privacyNotice.text.de", "## Neu\r\nGeänderter Text")
	if st, _, body := send(changed, ""); st != 422 || !strings.Contains(body, "schon veröffentlicht") {
		t.Errorf("a published version with another text: %d", st)
	}
	if now := stored(); !now.UpdatedAt.Equal(before.UpdatedAt) || now.SenderName != before.SenderName {
		t.Fatalf("written although refused: %v", now.UpdatedAt)
	}

	// Saved: a new name, sender and notice version; twice posted, once saved.
	good := officeFormOf(p, token.Get("csrf"), m[1])
	good.Set("name.de", "Landratsamt Musterkreis – Integrationsbüro")
	good.Set("name.ar", "مكتب الاندماج في موستركرايس")
	good.Set("privacyNotice.version", "2027-01")
	good.Set("privacyNotice.text.de", "## Wer ist verantwortlich?\r\nDas Integrationsbüro.")
	st, loc, _ := send(good, "")
	if st != 303 || loc != "/console/office?saved=1" {
		t.Fatalf("save: %d %s", st, loc)
	}
	first := stored()
	n, err := a.Store.OfficeNotice(ctx, "demo", "2027-01")
	if err != nil || n.Text["de"] != "## Wer ist verantwortlich?\nDas Integrationsbüro." || n.Text["ar"] != p.PrivacyNotice.Text["ar"] {
		t.Errorf("new notice: %.200q %v", n.Text["de"], err)
	}
	if first.Name["de"] != "Landratsamt Musterkreis – Integrationsbüro" || first.Name["ar"] != "مكتب الاندماج في موستركرايس" ||
		first.SenderName != "Integrationsbüro Musterkreis" || first.NoticeVersion() != "2027-01" ||
		strings.Join(first.NoticeVersions, ",") != "2026-11,2027-01" || first.Address != p.Address {
		t.Errorf("read back: %+v", first)
	}
	if st, loc, _ := send(good, ""); st != 303 || loc != "/console/office?saved=1" {
		t.Errorf("posted twice: %d %s", st, loc)
	}
	if again := stored(); !again.UpdatedAt.Equal(first.UpdatedAt) {
		t.Error("a form posted twice saved twice")
	}
	// The same old form with other values: someone saved meanwhile.
	other := officeFormOf(p, token.Get("csrf"), m[1])
	other.Set("phone", "01234 567-99")
	if st, _, body := send(other, ""); st != 409 || !strings.Contains(body, "nachdem Sie dieses Formular geöffnet haben") || !strings.Contains(body, "01234 567-99") {
		t.Errorf("an old form: %d", st)
	}
	if now := stored(); !now.UpdatedAt.Equal(first.UpdatedAt) || now.Phone != p.Phone {
		t.Error("an old form was written")
	}
	// The saved profile shows with both versions, the new one in force.
	page = a.Do(t, h, s.Request(get, "demo", ""))
	for _, want := range []string{"Gültige Fassung: 2027-01.", `version=2026-11"`, `version=2027-01"`, "Integrationsbüro Musterkreis", "Das Integrationsbüro."} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("after saving, the form lacks %q", want)
		}
	}
	saved := a.Do(t, h, testenv.Request{Method: "GET", Path: "/console/office", Query: "saved=1", Cookies: csrf.Cookies})
	if !strings.Contains(saved.Body, "Das Profil ist gespeichert.") {
		t.Errorf("no saved message: %d", saved.StatusCode)
	}
}

// TestConsoleHeaderNamesTheOffice: every console page's header shows the
// office's name from its profile, in the page's language.
func TestConsoleHeaderNamesTheOffice(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	p := seed.DemoOffice()
	for _, lang := range []string{"de", "ar"} {
		c := s.Request(routes.Route{Method: "GET", Path: "/console"}, "demo", "")
		c.Headers = map[string]string{"accept-language": lang}
		page := a.Do(t, h, c)
		want := `<span class="site-header__office">` + p.NameIn(lang) + `</span>`
		if page.StatusCode != 200 || !strings.Contains(page.Body, want) {
			t.Errorf("%s: console home %d lacks %q", lang, page.StatusCode, want)
		}
	}
}
