package validation

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"sync"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
)

// CheckKeys walks JSON data along the Go type t it is about to be decoded
// into and rejects what encoding/json would accept silently: a key that
// appears twice in one object (the last one would win:
// "privacy":false,"privacy":true), and a key that names a struct field only
// when case is ignored ("Name" for "name"). Unknown keys and malformed JSON
// are left to the decoder. Inside json.RawMessage and interface values only
// duplicates are checked; their own decoding checks the rest.
func CheckKeys(data []byte, t reflect.Type) error {
	sc := keyScanner{data: data}
	if err := sc.value(t, ""); err != errMalformed {
		return err
	}
	return nil // malformed JSON: the decoder reports it
}

var (
	rawMessage   = reflect.TypeFor[json.RawMessage]()
	errMalformed = errors.New("malformed JSON")
)

// keyScanner walks JSON bytes once, without building values: a request is
// decoded right after, and this check must cost little beside it.
type keyScanner struct {
	data []byte
	i    int
}

func (sc *keyScanner) space() {
	for sc.i < len(sc.data) {
		switch sc.data[sc.i] {
		case ' ', '\t', '\r', '\n':
			sc.i++
		default:
			return
		}
	}
}

// at reports whether the next byte is c (after white space).
func (sc *keyScanner) at(c byte) bool {
	sc.space()
	return sc.i < len(sc.data) && sc.data[sc.i] == c
}

// value checks the value at the current position, to be decoded into t
// (nil: unknown, so only duplicates are checked).
func (sc *keyScanner) value(t reflect.Type, path string) error {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == rawMessage {
		t = nil
	}
	sc.space()
	if sc.i >= len(sc.data) {
		return errMalformed
	}
	switch sc.data[sc.i] {
	case '{':
		return sc.object(t, path)
	case '[':
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		return sc.list(']', func() error { return sc.value(elem, path) })
	case '"':
		_, _, err := sc.str()
		return err
	}
	for sc.i < len(sc.data) && !strings.ContainsRune(",]} \t\r\n", rune(sc.data[sc.i])) {
		sc.i++
	}
	return nil
}

// list reads the members of an array or object up to end, one by one.
func (sc *keyScanner) list(end byte, member func() error) error {
	sc.i++
	for first := true; ; first = false {
		if sc.at(end) {
			sc.i++
			return nil
		}
		if !first {
			if !sc.at(',') {
				return errMalformed
			}
			sc.i++
		}
		if err := member(); err != nil {
			return err
		}
	}
}

// str reads a string: its raw bytes, and whether it has escapes.
func (sc *keyScanner) str() ([]byte, bool, error) {
	start, escaped := sc.i+1, false
	for sc.i++; sc.i < len(sc.data); sc.i++ {
		switch sc.data[sc.i] {
		case '\\':
			escaped = true
			sc.i++
		case '"':
			sc.i++
			return sc.data[start : sc.i-1], escaped, nil
		}
	}
	return nil, false, errMalformed
}

func (sc *keyScanner) object(t reflect.Type, path string) error {
	var fields map[string]reflect.Type
	var elem reflect.Type
	if t != nil && t.Kind() == reflect.Struct {
		fields = jsonFields(t)
	} else if t != nil && t.Kind() == reflect.Map {
		elem = t.Elem()
	}
	var seenArr [16][]byte
	seen := seenArr[:0]
	return sc.list('}', func() error {
		if !sc.at('"') {
			return errMalformed
		}
		from := sc.i
		k, escaped, err := sc.str()
		if err != nil {
			return err
		}
		if escaped {
			var unq string
			if json.Unmarshal(sc.data[from:sc.i], &unq) != nil {
				return errMalformed
			}
			k = []byte(unq)
		}
		// Keys are not copied, and paths are only built for an error.
		at := func() string {
			if path != "" {
				return clip(path + "." + string(k))
			}
			return clip(string(k))
		}
		for _, s := range seen {
			if bytes.Equal(s, k) {
				return apperr.New(apperr.BadRequest, "duplicate_field", at())
			}
		}
		seen = append(seen, k)
		sub := elem
		if fields != nil {
			ft, ok := fields[string(k)]
			if !ok {
				for name := range fields {
					if bytes.EqualFold([]byte(name), k) {
						return apperr.New(apperr.BadRequest, "unknown_field", at())
					}
				}
			}
			sub = ft
		}
		if !sc.at(':') {
			return errMalformed
		}
		sc.i++
		if keyless(sub) {
			return sc.value(sub, "") // no keys inside: no path needed
		}
		return sc.value(sub, at())
	})
}

// keyless reports whether a value decoded into t holds no object keys: a
// scalar, or a list of scalars.
func keyless(t reflect.Type) bool {
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		t = t.Elem()
	}
	return t != nil && t != rawMessage && (t.Kind() <= reflect.Complex128 || t.Kind() == reflect.String)
}

// clip keeps client-chosen key names short in messages.
func clip(s string) string {
	if len(s) > 64 {
		return "…"
	}
	return s
}

var fieldCache sync.Map // reflect.Type → map[string]reflect.Type

// jsonFields maps the JSON names of a struct's fields to their types;
// the fields of an embedded struct without a name count as the struct's
// own, as encoding/json has it.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k, v := range jsonFields(f.Type) {
				m[k] = v
			}
			continue
		}
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = f.Type
	}
	fieldCache.Store(t, m)
	return m
}
