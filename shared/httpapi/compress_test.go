package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"io"
	"regexp"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{
		"": false, "identity": false, "br": false, "gzip": true, "GZIP": true, "x-gzip": true, "*": true,
		"gzip, deflate, br, zstd": true, "br;q=1.0, gzip;q=0.5": true, "gzip;q=0": false, "gzip; q=0.000": false,
		"gzip;q=0.001": true, "deflate, gzip;q=0": false, "gzipx": false,
	} {
		if got := httpapi.AcceptsGzip(h); got != want {
			t.Errorf("AcceptsGzip(%q) = %v", h, got)
		}
	}
}

func gunzip(t *testing.T, resp events.APIGatewayV2HTTPResponse) string {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(resp.Body)
	if err != nil || !resp.IsBase64Encoded {
		t.Fatalf("not base64: %v", err)
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestPagesCompressed: a browser that accepts gzip gets the same page and
// CSS gzipped, with Vary; one that does not gets them as they are, and
// small answers are left alone.
func TestPagesCompressed(t *testing.T) {
	a := newAPI(t)
	p := map[string]string{"surveyId": seed.SurveyID}
	path := "/s/" + seed.SurveyID
	plain := testenv.Page(t, a.handler, "GET", "/s/{surveyId}", path, p, "lang=de", nil, nil)
	gz := testenv.Page(t, a.handler, "GET", "/s/{surveyId}", path, p, "lang=de", nil, map[string]string{"accept-encoding": "gzip, deflate, br"})
	if plain.IsBase64Encoded || plain.Headers["content-encoding"] != "" || plain.Headers["vary"] != "Accept-Encoding" {
		t.Errorf("without Accept-Encoding: %v", plain.Headers)
	}
	if gz.Headers["content-encoding"] != "gzip" || gz.Headers["vary"] != "Accept-Encoding" {
		t.Fatalf("with gzip: %v", gz.Headers)
	}
	// The form stamp differs between two renderings; the rest is the same.
	stampRe := regexp.MustCompile(`name="` + web.StampField + `" value="[^"]*"`)
	if got, want := stampRe.ReplaceAllString(gunzip(t, gz), ""), stampRe.ReplaceAllString(plain.Body, ""); got != want {
		t.Errorf("gzip page differs: %d vs %d bytes", len(got), len(want))
	}
	t.Logf("survey page: %d bytes, %d base64 of gzip", len(plain.Body), len(gz.Body))
	refused := testenv.Page(t, a.handler, "GET", "/s/{surveyId}", path, p, "lang=de", nil, map[string]string{"accept-encoding": "gzip;q=0, identity"})
	if refused.IsBase64Encoded || refused.Headers["content-encoding"] != "" {
		t.Errorf("gzip;q=0 got gzip")
	}

	css := regexp.MustCompile(`/assets/(kern\.min\.[0-9a-f]+\.css)`).FindStringSubmatch(plain.Body)
	if css == nil {
		t.Fatal("no stylesheet link")
	}
	cp := map[string]string{"file": css[1]}
	cssPlain := testenv.Page(t, a.handler, "GET", "/assets/{file}", "/assets/"+css[1], cp, "", nil, nil)
	cssGz := testenv.Page(t, a.handler, "GET", "/assets/{file}", "/assets/"+css[1], cp, "", nil, map[string]string{"accept-encoding": "gzip"})
	if cssGz.Headers["content-encoding"] != "gzip" || gunzip(t, cssGz) != cssPlain.Body || cssPlain.Headers["content-encoding"] != "" {
		t.Errorf("stylesheet: %v / %v", cssGz.Headers, cssPlain.Headers)
	}

	small := a.call(t, events.APIGatewayV2HTTPRequest{RouteKey: "GET /surveys/{surveyId}/nope", Headers: map[string]string{"accept-encoding": "gzip"}})
	if small.IsBase64Encoded || small.Headers["content-encoding"] != "" {
		t.Errorf("a small error answer was compressed: %v", small.Headers)
	}
}
