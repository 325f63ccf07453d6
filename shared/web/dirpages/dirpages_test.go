package dirpages_test

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/directoryfn"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
	"github.com/integration-offices/netzwerk-backend/shared/web/dirpages"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// world is the demo office with three records (two consenting), its
// directory function, and a check-your-entry link to the first.
type world struct {
	*testenv.Env
	fn              app.Handler
	pub, quiet, bnd *org.Record
	token           string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	env := testenv.Seeded(t)
	ctx := context.Background()
	now := env.Clock.Now()
	p, err := env.Store.Office(ctx, seed.Office)
	if err != nil {
		t.Fatal(err)
	}
	p.Origins = []string{"https://www.landkreis.example"}
	if p.PrivacyNotice, err = env.Store.OfficeNotice(ctx, seed.Office, p.PrivacyNotice.Version); err != nil {
		t.Fatal(err)
	}
	if err := env.Store.PutOffice(ctx, p, now); err != nil {
		t.Fatal(err)
	}
	mk := func(name, email string, publish bool, change func(*org.Record)) *org.Record {
		r := org.New(seed.Office, name, now)
		r.Contact = org.Contact{Email: email, Person: "Leyla Kontaktperson", Language: "tr"}
		r.Municipality, r.Website = "Ludwigsburg", "https://verein.example"
		r.Fields, r.Languages, r.Offers, r.Seeks = []string{"culture", "youth"}, []string{"de", "tr"}, []string{"rooms"}, []string{"volunteers"}
		r.Consent = org.Consent{Publish: publish, Notice: "2026-11", At: now, By: "answer"}
		if change != nil {
			change(r)
		}
		if err := env.Store.CreateOrganisation(ctx, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	w := &world{Env: env}
	w.pub = mk("Deutsch-Türkischer Kulturverein", "info@dtk.example", true, nil)
	w.quiet = mk("Stiller Verein", "still@verein.example", false, nil)
	w.bnd = mk("جمعية الجالية العربية", "arab@verein.example", true, func(r *org.Record) {
		r.Municipality, r.Offers, r.Seeks, r.Languages = "Bietigheim", []string{"interpreting", "translation"}, []string{"rooms"}, []string{"ar"}
	})
	w.token = org.EntryToken(env.Tokens, "entry-test")
	if err := env.Store.QueueEntryCheck(ctx, seed.Office, w.pub.ID, "entry-test", linktoken.Hash(w.token), now); err != nil {
		t.Fatal(err)
	}
	if w.fn, err = directoryfn.New(env.Deps()); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) get(t *testing.T, route, path string, params map[string]string, query string, headers map[string]string) (int, string, map[string]string) {
	t.Helper()
	r := testenv.Page(t, w.fn, "GET", route, path, params, query, nil, headers)
	return r.StatusCode, r.Body, r.Headers
}

func (w *world) dir(t *testing.T, query string) (int, string) {
	t.Helper()
	st, body, _ := w.get(t, "/d/{officeId}", "/d/demo", map[string]string{"officeId": seed.Office}, query, nil)
	return st, body
}

// The directory's pages and JSON against DynamoDB Local: only consenting
// organisations, only their public fields; filters; the profile; 404s;
// the JSON's CORS, cache headers and ETag.
func TestDirectoryPagesAndJSON(t *testing.T) {
	w := newWorld(t)
	st, body := w.dir(t, "lang=de")
	if st != 200 || !strings.Contains(body, "Deutsch-Türkischer Kulturverein") || !strings.Contains(body, "جمعية الجالية العربية") ||
		strings.Contains(body, "Stiller Verein") || strings.Contains(body, "Leyla") || strings.Contains(body, "info@dtk.example") {
		t.Fatalf("directory: %d\n%s", st, body)
	}
	if !strings.Contains(body, "Räume") || !strings.Contains(body, "Jugend") || !strings.Contains(body, "2 Organisationen") {
		t.Errorf("labels or count missing:\n%s", body)
	}
	// Who offers rooms? Who offers interpreting?
	if _, body := w.dir(t, "lang=de&offer=rooms"); !strings.Contains(body, "1 Organisation") || strings.Contains(body, "جمعية") {
		t.Errorf("offer=rooms:\n%s", body)
	}
	if _, body := w.dir(t, "lang=ar&offer=interpreting"); !strings.Contains(body, "جمعية") || strings.Contains(body, "Kulturverein") || !strings.Contains(body, `dir="rtl"`) {
		t.Errorf("offer=interpreting in ar:\n%s", body)
	}
	if _, body := w.dir(t, "municipality=ludwigsburg&q=kultur&language=tr&field=youth"); !strings.Contains(body, "Kulturverein") || strings.Contains(body, "جمعية") {
		t.Errorf("filters:\n%s", body)
	}
	if st, _ := w.dir(t, "q=nothing"); st != 200 {
		t.Errorf("no match: %d", st)
	}
	// The profile; without consent, unknown, another office: 404.
	prof := func(office, id string) (int, string) {
		st, body, _ := w.get(t, "/d/{officeId}/{orgId}", "/d/"+office+"/"+id, map[string]string{"officeId": office, "orgId": id}, "lang=en", nil)
		return st, body
	}
	if st, body := prof(seed.Office, w.pub.ID); st != 200 || !strings.Contains(body, "Who is looking for “Rooms”?") || strings.Contains(body, "Leyla") {
		t.Errorf("profile: %d\n%s", st, body)
	}
	for _, c := range [][2]string{{seed.Office, w.quiet.ID}, {seed.Office, "01unknown"}, {"other-office", w.pub.ID}} {
		if st, _ := prof(c[0], c[1]); st != 404 {
			t.Errorf("profile %v: %d", c, st)
		}
	}
	if st, _, _ := w.get(t, "/d/{officeId}", "/d/nobody", map[string]string{"officeId": "nobody"}, "", nil); st != 404 {
		t.Errorf("unknown office: %d", st)
	}

	// JSON: CORS only for the office's origins, cacheable, an ETag.
	js := func(headers map[string]string) (int, string, map[string]string) {
		return w.get(t, "/directory/{officeId}", "/directory/demo", map[string]string{"officeId": seed.Office}, "lang=en", headers)
	}
	st, body, h := js(map[string]string{"origin": "https://www.landkreis.example"})
	var doc dirpages.Document
	if err := json.Unmarshal([]byte(body), &doc); st != 200 || err != nil || len(doc.Organisations) != 2 || doc.Labels["offers"]["rooms"] != "Rooms" {
		t.Fatalf("json: %d %v %s", st, err, body)
	}
	if strings.Contains(body, "Leyla") || strings.Contains(body, "@dtk.example") {
		t.Errorf("json holds contact data: %s", body)
	}
	if h["access-control-allow-origin"] != "https://www.landkreis.example" || h["cache-control"] != "public, no-cache" ||
		!strings.Contains(h["vary"], "Origin") || h["etag"] == "" {
		t.Errorf("json headers: %v", h)
	}
	if _, _, h := js(map[string]string{"origin": "https://evil.example"}); h["access-control-allow-origin"] != "" {
		t.Errorf("CORS for another origin: %v", h)
	}
	if st, body, _ := js(map[string]string{"if-none-match": h["etag"]}); st != 304 || body != "" {
		t.Errorf("If-None-Match: %d %q", st, body)
	}
	if st, body, _ := w.get(t, "/directory/{officeId}", "/directory/nobody", map[string]string{"officeId": "nobody"}, "", nil); st != 404 || !strings.Contains(body, "not_found") {
		t.Errorf("json of an unknown office: %d %s", st, body)
	}
}

func (w *world) post(t *testing.T, token string, form url.Values, query string) (int, string, map[string]string) {
	t.Helper()
	form.Set(web.StampField, testenv.Stamp(dirpages.EntryPath(token)))
	r := testenv.Page(t, w.fn, "POST", "/e/{token}", dirpages.EntryPath(token), map[string]string{"token": token}, query, form, nil)
	return r.StatusCode, r.Body, r.Headers
}

// The check of an entry through its link: the form shows the public
// fields and the consent; bad input is the form again with an error
// summary in the caller's language and nothing written; a correction is
// saved with the office's notice version; a withdrawal is gone from the
// next directory page; an unknown or expired link is 404.
func TestEntryCheckCorrectsAndWithdraws(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	ep := map[string]string{"token": w.token}
	st, body, h := w.get(t, "/e/{token}", dirpages.EntryPath(w.token), ep, "lang=de", nil)
	if st != 200 || !strings.Contains(body, `name="publish"`) || !strings.Contains(body, "Deutsch-Türkischer Kulturverein") ||
		!strings.Contains(body, "/p/demo/privacy?version=") || strings.Contains(body, "Leyla") || h["cache-control"] != "no-store" {
		t.Fatalf("entry page: %d %v\n%s", st, h, body)
	}
	before := w.Count(t)
	form := url.Values{"name": {""}, "website": {"ftp://x"}, "publish": {"true"}}
	st, body, _ = w.post(t, w.token, form, "lang=ar")
	if st != 422 || !strings.Contains(body, "error-summary") || !strings.Contains(body, "هذه المعلومة مفقودة") && !strings.Contains(body, "https://") {
		t.Fatalf("bad input: %d\n%s", st, body)
	}
	if w.Count(t) != before {
		t.Fatal("bad input wrote something")
	}
	// A correction.
	form = url.Values{"name": {"DTK Kulturverein"}, "municipality": {"Ludwigsburg"}, "website": {"https://dtk.example"}, "fields": {"culture"},
		"offers": {"rooms", "know_how"}, "publish": {"true"}}
	st, _, h = w.post(t, w.token, form, "lang=de")
	if st != 303 || !strings.HasSuffix(h["location"], "?saved=1&lang=de") {
		t.Fatalf("save: %d %v", st, h)
	}
	r, _ := w.Store.Organisation(ctx, seed.Office, w.pub.ID)
	if r.Name != "DTK Kulturverein" || r.Consent.Notice != "2026-11" || r.Consent.By != "entry" || !r.Published() || r.Contact.Person != "Leyla Kontaktperson" {
		t.Fatalf("saved: %+v", r)
	}
	if _, body := w.dir(t, "offer=know_how"); !strings.Contains(body, "DTK Kulturverein") {
		t.Errorf("the correction is not in the directory:\n%s", body)
	}
	// Withdrawal: gone on the next load.
	st, _, _ = w.post(t, w.token, url.Values{"name": {"DTK Kulturverein"}}, "lang=de")
	if st != 303 {
		t.Fatalf("withdraw: %d", st)
	}
	if _, body := w.dir(t, ""); strings.Contains(body, "DTK") {
		t.Errorf("withdrawn but still in the directory:\n%s", body)
	}
	if _, body, _ := w.get(t, "/e/{token}", dirpages.EntryPath(w.token), ep, "saved=1&lang=de", nil); !strings.Contains(body, "nicht im Verzeichnis") {
		t.Errorf("saved page:\n%s", body)
	}
	hist, _ := w.Store.History(ctx, seed.Office, w.pub.ID)
	if len(hist) == 0 || hist[len(hist)-1].Kind != org.Checked {
		t.Errorf("history: %+v", hist)
	}
	// Unknown and expired links.
	if st, _, _ := w.get(t, "/e/{token}", "/e/nope", map[string]string{"token": "nope"}, "", nil); st != 404 {
		t.Errorf("unknown link: %d", st)
	}
	w.Clock.Add(61 * 24 * time.Hour)
	if st, _, _ := w.get(t, "/e/{token}", dirpages.EntryPath(w.token), ep, "", nil); st != 404 {
		t.Errorf("expired link: %d", st)
	}
}
