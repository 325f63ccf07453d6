package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/invitation"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// batchAttempts bounds the BatchGetItems of getItems: keys DynamoDB
// leaves unprocessed (the table's throughput exceeded) are asked again
// after a pause that doubles from batchPause.
const (
	batchAttempts = 5
	batchPause    = 10 * time.Millisecond
)

// getItems reads the items of keys (at most 100) in one BatchGetItem,
// strongly consistent, in the keys' order (nil: none). One request, not
// one per item: at a cold start each request of its own would open a
// connection of its own.
func (t *Table) getItems(ctx context.Context, keys ...map[string]types.AttributeValue) ([]Item, error) {
	at := make(map[[2]string]int, len(keys))
	for i, k := range keys {
		at[keyOf(k)] = i
	}
	items := make([]Item, len(keys))
	ask := keys
	for attempt := 0; len(ask) > 0; attempt++ {
		if attempt == batchAttempts {
			return nil, errors.New("batch get: keys left unprocessed")
		}
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(batchPause << (attempt - 1)):
			}
		}
		out, err := t.db.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
			t.table: {Keys: ask, ConsistentRead: aws.Bool(true)}}})
		if err != nil {
			return nil, err
		}
		for _, it := range out.Responses[t.table] {
			if i, ok := at[keyOf(it)]; ok {
				items[i] = it
			}
		}
		ask = out.UnprocessedKeys[t.table].Keys
	}
	return items, nil
}

// keyOf is the key of an item or key.
func keyOf(it map[string]types.AttributeValue) [2]string {
	pk, _ := it[AttrPK].(*types.AttributeValueMemberS)
	sk, _ := it[AttrSK].(*types.AttributeValueMemberS)
	if pk == nil || sk == nil {
		return [2]string{}
	}
	return [2]string{pk.Value, sk.Value}
}

// PersonalPaged is SurveyPaged for a personal link's page that names its
// invitation (invitation.Link): the survey's definition item, the
// invitation invitationID to it (nil: none) and the draft of the link's
// tokenHash (nil: none) are read in one request.
func (s Responses) PersonalPaged(ctx context.Context, id, lang, invitationID, tokenHash string, build func() string) (survey.Paged, *invitation.Invitation, *survey.Draft, error) {
	pk := surveyPK(id)
	its, err := s.getItems(ctx, key(pk, defSK), key(pk, invSKPrefix+invitationID), key(pk, draftSKPrefix+tokenHash))
	if err != nil {
		return survey.Paged{}, nil, nil, fmt.Errorf("get survey %s with a personal link: %w", id, err)
	}
	if its[0] == nil {
		return survey.Paged{}, nil, nil, apperr.New(apperr.NotFound, "survey_not_found")
	}
	var inv *invitation.Invitation
	if its[1] != nil {
		if inv, err = decodeInvitation(its[1]); err != nil {
			return survey.Paged{}, nil, nil, err
		}
	}
	d, err := decodeDraft(its[2], id, tokenHash)
	if err != nil {
		return survey.Paged{}, nil, nil, err
	}
	cp, digest := copyOf(its[0], lang, build)
	p, err := surveyPaged(its[0], cp, digest)
	return p, inv, d, err
}
