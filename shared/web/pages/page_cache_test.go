package pages

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"html"
	"io"
	"maps"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// TestCachedSurveyPageIsTheRender: the cached public page with a stamp
// is, byte for byte, the page rendered with that stamp, as it is and
// gzip; a new definition renders anew; each request gets its own stamp.
func TestCachedSurveyPageIsTheRender(t *testing.T) {
	tokens, _ := linktoken.New([]byte(strings.Repeat("k", 32)))
	h := &surveyPages{tokens: tokens, now: time.Now}
	f := &survey.Form{Def: seed.DemoSurvey(), Status: survey.StatusOpen}
	for _, lang := range []string{"de", "ar"} {
		c := h.cache.form(h, f, seed.SurveyID, lang)
		if c == nil {
			t.Fatal("not cached")
		}
		stamp := "lq3k2x.ZXhhbXBsZSBzdGFtcA.c2lnbmF0dXJl"
		want, err := h.render(200, f, seed.SurveyID, "", web.NewForm(lang, nil), stamp, 0)
		if err != nil {
			t.Fatal(err)
		}
		plain := c.respond(&httpapi.Request{}, stamp)
		if plain.Body != want.Body || plain.StatusCode != want.StatusCode || plain.IsBase64Encoded {
			t.Errorf("%s: cached page differs from the render", lang)
		}
		wantHeaders := maps.Clone(want.Headers)
		wantHeaders["vary"] = "Accept-Encoding"
		if !maps.Equal(plain.Headers, wantHeaders) {
			t.Errorf("%s: headers %v, want %v", lang, plain.Headers, wantHeaders)
		}
		z := c.respond(&httpapi.Request{Headers: map[string]string{"accept-encoding": "gzip, br"}}, stamp)
		raw, _ := base64.StdEncoding.DecodeString(z.Body)
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || string(got) != want.Body || z.Headers["content-encoding"] != "gzip" || !z.IsBase64Encoded {
			t.Errorf("%s: gzip page: %v, %d bytes, want %d", lang, err, len(got), len(want.Body))
		}
		if h.cache.form(h, f, seed.SurveyID, lang) != c {
			t.Errorf("%s: rendered again for the same definition", lang)
		}
	}
	f2 := &survey.Form{Def: seed.DemoSurvey(), Status: survey.StatusOpen} // reloaded: a new definition
	if c, c2 := h.cache.form(h, f, seed.SurveyID, "de"), h.cache.form(h, f2, seed.SurveyID, "de"); c == c2 || c2 == nil {
		t.Error("a new definition kept the old page")
	}
	// Through the handler: each GET has a stamp of its own, valid for the page.
	stampOf := regexp.MustCompile(`name="form.stamp" value="([^"]+)"`)
	a, b := h.cache.form(h, f2, seed.SurveyID, "de").respond(&httpapi.Request{}, "s1"), h.cache.form(h, f2, seed.SurveyID, "de").respond(&httpapi.Request{}, "s2")
	if sa, sb := stampOf.FindStringSubmatch(a.Body), stampOf.FindStringSubmatch(b.Body); sa == nil || sb == nil || sa[1] != "s1" || sb[1] != "s2" {
		t.Errorf("stamps %v %v", sa, sb)
	}
}

// TestCachedMeetingPageIsTheRender: the meeting's public page likewise,
// rendered anew when what it shows changes (a seat taken).
func TestCachedMeetingPageIsTheRender(t *testing.T) {
	tokens, _ := linktoken.New([]byte(strings.Repeat("k", 32)))
	h := &meetingPages{tokens: tokens, now: time.Now}
	now := time.Now()
	m := seed.DemoMeeting(now)
	p := m.PublicView("de", meeting.Counters{Confirmed: 12}, now)
	c := h.cache.meeting(h, p, seed.MeetingID, "de")
	if c == nil {
		t.Fatal("not cached")
	}
	want, err := h.render(200, p, seed.MeetingID, "", web.NewForm("de", url.Values{"language": {"de"}}), "stamp-1")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.respond(&httpapi.Request{}, "stamp-1"); got.Body != want.Body {
		t.Error("cached meeting page differs from the render")
	}
	if h.cache.meeting(h, m.PublicView("de", meeting.Counters{Confirmed: 12}, now), seed.MeetingID, "de") != c {
		t.Error("rendered again for the same meeting and seats")
	}
	// Read anew (new pointers, the same meeting): the same page.
	again := seed.DemoMeeting(now)
	if h.cache.meeting(h, again.PublicView("de", meeting.Counters{Confirmed: 12}, now), seed.MeetingID, "de") != c {
		t.Error("rendered again for the same meeting read anew")
	}
	taken := h.cache.meeting(h, m.PublicView("de", meeting.Counters{Confirmed: 13}, now), seed.MeetingID, "de")
	if taken == c || !strings.Contains(taken.respond(&httpapi.Request{}, "s").Body, "27") {
		t.Error("a seat taken kept the old page")
	}
}

// TestMeetingVersionCoversThePublicView: every field of the meeting's
// public view is in its JSON or in versionOf; a new field the JSON
// leaves out must be added there, or a cached page would not change
// with it.
func TestMeetingVersionCoversThePublicView(t *testing.T) {
	inVersion := map[string]bool{"TitleLang": true, "DescriptionLang": true, "Office": true, "Profile": true}
	typ := reflect.TypeFor[meeting.Public]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name == "-" && !inVersion[f.Name] {
			t.Errorf("meeting.Public.%s is not in its JSON: add it to versionOf", f.Name)
		}
	}
}

// TestCachedStepIsTheRender: a page of a survey with sections from the
// cache (the public link, nothing of its own entered, no error) is, byte
// for byte, the page rendered with its stamp and the other pages' values;
// another place among the pages shown is another page.
func TestCachedStepIsTheRender(t *testing.T) {
	tokens, _ := linktoken.New([]byte(strings.Repeat("k", 32)))
	cached := &surveyPages{tokens: tokens, now: time.Now}
	direct := &surveyPages{tokens: tokens, now: time.Now, uncached: true}
	f := &survey.Form{Def: seed.DemoSurvey(), Status: survey.StatusOpen}
	stamp := "lq3k2x.ZXhhbXBsZSBzdGFtcA.c2lnbmF0dXJl"
	for _, lang := range []string{"de", "ar"} {
		for i, org := range []string{"Verein <München> & \"Söhne\"", "جمعية"} {
			values := url.Values{"org_name": {org}, "members": {"20-49"}}
			want, err := direct.render(200, f, seed.SurveyID, "", web.NewForm(lang, values), stamp, 1)
			if err != nil {
				t.Fatal(err)
			}
			got, err := cached.render(200, f, seed.SurveyID, "", web.NewForm(lang, maps.Clone(values)), stamp, 1)
			if err != nil {
				t.Fatal(err)
			}
			if got.Body != want.Body || got.StatusCode != want.StatusCode || !maps.Equal(got.Headers, want.Headers) {
				t.Errorf("%s, visit %d: the cached page differs from the render", lang, i)
			}
			if !strings.Contains(got.Body, `name="org_name" value="`+html.EscapeString(org)+`"`) || !strings.Contains(got.Body, `value="`+stamp+`"`) {
				t.Errorf("%s: the cached page lacks the stamp or the values carried", lang)
			}
		}
	}
	if n := len(cached.cache.steps); n != 2 {
		t.Errorf("%d pages cached, want one per language", n)
	}
}

// TestCachedStepPageAsksWhatTheAnswersAsk: a section page whose
// questions depend on an earlier section's answer is not served from
// the cache of a visitor who answered differently: each sees the
// questions asked of it (same step, same place among the pages).
func TestCachedStepPageAsksWhatTheAnswersAsk(t *testing.T) {
	tokens, _ := linktoken.New([]byte(strings.Repeat("k", 32)))
	h := &surveyPages{tokens: tokens, now: time.Now}
	def := &survey.Definition{Office: "demo", Settings: survey.Settings{ID: "cachecond", Title: survey.Text{"de": "Räume"},
		Sections: []survey.Section{{ID: "about", Title: survey.Text{"de": "Über Sie"}}, {ID: "more", Title: survey.Text{"de": "Mehr"}}},
		Questions: []survey.Question{
			{ID: "has_rooms", Type: survey.TypeYesNo, Section: "about", Label: survey.Text{"de": "Eigene Räume?"}},
			{ID: "rooms_needed", Type: survey.TypeNumber, Section: "more", Label: survey.Text{"de": "Wie viele Räume?"},
				ShowIf: &survey.ShowIf{All: []survey.Condition{{Question: "has_rooms", In: []string{"no"}}}}},
			{ID: "note", Type: survey.TypeLongText, Section: "more", Label: survey.Text{"de": "Anmerkung"}},
		}}}
	f := &survey.Form{Def: def, Status: survey.StatusOpen}
	page := func(hasRooms string) string {
		resp, err := h.render(200, f, "cachecond", "", web.NewForm("de", url.Values{"has_rooms": {hasRooms}}), "", 1)
		if err != nil {
			t.Fatal(err)
		}
		return resp.Body
	}
	if no := page("no"); !strings.Contains(no, `name="rooms_needed"`) {
		t.Fatal("rooms_needed not asked after no")
	}
	if yes := page("yes"); strings.Contains(yes, `name="rooms_needed"`) {
		t.Error("rooms_needed asked after yes: the page of another visitor's answers")
	}
	if no := page("no"); !strings.Contains(no, `name="rooms_needed"`) {
		t.Error("rooms_needed not asked after no, once the page without it was cached")
	}
}
