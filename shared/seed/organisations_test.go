package seed_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"
	"unicode"

	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestDemoRegister: the demo register has 30 organisations with names in
// several scripts, histories across two survey rounds and three meetings,
// 12 in the directory (consent with the notice's version) and 2 whose
// contact bounced; seeding again changes nothing. DynamoDB Local.
func TestDemoRegister(t *testing.T) {
	env := testenv.New(t)
	ctx, now := context.Background(), time.Now()
	for run := range 2 {
		start := time.Now()
		if err := seed.Organisations(ctx, env.Store, now); err != nil {
			t.Fatal(err)
		}
		t.Logf("seed run %d: %v", run+1, time.Since(start))
	}
	list, err := env.Store.Organisations(ctx, seed.Office, now)
	if err != nil {
		t.Fatal(err)
	}
	var published, bounced int
	scripts := map[string]bool{}
	for _, s := range list {
		if s.Publish {
			published++
		}
		if s.State == org.ContactBounced {
			bounced++
		}
		for _, r := range s.Name {
			switch {
			case unicode.Is(unicode.Arabic, r):
				scripts["arabic"] = true
			case unicode.Is(unicode.Cyrillic, r):
				scripts["cyrillic"] = true
			case slices.Contains([]rune("ışğİŞĞ"), r):
				scripts["turkish"] = true
			case slices.Contains([]rune("äöüÄÖÜß"), r):
				scripts["german"] = true
			}
		}
	}
	if len(list) != 30 || published != 12 || bounced != 2 || len(scripts) != 4 {
		t.Fatalf("%d organisations, %d in the directory, %d bounced, scripts %v", len(list), published, bounced, scripts)
	}
	targets := map[string]bool{}
	for _, s := range list {
		h, err := env.Store.History(ctx, seed.Office, s.ID)
		if err != nil || len(h) == 0 {
			t.Fatalf("history of %s: %v %v", s.Name, h, err)
		}
		for _, e := range h {
			targets[e.Target+" "+e.TargetID] = true
		}
		if s.Publish {
			r, _ := env.Store.Organisation(ctx, seed.Office, s.ID)
			if r.Consent.Notice != seed.NoticeVersion || r.Consent.By != "answer" {
				t.Errorf("consent of %s: %+v", s.Name, r.Consent)
			}
		}
	}
	for _, want := range []string{"survey " + seed.LastYearSurveyID, "survey " + seed.SurveyID, "meeting " + seed.SpringMeetingID,
		"meeting " + seed.AutumnMeetingID, "meeting " + seed.MeetingID} {
		if !targets[want] {
			t.Errorf("no history of %s: %v", want, targets)
		}
	}
}
