package web

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/web/assets"
)

// TestAssetEncodings: the stylesheet goes out as brotli when the browser
// takes it, else gzip, else as it is: always the bodies made at build
// time, byte for byte (no compression at the request), cached for a year.
func TestAssetEncodings(t *testing.T) {
	for _, path := range Stylesheets() {
		file := strings.TrimPrefix(path, "/assets/")
		a := assets.All()[file]
		for _, c := range []struct {
			accept, encoding string
			body             []byte
		}{
			{"gzip, deflate, br, zstd", "br", a.Brotli},
			{"br;q=1.0, gzip;q=0.8", "br", a.Brotli},
			{"gzip, deflate", "gzip", a.Gzip},
			{"br;q=0, gzip", "gzip", a.Gzip},
			{"", "", a.Body()},
			{"identity", "", a.Body()},
		} {
			resp, ok := Asset(file, c.accept)
			if !ok {
				t.Fatalf("%s: not found", file)
			}
			body := []byte(resp.Body)
			if resp.IsBase64Encoded {
				body, _ = base64.StdEncoding.DecodeString(resp.Body)
			}
			if resp.Headers["content-encoding"] != c.encoding || string(body) != string(c.body) || len(c.body) == 0 {
				t.Errorf("%s, Accept-Encoding %q: %q, %d bytes, want %q, %d bytes", file, c.accept, resp.Headers["content-encoding"], len(body), c.encoding, len(c.body))
			}
			if resp.Headers["cache-control"] != "public, max-age=31536000, immutable" || resp.Headers["vary"] != "Accept-Encoding" ||
				resp.Headers["content-type"] != "text/css; charset=utf-8" {
				t.Errorf("%s: headers %v", file, resp.Headers)
			}
		}
	}
	if _, ok := Asset("kern.min.css", "gzip"); ok {
		t.Error("an unfingerprinted name is served")
	}
}
