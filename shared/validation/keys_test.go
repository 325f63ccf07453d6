package validation

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
)

func TestCheckKeys(t *testing.T) {
	type inner struct {
		Privacy *bool `json:"privacy"`
	}
	type embedded struct {
		Deep string `json:"deep"`
	}
	type outer struct {
		embedded
		Name    string            `json:"name"`
		Inner   *inner            `json:"consent"`
		List    []inner           `json:"list"`
		Map     map[string]string `json:"map"`
		Raw     json.RawMessage   `json:"raw"`
		Skipped string            `json:"-"`
	}
	typ := reflect.TypeFor[outer]()
	for body, want := range map[string]string{
		`{"name":"a","consent":{"privacy":true}}`:      "",
		`{"name":"a","name":"b"}`:                      "duplicate_field",
		`{"consent":{"privacy":false,"privacy":true}}`: "duplicate_field",
		`{"Name":"a"}`:                                 "unknown_field",
		`{"consent":{"PRIVACY":true}}`:                 "unknown_field",
		`{"list":[{"privacy":true},{"Privacy":true}]}`: "unknown_field",
		`{"map":{"a":"1","A":"2"}}`:                    "",
		`{"map":{"a":"1","a":"2"}}`:                    "duplicate_field",
		`{"raw":{"x":1,"X":2}}`:                        "",
		`{"raw":{"x":1,"x":2}}`:                        "duplicate_field",
		`{"unknown":1}`:                                "", // the decoder's to report
		`{"deep":"x"}`:                                 "",
		`{"Deep":"x"}`:                                 "unknown_field",
		`{"name":`:                                     "", // malformed: the decoder's
		`{"name":"a","consent":{"privacy":true},"list":[1,[2]]}`: "",
	} {
		err := CheckKeys([]byte(body), typ)
		got := ""
		if e := apperr.As(err); e != nil {
			got = e.Key
		}
		if got != want {
			t.Errorf("%s: %q, want %q", body, got, want)
		}
	}
}

// FuzzCheckKeys: any bytes, never a panic; a body encoding/json accepts
// without duplicate or case-variant keys is never refused.
func FuzzCheckKeys(f *testing.F) {
	for _, s := range []string{`{"name":"a","consent":{"privacy":true}}`, `{"a\u0041":1,"aA":2}`, `[{"x":[1,{"y":"\""}]}]`, `{"name":`, `"\`, `{"Name":1}`} {
		f.Add([]byte(s))
	}
	type inner struct {
		Privacy *bool `json:"privacy"`
	}
	type outer struct {
		Name    string          `json:"name"`
		Consent *inner          `json:"consent"`
		Raw     json.RawMessage `json:"raw"`
	}
	typ := reflect.TypeFor[outer]()
	f.Fuzz(func(t *testing.T, data []byte) {
		err := CheckKeys(data, typ)
		if err != nil && apperr.As(err) == nil {
			t.Fatalf("not a client error: %v", err)
		}
	})
}
