package mail_test

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	imail "github.com/integration-offices/netzwerk-backend/shared/mail"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

func data(kind outbox.Kind, lang, name string) imail.Data {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	start := time.Date(2027, 3, 18, 17, 0, 0, 0, berlin)
	return imail.Data{
		Kind:         kind,
		Registration: &meeting.Registration{ID: "01REG", Name: name, Email: "ayse@verein.example", Language: lang},
		Meeting: &meeting.Meeting{Settings: meeting.Settings{ID: "m1", Title: i18n.Text{"de": "Vernetzungstreffen <Agenda 2030>", "en": "Network meeting <Agenda 2030>"},
			StartsAt: start, EndsAt: start.Add(3 * time.Hour), TimeZone: "Europe/Berlin",
			Location: meeting.Location{Address: "Bahnhofstraße 1, Musterstadt", OnlineURL: "https://meet.example/abc"}}},
		WaitlistPosition: 3,
		ManageURL:        "https://integration.example/registrations/TOKEN123",
	}
}

func TestRenderLanguagesAndKinds(t *testing.T) {
	for _, tt := range []struct {
		kind                outbox.Kind
		lang, subject, lead string
	}{
		{outbox.Confirmed, "de", "Anmeldung bestätigt: Vernetzungstreffen <Agenda 2030>", "Donnerstag, 18. März 2027, 17:00–20:00 Uhr"},
		{outbox.Confirmed, "en", "Registration confirmed: Network meeting <Agenda 2030>", "Thursday, 18 March 2027, 17:00–20:00"},
		{outbox.Waitlisted, "de", "Warteliste: Vernetzungstreffen <Agenda 2030>", "Warteliste, Platz 3"},
		{outbox.Promoted, "en", "A seat became free: Network meeting <Agenda 2030>", "now confirmed"},
		{outbox.Cancelled, "de", "Abgesagt: Vernetzungstreffen <Agenda 2030>", "storniert"},
		{outbox.Confirmed, "tr", "Kayıt onaylandı: Vernetzungstreffen <Agenda 2030>", "18 Mart 2027 Perşembe, 17:00–20:00"},
		{outbox.Confirmed, "xx", "Anmeldung bestätigt: Vernetzungstreffen <Agenda 2030>", "Donnerstag"}, // an unknown language: German
	} {
		r, err := imail.Render(data(tt.kind, tt.lang, "Ayşe"))
		if err != nil {
			t.Fatal(err)
		}
		if r.Subject != tt.subject || !strings.Contains(r.Text, tt.lead) {
			t.Errorf("%s/%s: subject %q, text %q", tt.kind, tt.lang, r.Subject, r.Text)
		}
		if !strings.Contains(r.HTML, "&lt;Agenda 2030&gt;") || strings.Contains(r.HTML, "<Agenda") {
			t.Errorf("%s/%s: title not escaped in HTML", tt.kind, tt.lang)
		}
		hasLink := strings.Contains(r.Text, "https://integration.example/registrations/TOKEN123")
		if hasLink == (tt.kind == outbox.Cancelled) {
			t.Errorf("%s: manage link present = %v", tt.kind, hasLink)
		}
	}
	if _, err := imail.Render(data("nonsense", "de", "x")); err == nil {
		t.Error("unknown kind must fail")
	}
}

func TestCalendar(t *testing.T) {
	d := data(outbox.Confirmed, "de", "Ayşe \"Ay\" Yılmaz")
	method, body := imail.Calendar(d, "netzwerk@integration.example", "integration.example", time.Now())
	if method != "REQUEST" {
		t.Fatalf("method %s", method)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("invalid iCalendar: %v\n%s", err, body)
	}
	ev := cal.Events()[0]
	if ev.Id() != "01REG@integration.example" {
		t.Errorf("UID %q", ev.Id())
	}
	start, err := ev.GetStartAt()
	if err != nil || !start.Equal(d.Meeting.StartsAt) || start.UTC().Hour() != 16 {
		t.Errorf("start %v (%v), want %v", start, err, d.Meeting.StartsAt)
	}
	_, cancel := imail.Calendar(data(outbox.Cancelled, "de", "Ayşe"), "netzwerk@integration.example", "integration.example", time.Now())
	cc, err := ics.ParseCalendar(bytes.NewReader(cancel))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cancel), "METHOD:CANCEL") || cc.Events()[0].Id() != ev.Id() || !strings.Contains(string(cancel), "SEQUENCE:1") {
		t.Errorf("cancel calendar:\n%s", cancel)
	}
	if m, b := imail.Calendar(data(outbox.Waitlisted, "de", "x"), "a@b.example", "b.example", time.Now()); m != "" || b != nil {
		t.Error("waitlisted mails carry no invitation")
	}
}

// TestHeaderInjection: names and titles with CR/LF, angle brackets and
// quotes stay inside their header and the HTML stays HTML.
func TestHeaderInjection(t *testing.T) {
	evil := "Eve\r\nBcc: victim@evil.example\r\n<script>\"x\""
	d := data(outbox.Confirmed, "de", evil)
	d.Meeting.Title = i18n.Text{"de": "Treffen\r\nX-Injected: 1 <b>\"q\""}
	r, err := imail.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	method, cal := imail.Calendar(d, "netzwerk@integration.example", "integration.example", time.Now())
	raw, err := imail.Build(imail.Envelope{From: "netzwerk@integration.example", FromName: "Büro\r\nX-Evil: 1",
		To: "ayse@verein.example", ToName: evil, Domain: "integration.example"}, r, method, cal, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("unparsable message: %v\n%s", err, raw)
	}
	for _, h := range []string{"Bcc", "X-Injected", "X-Evil"} {
		if v := msg.Header.Get(h); v != "" {
			t.Errorf("injected header %s: %q", h, v)
		}
	}
	to, err := msg.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != "ayse@verein.example" {
		t.Fatalf("To: %v %v", to, err)
	}
	if strings.ContainsAny(to[0].Name, "\r\n") {
		t.Errorf("name keeps line breaks: %q", to[0].Name)
	}
	dec := new(mime.WordDecoder)
	subj, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	if !strings.HasPrefix(subj, "Anmeldung bestätigt: Treffen X-Injected: 1 <b>") {
		t.Errorf("subject %q", subj)
	}
	if strings.Contains(r.HTML, "<script>") || !strings.Contains(r.HTML, "&lt;script&gt;") {
		t.Error("name not escaped in HTML")
	}
	if strings.Contains(string(cal), "Bcc:") && strings.Contains(string(cal), "\r\nBcc") {
		t.Error("line break reached the calendar")
	}
}

// TestMIMEStructure: multipart/mixed with text, HTML and the invitation;
// every script survives.
func TestMIMEStructure(t *testing.T) {
	name := "Ayşe Yılmaz – علي – Олена – Straße"
	d := data(outbox.Confirmed, "de", name)
	r, _ := imail.Render(d)
	method, cal := imail.Calendar(d, "n@integration.example", "integration.example", time.Now())
	raw, err := imail.Build(imail.Envelope{From: "n@integration.example", To: "a@verein.example", ToName: name, Domain: "integration.example"}, r, method, cal, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := mail.ReadMessage(bytes.NewReader(raw))
	to, _ := msg.Header.AddressList("To")
	if to[0].Name != name {
		t.Errorf("To name %q, want %q", to[0].Name, name)
	}
	mt, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if mt != "multipart/mixed" {
		t.Fatalf("content type %s", mt)
	}
	var types []string
	var text string
	walk(t, multipart.NewReader(msg.Body, params["boundary"]), &types, &text)
	want := "text/plain text/html text/calendar"
	if strings.Join(types, " ") != want {
		t.Fatalf("parts %v, want %s", types, want)
	}
	if !strings.Contains(text, "Hallo "+name+",") {
		t.Errorf("text lost characters: %q", text[:80])
	}
}

func walk(t *testing.T, mr *multipart.Reader, types *[]string, text *string) {
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		mt, params, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if strings.HasPrefix(mt, "multipart/") {
			walk(t, multipart.NewReader(p, params["boundary"]), types, text)
			continue
		}
		*types = append(*types, mt)
		if mt == "text/plain" {
			b, _ := io.ReadAll(p) // multipart.Part decodes quoted-printable
			*text = string(b)
		}
	}
}
