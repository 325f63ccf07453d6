package dynamo

import (
	"context"
	"errors"
	"fmt"

	"github.com/integration-offices/netzwerk-backend/shared/org"
)

// A public answer or registration (one without an invitation) that a
// coordinator linked to a record leaves a marker in the register's
// partition, ORGS#<office> / LINKED#<answer or registration id> → the
// record, written with the record in one transaction: the console's list
// of those to link leaves it out.
const linkedSKPref = "LINKED#"

// LinkedRefs returns the office's linked answers and registrations: the
// record of each id (one Query).
func (s Orgs) LinkedRefs(ctx context.Context, office string) (map[string]string, error) {
	out := map[string]string{}
	err := s.queryEach(ctx, registerPK(office), linkedSKPref, func(items []Item) error {
		for _, it := range items {
			out[strAttr(it, AttrSK)[len(linkedSKPref):]] = strAttr(it, "org")
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("linked answers: %w", err)
	}
	return out, nil
}

// LinkPublic takes a public answer or registration (ref) into a record:
// fn changes the record (id, or the new record fresh when id is empty)
// and returns its events; the record, its events and the marker are one
// transaction. A record saved in between is read again.
func (s Orgs) LinkPublic(ctx context.Context, office, id, ref string, fresh *org.Record, fn func(*org.Record) ([]org.Event, error)) (*org.Record, error) {
	for range 5 {
		r := fresh
		if id != "" {
			var err error
			if r, err = s.Organisation(ctx, office, id); err != nil {
				return nil, err
			}
		}
		evs, err := fn(r)
		if err != nil {
			return nil, err
		}
		if r == nil {
			return nil, errors.New("link public: no record")
		}
		prev := r.Version
		r.Version++
		for _, e := range evs {
			r.Note(e)
		}
		steps, err := s.recordSteps(r, prev, evs)
		if err != nil {
			return nil, err
		}
		steps = append(steps, step{"linked", s.put(Item{AttrPK: str(registerPK(office)), AttrSK: str(linkedSKPref + ref), "type": str("orglinked"),
			"org": str(r.ID), AttrTTL: num(r.ExpiresAt.Unix())}, false)})
		_, err = s.write(ctx, nil, steps...)
		var failed *StepsFailed
		if errors.As(err, &failed) && failed.Failed("record") && id != "" {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("link %s to organisation %s: %w", ref, r.ID, err)
		}
		return r, nil
	}
	return nil, ErrContention
}
