package validation

import (
	"bytes"
	"encoding/json"
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
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	err := walk(dec, t, "")
	if ke, ok := err.(*apperr.Error); ok {
		return ke
	}
	return nil // a syntax error: the decoder reports it
}

var rawMessage = reflect.TypeFor[json.RawMessage]()

func walk(dec *json.Decoder, t reflect.Type, path string) error {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == rawMessage {
		t = nil
	}
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		var fields map[string]reflect.Type
		var elem reflect.Type
		if t != nil && t.Kind() == reflect.Struct {
			fields = jsonFields(t)
		} else if t != nil && t.Kind() == reflect.Map {
			elem = t.Elem()
		}
		seen := map[string]bool{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ := kt.(string)
			at := key
			if path != "" {
				at = path + "." + key
			}
			if seen[key] {
				return apperr.New(apperr.BadRequest, "duplicate_field", clip(at))
			}
			seen[key] = true
			sub := elem
			if fields != nil {
				ft, ok := fields[key]
				if !ok {
					for name := range fields {
						if strings.EqualFold(name, key) {
							return apperr.New(apperr.BadRequest, "unknown_field", clip(at))
						}
					}
				}
				sub = ft
			}
			if err := walk(dec, sub, at); err != nil {
				return err
			}
		}
		_, err = dec.Token() // '}'
		return err
	case json.Delim('['):
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for dec.More() {
			if err := walk(dec, elem, path); err != nil {
				return err
			}
		}
		_, err = dec.Token() // ']'
		return err
	}
	return nil
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
