package httpapi_test

// Tests for the defects found by a close read and attacks on make dev
// (issue "Nothing lost, nothing leaked"). Each failed before its fix.

import (
	"context"
	"strings"
	"sync"
	"testing"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go/middleware"

	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// afterFirstFailedTx runs fn once, right after the first
// TransactWriteItems call that fails on the client it is an option of.
func afterFirstFailedTx(fn func()) func(*dynamodb.Options) {
	var once sync.Once
	return func(o *dynamodb.Options) {
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			return s.Initialize.Add(middleware.InitializeMiddlewareFunc("hook",
				func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
					out, md, err := next.HandleInitialize(ctx, in)
					if err != nil && awsmiddleware.GetOperationName(ctx) == "TransactWriteItems" {
						once.Do(fn)
					}
					return out, md, err
				}), middleware.After)
		})
	}
}

// Defect 8: duplicate and case-variant JSON keys are rejected, on every
// level, before anything is stored.
func TestLaxJSONRejected(t *testing.T) {
	a := newMeetingAPI(t, 5)
	for name, body := range map[string]string{
		"duplicate consent": `{"name":"A","email":"a@verein.example","consent":{"privacy":false,"privacy":true}}`,
		"duplicate name":    `{"name":"A","name":"B","email":"a@verein.example","consent":{"privacy":true}}`,
		"case variant":      `{"Name":"A","email":"a@verein.example","consent":{"privacy":true}}`,
		"nested variant":    `{"name":"A","email":"a@verein.example","consent":{"Privacy":true}}`,
	} {
		status, resp := a.register(t, body, nil)
		if status != 400 || !strings.Contains(resp, `"bad_request"`) {
			t.Errorf("%s: %d %s; want 400 bad_request", name, status, resp)
		}
	}
	if regs := a.items(t)["registration"]; len(regs) != 0 {
		t.Errorf("stored %d registrations", len(regs))
	}

	s := newAPI(t)
	for name, body := range map[string]string{
		"duplicate consent": `{"answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":false,"privacy":true}}`,
		"duplicate answer":  `{"answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49","org_name":"Y"},"consent":{"privacy":true}}`,
		"case variant":      `{"Answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`,
		"answer variant":    `{"answers":{"Org_Name":"X","fields_of_activity":["culture"],"members":"20-49"},"consent":{"privacy":true}}`,
	} {
		resp := s.call(t, submitEvent(t, seed.SurveyID, body, nil))
		if resp.StatusCode != 400 {
			t.Errorf("%s: %d %s; want 400", name, resp.StatusCode, resp.Body)
		}
	}
	if n := len(s.responses(t, seed.SurveyID)); n != 0 {
		t.Errorf("stored %d responses", n)
	}
}

// Defect 12: an address SES cannot deliver to is a field error; an
// internationalised domain is fine.
func TestUndeliverableAddressRejected(t *testing.T) {
	a := newMeetingAPI(t, 5)
	status, body := a.register(t, regBody("Müller", "müller@verein.example"), nil)
	if status != 422 || !strings.Contains(body, `"field":"email"`) {
		t.Errorf("non-ASCII local part: %d %s; want 422 on email", status, body)
	}
	status, body = a.register(t, regBody("Bücherei", "info@bücher.example"), nil)
	if status != 201 {
		t.Errorf("internationalised domain: %d %s; want 201", status, body)
	}
}

// Defect 4: a number DynamoDB cannot hold is a field error, not a 500.
func TestNumbersDynamoDBCannotHold(t *testing.T) {
	s := newAPI(t)
	for _, n := range []string{"1e-200", "1e200", "-1e130"} {
		body := `{"answers":{"org_name":"X","fields_of_activity":["culture"],"members":"20-49","volunteers":` + n + `},"consent":{"privacy":true}}`
		resp := s.call(t, submitEvent(t, seed.SurveyID, body, nil))
		if resp.StatusCode != 422 || !strings.Contains(resp.Body, `"answers.volunteers"`) {
			t.Errorf("volunteers %s: %d %s; want 422 on answers.volunteers", n, resp.StatusCode, resp.Body)
		}
	}
}

// newMeetingAPIWith is newMeetingAPI with extra client options.
func newMeetingAPIWith(t *testing.T, capacity int, opts ...func(*dynamodb.Options)) *meetingAPI {
	t.Helper()
	calls := &callCounter{}
	db, table := testenv.Table(t, append([]func(*dynamodb.Options){calls.option}, opts...)...)
	return finishMeetingAPI(t, db, table, calls, capacity)
}

var _ = linktoken.Hash
