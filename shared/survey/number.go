package survey

import (
	"math"
	"strconv"
	"strings"
)

// ParseNumber reads a number as people type it into a text field: an
// optional sign, digits (also Arabic-Indic and Persian ones), a decimal
// comma or point, thousands grouped by points, commas, spaces or the
// Arabic thousands separator. With one point or comma followed by exactly
// three digits, integer (a question for whole numbers) reads it as
// grouping (1.000 is a thousand), else as the decimal separator. Words,
// exponents, NaN and infinities are no number.
func ParseNumber(s string, integer bool) (float64, bool) {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '٠' && r <= '٩':
			b.WriteRune('0' + r - '٠')
		case r >= '۰' && r <= '۹':
			b.WriteRune('0' + r - '۰')
		case r == '٫': // Arabic decimal separator
			b.WriteByte('.')
		case r == '٬', r == ' ', r == '\u00a0', r == '\u202f', r == '\u2009': // grouping
			b.WriteByte(' ')
		case r == '−': // minus sign
			b.WriteByte('-')
		default:
			b.WriteRune(r)
		}
	}
	t := b.String()
	neg := false
	if t != "" && (t[0] == '-' || t[0] == '+') {
		neg, t = t[0] == '-', t[1:]
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; !(c >= '0' && c <= '9' || c == '.' || c == ',' || c == ' ') {
			return 0, false
		}
	}
	commas, points := strings.Count(t, ","), strings.Count(t, ".")
	// dec is the decimal separator (0: none); every other mark groups.
	var dec byte
	switch {
	case commas > 0 && points > 0:
		dec = t[strings.LastIndexAny(t, ",.")]
	case commas+points == 1:
		dec = ','
		if points == 1 {
			dec = '.'
		}
		i := strings.IndexByte(t, dec)
		if integer && len(t)-i-1 == 3 && i > 0 && i <= 3 && !strings.Contains(t, " ") {
			dec = 0
		}
	}
	whole, frac := t, ""
	if dec != 0 {
		if strings.Count(t, string(dec)) != 1 {
			return 0, false
		}
		whole, frac, _ = strings.Cut(t, string(dec))
		if strings.ContainsAny(frac, " ,.") {
			return 0, false
		}
	}
	groups := strings.FieldsFunc(whole, func(r rune) bool { return r == ' ' || r == ',' || r == '.' })
	if len(groups) > 1 || (len(groups) == 1 && groups[0] != whole) {
		if strings.Join(groups, "") == "" || strings.HasPrefix(whole, " ") || strings.HasSuffix(whole, " ") {
			return 0, false
		}
		for i, g := range groups {
			if (i == 0 && len(g) > 3) || (i > 0 && len(g) != 3) {
				return 0, false
			}
		}
		// Marks stand between groups, one at a time.
		if len(whole) != len(strings.Join(groups, "x")) {
			return 0, false
		}
	}
	digits := strings.Join(groups, "")
	if digits == "" && frac == "" {
		return 0, false
	}
	if digits == "" {
		digits = "0"
	}
	if frac != "" {
		digits += "." + frac
	}
	n, err := strconv.ParseFloat(digits, 64)
	if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// NumberExample is a number that fits q, for the message that asks for
// one: a year, a count, or a decimal in lang's way of writing it.
func NumberExample(q *Question, lang string) string {
	fits := func(x float64) bool {
		return (q.Min == nil || q.Min.Number <= x) && (q.Max == nil || x <= q.Max.Number)
	}
	if !q.Integer && !q.Kind().WholeBounds && fits(2.5) {
		if lang == "en" || lang == "ar" || lang == "fa" {
			return "2.5"
		}
		return "2,5"
	}
	switch {
	case fits(12):
		return "12"
	case fits(2005):
		return "2005"
	case q.Min != nil:
		return q.Min.String()
	}
	return q.Max.String()
}
