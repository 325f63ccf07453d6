package dynamo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// A frame is a copy of an office's profile kept in a survey's or a
// meeting's definition item (attribute officeFrame), so that a public
// page, which shows the office on every page, reads both in the one
// GetItem it makes anyway: a cold page makes one round trip before it
// renders, not two. (An item of its own beside the definition would be
// one Query, which DynamoDB Local answers more slowly than a GetItem.)
//
// A frame is only ever the profile as stored: it is written (putFrame)
// in one transaction with a check that the profile still has the
// version it copies, and every save of the profile (putOffice) removes
// the office's frames afterwards, listed in the office's frame list
// (OFFICE#id, FRAMES), which the same transaction extends. A page that
// finds no frame reads the profile and writes the frame again, so does
// one after a definition was replaced (PutItem) without it; a warm page
// whose cached profile is refused so reads it again (office.Cache's
// Reload), shows and copies the stored one. A frame is never older than
// the profile, except for the moment between a save and its removals,
// when a warm function's cache of profiles (office.CacheTTL) would show
// the old one too.
const (
	attrFrame   = "officeFrame"
	framesSK    = "FRAMES"
	stepFrame   = "frame"
	stepVersion = "profile version"
)

// frameOf is the profile copied into a definition item (nil if none).
func frameOf(it Item) *office.Profile {
	doc := strAttr(it, attrFrame)
	if doc == "" {
		return nil
	}
	var p office.Profile
	if json.Unmarshal([]byte(doc), &p) != nil || p.Office == "" {
		return nil
	}
	return &p
}

// putFrame copies p into the definition item of partition pk while p is
// still the office's stored profile and the definition exists and is of
// p's office; else it writes nothing and answers Conflict
// "frame_outdated" (a save came between the read of p and now: the next
// page tries again).
func (s *Table) putFrame(ctx context.Context, pk string, p *office.Profile) error {
	doc, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode frame: %w", err)
	}
	version := aws.String("#up = :up")
	names, vals := exprAttrs(map[string]types.AttributeValue{":up": str(p.UpdatedAt.UTC().Format(time.RFC3339Nano))}, version)
	_, err = s.write(ctx, nil,
		step{stepVersion, types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{TableName: &s.table,
			Key: key(officePK(p.Office), profileSK), ConditionExpression: version,
			ExpressionAttributeNames: names, ExpressionAttributeValues: vals}}},
		// Into a definition of p's office only (one deleted and created
		// again by another office under the same id is not).
		step{stepFrame, s.update(key(pk, defSK), "SET #frame = :doc", "attribute_exists(#pk) AND #office = :office",
			map[string]types.AttributeValue{":doc": str(string(doc)), ":office": str(p.Office)})},
		step{"frame list", s.update(key(officePK(p.Office), framesSK), "ADD #ids :pk SET #type = :type",
			"", map[string]types.AttributeValue{":pk": &types.AttributeValueMemberSS{Value: []string{pk}}, ":type": str("frames")})},
	)
	if f := (*StepsFailed)(nil); errors.As(err, &f) {
		return apperr.New(apperr.Conflict, "frame_outdated")
	}
	if err != nil {
		return fmt.Errorf("put frame of %s: %w", pk, err)
	}
	return nil
}

// dropFrames removes every frame of office id (after a save of its
// profile).
func (s *Table) dropFrames(ctx context.Context, id string) error {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(officePK(id), framesSK),
		ConsistentRead: aws.Bool(true)})
	if err != nil {
		return fmt.Errorf("read frames of %s: %w", id, err)
	}
	set, _ := out.Item["ids"].(*types.AttributeValueMemberSS)
	if set == nil {
		return nil
	}
	// Eight at a time: an office with hundreds of surveys and meetings
	// over the years still saves its profile in a moment.
	sem, errs := make(chan struct{}, 8), make(chan error, len(set.Value))
	for _, pk := range set.Value {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			// A definition deleted since has no frame to remove. (A page's
			// transaction writing the frame meanwhile: single tries again.)
			_, err := s.single(ctx, step{stepFrame, s.update(key(pk, defSK), "REMOVE #frame", "attribute_exists(#pk)", nil)}, types.ReturnValueNone)
			if f := (*StepsFailed)(nil); err != nil && !errors.As(err, &f) {
				errs <- fmt.Errorf("remove frame of %s: %w", id, err)
			}
		}()
	}
	for range cap(sem) {
		sem <- struct{}{}
	}
	close(errs)
	return <-errs
}

// SurveyFramed is Survey with the office's profile as copied into it
// (nil if there is no copy yet), in the same GetItem.
func (s Responses) SurveyFramed(ctx context.Context, id string) (*survey.Definition, *office.Profile, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(surveyPK(id), defSK)})
	if err != nil {
		return nil, nil, fmt.Errorf("get survey %s: %w", id, err)
	}
	if out.Item == nil {
		return nil, nil, apperr.New(apperr.NotFound, "survey_not_found")
	}
	d, err := decodeSurvey(out.Item)
	return d, frameOf(out.Item), err
}

// PutSurveyFrame copies p into survey id's definition item (putFrame).
func (s Responses) PutSurveyFrame(ctx context.Context, id string, p *office.Profile) error {
	return s.putFrame(ctx, surveyPK(id), p)
}

// MeetingFramed is Meeting with the office's profile as copied into it
// (nil if there is no copy yet), in the same GetItem.
func (s Registrations) MeetingFramed(ctx context.Context, id string) (*meeting.Meeting, meeting.Counters, *office.Profile, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: &s.table, Key: key(meetingPK(id), defSK), ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return nil, meeting.Counters{}, nil, fmt.Errorf("get meeting %s: %w", id, err)
	}
	if out.Item == nil {
		return nil, meeting.Counters{}, nil, apperr.New(apperr.NotFound, "meeting_not_found")
	}
	m, c, err := decodeMeeting(out.Item)
	return m, c, frameOf(out.Item), err
}

// PutMeetingFrame copies p into meeting id's definition item (putFrame).
func (s Registrations) PutMeetingFrame(ctx context.Context, id string, p *office.Profile) error {
	return s.putFrame(ctx, meetingPK(id), p)
}

// RegistrationFramed resolves a registration's link, then reads the
// registration and its meeting with the frame in it at once: two
// round trips, where RegistrationByToken and MeetingFramed are three.
func (s Registrations) RegistrationFramed(ctx context.Context, tokenHash string) (*meeting.Registration, *meeting.Meeting, meeting.Counters, *office.Profile, error) {
	t, err := s.token(ctx, tokenHash)
	if err != nil {
		return nil, nil, meeting.Counters{}, nil, err
	}
	if t == nil || t.Kind != meeting.TokenKind {
		return nil, nil, meeting.Counters{}, nil, apperr.New(apperr.NotFound, "registration_not_found")
	}
	return s.RegistrationFramedAt(ctx, t.MeetingID, t.RegistrationID)
}

// RegistrationFramedAt reads registration id and its meeting with the
// frame in it at once: one round trip (RegistrationPaged, without copies).
func (s Registrations) RegistrationFramedAt(ctx context.Context, meetingID, id string) (*meeting.Registration, *meeting.Meeting, meeting.Counters, *office.Profile, error) {
	p, err := s.RegistrationPaged(ctx, meetingID, id, "", func() string { return "" })
	if err != nil {
		return nil, nil, meeting.Counters{}, nil, err
	}
	return p.Registration, p.Meeting, p.Counters, p.Frame, nil
}
