package dynamo

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
)

// A registration's page copy is the page of its link (/r/{token}) as one
// build rendered it in one language, kept in the registration's item
// (attribute page#r: the digest, then the copy, opaque here), as the
// public pages' copies are kept in their definitions' (pagecopy.go). Its
// digest is of the build, the language, and every attribute of the
// meeting's item and of the registration's as read, but the page copies
// and the meeting's seat counters (the page shows no seats): a
// registration of someone else leaves it current, any change to the
// meeting, its frame or the registration makes it a stranger. It holds
// the person's name and email as the item does, never the link (the page
// has a mark where it goes); a cancellation and an erasure remove it
// (cancelStep, eraseStep), and it expires with the item.
const attrRegPage = attrPagePrefix + "r"

func init() { attrNames["#regpage"] = attrRegPage }

// regCopySkips are the meeting's attributes a registration's page does
// not show.
var regCopySkips = []string{attrConfirmed, attrWaiting}

// RegistrationPaged implements meeting.RegPagedStore: the registration
// and its meeting in one round trip (RegistrationFramedAt), and the
// registration's page copy when its digest is of the two items as read,
// lang and build; else the two decoded and the digest a copy must carry
// (with the registration's updatedAt as read, for PutRegistrationCopy).
func (s Registrations) RegistrationPaged(ctx context.Context, meetingID, id, lang string, build func() string) (meeting.RegPaged, error) {
	get := func(sk string) (Item, error) {
		out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(meetingPK(meetingID), sk), ConsistentRead: aws.Bool(true)})
		if err != nil {
			return nil, err
		}
		return out.Item, nil
	}
	var (
		ri   Item
		rerr error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		ri, rerr = get(regSKPrefix + id)
	}()
	mi, err := get(defSK)
	<-done
	switch {
	case rerr != nil:
		return meeting.RegPaged{}, fmt.Errorf("get registration %s: %w", id, rerr)
	case err != nil:
		return meeting.RegPaged{}, fmt.Errorf("get meeting %s: %w", meetingID, err)
	case ri == nil:
		return meeting.RegPaged{}, apperr.New(apperr.NotFound, "registration_not_found")
	case mi == nil:
		return meeting.RegPaged{}, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	var d string
	if b := build(); b != "" {
		if digest, _ := digestOf(b+"\x00"+lang, regCopySkips, mi, ri); digest != nil {
			if c, ok := ri[attrRegPage].(*types.AttributeValueMemberB); ok && len(c.Value) > digestLen && bytes.Equal(c.Value[:digestLen], digest) {
				return meeting.RegPaged{Copy: c.Value[digestLen:]}, nil
			}
			if up := strAttr(ri, "updatedAt"); up != "" {
				d = string(digest) + up
			}
		}
	}
	r, err := decodeReg(ri)
	if err != nil {
		return meeting.RegPaged{}, err
	}
	m, c, err := decodeMeeting(mi)
	return meeting.RegPaged{Digest: d, Registration: r, Meeting: m, Counters: c, Frame: frameOf(mi)}, err
}

// PutRegistrationCopy implements meeting.RegPagedStore: page becomes the
// copy of the registration's page, if the registration is still as it
// was read with digest (its updatedAt), confirmed and not erased: a copy
// never lands in an item that an erasure or a cancellation changed since.
// A copy never fails a page: the caller logs an error and answers the
// page it rendered; a registration that changed meanwhile is no error.
func (s Registrations) PutRegistrationCopy(ctx context.Context, meetingID, id, digest string, page []byte) error {
	if len(digest) <= digestLen || len(page) > maxCopy {
		return nil
	}
	_, err := s.single(ctx, step{"registration page copy", s.update(key(meetingPK(meetingID), regSKPrefix+id),
		"SET #regpage = :copy", "#up = :up AND #st = :confirmed AND attribute_exists(#email)", map[string]types.AttributeValue{
			":copy": &types.AttributeValueMemberB{Value: append([]byte(digest[:digestLen]), page...)},
			":up":   str(digest[digestLen:]), ":confirmed": str(string(meeting.Confirmed)),
		})}, types.ReturnValueNone)
	var changed *StepsFailed
	if err != nil && !errors.As(err, &changed) {
		return fmt.Errorf("keep a registration's page copy: %w", err)
	}
	return nil
}
