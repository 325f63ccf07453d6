package mailer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	gomail "github.com/emersion/go-message/mail"
	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/auth"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

var secret = []byte("0123456789abcdef0123456789abcdef")

type fixture struct {
	db      *dynamodb.Client
	store   *dynamo.Store
	table   string
	svc     *meeting.Service
	tokens  *linktoken.Minter
	streams *dynamodbstreams.Client
	domain  string // unique recipient domain of this test
	cfg     mailer.Config
}

func newFixture(t *testing.T, capacity int) *fixture {
	db, table := testenv.Table(t)
	store := dynamo.New(db, table)
	m := seed.DemoMeeting(time.Now())
	m.Capacity = capacity
	if err := store.PutMeeting(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	tokens, _ := linktoken.New(secret)
	return &fixture{
		db: db, store: store, table: table, tokens: tokens,
		svc:     meeting.NewService(store, tokens, time.Now),
		streams: dynamodbstreams.NewFromConfig(testenv.AWSConfig(t)),
		domain:  strings.ToLower(ulid.Make().String()) + ".example",
		cfg:     mailer.Config{From: "netzwerk@integration.example", FromName: "Integration", ReplyTo: "team@integration.example", BaseURL: "https://integration.example/"},
	}
}

func (f *fixture) register(t *testing.T, name string) *meeting.Result {
	t.Helper()
	priv := true
	res, err := f.svc.Register(context.Background(), seed.MeetingID, &meeting.Request{
		Name: name, Email: localPart(name) + "@" + f.domain,
		Language: "de", Consent: &meeting.Consent{Privacy: &priv},
	}, "de", (*idempotency.Claim)(nil))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// localPart makes an ASCII mailbox name of a person's name.
func localPart(name string) string {
	local := strings.Trim(strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r
		case r == ' ':
			return '.'
		}
		return -1
	}, strings.ToLower(name)), ".")
	if local == "" {
		local = fmt.Sprint("p", len(name))
	}
	return local
}

func (f *fixture) mailer(t *testing.T, send mailer.Sender) *mailer.Mailer {
	if send == nil {
		send = sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), "")
	}
	return mailer.New(f.store, send, f.tokens, f.cfg, slog.New(slog.NewJSONHandler(io.Discard, nil)), time.Now)
}

// batch reads everything the table's stream holds, as Lambda would get it.
func (f *fixture) batch(t *testing.T) events.DynamoDBEvent {
	t.Helper()
	ctx := context.Background()
	ls, err := f.streams.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: &f.table})
	if err != nil || len(ls.Streams) == 0 {
		t.Fatalf("list streams: %v", err)
	}
	arn := ls.Streams[0].StreamArn
	desc, err := f.streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: arn})
	if err != nil {
		t.Fatal(err)
	}
	var ev events.DynamoDBEvent
	for _, sh := range desc.StreamDescription.Shards {
		it, err := f.streams.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: arn, ShardId: sh.ShardId, ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		if err != nil {
			t.Fatal(err)
		}
		iter := it.ShardIterator
		for iter != nil {
			out, err := f.streams.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: iter})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range out.Records {
				ev.Records = append(ev.Records, localaws.ToEventRecord(r, *arn))
			}
			if len(out.Records) == 0 {
				break
			}
			iter = out.NextShardIterator
		}
	}
	return ev
}

// inbox returns the local SES inbox's mails to this test's domain.
func (f *fixture) inbox(t *testing.T) []testenv.Mail {
	t.Helper()
	return testenv.Inbox(t, f.domain)
}

func TestSameBatchTwiceSendsOnce(t *testing.T) {
	f := newFixture(t, 1)
	first := f.register(t, "Ayşe Yılmaz")
	f.register(t, "Олена Шевченко")
	f.register(t, "علي حسن")
	if err := f.svc.Cancel(context.Background(), f.tokens.Token(meeting.TokenKind, first.RegistrationID), nil); err != nil {
		t.Fatal(err)
	}
	ev := f.batch(t)
	m := f.mailer(t, nil)
	var wg sync.WaitGroup
	// The same batch twice, concurrently: a record whose mail the other
	// delivery holds is reported failed (Lambda delivers it again), never
	// acknowledged unsent.
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := m.Handle(context.Background(), ev); err != nil {
				t.Errorf("handle: %v", err)
			}
		}()
	}
	wg.Wait()
	if resp, _ := m.Handle(context.Background(), ev); len(resp.BatchItemFailures) > 0 {
		t.Fatalf("redelivery failed: %+v", resp)
	}
	mails := f.inbox(t)
	subjects := map[string]int{}
	for _, ml := range mails {
		subjects[ml.Destination.To[0]+" | "+ml.Subject]++
	}
	// Mails that a later event superseded before they went out are not
	// sent: Ayşe's confirmation (she cancelled), Олена's waitlist place
	// (she moved up). So: cancelled to Ayşe, promoted to Олена,
	// waitlisted to علي.
	if len(mails) != 3 || len(subjects) != 3 {
		t.Fatalf("%d mails, %d distinct: %v", len(mails), len(subjects), subjects)
	}
	var ics int
	for _, ml := range mails {
		for _, a := range ml.Attachments {
			if strings.HasPrefix(a.ContentType, "text/calendar") {
				ics++
			}
		}
		if !strings.Contains(ml.Body.Text, "Hallo ") {
			t.Errorf("mail without greeting: %q", ml.Body.Text)
		}
	}
	if ics != 2 { // promoted, cancelled
		t.Errorf("%d calendar attachments, want 2", ics)
	}
	for _, name := range []string{"Ayşe Yılmaz", "Олена Шевченко", "علي حسن"} {
		found := false
		for _, ml := range mails {
			found = found || strings.Contains(ml.Body.Text, "Hallo "+name+",")
		}
		if !found {
			t.Errorf("no mail greets %q exactly", name)
		}
	}
}

type flakySender struct {
	inner mailer.Sender
	fail  string // recipient substring that fails
	mu    sync.Mutex
	sent  []string
}

func (s *flakySender) SendRaw(ctx context.Context, from, to string, raw []byte) (string, error) {
	if s.fail != "" && strings.Contains(to, s.fail) {
		return "", errors.New("simulated SES outage")
	}
	s.mu.Lock()
	s.sent = append(s.sent, to)
	s.mu.Unlock()
	return s.inner.SendRaw(ctx, from, to, raw)
}

func TestPartialBatchFailure(t *testing.T) {
	f := newFixture(t, 5)
	f.register(t, "Anna")
	f.register(t, "Berta")
	f.register(t, "Cem")
	ev := f.batch(t)
	ses := sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), "")
	flaky := &flakySender{inner: ses, fail: "berta"}
	resp, err := f.mailer(t, flaky).Handle(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.BatchItemFailures) != 1 {
		t.Fatalf("failures %+v, want exactly Berta's record", resp.BatchItemFailures)
	}
	var bertaSeq string
	for _, r := range ev.Records {
		if _, ok := mailer.OutboxID(r); ok {
			reg, _ := f.store.Registration(context.Background(), seed.MeetingID, r.Change.NewImage["registrationId"].String())
			if strings.HasPrefix(reg.Email, "berta@") {
				bertaSeq = r.Change.SequenceNumber
			}
		}
	}
	if resp.BatchItemFailures[0].ItemIdentifier != bertaSeq {
		t.Fatalf("failure names %s, want Berta's %s", resp.BatchItemFailures[0].ItemIdentifier, bertaSeq)
	}
	// Lambda retries; the outage is over.
	flaky.fail = ""
	if resp, _ := f.mailer(t, flaky).Handle(context.Background(), ev); len(resp.BatchItemFailures) != 0 {
		t.Fatalf("retry failed: %+v", resp)
	}
	if len(f.inbox(t)) != 3 || len(flaky.sent) != 3 {
		t.Fatalf("inbox %d, sent %v", len(f.inbox(t)), flaky.sent)
	}
}

func TestIgnoresOtherRecords(t *testing.T) {
	ev := events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{
		{EventName: "MODIFY", Change: events.DynamoDBStreamRecord{NewImage: map[string]events.DynamoDBAttributeValue{
			"type": events.NewStringAttribute("outbox"), "pk": events.NewStringAttribute("OUTBOX#1")}}},
		{EventName: "INSERT", Change: events.DynamoDBStreamRecord{NewImage: map[string]events.DynamoDBAttributeValue{
			"type": events.NewStringAttribute("registration"), "pk": events.NewStringAttribute("MEETING#x")}}},
		{EventName: "REMOVE"},
	}}
	for _, r := range ev.Records {
		if _, ok := mailer.OutboxID(r); ok {
			t.Errorf("record %s treated as outbox insert", r.EventName)
		}
	}
}

// TestPollerDeliversToInbox: the dev server's stream poller feeds the
// mailer as Lambda's event source mapping would.
func TestPollerDeliversToInbox(t *testing.T) {
	f := newFixture(t, 5)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := &localaws.StreamPoller{Client: f.streams, Table: f.table, Handler: f.mailer(t, nil).Handle,
		Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), Interval: 20 * time.Millisecond}
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	f.register(t, "Dilan Kaya")
	deadline := time.Now().Add(20 * time.Second)
	for len(f.inbox(t)) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no mail reached the inbox")
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := f.inbox(t); len(got) != 1 || !strings.Contains(got[0].Subject, "Anmeldung bestätigt") {
		t.Fatalf("inbox: %+v", got)
	}
}

// A mailer that died after claiming a mail must not make the
// redelivery acknowledge it unsent: while the lease runs the record is
// reported failed (Lambda retries it), after it the retry takes the mail
// over; the mail arrives exactly once.
func TestCrashAfterClaimStillDeliversOnce(t *testing.T) {
	f := newFixture(t, 5)
	f.register(t, "Emine Demir")
	ev := f.batch(t)
	var id string
	for _, r := range ev.Records {
		if oid, ok := mailer.OutboxID(r); ok {
			id = oid
		}
	}
	start := time.Now()
	// The first invocation claims the mail, then dies before sending.
	if c, err := f.store.ClaimOutbox(context.Background(), id, start, start.Add(mailer.Lease)); err != nil || c.Item == nil {
		t.Fatalf("claim: %+v %v", c, err)
	}
	clock := &struct {
		sync.Mutex
		t time.Time
	}{t: start.Add(time.Second)}
	now := func() time.Time { clock.Lock(); defer clock.Unlock(); return clock.t }
	m := mailer.New(f.store, sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), ""), f.tokens, f.cfg,
		slog.New(slog.NewJSONHandler(io.Discard, nil)), now)

	resp, err := m.Handle(context.Background(), ev)
	if err != nil || len(resp.BatchItemFailures) != 1 {
		t.Fatalf("redelivery within the lease: %v %+v; want the record reported failed", err, resp)
	}
	if n := len(f.inbox(t)); n != 0 {
		t.Fatalf("%d mails sent while another sender held the lease", n)
	}
	clock.Lock()
	clock.t = start.Add(mailer.Lease + time.Second)
	clock.Unlock()
	for i := 0; i < 2; i++ {
		if resp, err := m.Handle(context.Background(), ev); err != nil || len(resp.BatchItemFailures) != 0 {
			t.Fatalf("redelivery %d after the lease: %v %+v", i+1, err, resp)
		}
	}
	if n := len(f.inbox(t)); n != 1 {
		t.Fatalf("%d mails, want exactly 1", n)
	}
}

// recorder keeps every raw message it sends on.
type recorder struct {
	inner mailer.Sender
	mu    sync.Mutex
	raw   map[string][][]byte // by recipient
}

func (r *recorder) SendRaw(ctx context.Context, from, to string, raw []byte) (string, error) {
	r.mu.Lock()
	if r.raw == nil {
		r.raw = map[string][][]byte{}
	}
	r.raw[to] = append(r.raw[to], raw)
	r.mu.Unlock()
	return r.inner.SendRaw(ctx, from, to, raw)
}

// calendar returns the iCalendar part of a raw message, or "".
func calendar(t *testing.T, raw []byte) string {
	t.Helper()
	mr, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return ""
		}
		if err != nil {
			t.Fatal(err)
		}
		if ct := p.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/calendar") {
			b, _ := io.ReadAll(p.Body)
			return string(b)
		}
	}
}

// Moving a meeting moves the expiry of all its items and mails
// every live registrant once, with a calendar entry that replaces theirs.
func TestMovingAMeetingMovesItsItemsAndMailsOnce(t *testing.T) {
	f := newFixture(t, 1)
	ctx := context.Background()
	f.register(t, "Anna Schmidt")   // confirmed
	f.register(t, "Berat Kaya")     // waitlisted
	gone := f.register(t, "Cem Öz") // waitlisted, then cancelled
	if err := f.svc.Cancel(ctx, f.tokens.Token(meeting.TokenKind, gone.RegistrationID), nil); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{inner: sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), "")}
	m := f.mailer(t, rec)
	if resp, _ := m.Handle(ctx, f.batch(t)); len(resp.BatchItemFailures) > 0 {
		t.Fatalf("first mails: %+v", resp)
	}
	anna := "anna.schmidt@" + f.domain
	firstCal := calendar(t, rec.raw[anna][0])

	old, _, err := f.store.Meeting(ctx, seed.MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	req := old.Settings
	req.StartsAt, req.EndsAt = old.StartsAt.AddDate(0, 0, 30), old.EndsAt.AddDate(0, 0, 30)
	coord := &auth.Coordinator{Subject: "c", Office: seed.Office}
	svc := admin.New(f.store, f.tokens, time.Now)
	moved, err := svc.UpdateMeeting(ctx, coord, seed.MeetingID, req, "de")
	if err != nil {
		t.Fatal(err)
	}
	if moved.Sequence != 1 {
		t.Fatalf("sequence %d after a move, want 1", moved.Sequence)
	}
	want := moved.ExpiresAt().Unix()
	for _, it := range f.scan(t) {
		if typ := it["type"]; typ == "registration" || typ == "email-lock" || typ == "token" {
			if exp, _ := it["expiresAt"].(float64); int64(exp) != want {
				t.Errorf("%s item keeps expiry %v, want %d", typ, it["expiresAt"], want)
			}
		}
	}
	// The same request again changes nothing and mails nobody.
	if _, err := svc.UpdateMeeting(ctx, coord, seed.MeetingID, req, "de"); err != nil {
		t.Fatal(err)
	}
	if resp, _ := m.Handle(ctx, f.batch(t)); len(resp.BatchItemFailures) > 0 {
		t.Fatalf("update mails: %+v", resp)
	}
	if n := len(rec.raw[anna]); n != 2 {
		t.Fatalf("Anna got %d mails, want confirmation and one change", n)
	}
	if n := len(rec.raw["berat.kaya@"+f.domain]); n != 2 {
		t.Errorf("Berat got %d mails, want waitlist and one change", n)
	}
	if n := len(rec.raw["cem.z@"+f.domain]); n != 1 {
		t.Errorf("Cem (cancelled) got %d mails, want only the cancellation", n)
	}
	cal := calendar(t, rec.raw[anna][1])
	uid := func(c string) string {
		for _, l := range strings.FieldsFunc(c, func(r rune) bool { return r == '\r' || r == '\n' }) {
			if strings.HasPrefix(l, "UID:") {
				return l
			}
		}
		return ""
	}
	if uid(cal) == "" || uid(cal) != uid(firstCal) || !strings.Contains(cal, "SEQUENCE:1") || !strings.Contains(firstCal, "SEQUENCE:0") {
		t.Errorf("the change must update the same entry (same UID, SEQUENCE 0 → 1):\nfirst:\n%s\nchange:\n%s", firstCal, cal)
	}
	if !strings.Contains(cal, "METHOD:REQUEST") || !strings.Contains(cal, moved.StartsAt.UTC().Format("20060102T150405Z")) {
		t.Errorf("change without the new time:\n%s", cal)
	}
}

// scan returns every item of the fixture's table.
func (f *fixture) scan(t *testing.T) []map[string]any {
	t.Helper()
	out, err := f.db.Scan(context.Background(), &dynamodb.ScanInput{TableName: &f.table, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	var items []map[string]any
	if err := attributevalue.UnmarshalListOfMaps(out.Items, &items); err != nil {
		t.Fatal(err)
	}
	return items
}

// Mail to an internationalised domain goes to its punycode
// form, which SES takes.
func TestInternationalisedDomainGetsPunycode(t *testing.T) {
	f := newFixture(t, 5)
	priv := true
	if _, err := f.svc.Register(context.Background(), seed.MeetingID, &meeting.Request{
		Name: "Bücherei", Email: "info@bücher." + f.domain, Language: "de", Consent: &meeting.Consent{Privacy: &priv},
	}, "de", nil); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{inner: sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), "")}
	if resp, _ := f.mailer(t, rec).Handle(context.Background(), f.batch(t)); len(resp.BatchItemFailures) > 0 {
		t.Fatalf("send: %+v", resp)
	}
	if n := len(rec.raw["info@xn--bcher-kva."+f.domain]); n != 1 {
		t.Fatalf("sent to %v, want the punycode address", keysOf(rec.raw))
	}
}

func keysOf(m map[string][][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestEveryMailKindInEveryLanguage: a registrant or invitee in each of
// the seven languages gets every kind of mail in that language, end to
// end through DynamoDB Local and the local SES server: confirmed,
// waitlisted, promoted, cancelled, meeting changed (with calendar
// entries where a seat is), invitation and reminder.
func TestEveryMailKindInEveryLanguage(t *testing.T) {
	f := newFixture(t, len(i18n.Supported))
	ctx := context.Background()
	priv := true
	m := f.mailer(t, nil)
	send := func(what string) {
		if resp, _ := m.Handle(ctx, f.batch(t)); len(resp.BatchItemFailures) > 0 {
			t.Fatalf("%s: %+v", what, resp)
		}
	}
	register := func(prefix string) map[string]string {
		tokens := map[string]string{}
		for _, lang := range i18n.Supported {
			res, err := f.svc.Register(ctx, seed.MeetingID, &meeting.Request{Name: "Person " + lang,
				Email: prefix + lang + "@" + f.domain, Language: lang, Consent: &meeting.Consent{Privacy: &priv}}, "de", nil)
			if err != nil {
				t.Fatal(err)
			}
			tokens[lang] = f.tokens.Token(meeting.TokenKind, res.RegistrationID)
		}
		return tokens
	}
	first := register("a.") // the seven seats
	send("confirmed")
	register("b.") // the waitlist
	send("waitlisted")
	for _, tok := range first {
		if err := f.svc.Cancel(ctx, tok, nil); err != nil {
			t.Fatal(err)
		}
	}
	send("cancelled and promoted")
	clock := time.Now()
	svc := admin.New(f.store, f.tokens, func() time.Time { return clock })
	coord := &auth.Coordinator{Subject: "c", Office: seed.Office}
	old, _, _ := f.store.Meeting(ctx, seed.MeetingID)
	moved := old.Settings
	moved.StartsAt, moved.EndsAt = old.StartsAt.Add(time.Hour), old.EndsAt.Add(time.Hour)
	if _, err := svc.UpdateMeeting(ctx, coord, seed.MeetingID, moved, "de"); err != nil {
		t.Fatal(err)
	}
	send("updated")
	if err := f.store.PutSurvey(ctx, seed.DemoSurvey()); err != nil {
		t.Fatal(err)
	}
	var entries []invitation.Entry
	for _, lang := range i18n.Supported {
		entries = append(entries, invitation.Entry{Organisation: "Verein " + lang, Email: "c." + lang + "@" + f.domain, Language: lang})
	}
	if _, err := svc.Invite(ctx, coord, invitation.Survey, seed.SurveyID, entries, nil, "de"); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(invitation.ReminderGap + time.Hour)
	if _, err := svc.Remind(ctx, coord, invitation.Survey, seed.SurveyID); err != nil {
		t.Fatal(err)
	}
	send("invitations and reminders")

	got := map[string][]testenv.Mail{}
	for _, ml := range f.inbox(t) {
		local, _, _ := strings.Cut(ml.Destination.To[0], "@")
		local = local[strings.LastIndex(local, "<")+1:]
		got[local] = append(got[local], ml)
	}
	title := seed.DemoMeeting(time.Now()).Title
	survey := seed.DemoSurvey().Title
	for _, lang := range i18n.Supported {
		want := map[string][]string{
			"a." + lang: {i18n.T(lang, "mail.confirmed.subject", title.In(lang)), i18n.T(lang, "mail.cancelled.subject", title.In(lang))},
			"b." + lang: {i18n.T(lang, "mail.waitlisted.subject", title.In(lang)), i18n.T(lang, "mail.promoted.subject", title.In(lang)),
				i18n.T(lang, "mail.updated.subject", title.In(lang))},
			"c." + lang: {i18n.T(lang, "mail.invitation.survey.subject", survey.In(lang)), i18n.T(lang, "mail.reminder.survey.subject", survey.In(lang))},
		}
		for who, subjects := range want {
			var have []string
			for _, ml := range got[who] {
				have = append(have, ml.Subject)
				if !strings.Contains(ml.Body.HTML, `lang="`+lang+`" dir="`+i18n.Dir(lang)+`"`) {
					t.Errorf("%s %q: HTML without lang %s and dir %s", who, ml.Subject, lang, i18n.Dir(lang))
				}
				cal := false
				for _, a := range ml.Attachments {
					cal = cal || strings.HasPrefix(a.ContentType, "text/calendar")
				}
				seat := strings.Contains(ml.Subject, i18n.T(lang, "mail.confirmed.subject", "")) ||
					ml.Subject == i18n.T(lang, "mail.promoted.subject", title.In(lang)) || ml.Subject == i18n.T(lang, "mail.updated.subject", title.In(lang)) ||
					ml.Subject == i18n.T(lang, "mail.cancelled.subject", title.In(lang))
				if cal != seat {
					t.Errorf("%s %q: calendar entry %v", who, ml.Subject, cal)
				}
			}
			sort.Strings(have)
			sort.Strings(subjects)
			if fmt.Sprint(have) != fmt.Sprint(subjects) {
				t.Errorf("%s: mails %q, want %q", who, have, subjects)
			}
		}
	}
}

// A person gets at most the day's cap of the mails the public forms
// cause, across meetings and whatever "+tag" the address carries, and a
// redelivered batch counts nothing twice (mails over the cap are held:
// TestOfficeMailsIgnoreThePublicsDailyCap).
func TestMailsPerAddressPerDay(t *testing.T) {
	f := newFixture(t, 40)
	f.cfg.MailsPerAddressPerDay = 2
	m := f.mailer(t, nil)
	priv := true
	register := func(email string) *meeting.Result {
		res, err := f.svc.Register(context.Background(), seed.MeetingID, &meeting.Request{Name: "Opfer", Email: email,
			Language: "de", Consent: &meeting.Consent{Privacy: &priv}}, "de", nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first := register("opfer@" + f.domain)
	if err := f.svc.Cancel(context.Background(), f.tokens.Token(meeting.TokenKind, first.RegistrationID), nil); err != nil {
		t.Fatal(err)
	}
	register("Opfer+2@" + f.domain)
	register("someone.else@" + f.domain)
	for range 2 { // the stream delivers the batch again: nothing more
		if resp, err := m.Handle(context.Background(), f.batch(t)); err != nil || len(resp.BatchItemFailures) > 0 {
			t.Fatalf("handle: %v %+v", err, resp)
		}
	}
	per := map[string]int{}
	for _, ml := range f.inbox(t) {
		to := ml.Destination.To[0] // "Opfer" <opfer+2@…>
		to = strings.TrimSuffix(to[strings.LastIndexByte(to, '<')+1:], ">")
		if local, domain, ok := strings.Cut(to, "@"); ok {
			local, _, _ = strings.Cut(local, "+")
			to = strings.ToLower(local + "@" + domain)
		}
		per[to]++
	}
	if per["opfer@"+f.domain] != 2 || per["someone.else@"+f.domain] != 1 {
		t.Fatalf("mails per person %v, want 2 (the cap) and 1", per)
	}
}

// rejecting refuses sends to one address as SES does for good (a
// MessageRejected), and passes the others to inner.
type rejecting struct {
	inner mailer.Sender
	to    string
}

type rejected struct{}

func (rejected) Error() string   { return "ses send: MessageRejected" }
func (rejected) Permanent() bool { return true }
func (rejected) Code() string    { return "MessageRejected" }
func (rejected) Throttled() bool { return false }

func (r *rejecting) SendRaw(ctx context.Context, from, to string, raw []byte) (string, error) {
	if strings.EqualFold(to, r.to) {
		return "", rejected{}
	}
	return r.inner.SendRaw(ctx, from, to, raw)
}

// A mail SES refuses for good is not retried and not lost: it is marked
// failed with SES's code, listed for its office (not another's), and a
// coordinator sends it again once the cause is fixed — exactly once.
func TestMailFailedForGoodIsKeptAndSentAgain(t *testing.T) {
	f := newFixture(t, 40)
	res := f.register(t, "Fatma Demir")
	to := localPart("Fatma Demir") + "@" + f.domain
	ses := sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), "")
	m := f.mailer(t, &rejecting{inner: ses, to: to})
	resp, err := m.Handle(context.Background(), f.batch(t))
	if err != nil || len(resp.BatchItemFailures) > 0 {
		t.Fatalf("a refusal for good is not a batch failure: %v %+v", err, resp)
	}
	failed, err := f.store.FailedMails(context.Background(), seed.Office, 10)
	if err != nil || len(failed) != 1 || failed[0].Error != "MessageRejected" || failed[0].RegistrationID != res.RegistrationID {
		t.Fatalf("failed mails %+v, %v", failed, err)
	}
	if other, _ := f.store.FailedMails(context.Background(), "other-office", 10); len(other) != 0 {
		t.Fatalf("another office sees %d failed mails", len(other))
	}
	if err := f.store.ResendMail(context.Background(), "other-office", failed[0].ID, time.Now()); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("another office resends: %v", err)
	}
	if len(f.inbox(t)) != 0 {
		t.Fatal("a refused mail arrived")
	}
	// The cause is fixed (here: the sender accepts); the coordinator sends
	// it again; a second resend finds nothing to send.
	if err := f.store.ResendMail(context.Background(), seed.Office, failed[0].ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := f.store.ResendMail(context.Background(), seed.Office, failed[0].ID, time.Now()); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("resent twice: %v", err)
	}
	if resp, err := f.mailer(t, ses).Handle(context.Background(), f.batch(t)); err != nil || len(resp.BatchItemFailures) > 0 {
		t.Fatalf("after the resend: %v %+v", err, resp)
	}
	if n := len(f.inbox(t)); n != 1 {
		t.Fatalf("%d mails after the resend, want 1", n)
	}
	if failed, _ := f.store.FailedMails(context.Background(), seed.Office, 10); len(failed) != 0 {
		t.Fatalf("still listed as failed: %+v", failed)
	}
}
