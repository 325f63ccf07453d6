// Package ids checks the ids that reach keys and paths: offices, surveys
// and meetings are 2 to 63 of a-z, 0-9 and "-", not starting with "-".
// Checked before any store call, so no malformed id reaches DynamoDB.
package ids

// Valid reports whether s can be an office, survey or meeting id.
func Valid(s string) bool {
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
