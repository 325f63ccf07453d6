package survey_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// fakeStore keeps definitions and responses in maps and counts
// definition reads: enough for the service's rules. Storage itself is
// tested against DynamoDB Local (shared/httpapi).
type fakeStore struct {
	mu        sync.Mutex
	defs      map[string]*survey.Definition
	responses map[string][]*survey.Response
	claims    map[string]*idempotency.Replay
	reads     int
}

func (f *fakeStore) Survey(_ context.Context, id string) (*survey.Definition, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	if d, ok := f.defs[id]; ok {
		return d, nil
	}
	return nil, apperr.New(apperr.NotFound, "survey_not_found")
}

func (f *fakeStore) SaveResponse(_ context.Context, r *survey.Response, claim *idempotency.Claim, _ *ratelimit.Use) (*idempotency.Replay, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if claim != nil {
		if rp, ok := f.claims[claim.KeyHash]; ok {
			return rp, nil
		}
		f.claims[claim.KeyHash] = &idempotency.Replay{RequestHash: claim.RequestHash, Status: claim.Status, Body: claim.Body}
	}
	f.responses[r.SurveyID] = append(f.responses[r.SurveyID], r)
	return nil, nil
}

func (f *fakeStore) InvitationByToken(context.Context, string) (*invitation.Invitation, error) {
	return nil, apperr.New(apperr.NotFound, "invitation_unknown")
}

func (f *fakeStore) Invitation(context.Context, invitation.Kind, string, string) (*invitation.Invitation, error) {
	return nil, apperr.New(apperr.NotFound, "invitation_unknown")
}

func (f *fakeStore) PutSurvey(_ context.Context, d *survey.Definition) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.defs[d.ID] = d
	return nil
}

func (f *fakeStore) Responses(id string) []*survey.Response {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.responses[id]
}

func newService(t *testing.T) (*survey.Service, *fakeStore, *clock) {
	t.Helper()
	st := &fakeStore{defs: map[string]*survey.Definition{}, responses: map[string][]*survey.Response{}, claims: map[string]*idempotency.Replay{}}
	_ = st.PutSurvey(context.Background(), seed.DemoSurvey())
	c := &clock{t: time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)}
	return survey.NewService(st, c.now), st, c
}

func submission(t *testing.T, body string) *survey.Submission {
	t.Helper()
	var s survey.Submission
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return &s
}

const okAnswers = `"org_name":"Deutsch-Türkischer Kulturverein e.V.","fields_of_activity":["culture","youth"],"members":"20-49"`

func body(answers string, consent string) string {
	return `{"language":"de","answers":{` + answers + `},"consent":` + consent + `}`
}

func TestSubmitValidatesAnswers(t *testing.T) {
	consent := `{"privacy":true,"publishProfile":false}`
	tests := []struct {
		name        string
		body        string
		lang        string
		field, code string // expected field error; empty: accepted
		message     string // substring of the message
	}{
		{"minimal valid", body(okAnswers, consent), "de", "", "", ""},
		{"all types valid", body(okAnswers+`,"year_founded":1987,"website":"https://verein.example","contact_email":"info@verein.example",
			"contact_phone":"+49 7121 123456","partnerships_abroad":true,"network_connectedness":4,"needs_details":"Räume für Treffen – مساحة","legal_form":"registered_association"`, consent), "de", "", "", ""},
		{"missing required", body(`"fields_of_activity":["culture"],"members":"20-49"`, consent), "de", "answers.org_name", "required", "Bitte füllen Sie „Name der Organisation“ aus."},
		{"missing required in English", body(`"fields_of_activity":["culture"],"members":"20-49"`, consent), "en", "answers.org_name", "required", "Please fill in “Name of the organisation”."},
		{"empty multiple choice", body(`"org_name":"X","fields_of_activity":[],"members":"20-49"`, consent), "de", "answers.fields_of_activity", "min", ""},
		{"option not in definition", body(`"org_name":"X","fields_of_activity":["culture"],"members":"1000"`, consent), "de", "answers.members", "oneof", ""},
		{"multi option not in definition", body(`"org_name":"X","fields_of_activity":["culture","cooking"],"members":"20-49"`, consent), "en", "answers.fields_of_activity", "oneof", ""},
		{"duplicate options", body(`"org_name":"X","fields_of_activity":["culture","culture"],"members":"20-49"`, consent), "de", "answers.fields_of_activity", "unique", ""},
		{"text too long", body(`"org_name":"`+strings.Repeat("ü", 201)+`","fields_of_activity":["culture"],"members":"20-49"`, consent), "de", "answers.org_name", "max", "200 Zeichen"},
		{"text at max in runes", body(`"org_name":"`+strings.Repeat("ü", 200)+`","fields_of_activity":["culture"],"members":"20-49"`, consent), "de", "", "", ""},
		{"invalid email", body(okAnswers+`,"contact_email":"not-an-email"`, consent), "en", "answers.contact_email", "email", "valid email"},
		{"invalid phone", body(okAnswers+`,"contact_phone":"call me"`, consent), "de", "answers.contact_phone", "phone", "Telefonnummer"},
		{"invalid url", body(okAnswers+`,"website":"javascript:alert(1)"`, consent), "de", "answers.website", "web_or_handle", ""},
		{"number below min", body(okAnswers+`,"year_founded":1200`, consent), "de", "answers.year_founded", "min", ""},
		{"scale above max", body(okAnswers+`,"network_connectedness":6`, consent), "de", "answers.network_connectedness", "max", ""},
		{"scale not whole", body(okAnswers+`,"network_connectedness":2.5`, consent), "de", "answers.network_connectedness", "type", ""},
		{"wrong type string for list", body(`"org_name":"X","fields_of_activity":"culture","members":"20-49"`, consent), "de", "answers.fields_of_activity", "type", ""},
		{"wrong type number for text", body(`"org_name":5,"fields_of_activity":["culture"],"members":"20-49"`, consent), "de", "answers.org_name", "type", ""},
		{"wrong type for yes/no", body(okAnswers+`,"partnerships_abroad":"yes"`, consent), "de", "answers.partnerships_abroad", "type", ""},
		{"unknown question", body(okAnswers+`,"favourite_colour":"blue"`, consent), "en", "answers.favourite_colour", "unknown", ""},
		{"privacy false", body(okAnswers, `{"privacy":false}`), "de", "consent.privacy", "accepted", "Datenschutzerklärung"},
		{"privacy missing", body(okAnswers, `{"publishProfile":true}`), "en", "consent.privacy", "required", ""},
		{"consent missing", `{"answers":{` + okAnswers + `}}`, "de", "consent", "required", ""},
		{"answers missing", `{"consent":{"privacy":true}}`, "de", "answers", "required", ""},
		{"answers not an object", `{"answers":[1],"consent":{"privacy":true}}`, "de", "answers", "type", ""},
		{"unsupported language", `{"language":"xx","answers":{` + okAnswers + `},"consent":{"privacy":true}}`, "de", "language", "language", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, st, _ := newService(t)
			receipt, err := svc.Submit(context.Background(), seed.SurveyID, submission(t, tt.body), tt.lang, nil)
			stored := len(st.Responses(seed.SurveyID))
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want accepted, got %v %+v", err, apperr.As(err))
				}
				if receipt.ResponseID == "" || stored != 1 {
					t.Fatalf("receipt %+v, stored %d", receipt, stored)
				}
				return
			}
			e := apperr.As(err)
			if e == nil || e.Code != apperr.ValidationFailed {
				t.Fatalf("want validation_failed, got %v", err)
			}
			if stored != 0 {
				t.Fatalf("rejected submission stored %d responses", stored)
			}
			for _, fe := range e.Fields {
				if fe.Field == tt.field && fe.Code == tt.code {
					if !strings.Contains(fe.Message, tt.message) {
						t.Fatalf("message %q lacks %q", fe.Message, tt.message)
					}
					return
				}
			}
			t.Fatalf("want field error %s/%s, got %+v", tt.field, tt.code, e.Fields)
		})
	}
}

func TestSubmitKeepsTextExactly(t *testing.T) {
	svc, st, _ := newService(t)
	names := "Deutsch-Türkischer Kulturverein e.V. – Straße ğış – جمعية الثقافة – Культурный центр – Українська громада"
	b, _ := json.Marshal(names)
	_, err := svc.Submit(context.Background(), seed.SurveyID,
		submission(t, body(`"org_name":`+string(b)+`,"fields_of_activity":["culture"],"members":"20-49"`, `{"privacy":true}`)), "de", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Responses(seed.SurveyID)[0].Answers["org_name"]; got != names {
		t.Fatalf("stored %q, want %q", got, names)
	}
}

func TestSubmitOutsideWindow(t *testing.T) {
	svc, st, c := newService(t)
	d := seed.DemoSurvey()
	opens, closes := c.t.Add(time.Hour), c.t.Add(2*time.Hour)
	d.ID, d.OpensAt, d.ClosesAt = "windowed", &opens, &closes
	if err := st.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	sub := submission(t, body(okAnswers, `{"privacy":true}`))
	for _, step := range []struct {
		at   time.Time
		code apperr.Code
	}{{c.t, apperr.Closed}, {opens, ""}, {closes, apperr.Closed}} {
		c.t = step.at
		_, err := svc.Submit(context.Background(), "windowed", sub, "de", nil)
		if apperr.CodeOf(err) != step.code && !(step.code == "" && err == nil) {
			t.Fatalf("at %v: got %v, want %q", step.at, err, step.code)
		}
	}
	if n := len(st.Responses("windowed")); n != 1 {
		t.Fatalf("stored %d, want 1 (only inside the window)", n)
	}
}

func TestUnknownSurvey(t *testing.T) {
	svc, _, _ := newService(t)
	for _, id := range []string{"nope", "../etc", strings.Repeat("a", 100), ""} {
		if _, err := svc.Get(context.Background(), id, "de", ""); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("Get(%q): %v", id, err)
		}
		if _, err := svc.Submit(context.Background(), id, submission(t, body(okAnswers, `{"privacy":true}`)), "de", nil); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("Submit(%q): %v", id, err)
		}
	}
}

func TestDefinitionCacheIsBounded(t *testing.T) {
	svc, st, c := newService(t)
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		if _, err := svc.Get(ctx, seed.SurveyID, "de", ""); err != nil {
			t.Fatal(err)
		}
	}
	if st.reads != 1 {
		t.Fatalf("reads = %d within the cache TTL, want 1", st.reads)
	}
	c.t = c.t.Add(survey.CacheTTL)
	if _, err := svc.Get(ctx, seed.SurveyID, "de", ""); err != nil {
		t.Fatal(err)
	}
	if st.reads != 2 {
		t.Fatalf("reads = %d after the TTL, want 2", st.reads)
	}
}

func TestIdempotentSubmit(t *testing.T) {
	svc, st, _ := newService(t)
	ctx := context.Background()
	raw := body(okAnswers, `{"privacy":true}`)
	claim := func(b string) *idempotency.Claim {
		c, err := idempotency.NewClaim("scope", "key-1", []byte(b))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	first, err := svc.Submit(ctx, seed.SurveyID, submission(t, raw), "de", claim(raw))
	if err != nil {
		t.Fatal(err)
	}
	again, err := svc.Submit(ctx, seed.SurveyID, submission(t, raw), "de", claim(raw))
	if err != nil {
		t.Fatal(err)
	}
	if *again != *first {
		t.Fatalf("retry returned %+v, want %+v", again, first)
	}
	other := body(`"org_name":"Anderer Verein","fields_of_activity":["sport"],"members":"20-49"`, `{"privacy":true}`)
	if _, err := svc.Submit(ctx, seed.SurveyID, submission(t, other), "de", claim(other)); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("same key, other body: %v, want conflict", err)
	}
	if n := len(st.Responses(seed.SurveyID)); n != 1 {
		t.Fatalf("stored %d responses, want 1", n)
	}
}

func TestPublicViewInLanguage(t *testing.T) {
	svc, _, _ := newService(t)
	en, err := svc.Get(context.Background(), seed.SurveyID, "en", "")
	if err != nil {
		t.Fatal(err)
	}
	de, _ := svc.Get(context.Background(), seed.SurveyID, "de", "")
	if en.Questions[0].Label != "Name of the organisation" || de.Questions[0].Label != "Name der Organisation" {
		t.Fatalf("labels: en %q de %q", en.Questions[0].Label, de.Questions[0].Label)
	}
	if en.Status != survey.StatusOpen || en.Questions[0].MaxLength != 200 || !en.Questions[0].Required {
		t.Fatalf("unexpected view: %+v", en.Questions[0])
	}
}

func (f *fakeStore) EraseResponse(context.Context, string, string, *survey.Response, time.Time) error {
	return nil
}

func (f *fakeStore) ResponseByInvitation(context.Context, string, string) (*survey.Response, error) {
	return nil, apperr.New(apperr.NotFound, "not_found")
}

// A web address may be written as people write it (verein.de,
// www.verein.de/kontakt): it is stored with https:// in front. A web
// address question that also takes a social-media name (handles) keeps
// @verein as it is; a number question for whole numbers takes no 1.5.
func TestWebAddressesHandlesAndWholeNumbers(t *testing.T) {
	svc, st, _ := newService(t)
	d := seed.DemoSurvey()
	d.ID = "addresses"
	d.Sections = nil
	d.Questions = []survey.Question{
		{ID: "site", Type: survey.TypeURL, Label: survey.Text{"de": "Website"}},
		{ID: "social", Type: survey.TypeURL, Label: survey.Text{"de": "Website oder Social Media"}, Rules: survey.Rules{Handles: true}},
		{ID: "year", Type: survey.TypeNumber, Label: survey.Text{"de": "Gründungsjahr"}, Rules: survey.Rules{Integer: true}},
		{ID: "hours", Type: survey.TypeNumber, Label: survey.Text{"de": "Stunden"}},
	}
	if err := survey.ValidateDefinition(d, "de"); err != nil {
		t.Fatal(err)
	}
	_ = st.PutSurvey(context.Background(), d)
	for _, c := range []struct {
		answers string
		want    map[string]any // stored; nil: refused at code
		field   string
		code    string
	}{
		{`"site":"verein.de"`, map[string]any{"site": "https://verein.de"}, "", ""},
		{`"site":" www.verein.de/kontakt?x=1 "`, map[string]any{"site": "https://www.verein.de/kontakt?x=1"}, "", ""},
		{`"site":"http://verein.de"`, map[string]any{"site": "http://verein.de"}, "", ""},
		{`"site":"münchen-verein.de"`, map[string]any{"site": "https://münchen-verein.de"}, "", ""},
		{`"social":"@kulturbruecke"`, map[string]any{"social": "@kulturbruecke"}, "", ""},
		{`"social":"@verein@mastodon.social"`, map[string]any{"social": "@verein@mastodon.social"}, "", ""},
		{`"social":"instagram.com/verein"`, map[string]any{"social": "https://instagram.com/verein"}, "", ""},
		{`"year":2005,"hours":1.5`, map[string]any{"year": float64(2005), "hours": 1.5}, "", ""},
		{`"site":"@kulturbruecke"`, nil, "answers.site", "http_url"},
		{`"site":"javascript:alert(1)"`, nil, "answers.site", "http_url"},
		{`"site":"verein"`, nil, "answers.site", "http_url"},
		{`"site":"ca. verein.de"`, nil, "answers.site", "http_url"},
		{`"social":"@"`, nil, "answers.social", "web_or_handle"},
		{`"social":"@ver ein"`, nil, "answers.social", "web_or_handle"},
		{`"social":"javascript:alert(1)"`, nil, "answers.social", "web_or_handle"},
		{`"year":1.5`, nil, "answers.year", "whole"},
	} {
		before := len(st.Responses("addresses"))
		_, err := svc.Submit(context.Background(), "addresses", submission(t, body(c.answers, `{"privacy":true}`)), "de", nil)
		if c.want == nil {
			e := apperr.As(err)
			if e == nil || len(e.Fields) != 1 || e.Fields[0].Field != c.field || e.Fields[0].Code != c.code || e.Fields[0].Message == "" {
				t.Errorf("%s: %v %+v, want %s at %s", c.answers, err, e, c.code, c.field)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.answers, apperr.As(err))
			continue
		}
		got := st.Responses("addresses")[before].Answers
		for k, v := range c.want {
			if got[k] != v {
				t.Errorf("%s: stored %s = %#v, want %#v", c.answers, k, got[k], v)
			}
		}
	}
	// The rules belong to their types.
	bad := seed.DemoSurvey()
	bad.Questions[0].Integer, bad.Questions[0].Handles = true, true
	e := apperr.As(survey.ValidateDefinition(bad, "de"))
	if e == nil || len(e.Fields) != 2 || e.Fields[0].Field != "questions[0].integer" || e.Fields[1].Field != "questions[0].handles" {
		t.Errorf("integer and handles on a text question: %+v", e)
	}
}

// TestCheckPageIsCheckOnItsQuestions: a page's check (CheckPage, the
// rules of its questions only) reports on its questions exactly what the
// whole check reports on them.
func TestCheckPageIsCheckOnItsQuestions(t *testing.T) {
	svc, _, _ := newService(t)
	d := seed.DemoSurvey()
	consent := `{"privacy":true,"publishProfile":false}`
	checked := 0
	for _, answers := range []string{
		`"org_name":"","legal_form":"x","year_founded":1.5,"website":"not a url","contact_email":"nope","fields_of_activity":[],"members":"many","volunteers":-3,"needs":["rooms"],"room_size":-1,"top_need":"x","network_connectedness":9,"preferred_days":["sun"]`,
		`"org_name":"` + strings.Repeat("x", 201) + `","contact_phone":"abc","own_rooms":"maybe","needs_details":"` + strings.Repeat("y", 2001) + `"`,
		`"needs":["funding"],"room_size":12`,
		okAnswers,
	} {
		sub := submission(t, body(answers, consent))
		var all []apperr.FieldError
		if e := apperr.As(svc.Check(context.Background(), seed.SurveyID, sub, "de")); e != nil {
			all = e.Fields
		}
		for _, s := range d.Sections {
			var ids []string
			on := map[string]bool{}
			for _, q := range d.Questions {
				if q.Section == s.ID {
					ids = append(ids, q.ID)
					on["answers."+q.ID] = true
				}
			}
			var want, got []apperr.FieldError
			for _, fe := range all {
				if on[fe.Field] {
					want = append(want, fe)
				}
			}
			if e := apperr.As(svc.CheckPage(context.Background(), seed.SurveyID, sub, "de", ids)); e != nil {
				for _, fe := range e.Fields {
					if on[fe.Field] {
						got = append(got, fe)
					}
				}
			}
			checked += len(want)
			if len(got) != len(want) {
				t.Errorf("%.40s…, page %s: %v, want %v", answers, s.ID, got, want)
				continue
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%.40s…, page %s: %v, want %v", answers, s.ID, got[i], want[i])
				}
			}
		}
	}
	if checked < 10 {
		t.Errorf("%d errors compared: the cases lost their mistakes", checked)
	}
}
