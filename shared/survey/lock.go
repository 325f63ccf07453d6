package survey

import (
	"fmt"
	"slices"

	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// Lock applies to next, the definition that replaces old, the lock of a
// survey that has answers (AUTHORING.md): question ids, types and option
// codes stay what the answers mean. A question that keeps its id but
// changes its type is a field error at its path in next (in lang);
// labels may change, questions and options may be added; a question or
// an option that next leaves out is kept, retired (never asked or
// offered again, still in exports), where it stood.
func Lock(old, next *Definition, lang string) error {
	f := validation.NewFields(lang)
	for i := range next.Questions {
		q := &next.Questions[i]
		if o := old.question(q.ID); o != nil && o.Type != q.Type {
			f.Add(fmt.Sprintf("questions[%d].type", i), "locked", "def_locked_type", string(o.Type))
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	next.Questions = keep(old.Questions, next.Questions, func(q Question) string { return q.ID },
		func(q *Question) { q.Retired = true })
	for i := range next.Questions {
		q := &next.Questions[i]
		if o := old.question(q.ID); o != nil && len(o.Options) > 0 {
			q.Options = keep(o.Options, q.Options, func(o Option) string { return o.Code }, func(o *Option) { o.Retired = true })
		}
	}
	return nil
}

// keep returns next with each element of old that next lacks (by key)
// retired and put back after the element that preceded it in old.
func keep[T any](old, next []T, key func(T) string, retire func(*T)) []T {
	out := slices.Clone(next)
	at := -1 // where the last element of old stands in out
	for _, o := range old {
		k := key(o)
		if i := slices.IndexFunc(out, func(e T) bool { return key(e) == k }); i >= 0 {
			at = i
			continue
		}
		retire(&o)
		at++
		out = slices.Insert(out, at, o)
	}
	return out
}
