package xlsform

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// token is one piece of a relevant or constraint expression.
type token struct {
	kind byte   // 'r' ${ref}, 's' quoted string, 'n' number, 'w' word, 'o' operator, 'p' punctuation
	text string // the ref's name, the string's content, the number, word, operator or punctuation
}

// tokens splits an expression; false when it holds something no
// supported form has (an unclosed quote or ${, a stray character).
func tokens(s string) ([]token, bool) {
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '$':
			if i+1 >= len(s) || s[i+1] != '{' {
				return nil, false
			}
			end := strings.IndexByte(s[i+2:], '}')
			if end < 0 {
				return nil, false
			}
			out = append(out, token{'r', strings.TrimSpace(s[i+2 : i+2+end])})
			i += end + 3
		case c == '\'' || c == '"':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				return nil, false
			}
			out = append(out, token{'s', s[i+1 : i+1+end]})
			i += end + 2
		case c == '=' || c == '!' || c == '>' || c == '<':
			op := string(c)
			if i+1 < len(s) && s[i+1] == '=' {
				op += "="
			}
			if op == "!" {
				return nil, false
			}
			out = append(out, token{'o', op})
			i += len(op)
		case c == '(' || c == ')' || c == ',' || c == '.':
			if c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				j := numberEnd(s, i)
				out = append(out, token{'n', s[i:j]})
				i = j
				continue
			}
			out = append(out, token{'p', string(c)})
			i++
		case c == '-' || c >= '0' && c <= '9':
			j := numberEnd(s, i)
			if j == i+1 && c == '-' {
				return nil, false
			}
			out = append(out, token{'n', s[i:j]})
			i = j
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9' || s[j] == '_' || s[j] == '-' || s[j] == ':') {
				j++
			}
			out = append(out, token{'w', strings.ToLower(s[i:j])})
			i = j
		default:
			return nil, false
		}
	}
	return out, true
}

func numberEnd(s string, i int) int {
	j := i
	if j < len(s) && s[j] == '-' {
		j++
	}
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
		j++
	}
	return j
}

// parseRelevant reads a relevant cell (AUTHORING.md's grammar) into a
// showIf; false when it is not of that grammar. One term is "all".
func parseRelevant(s string) (*survey.ShowIf, bool) {
	toks, ok := tokens(s)
	if !ok || len(toks) == 0 {
		return nil, false
	}
	var conds []survey.Condition
	joiner := ""
	for i := 0; ; {
		c, n, ok := relevantTerm(toks[i:])
		if !ok {
			return nil, false
		}
		conds = append(conds, c)
		i += n
		if i == len(toks) {
			break
		}
		if t := toks[i]; t.kind != 'w' || (t.text != "and" && t.text != "or") || (joiner != "" && joiner != t.text) {
			return nil, false
		} else {
			joiner = t.text
		}
		i++
		if i == len(toks) {
			return nil, false
		}
	}
	merged := conds[:1]
	for _, c := range conds[1:] {
		last := &merged[len(merged)-1]
		switch {
		case last.Question != c.Question:
		case joiner == "or" && last.In != nil && c.In != nil:
			last.In = append(last.In, c.In...)
			continue
		case joiner == "or" && last.Includes != nil && c.Includes != nil:
			last.Includes = append(last.Includes, c.Includes...)
			continue
		case joiner == "and" && last.NotIn != nil && c.NotIn != nil:
			last.NotIn = append(last.NotIn, c.NotIn...)
			continue
		}
		merged = append(merged, c)
	}
	if joiner == "or" {
		return &survey.ShowIf{Any: merged}, true
	}
	return &survey.ShowIf{All: merged}, true
}

// relevantTerm reads one condition at the start of toks: how many tokens
// it took.
func relevantTerm(toks []token) (survey.Condition, int, bool) {
	var c survey.Condition
	at := func(i int, kind byte, text string) bool {
		return i < len(toks) && toks[i].kind == kind && (text == "" || toks[i].text == text)
	}
	if at(0, 'w', "selected") {
		if !at(1, 'p', "(") || !at(2, 'r', "") || !at(3, 'p', ",") || !at(4, 's', "") || !at(5, 'p', ")") {
			return c, 0, false
		}
		c.Question, c.Includes = toks[2].text, []string{toks[4].text}
		return c, 6, true
	}
	if !at(0, 'r', "") || !at(1, 'o', "") {
		return c, 0, false
	}
	c.Question = toks[0].text
	op := toks[1].text
	v, n, ok := value(toks[2:])
	if !ok {
		return c, 0, false
	}
	switch {
	case op == "=" && v.empty:
		c.Answered = new(bool)
	case op == "!=" && v.empty:
		yes := true
		c.Answered = &yes
	case op == "=" && !v.date:
		c.In = []string{v.text}
	case op == "!=" && !v.date:
		c.NotIn = []string{v.text}
	case (op == ">=" || op == "<=") && v.bound != nil:
		if op == ">=" {
			c.Gte = v.bound
		} else {
			c.Lte = v.bound
		}
	default:
		return c, 0, false
	}
	return c, 2 + n, true
}

// operand is a comparison's right side.
type operand struct {
	text  string // as a code: the string's content or the number as written
	empty bool   // ''
	date  bool   // date('…')
	bound *survey.Bound
}

// value reads an operand: 'x', "x", a number, date('YYYY-MM-DD').
func value(toks []token) (operand, int, bool) {
	if len(toks) == 0 {
		return operand{}, 0, false
	}
	switch t := toks[0]; t.kind {
	case 's':
		v := operand{text: t.text, empty: t.text == ""}
		if _, ok := survey.ParseDate(t.text); ok {
			v.bound = survey.DateBound(t.text)
		}
		return v, 1, true
	case 'n':
		f, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return operand{}, 0, false
		}
		return operand{text: t.text, bound: survey.NumberBound(f)}, 1, true
	case 'w':
		if t.text == "date" && len(toks) >= 4 && toks[1].text == "(" && toks[2].kind == 's' && toks[3].text == ")" {
			if _, ok := survey.ParseDate(toks[2].text); ok {
				return operand{date: true, bound: survey.DateBound(toks[2].text)}, 4, true
			}
		}
	}
	return operand{}, 0, false
}

// quote writes a code as a string literal ("" when it cannot be one).
func quote(s string) string {
	switch {
	case !strings.Contains(s, "'"):
		return "'" + s + "'"
	case !strings.Contains(s, `"`):
		return `"` + s + `"`
	}
	return ""
}

func boundText(b *survey.Bound) string {
	if b.IsDate() {
		return "date('" + b.Date + "')"
	}
	return strconv.FormatFloat(b.Number, 'f', -1, 64)
}

// formatRelevant writes a showIf in the relevant grammar, or, when that
// grammar cannot say exactly the same (reading it back gives another
// showIf), as JSON for the show_if column: relevant is "" then.
func formatRelevant(s *survey.ShowIf) (relevant, showIf string) {
	if s == nil {
		return "", ""
	}
	if text, ok := relevantText(s); ok {
		if back, ok := parseRelevant(text); ok && sameJSON(back, s) {
			return text, ""
		}
	}
	b, _ := json.Marshal(s)
	return "", string(b)
}

func relevantText(s *survey.ShowIf) (string, bool) {
	conds, joiner := s.All, " and "
	if len(s.Any) > 0 {
		if len(s.All) > 0 {
			return "", false
		}
		conds, joiner = s.Any, " or "
	}
	var terms []string
	for _, c := range conds {
		if strings.ContainsAny(c.Question, "{}") {
			return "", false
		}
		ref := "${" + c.Question + "}"
		add := func(format string, vals []string) bool {
			for _, v := range vals {
				q := quote(v)
				if q == "" {
					return false
				}
				terms = append(terms, strings.Replace(format, "%", q, 1))
			}
			return true
		}
		ok := true
		switch {
		case c.Answered != nil && *c.Answered:
			terms = append(terms, ref+" != ''")
		case c.Answered != nil:
			terms = append(terms, ref+" = ''")
		case c.In != nil:
			ok = add(ref+" = %", c.In)
		case c.NotIn != nil:
			ok = add(ref+" != %", c.NotIn)
		case c.Includes != nil:
			ok = add("selected("+ref+", %)", c.Includes)
		case c.Gte != nil:
			terms = append(terms, ref+" >= "+boundText(c.Gte))
		case c.Lte != nil:
			terms = append(terms, ref+" <= "+boundText(c.Lte))
		default:
			return "", false
		}
		if !ok {
			return "", false
		}
	}
	return strings.Join(terms, joiner), len(terms) > 0
}

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

// rules are what a constraint or parameters cell sets.
type rules struct {
	min, max  *survey.Bound
	maxLength int
}

// parseConstraint reads a constraint cell: ". >= v", ". <= v" (a number
// or a date) and "string-length(.) <= n", joined by "and".
func parseConstraint(s string) (rules, bool) {
	var r rules
	toks, ok := tokens(s)
	if !ok || len(toks) == 0 {
		return r, false
	}
	for i := 0; i < len(toks); {
		if i > 0 {
			if toks[i].kind != 'w' || toks[i].text != "and" || i+1 == len(toks) {
				return r, false
			}
			i++
		}
		rest := toks[i:]
		switch {
		case len(rest) >= 3 && rest[0].text == "." && rest[0].kind == 'p' && rest[1].kind == 'o':
			v, n, ok := value(rest[2:])
			if !ok || v.bound == nil {
				return r, false
			}
			switch rest[1].text {
			case ">=":
				r.min = v.bound
			case "<=":
				r.max = v.bound
			default:
				return r, false
			}
			i += 2 + n
		case len(rest) >= 6 && rest[0].kind == 'w' && rest[0].text == "string-length" && rest[1].text == "(" && rest[2].text == "." && rest[3].text == ")" && rest[4].text == "<=" && rest[5].kind == 'n':
			n, err := strconv.Atoi(rest[5].text)
			if err != nil || n <= 0 {
				return r, false
			}
			r.maxLength = n
			i += 6
		default:
			return r, false
		}
	}
	return r, true
}

// formatConstraint writes a question's bounds and maximum length as a
// constraint ("" for none).
func formatConstraint(q *survey.Question) string {
	var terms []string
	if q.Min != nil {
		terms = append(terms, ". >= "+boundText(q.Min))
	}
	if q.Max != nil {
		terms = append(terms, ". <= "+boundText(q.Max))
	}
	if q.MaxLength > 0 {
		terms = append(terms, "string-length(.) <= "+strconv.Itoa(q.MaxLength))
	}
	return strings.Join(terms, " and ")
}

// parseParameters reads a scale's (XLSForm range's) parameters: "start=1
// end=5", optionally "step=1" (no other step).
func parseParameters(s string) (rules, bool) {
	var r rules
	for _, f := range strings.FieldsFunc(s, func(c rune) bool { return c == ' ' || c == ';' || c == ',' || c == '\t' }) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			return r, false
		}
		n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return r, false
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "start":
			r.min = survey.NumberBound(n)
		case "end":
			r.max = survey.NumberBound(n)
		case "step":
			if n != 1 {
				return r, false
			}
		default:
			return r, false
		}
	}
	return r, true
}

func formatParameters(q *survey.Question) string {
	var p []string
	if q.Min != nil {
		p = append(p, "start="+q.Min.String())
	}
	if q.Max != nil {
		p = append(p, "end="+q.Max.String())
	}
	return strings.Join(p, " ")
}
