// Package meetingfn builds the meeting function's handler (a package of
// its own: see surveyfn).
package meetingfn

import (
	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/web/pages"
)

// New builds the meeting function's handler: its JSON routes and pages.
func New(d app.Deps) (app.Handler, error) {
	app.CheckZonesLater(d)
	tokens, err := app.LinkTokens(d)
	if err != nil {
		return nil, err
	}
	// The first page's templates, catalogue and caches, made while that
	// page waits for DynamoDB (pages.PrewarmMeeting), not during the start.
	d.PrewarmPages(pages.PrewarmMeeting)
	t := d.Table()
	svc := meeting.NewService(meetingStore{dynamo.Registrations{Table: t}, dynamo.Invitations{Table: t}}, tokens, d.Now)
	svc.Limit = app.ClientLimit("registration", d.Config.RegistrationsPerHour, tokens)
	svc.MeetingLimit = app.ClientLimit("registration-meeting", d.Config.RegistrationsPerMeeting, tokens)
	svc.MeetingLimit.Message = "meeting_client_limit"
	svc.Offices = office.NewCache(dynamo.Offices{Table: t}.Office, d.Now)
	return httpapi.MeetingRouter(d.Log, svc, pages.Meeting(d.Log, svc, tokens, d.Now, d.Config.MailFrom)).Serve, nil
}

// meetingStore is the areas the meeting service uses, and no more (see
// dynamo's areas.go for why the public functions hold only what they
// call).
type meetingStore struct {
	dynamo.Registrations
	dynamo.Invitations
}

var _ meeting.Store = meetingStore{}
