package survey

import (
	"context"
	"fmt"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
)

// Draft is what an organisation entered through its personal link in a
// survey answered section by section, kept between visits: the form's
// values (question ids and consents) and the step it was at. The page
// saves it when a page is left and deletes it once the answer is sent.
// Through the public link nothing is kept before the answer is sent.
type Draft struct {
	SurveyID string
	// TokenHash is the personal link's (linktoken.Hash of its token, as
	// the invitation keeps it): the token itself is never stored.
	TokenHash string
	Step      string
	Values    map[string][]string
	SavedAt   time.Time
	// ExpiresAt: when the survey closes, else after its retention.
	ExpiresAt time.Time
}

// DraftStore keeps drafts.
type DraftStore interface {
	// Draft returns the draft of a personal link, nil when there is none.
	Draft(ctx context.Context, surveyID, tokenHash string) (*Draft, error)
	PutDraft(ctx context.Context, d *Draft) error
	// DeleteDraft deletes a draft (no error when there is none).
	DeleteDraft(ctx context.Context, surveyID, tokenHash string) error
}

// Drafts keeps what was entered through personal links. Its callers
// have resolved the token as an invitation to the survey (Form).
type Drafts struct {
	store DraftStore
	now   func() time.Time
}

// NewDrafts returns the drafts on store; now is the clock.
func NewDrafts(store DraftStore, now func() time.Time) *Drafts {
	return &Drafts{store: store, now: now}
}

// draftKey is the key of the draft of a personal link: the hash of its
// token (invitation.Split), so a link that names its invitation and one
// of the token alone, mailed before, share their draft.
func draftKey(link string) string {
	_, token := invitation.Split(link)
	return linktoken.Hash(token)
}

// Load returns the draft of token for survey id, nil when none.
func (d *Drafts) Load(ctx context.Context, id, token string) (*Draft, error) {
	dr, err := d.store.Draft(ctx, id, draftKey(token))
	if err != nil {
		return nil, fmt.Errorf("load draft of survey %s: %w", id, err)
	}
	return dr, nil
}

// Save keeps values and step as the draft of token, until the survey
// closes (else for its retention).
func (d *Drafts) Save(ctx context.Context, def *Definition, token, step string, values map[string][]string) error {
	now := d.now()
	err := d.store.PutDraft(ctx, &Draft{SurveyID: def.ID, TokenHash: draftKey(token), Step: step, Values: values,
		SavedAt: now.UTC(), ExpiresAt: DraftExpiry(def, now)})
	if err != nil {
		return fmt.Errorf("save draft of survey %s: %w", def.ID, err)
	}
	return nil
}

// Delete deletes the draft of token (after the answer was sent).
func (d *Drafts) Delete(ctx context.Context, id, token string) error {
	if err := d.store.DeleteDraft(ctx, id, draftKey(token)); err != nil {
		return fmt.Errorf("delete draft of survey %s: %w", id, err)
	}
	return nil
}

// DraftExpiry is when a draft saved at now expires: when the survey
// closes, else after its retention. A survey whose close moves later
// (extended) moves its drafts' expiry with it (admin.UpdateSurvey).
func DraftExpiry(def *Definition, now time.Time) time.Time {
	if def.ClosesAt != nil && def.ClosesAt.After(now) {
		return *def.ClosesAt
	}
	return now.Add(def.Retention())
}
