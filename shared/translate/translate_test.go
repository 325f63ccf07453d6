package translate

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// TestToGerman: one signed TranslateText call per part (SigV4 for
// translate in eu-central-1, the JSON 1.1 target), the text as given
// (Arabic, Cyrillic) and German back; an error names no text.
func TestToGerman(t *testing.T) {
	var calls []map[string]string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		if r.Header.Get("X-Amz-Target") != "AWSShineFrontendService_20170701.TranslateText" || r.Header.Get("Content-Type") != "application/x-amz-json-1.1" ||
			!strings.Contains(auth, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") || !strings.Contains(auth, "/eu-central-1/translate/aws4_request") {
			t.Errorf("request: %v", r.Header)
		}
		b, _ := io.ReadAll(r.Body)
		var in map[string]string
		_ = json.Unmarshal(b, &in)
		calls = append(calls, in)
		if strings.Contains(in["Text"], "fail") {
			w.WriteHeader(400)
			_, _ = w.Write([]byte(`{"__type":"UnsupportedLanguagePairException","message":"fail in ` + in["Text"] + `"}`))
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"TranslatedText": "DE:" + in["Text"], "SourceLanguageCode": in["SourceLanguageCode"], "TargetLanguageCode": "de"})
	}))
	defer srv.Close()
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")}
	c := NewAt(cfg, srv.URL+"/")
	got, err := c.ToGerman(context.Background(), "نحتاج إلى قاعة", "ar")
	if err != nil || got != "DE:نحتاج إلى قاعة" || calls[0]["SourceLanguageCode"] != "ar" || calls[0]["TargetLanguageCode"] != "de" {
		t.Errorf("%q %v %v", got, err, calls)
	}
	if _, err := c.ToGerman(context.Background(), "fail Секрет", "ru"); err == nil || strings.Contains(err.Error(), "Секрет") ||
		!strings.Contains(err.Error(), "UnsupportedLanguagePairException") {
		t.Errorf("error %v", err)
	}
	// A long text goes in parts within the service's limit.
	calls = nil
	long := strings.Repeat("Слово ", 3000) // 33,000 bytes
	got, err = c.ToGerman(context.Background(), long, "ru")
	if err != nil || len(calls) != 4 || got != "DE:"+calls[0]["Text"]+"DE:"+calls[1]["Text"]+"DE:"+calls[2]["Text"]+"DE:"+calls[3]["Text"] {
		t.Errorf("long text: %d calls, %v", len(calls), err)
	}
	for _, p := range Split(long, maxBytes) {
		if len(p) > maxBytes || !utf8.ValidString(p) {
			t.Errorf("part of %d bytes, valid %v", len(p), utf8.ValidString(p))
		}
	}
	if strings.Join(Split(long, maxBytes), "") != long {
		t.Error("the parts are not the text")
	}
}
