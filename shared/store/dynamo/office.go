package dynamo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/office"
)

// An office's profile is one item (the profile as a JSON document, the
// privacy notice's text left out); each version of its privacy notice is
// an item of its own beside it, written once: a consent names its
// version, and every version stays readable as it was.
func officePK(id string) string { return "OFFICE#" + id }

const (
	profileSK      = "PROFILE"
	noticeSKPrefix = "NOTICE#"
	stepProfile    = "office profile"
	stepNotice     = "privacy notice"
)

// Office reads an office's profile; its privacy notice carries the
// current version without its text (OfficeNotice reads that). NotFound
// when the office has no profile.
func (s Offices) Office(ctx context.Context, id string) (*office.Profile, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(officePK(id), profileSK)})
	if err != nil {
		return nil, fmt.Errorf("get office %s: %w", id, err)
	}
	if out.Item == nil {
		return nil, apperr.New(apperr.NotFound, "office_not_found")
	}
	var p office.Profile
	if err := json.Unmarshal([]byte(strAttr(out.Item, attrDefinition)), &p); err != nil {
		return nil, fmt.Errorf("decode office %s: %w", id, err)
	}
	return &p, nil
}

// OfficeNotice reads one version of an office's privacy notice (NotFound
// if there is no such version).
func (s Offices) OfficeNotice(ctx context.Context, id, version string) (*office.PrivacyNotice, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(officePK(id), noticeSKPrefix+version)})
	if err != nil {
		return nil, fmt.Errorf("get notice of %s: %w", id, err)
	}
	if out.Item == nil {
		return nil, apperr.New(apperr.NotFound, "notice_not_found")
	}
	var n office.PrivacyNotice
	if err := json.Unmarshal([]byte(strAttr(out.Item, attrDefinition)), &n); err != nil {
		return nil, fmt.Errorf("decode notice of %s: %w", id, err)
	}
	return &n, nil
}

// PutOffice stores a validated profile. A privacy notice version seen
// for the first time is published (kept for good beside the profile);
// a version published before must keep its text (Conflict otherwise:
// a changed notice is a new version). p.NoticeVersions and the notice's
// PublishedAt are the store's.
func (s OfficeAdmin) PutOffice(ctx context.Context, p *office.Profile, now time.Time) error {
	return s.putOffice(ctx, p, nil, now)
}

// PutOfficeIf is PutOffice while the stored profile is still the one
// saved at read (zero: while the office has none); otherwise it writes
// nothing and answers Conflict "office_changed": a form posted twice, or
// after someone else saved, saves once.
func (s OfficeAdmin) PutOfficeIf(ctx context.Context, p *office.Profile, read, now time.Time) error {
	return s.putOffice(ctx, p, &read, now)
}

func (s *Table) putOffice(ctx context.Context, p *office.Profile, read *time.Time, now time.Time) error {
	old, err := Offices{s}.Office(ctx, p.Office)
	if err != nil && apperr.CodeOf(err) != apperr.NotFound {
		return err
	}
	p.NoticeVersions = nil
	if old != nil {
		p.NoticeVersions = old.NoticeVersions
	}
	var steps []step
	var n *office.PrivacyNotice
	if p.PrivacyNotice != nil {
		cp := *p.PrivacyNotice
		n = &cp
		at := now.UTC()
		if !slices.Contains(p.NoticeVersions, n.Version) {
			p.NoticeVersions = append(slices.Clone(p.NoticeVersions), n.Version)
			n.PublishedAt = &at
		} else if pub, err := (Offices{s}).OfficeNotice(ctx, p.Office, n.Version); err == nil {
			n.PublishedAt = pub.PublishedAt
		}
		doc, err := json.Marshal(n)
		if err != nil {
			return fmt.Errorf("encode notice: %w", err)
		}
		text, _ := json.Marshal(n.Text)
		sum := sha256.Sum256(text)
		put := s.put(Item{AttrPK: str(officePK(p.Office)), AttrSK: str(noticeSKPrefix + n.Version), "type": str("notice"),
			attrDefinition: str(string(doc)), "textHash": str(hex.EncodeToString(sum[:]))}, false)
		put.Put.ConditionExpression = aws.String("attribute_not_exists(#pk) OR textHash = :h")
		put.Put.ExpressionAttributeNames, put.Put.ExpressionAttributeValues = exprAttrs(
			map[string]types.AttributeValue{":h": str(hex.EncodeToString(sum[:]))}, put.Put.ConditionExpression)
		steps = append(steps, step{stepNotice, put})
		p.PrivacyNotice = &office.PrivacyNotice{Version: n.Version, PublishedAt: n.PublishedAt}
	}
	p.UpdatedAt = now.UTC()
	doc, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode office: %w", err)
	}
	put := s.put(Item{AttrPK: str(officePK(p.Office)), AttrSK: str(profileSK), "type": str("office"),
		attrDefinition: str(string(doc)), "updatedAt": str(p.UpdatedAt.Format(time.RFC3339Nano))}, read != nil && read.IsZero())
	if read != nil && !read.IsZero() {
		put.Put.ConditionExpression = aws.String("#up = :up")
		put.Put.ExpressionAttributeNames, put.Put.ExpressionAttributeValues = exprAttrs(
			map[string]types.AttributeValue{":up": str(read.UTC().Format(time.RFC3339Nano))}, put.Put.ConditionExpression)
	}
	steps = append(steps, step{stepProfile, put})
	_, err = s.write(ctx, nil, steps...)
	if n != nil {
		p.PrivacyNotice = n
	}
	var f *StepsFailed
	if errors.As(err, &f) && f.Failed(stepProfile) {
		return apperr.New(apperr.Conflict, "office_changed")
	}
	if errors.As(err, &f) && f.Failed(stepNotice) {
		return apperr.New(apperr.Conflict, "notice_version_published")
	}
	if err != nil {
		return fmt.Errorf("put office %s: %w", p.Office, err)
	}
	// The copies in surveys and meetings (frame.go) show the old
	// profile: pages copy the new one again.
	return s.dropFrames(ctx, p.Office)
}
