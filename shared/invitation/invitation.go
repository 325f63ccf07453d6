// Package invitation is the coordinators' personal invitations: parsing
// and checking uploaded lists, and the invitation records that link a
// survey answer or a meeting registration back to the invited organisation.
package invitation

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"fmt"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/address"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// Kind of the thing an invitation is for.
type Kind string

const (
	Survey  Kind = "survey"
	Meeting Kind = "meeting"
)

// Status of an invitation.
type Status string

const (
	Invited    Status = "invited"
	Answered   Status = "answered"
	Registered Status = "registered"
	// Erased: the organisation had its answer erased; no reminders.
	Erased Status = "erased"
	// Bounced and Complained: SES reported the address as bouncing for
	// good, or its owner as complaining; it is not mailed again.
	Bounced    Status = "bounced"
	Complained Status = "complained"
	// Objected: the invitee objected to further invitations from the
	// office (Art. 21 DSGVO, the link in every invitation and reminder);
	// nothing is sent to the address for the office again.
	Objected Status = "objected"
	// Elsewhere: a coordinator marked the invitee as having answered
	// another way (the public link, on paper): counted as answered, no
	// reminders.
	Elsewhere Status = "elsewhere"
	// Planned: on a meeting's list (made from a need) but not sent yet:
	// no link token, no mail, no reminder until the coordinator sends
	// the planned invitations.
	Planned Status = "planned"
)

// TokenKind is the link-token kind of invitations.
const TokenKind = "invitation"

// MaxRows is the largest list one upload may hold.
const MaxRows = 2000

// ReminderGap is the least time between two mails to one invitee.
const ReminderGap = 24 * time.Hour

// Invitation is one invited organisation.
type Invitation struct {
	ID           string
	Kind         Kind
	TargetID     string
	Office       string
	Organisation string
	// OrgID is the organisation's record in the office's register.
	OrgID       string
	Email       string
	Language    string
	Status      Status
	TokenHash   string
	InvitedAt   time.Time
	LastMailAt  time.Time // invitation or last reminder
	Reminders   int
	RespondedAt time.Time
	ExpiresAt   time.Time
	// NextReminderAt is when the next reminder of the target's plan
	// (remindAfterDays) is due; zero when none is.
	NextReminderAt time.Time
	// PlanSent counts the reminders of the plan that went out.
	PlanSent int
}

// Entry is one line of an uploaded list.
type Entry struct {
	Organisation string `json:"organisation" validate:"required,max=200"`
	Email        string `json:"email" validate:"required,max=254,email_ascii,email"`
	Language     string `json:"language" validate:"omitempty,language"`
	// OrgID is the register's record the entry was made from (an
	// invitation from the register); never read from a list or a body.
	OrgID string `json:"-"`
}

// ID is the invitation's id: the same address invited twice to the same
// survey or meeting is the same invitation.
func ID(kind Kind, targetID, email string) string {
	sum := sha256.Sum256([]byte(string(kind) + "\x00" + targetID + "\x00" + address.Key(email)))
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:15]))
}

// Check validates entries (each error names its line: list position + 1, or
// the CSV line) and merges duplicate addresses. Nothing is accepted unless
// every line is valid.
func Check(entries []Entry, lines []int, lang string) ([]Entry, error) {
	if len(entries) == 0 {
		return nil, apperr.Validation([]apperr.FieldError{{Field: "invitations", Code: "required",
			Message: i18n.T(lang, "invitations_empty")}})
	}
	if len(entries) > MaxRows {
		return nil, apperr.Validation([]apperr.FieldError{{Field: "invitations", Code: "max",
			Message: i18n.T(lang, "invitations_too_many", MaxRows)}})
	}
	var fes []apperr.FieldError
	seen := map[string]bool{}
	out := make([]Entry, 0, len(entries))
	for i := range entries {
		e := &entries[i]
		e.Organisation, e.Email, e.Language = strings.TrimSpace(e.Organisation), strings.TrimSpace(e.Email), strings.TrimSpace(strings.ToLower(e.Language))
		line := i + 1
		if lines != nil {
			line = lines[i]
		}
		for _, fe := range validation.Struct(e, lang, validation.WirePath) {
			fe.Field = fmt.Sprintf("line %d: %s", line, fe.Field)
			fes = append(fes, fe)
		}
		k := address.Key(e.Email)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, *e)
	}
	if len(fes) > 0 {
		return nil, apperr.Validation(fes)
	}
	return out, nil
}

// List is an uploaded list as read.
type List struct {
	Entries []Entry
	Lines   []int // the file's line (CSV) or row (spreadsheet) of each entry
	// Encoding is the text encoding a CSV was read in (UTF8 or
	// Windows1252); empty for a spreadsheet.
	Encoding string
}

// Finder reads invitations: by the id a link names, or by the hash of
// a link's token alone.
type Finder interface {
	// Invitation reads one invitation, or NotFound.
	Invitation(ctx context.Context, kind Kind, targetID, id string) (*Invitation, error)
	// InvitationByToken resolves a link of the token alone, or NotFound.
	InvitationByToken(ctx context.Context, tokenHash string) (*Invitation, error)
}

// Link is what a personal link to invitation id carries: the id and the
// invitation's token (Token(TokenKind, id)), so that the invitation is
// read at once, beside whatever else the page reads, and the token is
// checked against the hash the invitation keeps. Links mailed before
// carry the token alone; they resolve through the token's own item.
func Link(m *linktoken.Minter, id string) string {
	return id + "." + m.Token(TokenKind, id)
}

// Split returns the invitation id a link names ("" when it is a token
// alone, or not shaped as Link makes them) and the link's token, which
// is what the invitation's and its drafts' keys are made of.
func Split(link string) (id, token string) {
	id, token, ok := strings.Cut(link, ".")
	if !ok || !validID(id) {
		return "", link
	}
	return id, token
}

// validID: 24 characters of the alphabet ID spells ids in.
func validID(id string) bool {
	if len(id) != 24 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '2' && r <= '7') {
			return false
		}
	}
	return true
}

// Resolve returns the invitation of a link if it is one to the given
// survey or meeting; nil if the link is unknown, its token is not the
// invitation's, or it is for something else.
func Resolve(ctx context.Context, f Finder, kind Kind, targetID, link string) (*Invitation, error) {
	var (
		inv *Invitation
		err error
	)
	id, token := Split(link)
	if id != "" {
		inv, err = f.Invitation(ctx, kind, targetID, id)
	} else {
		inv, err = f.InvitationByToken(ctx, linktoken.Hash(token))
	}
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil
	}
	if err != nil || !Holds(inv, kind, targetID, token) {
		return nil, err
	}
	return inv, nil
}

// Holds says whether inv (nil: none was found) is an invitation to kind's
// targetID whose link has token (Split): it has a link, and keeps the
// token's hash.
func Holds(inv *Invitation, kind Kind, targetID, token string) bool {
	return inv != nil && inv.Kind == kind && inv.TargetID == targetID && inv.TokenHash != "" &&
		subtle.ConstantTimeCompare([]byte(inv.TokenHash), []byte(linktoken.Hash(token))) == 1
}
