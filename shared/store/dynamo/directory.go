package dynamo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/outbox"
	"github.com/integration-offices/netzwerk-backend/shared/ratelimit"
)

// The directory (ORGANISATIONS.md, "Directory") is a cache of the
// office's public entries in the register's partition, ORGS#<office>:
//
//	DIR#<bucket>   the entries of the published records whose id hashes to
//	               the bucket, one attribute per record id (its JSON)
//	DUE#<id>       when the record's yearly check-your-entry mail is due
//	               (gsi1: ENTRYCHECK#DUE / <due>#<office>#<id>)
//
// Every write of a record (recordSteps) sets or removes its entry in the
// same transaction, so a withdrawn consent is gone from the next read;
// one Query reads an office's whole directory.
const (
	dirSKPref  = "DIR#"
	dueSKPref  = "DUE#"
	dirBuckets = 16
	entryDuePK = "ENTRYCHECK#DUE"
	typeDir    = "orgdir"
	typeDue    = "orgdue"
)

// Entries is the directory's area: the directory read, an entry checked
// through its link, the yearly checks planned (the directory function and
// the mailer; the admin function queues its mails through Orgs). Its own
// type, so that the admin function, which holds Orgs, does not link it.
type Entries struct{ *Table }

// Organisation reads a record (Orgs.Organisation).
func (s Entries) Organisation(ctx context.Context, office, id string) (*org.Record, error) {
	return Orgs(s).Organisation(ctx, office, id)
}

func dirSK(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	return dirSKPref + strconv.Itoa(int(h.Sum32()%dirBuckets))
}

// dirEntry is an entry as the cache stores it: with the record's expiry,
// so that a record gone by TTL leaves the directory too.
type dirEntry struct {
	org.Entry
	Exp int64 `json:"x"`
}

// dirSteps are the directory's writes of a record: its entry set or
// removed (nothing to remove for a new record), and its yearly check
// planned (only for an active record with an address that works) or
// dropped.
func (s *Table) dirSteps(r *org.Record, isNew bool) []step {
	pk := registerPK(r.Office)
	// The bucket item lives as long as the longest-lived entry written to
	// it: every write moves its TTL on (a record's expiry never lies more
	// than its retention after its last write).
	exp := max(time.Now().Add(org.Retention).Unix(), r.ExpiresAt.Unix())
	var steps []step
	if r.Published() {
		b, _ := json.Marshal(dirEntry{r.Entry(), r.ExpiresAt.Unix()})
		steps = append(steps, step{"directory", types.TransactWriteItem{Update: &types.Update{TableName: &s.table, Key: key(pk, dirSK(r.ID)),
			UpdateExpression:          aws.String("SET #id = :e, #type = :t, #ttl = :x"),
			ExpressionAttributeNames:  map[string]string{"#id": r.ID, "#type": "type", "#ttl": AttrTTL},
			ExpressionAttributeValues: map[string]types.AttributeValue{":e": str(string(b)), ":t": str(typeDir), ":x": num(exp)}}}})
	} else if !isNew {
		steps = append(steps, step{"directory", types.TransactWriteItem{Update: &types.Update{TableName: &s.table, Key: key(pk, dirSK(r.ID)),
			UpdateExpression:          aws.String("REMOVE #id SET #type = :t, #ttl = :x"),
			ExpressionAttributeNames:  map[string]string{"#id": r.ID, "#type": "type", "#ttl": AttrTTL},
			ExpressionAttributeValues: map[string]types.AttributeValue{":t": str(typeDir), ":x": num(exp)}}}})
	}
	var due step
	if r.State == org.Active && r.Contact.Email != "" && !r.Contact.Stale {
		// Planned once (if_not_exists): a check or a yearly mail moves it
		// on (moveDue), other writes of the record leave it.
		due = step{"due", types.TransactWriteItem{Update: &types.Update{TableName: &s.table, Key: key(pk, dueSKPref+r.ID),
			UpdateExpression:         aws.String("SET #g1pk = :p, #g1sk = if_not_exists(#g1sk, :d), #type = :t, #office = :o, #org = :id, #ttl = :x"),
			ExpressionAttributeNames: map[string]string{"#g1pk": AttrGSI1PK, "#g1sk": AttrGSI1SK, "#type": "type", "#office": "office", "#org": "org", "#ttl": AttrTTL},
			ExpressionAttributeValues: map[string]types.AttributeValue{":p": str(entryDuePK), ":d": str(dueKey(r.CreatedAt.Add(org.EntryCheckYear), r.Office+"#"+r.ID)),
				":t": str(typeDue), ":o": str(r.Office), ":id": str(r.ID), ":x": num(r.ExpiresAt.Unix())}}}}
	} else {
		due = step{"due", types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: key(pk, dueSKPref+r.ID)}}}
	}
	return append(steps, due)
}

// dirGone are the directory's writes when a record is erased.
func (s *Table) dirGone(office, id string) []step {
	pk := registerPK(office)
	// A bucket made by the removal itself is typed and expires too.
	return []step{{"directory", types.TransactWriteItem{Update: &types.Update{TableName: &s.table, Key: key(pk, dirSK(id)),
		UpdateExpression:          aws.String("REMOVE #id SET #type = :t, #ttl = if_not_exists(#ttl, :x)"),
		ExpressionAttributeNames:  map[string]string{"#id": id, "#type": "type", "#ttl": AttrTTL},
		ExpressionAttributeValues: map[string]types.AttributeValue{":t": str(typeDir), ":x": num(time.Now().Add(org.Retention).Unix())}}}},
		{"due", types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: key(pk, dueSKPref+id)}}}}
}

// Directory reads the cache: the entries of an office's published
// records, by name (one Query; two above ~2,000 entries).
func (s Entries) Directory(ctx context.Context, office string, now time.Time) ([]org.Entry, error) {
	var out []org.Entry
	err := s.queryEach(ctx, registerPK(office), dirSKPref, func(items []Item) error {
		return bucketValues(items, func(raw []byte) error {
			var e dirEntry
			if err := json.Unmarshal(raw, &e); err != nil {
				return fmt.Errorf("decode directory entry: %w", err)
			}
			if e.Exp == 0 || e.Exp >= now.Unix() {
				out = append(out, e.Entry)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("directory %s: %w", office, err)
	}
	names := make(map[string]string, len(out))
	for _, e := range out {
		names[e.ID] = org.Normalise(e.Name)
	}
	slices.SortFunc(out, func(a, b org.Entry) int {
		if c := strings.Compare(names[a.ID], names[b.ID]); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// DirectoryEntry reads one published record's entry (NotFound when the
// record is unknown, erased or not published).
func (s Entries) DirectoryEntry(ctx context.Context, office, id string, now time.Time) (*org.Entry, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(registerPK(office), dirSK(id)),
		ProjectionExpression: aws.String("#id"), ExpressionAttributeNames: map[string]string{"#id": id}})
	if err != nil {
		return nil, fmt.Errorf("directory entry %s: %w", id, err)
	}
	sv, ok := out.Item[id].(*types.AttributeValueMemberS)
	if !ok {
		return nil, apperr.New(apperr.NotFound, "organisation_not_found")
	}
	var e dirEntry
	if err := json.Unmarshal([]byte(sv.Value), &e); err != nil {
		return nil, fmt.Errorf("decode directory entry: %w", err)
	}
	if e.Exp != 0 && e.Exp < now.Unix() {
		return nil, apperr.New(apperr.NotFound, "organisation_not_found")
	}
	return &e.Entry, nil
}

// --- check your entry ---

// entryTokenItem resolves the hash of a check-your-entry link to its
// record.
type entryTokenItem struct {
	head
	Kind   string `dynamodbav:"kind"`
	Office string `dynamodbav:"office"`
	OrgID  string `dynamodbav:"org"`
}

// EntryByToken returns the office and record a check-your-entry link
// opens (NotFound when unknown or expired).
func (s Entries) EntryByToken(ctx context.Context, token string, now time.Time) (office, id string, err error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(tokenPK(linktoken.Hash(token)), tokenSK)})
	if err != nil {
		return "", "", fmt.Errorf("get entry token: %w", err)
	}
	if strAttr(out.Item, "kind") != org.EntryTokenKind || int64(intAttr(out.Item, AttrTTL)) < now.Unix() {
		return "", "", apperr.New(apperr.NotFound, "entry_link_not_found")
	}
	return strAttr(out.Item, "office"), strAttr(out.Item, "org"), nil
}

// entryMailSteps queue a check-your-entry mail mailID for record id of
// office: the outbox mail (new: the same id twice fails) and the hash of
// its link's token (org.EntryToken).
func (s *Table) entryMailSteps(office, id, mailID, tokenHash string, now time.Time) []step {
	ob := newOutbox(mailID, outbox.EntryCheck, now)
	ob.TargetKind, ob.TargetID, ob.Office = "organisation", id, office
	tok := entryTokenItem{head: head{tokenPK(tokenHash), tokenSK, "token", now.Add(org.EntryLinkDays * 24 * time.Hour).Unix()},
		Kind: org.EntryTokenKind, Office: office, OrgID: id}
	return []step{{stepOutbox, s.put(item(ob), true)}, {"entry token", s.put(item(tok), false)}}
}

// QueueEntryCheck queues a check-your-entry mail (id mailID, its link's
// token hash) for record id: once per mail id.
func (s Orgs) QueueEntryCheck(ctx context.Context, office, id, mailID, tokenHash string, now time.Time) error {
	if _, err := s.write(ctx, nil, s.entryMailSteps(office, id, mailID, tokenHash, now)...); err != nil {
		return fmt.Errorf("queue entry check %s: %w", id, err)
	}
	return nil
}

// moveDue plans record id's next yearly check a year after now (if it
// has a plan).
func (s *Table) moveDue(office, id string, now time.Time) step {
	return step{"due", types.TransactWriteItem{Update: &types.Update{TableName: &s.table, Key: key(registerPK(office), dueSKPref+id),
		UpdateExpression:                    aws.String("SET #g1sk = :d"),
		ConditionExpression:                 aws.String("attribute_exists(#g1sk)"),
		ExpressionAttributeNames:            map[string]string{"#g1sk": AttrGSI1SK},
		ExpressionAttributeValues:           map[string]types.AttributeValue{":d": str(dueKey(now.Add(org.EntryCheckYear), office+"#"+id))},
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}}}
}

// MoveEntryCheck plans record id's next yearly check a year after now
// (the organisation has just checked its entry); a record without a plan
// keeps none.
func (s Entries) MoveEntryCheck(ctx context.Context, office, id string, now time.Time) error {
	_, err := s.write(ctx, nil, s.moveDue(office, id, now))
	var failed *StepsFailed
	if errors.As(err, &failed) {
		return nil
	}
	return err
}

// DueEntryChecks lists up to limit records whose yearly check is due at
// now, the oldest first.
func (s Entries) DueEntryChecks(ctx context.Context, now time.Time, limit int) ([]org.DueCheck, error) {
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{TableName: &s.table, IndexName: aws.String(IndexGSI1),
		KeyConditionExpression:    aws.String("#pk = :pk AND #sk < :upto"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrGSI1PK, "#sk": AttrGSI1SK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(entryDuePK), ":upto": str(dueTime(now) + "$")},
		Limit:                     aws.Int32(int32(limit))})
	if err != nil {
		return nil, fmt.Errorf("due entry checks: %w", err)
	}
	list := make([]org.DueCheck, 0, len(out.Items))
	for _, it := range out.Items {
		due, _ := time.Parse("2006-01-02T15:04:05.000Z", strings.SplitN(strAttr(it, AttrGSI1SK), "#", 2)[0])
		list = append(list, org.DueCheck{Office: strAttr(it, "office"), ID: strAttr(it, "org"), Due: due})
	}
	return list, nil
}

// QueueYearlyEntryCheck queues record id's yearly check-your-entry mail
// (mailID: one per record and year) and plans the next a year on, in one
// transaction. It reports false when that mail was queued before (the
// plan moves on all the same).
func (s Entries) QueueYearlyEntryCheck(ctx context.Context, office, id, mailID, tokenHash string, now time.Time) (bool, error) {
	steps := append(s.entryMailSteps(office, id, mailID, tokenHash, now), s.moveDue(office, id, now))
	_, err := s.write(ctx, nil, steps...)
	var failed *StepsFailed
	if errors.As(err, &failed) && failed.Failed(stepOutbox) {
		return false, s.MoveEntryCheck(ctx, office, id, now)
	}
	if errors.As(err, &failed) && failed.Failed("due") {
		return false, nil // the record's plan went (erased, bounced) in between
	}
	if err != nil {
		return false, fmt.Errorf("queue yearly entry check %s: %w", id, err)
	}
	return true, nil
}

// CheckEntry is an organisation's check of its entry through its link:
// it reads record id, lets fn change it (fn returning an error writes
// nothing), and saves it over its version with an entry_checked event,
// the client's use of the form's limit and the next yearly check a year
// on, in one transaction (read again when it was saved in between).
func (s Entries) CheckEntry(ctx context.Context, office, id string, use *ratelimit.Use, now time.Time, fn func(*org.Record) error) (*org.Record, error) {
	for range 5 {
		r, err := s.Organisation(ctx, office, id)
		if err != nil {
			return nil, err
		}
		if err := fn(r); err != nil {
			return nil, err
		}
		prev := r.Version
		r.Version++
		ev := org.Event{At: now, Kind: org.Checked, Ref: strconv.FormatInt(now.UnixMilli(), 10)}
		r.Note(ev)
		steps, err := s.recordSteps(r, prev, []org.Event{ev})
		if err != nil {
			return nil, err
		}
		for i := range steps {
			if u := steps[i].item.Update; steps[i].name == "due" && u != nil {
				// Checked now: the next yearly mail a year on.
				u.UpdateExpression = aws.String("SET #g1pk = :p, #g1sk = :d, #type = :t, #office = :o, #org = :id, #ttl = :x")
				u.ExpressionAttributeValues[":d"] = str(dueKey(now.Add(org.EntryCheckYear), office+"#"+id))
			}
		}
		steps = append(steps, s.limitSteps(use)...)
		_, err = s.write(ctx, nil, steps...)
		var failed *StepsFailed
		if errors.As(err, &failed) && failed.Failed("record") {
			continue
		}
		if err != nil {
			return nil, limited(fmt.Errorf("check entry %s: %w", id, err), use, now)
		}
		return r, nil
	}
	return nil, ErrContention
}
