package validation

// ValidID reports whether s can be an office, survey or meeting id: 2 to
// 63 of a-z, 0-9 and "-", not starting with "-". Checked before any store
// call, so no malformed id reaches a key or a path.
func ValidID(s string) bool {
	if len(s) < 2 || len(s) > 63 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' && i > 0) {
			return false
		}
	}
	return true
}
