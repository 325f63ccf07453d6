package mailer_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// A stranger who registers and cancels someone's address on the public
// form uses up that person's daily cap, but not the office's mails: the
// office's invitations neither count nor are held back. The public's
// mails over the cap are held (listed for the office, with the
// recipient), sent on a coordinator's demand, and sent the next day
// within that day's cap.
func TestOfficeMailsIgnoreThePublicsDailyCap(t *testing.T) {
	f := newFixture(t, 40)
	f.cfg.MailsPerAddressPerDay = 3
	ctx := context.Background()
	var mu sync.Mutex
	clock := time.Now()
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	m := mailer.New(f.store, sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), ""), f.tokens, f.cfg,
		slog.New(slog.NewJSONHandler(io.Discard, nil)), now)
	send := func(what string) {
		t.Helper()
		if resp, err := m.Handle(ctx, f.batch(t)); err != nil || len(resp.BatchItemFailures) > 0 {
			t.Fatalf("%s: %v %+v", what, err, resp)
		}
	}
	victim := "opfer@" + f.domain
	mails := func() int { return perRecipient(t, f)["opfer"] }
	coord := &auth.Coordinator{Subject: "c", Office: seed.Office}
	svc := admin.New(f.store, f.tokens, time.Now)
	if err := f.store.PutSurvey(ctx, seed.DemoSurvey()); err != nil {
		t.Fatal(err)
	}
	invite := func(kind invitation.Kind, id string) {
		t.Helper()
		if _, err := svc.Invite(ctx, coord, kind, id, []invitation.Entry{{Organisation: "Verein Opfer", Email: victim, Language: "de"}}, nil, "de"); err != nil {
			t.Fatal(err)
		}
		send("invitation")
	}

	invite(invitation.Survey, seed.SurveyID) // the office's: not counted
	priv := true
	for range 5 { // ten public mails: confirmed, cancelled
		res, err := f.svc.Register(ctx, seed.MeetingID, &meeting.Request{Name: "Opfer", Email: victim, Language: "de",
			Consent: &meeting.Consent{Privacy: &priv}}, "de", nil)
		if err != nil {
			t.Fatal(err)
		}
		send("registration")
		if err := f.svc.Cancel(ctx, f.tokens.Token(meeting.TokenKind, res.RegistrationID), nil); err != nil {
			t.Fatal(err)
		}
		send("cancellation")
	}
	if n := mails(); n != 1+3 {
		t.Fatalf("%d mails, want the invitation and the cap's 3", n)
	}
	invite(invitation.Meeting, seed.MeetingID) // the office's: not held back
	if n := mails(); n != 5 {
		t.Fatalf("%d mails: the office's invitation was held back by the public's cap", n)
	}

	listed, err := f.store.FailedMails(ctx, seed.Office, 20)
	if err != nil {
		t.Fatal(err)
	}
	tomorrow := clock.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
	var cancelled string
	for _, l := range listed {
		if l.State != outbox.StateHeld || l.Error != outbox.ReasonDailyCap || l.HeldUntil == nil || !l.HeldUntil.Equal(tomorrow) ||
			l.Email != victim || (l.Kind != string(outbox.Confirmed) && l.Kind != string(outbox.Cancelled)) {
			t.Errorf("listed %+v: want a held public mail to %s until %v", l, victim, tomorrow)
		}
		if l.Kind == string(outbox.Cancelled) {
			cancelled = l.ID
		}
	}
	if len(listed) != 7 {
		t.Fatalf("%d mails listed, want the 7 held back", len(listed))
	}

	// A coordinator sends one now: no cap holds it back.
	if err := svc.ResendMail(ctx, coord, cancelled); err != nil {
		t.Fatal(err)
	}
	send("resend")
	if n := mails(); n != 6 {
		t.Fatalf("%d mails after sending a held one on demand, want 6", n)
	}

	// The next day the sweep takes the held ones up: the confirmations of
	// cancelled registrations are out of date and stay unsent, the
	// cancellations go out within the new day's cap.
	mu.Lock()
	clock = tomorrow.Add(time.Minute)
	mu.Unlock()
	if _, err := m.Handle(ctx, mailer.SweepEvent()); err != nil {
		t.Fatal(err)
	}
	if n := mails(); n != 6+3 {
		t.Fatalf("%d mails after the next day's sweep, want 9", n)
	}
	if listed, _ := f.store.FailedMails(ctx, seed.Office, 20); len(listed) != 0 {
		t.Fatalf("still listed: %+v", listed)
	}
}
