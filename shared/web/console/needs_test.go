package console_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// record writes an organisation of office into the register.
func record(t *testing.T, a *testenv.Functions, office, name, municipality string, publish bool, seeks, offers []string) *org.Record {
	t.Helper()
	r := org.New(office, name, time.Now())
	r.Municipality, r.Seeks, r.Offers = municipality, seeks, offers
	r.Consent = org.Consent{Publish: publish, At: time.Now(), By: "office"}
	if err := a.Store.CreateOrganisation(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestMatchesNamesOnlyConsenting: /console/matches crosses the seeks of
// the office's organisations with others' offers per code, labelled from
// the office's survey, naming only organisations in the directory (the
// others counted), filtered by code and municipality; another office
// sees none of it.
func TestMatchesNamesOnlyConsenting(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	seeker := record(t, a, "demo", "Deutsch-Türkischer Kulturverein", "Heidelberg", true, []string{"rooms"}, nil)
	record(t, a, "demo", "Verschwiegener Verein", "Heidelberg", false, []string{"rooms"}, nil)
	offerer := record(t, a, "demo", "Gemeindezentrum Nord", "Mannheim", true, nil, []string{"rooms", "translation"})
	record(t, a, "demo", "Stiller Sprachmittler", "Mannheim", false, nil, []string{"translation"})
	record(t, a, "demo", "Leise Helfer", "Mannheim", false, nil, []string{"volunteers"})
	record(t, a, "other", "Fremder Verein", "Heidelberg", true, []string{"rooms"}, nil)

	get := func(office, lang, query string) string {
		t.Helper()
		r := s.Request(routes.Route{Method: "GET", Path: "/console/matches"}, office, "")
		r.Query = query
		if lang != "" {
			r.Query = strings.TrimPrefix(query+"&lang="+lang, "&")
		}
		resp := a.Do(t, h, r)
		if resp.StatusCode != 200 {
			t.Fatalf("matches %s %q: %d %.300s", office, query, resp.StatusCode, resp.Body)
		}
		return resp.Body
	}
	page := get("demo", "", "")
	_, rooms, _ := strings.Cut(page, `id="need-rooms"`)
	rooms, _, _ = strings.Cut(rooms, "</section>")
	for _, want := range []string{">Räume<", "Deutsch-Türkischer Kulturverein", "/console/organisations/" + seeker.ID, "Gemeindezentrum Nord",
		"/console/organisations/" + offerer.ID, "und 1 weitere ohne Zustimmung, genannt zu werden", "Gesucht von 2 Organisationen", "Angeboten von 1 Organisation",
		`action="/console/meetings/from-need"`, `name="survey" value="` + seed.SurveyID + `"`, `name="question" value="needs"`, `name="option" value="rooms"`} {
		if !strings.Contains(rooms, want) {
			t.Errorf("rooms lacks %q", want)
		}
	}
	for _, never := range []string{"Verschwiegener Verein", "Stiller Sprachmittler", "Fremder Verein"} {
		if strings.Contains(page, never) {
			t.Errorf("the page names %q", never)
		}
	}
	_, volunteers, _ := strings.Cut(page, `id="need-volunteers"`)
	volunteers, _, _ = strings.Cut(volunteers, "</section>")
	if !strings.Contains(volunteers, "1 Organisation ohne Zustimmung, genannt zu werden") || !strings.Contains(volunteers, "Noch niemand.") {
		t.Error("volunteers: the offerer without consent is not counted, or nobody seeking is not said")
	}
	if i, j := strings.Index(page, `id="need-rooms"`), strings.Index(page, `id="need-translation"`); i < 0 || j < 0 || i > j {
		t.Error("the need sought and offered does not come first")
	}

	filtered := get("demo", "", "code=translation")
	if strings.Contains(filtered, `id="need-rooms"`) || !strings.Contains(filtered, `id="need-translation"`) {
		t.Error("the code filter does not filter")
	}
	mannheim := get("demo", "", "municipality=Mannheim")
	if strings.Contains(mannheim, "Deutsch-Türkischer Kulturverein") || !strings.Contains(mannheim, "Gemeindezentrum Nord") {
		t.Error("the municipality filter does not filter")
	}
	if none := get("demo", "", "code=rooms&municipality=Nirgendwo"); !strings.Contains(none, "Für diese Auswahl gibt es keine Einträge.") {
		t.Error("no empty state for a filter that finds nothing")
	}
	if ar := get("demo", "ar", ""); !strings.Contains(ar, `dir="rtl"`) || !strings.Contains(ar, "القاعات") {
		t.Error("the Arabic page is not right to left or lacks the Arabic label")
	}
	other := get("other", "", "")
	if !strings.Contains(other, "Fremder Verein") || strings.Contains(other, "Gemeindezentrum Nord") {
		t.Error("another office sees the demo office's organisations, or not its own")
	}
	empty := get("nobody", "", "")
	if !strings.Contains(empty, "Noch hat keine Organisation im Register angegeben") {
		t.Error("no empty state for an office without offers or needs")
	}
}

// needWorld is the demo survey answered: Ada (personal link, rooms and
// funding), Bea (personal link, funding only), Cem (public link with
// name and address, rooms), one public answer naming rooms without an
// address.
type needWorld struct {
	ada, cem string // addresses of those who chose rooms
	adaOrg   string // Ada's record
}

// bindNeeds binds the demo survey's needs to the records' seeks (as the
// demo seed does once the answers link to records).
func bindNeeds(t *testing.T, st *dynamo.Store) {
	t.Helper()
	d, err := st.Survey(context.Background(), seed.SurveyID)
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Questions {
		if d.Questions[i].ID == "needs" {
			d.Questions[i].Profile = "seeks"
		}
	}
	if err := st.PutSurvey(context.Background(), d); err != nil {
		t.Fatal(err)
	}
}

func seedNeeds(t *testing.T, a *testenv.Functions, domain string) needWorld {
	t.Helper()
	bindNeeds(t, a.Store)
	ctx, now := context.Background(), time.Now()
	w := needWorld{ada: "ada@" + domain, cem: "cem@" + domain}
	ada := record(t, a, "demo", "Ada e.V.", "Heidelberg", true, []string{"rooms"}, nil)
	w.adaOrg = ada.ID
	var invs []*invitation.Invitation
	for _, p := range []struct{ org, email, lang, orgID string }{{"Ada e.V.", w.ada, "tr", ada.ID}, {"Bea e.V.", "bea@" + domain, "de", ""}} {
		id := invitation.ID(invitation.Survey, seed.SurveyID, p.email)
		invs = append(invs, &invitation.Invitation{ID: id, Kind: invitation.Survey, TargetID: seed.SurveyID, Office: "demo", Organisation: p.org,
			OrgID: p.orgID, Email: p.email, Language: p.lang, Status: invitation.Invited, InvitedAt: now, LastMailAt: now,
			TokenHash: linktoken.Hash(a.Tokens.Token(invitation.TokenKind, id)), ExpiresAt: now.Add(365 * 24 * time.Hour)})
	}
	if _, _, err := a.Store.PutInvitations(ctx, invs, now); err != nil {
		t.Fatal(err)
	}
	answer := func(inv string, answers map[string]any) {
		t.Helper()
		r := &survey.Response{ID: ulid.Make().String(), SurveyID: seed.SurveyID, Office: "demo", SubmittedAt: time.Now(), Language: "de",
			Answers: answers, InvitationID: inv, ExpiresAt: now.Add(365 * 24 * time.Hour)}
		if _, err := a.Store.SaveResponse(ctx, r, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	answer(invs[0].ID, map[string]any{"needs": []string{"rooms", "funding"}})
	answer(invs[1].ID, map[string]any{"needs": []string{"funding"}})
	answer("", map[string]any{"org_name": "Cem Kulturverein", "contact_email": w.cem, "needs": []string{"rooms"}})
	answer("", map[string]any{"org_name": "Ohne Adresse", "needs": []string{"rooms"}})
	return w
}

// fromNeed posts the "make a meeting about this" form as office.
func fromNeed(t *testing.T, a *testenv.Functions, s *testenv.Sessions, h func(*testing.T, testenv.Request) (int, string), office, surveyID, question, option, stamp string) (int, string) {
	t.Helper()
	r := s.Request(routes.Route{Method: "POST", Path: "/console/meetings/from-need"}, office, "")
	v, _ := url.ParseQuery(r.Body)
	v.Set("survey", surveyID)
	v.Set("question", question)
	v.Set("option", option)
	v.Set("form.stamp", stamp)
	r.Body = v.Encode()
	return h(t, r)
}

// TestMeetingFromNeed: the report's form makes a meeting draft about a
// need: 303 to its console page, titled after the option in seven
// languages, its topic in its description, its invitations planned for
// the organisations that chose the option (no link, no mail), not public
// until published; posted twice, one meeting; another office's survey
// 404; an unknown question or option 400; neither makes anything.
func TestMeetingFromNeed(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	w := seedNeeds(t, a, "need.example")
	do := func(t *testing.T, r testenv.Request) (int, string) {
		t.Helper()
		resp := a.Do(t, h, r)
		return resp.StatusCode, resp.Headers["location"]
	}
	meetings := func() int {
		t.Helper()
		var list struct{ Items []map[string]any }
		_ = json.Unmarshal([]byte(a.AdminCall(t, "demo", "GET", "/admin/meetings", nil, "", "").Body), &list)
		return len(list.Items)
	}
	before := meetings()

	for _, bad := range []struct{ office, survey, question, option string }{
		{"other", seed.SurveyID, "needs", "rooms"},
		{"demo", "demo-no-such-survey", "needs", "rooms"},
		{"demo", seed.SurveyID, "no_such_question", "rooms"},
		{"demo", seed.SurveyID, "needs", "no_such_option"},
		{"demo", seed.SurveyID, "org_name", "rooms"},
	} {
		st, _ := fromNeed(t, a, s, do, bad.office, bad.survey, bad.question, bad.option, testenv.Stamp("/console/meetings/from-need"))
		want := 400
		if bad.office == "other" || bad.survey != seed.SurveyID {
			want = 404
		}
		if st != want {
			t.Errorf("%+v: %d, want %d", bad, st, want)
		}
	}
	if n := meetings(); n != before {
		t.Fatalf("bad posts made %d meetings", n-before)
	}

	// The report's form beside the option "rooms" of "needs".
	rr := s.Request(routes.Route{Method: "GET", Path: "/console/surveys/{surveyId}/report"}, "demo", "")
	rr.Params = map[string]string{"surveyId": seed.SurveyID}
	report := a.Do(t, h, rr).Body
	_, row, _ := strings.Cut(report, `id="o-needs-rooms"`)
	row, _, _ = strings.Cut(row, "</tr>")
	if !strings.Contains(row, `action="/console/meetings/from-need"`) || !strings.Contains(row, `name="option" value="rooms"`) ||
		!strings.Contains(row, `Treffen dazu planen<span class="hp">: Räume</span>`) {
		t.Fatalf("the report has no from-need form beside rooms: %.400s", row)
	}
	if n := strings.Count(report, `action="/console/meetings/from-need`); n != 11 {
		t.Errorf("the report has %d from-need forms, want one per option of needs (11)", n)
	}
	stamp := lastStamp(t, row)
	st, loc := fromNeed(t, a, s, do, "demo", seed.SurveyID, "needs", "rooms", stamp)
	st2, loc2 := fromNeed(t, a, s, do, "demo", seed.SurveyID, "needs", "rooms", stamp)
	if st != 303 || st2 != 303 || loc != loc2 || !strings.HasPrefix(loc, "/console/meetings/demo-") {
		t.Fatalf("from need: %d %q, again %d %q", st, loc, st2, loc2)
	}
	if n := meetings(); n != before+1 {
		t.Fatalf("posted twice: %d meetings made, want 1", n-before)
	}
	id := strings.TrimPrefix(loc[:strings.Index(loc, "?")], "/console/meetings/")

	m := a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}", map[string]string{"meetingId": id}, "", "")
	var def struct {
		Title, Description map[string]string
		Draft              bool
		Topics             []struct {
			Code  string
			Label map[string]string
		}
	}
	if err := json.Unmarshal([]byte(m.Body), &def); err != nil || !def.Draft {
		t.Fatalf("the meeting is no draft: %v %.300s", err, m.Body)
	}
	for lang, want := range map[string]string{"de": "Netzwerktreffen: Räume", "en": "Network meeting: Rooms", "tr": "Ağ toplantısı: Mekânlar",
		"ar": "لقاء الشبكة: القاعات", "fa": "نشست شبکه: فضا و اتاق", "ru": "Встреча сети: Помещения", "uk": "Зустріч мережі: Приміщення"} {
		if def.Title[lang] != want {
			t.Errorf("title %s: %q, want %q", lang, def.Title[lang], want)
		}
		if !strings.Contains(def.Description[lang], strings.SplitN(want, ": ", 2)[1]) {
			t.Errorf("description %s does not name the topic: %q", lang, def.Description[lang])
		}
	}
	// Its one topic is the need: the option's code and label.
	if len(def.Topics) != 1 || def.Topics[0].Code != "rooms" || def.Topics[0].Label["de"] != "Räume" || def.Topics[0].Label["ar"] != "القاعات" ||
		def.Topics[0].Label["uk"] != "Приміщення" {
		t.Errorf("the draft's topics: %+v, want rooms (Räume)", def.Topics)
	}

	inv := a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/invitations", map[string]string{"meetingId": id}, "", "")
	var list struct {
		Items []struct{ Email, Status, Organisation string }
	}
	_ = json.Unmarshal([]byte(inv.Body), &list)
	got := map[string]string{}
	for _, it := range list.Items {
		got[it.Email] = it.Status
	}
	if len(got) != 2 || got[w.ada] != "planned" || got[w.cem] != "planned" {
		t.Fatalf("planned invitations: %v, want Ada and Cem planned", got)
	}
	stored, err := a.Store.Invitation(context.Background(), invitation.Meeting, id, invitation.ID(invitation.Meeting, id, w.ada))
	if err != nil || stored.OrgID != w.adaOrg || stored.TokenHash != "" || stored.Language != "tr" {
		t.Errorf("Ada's planned invitation: %+v %v", stored, err)
	}
	for _, o := range a.Items(t)["outbox"] {
		if o["targetId"] == id {
			t.Errorf("a planned invitation has a mail: %v", o["kind"])
		}
	}

	// Editable: one more (planned too, no mail), one removed.
	if r := a.AdminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/invitations", map[string]string{"meetingId": id}, "",
		`{"invitations":[{"organisation":"Dora e.V.","email":"dora@need.example"}]}`); r.StatusCode != 201 || !strings.Contains(r.Body, `"invited":0`) {
		t.Errorf("add to the draft: %d %s", r.StatusCode, r.Body)
	}
	del := s.Request(routes.Route{Method: "POST", Path: "/console/meetings/{meetingId}/invitations/{invitationId}"}, "demo", "")
	del.Params = map[string]string{"meetingId": id, "invitationId": invitation.ID(invitation.Meeting, id, w.cem)}
	del.Body += "&action=delete"
	if st, _ := do(t, del); st != 303 {
		t.Errorf("delete a planned invitation: %d", st)
	}
	inv = a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/invitations", map[string]string{"meetingId": id}, "", "")
	if !strings.Contains(inv.Body, "dora@need.example") || strings.Contains(inv.Body, w.cem) || strings.Count(inv.Body, `"status":"planned"`) != 2 {
		t.Errorf("after adding Dora and removing Cem: %.500s", inv.Body)
	}
	for _, o := range a.Items(t)["outbox"] {
		if o["targetId"] == id {
			t.Errorf("a planned invitation has a mail: %v", o["kind"])
		}
	}

	// Not public while a draft.
	if r := a.Do(t, a.Meeting, testenv.Request{Method: "GET", Path: "/meetings/{meetingId}", Params: map[string]string{"meetingId": id}}); r.StatusCode != 404 {
		t.Errorf("GET /meetings of a draft: %d, want 404", r.StatusCode)
	}
	if r := testenv.Page(t, a.Meeting, "GET", "/m/{meetingId}", "/m/"+id, map[string]string{"meetingId": id}, "", nil, nil); r.StatusCode != 404 {
		t.Errorf("/m/ of a draft: %d, want 404", r.StatusCode)
	}

	// The console page says what it is and offers to publish.
	pr := s.Request(routes.Route{Method: "GET", Path: "/console/meetings/{meetingId}"}, "demo", "")
	pr.Params = map[string]string{"meetingId": id}
	page := a.Do(t, h, pr).Body
	if !strings.Contains(page, "Netzwerktreffen: Räume") || !strings.Contains(page, `id="publish"`) || !strings.Contains(page, "2 Einladungen sind geplant") ||
		strings.Contains(page, "/m/"+id) {
		t.Error("the console page of the draft lacks its title, the publish button or the planned count")
	}
}

// TestPlannedInvitationsSentOnce: a draft's planned invitations are not
// sent (409); once published, concurrent sends mail each invitee once,
// through local SES, with its personal link.
func TestPlannedInvitationsSentOnce(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	w := seedNeeds(t, a, "planned.example")
	do := func(t *testing.T, r testenv.Request) (int, string) {
		t.Helper()
		resp := a.Do(t, h, r)
		return resp.StatusCode, resp.Headers["location"]
	}
	_, loc := fromNeed(t, a, s, do, "demo", seed.SurveyID, "needs", "rooms", testenv.Stamp("/console/meetings/from-need"))
	id := strings.TrimPrefix(loc[:strings.Index(loc, "?")], "/console/meetings/")
	p := map[string]string{"meetingId": id}
	ses := sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), "")
	a.Deliver(t, ses, mailer.Config{}) // the survey's invitations

	if r := a.AdminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/invitations/send-planned", p, "", ""); r.StatusCode != 409 {
		t.Fatalf("send a draft's planned invitations: %d, want 409", r.StatusCode)
	}
	if r := a.AdminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/publish", p, "", ""); r.StatusCode != 422 {
		t.Fatalf("publish without a place: %d, want 422 %.300s", r.StatusCode, r.Body)
	}
	// The coordinator sets the place in the form, then publishes.
	m := a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}", p, "", "")
	var def map[string]any
	_ = json.Unmarshal([]byte(m.Body), &def)
	set := map[string]any{"location": map[string]string{"name": "Rathaus", "address": "Marktplatz 1"}}
	for _, k := range []string{"title", "description", "startsAt", "endsAt", "timeZone", "capacity", "registrationClosesAt"} {
		set[k] = def[k]
	}
	body, _ := json.Marshal(set)
	if r := a.AdminCall(t, "demo", "PUT", "/admin/meetings/{meetingId}", p, "", string(body)); r.StatusCode != 200 || !strings.Contains(r.Body, `"draft":true`) {
		t.Fatalf("edit the draft: %d %.300s", r.StatusCode, r.Body)
	}
	pub := s.Request(routes.Route{Method: "POST", Path: "/console/meetings/{meetingId}/publish"}, "demo", "")
	pub.Params = p
	if st, _ := do(t, pub); st != 303 {
		t.Fatalf("publish: %d", st)
	}
	if r := a.Do(t, a.Meeting, testenv.Request{Method: "GET", Path: "/meetings/{meetingId}", Params: p}); r.StatusCode != 200 {
		t.Fatalf("GET /meetings of the published meeting: %d", r.StatusCode)
	}

	var wg sync.WaitGroup
	results := make([]struct{ Invited, AlreadyInvited int }, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				r := a.AdminCall(t, "demo", "POST", "/admin/meetings/{meetingId}/invitations/send-planned", p, "", "")
				_ = json.Unmarshal([]byte(r.Body), &results[i])
				return
			}
			c := s.Request(routes.Route{Method: "POST", Path: "/console/meetings/{meetingId}/invitations/send-planned"}, "demo", "")
			c.Params = p
			r := a.Do(t, h, c)
			loc, _ := url.Parse(r.Headers["location"])
			fmt.Sscan(loc.Query().Get("invited"), &results[i].Invited)
		}()
	}
	wg.Wait()
	sent := 0
	for _, r := range results {
		sent += r.Invited
	}
	if sent != 2 {
		t.Fatalf("concurrent sends sent %d, want 2: %+v", sent, results)
	}
	a.Deliver(t, ses, mailer.Config{})
	a.Deliver(t, ses, mailer.Config{})
	mails := map[string]int{}
	for _, m := range testenv.Inbox(t, "planned.example") {
		if strings.Contains(m.Body.Text, "/m/"+id+"?invitation=") {
			to := m.Destination.To[0]
			mails[to[strings.Index(to, "<")+1:len(to)-1]]++
		}
	}
	if len(mails) != 2 || mails[w.ada] != 1 || mails[w.cem] != 1 {
		t.Fatalf("meeting invitations received: %v, want one each to Ada and Cem", mails)
	}
	inv := a.AdminCall(t, "demo", "GET", "/admin/meetings/{meetingId}/invitations", p, "", "")
	if strings.Contains(inv.Body, `"planned"`) || strings.Count(inv.Body, `"status":"invited"`) != 2 {
		t.Errorf("after sending: %.500s", inv.Body)
	}
}
