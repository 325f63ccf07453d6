package console

import (
	"context"
	"errors"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/idempotency"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	publicpages "github.com/integration-offices/netzwerk-backend/shared/web/pages"
)

// The preview: a survey of the coordinator's office (a draft too) as an
// organisation sees it through the public link, with a banner that says
// nothing is stored. Its forms post to the preview, which shows the next
// page (a section, the check page) as the public page does, checked by
// the same survey service; the last page says what would have been sent,
// and nothing ever is. Another office's survey is not found.

// preview serves GET /console/surveys/{surveyId}/preview.
func (c *Console) preview(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	return c.previewPage(ctx, s, req, lang, nil)
}

// previewStep serves a posted page of the preview. It goes through
// posted (CSRF) and carries no stamp: there is nothing to make
// repeat-safe, and a stamp's claim would be a write.
func (c *Console) previewStep(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	return c.previewPage(ctx, s, req, lang, form)
}

func (c *Console) previewPage(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	id := req.PathParameters["surveyId"]
	d, err := c.svc.Survey(ctx, s.Coordinator, id)
	if err != nil {
		return Response{}, err
	}
	prof, err := c.svc.OfficeProfile(ctx, s.Coordinator)
	if err != nil {
		return Response{}, err
	}
	// Open whatever its stage and dates: the preview shows the form.
	open := *d
	open.OpensAt, open.ClosesAt, open.Stage = nil, nil, survey.StagePublished
	svc := survey.NewService(previewStore{&open}, c.svc.Now)
	svc.Offices = office.NewCache(func(context.Context, string) (*office.Profile, error) { return prof, nil }, c.svc.Now)
	return publicpages.PreviewSurvey(ctx, svc, c.sessions.tokens, c.svc.Now, id, lang, form, &publicpages.Preview{
		Action: "/console/surveys/" + id + "/preview", BannerKey: "console.preview_banner", DoneKey: "console.preview_done", CSRF: s.CSRF})
}

// errPreview: the preview's store stores nothing (never called: the
// preview never sends).
var errPreview = errors.New("console preview: nothing is stored")

// previewStore serves the previewed definition to the survey service and
// stores nothing; personal links do not exist in it.
type previewStore struct{ def *survey.Definition }

func (p previewStore) Survey(context.Context, string) (*survey.Definition, error) { return p.def, nil }

func (previewStore) SaveResponse(context.Context, *survey.Response, *idempotency.Claim, *ratelimit.Use) (*idempotency.Replay, error) {
	return nil, errPreview
}

func (previewStore) InvitationByToken(context.Context, string) (*invitation.Invitation, error) {
	return nil, apperr.New(apperr.NotFound, "invitation_unknown")
}

func (previewStore) Invitation(context.Context, invitation.Kind, string, string) (*invitation.Invitation, error) {
	return nil, apperr.New(apperr.NotFound, "invitation_unknown")
}

func (previewStore) ResponseByInvitation(context.Context, string, string) (*survey.Response, error) {
	return nil, apperr.New(apperr.NotFound, "not_found")
}

func (previewStore) EraseResponse(context.Context, string, string, *survey.Response, time.Time) error {
	return errPreview
}

var _ survey.Store = previewStore{}
