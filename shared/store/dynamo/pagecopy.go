package dynamo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// A page copy is a public page (a survey's or a meeting's, no personal
// link) as one
// build of the function rendered it from one state of the definition
// item, kept in that item (attribute page#<lang>: the digest, then the
// copy, opaque here). The digest is a hash of the build's ID and of
// every other attribute of the item as it was read (frame included). A
// cold page reads the item in the one GetItem it makes anyway; when the
// digest of its language's copy is that of the item and of the running
// build, the copy is the page, and nothing is decoded or rendered. Any
// change to the item or to the build makes the copies strangers, which
// the next page of each language replaces; a save of the definition
// (PutItem) drops them. Writers of the definition never need to know.
const (
	attrPagePrefix = "page#"
	digestLen      = 18
	// maxCopiedItem bounds the item a copy is added to: a copy is a few
	// KB, the definition may be large, and the item must stay well under
	// DynamoDB's 400 KB for the writes that follow (a frame).
	maxCopiedItem = 256 << 10
	// maxCopy bounds a copy, so that one added to an item of
	// maxCopiedItem still fits (a page of a survey with a long text in
	// one language, which every language shows, would not: DynamoDB
	// refuses the write, and each cold page would try again).
	maxCopy = 96 << 10
)

// withCopy reads the definition item (pk, DEF). It returns the item (nil
// if there is none) and either its page copy in lang, when its digest is
// the item's of build, or the digest that a copy of this item must carry
// ("": none may be kept: no build, or the item is too large). build is
// asked only after the read, which the pages start it beside.
func (t *Table) withCopy(ctx context.Context, pk, lang string, build func() string, consistent bool) (Item, []byte, string, error) {
	out, err := t.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &t.table, Key: key(pk, defSK), ConsistentRead: aws.Bool(consistent)})
	if err != nil {
		return nil, nil, "", err
	}
	if out.Item == nil {
		return out.Item, nil, "", nil
	}
	cp, digest := copyOf(out.Item, lang, build)
	return out.Item, cp, digest, nil
}

// copyOf is the page copy in lang of the definition item it as read,
// when its digest is the item's of build, or else the digest that a copy
// of it must carry ("": none may be kept).
func copyOf(it Item, lang string, build func() string) ([]byte, string) {
	id := build()
	if id == "" {
		return nil, ""
	}
	// Of the language too: another language's copy of the same item put
	// in its place is a stranger.
	digest, size := itemDigest(id+"\x00"+lang, it)
	if digest == nil {
		return nil, ""
	}
	if b, ok := it[attrPagePrefix+lang].(*types.AttributeValueMemberB); ok && len(b.Value) > digestLen && bytes.Equal(b.Value[:digestLen], digest) {
		return b.Value[digestLen:], ""
	}
	if size > maxCopiedItem { // the copies kept may take it past: they are read still
		return nil, ""
	}
	return nil, string(digest)
}

// putCopy keeps page as the copy in lang of the definition item of pk as
// read with digest. A copy never fails a page: the caller logs an error
// and answers the page it rendered.
func (t *Table) putCopy(ctx context.Context, pk, lang, digest string, page []byte) error {
	if digest == "" || len(page) > maxCopy {
		return nil
	}
	_, err := t.single(ctx, step{"page copy", types.TransactWriteItem{Update: &types.Update{TableName: &t.table, Key: key(pk, defSK),
		UpdateExpression:          aws.String("SET #copy = :copy"),
		ConditionExpression:       aws.String("attribute_exists(#pk)"), // not into a definition deleted since
		ExpressionAttributeNames:  map[string]string{"#copy": attrPagePrefix + lang, "#pk": AttrPK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":copy": &types.AttributeValueMemberB{Value: append([]byte(digest), page...)}},
	}}}, types.ReturnValueNone)
	if err != nil {
		return fmt.Errorf("keep a page copy: %w", err)
	}
	return nil
}

// itemDigest is the digest of build and of every attribute of it but its
// page copies: names in order, each value with its type and length, sets
// in order (DynamoDB does not keep a set's order), so equal items have
// equal digests; nil for an item with a value of a type it does not know
// (no copy). size is about the item's size, copies included.
func itemDigest(build string, it Item) (digest []byte, size int) {
	return digestOf(build, nil, it)
}

// digestOf is itemDigest of several items, each without the attributes
// skip names as well; size is the last one's.
func digestOf(build string, skip []string, items ...Item) (digest []byte, size int) {
	h := sha256.New()
	field(h, "build", []byte(build))
	var n [8]byte
	for i, it := range items {
		field(h, "item", []byte(strconv.Itoa(i)))
		size = 0
		for _, k := range sortedKeys(it) {
			size += len(k)
			if b, ok := it[k].(*types.AttributeValueMemberB); ok {
				size += len(b.Value)
			} else if s, ok := it[k].(*types.AttributeValueMemberS); ok {
				size += len(s.Value)
			} else {
				size += 16 // a number or a flag; nested values are not in these items
			}
			if strings.HasPrefix(k, attrPagePrefix) || slices.Contains(skip, k) {
				continue
			}
			h.Write(binary.LittleEndian.AppendUint64(n[:0], 1))
			field(h, "", []byte(k))
			if !value(h, it[k]) {
				return nil, size
			}
		}
	}
	return h.Sum(nil)[:digestLen], size
}

func field(h hash.Hash, tag string, b []byte) {
	var n [8]byte
	h.Write([]byte(tag))
	h.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(len(b))))
	h.Write(b)
}

func value(h hash.Hash, v types.AttributeValue) bool {
	sorted := func(tag string, vs []string) {
		field(h, tag, []byte(strconv.Itoa(len(vs))))
		vs = slices.Clone(vs)
		slices.Sort(vs)
		for _, s := range vs {
			field(h, "", []byte(s))
		}
	}
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		field(h, "S", []byte(v.Value))
	case *types.AttributeValueMemberN:
		field(h, "N", []byte(v.Value))
	case *types.AttributeValueMemberB:
		field(h, "B", v.Value)
	case *types.AttributeValueMemberBOOL:
		field(h, "BOOL", []byte(strconv.FormatBool(v.Value)))
	case *types.AttributeValueMemberNULL:
		field(h, "NULL", nil)
	case *types.AttributeValueMemberSS:
		sorted("SS", v.Value)
	case *types.AttributeValueMemberNS:
		sorted("NS", v.Value)
	case *types.AttributeValueMemberBS:
		bs := make([]string, len(v.Value))
		for i, b := range v.Value {
			bs[i] = string(b)
		}
		sorted("BS", bs)
	case *types.AttributeValueMemberL:
		field(h, "L", []byte(strconv.Itoa(len(v.Value))))
		for _, e := range v.Value {
			if !value(h, e) {
				return false
			}
		}
	case *types.AttributeValueMemberM:
		field(h, "M", []byte(strconv.Itoa(len(v.Value))))
		for _, k := range sortedKeys(v.Value) {
			field(h, "", []byte(k))
			if !value(h, v.Value[k]) {
				return false
			}
		}
	default:
		return false
	}
	return true
}

// SurveyPaged is SurveyFramed for a cold public page in lang, with the
// page's copy kept by build (withCopy): the copy alone when it is of the
// item as read, else the definition, its frame and the copy's digest.
func (s Responses) SurveyPaged(ctx context.Context, id, lang string, build func() string) (survey.Paged, error) {
	it, cp, digest, err := s.withCopy(ctx, surveyPK(id), lang, build, false)
	if err != nil {
		return survey.Paged{}, fmt.Errorf("get survey %s: %w", id, err)
	}
	if it == nil {
		return survey.Paged{}, apperr.New(apperr.NotFound, "survey_not_found")
	}
	return surveyPaged(it, cp, digest)
}

func surveyPaged(it Item, cp []byte, digest string) (survey.Paged, error) {
	if cp != nil {
		return survey.Paged{Copy: cp}, nil
	}
	d, err := decodeSurvey(it)
	return survey.Paged{Digest: digest, Def: d, Frame: frameOf(it)}, err
}

// PutSurveyCopy keeps page as the copy in lang of survey id's public page
// rendered from its definition item as read with digest (putCopy).
func (s Responses) PutSurveyCopy(ctx context.Context, id, lang, digest string, page []byte) error {
	return s.putCopy(ctx, surveyPK(id), lang, digest, page)
}

// MeetingPaged is MeetingFramed for a cold or warm public page in lang,
// with the page's copy kept by build (withCopy): the copy alone when it
// is of the item as read (its seats counted in it), else the meeting,
// its counters, its frame and the copy's digest.
func (s Registrations) MeetingPaged(ctx context.Context, id, lang string, build func() string) (meeting.Paged, error) {
	it, cp, digest, err := s.withCopy(ctx, meetingPK(id), lang, build, true)
	if err != nil {
		return meeting.Paged{}, fmt.Errorf("get meeting %s: %w", id, err)
	}
	if it == nil {
		return meeting.Paged{}, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	if cp != nil {
		return meeting.Paged{Copy: cp}, nil
	}
	m, c, err := decodeMeeting(it)
	return meeting.Paged{Digest: digest, Meeting: m, Counters: c, Frame: frameOf(it)}, err
}

// PutMeetingCopy keeps page as the copy in lang of meeting id's public
// page rendered from its definition item as read with digest (putCopy).
func (s Registrations) PutMeetingCopy(ctx context.Context, id, lang, digest string, page []byte) error {
	return s.putCopy(ctx, meetingPK(id), lang, digest, page)
}

// sortedKeys are the names of it in order.
func sortedKeys(it Item) []string {
	ks := make([]string, 0, len(it))
	for k := range it {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
