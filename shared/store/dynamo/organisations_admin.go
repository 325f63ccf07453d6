package dynamo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/org"
)

// What the coordinators' register needs beyond the core (organisations.go):
// erasures with their audit entries, and one event each for many records.

// Audit kinds of the register's erasures.
const (
	AuditOrganisation        = "organisation"
	AuditOrganisationContact = "organisation_contact"
)

// EraseOrganisationBy erases a record (EraseOrganisation) at actor's
// request and records it in the office's audit trail, in the transaction
// that makes the record a tombstone.
func (s Orgs) EraseOrganisationBy(ctx context.Context, office, actor, id string, now time.Time) error {
	return s.eraseOrganisation(ctx, office, id, now, s.auditStep(office, actor, AuditOrganisation, id, now))
}

// lookupDeletes delete a record's address and name lookups where they
// still lead to it.
func (s Orgs) lookupDeletes(office, id string, r *org.Record) []step {
	pk := registerPK(office)
	del := func(sk string) step {
		return step{sk, types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: key(pk, sk),
			ConditionExpression: aws.String("attribute_not_exists(pk) OR org = :id"), ExpressionAttributeValues: map[string]types.AttributeValue{":id": str(id)}}}}
	}
	var steps []step
	if r.Contact.Email != "" {
		steps = append(steps, del(addrSK(r.Contact.Email)))
	}
	seen := map[string]bool{nameSKPref: true}
	for _, n := range append([]string{r.Name}, r.EarlierNames...) {
		if sk := nameSK(n); !seen[sk] {
			seen[sk] = true
			steps = append(steps, del(sk))
		}
	}
	return steps
}

// writeErasure writes an erasure's steps; a lookup that names another
// record by now is left, the rest written.
func (s Orgs) writeErasure(ctx context.Context, id string, steps []step) error {
	_, err := s.write(ctx, nil, steps...)
	var failed *StepsFailed
	if errors.As(err, &failed) {
		if failed.Failed("record") || failed.Failed("into") {
			return ErrRecordChanged
		}
		var keep []step
		for _, st := range steps {
			if !failed.Failed(st.name) {
				keep = append(keep, st)
			}
		}
		_, err = s.write(ctx, nil, keep...)
	}
	if err != nil {
		return fmt.Errorf("erase organisation %s: %w", id, err)
	}
	return nil
}

// EraseOrganisationContact erases a record's contact person (name, role,
// address; the record keeps the organisation's public facts and its
// history) at actor's request, with its audit entry; the address lookup
// goes too. The record must still be at version.
func (s Orgs) EraseOrganisationContact(ctx context.Context, office, actor, id string, now time.Time) (*org.Record, error) {
	for range 5 {
		r, err := s.Organisation(ctx, office, id)
		if err != nil {
			return nil, err
		}
		email := r.Contact.Email
		prev := r.Version
		r.EraseContact()
		if r.State == org.ContactBounced {
			r.State = org.Active // nobody left to bounce
		}
		r.Version++
		r.Touch(now)
		steps, err := s.recordSteps(r, prev, nil)
		if err != nil {
			return nil, err
		}
		steps = append(steps, s.auditStep(office, actor, AuditOrganisationContact, id, now))
		if email != "" {
			steps = append(steps, s.lookupDeletes(office, id, &org.Record{Contact: org.Contact{Email: email}})...)
		}
		err = s.writeErasure(ctx, id, steps)
		if errors.Is(err, ErrRecordChanged) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return r, nil
	}
	return nil, ErrContention
}

// listVersion is the attribute of a list bucket that every write of it
// counts up: the list's stamp.
const listVersion = "v"

// OrganisationsStamp is the state of an office's list: each bucket's
// write count, read without the summaries (one small Query). The same
// stamp twice means the list did not change in between ("": no list).
func (s Orgs) OrganisationsStamp(ctx context.Context, office string) (string, error) {
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{TableName: &s.table, ConsistentRead: aws.Bool(true),
		KeyConditionExpression: aws.String("#pk = :pk AND begins_with(#sk, :p)"), ProjectionExpression: aws.String("#sk, #v"),
		ExpressionAttributeNames:  map[string]string{"#pk": AttrPK, "#sk": AttrSK, "#v": listVersion},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(registerPK(office)), ":p": str(listSKPref)}})
	if err != nil {
		return "", fmt.Errorf("organisation list stamp: %w", err)
	}
	if out.LastEvaluatedKey != nil {
		return "", nil // not expected for 16 small items: no stamp, no cache
	}
	var b strings.Builder
	for _, it := range out.Items {
		v, _ := it[listVersion].(*types.AttributeValueMemberN)
		if v == nil {
			return "", nil // a bucket written before it counted
		}
		b.WriteString(strAttr(it, AttrSK) + "=" + v.Value + ";")
	}
	return b.String(), nil
}

// AddEvents writes one event to the history of each record of evs (by
// record id).
func (s Orgs) AddEvents(ctx context.Context, office string, evs map[string]org.Event) error {
	all := make([]orgEvent, 0, len(evs))
	for id, e := range evs {
		all = append(all, orgEvent{id, e})
	}
	return s.putEvents(ctx, office, all)
}
