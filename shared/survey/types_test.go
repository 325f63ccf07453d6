package survey_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Outside the table, no code tells question types apart by name: it
// reads their entry (survey.Kind), so that a new type is one entry.
func TestNoQuestionTypeSwitchOutsideTheTable(t *testing.T) {
	named := regexp.MustCompile(`survey\.Type[A-Z]|switch [\w.]*\.Type \{|\.Type [!=]= Type[A-Z]`)
	for _, root := range []string{"..", "../../functions"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
				strings.HasSuffix(path, filepath.Join("survey", "types.go")) {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for i, line := range strings.Split(string(b), "\n") {
				if named.MatchString(line) {
					t.Errorf("%s:%d tells question types apart by name (read q.Kind()): %s", path, i+1, strings.TrimSpace(line))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
