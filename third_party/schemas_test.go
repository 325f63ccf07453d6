package thirdparty

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// lazySchemas is the DynamoDB copy's schemas/schemas.go, made from the
// release's (up, the module's directory): the same schemas, built when an
// operation first needs them instead of all 1,890 at package start
// (README.md, "dynamodb").
//
// The release declares each shape as a package variable set by
// smithy.NewSchema and, in its init, adds the members to their parents
// (AddMember). Here every variable is declared without a value; each
// shape that has members or is a member's target gets a function that
// makes it, once, and then its members (making their targets first).
// Load(op) makes an operation's schemas (the three that its
// smithy.NewOperationSchema names in the release's api_op_<op>.go), and
// with them every shape they reach. The service's schema and the error
// shapes (type_registry.go's, which the package's TypeRegistry holds from
// its start) are made at package start, as in the release.
func lazySchemas(up string) ([]byte, error) {
	fset := token.NewFileSet()
	file := filepath.Join(up, "schemas", "schemas.go")
	f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	text := func(n ast.Node) string {
		return string(src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset])
	}

	type shape struct {
		name, expr string
		deps       []string // schema variables its expression names
		members    []string // "<var> = <parent>.AddMember(...)", in the release's order
		targets    []string // the members' targets (schema variables)
	}
	var (
		order  []string // every variable, in the release's order
		types  = map[string]string{}
		shapes = map[string]*shape{}
	)
	var initBody *ast.BlockStmt
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok != token.VAR {
				continue
			}
			for _, s := range d.Specs {
				v := s.(*ast.ValueSpec)
				if len(v.Names) != 1 {
					return nil, fmt.Errorf("%s: a declaration of %d variables", fset.Position(v.Pos()), len(v.Names))
				}
				name := v.Names[0].Name
				order = append(order, name)
				switch {
				case v.Type != nil && len(v.Values) == 0:
					types[name] = text(v.Type)
				case v.Type == nil && len(v.Values) == 1:
					call, ok := v.Values[0].(*ast.CallExpr)
					if !ok {
						return nil, fmt.Errorf("%s: %s is not made by a call", fset.Position(v.Pos()), name)
					}
					switch fn := text(call.Fun); fn {
					case "smithy.NewSchema":
						types[name] = "*smithy.Schema"
					case "smithy.NewServiceSchema":
						types[name] = "*smithy.ServiceSchema"
					default:
						return nil, fmt.Errorf("%s: %s is made by %s", fset.Position(v.Pos()), name, fn)
					}
					shapes[name] = &shape{name: name, expr: text(call)}
				default:
					return nil, fmt.Errorf("%s: %s has neither a type nor one value", fset.Position(v.Pos()), name)
				}
			}
		case *ast.FuncDecl:
			if d.Name.Name != "init" || d.Recv != nil || initBody != nil {
				return nil, fmt.Errorf("%s: func %s", fset.Position(d.Pos()), d.Name.Name)
			}
			initBody = d.Body
		}
	}
	if initBody == nil {
		return nil, fmt.Errorf("%s: no init", file)
	}
	isSchema := func(name string) bool { _, ok := shapes[name]; return ok }
	schemaIdents := func(n ast.Node) []string {
		var out []string
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && isSchema(id.Name) && !slices.Contains(out, id.Name) {
				out = append(out, id.Name)
			}
			_, sel := n.(*ast.SelectorExpr)
			return !sel // smithyprelude.String and the like are not ours
		})
		return out
	}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, s := range g.Specs {
				v := s.(*ast.ValueSpec)
				if sh := shapes[v.Names[0].Name]; sh != nil {
					sh.deps = schemaIdents(v.Values[0])
				}
			}
		}
	}
	for _, st := range initBody.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Tok != token.ASSIGN {
			return nil, fmt.Errorf("%s: a statement of init that is not one assignment", fset.Position(st.Pos()))
		}
		call, ok := as.Rhs[0].(*ast.CallExpr)
		sel, ok2 := call.Fun.(*ast.SelectorExpr)
		if !ok || !ok2 || sel.Sel.Name != "AddMember" || len(call.Args) < 2 {
			return nil, fmt.Errorf("%s: a statement of init that is not an AddMember", fset.Position(st.Pos()))
		}
		parent, ok := sel.X.(*ast.Ident)
		if !ok || shapes[parent.Name] == nil {
			return nil, fmt.Errorf("%s: AddMember on %s", fset.Position(st.Pos()), text(sel.X))
		}
		if _, declared := types[text(as.Lhs[0])]; !declared {
			return nil, fmt.Errorf("%s: %s is not declared", fset.Position(st.Pos()), text(as.Lhs[0]))
		}
		p := shapes[parent.Name]
		p.members = append(p.members, text(st))
		for _, id := range schemaIdents(call) {
			if id != parent.Name && !slices.Contains(p.targets, id) {
				p.targets = append(p.targets, id)
			}
		}
	}

	// The operations: the schemas that each api_op file names (its
	// operation's, its input's and its output's; their members reach the rest).
	ops := map[string][]string{}
	files, err := filepath.Glob(filepath.Join(up, "api_op_*.go"))
	if err != nil {
		return nil, err
	}
	invoke := regexp.MustCompile(`c\.invokeOperation\(ctx, "(\w+)"`)
	ref := regexp.MustCompile(`schemas\.(\w+)`)
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ids := invoke.FindAllSubmatch(b, -1)
		if len(ids) != 1 {
			return nil, fmt.Errorf("%s: %d operations", name, len(ids))
		}
		var used []string
		for _, m := range ref.FindAllSubmatch(b, -1) {
			if s := string(m[1]); isSchema(s) && !slices.Contains(used, s) {
				used = append(used, s)
			} else if _, declared := types[s]; !declared {
				return nil, fmt.Errorf("%s names schemas.%s, which is not declared", name, s)
			}
		}
		if !slices.Contains(used, string(ids[0][1])) {
			return nil, fmt.Errorf("%s: no schema of its operation", name)
		}
		ops[string(ids[0][1])] = used
	}
	if len(ops) == 0 {
		return nil, fmt.Errorf("%s: no operations", up)
	}

	// What is made at start: the service's schema (the client's protocol
	// holds it) and the errors that the type registry holds.
	eager := []string{}
	for _, s := range shapes {
		if types[s.name] == "*smithy.ServiceSchema" {
			eager = append(eager, s.name)
		}
	}
	registry, err := os.ReadFile(filepath.Join(up, "type_registry.go"))
	if err != nil {
		return nil, err
	}
	for _, m := range regexp.MustCompile(`Schema: +schemas\.(\w+),`).FindAllSubmatch(registry, -1) {
		if !isSchema(string(m[1])) {
			return nil, fmt.Errorf("type_registry.go names %s", m[1])
		}
		eager = append(eager, string(m[1]))
	}
	slices.Sort(eager)
	if len(eager) < 2 {
		return nil, fmt.Errorf("%d schemas made at start", len(eager))
	}

	// Only shapes that something makes get a function.
	needed := map[string]bool{}
	var need func(string)
	need = func(name string) {
		if needed[name] {
			return
		}
		needed[name] = true
		for _, d := range shapes[name].deps {
			need(d)
		}
		for _, t := range shapes[name].targets {
			need(t)
		}
	}
	for _, used := range ops {
		for _, s := range used {
			need(s)
		}
	}
	for _, s := range eager {
		need(s)
	}
	mk := func(name string) string { return "mk" + name }

	var b bytes.Buffer
	head := strings.SplitN(string(src), "package schemas", 2)[0]
	b.WriteString(head)
	b.WriteString("// This copy is the release's, made lazy by the netzwerk-backend module's\n// third_party/schemas_test.go (go test ./third_party -update): Load.\n\n")
	b.WriteString("package schemas\n\nimport (\n\t\"sync\"\n\t\"sync/atomic\"\n\n")
	for _, imp := range f.Imports {
		b.WriteString("\t" + text(imp) + "\n")
	}
	b.WriteString(")\n\n")
	for _, name := range order {
		fmt.Fprintf(&b, "var %s %s\n", name, types[name])
	}
	b.WriteString("\nfunc init() {\n")
	for _, name := range eager {
		fmt.Fprintf(&b, "\t%s()\n", mk(name))
	}
	b.WriteString("}\n\n")
	names := make([]string, 0, len(ops))
	for op := range ops {
		names = append(names, op)
	}
	slices.Sort(names)
	fmt.Fprintf(&b, "// mu guards making the schemas; done says whose are made (Load).\nvar (\n\tmu   sync.Mutex\n\tdone [%d]atomic.Bool\n)\n\n", len(names))
	b.WriteString("// Load makes the schemas of the operation op (as the client names it) and\n// of every shape they reach, if not made before. The client calls it\n// before it builds an operation's middleware; after the first call of an\n// operation it only reads a flag.\n")
	b.WriteString("func Load(op string) {\n\ti := opIndex(op)\n\tif i < 0 || done[i].Load() {\n\t\treturn\n\t}\n\tmu.Lock()\n\tdefer mu.Unlock()\n\tif done[i].Load() {\n\t\treturn\n\t}\n\tswitch i {\n")
	for i, op := range names {
		fmt.Fprintf(&b, "\tcase %d: // %s\n", i, op)
		for _, s := range ops[op] {
			fmt.Fprintf(&b, "\t\t%s()\n", mk(s))
		}
	}
	b.WriteString("\t}\n\tdone[i].Store(true)\n}\n\n")
	b.WriteString("// opIndex is op's place in done, -1 for no operation of the client.\nfunc opIndex(op string) int {\n\tswitch op {\n")
	for i, op := range names {
		fmt.Fprintf(&b, "\tcase %s:\n\t\treturn %d\n", strconv.Quote(op), i)
	}
	b.WriteString("\t}\n\treturn -1\n}\n")
	for _, name := range order {
		s := shapes[name]
		if s == nil || !needed[name] {
			continue
		}
		fmt.Fprintf(&b, "\nfunc %s() {\n\tif %s != nil {\n\t\treturn\n\t}\n", mk(name), name)
		for _, d := range s.deps {
			fmt.Fprintf(&b, "\t%s()\n", mk(d))
		}
		fmt.Fprintf(&b, "\t%s = %s\n", name, s.expr)
		for _, t := range s.targets {
			fmt.Fprintf(&b, "\t%s()\n", mk(t))
		}
		for _, m := range s.members {
			fmt.Fprintf(&b, "\t%s\n", m)
		}
		b.WriteString("}\n")
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("the lazy schemas do not compile: %v", err)
	}
	return out, nil
}
