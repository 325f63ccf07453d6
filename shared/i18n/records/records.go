// Package records is the form in which the functions embed the message
// catalogue (shared/i18n/catalogue/<lang>.cat, written from <lang>.json
// by `go generate ./shared/i18n`): read with no JSON decoder and no
// decompressor, since every page that renders on a cold start reads one.
//
// A file is its entries sorted by key, each the key, NUL, the text, NUL.
// An entry with plural forms has for its text \x01 and then its forms,
// sorted by name and separated by \x01, each the form's name, \x02 and
// its text. Keys, names and texts never hold those three bytes (Encode
// refuses them).
package records

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Entry is one message: a text, or (Forms not nil) one text per CLDR
// plural category ("one", "few", "other", …).
type Entry struct {
	Text  string
	Forms map[string]string
}

const (
	end   = "\x00" // ends a key and a text
	forms = "\x01" // starts a text of plural forms, and separates them
	named = "\x02" // ends a form's name
)

// FromJSON reads a catalogue's JSON source: an object whose values are
// texts or objects of plural forms.
func FromJSON(b []byte) (map[string]Entry, error) {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	out := make(map[string]Entry, len(m))
	for k, v := range m {
		switch v := v.(type) {
		case string:
			out[k] = Entry{Text: v}
		case map[string]any:
			fs := make(map[string]string, len(v))
			for f, t := range v {
				s, ok := t.(string)
				if !ok {
					return nil, fmt.Errorf("%s.%s: not a text", k, f)
				}
				fs[f] = s
			}
			out[k] = Entry{Forms: fs}
		default:
			return nil, fmt.Errorf("%s: neither a text nor plural forms", k)
		}
	}
	return out, nil
}

// Encode writes entries as a file; an error names the first key, form
// or text that holds one of the format's three bytes.
func Encode(entries map[string]Entry) ([]byte, error) {
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	bad := func(s string) bool { return strings.ContainsAny(s, end+forms+named) }
	var b strings.Builder
	for _, k := range keys {
		e := entries[k]
		if bad(k) || bad(e.Text) {
			return nil, fmt.Errorf("%s: a control byte (\\x00–\\x02) in the key or its text", k)
		}
		b.WriteString(k)
		b.WriteString(end)
		if e.Forms == nil {
			b.WriteString(e.Text)
		} else {
			names := make([]string, 0, len(e.Forms))
			for f := range e.Forms {
				names = append(names, f)
			}
			slices.Sort(names)
			for _, f := range names {
				if bad(f) || bad(e.Forms[f]) {
					return nil, fmt.Errorf("%s.%s: a control byte (\\x00–\\x02) in the form's name or text", k, f)
				}
				b.WriteString(forms + f + named + e.Forms[f])
			}
		}
		b.WriteString(end)
	}
	return []byte(b.String()), nil
}

// Count is the number of entries in file s (for a map of the right size).
func Count(s string) int { return strings.Count(s, end) / 2 }

// errTruncated is a file that ends inside an entry.
var errTruncated = errors.New("records: truncated")

// Each calls fn with every entry of file s, in its order. The strings
// fn gets are parts of s: nothing is copied.
func Each(s string, fn func(key string, e Entry)) error {
	for s != "" {
		k, rest, ok := strings.Cut(s, end)
		if !ok {
			return errTruncated
		}
		text, rest, ok := strings.Cut(rest, end)
		if !ok {
			return errTruncated
		}
		s = rest
		if !strings.HasPrefix(text, forms) {
			fn(k, Entry{Text: text})
			continue
		}
		e := Entry{Forms: make(map[string]string, strings.Count(text, forms))}
		for f := range strings.SplitSeq(text[1:], forms) {
			name, t, ok := strings.Cut(f, named)
			if !ok {
				return fmt.Errorf("records: %s: a plural form without a name", k)
			}
			e.Forms[name] = t
		}
		fn(k, e)
	}
	return nil
}
