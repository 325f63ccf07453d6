package legal

import (
	"context"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/office"
)

// ObjectionStore is what objections need from storage.
type ObjectionStore interface {
	Invitation(ctx context.Context, kind invitation.Kind, targetID, id string) (*invitation.Invitation, error)
	// Object records the objection of the person of personKey to
	// invitations from office and marks invitation v objected if it
	// still waits; repeating it changes nothing.
	Object(ctx context.Context, office, personKey string, v *invitation.Invitation, now time.Time) error
	Objected(ctx context.Context, office, personKey string) (bool, error)
}

// Objections serves the objection link of every invitation and reminder
// (/x/{token}): whoever got the mail may object to further
// invitations from the office (Art. 21 DSGVO).
type Objections struct {
	store   ObjectionStore
	offices *office.Cache
	tokens  *linktoken.Minter
	now     func() time.Time
}

// NewObjections returns the service.
func NewObjections(store ObjectionStore, offices *office.Cache, tokens *linktoken.Minter, now func() time.Time) *Objections {
	return &Objections{store: store, offices: offices, tokens: tokens, now: now}
}

// Objection is what an objection link is about.
type Objection struct {
	Invitation *invitation.Invitation
	// Office is the inviting office's profile (nil without one).
	Office *office.Profile
	// Objected: the person objected before.
	Objected bool
}

// errUnknown is a link that names no invitation (made up, or the
// invitation is gone with its survey or meeting).
var errUnknown = apperr.New(apperr.NotFound, "objection_unknown")

// Find returns what objection token is about; NotFound for a token that
// is not ours or whose invitation is gone. It reads, never writes: mail
// scanners open links.
func (o *Objections) Find(ctx context.Context, token string) (*Objection, error) {
	kind, target, id, ok := invitation.OpenObjection(o.tokens, token)
	if !ok {
		return nil, errUnknown
	}
	v, err := o.store.Invitation(ctx, kind, target, id)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, errUnknown
	}
	if err != nil {
		return nil, err
	}
	p, err := o.offices.Get(ctx, v.Office)
	if err != nil {
		return nil, err
	}
	objected, err := o.store.Objected(ctx, v.Office, invitation.PersonKey(o.tokens, v.Email))
	if err != nil {
		return nil, err
	}
	return &Objection{Invitation: v, Office: p, Objected: objected}, nil
}

// Object records the objection of the invitee of token to invitations
// from its office. Repeating it is harmless.
func (o *Objections) Object(ctx context.Context, token string) (*Objection, error) {
	ob, err := o.Find(ctx, token)
	if err != nil {
		return nil, err
	}
	v := ob.Invitation
	if err := o.store.Object(ctx, v.Office, invitation.PersonKey(o.tokens, v.Email), v, o.now()); err != nil {
		return nil, err
	}
	ob.Objected = true
	return ob, nil
}
