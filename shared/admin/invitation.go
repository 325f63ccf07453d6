package admin

import (
	"context"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/address"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// InvitationStore is what the changes of one invitation need from
// storage (dynamo.InvitationAdmin and dynamo.Invitations).
type InvitationStore interface {
	Invitation(ctx context.Context, kind invitation.Kind, targetID, id string) (*invitation.Invitation, error)
	UpdateInvitation(ctx context.Context, v *invitation.Invitation, organisation, language string) error
	MoveInvitation(ctx context.Context, old, nu *invitation.Invitation, now time.Time) error
	DeleteInvitation(ctx context.Context, v *invitation.Invitation) error
	MarkElsewhere(ctx context.Context, v *invitation.Invitation, now time.Time) (bool, error)
	ResendInvitation(ctx context.Context, v *invitation.Invitation, now time.Time) error
}

// invitationOf reads one invitation of the office's survey or meeting:
// another office's target, an unknown invitation or one of another target
// are NotFound alike.
func (s *Service) invitationOf(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id, invID string) (*invitation.Invitation, targetInfo, error) {
	tgt, err := s.target(ctx, c, kind, id)
	if err != nil {
		return nil, tgt, err
	}
	if invID == "" || len(invID) > 64 {
		return nil, tgt, apperr.New(apperr.NotFound, "console.invitation_not_found")
	}
	v, err := s.store.Invitation(ctx, kind, id, invID)
	if apperr.CodeOf(err) == apperr.NotFound || (err == nil && (v.Office != c.Office || v.TargetID != id || v.Kind != kind)) {
		return nil, tgt, apperr.New(apperr.NotFound, "console.invitation_not_found")
	}
	return v, tgt, err
}

// Invitation returns one invitation of the office's survey or meeting.
func (s *Service) Invitation(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id, invID string) (*InvitationView, error) {
	v, _, err := s.invitationOf(ctx, c, kind, id, invID)
	if err != nil {
		return nil, err
	}
	iv := viewOf(v, s.Zone)
	return &iv, nil
}

// checkEntry checks one invitee as a form gives it (fields organisation,
// email, language).
func checkEntry(e *invitation.Entry, lang string) error {
	e.Organisation, e.Email, e.Language = strings.TrimSpace(e.Organisation), strings.TrimSpace(e.Email), strings.TrimSpace(strings.ToLower(e.Language))
	if fes := validation.Struct(e, lang, validation.WirePath); len(fes) > 0 {
		return apperr.Validation(fes)
	}
	return nil
}

// AddInvitation invites one organisation, as an upload of one line does:
// mailed once, an address invited before is not mailed again.
func (s *Service) AddInvitation(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id string, e invitation.Entry, lang string) (*InviteResult, error) {
	if _, err := s.target(ctx, c, kind, id); err != nil {
		return nil, err
	}
	if err := checkEntry(&e, lang); err != nil {
		return nil, err
	}
	return s.Invite(ctx, c, kind, id, []invitation.Entry{e}, nil, lang)
}

// ChangeInvitation sets an invitation's organisation, address and
// language. Another address is another invitation (its id and personal
// link follow from the address): the old one goes, the new one is mailed,
// unless the invitee has answered (the answer belongs to the old link).
// It returns the invitation's id after the change.
func (s *Service) ChangeInvitation(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id, invID string, e invitation.Entry, lang string) (string, error) {
	v, tgt, err := s.invitationOf(ctx, c, kind, id, invID)
	if err != nil {
		return "", err
	}
	if err := checkEntry(&e, lang); err != nil {
		return "", err
	}
	if e.Language == "" {
		e.Language = v.Language
	}
	if address.Key(e.Email) == address.Key(v.Email) {
		return v.ID, s.store.UpdateInvitation(ctx, v, e.Organisation, e.Language)
	}
	if v.Status != invitation.Invited && v.Status != invitation.Bounced && v.Status != invitation.Complained && v.Status != invitation.Planned {
		f := validation.NewFields(lang)
		f.Add("email", "answered", "console.invitation_address_fixed")
		return "", f.Err()
	}
	if err := tgt.mailable(); err != nil {
		return "", err // the new address would get an invitation
	}
	objections, err := s.store.Objections(ctx, c.Office)
	if err != nil {
		return "", err
	}
	nu := s.newInvitation(c, kind, id, e, tgt, objections, s.now(), lang)
	if v.Status == invitation.Planned && nu.Status != invitation.Objected {
		plan(nu) // still to be sent with the others
	}
	if err := s.store.MoveInvitation(ctx, v, nu, s.now()); err != nil {
		if apperr.CodeOf(err) == apperr.Conflict {
			f := validation.NewFields(lang)
			f.Add("email", "conflict", "console.invitation_exists")
			return "", f.Err()
		}
		return "", err
	}
	return nu.ID, nil
}

// DeleteInvitation deletes an invitation: its personal link opens nothing
// any more, no reminder goes out; an answer given through it stays.
func (s *Service) DeleteInvitation(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id, invID string) error {
	v, _, err := s.invitationOf(ctx, c, kind, id, invID)
	if err != nil {
		return err
	}
	return s.store.DeleteInvitation(ctx, v)
}

// MarkElsewhere records that a waiting invitee answered another way:
// counted as answered, no more reminders. False when it was not waiting.
func (s *Service) MarkElsewhere(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id, invID string) (bool, error) {
	v, _, err := s.invitationOf(ctx, c, kind, id, invID)
	if err != nil {
		return false, err
	}
	if v.Status != invitation.Invited {
		return false, nil
	}
	return s.store.MarkElsewhere(ctx, v, s.now())
}

// ResendInvitation sends the invitation mail again (one mail per call;
// the console makes a repeated post one call). Never to a person who
// objected to the office's invitations, nor to an address that bounced
// or complained (another address is a change of the invitation).
func (s *Service) ResendInvitation(ctx context.Context, c *auth.Coordinator, kind invitation.Kind, id, invID string) error {
	v, tgt, err := s.invitationOf(ctx, c, kind, id, invID)
	if err != nil {
		return err
	}
	if v.Status == invitation.Objected {
		return apperr.New(apperr.Conflict, "console.invitation_objected_no_mail")
	}
	if v.Status == invitation.Planned {
		return apperr.New(apperr.Conflict, "console.invitation_planned_no_mail")
	}
	if v.Status == invitation.Bounced || v.Status == invitation.Complained {
		// The address is suppressed: the mailer would send nothing.
		return apperr.New(apperr.Conflict, "console.invitation_undeliverable_no_mail")
	}
	if err := tgt.mailable(); err != nil {
		return err
	}
	return s.store.ResendInvitation(ctx, v, s.now())
}

// AnswerChannels counts a survey's answers by where they came from:
// through a personal invitation link, or through the public link.
func (s *Service) AnswerChannels(ctx context.Context, c *auth.Coordinator, id string) (invited, public int, err error) {
	if _, err := s.Survey(ctx, c, id); err != nil {
		return 0, 0, err
	}
	err = s.store.EachResponse(ctx, id, func(rs []*survey.Response) error {
		for _, r := range rs {
			if r.InvitationID != "" {
				invited++
			} else {
				public++
			}
		}
		return nil
	})
	return invited, public, err
}
