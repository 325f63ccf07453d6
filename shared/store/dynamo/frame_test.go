package dynamo_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestFrames: a copy of the office's profile in a survey's or meeting's
// definition item (a frame) is read with the definition in one GetItem,
// is written only while it is the stored profile and into a definition
// that exists, and every save of the profile removes the office's
// frames.
func TestFrames(t *testing.T) {
	env := testenv.Seeded(t)
	env.PutDemoMeeting(t, 20)
	ctx := context.Background()
	st := env.Store
	framed := func() (survey, meeting string) {
		t.Helper()
		_, sf, err := st.Responses.SurveyFramed(ctx, seed.SurveyID)
		if err != nil {
			t.Fatal(err)
		}
		_, _, mf, err := st.Registrations.MeetingFramed(ctx, seed.MeetingID)
		if err != nil {
			t.Fatal(err)
		}
		if sf != nil {
			survey = sf.Name.In("de")
		}
		if mf != nil {
			meeting = mf.Name.In("de")
		}
		return survey, meeting
	}
	if s, m := framed(); s != "" || m != "" {
		t.Fatalf("frames before any page: %q %q", s, m)
	}
	p, err := st.Offices.Office(ctx, seed.Office)
	if err != nil {
		t.Fatal(err)
	}
	env.Calls.Reset()
	if err := st.Responses.PutSurveyFrame(ctx, seed.SurveyID, p); err != nil {
		t.Fatal(err)
	}
	if ops := env.Calls.Reset(); len(ops) != 1 || ops[0] != "TransactWriteItems" {
		t.Fatalf("a frame written in %v, want one transaction", ops)
	}
	if err := st.Registrations.PutMeetingFrame(ctx, seed.MeetingID, p); err != nil {
		t.Fatal(err)
	}
	env.Calls.Reset()
	if s, m := framed(); s != p.Name.In("de") || m != p.Name.In("de") {
		t.Fatalf("frames: %q %q, want %q", s, m, p.Name.In("de"))
	}
	if ops := env.Calls.Reset(); len(ops) != 2 || ops[0] != "GetItem" || ops[1] != "GetItem" {
		t.Fatalf("read with their frames in %v, want one GetItem each", ops)
	}

	// A definition deleted since it had a frame is passed over.
	if _, err := env.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &env.Table,
		Key:                       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "OFFICE#" + seed.Office}, "sk": &types.AttributeValueMemberS{Value: "FRAMES"}},
		UpdateExpression:          aws.String("ADD ids :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberSS{Value: []string{"SURVEY#deleted-since"}}}}); err != nil {
		t.Fatal(err)
	}

	// A save removes every frame of the office; a copy of the profile
	// read before the save is not written.
	before := *p
	changed := *seed.DemoOffice()
	changed.Name = map[string]string{"de": "Landratsamt Neustadt – Integrationsbüro", "en": "Neustadt District Office"}
	if err := st.PutOfficeIf(ctx, &changed, p.UpdatedAt, env.Clock.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if s, m := framed(); s != "" || m != "" {
		t.Fatalf("frames after a save: %q %q, want none", s, m)
	}
	if it := env.Get(t, "SURVEY#deleted-since", "DEF"); it != nil {
		t.Fatalf("a removed frame made an item: %v", it)
	}
	count := env.Count(t)
	if err := st.Responses.PutSurveyFrame(ctx, seed.SurveyID, &before); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("the profile as before the save: %v, want a conflict", err)
	}
	// Nor beside a survey that does not exist.
	now, err := st.Offices.Office(ctx, seed.Office)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Responses.PutSurveyFrame(ctx, "no-such-survey", now); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("beside no survey: %v, want a conflict", err)
	}
	if got := env.Count(t); got != count {
		t.Fatalf("refused frames wrote %d items", got-count)
	}
	if err := st.Responses.PutSurveyFrame(ctx, seed.SurveyID, now); err != nil {
		t.Fatal(err)
	}
	if s, _ := framed(); s != "Landratsamt Neustadt – Integrationsbüro" {
		t.Fatalf("frame after the save: %q", s)
	}
}

// TestFramesRaceSaves: pages copying the profile into a survey and a
// meeting while two coordinators save it again and again (each save
// unconditional, so they interleave): once the saves are done, every
// frame there is is the stored profile, never one a save replaced.
func TestFramesRaceSaves(t *testing.T) {
	env := testenv.Seeded(t)
	env.PutDemoMeeting(t, 20)
	ctx := context.Background()
	st := env.Store
	base := env.Clock.Now()
	var wg sync.WaitGroup
	var written, refused atomic.Int32
	stop := make(chan struct{})
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				p, err := st.Offices.Office(ctx, seed.Office)
				if err != nil {
					t.Error(err)
					return
				}
				if i%2 == 0 {
					err = st.Responses.PutSurveyFrame(ctx, seed.SurveyID, p)
				} else {
					err = st.Registrations.PutMeetingFrame(ctx, seed.MeetingID, p)
				}
				switch {
				case err == nil:
					written.Add(1)
				case apperr.CodeOf(err) == apperr.Conflict:
					refused.Add(1)
				default:
					t.Error(err)
					return
				}
			}
		}()
	}
	var saves sync.WaitGroup
	for c := range 2 {
		saves.Add(1)
		go func() {
			defer saves.Done()
			for n := range 3 {
				p := seed.DemoOffice()
				p.Name = map[string]string{"de": fmt.Sprintf("Büro %d.%d", c, n)}
				if err := st.PutOffice(ctx, p, base.Add(time.Duration(1+2*n+c)*time.Millisecond)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	saves.Wait()
	close(stop)
	wg.Wait()
	t.Logf("frames written %d, refused %d", written.Load(), refused.Load())
	if written.Load() == 0 || refused.Load() == 0 {
		t.Fatalf("frames written %d, refused %d: the pages and the saves did not meet", written.Load(), refused.Load())
	}
	stored, err := st.Offices.Office(ctx, seed.Office)
	if err != nil {
		t.Fatal(err)
	}
	_, sf, err := st.Responses.SurveyFramed(ctx, seed.SurveyID)
	if err != nil {
		t.Fatal(err)
	}
	_, _, mf, err := st.Registrations.MeetingFramed(ctx, seed.MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	for what, f := range map[string]*office.Profile{"survey": sf, "meeting": mf} {
		if f != nil && (!f.UpdatedAt.Equal(stored.UpdatedAt) || f.Name.In("de") != stored.Name.In("de")) {
			t.Errorf("%s's frame %q of %v, the stored profile %q of %v", what, f.Name.In("de"), f.UpdatedAt, stored.Name.In("de"), stored.UpdatedAt)
		}
	}
}

// TestFrameOfAnotherOffice: another office's profile is never copied
// into a definition (a survey deleted and created again under the same
// id by another office while a warm page still holds the first one):
// refused, and nothing written.
func TestFrameOfAnotherOffice(t *testing.T) {
	env := testenv.Seeded(t)
	env.PutDemoMeeting(t, 20)
	ctx := context.Background()
	other := seed.DemoOffice()
	other.Office, other.Name = "nachbarkreis", map[string]string{"de": "Nachbarkreis"}
	if err := env.Store.PutOffice(ctx, other, env.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	count := env.Count(t)
	if err := env.Store.Responses.PutSurveyFrame(ctx, seed.SurveyID, other); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("another office's frame beside the survey: %v, want a conflict", err)
	}
	if err := env.Store.Registrations.PutMeetingFrame(ctx, seed.MeetingID, other); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("another office's frame beside the meeting: %v, want a conflict", err)
	}
	for _, pk := range []string{"SURVEY#" + seed.SurveyID, "MEETING#" + seed.MeetingID} {
		if f := env.Get(t, pk, "DEF")["officeFrame"]; f != nil {
			t.Fatalf("%s has another office's frame: %v", pk, f)
		}
	}
	if got := env.Count(t); got != count {
		t.Fatalf("refused frames wrote %d items", got-count)
	}
}

// TestFrameRemovalMeetsAPageTransaction: DynamoDB refuses a plain
// UpdateItem while a transaction is on the item
// (TransactionConflictException, which the SDK does not retry): a save's
// removal of a frame that meets a page's transaction writing that frame
// tries again, and the save succeeds with the frame removed; so does a
// coordinator's save of a survey (one PutItem) that meets one.
func TestFrameRemovalMeetsAPageTransaction(t *testing.T) {
	var once, put sync.Once
	var refused atomic.Int32
	refuse := func(o *dynamodb.Options) {
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			return s.Initialize.Add(middleware.InitializeMiddlewareFunc("pageTx",
				func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
					if u, ok := in.Parameters.(*dynamodb.UpdateItemInput); ok && strings.HasPrefix(aws.ToString(u.UpdateExpression), "REMOVE") {
						var conflict error
						once.Do(func() {
							refused.Add(1)
							conflict = &types.TransactionConflictException{Message: aws.String("Transaction is ongoing for the item")}
						})
						if conflict != nil {
							return middleware.InitializeOutput{}, middleware.Metadata{}, conflict
						}
					}
					if p, ok := in.Parameters.(*dynamodb.PutItemInput); ok {
						if pk, _ := p.Item["pk"].(*types.AttributeValueMemberS); pk != nil && pk.Value == "SURVEY#"+seed.SurveyID {
							var conflict error
							put.Do(func() {
								refused.Add(1)
								conflict = &types.TransactionConflictException{Message: aws.String("Transaction is ongoing for the item")}
							})
							if conflict != nil {
								return middleware.InitializeOutput{}, middleware.Metadata{}, conflict
							}
						}
					}
					return next.HandleInitialize(ctx, in)
				}), middleware.After)
		})
	}
	env := testenv.Seeded(t, testenv.Client(refuse))
	ctx := context.Background()
	st := env.Store
	p, err := st.Offices.Office(ctx, seed.Office)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Responses.PutSurveyFrame(ctx, seed.SurveyID, p); err != nil {
		t.Fatal(err)
	}
	changed := seed.DemoOffice()
	changed.Name = map[string]string{"de": "Landratsamt Neustadt – Integrationsbüro"}
	if err := st.PutOfficeIf(ctx, changed, p.UpdatedAt, env.Clock.Now().Add(time.Second)); err != nil {
		t.Fatalf("a save whose frame removal met a page's transaction: %v", err)
	}
	if _, f, err := st.Responses.SurveyFramed(ctx, seed.SurveyID); err != nil || f != nil {
		t.Fatalf("the frame after the save: %v %v, want none", f, err)
	}
	d := seed.DemoSurvey()
	d.Title["de"] = "Bedarfe 2027"
	if err := st.PutSurvey(ctx, d); err != nil {
		t.Fatalf("a survey's save that met a page's transaction: %v", err)
	}
	if got, err := st.Survey(ctx, seed.SurveyID); err != nil || got.Title["de"] != "Bedarfe 2027" {
		t.Fatalf("the survey after its save: %v %v", got, err)
	}
	if n := refused.Load(); n != 2 {
		t.Fatalf("%d writes refused, want 2 (the removal and the survey's save)", n)
	}
}
