package validation

// Code reports whether s is a code: a survey's section id, question id or
// option code, a meeting's topic code, a register's field, language or
// offer code: 1 to 64 of a-z, 0-9, "_" and "-", starting with a letter or
// digit.
func Code(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || i > 0 && (c == '_' || c == '-')) {
			return false
		}
	}
	return true
}
