package dynamo

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/address"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/org"
)

// The register of organisations (ORGANISATIONS.md) lives in one partition
// per office, ORGS#<office>:
//
//	ORG#<id>                       the record (its JSON document, version, TTL)
//	HIST#<id>#<kind>#<target>#<ref> one event of its history (TTL: retention from the event)
//	ADDR#<hash of the address>     → the record that has this contact address
//	NAME#<normalised name>         → the record of this name
//	LIST#<bucket>                  the summaries of the records whose id hashes to
//	                               the bucket, one attribute per record id
//
// The list of an office is the LIST# items: one Query (two above ~12,000
// records, DynamoDB's 1 MB page), whatever the filters, which run in
// memory. Each write of a record writes its summary in the same
// transaction, so the list is never behind the records.
func registerPK(office string) string { return "ORGS#" + office }

const (
	recordSKPref = "ORG#"
	histSKPref   = "HIST#"
	addrSKPref   = "ADDR#"
	nameSKPref   = "NAME#"
	listSKPref   = "LIST#"
	listBuckets  = 16
)

func addrSK(email string) string {
	sum := sha256.Sum256([]byte(address.Key(email)))
	return addrSKPref + hex.EncodeToString(sum[:16])
}

func nameSK(name string) string { return nameSKPref + org.Normalise(name) }

func listSK(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	return listSKPref + strconv.Itoa(int(h.Sum32()%listBuckets))
}

func histSK(id string, e org.Event) string {
	return histSKPref + id + "#" + string(e.Kind) + "#" + e.Target + "#" + e.TargetID + "#" + e.Ref
}

// ErrRecordChanged is a record saved over a version that is no longer
// the stored one.
var ErrRecordChanged = apperr.New(apperr.Conflict, "organisation_changed")

// summaryEntry is a summary as the list stores it: with the record's
// expiry, so that a record gone by TTL leaves the list too.
// bucketValues calls decode with the JSON of each record in bucket items
// (the list's and the directory's: one string attribute per record,
// beside the key, the type and numbers such as the TTL and the version).
func bucketValues(items []Item, decode func(raw []byte) error) error {
	for _, it := range items {
		for name, v := range it {
			sv, ok := v.(*types.AttributeValueMemberS)
			if !ok || name == AttrPK || name == AttrSK || name == "type" {
				continue
			}
			if err := decode([]byte(sv.Value)); err != nil {
				return err
			}
		}
	}
	return nil
}

type summaryEntry struct {
	org.Summary
	Exp int64 `json:"x"`
}

// Organisation returns a record (without its history); an unknown or
// erased one is not found.
func (s Orgs) Organisation(ctx context.Context, office, id string) (*org.Record, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(registerPK(office), recordSKPref+id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, fmt.Errorf("get organisation %s: %w", id, err)
	}
	r, err := decodeRecord(out.Item, office)
	if err != nil {
		return nil, err
	}
	if r == nil || r.State == org.Erased {
		return nil, apperr.New(apperr.NotFound, "organisation_not_found")
	}
	return r, nil
}

func decodeRecord(it Item, office string) (*org.Record, error) {
	if it == nil {
		return nil, nil
	}
	b, err := doc(it, "doc")
	if err != nil {
		return nil, err
	}
	var r org.Record
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("decode organisation: %w", err)
	}
	r.Office = office
	return &r, nil
}

// History returns a record's events, oldest first.
func (s Orgs) History(ctx context.Context, office, id string) ([]org.Event, error) {
	var evs []org.Event
	err := s.queryEach(ctx, registerPK(office), histSKPref+id+"#", func(items []Item) error {
		for _, it := range items {
			var e org.Event
			if err := json.Unmarshal([]byte(strAttr(it, "event")), &e); err != nil {
				return fmt.Errorf("decode event: %w", err)
			}
			evs = append(evs, e)
		}
		return nil
	})
	slices.SortStableFunc(evs, func(a, b org.Event) int { return a.At.Compare(b.At) })
	return evs, err
}

// Organisations returns the summaries of an office's records, by name.
func (s Orgs) Organisations(ctx context.Context, office string, now time.Time) ([]org.Summary, error) {
	var out []org.Summary
	err := s.queryEach(ctx, registerPK(office), listSKPref, func(items []Item) error {
		return bucketValues(items, func(raw []byte) error {
			var e summaryEntry
			if err := json.Unmarshal(raw, &e); err != nil {
				return fmt.Errorf("decode summary: %w", err)
			}
			if e.Exp == 0 || e.Exp >= now.Unix() {
				out = append(out, e.Summary)
			}
			return nil
		})
	})
	// Each name normalised once, not in every comparison (5,000
	// records: 5,000 normalisations instead of 120,000).
	keys := make(map[string]string, len(out))
	for _, sm := range out {
		keys[sm.ID] = org.Normalise(sm.Name)
	}
	slices.SortFunc(out, func(a, b org.Summary) int {
		if c := strings.Compare(keys[a.ID], keys[b.ID]); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, err
}

// recordSteps are the writes of a record: the record over version prev
// (new when 0), its summary, its lookups, and events of its history.
func (s *Table) recordSteps(r *org.Record, prev int, evs []org.Event) ([]step, error) {
	pk := registerPK(r.Office)
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	it := Item{AttrPK: str(pk), AttrSK: str(recordSKPref + r.ID), "type": str("organisation"), "version": num(int64(r.Version)),
		AttrTTL: num(r.ExpiresAt.Unix())}
	if err := putDoc(it, "doc", b); err != nil {
		return nil, fmt.Errorf("organisation %s: %w", r.ID, err)
	}
	put := s.put(it, prev == 0)
	if prev != 0 {
		put.Put.ConditionExpression = aws.String("version = :v")
		put.Put.ExpressionAttributeValues = map[string]types.AttributeValue{":v": num(int64(prev))}
	}
	steps := []step{{"record", put}}
	sum, _ := json.Marshal(summaryEntry{r.Summary(), r.ExpiresAt.Unix()})
	steps = append(steps, step{"summary", types.TransactWriteItem{Update: &types.Update{TableName: &s.table,
		// The bucket lives as long as the record written last (each entry
		// carries its own expiry, which the list reads).
		Key: key(pk, listSK(r.ID)), UpdateExpression: aws.String("SET #id = :s, #type = :t, #ttl = :x ADD #v :one"),
		ExpressionAttributeNames: map[string]string{"#id": r.ID, "#type": "type", "#ttl": AttrTTL, "#v": listVersion},
		ExpressionAttributeValues: map[string]types.AttributeValue{":s": str(string(sum)), ":t": str("orglist"), ":x": num(r.ExpiresAt.Unix()),
			":one": num(1)}}}})
	lookup := func(sk string) step {
		return step{sk, s.put(Item{AttrPK: str(pk), AttrSK: str(sk), "type": str("orglookup"), "org": str(r.ID),
			AttrTTL: num(r.ExpiresAt.Unix())}, false)}
	}
	if r.Contact.Email != "" {
		steps = append(steps, lookup(addrSK(r.Contact.Email)))
	}
	if n := nameSK(r.Name); n != nameSKPref {
		steps = append(steps, lookup(n))
	}
	for _, e := range evs {
		eb, _ := json.Marshal(e)
		steps = append(steps, step{"event", s.put(Item{AttrPK: str(pk), AttrSK: str(histSK(r.ID, e)), "type": str("orgevent"),
			"event": str(string(eb)), AttrTTL: num(e.At.Add(org.Retention).Unix())}, false)})
	}
	// The directory's entry and the yearly check (directory.go).
	steps = append(steps, s.dirSteps(r, prev == 0)...)
	return steps, nil
}

// SaveOrganisation writes r (new when r.Version is 0) with events of its
// history, in one transaction; r.Version goes up by one. A record saved
// in between is ErrRecordChanged, nothing written.
func (s Orgs) SaveOrganisation(ctx context.Context, r *org.Record, evs ...org.Event) error {
	prev := r.Version
	r.Version++
	for _, e := range evs {
		r.Note(e)
	}
	steps, err := s.recordSteps(r, prev, evs)
	if err == nil {
		_, err = s.write(ctx, nil, steps...)
	}
	var failed *StepsFailed
	if errors.As(err, &failed) && failed.Failed("record") {
		r.Version = prev
		return ErrRecordChanged
	}
	if err != nil {
		r.Version = prev
		return fmt.Errorf("save organisation %s: %w", r.ID, err)
	}
	return nil
}

// UpdateOrganisation reads a record, lets fn change it and return events
// of its history, and saves it; a record saved in between is read again
// (up to five times). fn returning an error writes nothing.
func (s Orgs) UpdateOrganisation(ctx context.Context, office, id string, fn func(*org.Record) ([]org.Event, error)) (*org.Record, error) {
	for range 5 {
		r, err := s.Organisation(ctx, office, id)
		if err != nil {
			return nil, err
		}
		evs, err := fn(r)
		if err != nil {
			return nil, err
		}
		if err := s.SaveOrganisation(ctx, r, evs...); !errors.Is(err, ErrRecordChanged) {
			return r, err
		}
	}
	return nil, ErrContention
}

// Lookups returns the office's address and name lookups: the record id
// of each address hash and normalised name (one Query, two above ~8,000
// records).
func (s Orgs) lookups(ctx context.Context, office string) (map[string]string, error) {
	out := map[string]string{}
	for _, pref := range []string{addrSKPref, nameSKPref} {
		err := s.queryEach(ctx, registerPK(office), pref, func(items []Item) error {
			for _, it := range items {
				out[strAttr(it, AttrSK)] = strAttr(it, "org")
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LinkOrganisations returns the record id of each link, in order, making
// new records for those the register does not know (with the link's name
// and contact) and adding ev (with each record's id) to the history of
// every record linked. Lines with the same address or name link to the
// same record. Concurrent links of the same new organisation make one
// record: the lookup is written with the record, conditionally.
func (s Orgs) LinkOrganisations(ctx context.Context, office string, links []org.Link, ev func(i int) org.Event, now time.Time) ([]string, error) {
	known, err := s.lookups(ctx, office)
	if err != nil {
		return nil, fmt.Errorf("organisation lookups: %w", err)
	}
	ids := make([]string, len(links))
	var fresh []*org.Record // new records, written below
	for i, l := range links {
		if id := known[addrSK(l.Email)]; l.Email != "" && id != "" {
			ids[i] = id
		} else if id := known[nameSK(l.Name)]; id != "" && nameSK(l.Name) != nameSKPref {
			ids[i] = id
		}
		if ids[i] != "" {
			continue
		}
		r := org.New(office, l.Name, now)
		r.Contact = org.Contact{Email: l.Email, Language: l.Language}
		fresh = append(fresh, r)
		ids[i] = r.ID
		if l.Email != "" {
			known[addrSK(l.Email)] = r.ID
		}
		if nameSK(l.Name) != nameSKPref {
			known[nameSK(l.Name)] = r.ID
		}
	}
	made, err := s.createAll(ctx, fresh)
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		if m, ok := made[id]; ok {
			ids[i] = m // another writer made the organisation first
		}
	}
	if ev != nil {
		evs := make([]orgEvent, 0, len(ids))
		for i, id := range ids {
			if e := ev(i); e.Kind != "" { // else nothing to say in this record's history
				evs = append(evs, orgEvent{id, e})
			}
		}
		if err := s.putEvents(ctx, office, evs); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// createAll writes new records: in rounds of one record per list bucket
// (the records of a bucket share its summary item, which one transaction
// may write once), each round one transaction of up to 64 items. A round
// that finds an address or name taken (a concurrent upload made the
// organisation) is written record by record instead. It returns the ids
// of those another writer had made first: new id → existing id.
func (s Orgs) createAll(ctx context.Context, rs []*org.Record) (map[string]string, error) {
	byBucket := map[string][]*org.Record{}
	for _, r := range rs {
		byBucket[listSK(r.ID)] = append(byBucket[listSK(r.ID)], r)
	}
	made := map[string]string{}
	for len(byBucket) > 0 {
		var round []*org.Record
		var steps []step
		for b, list := range byBucket {
			r := list[0]
			if len(list) == 1 {
				delete(byBucket, b)
			} else {
				byBucket[b] = list[1:]
			}
			r.Version = 1
			st, err := s.recordSteps(r, 0, nil)
			if err != nil {
				return nil, err
			}
			for i := range st {
				if p := st[i].item.Put; p != nil {
					p.ConditionExpression = condNew
				}
			}
			round, steps = append(round, r), append(steps, st...)
		}
		_, err := s.write(ctx, nil, steps...)
		var failed *StepsFailed
		if errors.As(err, &failed) {
			for _, r := range round {
				id, err := s.create(ctx, r)
				if err != nil {
					return nil, err
				}
				if id != r.ID {
					made[r.ID] = id
				}
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("create organisations: %w", err)
		}
	}
	return made, nil
}

// create writes a new record whose address and name lookups must be new;
// when another writer made the organisation first, its id is returned.
func (s Orgs) create(ctx context.Context, r *org.Record) (string, error) {
	r.Version = 1
	steps, err := s.recordSteps(r, 0, nil)
	if err != nil {
		return "", err
	}
	for i := range steps {
		if p := steps[i].item.Put; p != nil {
			p.ConditionExpression = condNew
		}
	}
	_, err = s.write(ctx, nil, steps...)
	var failed *StepsFailed
	if errors.As(err, &failed) {
		for name, old := range failed.Old {
			if id := strAttr(old, "org"); id != "" && (strings.HasPrefix(name, addrSKPref) || strings.HasPrefix(name, nameSKPref)) {
				return id, nil
			}
		}
	}
	if err != nil {
		return "", fmt.Errorf("create organisation: %w", err)
	}
	return r.ID, nil
}

// CreateOrganisation writes a new record (a coordinator's); an address or
// name another record has is a conflict naming the record.
func (s Orgs) CreateOrganisation(ctx context.Context, r *org.Record) error {
	id, err := s.create(ctx, r)
	if err != nil {
		return err
	}
	if id != r.ID {
		return apperr.New(apperr.Conflict, "organisation_exists", id)
	}
	return nil
}

// OrganisationByAddress returns the id of the record whose contact has
// the address ("" when none).
func (s Orgs) OrganisationByAddress(ctx context.Context, office, email string) (string, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(registerPK(office), addrSK(email))})
	if err != nil {
		return "", fmt.Errorf("organisation by address: %w", err)
	}
	return strAttr(out.Item, "org"), nil
}

// AddHistory writes events of a record's history without changing the
// record (an invitation sent); the same event twice is one.
func (s Orgs) AddHistory(ctx context.Context, office, id string, evs ...org.Event) error {
	all := make([]orgEvent, len(evs))
	for i, e := range evs {
		all[i] = orgEvent{id, e}
	}
	return s.putEvents(ctx, office, all)
}

// orgEvent is an event of record id's history.
type orgEvent struct {
	id string
	e  org.Event
}

// putEvents writes events of records' histories, each a PutItem of its
// own, eight at a time. An event is one item, written whole or not at
// all, and the same event twice is the same item: no transaction is
// needed. Transactions of a hundred were, when two uploads of one list
// ran at once, two transactions over the same items that DynamoDB Local
// let wait on each other for minutes (TestInviteFiveHundredFromTheRegister).
func (s *Table) putEvents(ctx context.Context, office string, evs []orgEvent) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	sem := make(chan struct{}, 8)
	for _, ev := range evs {
		eb, _ := json.Marshal(ev.e)
		it := Item{AttrPK: str(registerPK(office)), AttrSK: str(histSK(ev.id, ev.e)), "type": str("orgevent"),
			"event": str(string(eb)), AttrTTL: num(ev.e.At.Add(org.Retention).Unix())}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if _, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: it}); err != nil {
				mu.Lock()
				first = cmp.Or(first, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if first != nil {
		return fmt.Errorf("organisation history: %w", first)
	}
	return nil
}

// EraseOrganisation erases a record: the record becomes a tombstone
// (id, state erased, the time), its summary, lookups and history go.
func (s Orgs) EraseOrganisation(ctx context.Context, office, id string, now time.Time) error {
	return s.eraseOrganisation(ctx, office, id, now)
}

// eraseOrganisation is EraseOrganisation; guard (a merge's check that the
// record merged into is still as read) is part of its transaction, its
// failure ErrRecordChanged.
func (s Orgs) eraseOrganisation(ctx context.Context, office, id string, now time.Time, guard ...step) error {
	r, err := s.Organisation(ctx, office, id)
	if err != nil {
		return err
	}
	if err := s.dropHistory(ctx, office, id); err != nil {
		return err
	}
	pk := registerPK(office)
	tomb := &org.Record{ID: id, State: org.Erased, UpdatedAt: now, Version: r.Version + 1, ExpiresAt: now.Add(org.Retention)}
	b, _ := json.Marshal(tomb)
	put := s.put(Item{AttrPK: str(pk), AttrSK: str(recordSKPref + id), "type": str("organisation"), "version": num(int64(tomb.Version)),
		"doc": str(string(b)), AttrTTL: num(tomb.ExpiresAt.Unix())}, false)
	put.Put.ConditionExpression = aws.String("version = :v")
	put.Put.ExpressionAttributeValues = map[string]types.AttributeValue{":v": num(int64(r.Version))}
	steps := []step{{"record", put}, {"summary", types.TransactWriteItem{Update: &types.Update{TableName: &s.table,
		Key: key(pk, listSK(id)), UpdateExpression: aws.String("REMOVE #id ADD #v :one"), ExpressionAttributeNames: map[string]string{"#id": id, "#v": listVersion},
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": num(1)}}}}}
	steps = append(steps, s.dirGone(office, id)...)
	steps = append(steps, guard...)
	steps = append(steps, s.lookupDeletes(office, id, r)...)
	return s.writeErasure(ctx, id, steps)
}

func (s Orgs) dropHistory(ctx context.Context, office, id string) error {
	pk := registerPK(office)
	return s.queryEach(ctx, pk, histSKPref+id+"#", func(items []Item) error {
		for _, it := range items {
			if _, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: key(pk, strAttr(it, AttrSK))}); err != nil {
				return fmt.Errorf("delete organisation event: %w", err)
			}
		}
		return nil
	})
}

// MergeOrganisations merges record from into record into: into keeps
// both histories, from's earlier names and the facts it lacked; from is
// erased and its address and names lead to into.
func (s Orgs) MergeOrganisations(ctx context.Context, office, into, from string, now time.Time) (*org.Record, error) {
	if into == from {
		return nil, apperr.New(apperr.Conflict, "organisation_merge_self")
	}
	dst, err := s.Organisation(ctx, office, into)
	if err != nil {
		return nil, err // gone (merged elsewhere, erased): from stays
	}
	src, err := s.Organisation(ctx, office, from)
	if err != nil {
		return nil, err
	}
	hist, err := s.History(ctx, office, from)
	if err != nil {
		return nil, err
	}
	// Moved first: a merge broken off half-way leaves events on both
	// records, never on neither.
	if err := s.AddHistory(ctx, office, into, hist...); err != nil {
		return nil, err
	}
	// from is erased only while into is still as read, in one
	// transaction: two crossed merges (A into B, B into A) cannot erase
	// both.
	for i := 0; ; i++ {
		guard := step{"into", types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{TableName: &s.table,
			Key: key(registerPK(office), recordSKPref+into), ConditionExpression: aws.String("version = :v"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":v": num(int64(dst.Version))}}}}
		err := s.eraseOrganisation(ctx, office, from, now, guard)
		if err == nil {
			break
		}
		if !errors.Is(err, ErrRecordChanged) || i == 4 {
			return nil, err
		}
		if dst, err = s.Organisation(ctx, office, into); err != nil {
			return nil, err
		}
	}
	return s.UpdateOrganisation(ctx, office, into, func(r *org.Record) ([]org.Event, error) {
		r.Merge(src)
		r.Touch(now)
		return []org.Event{{At: now, Kind: org.Merged, Ref: from}}, nil
	})
}
