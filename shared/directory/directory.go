// Package directory is the public directory of an office's organisations
// (ORGANISATIONS.md, "Directory"): the entries of the records whose
// organisations consented, filtered and labelled in the reader's
// language, and the organisation's own check of its entry through its
// personal link (/e/{token}). Only the directory function and the mailer
// link it: its texts (catalogue/, added to i18n at init) stay out of the
// survey and meeting functions.
package directory

import (
	"context"
	"embed"
	"encoding/json"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

//go:embed catalogue/*.json.gz
var catalogue embed.FS

//go:embed vocabulary.json
var vocabularyJSON []byte

func init() {
	sub, _ := fs.Sub(catalogue, "catalogue")
	i18n.Extend(sub)
}

// Vocabulary labels the option codes of records (fields of activity,
// offers and seeks) in the reader's language. The codes come from the
// survey options that bind to the record; this is a catalogue of the
// common ones (the demo needs survey's fields_of_activity and needs, plus
// interpreting and know_how); an unknown code shows as it is.
type Vocabulary struct {
	Fields map[string]i18n.Text `json:"fields"`
	Offers map[string]i18n.Text `json:"offers"`
}

var vocabulary = sync.OnceValue(func() *Vocabulary {
	var v Vocabulary
	if err := json.Unmarshal(vocabularyJSON, &v); err != nil {
		panic("directory: vocabulary: " + err.Error()) // ours, embedded: a bug
	}
	return &v
})

// Kinds of codes.
const (
	KindField    = "field"
	KindOffer    = "offer" // offers and seeks share their codes
	KindLanguage = "language"
)

// Label is code's label of kind in lang and the label's language ("" when
// it is lang's; a code without a label is itself).
func Label(kind, code, lang string) (label, labelLang string) {
	var m map[string]i18n.Text
	switch kind {
	case KindField:
		m = vocabulary().Fields
	case KindOffer:
		m = vocabulary().Offers
	case KindLanguage:
		// A language is named in its own language (as the language switch
		// does).
		if n := i18n.Name(code); n != code {
			if code == lang {
				return n, ""
			}
			return n, code
		}
		return code, ""
	}
	if t, ok := m[code]; ok {
		s, l := t.Lang(lang)
		if l == lang {
			l = ""
		}
		return s, l
	}
	return code, ""
}

// Codes are the known codes of kind, in the order of their labels in
// lang.
func Codes(kind, lang string) []string {
	var m map[string]i18n.Text
	switch kind {
	case KindField:
		m = vocabulary().Fields
	case KindOffer:
		m = vocabulary().Offers
	case KindLanguage:
		return slices.Clone(i18n.Supported)
	}
	out := make([]string, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(m[a].In(lang), m[b].In(lang)) })
	return out
}

// Filter selects entries; its zero value selects all.
type Filter struct {
	Q, Field, Municipality, Language, Offer, Seek string
}

// Match reports whether e passes f.
func (f *Filter) Match(e *org.Entry) bool {
	if f.Q != "" && !strings.Contains(org.Normalise(e.Name), org.Normalise(f.Q)) {
		return false
	}
	if f.Municipality != "" && org.Normalise(e.Municipality) != org.Normalise(f.Municipality) {
		return false
	}
	return (f.Field == "" || slices.Contains(e.Fields, f.Field)) && (f.Language == "" || slices.Contains(e.Languages, f.Language)) &&
		(f.Offer == "" || slices.Contains(e.Offers, f.Offer)) && (f.Seek == "" || slices.Contains(e.Seeks, f.Seek))
}

// Store is what the directory needs from storage (dynamo.Orgs).
type Store interface {
	Directory(ctx context.Context, office string, now time.Time) ([]org.Entry, error)
	DirectoryEntry(ctx context.Context, office, id string, now time.Time) (*org.Entry, error)
	EntryByToken(ctx context.Context, token string, now time.Time) (office, id string, err error)
	Organisation(ctx context.Context, office, id string) (*org.Record, error)
	CheckEntry(ctx context.Context, office, id string, use *ratelimit.Use, now time.Time, fn func(*org.Record) error) (*org.Record, error)
}

// Service serves the directory and the check of an entry.
type Service struct {
	store   Store
	offices *office.Cache
	now     func() time.Time
	// Limit is the per-client limit of checks sent.
	Limit ratelimit.Rule
}

// New returns the service.
func New(store Store, offices *office.Cache, now func() time.Time) *Service {
	return &Service{store: store, offices: offices, now: now}
}

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.now() }

// Office is an office's profile; an office without one has no directory
// (NotFound).
func (s *Service) Office(ctx context.Context, id string) (*office.Profile, error) {
	if !validation.ValidID(id) {
		return nil, apperr.New(apperr.NotFound, "office_not_found")
	}
	p, err := s.offices.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, apperr.New(apperr.NotFound, "office_not_found")
	}
	return p, nil
}

// List is an office's profile and its directory, by name.
func (s *Service) List(ctx context.Context, officeID string) (*office.Profile, []org.Entry, error) {
	p, err := s.Office(ctx, officeID)
	if err != nil {
		return nil, nil, err
	}
	list, err := s.store.Directory(ctx, officeID, s.now())
	return p, list, err
}

// Entry is one published entry of an office's directory (NotFound
// without consent).
func (s *Service) Entry(ctx context.Context, officeID, id string) (*office.Profile, *org.Entry, error) {
	p, err := s.Office(ctx, officeID)
	if err != nil {
		return nil, nil, err
	}
	if !validation.ValidID(id) {
		return nil, nil, apperr.New(apperr.NotFound, "organisation_not_found")
	}
	e, err := s.store.DirectoryEntry(ctx, officeID, id, s.now())
	return p, e, err
}

// Check is what a check-your-entry link opens: the record and its
// office's profile.
type Check struct {
	Office *office.Profile
	Record *org.Record
}

// Open resolves a check-your-entry link (NotFound when unknown, expired,
// or its record is gone).
func (s *Service) Open(ctx context.Context, token string) (*Check, error) {
	if token == "" || len(token) > 200 {
		return nil, apperr.New(apperr.NotFound, "entry_link_not_found")
	}
	officeID, id, err := s.store.EntryByToken(ctx, token, s.now())
	if err != nil {
		return nil, err
	}
	r, err := s.store.Organisation(ctx, officeID, id)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, apperr.New(apperr.NotFound, "entry_link_not_found")
	}
	if err != nil {
		return nil, err
	}
	p, err := s.offices.Get(ctx, officeID)
	if err != nil {
		return nil, err
	}
	return &Check{Office: p, Record: r}, nil
}

// Correction is what the organisation sends through its link: its public
// facts and its consent.
type Correction struct {
	Name, Municipality, Website, PublicContact string
	Fields, Languages, Offers, Seeks           []string
	OffersText, SeeksText                      string
	Publish                                    bool
	// Previous is the record's name before the correction: a new name
	// must be plain (validation.Plain, as a registration's organisation),
	// the name the record has keeps working.
	Previous string
}

// CorrectionOf is a record's public facts as a correction (the form's
// first values).
func CorrectionOf(r *org.Record) Correction {
	return Correction{Name: r.Name, Municipality: r.Municipality, Website: r.Website, PublicContact: r.PublicContact,
		Fields: r.Fields, Languages: r.Languages, Offers: r.Offers, Seeks: r.Seeks, OffersText: r.OffersText, SeeksText: r.SeeksText,
		Publish: r.Published()}
}

// Validate checks c and returns every problem at once, as field errors
// in lang.
func (c *Correction) Validate(lang string) error {
	f := validation.NewFields(lang)
	line := func(path, s string, max int, required bool, label string) {
		switch {
		case strings.TrimSpace(s) == "" && required:
			f.Add(path, "required", "def_required")
		case utf8.RuneCountInString(s) > max:
			f.Add(path, "max", "dir.entry_too_long", max)
		case !visible(s, max == org.MaxText) || path == "name" && s != c.Previous && !validation.Plain(s):
			f.Add(path, "plain", "plain", i18n.T(lang, label))
		}
	}
	line("name", c.Name, org.MaxName, true, "dir.entry_name")
	line("municipality", c.Municipality, org.MaxName, false, "dir.municipality")
	line("publicContact", c.PublicContact, org.MaxName, false, "dir.entry_public_contact")
	line("offersText", c.OffersText, org.MaxText, false, "dir.entry_offers_text")
	line("seeksText", c.SeeksText, org.MaxText, false, "dir.entry_seeks_text")
	if c.Website != "" {
		if u, err := url.Parse(c.Website); err != nil || u.Scheme != "https" || u.Host == "" || len(c.Website) > office.MaxLine {
			f.Add("website", "http_url", "dir.entry_url")
		}
	}
	for _, g := range []struct {
		path  string
		codes []string
	}{{"fields", c.Fields}, {"languages", c.Languages}, {"offers", c.Offers}, {"seeks", c.Seeks}} {
		if len(g.codes) > org.MaxCodes {
			f.Add(g.path, "max", "def_between", 0, org.MaxCodes)
		}
		for _, code := range g.codes {
			if !validation.Code(code) {
				f.Add(g.path, "oneof", "dir.entry_unknown")
				break
			}
		}
	}
	return f.Err()
}

// visible reports whether s is valid UTF-8 without control characters
// (but line breaks in a text of several lines) and without invisible
// format characters (bidi overrides, zero-width spaces; the zero-width
// non-joiner that Persian writes between two letters is allowed).
func visible(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	prev := rune(0)
	for i, r := range s {
		if unicode.IsControl(r) && !(multiline && r == '\n') {
			return false
		}
		if unicode.Is(unicode.Cf, r) {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if r != '\u200c' || !unicode.IsLetter(prev) || !unicode.IsLetter(next) {
				return false
			}
		}
		prev = r
	}
	return true
}

// Save stores the organisation's correction and consent (with the
// office's current privacy notice version) through its link; a
// withdrawal takes the entry out of the directory in the same write.
func (s *Service) Save(ctx context.Context, token string, c Correction, lang string) (*org.Record, error) {
	chk, err := s.Open(ctx, token)
	if err != nil {
		return nil, err
	}
	c.Name, c.Municipality, c.Website = strings.TrimSpace(c.Name), strings.TrimSpace(c.Municipality), strings.TrimSpace(c.Website)
	c.PublicContact = strings.TrimSpace(c.PublicContact)
	c.Previous = chk.Record.Name
	if err := c.Validate(lang); err != nil {
		return nil, err
	}
	now := s.now()
	notice := chk.Office.NoticeVersion()
	return s.store.CheckEntry(ctx, chk.Record.Office, chk.Record.ID, s.Limit.Use(ctx, now), now, func(r *org.Record) error {
		r.Rename(c.Name)
		r.Municipality, r.Website, r.PublicContact = c.Municipality, c.Website, c.PublicContact
		r.Fields, r.Languages, r.Offers, r.Seeks = c.Fields, c.Languages, c.Offers, c.Seeks
		r.OffersText, r.SeeksText = c.OffersText, c.SeeksText
		r.Consent = org.Consent{Publish: c.Publish, Notice: notice, At: now, By: "entry"}
		return nil
	})
}
