package xlsform

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// TestLibreOfficeRoundTrip: a workbook opened in LibreOffice Calc and
// saved again (its own XML: its shared strings, its empty rows down to the
// sheet's end) still reads as the same definition. Skipped without
// LibreOffice (Debian's libreoffice-calc; make test does not install it).
func TestLibreOfficeRoundTrip(t *testing.T) {
	soffice := ""
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		t.Skip("LibreOffice not installed (apt-get install libreoffice-calc)")
	}
	dir := t.TempDir()
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "profile"))
	for name, d := range map[string]*survey.Definition{"demo": seed.DemoSurvey(), "synthetic": synthetic()} {
		var buf bytes.Buffer
		if err := Write(&buf, d); err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out")
		cmd := exec.Command(soffice, "--headless", "-env:UserInstallation="+profile, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, in)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: soffice: %v\n%s", name, err, b)
		}
		body, err := os.ReadFile(filepath.Join(out, name+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(body, buf.Bytes()) {
			t.Fatalf("%s: LibreOffice wrote the same bytes", name)
		}
		got, err := Read(body, "en")
		if err != nil {
			t.Fatalf("%s: %v %+v", name, err, apperr.As(err))
		}
		sameSettings(t, d.Settings, got)
	}
}
