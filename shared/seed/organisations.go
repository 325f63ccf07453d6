package seed

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/org"
)

// OrgWriter is what seeding the register needs from a store.
type OrgWriter interface {
	SaveOrganisation(ctx context.Context, r *org.Record, evs ...org.Event) error
}

// The demo register's earlier rounds: last year's survey and two past
// meetings (their ids only: the demo keeps just this year's survey and
// the coming meeting as items).
const (
	LastYearSurveyID = "demo-needs-survey-2025"
	SpringMeetingID  = "demo-network-meeting-spring"
	AutumnMeetingID  = "demo-network-meeting-autumn"
)

// demoOrg is one organisation of the demo register.
type demoOrg struct {
	name, person, municipality, website string
	lang                                string // the contact's language
	fields, languages, offers, seeks    []string
}

// demoOrgs are the demo office's 30 organisations, their names in the
// scripts the offices meet (German with umlauts and ß, Turkish, Arabic,
// Farsi, Cyrillic).
var demoOrgs = []demoOrg{
	{"Deutsch-Türkischer Kulturverein e.V.", "Ayşe Yılmaz", "Musterstadt", "https://dtkv.example", "tr", []string{"culture", "youth"}, []string{"de", "tr"}, []string{"rooms", "translation"}, []string{"funding"}},
	{"Kulturbrücke Musterstadt e.V.", "Jonas Weiß", "Musterstadt", "https://kulturbruecke.example", "de", []string{"culture", "education"}, []string{"de", "en"}, []string{"know_how", "networking"}, []string{"volunteers"}},
	{"Türk Kadınlar Derneği", "Gülşen Çelik", "Nordheim", "", "tr", []string{"women", "counselling"}, []string{"tr", "de"}, []string{"translation"}, []string{"rooms", "training_finance"}},
	{"جمعية الجسر الثقافي", "Rania Haddad", "Musterstadt", "https://aljisr.example", "ar", []string{"culture", "refugees"}, []string{"ar", "de"}, []string{"translation", "volunteers"}, []string{"rooms"}},
	{"Українська громада Мустерштадт", "Olena Kovalenko", "Musterstadt", "", "uk", []string{"refugees", "education"}, []string{"uk", "ru", "de"}, []string{"volunteers", "translation"}, []string{"funding", "rooms"}},
	{"Frauentreff Süd", "Maria Großmann", "Südfeld", "", "de", []string{"women"}, []string{"de"}, []string{"rooms"}, []string{"visibility"}},
	{"Anadolu Gençlik Birliği", "Emre Doğan", "Waldbach", "https://anadolu-genclik.example", "tr", []string{"youth", "sport"}, []string{"tr", "de"}, []string{"volunteers"}, []string{"funding", "public_relations"}},
	{"بيت السوريين", "Omar Khalil", "Nordheim", "", "ar", []string{"refugees", "counselling"}, []string{"ar"}, []string{"translation"}, []string{"training_law", "digital_skills"}},
	{"Русскоязычный культурный центр «Мост»", "Irina Petrova", "Musterstadt", "https://most-kultur.example", "ru", []string{"culture", "education"}, []string{"ru", "de"}, []string{"rooms", "know_how"}, []string{"networking"}},
	{"Jugendwerkstatt Grünau", "Lukas Bäcker", "Grünau", "https://jugendwerkstatt.example", "de", []string{"youth", "education"}, []string{"de", "ar", "tr"}, []string{"rooms", "digital_skills"}, []string{"volunteers"}},
	{"انجمن فرهنگی ایرانیان", "Shirin Ahmadi", "Musterstadt", "", "fa", []string{"culture"}, []string{"fa", "de"}, []string{"translation", "know_how"}, []string{"rooms"}},
	{"Eine-Welt-Laden Musterstadt", "Sabine Köhler", "Musterstadt", "https://eine-welt.example", "de", []string{"development_sdgs", "education"}, []string{"de", "en", "fr"}, []string{"know_how", "networking"}, []string{"volunteers"}},
	{"Yeşil Köprü Kültür Derneği", "Hüseyin Aydın", "Südfeld", "", "tr", []string{"culture", "anti_discrimination"}, []string{"tr", "ku", "de"}, []string{"networking"}, []string{"funding"}},
	{"Спілка українських жінок", "Natalia Shevchenko", "Waldbach", "", "uk", []string{"women", "refugees"}, []string{"uk", "de"}, []string{"volunteers"}, []string{"training_finance", "visibility"}},
	{"Afrikanisches Kulturforum e.V.", "Kwame Mensah", "Musterstadt", "https://afrika-forum.example", "en", []string{"culture", "anti_discrimination"}, []string{"en", "fr", "de"}, []string{"know_how"}, []string{"rooms", "funding"}},
	{"جمعية المرأة العربية", "Layla Nasser", "Nordheim", "", "ar", []string{"women", "education"}, []string{"ar", "de"}, []string{"translation"}, []string{"digital_skills"}},
	{"Förderverein Städtepartnerschaft Musterstadt–Bursa", "Klaus Müller", "Musterstadt", "", "de", []string{"culture", "development_sdgs"}, []string{"de", "tr"}, []string{"networking", "know_how"}, []string{"volunteers"}},
	{"Общество немцев из России", "Viktor Schäfer", "Grünau", "", "ru", []string{"culture", "counselling"}, []string{"ru", "de"}, []string{"rooms"}, []string{"public_relations"}},
	{"Kurdisches Gemeindezentrum Mezopotamya", "Dilan Kaya", "Musterstadt", "https://mezopotamya.example", "de", []string{"culture", "religion"}, []string{"ku", "tr", "de"}, []string{"rooms", "translation"}, []string{"funding"}},
	{"کانون افغان‌ها", "Farid Rahimi", "Südfeld", "", "fa", []string{"refugees", "youth"}, []string{"fa", "de"}, []string{"translation", "volunteers"}, []string{"rooms", "training_law"}},
	{"Elternnetzwerk Bildungsbrücke", "Fatma Öztürk", "Nordheim", "", "de", []string{"education", "youth"}, []string{"de", "tr", "ar"}, []string{"know_how"}, []string{"funding"}},
	{"Polnischer Kulturverein Most", "Agnieszka Nowak", "Waldbach", "", "de", []string{"culture"}, []string{"pl", "de"}, []string{"rooms"}, []string{"volunteers", "visibility"}},
	{"Ege Dayanışma Derneği", "Mustafa Şahin", "Musterstadt", "", "tr", []string{"counselling", "sport"}, []string{"tr"}, []string{"volunteers"}, []string{"digital_skills"}},
	{"Eritreische Gemeinschaft Musterstadt", "Senait Tesfaye", "Musterstadt", "", "en", []string{"refugees", "religion"}, []string{"ti", "en", "de"}, []string{"translation"}, []string{"rooms", "funding"}},
	{"Sportverein Blau-Weiß Aufbruch", "Dennis Strauß", "Grünau", "https://blau-weiss.example", "de", []string{"sport", "youth"}, []string{"de"}, []string{"rooms", "volunteers"}, []string{"networking"}},
	{"نادي الشباب العربي", "Yusuf Darwish", "Musterstadt", "", "ar", []string{"youth", "sport"}, []string{"ar", "de"}, []string{"volunteers"}, []string{"rooms"}},
	{"Vietnamesischer Verein Hoa Sen", "Thi Lan Nguyen", "Nordheim", "", "de", []string{"culture", "women"}, []string{"vi", "de"}, []string{"know_how"}, []string{"public_relations"}},
	{"Initiative Willkommen in Nordheim", "Petra Schröder", "Nordheim", "https://willkommen-nordheim.example", "de", []string{"refugees", "counselling"}, []string{"de", "en", "ar"}, []string{"volunteers", "networking"}, []string{"funding"}},
	{"Griechische Gemeinde Musterstadt", "Nikos Papadopoulos", "Musterstadt", "", "de", []string{"culture", "religion"}, []string{"el", "de"}, []string{"rooms"}, []string{"visibility"}},
	{"Italienischer Elternverein Insieme", "Giulia Rossi", "Waldbach", "", "de", []string{"education"}, []string{"it", "de"}, []string{"know_how"}, []string{"training_law"}},
}

// Organisations writes the demo office's register: 30 organisations with
// histories across two survey rounds (last year's and this one) and
// three meetings, 12 of them in the directory (they consented with their
// answer), 2 whose contact bounced. Only records and their events are
// written: no invitation, answer or registration items, no mails. It is
// idempotent: records there already are left as they are.
func Organisations(ctx context.Context, w OrgWriter, now time.Time) error {
	day := 24 * time.Hour
	lastYear, thisRound := now.Add(-365*day), now.Add(-20*day)
	spring, autumn := now.Add(-300*day), now.Add(-120*day)
	for i, o := range demoOrgs {
		id := strings.ToLower(ulid.MustNew(uint64(lastYear.Add(-time.Duration(i)*time.Hour).UnixMilli()), bytes.NewReader(make([]byte, 16))).String())
		r := &org.Record{ID: id, Office: Office, Name: o.name, Municipality: o.municipality, Website: o.website,
			Contact: org.Contact{Email: fmt.Sprintf("kontakt%02d@verein%02d.example", i+1, i+1), Person: o.person, Role: "Vorstand", Language: o.lang},
			Fields:  o.fields, Languages: o.languages, Offers: o.offers, Seeks: o.seeks, State: org.Active, CreatedAt: lastYear}
		ref := func(what string, n int) string { return fmt.Sprintf("demo-%s-%02d-%d", what, i+1, n) }
		ev := func(at time.Time, kind org.EventKind, target, targetID, ref string) org.Event {
			return org.Event{At: at.Add(time.Duration(i) * time.Hour), Kind: kind, Target: target, TargetID: targetID, Ref: ref}
		}
		var evs []org.Event
		if i < 25 { // last year's round: the first 25 were invited, two in three answered
			evs = append(evs, ev(lastYear, org.Invited, "survey", LastYearSurveyID, ref("inv", 1)))
			if i%3 != 0 {
				evs = append(evs, ev(lastYear.Add(6*day), org.Answered, "survey", LastYearSurveyID, ref("ans", 1)))
			}
		}
		if i%4 == 0 {
			evs = append(evs, ev(spring, org.Registered, "meeting", SpringMeetingID, ref("reg", 1)))
		}
		if i%3 == 1 {
			evs = append(evs, ev(autumn, org.Registered, "meeting", AutumnMeetingID, ref("reg", 2)))
			if i == 10 {
				evs = append(evs, ev(autumn.Add(5*day), org.Cancelled, "meeting", AutumnMeetingID, ref("reg", 2)))
			}
		}
		// This round: all invited, every second answered; the first 12 of
		// those agreed to be in the directory.
		evs = append(evs, ev(thisRound, org.Invited, "survey", SurveyID, ref("inv", 2)))
		if i%2 == 0 {
			answered := ev(thisRound.Add(3*day), org.Answered, "survey", SurveyID, ref("ans", 2))
			evs = append(evs, answered)
			if i < 24 {
				r.Consent = org.Consent{Publish: true, Notice: NoticeVersion, At: answered.At, By: "answer"}
			}
		}
		if i%5 == 0 {
			evs = append(evs, ev(thisRound.Add(8*day), org.Registered, "meeting", MeetingID, ref("reg", 3)))
		}
		if i == 7 || i == 19 { // their address bounced
			r.Contact.Stale, r.State = true, org.ContactBounced
			evs = append(evs, ev(thisRound.Add(time.Hour), org.Bounced, "", "", ref("mail", 2)))
		}
		// A record there already (make dev again on the same table) is a
		// conflict: left as it is.
		if err := w.SaveOrganisation(ctx, r, evs...); err != nil && apperr.CodeOf(err) != apperr.Conflict {
			return fmt.Errorf("seed organisation %d: %w", i+1, err)
		}
	}
	return nil
}
