package thirdparty

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite each copy's patch from the copy")

// copies are the modules that go.mod replaces with a directory here: each
// is the root package of an upstream release plus its patch. skip names
// the release's tests of what the patch removes (go test -skip).
var copies = []struct {
	module, version, dir, skip string
}{
	// The validator copy has no "image" and "mimetype" tags: they read a
	// file from disk and sniff its type with gabriel-vasile/mimetype,
	// whose packages (and debug/dwarf, debug/macho) every function linked
	// and started for nothing. Nothing here validates files. Nor has it
	// "eth_addr_checksum", whose Keccak hash brought golang.org/x/crypto's
	// sha3 and x/sys/cpu: nothing here takes Ethereum addresses.
	{"github.com/go-playground/validator/v10", "v10.30.6", "validator", "^(TestImageValidation|TestMIMETypeValidation|TestEthereumAddressChecksumValidation)$"},
	// The attributevalue copy has no conversions from DynamoDB Streams'
	// types: they linked those types, and started their schemas, in
	// every function. Nothing here converts stream records with it.
	{"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue", "v1.21.18", "attributevalue", ""},
}

// upstream returns the module's release from the Go module proxy (its
// cache), as the go command verified it against go.sum's checksum
// database.
func upstream(t *testing.T, module, version string) string {
	t.Helper()
	cmd := exec.Command("go", "mod", "download", "-json", module+"@"+version)
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go mod download %s@%s: %v", module, version, err)
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		t.Fatalf("go mod download %s@%s: %s %v", module, version, m.Error, err)
	}
	return m.Dir
}

// rootFiles copies the files of a copy from dir into to: go.mod, LICENSE
// (or LICENSE.txt) and the root package's non-test Go files; with tests, its tests, go.sum
// and testdata too.
func rootFiles(t *testing.T, dir, to string, tests bool) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		keep := name == "go.mod" || name == "LICENSE" || name == "LICENSE.txt" ||
			(strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go"))
		if tests {
			keep = strings.HasSuffix(name, "_test.go") || name == "go.sum"
		}
		if e.IsDir() {
			if tests && name == "testdata" {
				if err := os.CopyFS(filepath.Join(to, name), os.DirFS(filepath.Join(dir, name))); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		if !keep {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCopiesAreUpstreamAndTheirPatch: a copy differs from its release
// only as its patch (<dir>.patch) says. The patch ignores changes of
// whitespace (git diff -w): the tables the validator patch wraps in
// functions are only indented once more, and gofmt (make lint) fixes the
// copy's whitespace.
func TestCopiesAreUpstreamAndTheirPatch(t *testing.T) {
	for _, c := range copies {
		t.Run(c.dir, func(t *testing.T) {
			tmp := t.TempDir()
			rootFiles(t, upstream(t, c.module, c.version), filepath.Join(tmp, "a"), false)
			rootFiles(t, c.dir, filepath.Join(tmp, "b"), false)
			cmd := exec.Command("git", "diff", "--no-index", "-w", "--no-color", "a", "b")
			cmd.Dir = tmp
			got, err := cmd.Output()
			if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
				t.Fatalf("git diff: %v", err)
			}
			name := c.dir + ".patch"
			if *update {
				if err := os.WriteFile(name, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("third_party/%s differs from %s@%s other than %s says (go test ./third_party -update rewrites it):\n%s",
					c.dir, c.module, c.version, name, got)
			}
		})
	}
}

// TestCopiesPassUpstreamTests runs each release's own tests on its copy.
func TestCopiesPassUpstreamTests(t *testing.T) {
	for _, c := range copies {
		t.Run(c.dir, func(t *testing.T) {
			tmp := t.TempDir()
			rootFiles(t, c.dir, tmp, false)
			up := upstream(t, c.module, c.version)
			rootFiles(t, up, tmp, true)
			if c.dir == "validator" {
				tablesTest(t, up, tmp)
			}
			cmd := exec.Command("go", "test", "-count=1", "-skip", c.skip, ".")
			cmd.Dir = tmp
			cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("upstream tests of %s@%s on third_party/%s: %v\n%s", c.module, c.version, c.dir, err, out)
			}
		})
	}
}

// tablesTest writes a test beside the copy (in to) that checks each
// lookup table the patch builds at first use against the release's map
// literal (read from up's sources): every key and value, not only the
// samples upstream's tests try.
func tablesTest(t *testing.T, up, to string) {
	t.Helper()
	want := map[string]map[string][]string{}
	fset := token.NewFileSet()
	for _, name := range []string{"country_codes.go", "currency_codes.go", "language_codes.go", "postcode_regexes.go"} {
		f, err := parser.ParseFile(fset, filepath.Join(up, name), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				v := spec.(*ast.ValueSpec)
				if len(v.Values) != 1 {
					continue
				}
				lit, ok := v.Values[0].(*ast.CompositeLit)
				if _, isMap := lit.Type.(*ast.MapType); !ok || !isMap || len(lit.Elts) == 0 { // the empty map of compiled patterns stays
					continue
				}
				table := map[string][]string{}
				for _, e := range lit.Elts {
					kv := e.(*ast.KeyValueExpr)
					table[literal(t, kv.Key)] = values(t, kv.Value)
				}
				want[v.Names[0].Name] = table
			}
		}
	}
	if len(want) != 13 {
		t.Fatalf("%d map literals in the release's table files, want 13", len(want))
	}
	js, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var calls strings.Builder
	for name := range want {
		fmt.Fprintf(&calls, "\t\t%q: norm(%s()),\n", name, name)
	}
	src := `package validator

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
)

// norm is a table as strings: its keys, each with its values.
func norm(m any) map[string][]string {
	out := map[string][]string{}
	r := reflect.ValueOf(m)
	for _, k := range r.MapKeys() {
		v, vs := r.MapIndex(k), []string{}
		switch v.Kind() {
		case reflect.String:
			vs = append(vs, v.String())
		case reflect.Slice:
			vs = append(vs, v.Interface().([]string)...)
		}
		out[fmt.Sprint(k.Interface())] = vs
	}
	return out
}

func TestTablesAsTheRelease(t *testing.T) {
	var want map[string]map[string][]string
	if err := json.Unmarshal([]byte(` + strconv.Quote(string(js)) + `), &want); err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string][]string{
` + calls.String() + `	}
	for name, w := range want {
		if !reflect.DeepEqual(got[name], w) {
			t.Errorf("%s: %d entries, the release's literal %d, or a value differs", name, len(got[name]), len(w))
		}
	}
}
`
	if err := os.WriteFile(filepath.Join(to, "zz_tables_test.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// literal is a map key of the release's tables: a string or an integer.
func literal(t *testing.T, e ast.Expr) string {
	t.Helper()
	b, ok := e.(*ast.BasicLit)
	if !ok {
		t.Fatalf("key %T", e)
	}
	if b.Kind == token.STRING {
		s, err := strconv.Unquote(b.Value)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	return b.Value
}

// values is a map value of the release's tables: struct{}{} (none), a
// string or a list of strings.
func values(t *testing.T, e ast.Expr) []string {
	t.Helper()
	vs := []string{}
	switch v := e.(type) {
	case *ast.CompositeLit:
		for _, x := range v.Elts {
			vs = append(vs, literal(t, x))
		}
	default:
		vs = append(vs, literal(t, v))
	}
	return vs
}
