// Package seed holds the demo data that make dev and the tests load.
package seed

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Demo ids, fixed by the API contract.
const (
	Office   = "demo"
	SurveyID = "demo-needs-survey"
)

//go:embed demo-needs-survey.json
var demoSurvey []byte

// DemoSurvey returns the demo needs survey (parsed and validated).
func DemoSurvey() *survey.Definition {
	d, err := survey.ParseDefinition(demoSurvey)
	if err != nil {
		panic(fmt.Sprintf("seed: %v", err)) // the embedded file is ours: a bug
	}
	return d
}

// SurveyWriter is what seeding needs from a store.
type SurveyWriter interface {
	PutSurvey(ctx context.Context, d *survey.Definition) error
}

// Load writes the demo data. It is idempotent.
func Load(ctx context.Context, w SurveyWriter) error {
	if err := w.PutSurvey(ctx, DemoSurvey()); err != nil {
		return fmt.Errorf("seed demo survey: %w", err)
	}
	return nil
}
