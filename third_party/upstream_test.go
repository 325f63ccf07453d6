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
	"slices"
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
	pkgs                       []string // its packages other than the root, which the copy holds too
}{
	// The validator copy has no "image" and "mimetype" tags: they read a
	// file from disk and sniff its type with gabriel-vasile/mimetype,
	// whose packages (and debug/dwarf, debug/macho) every function linked
	// and started for nothing. Nothing here validates files. Nor has it
	// "eth_addr_checksum", whose Keccak hash brought golang.org/x/crypto's
	// sha3 and x/sys/cpu: nothing here takes Ethereum addresses.
	{"github.com/go-playground/validator/v10", "v10.30.6", "validator", "^(TestImageValidation|TestMIMETypeValidation|TestEthereumAddressChecksumValidation)$", nil},
	// The attributevalue copy has no conversions from DynamoDB Streams'
	// types: they linked those types, and started their schemas, in
	// every function. Nothing here converts stream records with it.
	{"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue", "v1.21.18", "attributevalue", "", nil},
	// The ulid copy makes its default entropy source (a math/rand source
	// it seeds, 4.9 KB) at first use, and the ical copy its three
	// expressions and two replacers: not in every function's start.
	{"github.com/oklog/ulid/v2", "v2.1.2", "ulid", "", nil},
	{"github.com/arran4/golang-ical", "v0.3.4", "ical", "", nil},
	// The DynamoDB copy builds an operation's schemas when the operation
	// is first called, not all of them when a function starts: its
	// schemas/schemas.go is generated from the release's (lazySchemas,
	// generated), the rest differs by the patch.
	{"github.com/aws/aws-sdk-go-v2/service/dynamodb", "v1.73.0", "dynamodb", "", []string{"schemas", "types", "internal/customizations", "internal/endpoints"}},
}

// generated are the files of copies that a function makes from the
// release (TestGeneratedFilesAreTheirRelease), not a patch.
var generated = map[string]func(up string) ([]byte, error){
	"dynamodb/schemas/schemas.go": lazySchemas,
}

// goRelease is the Go release whose packages stdCopies copy, go.mod's.
const goRelease = "go1.26.8"

// stdCopies are copies of standard library packages: each is the
// package's non-test files in goRelease plus its patch. The templates run
// on them (README.md): text/template's calls methods through a function
// that the program sets, html/template's uses that text/template, and
// fmtsort is text/template's internal package.
var stdCopies = []struct {
	pkg, dir, patch string
}{
	{"text/template", "texttemplate", "texttemplate.patch"},
	{"internal/fmtsort", "texttemplate/internal/fmtsort", "fmtsort.patch"},
	{"html/template", "htmltemplate", "htmltemplate.patch"},
}

// stdSkip names the release's tests of what the copies leave out: the
// GODEBUG setting htmlmetacontenturlescape (the copy keeps its default).
const stdSkip = "^TestMetaContentEscapeGODEBUG$"

// goroot is the standard library's source of the go command, which must
// be goRelease's.
func goroot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT", "GOVERSION").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	f := strings.Fields(string(out))
	if len(f) != 2 {
		t.Fatalf("go env GOROOT GOVERSION: %q", out)
	}
	if f[1] != goRelease {
		t.Fatalf("the template copies are of %s; this is %s: copy its packages and rewrite the patches (third_party/README.md)", goRelease, f[1])
	}
	return filepath.Join(f[0], "src")
}

// TestStdCopiesAreTheReleaseAndTheirPatch: a standard library copy
// differs from goRelease's package only as its patch says.
func TestStdCopiesAreTheReleaseAndTheirPatch(t *testing.T) {
	src := goroot(t)
	for _, c := range stdCopies {
		t.Run(c.dir, func(t *testing.T) {
			tmp := t.TempDir()
			rootFiles(t, filepath.Join(src, c.pkg), filepath.Join(tmp, "a"), false)
			rootFiles(t, c.dir, filepath.Join(tmp, "b"), false)
			comparePatch(t, tmp, c.patch, c.dir+" differs from "+goRelease+"'s "+c.pkg, false)
		})
	}
}

// TestStdCopiesPassTheReleaseTests runs goRelease's tests of the copied
// packages on the copies, in a module of their own, with their import
// paths rewritten. The tests of text/template call methods: a test file
// added beside them lets the copies call any method by its name, as the
// standard library does. Test files that import other internal packages
// of the standard library (text/template's linker test) cannot run
// outside it and are left out.
func TestStdCopiesPassTheReleaseTests(t *testing.T) {
	src := goroot(t)
	tmp := t.TempDir()
	const self = "github.com/integration-offices/netzwerk-backend/third_party/"
	paths := strings.NewReplacer(self, "copies/",
		`"text/template"`, `"copies/texttemplate"`, `"html/template"`, `"copies/htmltemplate"`,
		`"internal/fmtsort"`, `"copies/texttemplate/internal/fmtsort"`)
	for _, c := range stdCopies {
		to := filepath.Join(tmp, c.dir)
		rootFiles(t, c.dir, to, false)
		rootFiles(t, filepath.Join(src, c.pkg), to, true)
		entries, err := os.ReadDir(to)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := filepath.Join(to, e.Name())
			if !strings.HasSuffix(name, ".go") {
				continue
			}
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			text := paths.Replace(string(b))
			if strings.HasSuffix(name, "_test.go") && strings.Contains(text, "\t\"internal/") {
				text = ""
			}
			if text == "" {
				err = os.Remove(name)
			} else {
				err = os.WriteFile(name, []byte(text), 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	const call = "func(v reflect.Value, name string) reflect.Value { return v.MethodByName(name) }"
	hooks := map[string]string{
		"texttemplate": "package template\n\nimport \"reflect\"\n\nfunc init() { MethodByName = " + call + " }\n",
		"htmltemplate": "package template\n\nimport (\n\t\"reflect\"\n\n\ttext \"copies/texttemplate\"\n)\n\nfunc init() { text.MethodByName = " + call + " }\n",
	}
	for dir, src := range hooks {
		if err := os.WriteFile(filepath.Join(tmp, dir, "zz_methods_test.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "go.mod"), []byte("module copies\n\ngo "+strings.TrimPrefix(goRelease, "go")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "test", "-count=1", "-skip", stdSkip, "./...")
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s's tests on the template copies: %v\n%s", goRelease, err, out)
	}
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

// moduleFiles copies the files of a copy from dir into to as rootFiles
// does, for the root package and for each of pkgs; with tests, also the
// release's other directories that are not packages of the copy (the
// DynamoDB release's snapshots).
func moduleFiles(t *testing.T, dir, to string, tests bool, pkgs []string) {
	t.Helper()
	rootFiles(t, dir, to, tests)
	for _, p := range pkgs {
		rootFiles(t, filepath.Join(dir, p), filepath.Join(to, p), tests)
	}
	if !tests || len(pkgs) == 0 {
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || name == "testdata" || slices.ContainsFunc(pkgs, func(p string) bool { return p == name || strings.HasPrefix(p, name+"/") }) {
			continue
		}
		if err := os.CopyFS(filepath.Join(to, name), os.DirFS(filepath.Join(dir, name))); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGeneratedFilesAreTheirRelease: each generated file of a copy is
// what its function makes from the release (-update writes it).
func TestGeneratedFilesAreTheirRelease(t *testing.T) {
	for name, gen := range generated {
		t.Run(name, func(t *testing.T) {
			dir, _, _ := strings.Cut(name, "/")
			i := slices.IndexFunc(copies, func(c struct {
				module, version, dir, skip string
				pkgs                       []string
			}) bool {
				return c.dir == dir
			})
			if i < 0 {
				t.Fatalf("no copy in %s", dir)
			}
			want, err := gen(upstream(t, copies[i].module, copies[i].version))
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				if err := os.WriteFile(name, want, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is not what its generator makes from %s@%s (go test ./third_party -update rewrites it)", name, copies[i].module, copies[i].version)
			}
		})
	}
}

// TestCopiesAreUpstreamAndTheirPatch: a copy differs from its release
// only as its patch (<dir>.patch) says. The patch ignores changes of
// whitespace (git diff -w): the tables the validator patch wraps in
// functions are only indented once more, and gofmt (make lint) fixes the
// copy's whitespace. (The standard library copies are compared without
// -w: TestStdCopiesAreTheReleaseAndTheirPatch.)
func TestCopiesAreUpstreamAndTheirPatch(t *testing.T) {
	for _, c := range copies {
		t.Run(c.dir, func(t *testing.T) {
			tmp := t.TempDir()
			moduleFiles(t, upstream(t, c.module, c.version), filepath.Join(tmp, "a"), false, c.pkgs)
			moduleFiles(t, c.dir, filepath.Join(tmp, "b"), false, c.pkgs)
			for name := range generated { // compared with what makes them, not by the patch
				if rel, ok := strings.CutPrefix(name, c.dir+"/"); ok {
					b, err := os.ReadFile(filepath.Join(tmp, "a", rel))
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(tmp, "b", rel), b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			comparePatch(t, tmp, c.dir+".patch", "third_party/"+c.dir+" differs from "+c.module+"@"+c.version, true)
		})
	}
}

// comparePatch compares the difference of tmp/a and tmp/b with the patch
// (-update writes it); what names the copy in the error. With
// ignoreSpace the difference ignores changes of whitespace (git diff -w),
// which also ignores them inside string literals: only for the module
// copies, whose tables the patch indents; the standard library copies are
// compared byte for byte.
func comparePatch(t *testing.T, tmp, patch, what string, ignoreSpace bool) {
	t.Helper()
	args := []string{"diff", "--no-index", "--no-color", "a", "b"}
	if ignoreSpace {
		args = []string{"diff", "--no-index", "-w", "--no-color", "a", "b"}
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = tmp
	got, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		t.Fatalf("git diff: %v", err)
	}
	if *update {
		if err := os.WriteFile(patch, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(patch)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s other than %s says (go test ./third_party -update rewrites it):\n%s", what, patch, got)
	}
}

// TestCopiesPassUpstreamTests runs each release's own tests on its copy.
func TestCopiesPassUpstreamTests(t *testing.T) {
	for _, c := range copies {
		t.Run(c.dir, func(t *testing.T) {
			tmp := t.TempDir()
			moduleFiles(t, c.dir, tmp, false, c.pkgs)
			up := upstream(t, c.module, c.version)
			moduleFiles(t, up, tmp, true, c.pkgs)
			if c.dir == "validator" {
				tablesTest(t, up, tmp)
			}
			cmd := exec.Command("go", "test", "-count=1", "-skip", c.skip, ".")
			if len(c.pkgs) > 0 {
				cmd.Args[len(cmd.Args)-1] = "./..."
			}
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
