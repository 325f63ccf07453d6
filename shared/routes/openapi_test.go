package routes_test

import (
	"os"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// TestOpenAPIMatchesRouteTable keeps docs/openapi.yaml and the route table
// in step: the same routes, admin routes secured, public ones not.
func TestOpenAPIMatchesRouteTable(t *testing.T) {
	b, err := os.ReadFile("../../docs/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                               `yaml:"openapi"`
		Paths   map[string]map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi version %q, want 3.1.x", doc.OpenAPI)
	}
	var inDoc []string
	secured := map[string]bool{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			switch method {
			case "get", "post", "put", "delete", "patch":
				key := strings.ToUpper(method) + " " + path
				inDoc = append(inDoc, key)
				_, secured[key] = op["security"]
			}
		}
	}
	var inTable []string
	for _, r := range routes.Table {
		inTable = append(inTable, r.Key())
		if secured[r.Key()] != r.Admin {
			t.Errorf("%s: security in openapi.yaml = %v, admin in the route table = %v", r.Key(), secured[r.Key()], r.Admin)
		}
	}
	sort.Strings(inDoc)
	sort.Strings(inTable)
	if strings.Join(inDoc, "\n") != strings.Join(inTable, "\n") {
		t.Errorf("openapi.yaml and the route table differ:\nopenapi:\n  %s\ntable:\n  %s",
			strings.Join(inDoc, "\n  "), strings.Join(inTable, "\n  "))
	}
}

func TestRouteTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range routes.Table {
		if seen[r.Key()] {
			t.Errorf("duplicate route %s", r.Key())
		}
		seen[r.Key()] = true
		if r.Admin != strings.HasPrefix(r.Path, "/admin/") {
			t.Errorf("%s: admin flag %v does not match its path", r.Key(), r.Admin)
		}
		if r.Function == "" {
			t.Errorf("%s: no function", r.Key())
		}
		if _, err := os.Stat("../../functions/" + string(r.Function) + "/main.go"); err != nil {
			t.Errorf("%s: function %s has no main.go under functions/", r.Key(), r.Function)
		}
	}
}

// TestOpenAPIRefsResolve: every $ref in docs/openapi.yaml points at a
// component that exists.
func TestOpenAPIRefsResolve(t *testing.T) {
	b, err := os.ReadFile("../../docs/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if ref, ok := e.(string); ok && k == "$ref" {
					var cur any = doc
					for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
						m, _ := cur.(map[string]any)
						cur = m[part]
					}
					if cur == nil {
						t.Errorf("dangling $ref %s", ref)
					}
					continue
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
}
