package feedback_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/integration-offices/netzwerk-backend/shared/feedback"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/mailer"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/sesmail"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

var secret = []byte("0123456789abcdef0123456789abcdef")

// event is a sample SNS delivery of an SES event from events/, its mail
// carrying the outbox id ref.
func event(t *testing.T, name, ref string) events.SNSEvent {
	t.Helper()
	b, err := os.ReadFile("../../events/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var ev events.SNSEvent
	if err := json.Unmarshal([]byte(strings.ReplaceAll(string(b), "OUTBOX_REF", ref)), &ev); err != nil {
		t.Fatal(err)
	}
	return ev
}

// A bounce for good and a complaint (SES's sample events, through SNS)
// suppress the person behind the address — "+tags" and case alike — and
// mark the invitation the mail was for; the mailer sends that person
// nothing more; the log names no address.
func TestBouncesAndComplaints(t *testing.T) {
	db, table := testenv.Table(t)
	store := dynamo.New(db, table)
	ctx := context.Background()
	if err := seed.Load(ctx, store, time.Now()); err != nil {
		t.Fatal(err)
	}
	tokens, _ := linktoken.New(secret)
	now := time.Now()
	invite := func(email string) *invitation.Invitation {
		id := invitation.ID(invitation.Survey, seed.SurveyID, email)
		return &invitation.Invitation{ID: id, Kind: invitation.Survey, TargetID: seed.SurveyID, Office: seed.Office,
			Organisation: "Verein", Email: email, Language: "de", Status: invitation.Invited,
			TokenHash: linktoken.Hash(tokens.Token(invitation.TokenKind, id)), InvitedAt: now, LastMailAt: now, ExpiresAt: now.Add(time.Hour)}
	}
	if _, _, err := store.PutInvitations(ctx, []*invitation.Invitation{invite("nobody@verein.example")}, now); err != nil {
		t.Fatal(err)
	}
	items := testenv.Items(t, db, table)
	ref := items["outbox"][0]["pk"].(string)

	var logs strings.Builder
	h := feedback.New(store, tokens, slog.New(slog.NewJSONHandler(&logs, nil)), time.Now)
	if err := h.Handle(ctx, event(t, "ses-bounce.json", ref)); err != nil {
		t.Fatal(err)
	}
	items = testenv.Items(t, db, table)
	if len(items["suppression"]) != 1 || items["suppression"][0]["reason"] != "bounce" || items["invitation"][0]["status"] != "bounced" {
		t.Fatalf("after the bounce: %v, invitation %v", items["suppression"], items["invitation"][0]["status"])
	}
	// The complaint (from "Nobody+news@Verein.example") is the same person:
	// it turns the bounce into a complaint; a later bounce does not undo it.
	for _, name := range []string{"ses-complaint.json", "ses-bounce.json"} {
		if err := h.Handle(ctx, event(t, name, ref)); err != nil {
			t.Fatal(err)
		}
	}
	items = testenv.Items(t, db, table)
	if len(items["suppression"]) != 1 || items["suppression"][0]["reason"] != "complaint" || items["suppression"][0]["expiresAt"] == nil {
		t.Fatalf("after the complaint: %v", items["suppression"])
	}
	if strings.Contains(logs.String(), "nobody@") || strings.Contains(strings.ToLower(logs.String()), "verein.example") {
		t.Errorf("the log names an address: %s", logs.String())
	}

	// The mailer sends the suppressed person nothing: the pending
	// invitation mail is done without a send.
	ses := sesmail.New(sesv2.NewFromConfig(testenv.AWSConfig(t)), "")
	m := mailer.New(store, ses, tokens, mailer.Config{From: "netzwerk@integration.example", BaseURL: "https://integration.example", MailsPerAddressPerDay: 10},
		slog.New(slog.NewJSONHandler(io.Discard, nil)), time.Now)
	if got, want := m.PersonKey("NOBODY@verein.example"), feedback.PersonKey(tokens, "nobody+x@verein.example"); got != want {
		t.Fatalf("the mailer and the feedback key persons differently")
	}
	before := inboxCount(t, "nobody")
	resp, err := m.Handle(ctx, events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{{EventName: "INSERT", Change: events.DynamoDBStreamRecord{
		SequenceNumber: "1", NewImage: map[string]events.DynamoDBAttributeValue{"pk": events.NewStringAttribute(ref), "type": events.NewStringAttribute("outbox")}}}}})
	if err != nil || len(resp.BatchItemFailures) > 0 {
		t.Fatalf("mailer: %v %+v", err, resp)
	}
	if after := inboxCount(t, "nobody"); after != before {
		t.Fatalf("a suppressed address got %d mails", after-before)
	}
	if testenv.Items(t, db, table)["outbox"][0]["status"] != "sent" {
		t.Fatal("the outbox item is not done")
	}
}

func inboxCount(t *testing.T, local string) int {
	t.Helper()
	resp, err := http.Get(testenv.SESURL(t) + "/store")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var store struct {
		Emails []struct{ Destination struct{ To []string } }
	}
	_ = json.NewDecoder(resp.Body).Decode(&store)
	n := 0
	for _, e := range store.Emails {
		if len(e.Destination.To) > 0 && strings.Contains(strings.ToLower(e.Destination.To[0]), local+"@verein.example") {
			n++
		}
	}
	return n
}
